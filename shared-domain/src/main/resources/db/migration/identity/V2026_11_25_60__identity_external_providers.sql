-- A tenant's external OpenID Connect provider (at most one per tenant): its users may sign
-- in there, and a verified address of one of the allowed domains joins the tenant just in
-- time with jit_role. The client secret is sealed with envelope encryption (purpose
-- identity-provider-secret) and never leaves the module in clear except to the sign-in.
CREATE TABLE identity_provider
(
    tenant_id       uuid        NOT NULL PRIMARY KEY REFERENCES tenant (tenant_id),
    display_name    text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    issuer_url      text        NOT NULL CHECK (length(issuer_url) BETWEEN 8 AND 500),
    client_id       text        NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
    sealed_secret   text        NOT NULL,
    -- lower case, without '@'
    allowed_domains text[]      NOT NULL DEFAULT '{}',
    jit_role        text        NOT NULL DEFAULT 'viewer'
        CHECK (jit_role IN ('admin', 'developer', 'billing', 'viewer')),
    enabled         boolean     NOT NULL DEFAULT true,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE identity_provider ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_provider FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON identity_provider
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
-- the e-mail-first sign-in looks providers up by domain
CREATE INDEX identity_provider_domains_idx ON identity_provider USING gin (allowed_domains);

-- The sign-in page knows a tenant (from the authorization request or the brand hostname)
-- or an address, but has no tenant scope yet. These two functions answer exactly "which
-- enabled provider serves this tenant / this e-mail domain", with the rights of their
-- owner, the schema owner; the application role still cannot read other tenants' rows.
CREATE POLICY sign_in_lookup ON identity_provider FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION octavia_identity_provider_for_tenant(p_tenant uuid)
    RETURNS TABLE (tenant_id uuid, display_name text, issuer_url text, client_id text, sealed_secret text,
                   allowed_domains text[], jit_role text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT p.tenant_id, p.display_name, p.issuer_url, p.client_id, p.sealed_secret, p.allowed_domains, p.jit_role
FROM identity_provider p
WHERE p.tenant_id = p_tenant AND p.enabled
$$;
REVOKE ALL ON FUNCTION octavia_identity_provider_for_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_identity_provider_for_tenant(uuid) TO ${app_role};

CREATE FUNCTION octavia_identity_providers_for_domain(p_domain text)
    RETURNS TABLE (tenant_id uuid, display_name text, issuer_url text, client_id text, sealed_secret text,
                   allowed_domains text[], jit_role text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT p.tenant_id, p.display_name, p.issuer_url, p.client_id, p.sealed_secret, p.allowed_domains, p.jit_role
FROM identity_provider p
WHERE p.allowed_domains @> ARRAY [lower(p_domain)] AND p.enabled
ORDER BY p.tenant_id
$$;
REVOKE ALL ON FUNCTION octavia_identity_providers_for_domain(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_identity_providers_for_domain(text) TO ${app_role};
