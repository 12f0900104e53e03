-- Platform foundation: tenant isolation helpers, grants for the application role,
-- the outbox (Spring Modulith event publication registry), idempotency records and the
-- consumer inbox. Runs as the schema owner; the application connects as ${app_role}.

-- The tenant of the current transaction, set by the application with
-- set_config('app.tenant_id', ..., true); NULL when none is set, so policies match nothing.
CREATE FUNCTION octavia_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Audited operator work across tenants (TenantContext scope with a reason).
CREATE FUNCTION octavia_cross_tenant() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on' $$;

-- Every table and sequence the owner creates from now on is usable by the application role;
-- modules revoke what must stay immutable (for example ledger postings).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
GRANT EXECUTE ON FUNCTION octavia_current_tenant() TO ${app_role};
GRANT EXECUTE ON FUNCTION octavia_cross_tenant() TO ${app_role};

-- Outbox: schema of spring-modulith-events-jdbc 2.0 (v2, PostgreSQL)
CREATE TABLE event_publication
(
    id                     uuid                     NOT NULL PRIMARY KEY,
    listener_id            text                     NOT NULL,
    event_type             text                     NOT NULL,
    serialized_event       text                     NOT NULL,
    publication_date       timestamp with time zone NOT NULL,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- Idempotency-Key records: one per tenant and key, kept 24 hours.
CREATE TABLE idempotency_record
(
    tenant_id        uuid        NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     bytea       NOT NULL,
    state            text        NOT NULL CHECK (state IN ('in_progress', 'completed')),
    locked_until     timestamptz NOT NULL,
    response_status  int,
    response_type    text,
    response_body    bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);
-- purged across tenants by a job, hence not tenant-first
CREATE INDEX idempotency_record_expiry_idx ON idempotency_record (expires_at);
ALTER TABLE idempotency_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_record FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_record
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- Consumer inbox: an event id is handled once per consumer, however often Kafka delivers it.
CREATE TABLE consumed_event
(
    consumer    text        NOT NULL,
    event_id    uuid        NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
