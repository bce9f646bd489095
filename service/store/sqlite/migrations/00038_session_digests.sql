-- +goose Up
-- Session identifiers are now stored as SHA-256 digests (the server keeps the clear
-- ones inside the codes, refresh tokens and access tokens it hands out). Sessions
-- stored before held clear identifiers: they end here, and every administrator
-- signs in again once.
DELETE FROM oauth_refresh_tokens;
DELETE FROM oauth_codes;
DELETE FROM oauth_sessions;

-- +goose Down
SELECT 1;
