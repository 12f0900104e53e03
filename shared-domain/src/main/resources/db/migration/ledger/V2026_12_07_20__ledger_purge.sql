-- Ledger lifecycle: the timeout sweep backs off from a pending entry it cannot void. See
-- docs/ledger.md (Pending timeouts).

-- 1. Timeout sweep. A pending entry whose void fails waits with a growing delay (attempts,
-- retry_at) instead of being picked again every second, so it neither spins nor holds up
-- the entries due after it; last_error tells operators why.
ALTER TABLE ledger_pending ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE ledger_pending ADD COLUMN retry_at timestamptz;
ALTER TABLE ledger_pending ADD COLUMN last_error text CHECK (length(last_error) <= 500);
-- due at the later of the timeout and the next retry
DROP INDEX ledger_pending_timeout_idx;
CREATE INDEX ledger_pending_due_idx ON ledger_pending (greatest(timeout_at, retry_at)) WHERE timeout_at IS NOT NULL;
CREATE INDEX ledger_pending_parked_idx ON ledger_pending (tenant_id) WHERE attempts > 0;

DROP FUNCTION ledger_pending_timed_out(int);
CREATE FUNCTION ledger_pending_timed_out(max_rows int) RETURNS TABLE (tenant_id uuid, entry_id uuid, attempts int)
    LANGUAGE plpgsql
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    RETURN QUERY SELECT p.tenant_id, p.entry_id, p.attempts FROM ledger_pending p
                 WHERE p.timeout_at IS NOT NULL AND greatest(p.timeout_at, p.retry_at) <= now()
                 ORDER BY greatest(p.timeout_at, p.retry_at) LIMIT max_rows;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
END
$$;
GRANT EXECUTE ON FUNCTION ledger_pending_timed_out(int) TO ${app_role};

-- How many timed-out pending entries wait for another attempt, across tenants (a count
-- only), for the gauge operators alert on.
CREATE FUNCTION ledger_pending_parked() RETURNS bigint
    LANGUAGE plpgsql
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
    parked   bigint;
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    SELECT count(*) INTO parked FROM ledger_pending WHERE attempts > 0;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
    RETURN parked;
END
$$;
GRANT EXECUTE ON FUNCTION ledger_pending_parked() TO ${app_role};
