-- Ledger integrity: the per-tenant hash chain over entries, the lists the background jobs
-- work through, and balance monitors. See docs/ledger.md (Hash chain, Invariants, Balance
-- monitors).

-- The chain: each sealed entry gets its place in its tenant's chain, the digest of its
-- postings as they were sealed (so a verification can tell a changed posting from a
-- changed entry) and chain_hash = SHA-256(previous link || entry || postings digest).
-- Set once by the sealer, like chain_hash and sealed_at.
ALTER TABLE ledger_entry ADD COLUMN chain_position bigint;
ALTER TABLE ledger_entry ADD COLUMN chain_postings_hash bytea;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_chain_whole
    CHECK ((chain_hash IS NULL) = (chain_position IS NULL) AND (chain_hash IS NULL) = (chain_postings_hash IS NULL));
-- When the entry's row was inserted (clock time, per row; seq is taken in the same
-- statement). The sealer only takes entries inserted longer ago than its margin; writes
-- time out after their locks (transaction_timeout), so none with a lower seq can still be
-- in flight then. Rows from before this column count as old.
ALTER TABLE ledger_entry ADD COLUMN inserted_at timestamptz NOT NULL DEFAULT '-infinity';
ALTER TABLE ledger_entry ALTER COLUMN inserted_at SET DEFAULT clock_timestamp();
CREATE UNIQUE INDEX ledger_entry_chain_position_key ON ledger_entry (tenant_id, chain_position)
    WHERE chain_position IS NOT NULL;
GRANT UPDATE (chain_position, chain_postings_hash) ON ledger_entry TO ${app_role};

CREATE OR REPLACE FUNCTION ledger_entry_seal_once() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF OLD.chain_hash IS NOT NULL
        AND (NEW.chain_hash, NEW.sealed_at, NEW.chain_position, NEW.chain_postings_hash)
            IS DISTINCT FROM (OLD.chain_hash, OLD.sealed_at, OLD.chain_position, OLD.chain_postings_hash) THEN
        RAISE EXCEPTION 'ledger entry % is sealed', OLD.entry_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

-- The head of each tenant's chain. Sealers lock this row, so on several nodes they take
-- turns per chain instead of forking it; verification compares the chain's end with it.
CREATE TABLE ledger_chain
(
    tenant_id     uuid   NOT NULL PRIMARY KEY,
    last_position bigint NOT NULL DEFAULT 0,
    last_hash     bytea,
    sealed_at     timestamptz
);
ALTER TABLE ledger_chain ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_chain FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_chain
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
REVOKE DELETE, TRUNCATE ON ledger_chain FROM ${app_role};

-- The tenants with entries old enough to seal (inserted more than `margin` ago), across
-- tenants but ids only, like audit_chains_to_seal(); each chain is then sealed in its
-- tenant's scope.
CREATE FUNCTION ledger_chains_to_seal(margin interval) RETURNS SETOF uuid
    LANGUAGE plpgsql
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    RETURN QUERY SELECT DISTINCT e.tenant_id FROM ledger_entry e
                 WHERE e.chain_hash IS NULL AND e.inserted_at < now() - margin;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
END
$$;
GRANT EXECUTE ON FUNCTION ledger_chains_to_seal(interval) TO ${app_role};

-- Every ledger of every tenant (ids only), for the scheduled invariant check, which then
-- checks each ledger in its tenant's scope.
CREATE FUNCTION ledger_ledgers_to_check() RETURNS TABLE (tenant_id uuid, ledger_id uuid)
    LANGUAGE plpgsql
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    RETURN QUERY SELECT l.tenant_id, l.ledger_id FROM ledger l ORDER BY l.tenant_id, l.ledger_id;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
END
$$;
GRANT EXECUTE ON FUNCTION ledger_ledgers_to_check() TO ${app_role};

-- Balance monitors: a threshold on an account's posted or available balance. A write
-- that moves the balance across it publishes BalanceThresholdCrossed in its transaction.
CREATE TABLE ledger_balance_monitor
(
    tenant_id   uuid        NOT NULL,
    monitor_id  uuid        NOT NULL,
    ledger_id   uuid        NOT NULL,
    account_id  uuid        NOT NULL,
    balance     text        NOT NULL CHECK (balance IN ('posted', 'available')),
    condition   text        NOT NULL CHECK (condition IN ('below', 'above')),
    amount      bigint      NOT NULL,
    description text CHECK (length(description) <= 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, monitor_id),
    CONSTRAINT ledger_balance_monitor_account_fk FOREIGN KEY (tenant_id, account_id)
        REFERENCES ledger_account (tenant_id, account_id)
);
CREATE INDEX ledger_balance_monitor_account_idx ON ledger_balance_monitor (tenant_id, account_id);
ALTER TABLE ledger_balance_monitor ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_balance_monitor FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_balance_monitor
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
REVOKE TRUNCATE ON ledger_balance_monitor FROM ${app_role};
