-- Invitations to join a tenant with a role. Only the SHA-256 of the single-use token is
-- stored: whoever reads the table (or a backup) cannot accept an invitation.
CREATE TABLE invitation
(
    invitation_id uuid        NOT NULL PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenant (tenant_id),
    brand_id      uuid,
    email         text        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    role          text        NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'billing', 'viewer')),
    token_hash    bytea       NOT NULL CHECK (length(token_hash) = 32),
    invited_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    accepted_at   timestamptz,
    accepted_by   uuid REFERENCES user_account (user_id),
    revoked_at    timestamptz,
    CONSTRAINT invitation_token_key UNIQUE (token_hash),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX invitation_tenant_created_idx ON invitation (tenant_id, created_at, invitation_id);

ALTER TABLE invitation ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitation
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- Whoever opens an invitation link has no tenant yet: this function names the tenant of a
-- token (and nothing else), so the acceptance can then work inside that tenant's scope.
CREATE POLICY token_lookup ON invitation FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION octavia_invitation_tenant(p_token_hash bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$ SELECT tenant_id FROM invitation WHERE token_hash = p_token_hash $$;
REVOKE ALL ON FUNCTION octavia_invitation_tenant(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_invitation_tenant(bytea) TO ${app_role};
