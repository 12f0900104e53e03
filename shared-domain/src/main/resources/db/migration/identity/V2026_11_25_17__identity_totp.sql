-- TOTP second factor. The seed is sealed with envelope encryption (purpose totp-seed);
-- confirmed_at stays null while the user has not yet proven their authenticator works.
-- last_step is the time step of the last accepted code: a code is accepted only for a
-- later step, so an observed code cannot be replayed within its window.
CREATE TABLE totp_credential
(
    user_id      uuid        NOT NULL PRIMARY KEY REFERENCES user_account (user_id),
    sealed_seed  text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    confirmed_at timestamptz,
    last_step    bigint      NOT NULL DEFAULT 0
);

-- Recovery codes: 80 random bits each, so an unsalted SHA-256 is as safe as a slow hash.
CREATE TABLE recovery_code
(
    user_id   uuid        NOT NULL REFERENCES user_account (user_id),
    code_hash bytea       NOT NULL CHECK (length(code_hash) = 32),
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);
