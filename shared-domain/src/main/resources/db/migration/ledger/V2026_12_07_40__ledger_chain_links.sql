-- The ledger's hash chain moves into a table of its own, insert-only: ledger_chain_link,
-- one row per sealed entry (its tenant, chain position and seq, the digest of its postings
-- and the link's hash). Sealing used to update each entry row once (chain_position,
-- chain_postings_hash, chain_hash, sealed_at); because chain_hash was in the predicate of
-- the unsealed-entries index and chain_position was indexed, that update was never HOT: a
-- second copy of every entry, with a new entry in each of its indexes, WAL for all of it
-- and dead rows for vacuum (BENCHMARKS.md, ledger, run 8). Now an entry row is written
-- once and never changes, the application role may not update it at all, and the chain's
-- head remembers the last sealed seq: the unsealed entries are those after it, walked on
-- the (tenant_id, seq, entry_id) key the postings already need. See docs/ledger.md, Hash
-- chain.
SELECT set_config('app.cross_tenant', 'on', true);

CREATE TABLE ledger_chain_link
(
    tenant_id      uuid        NOT NULL,
    chain_position bigint      NOT NULL,
    seq            bigint      NOT NULL,
    postings_hash  bytea       NOT NULL,
    chain_hash     bytea       NOT NULL,
    sealed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, chain_position),
    CONSTRAINT ledger_chain_link_seq_key UNIQUE (tenant_id, seq)
);
ALTER TABLE ledger_chain_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_chain_link FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_chain_link
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_chain_link FROM ${app_role};

-- A link is written once: not even the owner changes one without switching this off.
CREATE FUNCTION ledger_chain_link_sealed() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'ledger chain link % of tenant % is sealed', OLD.chain_position, OLD.tenant_id
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_chain_link_sealed BEFORE UPDATE ON ledger_chain_link
    FOR EACH ROW EXECUTE FUNCTION ledger_chain_link_sealed();
CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger_chain_link
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_delete();
CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger_chain_link
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();

ALTER TABLE ledger_chain ADD COLUMN last_seq bigint NOT NULL DEFAULT 0;

-- the links sealed so far, and where each chain's sealing stands
INSERT INTO ledger_chain_link (tenant_id, chain_position, seq, postings_hash, chain_hash, sealed_at)
SELECT tenant_id, chain_position, seq, chain_postings_hash, chain_hash, sealed_at
FROM ledger_entry WHERE chain_position IS NOT NULL;
UPDATE ledger_chain c
SET last_seq = coalesce((SELECT max(l.seq) FROM ledger_chain_link l WHERE l.tenant_id = c.tenant_id), 0);

-- entries: written once, never updated
DROP TRIGGER ledger_entry_seal_once ON ledger_entry;
DROP FUNCTION ledger_entry_seal_once();
DROP INDEX ledger_entry_unsealed_idx;
DROP INDEX ledger_entry_chain_position_key;
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_chain_whole;
ALTER TABLE ledger_entry DROP COLUMN chain_position, DROP COLUMN chain_postings_hash, DROP COLUMN chain_hash,
    DROP COLUMN sealed_at;
REVOKE UPDATE ON ledger_entry FROM ${app_role};
-- seq is an identity column (GENERATED ALWAYS): unique by construction, and unique per
-- tenant through ledger_entry_posting_key; one index less for every entry written
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_seq_key;
-- entries without metadata (most) stay out of the metadata index: a GIN insert and an
-- update of its metapage less for each of them; a metadata filter says "metadata <> '{}'"
-- too, so the planner may use this index
DROP INDEX ledger_entry_metadata_idx;
CREATE INDEX ledger_entry_metadata_idx ON ledger_entry USING gin (metadata jsonb_path_ops)
    WHERE metadata <> '{}'::jsonb;

-- The tenants with entries old enough to seal: those whose first entry after the last
-- sealed one was inserted more than `margin` ago.
CREATE OR REPLACE FUNCTION ledger_chains_to_seal(margin interval) RETURNS SETOF uuid
    LANGUAGE plpgsql
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    RETURN QUERY SELECT t.tenant_id
                 FROM (SELECT DISTINCT l.tenant_id FROM ledger l) t
                 LEFT JOIN ledger_chain c ON c.tenant_id = t.tenant_id
                 WHERE (SELECT e.inserted_at FROM ledger_entry e
                        WHERE e.tenant_id = t.tenant_id AND e.seq > coalesce(c.last_seq, 0)
                        ORDER BY e.seq LIMIT 1) < now() - margin;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
END
$$;

-- the purge deletes the links of the entries it deletes
CREATE OR REPLACE FUNCTION ledger_purge_tenant(purged_tenant uuid, max_entries int DEFAULT 2000) RETURNS bigint
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
        DELETE FROM ledger_chain_link WHERE tenant_id = purged_tenant AND seq = ANY (batch);
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
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
