-- +goose Up
-- The OAuth2 authorization server's shared state. Codes and refresh tokens are stored
-- as SHA-256 digests only. Times are Unix microseconds and text is COLLATE "C", as in
-- 00001.
CREATE TABLE oauth_signing_keys (
    kid         TEXT COLLATE "C" PRIMARY KEY,
    algorithm   TEXT COLLATE "C" NOT NULL,
    private_der BYTEA NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE oauth_secrets (
    name  TEXT COLLATE "C" PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE oauth_codes (
    digest       BYTEA PRIMARY KEY,
    session_id   TEXT COLLATE "C" NOT NULL,
    client_id    TEXT COLLATE "C" NOT NULL,
    redirect_uri TEXT COLLATE "C" NOT NULL,
    challenge    TEXT COLLATE "C" NOT NULL,
    login        TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);
CREATE INDEX oauth_codes_by_expiry ON oauth_codes (expires_at);

CREATE TABLE oauth_sessions (
    id         TEXT COLLATE "C" PRIMARY KEY,
    login      TEXT COLLATE "C" NOT NULL,
    client_id  TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX oauth_sessions_by_expiry ON oauth_sessions (expires_at);

CREATE TABLE oauth_refresh_tokens (
    digest     BYTEA PRIMARY KEY,
    session_id TEXT COLLATE "C" NOT NULL REFERENCES oauth_sessions (id) ON DELETE CASCADE,
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX oauth_refresh_tokens_by_session ON oauth_refresh_tokens (session_id);

-- +goose Down
DROP TABLE oauth_refresh_tokens;
DROP TABLE oauth_sessions;
DROP TABLE oauth_codes;
DROP TABLE oauth_secrets;
DROP TABLE oauth_signing_keys;
