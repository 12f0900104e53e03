-- The background re-check of pending e-mail domains looks across tenants without a tenant
-- scope: this function answers exactly "which pending domains are due", with the rights of
-- its owner, the schema owner (the sign_in_lookup policy lets it read); the application
-- role still cannot read other tenants' rows.
CREATE FUNCTION octavia_email_domains_due(p_checked_before timestamptz, p_created_after timestamptz, p_limit integer)
    RETURNS TABLE (tenant_id uuid, domain text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT d.tenant_id, d.domain
FROM identity_email_domain d
WHERE d.verified_at IS NULL
  AND d.created_at > p_created_after
  AND (d.last_checked_at IS NULL OR d.last_checked_at < p_checked_before)
ORDER BY d.last_checked_at NULLS FIRST, d.created_at
LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION octavia_email_domains_due(timestamptz, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_email_domains_due(timestamptz, timestamptz, integer) TO ${app_role};
