-- Console users, their sessions and their API tokens. Times are epoch milliseconds (UTC) so the same SQL runs on H2
-- and PostgreSQL without time-zone conversions. Session ids and API tokens are stored only as SHA-256 hashes: a copy
-- of the database does not let anyone log in.
CREATE TABLE console_users (
    name             VARCHAR(100) PRIMARY KEY,
    password_hash    VARCHAR(500) NOT NULL,
    role             VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'desk', 'viewer')),
    desk_id          VARCHAR(200),
    failed_attempts  INTEGER      NOT NULL DEFAULT 0,
    locked_until     BIGINT,
    created_at       BIGINT       NOT NULL
);

CREATE TABLE console_sessions (
    id_hash     VARCHAR(64)  PRIMARY KEY,
    user_name   VARCHAR(100) NOT NULL REFERENCES console_users (name) ON DELETE CASCADE,
    csrf_token  VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_name);

CREATE TABLE api_tokens (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    user_name   VARCHAR(100) NOT NULL REFERENCES console_users (name) ON DELETE CASCADE,
    created_at  BIGINT       NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_name);
