-- Single-use tokens of an account (password reset, e-mail verification): only the SHA-256
-- of each is stored. Accounts are global, so these are not under row-level security.
CREATE TABLE account_token
(
    token_hash bytea       NOT NULL PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id    uuid        NOT NULL REFERENCES user_account (user_id),
    purpose    text        NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX account_token_user_idx ON account_token (user_id, purpose);
