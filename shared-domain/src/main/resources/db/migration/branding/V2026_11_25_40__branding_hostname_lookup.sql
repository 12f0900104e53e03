-- The gateway resolves a request's Host (and checks a CORS Origin) before it knows the
-- tenant, while brand_hostname is under row-level security. This function answers exactly
-- one question — which tenant and brand own this hostname — without a tenant scope and
-- without the audited cross-tenant path (which would log every request). It runs with the
-- rights of its owner, the schema owner; the application role may call it but still cannot
-- read the table across tenants.

-- FORCE subjects the owner to the policies too: let the owner, and so the function, read
-- every tenant's hostnames (the owner only runs migrations).
CREATE POLICY hostname_lookup ON brand_hostname FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION octavia_brand_by_hostname(p_hostname text)
    RETURNS TABLE (tenant_id uuid, brand_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT h.tenant_id, h.brand_id
FROM brand_hostname h
WHERE h.hostname = lower(p_hostname)
$$;
-- functions are executable by PUBLIC unless revoked
REVOKE ALL ON FUNCTION octavia_brand_by_hostname(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_brand_by_hostname(text) TO ${app_role};
