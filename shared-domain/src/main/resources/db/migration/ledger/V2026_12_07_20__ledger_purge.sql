-- Ledger lifecycle: the timeout sweep backs off from a pending entry it cannot void, and a
-- purged tenant's ledger is deleted through one narrow function. See docs/ledger.md
-- (Pending timeouts, Purge) and ADR 0010.

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

-- 2. Postings point at their entry by (tenant_id, seq, entry_id) instead of (tenant_id,
-- entry_id): the same guarantee, but deleting an entry (only the purge does) makes
-- PostgreSQL look for postings still pointing at it, and by seq the postings' primary key
-- finds them at once, while by entry_id no index did and each check read all of the
-- tenant's postings (a purge quadratic in the tenant's size). The index this needs is on
-- entries, one row per entry rather than per posting, to keep the write path's extra work
-- small; it also serves the purge's newest-first batches.
CREATE UNIQUE INDEX ledger_entry_posting_key ON ledger_entry (tenant_id, seq, entry_id);
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_posting_key UNIQUE USING INDEX ledger_entry_posting_key;
ALTER TABLE ledger_posting DROP CONSTRAINT ledger_posting_entry_fk;
ALTER TABLE ledger_posting ADD CONSTRAINT ledger_posting_entry_fk FOREIGN KEY (tenant_id, seq, entry_id)
    REFERENCES ledger_entry (tenant_id, seq, entry_id);

-- 3. Purge. Once a tenant is purged (ADR 0004), its ledger is deleted by
-- ledger_purge_tenant() below and by nothing else. What the purge deleted stays as the
-- record that the books existed: counts and the chain head at the purge (which an anchor
-- kept elsewhere can still be compared with); no amounts, no names.
CREATE TABLE ledger_purge
(
    tenant_id      uuid        NOT NULL PRIMARY KEY,
    started_at     timestamptz NOT NULL DEFAULT now(),
    completed_at   timestamptz,
    ledgers        bigint      NOT NULL DEFAULT 0,
    accounts       bigint      NOT NULL DEFAULT 0,
    entries        bigint      NOT NULL DEFAULT 0,
    postings       bigint      NOT NULL DEFAULT 0,
    chain_position bigint,
    chain_hash     bytea
);
ALTER TABLE ledger_purge ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_purge FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_purge
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ledger_purge FROM ${app_role};

-- The books' rows are deleted by the purge function only, whoever is connected: it marks
-- its transaction with the tenant it purges (app.ledger_purge), and these triggers refuse
-- every other DELETE and every TRUNCATE. The application role has no DELETE on these tables
-- anyway; the triggers keep the owner from deleting books by mistake.
CREATE FUNCTION ledger_refuse_delete() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF current_setting('app.ledger_purge', true) IS DISTINCT FROM OLD.tenant_id::text THEN
        RAISE EXCEPTION 'rows of % are deleted only by ledger_purge_tenant() once their tenant is purged', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$$;
CREATE FUNCTION ledger_refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% is never truncated: a purged tenant''s rows go through ledger_purge_tenant()', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION ledger_refuse_delete();
CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger_account FOR EACH ROW EXECUTE FUNCTION ledger_refuse_delete();
CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger_period FOR EACH ROW EXECUTE FUNCTION ledger_refuse_delete();
CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_refuse_delete();
CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger_posting FOR EACH ROW EXECUTE FUNCTION ledger_refuse_delete();
CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger_chain FOR EACH ROW EXECUTE FUNCTION ledger_refuse_delete();
CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();
CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger_account FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();
CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger_period FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();
CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger_entry FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();
CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger_posting FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();
CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger_chain FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();

-- Deletes a purged tenant's ledger, a slice per call: its open pending entries, then at
-- most max_entries entries with their postings, newest first (a resolution or reversal
-- always has a higher seq than the entry it points at); once no entry is left, balance
-- monitors, accounts, periods, the chain head and the ledgers. Returns the rows it
-- deleted: call it, each time in a transaction of its own, until it returns 0. So a large
-- tenant is never one huge transaction, and a purge cut short by a crash resumes where it
-- stopped. It runs as its owner (the application role may not delete the books) and only
-- for a tenant whose row says purged, so not even a compromised application can empty a
-- live tenant's books; row-level security confines it to that tenant's rows.
CREATE FUNCTION ledger_purge_tenant(purged_tenant uuid, max_entries int DEFAULT 2000) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    -- pg_temp last: no temporary table of the caller can stand in for tenant or the books
    SET search_path = public, pg_temp
AS $$
DECLARE
    previous_tenant       text := current_setting('app.tenant_id', true);
    previous_cross_tenant text := current_setting('app.cross_tenant', true);
    tenant_status         text;
    batch                 bigint[];
    n                     bigint;
    deleted               bigint := 0;
    deleted_entries       bigint := 0;
    deleted_postings      bigint := 0;
    deleted_accounts      bigint := 0;
    deleted_ledgers       bigint := 0;
BEGIN
    IF purged_tenant IS NULL OR max_entries IS NULL OR max_entries < 1 THEN
        RAISE EXCEPTION 'ledger_purge_tenant needs a tenant and a positive batch size'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM set_config('app.tenant_id', purged_tenant::text, true);
    PERFORM set_config('app.cross_tenant', '', true);
    SELECT t.status INTO tenant_status FROM tenant t WHERE t.tenant_id = purged_tenant;
    IF tenant_status IS DISTINCT FROM 'purged' THEN
        RAISE EXCEPTION 'tenant % is not purged: its ledger is kept', purged_tenant
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('app.ledger_purge', purged_tenant::text, true);

    INSERT INTO ledger_purge (tenant_id, chain_position, chain_hash)
    SELECT purged_tenant, c.last_position, c.last_hash
    FROM (SELECT) AS one LEFT JOIN ledger_chain c ON c.tenant_id = purged_tenant
    ON CONFLICT (tenant_id) DO NOTHING;

    -- open reservations first: the timeout sweep then finds nothing of this tenant to void
    DELETE FROM ledger_pending WHERE tenant_id = purged_tenant;
    GET DIAGNOSTICS n = ROW_COUNT;
    deleted := deleted + n;

    SELECT array_agg(e.seq) INTO batch
    FROM (SELECT seq FROM ledger_entry WHERE tenant_id = purged_tenant ORDER BY seq DESC LIMIT max_entries) e;
    IF batch IS NOT NULL THEN
        DELETE FROM ledger_posting WHERE tenant_id = purged_tenant AND seq = ANY (batch);
        GET DIAGNOSTICS deleted_postings = ROW_COUNT;
        DELETE FROM ledger_entry WHERE tenant_id = purged_tenant AND seq = ANY (batch);
        GET DIAGNOSTICS deleted_entries = ROW_COUNT;
        deleted := deleted + deleted_postings + deleted_entries;
    ELSE
        DELETE FROM ledger_balance_monitor WHERE tenant_id = purged_tenant;
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
        DELETE FROM ledger_account WHERE tenant_id = purged_tenant;
        GET DIAGNOSTICS deleted_accounts = ROW_COUNT;
        DELETE FROM ledger_period WHERE tenant_id = purged_tenant;
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + deleted_accounts + n;
        DELETE FROM ledger_chain WHERE tenant_id = purged_tenant;
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
        DELETE FROM ledger WHERE tenant_id = purged_tenant;
        GET DIAGNOSTICS deleted_ledgers = ROW_COUNT;
        deleted := deleted + deleted_ledgers;
    END IF;

    UPDATE ledger_purge
    SET entries      = entries + deleted_entries,
        postings     = postings + deleted_postings,
        accounts     = accounts + deleted_accounts,
        ledgers      = ledgers + deleted_ledgers,
        completed_at = CASE WHEN batch IS NULL THEN coalesce(completed_at, now()) END
    WHERE tenant_id = purged_tenant;

    PERFORM set_config('app.ledger_purge', '', true);
    PERFORM set_config('app.cross_tenant', coalesce(previous_cross_tenant, ''), true);
    PERFORM set_config('app.tenant_id', coalesce(previous_tenant, ''), true);
    RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION ledger_purge_tenant(uuid, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_purge_tenant(uuid, int) TO ${app_role};
