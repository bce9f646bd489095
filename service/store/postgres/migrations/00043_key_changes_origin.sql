-- +goose Up
-- 00040's announcements also say which store made the change (its sesame.replica
-- setting, none for other tools), so that a replica skips the echo of a change it has
-- already announced to itself, and every change is announced once to each replica.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION sesame_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    origin TEXT := coalesce(current_setting('sesame.replica', true), '');
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
        PERFORM pg_notify('sesame_keys', NEW.id || '/' || origin);
    END IF;
    PERFORM pg_notify('sesame_keys', OLD.id || '/' || origin);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION sesame_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
        PERFORM pg_notify('sesame_keys', NEW.id);
    END IF;
    PERFORM pg_notify('sesame_keys', OLD.id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd
