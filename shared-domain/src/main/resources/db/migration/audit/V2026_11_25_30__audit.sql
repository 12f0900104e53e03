-- Audit log: one append-only row per state-changing action, in its tenant's log. Actions
-- that belong to no tenant (cross-tenant access) go to the platform's log, kept under the
-- nil UUID, which no tenant has: tenant_id stays NOT NULL and row-level security works
-- as for every tenant-owned table.
CREATE TABLE audit_record
(
    tenant_id      uuid        NOT NULL,
    record_id      uuid        NOT NULL,
    -- the domain event the record was made from; unique per log, so a redelivery records once
    event_id       uuid,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    actor_kind     text        NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system', 'operator')),
    actor_id       text        NOT NULL CHECK (length(actor_id) BETWEEN 1 AND 200),
    brand_id       uuid,
    action         text        NOT NULL CHECK (length(action) BETWEEN 3 AND 100),
    target_type    text        NOT NULL CHECK (length(target_type) BETWEEN 1 AND 64),
    target_id      text CHECK (length(target_id) <= 200),
    -- the application keeps summaries to 4 KiB of compact JSON; jsonb's text is a little longer
    before_summary jsonb CHECK (jsonb_typeof(before_summary) = 'object' AND octet_length(before_summary::text) <= 8192),
    after_summary  jsonb CHECK (jsonb_typeof(after_summary) = 'object' AND octet_length(after_summary::text) <= 8192),
    request_id     text CHECK (length(request_id) <= 128),
    client_ip      text CHECK (length(client_ip) <= 64),
    user_agent     text CHECK (length(user_agent) <= 512),
    -- set once by the sealer: the record's place in the log's hash chain
    chain_position bigint,
    previous_hash  bytea,
    record_hash    bytea,
    sealed_at      timestamptz,
    PRIMARY KEY (tenant_id, record_id),
    CONSTRAINT audit_record_event_key UNIQUE (tenant_id, event_id),
    CONSTRAINT audit_record_position_key UNIQUE (tenant_id, chain_position),
    CONSTRAINT audit_record_sealed_whole CHECK (
        (chain_position IS NULL AND previous_hash IS NULL AND record_hash IS NULL AND sealed_at IS NULL)
        OR (chain_position >= 1 AND previous_hash IS NOT NULL AND record_hash IS NOT NULL AND sealed_at IS NOT NULL))
);
-- newest first, with and without filters; the position key above serves verification
CREATE INDEX audit_record_newest_idx ON audit_record (tenant_id, occurred_at DESC, record_id DESC);
CREATE INDEX audit_record_action_idx ON audit_record (tenant_id, action, occurred_at DESC, record_id DESC);
CREATE INDEX audit_record_actor_idx ON audit_record (tenant_id, actor_id, occurred_at DESC, record_id DESC);
CREATE INDEX audit_record_target_idx ON audit_record (tenant_id, target_type, target_id, occurred_at DESC, record_id DESC);
CREATE INDEX audit_record_unsealed_idx ON audit_record (tenant_id, record_id) WHERE record_hash IS NULL;

ALTER TABLE audit_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_record FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_record
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- Append-only for the application: it inserts the content (not the seal, not the time it
-- was stored) and may set the sealing columns, never change or delete a record.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_record FROM ${app_role};
GRANT INSERT (tenant_id, record_id, event_id, occurred_at, actor_kind, actor_id, brand_id, action, target_type,
              target_id, before_summary, after_summary, request_id, client_ip, user_agent)
    ON audit_record TO ${app_role};
GRANT UPDATE (chain_position, previous_hash, record_hash, sealed_at) ON audit_record TO ${app_role};

-- ... and a seal is set once: re-sealing could hide a changed record behind a fresh hash.
CREATE FUNCTION audit_record_seal_once() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF OLD.record_hash IS NOT NULL
        AND (NEW.chain_position, NEW.previous_hash, NEW.record_hash, NEW.sealed_at)
            IS DISTINCT FROM (OLD.chain_position, OLD.previous_hash, OLD.record_hash, OLD.sealed_at) THEN
        RAISE EXCEPTION 'audit record % is sealed', OLD.record_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_record_seal_once
    BEFORE UPDATE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_seal_once();

-- The head of each log's chain: its last position and hash. Sealers lock this row, so on
-- several nodes they take turns per chain instead of forking it.
CREATE TABLE audit_chain
(
    tenant_id     uuid   NOT NULL PRIMARY KEY,
    last_position bigint NOT NULL DEFAULT 0,
    last_hash     bytea,
    sealed_at     timestamptz
);
ALTER TABLE audit_chain ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
REVOKE DELETE, TRUNCATE ON audit_chain FROM ${app_role};

-- The logs with records waiting for their seal. The sealer needs them across tenants but
-- reads no record here: it gets tenant ids only, then seals each log in that tenant's scope.
-- The cross-tenant setting is switched on for this one query and restored right after.
CREATE FUNCTION audit_chains_to_seal() RETURNS SETOF uuid
    LANGUAGE plpgsql
AS $$
DECLARE
    previous text := current_setting('app.cross_tenant', true);
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    RETURN QUERY SELECT DISTINCT tenant_id FROM audit_record WHERE record_hash IS NULL;
    PERFORM set_config('app.cross_tenant', coalesce(previous, ''), true);
END
$$;
GRANT EXECUTE ON FUNCTION audit_chains_to_seal() TO ${app_role};
