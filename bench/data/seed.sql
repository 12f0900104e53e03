-- Benchmark data: :tenants tenants (slug bench-00001 …), 3 brands each (the first the
-- default, the second with a hostname) and :records audit records spread evenly over them,
-- sealed into valid hash chains (the same canonical form and SHA-256 chaining as
-- io.octavia.core.audit.internal.ChainHashing), so the chain verification of any bench
-- tenant reports it intact.
--   psql "postgresql://octavia_owner:octavia@localhost:PORT/octavia" \
--        -v tenants=10000 -v records=1000000 -f bench/data/seed.sql
-- Runs as the owner role; row-level security is forced on the owner too, so the session
-- takes the audited cross-tenant setting the application uses. Set-based inserts
-- (generate_series); the hash chains are sequential by nature and are built per tenant in
-- PL/pgSQL with one multi-row insert each. Rerunning adds nothing: tenants whose slug
-- exists are skipped.
\set ON_ERROR_STOP on
\timing on
SET app.cross_tenant = 'on';
SET synchronous_commit = off;
-- psql does not expand variables inside the dollar-quoted block below
SELECT set_config('bench.records', :'records', false);

BEGIN;

-- tenants, oldest first one minute apart, most active, every 50th suspended, every 97th closed;
-- the provisioning steps are those of a tenant that finished provisioning
INSERT INTO tenant (tenant_id, slug, name, status, default_locale, time_zone, default_currency,
                    provisioning_steps, created_at, updated_at, closed_at)
SELECT gen_random_uuid(),
       'bench-' || lpad(i::text, 5, '0'),
       (ARRAY ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay'])[1 + i % 8]
           || ' Bench ' || i,
       CASE WHEN i % 97 = 0 THEN 'closed' WHEN i % 50 = 0 THEN 'suspended' ELSE 'active' END,
       (ARRAY ['en', 'de', 'fr', 'es', 'fa'])[1 + i % 5],
       (ARRAY ['UTC', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'Asia/Tehran'])[1 + i % 5],
       (ARRAY ['EUR', 'USD', 'GBP', 'CHF'])[1 + i % 4],
       coalesce((SELECT provisioning_steps FROM tenant WHERE status = 'active' ORDER BY created_at LIMIT 1), '{}'),
       timestamptz '2026-01-01 00:00:00Z' + i * interval '1 minute',
       timestamptz '2026-01-01 00:00:00Z' + i * interval '1 minute',
       CASE WHEN i % 97 = 0 THEN timestamptz '2026-11-01 00:00:00Z' END
FROM generate_series(1, :tenants) AS i
ON CONFLICT (slug) DO NOTHING;

CREATE TEMPORARY TABLE bench_tenant ON COMMIT DROP AS
SELECT tenant_id, substr(slug, 7)::int AS n, created_at
FROM tenant
WHERE slug ~ '^bench-[0-9]{5}$'
  AND NOT EXISTS (SELECT FROM brand b WHERE b.tenant_id = tenant.tenant_id);

-- three brands per tenant
INSERT INTO brand (brand_id, tenant_id, slug, name, is_default, primary_color, created_at, updated_at,
                   supported_locales, support_email)
SELECT gen_random_uuid(), t.tenant_id, k.slug, k.label || ' ' || t.n, k.position = 1,
       '#' || lpad(to_hex((hashtext(t.tenant_id::text || k.slug) & 16777215)), 6, '0'),
       t.created_at, t.created_at, k.locales, 'help@' || k.slug || '-' || t.n || '.bench.example'
FROM bench_tenant t
CROSS JOIN (VALUES (1, 'main', 'Main', ARRAY ['en']), (2, 'shop', 'Shop', ARRAY ['en', 'de']),
                   (3, 'labs', 'Labs', ARRAY []::text[])) AS k (position, slug, label, locales);

INSERT INTO brand_hostname (hostname, tenant_id, brand_id)
SELECT 'shop-' || t.n || '.bench.example', t.tenant_id, b.brand_id
FROM bench_tenant t
JOIN brand b ON b.tenant_id = t.tenant_id AND b.slug = 'shop';

-- audit records, sealed: per tenant, positions 1…n, each hash = sha256(previous hash || canonical form)
CREATE FUNCTION pg_temp.field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN '-;' ELSE octet_length(v) || ':' || v || ';' END $$;

CREATE FUNCTION pg_temp.utc(ts timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;

DO $$
DECLARE
    per_tenant int := current_setting('bench.records')::int / greatest((SELECT count(*) FROM bench_tenant), 1);
    t record;
    r record;
    previous bytea;
    prior bytea;
    ids uuid[];
    times timestamptz[];
    actions text[];
    targets text[];
    afters jsonb[];
    positions bigint[];
    previouses bytea[];
    hashes bytea[];
    position bigint;
BEGIN
    IF per_tenant < 1 THEN
        RETURN;
    END IF;
    FOR t IN SELECT tenant_id, n, created_at FROM bench_tenant ORDER BY n LOOP
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
        ids := '{}'; times := '{}'; actions := '{}'; targets := '{}'; afters := '{}';
        positions := '{}'; previouses := '{}'; hashes := '{}';
        position := 0;
        FOR r IN
            SELECT gen_random_uuid() AS record_id,
                   date_trunc('second', t.created_at + j * interval '17 seconds') AS occurred_at,
                   (ARRAY ['tenant.updated', 'brand.updated', 'user.signed_in', 'api_key.created', 'invoice.finalized'])[1 + j % 5] AS action,
                   'widget-' || j AS target_id,
                   jsonb_build_object('n', j) AS after_summary
            FROM generate_series(1, per_tenant) AS j
        LOOP
            position := position + 1;
            prior := previous;
            previous := sha256(prior || convert_to(
                pg_temp.field('octavia-audit-v1') || pg_temp.field(t.tenant_id::text)
                    || pg_temp.field(r.record_id::text) || pg_temp.field(position::text) || pg_temp.field(NULL)
                    || pg_temp.field(pg_temp.utc(r.occurred_at)) || pg_temp.field(pg_temp.utc(r.occurred_at))
                    || pg_temp.field('user') || pg_temp.field('bench-user') || pg_temp.field(NULL)
                    || pg_temp.field(r.action) || pg_temp.field('widget') || pg_temp.field(r.target_id)
                    || pg_temp.field(NULL) || pg_temp.field(r.after_summary::text)
                    || pg_temp.field(NULL) || pg_temp.field('192.0.2.10') || pg_temp.field(NULL), 'UTF8'));
            ids := ids || r.record_id; times := times || r.occurred_at; actions := actions || r.action;
            targets := targets || r.target_id; afters := afters || r.after_summary;
            previouses := previouses || prior; positions := positions || position; hashes := hashes || previous;
        END LOOP;
        INSERT INTO audit_record (tenant_id, record_id, occurred_at, recorded_at, actor_kind, actor_id, action,
                                  target_type, target_id, after_summary, client_ip, chain_position, previous_hash,
                                  record_hash, sealed_at)
        SELECT t.tenant_id, u.id, u.at, u.at, 'user', 'bench-user', u.action, 'widget', u.target, u.after,
               '192.0.2.10', u.position, u.previous, u.hash, now()
        FROM unnest(ids, times, actions, targets, afters, positions, previouses, hashes)
                 AS u (id, at, action, target, after, position, previous, hash);
        INSERT INTO audit_chain (tenant_id, last_position, last_hash, sealed_at)
        VALUES (t.tenant_id, position, previous, now());
    END LOOP;
END
$$;

COMMIT;

ANALYZE tenant;
ANALYZE brand;
ANALYZE brand_hostname;
ANALYZE audit_record;
ANALYZE audit_chain;

SELECT (SELECT count(*) FROM tenant) AS tenants, (SELECT count(*) FROM brand) AS brands,
       (SELECT count(*) FROM audit_record) AS audit_records;
