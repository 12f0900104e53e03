-- Finding the chains to seal read a tenant's whole sealed history on every call (every
-- 5 s): under row-level security the planner kept "seq > last_seq", compared with a
-- column of the joined ledger_chain, out of the index condition and filtered every entry
-- of the tenant on the (tenant_id, seq) key — 83 ms at 100,000 entries, growing with the
-- books. Now each tenant's bound is a plain value, walked on the key from the last seal:
-- one index probe per tenant. Bitmap scans are off for the same reason as in the sealer:
-- planned on stale statistics, a bitmap scan and a sort of the whole unsealed backlog
-- would be read instead of its first entry.
CREATE OR REPLACE FUNCTION ledger_chains_to_seal(margin interval) RETURNS SETOF uuid
    LANGUAGE plpgsql
    SET enable_bitmapscan = off
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
    tenant   uuid;
    sealed   bigint;
    oldest   timestamptz;
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    FOR tenant, sealed IN SELECT t.tenant_id, coalesce(c.last_seq, 0)
                          FROM (SELECT DISTINCT l.tenant_id FROM ledger l) t
                          LEFT JOIN ledger_chain c ON c.tenant_id = t.tenant_id LOOP
        SELECT e.inserted_at INTO oldest FROM ledger_entry e
        WHERE e.tenant_id = tenant AND e.seq > sealed
        ORDER BY e.seq LIMIT 1;
        IF oldest < now() - margin THEN
            RETURN NEXT tenant;
        END IF;
    END LOOP;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
END
$$;
