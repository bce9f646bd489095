-- +goose Up
-- The OAuth2 authorization server's shared state. Codes and refresh tokens are stored
-- as SHA-256 digests only. Times are Unix microseconds, as in 00001.
CREATE TABLE oauth_signing_keys (
    kid         TEXT PRIMARY KEY,
    algorithm   TEXT NOT NULL,
    private_der BLOB NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE oauth_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE oauth_codes (
    digest       BLOB PRIMARY KEY,
    session_id   TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    challenge    TEXT NOT NULL,
    login        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
);
CREATE INDEX oauth_codes_by_expiry ON oauth_codes (expires_at);

CREATE TABLE oauth_sessions (
    id         TEXT PRIMARY KEY,
    login      TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX oauth_sessions_by_expiry ON oauth_sessions (expires_at);

CREATE TABLE oauth_refresh_tokens (
    digest     BLOB PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES oauth_sessions (id) ON DELETE CASCADE,
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX oauth_refresh_tokens_by_session ON oauth_refresh_tokens (session_id);

-- +goose Down
DROP TABLE oauth_refresh_tokens;
DROP TABLE oauth_sessions;
DROP TABLE oauth_codes;
DROP TABLE oauth_secrets;
DROP TABLE oauth_signing_keys;
