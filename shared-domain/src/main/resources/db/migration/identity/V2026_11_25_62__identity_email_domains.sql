-- The e-mail domains a tenant claims for just-in-time membership through its external
-- identity provider. A domain counts only once verified: the tenant published the DNS TXT
-- record "octavia-verification=<token>" at "_octavia-challenge.<domain>" and the platform
-- found it. A tenant may list a domain another tenant claims, but only one tenant at a
-- time may hold it verified (the partial unique index, which row-level security does not
-- hide).
CREATE TABLE identity_email_domain
(
    tenant_id       uuid        NOT NULL REFERENCES tenant (tenant_id),
    domain          text        NOT NULL CHECK (domain = lower(domain) AND length(domain) BETWEEN 3 AND 253),
    token           text        NOT NULL CHECK (length(token) BETWEEN 16 AND 100),
    created_at      timestamptz NOT NULL DEFAULT now(),
    verified_at     timestamptz,
    last_checked_at timestamptz,
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    PRIMARY KEY (tenant_id, domain)
);
CREATE UNIQUE INDEX identity_email_domain_verified_key ON identity_email_domain (domain) WHERE verified_at IS NOT NULL;
ALTER TABLE identity_email_domain ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_email_domain FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON identity_email_domain
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
-- read by the sign-in lookups below, which run with the rights of the schema owner
CREATE POLICY sign_in_lookup ON identity_email_domain FOR SELECT TO CURRENT_USER USING (true);

-- The domains a provider already lists become pending domains of its tenant: they must be
-- verified before they count.
INSERT INTO identity_email_domain (tenant_id, domain, token)
SELECT p.tenant_id, d.domain, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
FROM identity_provider p, unnest(p.allowed_domains) AS d(domain)
ON CONFLICT DO NOTHING;

-- Only verified domains of the provider's tenant count, for the sign-in by tenant and by
-- address alike.
CREATE OR REPLACE FUNCTION octavia_identity_provider_for_tenant(p_tenant uuid)
    RETURNS TABLE (tenant_id uuid, display_name text, issuer_url text, client_id text, sealed_secret text,
                   allowed_domains text[], jit_role text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT p.tenant_id, p.display_name, p.issuer_url, p.client_id, p.sealed_secret,
       ARRAY(SELECT d FROM unnest(p.allowed_domains) AS d
             WHERE EXISTS (SELECT 1 FROM identity_email_domain v
                           WHERE v.tenant_id = p.tenant_id AND v.domain = d AND v.verified_at IS NOT NULL)),
       p.jit_role
FROM identity_provider p
WHERE p.tenant_id = p_tenant AND p.enabled
$$;

CREATE OR REPLACE FUNCTION octavia_identity_providers_for_domain(p_domain text)
    RETURNS TABLE (tenant_id uuid, display_name text, issuer_url text, client_id text, sealed_secret text,
                   allowed_domains text[], jit_role text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT p.tenant_id, p.display_name, p.issuer_url, p.client_id, p.sealed_secret,
       ARRAY(SELECT d FROM unnest(p.allowed_domains) AS d
             WHERE EXISTS (SELECT 1 FROM identity_email_domain v
                           WHERE v.tenant_id = p.tenant_id AND v.domain = d AND v.verified_at IS NOT NULL)),
       p.jit_role
FROM identity_provider p
JOIN identity_email_domain v ON v.tenant_id = p.tenant_id AND v.domain = lower(p_domain) AND v.verified_at IS NOT NULL
WHERE p.allowed_domains @> ARRAY [lower(p_domain)] AND p.enabled
ORDER BY p.tenant_id
$$;
