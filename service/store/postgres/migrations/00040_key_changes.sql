-- +goose Up
-- Replicas cache the keys they verify and learn of every change through LISTEN on
-- channel sesame_keys: after the commit of any change to a key that verification
-- depends on (status, expiry, secrets, grace, and whatever column comes next), its ID
-- is announced, whoever made it (a replica, the command line, plain SQL). Last-use
-- columns, written in batches every few seconds, are left out so that they cause no
-- churn; inserts need no announcement, since nothing caches a key that did not exist.
-- +goose StatementBegin
CREATE FUNCTION sesame_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
        PERFORM pg_notify('sesame_keys', NEW.id);
    END IF;
    PERFORM pg_notify('sesame_keys', OLD.id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER api_keys_changed AFTER UPDATE ON api_keys FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_used_at' - 'last_used_from' - 'old_secret_last_used_at' - 'old_secret_last_used_from')
          IS DISTINCT FROM
          (to_jsonb(NEW) - 'last_used_at' - 'last_used_from' - 'old_secret_last_used_at' - 'old_secret_last_used_from'))
    EXECUTE FUNCTION sesame_key_changed();
CREATE TRIGGER api_keys_deleted AFTER DELETE ON api_keys FOR EACH ROW
    EXECUTE FUNCTION sesame_key_changed();

-- +goose Down
DROP TRIGGER api_keys_deleted ON api_keys;
DROP TRIGGER api_keys_changed ON api_keys;
DROP FUNCTION sesame_key_changed();
