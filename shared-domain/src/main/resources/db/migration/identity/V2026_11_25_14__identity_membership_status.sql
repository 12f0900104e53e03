-- A membership can be disabled in its tenant without removing it (the user keeps the
-- account and their other tenants).
ALTER TABLE membership
    ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled'));
-- the members list pages by (created_at, user_id) within a tenant
CREATE INDEX membership_tenant_created_idx ON membership (tenant_id, created_at, user_id);

-- What a tenant demands of its users' sign-in. Tenant-owned, under row-level security.
CREATE TABLE tenant_security_policy
(
    tenant_id    uuid        NOT NULL PRIMARY KEY REFERENCES tenant (tenant_id),
    mfa_required boolean     NOT NULL DEFAULT false,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE tenant_security_policy ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_security_policy FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_security_policy
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- Sign-in happens before any tenant is chosen, but must know whether any of the user's
-- tenants demands a second factor. This function answers exactly that, with the rights of
-- its owner (the schema owner); the application role still cannot read other tenants'
-- policies or memberships.
CREATE POLICY mfa_lookup ON tenant_security_policy FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY mfa_lookup ON membership FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION octavia_mfa_required_for(p_user uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT EXISTS (SELECT 1
               FROM membership m
                        JOIN tenant_security_policy p ON p.tenant_id = m.tenant_id
               WHERE m.user_id = p_user AND m.status = 'active' AND p.mfa_required)
$$;
REVOKE ALL ON FUNCTION octavia_mfa_required_for(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_mfa_required_for(uuid) TO ${app_role};
