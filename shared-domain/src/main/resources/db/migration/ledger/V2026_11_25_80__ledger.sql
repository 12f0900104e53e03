-- Ledger: double-entry bookkeeping per tenant. Ledgers hold accounts; journal entries
-- hold two or more postings that balance per currency. Entries and postings are
-- append-only for the application role (see the grants at the end); corrections are new
-- entries (reversals, adjustments). Amounts are bigint minor units of the currency.
-- No foreign key to the tenant table (like idempotency_record): the ledger is isolated by
-- row-level security, and its rows outlive nothing they point at.

CREATE TABLE ledger
(
    tenant_id  uuid        NOT NULL,
    ledger_id  uuid        NOT NULL,
    code       text        NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- currency policy: the ISO 4217 codes accounts of this ledger may use; empty = any
    currencies text[]      NOT NULL DEFAULT '{}',
    metadata   jsonb       NOT NULL DEFAULT '{}'
        CHECK (jsonb_typeof(metadata) = 'object' AND octet_length(metadata::text) <= 32768),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, ledger_id),
    CONSTRAINT ledger_code_key UNIQUE (tenant_id, code)
);

CREATE TABLE ledger_account
(
    tenant_id                      uuid        NOT NULL,
    account_id                     uuid        NOT NULL,
    ledger_id                      uuid        NOT NULL,
    code                           text        NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    name                           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type                           text        NOT NULL
        CHECK (type IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
    normal_balance                 text        NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
    currency                       text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- free-form roll-up group for reports (e.g. 'current-assets'), and the parent account
    category                       text CHECK (length(category) <= 100),
    parent_id                      uuid,
    metadata                       jsonb       NOT NULL DEFAULT '{}'
        CHECK (jsonb_typeof(metadata) = 'object' AND octet_length(metadata::text) <= 32768),
    -- balance bounds, checked on every write that raises the bounded side (pending included)
    debits_must_not_exceed_credits boolean     NOT NULL DEFAULT false,
    credits_must_not_exceed_debits boolean     NOT NULL DEFAULT false,
    -- how far the available balance may go below zero; null = unbounded (unless a flag above)
    overdraft_limit                bigint CHECK (overdraft_limit >= 0),
    closed_at                      timestamptz,
    -- cumulative totals in minor units, changed only together with new postings
    posted_debits                  bigint      NOT NULL DEFAULT 0 CHECK (posted_debits >= 0),
    posted_credits                 bigint      NOT NULL DEFAULT 0 CHECK (posted_credits >= 0),
    pending_debits                 bigint      NOT NULL DEFAULT 0 CHECK (pending_debits >= 0),
    pending_credits                bigint      NOT NULL DEFAULT 0 CHECK (pending_credits >= 0),
    -- +1 per posting on the account: the lock_version of write conditions
    version                        bigint      NOT NULL DEFAULT 0,
    -- the latest effective_at of the account's postings: a posting before it is back-dated
    latest_effective_at            timestamptz,
    created_at                     timestamptz NOT NULL DEFAULT now(),
    updated_at                     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, account_id),
    CONSTRAINT ledger_account_code_key UNIQUE (tenant_id, ledger_id, code),
    CONSTRAINT ledger_account_ledger_fk FOREIGN KEY (tenant_id, ledger_id) REFERENCES ledger (tenant_id, ledger_id),
    CONSTRAINT ledger_account_parent_fk FOREIGN KEY (tenant_id, parent_id)
        REFERENCES ledger_account (tenant_id, account_id),
    CONSTRAINT ledger_account_one_bound CHECK (NOT (debits_must_not_exceed_credits AND credits_must_not_exceed_debits))
);
CREATE INDEX ledger_account_ledger_idx ON ledger_account (tenant_id, ledger_id, code);
CREATE INDEX ledger_account_parent_idx ON ledger_account (tenant_id, parent_id) WHERE parent_id IS NOT NULL;

-- Accounting periods: [starts_at, ends_at) of a ledger; entries whose effective_at falls
-- into a closed period are refused. Writers hold a shared advisory lock on the ledger
-- while they check, closing takes it exclusively, so no entry slips into a period as it
-- closes. Overlaps are refused by the application under the same lock.
CREATE TABLE ledger_period
(
    tenant_id  uuid        NOT NULL,
    period_id  uuid        NOT NULL,
    ledger_id  uuid        NOT NULL,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    status     text        NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at  timestamptz,
    closed_by  text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, period_id),
    CONSTRAINT ledger_period_ledger_fk FOREIGN KEY (tenant_id, ledger_id) REFERENCES ledger (tenant_id, ledger_id),
    CONSTRAINT ledger_period_range CHECK (starts_at < ends_at),
    CONSTRAINT ledger_period_closed_at CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX ledger_period_ledger_idx ON ledger_period (tenant_id, ledger_id, starts_at);

-- Journal entries. kind:
--   standard      moves posted amounts
--   pending       reserves: moves pending amounts only (two-phase, first phase)
--   post_pending  second phase: posts (all or part of) a pending entry and releases the rest
--   void_pending  second phase: releases a pending entry (by request or at its timeout)
-- A pending entry is resolved at most once (unique pending_entry_id); an entry is reversed
-- at most once (unique reverses_entry_id).
CREATE TABLE ledger_entry
(
    tenant_id          uuid        NOT NULL,
    entry_id           uuid        NOT NULL,
    -- the order entries were committed in per tenant; the audit hash chain links entries in
    -- seq order (see docs/ledger.md for how the sealer avoids skipping one still in flight)
    seq                bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,
    ledger_id          uuid        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('standard', 'pending', 'post_pending', 'void_pending')),
    pending_entry_id   uuid,
    reverses_entry_id  uuid,
    effective_at       timestamptz NOT NULL,
    -- clock time after the accounts were locked: per account it grows with the version
    recorded_at        timestamptz NOT NULL,
    -- when a pending entry voids itself (null: never)
    timeout_at         timestamptz,
    description        text CHECK (length(description) <= 1000),
    external_reference text CHECK (length(external_reference) <= 200),
    metadata           jsonb       NOT NULL DEFAULT '{}'
        CHECK (jsonb_typeof(metadata) = 'object' AND octet_length(metadata::text) <= 32768),
    idempotency_key    text CHECK (length(idempotency_key) <= 255),
    -- SHA-256 of the canonical command, to tell a retry from a different entry under one key
    request_hash       bytea,
    actor              text        NOT NULL CHECK (length(actor) <= 200),
    -- set once by the hash-chain sealer (a later feature); nothing else may change
    chain_hash         bytea,
    sealed_at          timestamptz,
    PRIMARY KEY (tenant_id, entry_id),
    CONSTRAINT ledger_entry_seq_key UNIQUE (seq),
    CONSTRAINT ledger_entry_ledger_fk FOREIGN KEY (tenant_id, ledger_id) REFERENCES ledger (tenant_id, ledger_id),
    CONSTRAINT ledger_entry_pending_fk FOREIGN KEY (tenant_id, pending_entry_id)
        REFERENCES ledger_entry (tenant_id, entry_id),
    CONSTRAINT ledger_entry_reverses_fk FOREIGN KEY (tenant_id, reverses_entry_id)
        REFERENCES ledger_entry (tenant_id, entry_id),
    CONSTRAINT ledger_entry_phase CHECK ((kind IN ('post_pending', 'void_pending')) = (pending_entry_id IS NOT NULL)),
    CONSTRAINT ledger_entry_timeout CHECK (timeout_at IS NULL OR kind = 'pending'),
    CONSTRAINT ledger_entry_sealed_whole CHECK ((chain_hash IS NULL) = (sealed_at IS NULL))
);
CREATE UNIQUE INDEX ledger_entry_idempotency_key ON ledger_entry (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX ledger_entry_resolves_once ON ledger_entry (tenant_id, pending_entry_id)
    WHERE pending_entry_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_entry_reversed_once ON ledger_entry (tenant_id, reverses_entry_id)
    WHERE reverses_entry_id IS NOT NULL;
-- listing newest first (seq is the cursor), with time ranges on either axis
CREATE INDEX ledger_entry_ledger_seq_idx ON ledger_entry (tenant_id, ledger_id, seq DESC);
CREATE INDEX ledger_entry_effective_idx ON ledger_entry (tenant_id, ledger_id, effective_at DESC, seq DESC);
CREATE INDEX ledger_entry_reference_idx ON ledger_entry (tenant_id, external_reference, seq DESC)
    WHERE external_reference IS NOT NULL;
CREATE INDEX ledger_entry_metadata_idx ON ledger_entry USING gin (metadata jsonb_path_ops);
-- the sealer's work list: entries not yet in the chain, in chain order
CREATE INDEX ledger_entry_unsealed_idx ON ledger_entry (tenant_id, seq) WHERE chain_hash IS NULL;

-- Postings: one line of an entry on one account. Each moves posted and/or pending amounts
-- on its side (direction) of the account:
--   standard      posted_amount = amount,        pending_amount = 0
--   pending       posted_amount = 0,             pending_amount = +amount
--   post_pending  posted_amount = posted part,   pending_amount = -(original amount)
--   void_pending  posted_amount = 0,             pending_amount = -(original amount)
-- so every account total is the sum of its postings' amounts on that side.
-- Each posting also stores the account's totals right after it, on both time axes:
--   recorded axis (after_*): in the order postings were written (account_version);
--     "balance as of recorded T" = the last posting with recorded_at <= T.
--   effective axis (eff_*): the totals of every posting of the account whose
--     (effective_at, account_version) is not after this one's; a back-dated posting adds
--     its amounts to the eff_* of the account's later postings (the only UPDATE allowed).
CREATE TABLE ledger_posting
(
    tenant_id           uuid        NOT NULL,
    seq                 bigint      NOT NULL,
    posting_index       smallint    NOT NULL CHECK (posting_index >= 0),
    entry_id            uuid        NOT NULL,
    ledger_id           uuid        NOT NULL,
    account_id          uuid        NOT NULL,
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    direction           text        NOT NULL CHECK (direction IN ('debit', 'credit')),
    posted_amount       bigint      NOT NULL CHECK (posted_amount >= 0),
    pending_amount      bigint      NOT NULL,
    effective_at        timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL,
    account_version     bigint      NOT NULL CHECK (account_version >= 1),
    after_posted_debits   bigint    NOT NULL,
    after_posted_credits  bigint    NOT NULL,
    after_pending_debits  bigint    NOT NULL,
    after_pending_credits bigint    NOT NULL,
    eff_posted_debits     bigint    NOT NULL,
    eff_posted_credits    bigint    NOT NULL,
    eff_pending_debits    bigint    NOT NULL,
    eff_pending_credits   bigint    NOT NULL,
    PRIMARY KEY (tenant_id, seq, posting_index),
    CONSTRAINT ledger_posting_entry_fk FOREIGN KEY (tenant_id, entry_id) REFERENCES ledger_entry (tenant_id, entry_id),
    CONSTRAINT ledger_posting_account_fk FOREIGN KEY (tenant_id, account_id)
        REFERENCES ledger_account (tenant_id, account_id),
    CONSTRAINT ledger_posting_moves CHECK (posted_amount > 0 OR pending_amount <> 0)
);
-- point-in-time balances: one probe per axis
CREATE INDEX ledger_posting_recorded_idx
    ON ledger_posting (tenant_id, account_id, recorded_at DESC, account_version DESC);
CREATE INDEX ledger_posting_effective_idx
    ON ledger_posting (tenant_id, account_id, effective_at DESC, account_version DESC);

-- Open pending entries (deleted when posted or voided): the timeout sweep's work list and
-- the row a post or void locks, so one pending entry is resolved once.
CREATE TABLE ledger_pending
(
    tenant_id  uuid        NOT NULL,
    entry_id   uuid        NOT NULL,
    ledger_id  uuid        NOT NULL,
    timeout_at timestamptz,
    PRIMARY KEY (tenant_id, entry_id),
    CONSTRAINT ledger_pending_entry_fk FOREIGN KEY (tenant_id, entry_id) REFERENCES ledger_entry (tenant_id, entry_id)
);
-- swept across tenants by the timeout job, hence not tenant-first
CREATE INDEX ledger_pending_timeout_idx ON ledger_pending (timeout_at) WHERE timeout_at IS NOT NULL;

ALTER TABLE ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
ALTER TABLE ledger_account ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_account FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_account
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
ALTER TABLE ledger_period ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_period FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_period
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
ALTER TABLE ledger_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_entry
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
ALTER TABLE ledger_posting ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_posting FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_posting
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
ALTER TABLE ledger_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_pending FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_pending
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- Append-only for the application role. Entries: insert, and set the seal columns once.
-- Postings: insert, and move the effective-axis totals of later postings when an entry is
-- back-dated (nothing else). Ledgers, accounts and periods are never deleted (accounts
-- close instead).
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entry FROM ${app_role};
GRANT UPDATE (chain_hash, sealed_at) ON ledger_entry TO ${app_role};
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_posting FROM ${app_role};
GRANT UPDATE (eff_posted_debits, eff_posted_credits, eff_pending_debits, eff_pending_credits)
    ON ledger_posting TO ${app_role};
REVOKE DELETE, TRUNCATE ON ledger, ledger_account, ledger_period FROM ${app_role};
REVOKE TRUNCATE ON ledger_pending FROM ${app_role};

-- A seal is set once: re-sealing could hide a changed entry behind a fresh hash.
CREATE FUNCTION ledger_entry_seal_once() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF OLD.chain_hash IS NOT NULL
        AND (NEW.chain_hash, NEW.sealed_at) IS DISTINCT FROM (OLD.chain_hash, OLD.sealed_at) THEN
        RAISE EXCEPTION 'ledger entry % is sealed', OLD.entry_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ledger_entry_seal_once
    BEFORE UPDATE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_seal_once();

-- Effective-axis totals only ever grow by a back-dated posting's amounts: the pending side
-- may shrink (a release), the posted side never does.
CREATE FUNCTION ledger_posting_effective_only_grows() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.eff_posted_debits < OLD.eff_posted_debits OR NEW.eff_posted_credits < OLD.eff_posted_credits
        OR NEW.eff_pending_debits < 0 OR NEW.eff_pending_credits < 0 THEN
        RAISE EXCEPTION 'ledger posting totals of entry % may not shrink', OLD.entry_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ledger_posting_effective_only_grows
    BEFORE UPDATE ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_effective_only_grows();
