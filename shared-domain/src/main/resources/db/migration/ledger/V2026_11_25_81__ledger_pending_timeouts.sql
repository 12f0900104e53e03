-- The pending entries whose timeout passed, across tenants, for the sweep that voids them.
-- Like audit_chains_to_seal(): it returns ids only and switches the cross-tenant setting
-- on for this one query; each void then runs in its own tenant's scope.
CREATE FUNCTION ledger_pending_timed_out(max_rows int) RETURNS TABLE (tenant_id uuid, entry_id uuid)
    LANGUAGE plpgsql
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    RETURN QUERY SELECT p.tenant_id, p.entry_id FROM ledger_pending p
                 WHERE p.timeout_at IS NOT NULL AND p.timeout_at <= now()
                 ORDER BY p.timeout_at LIMIT max_rows;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
END
$$;
GRANT EXECUTE ON FUNCTION ledger_pending_timed_out(int) TO ${app_role};
