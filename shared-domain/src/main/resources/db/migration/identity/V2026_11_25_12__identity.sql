-- User accounts: global identities (one per person), not owned by a tenant, so no
-- row-level security; memberships in tenants follow in a later migration.
CREATE TABLE user_account
(
    user_id        uuid        NOT NULL PRIMARY KEY,
    -- stored in lower case, so the unique constraint compares case-insensitively
    email          text        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name   text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    -- null for accounts that sign in only through an external identity provider
    password_hash  text,
    platform_roles text[]      NOT NULL DEFAULT '{}'
        CHECK (platform_roles <@ ARRAY ['platform_admin', 'support', 'finance']::text[]),
    status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    locale         text        NOT NULL DEFAULT 'en',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL DEFAULT 0,
    CONSTRAINT user_account_email_key UNIQUE (email)
);
