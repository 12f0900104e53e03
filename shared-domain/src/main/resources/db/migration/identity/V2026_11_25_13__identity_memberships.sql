-- The user a transaction acts for (set with the tenant by the transaction manager), so a
-- user may read their own memberships in every tenant before any tenant is chosen.
CREATE FUNCTION octavia_current_user() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION octavia_current_user() TO ${app_role};

ALTER TABLE user_account
    ADD COLUMN email_verified boolean NOT NULL DEFAULT false,
    ADD COLUMN time_zone      text    NOT NULL DEFAULT 'UTC';

-- A user's role in a tenant: tenant-owned, under row-level security.
CREATE TABLE membership
(
    tenant_id  uuid        NOT NULL REFERENCES tenant (tenant_id),
    user_id    uuid        NOT NULL REFERENCES user_account (user_id),
    role       text        NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'billing', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX membership_user_idx ON membership (user_id);

ALTER TABLE membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON membership
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant() OR user_id = octavia_current_user())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
