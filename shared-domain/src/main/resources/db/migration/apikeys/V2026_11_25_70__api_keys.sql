-- API keys of tenants. Only a keyed hash of the full key is stored (HMAC-SHA-256 under the
-- server's pepper); the signing secret, which the server must read back to verify request
-- signatures, is sealed with envelope encryption.
CREATE TABLE api_key
(
    tenant_id             uuid        NOT NULL,
    api_key_id            uuid        NOT NULL PRIMARY KEY,
    -- the public id inside the key, also the RFC 9421 keyid
    key_id                text        NOT NULL UNIQUE CHECK (key_id ~ '^[0-9A-Za-z]{16}$'),
    mode                  text        NOT NULL CHECK (mode IN ('live', 'test')),
    key_hash              bytea       NOT NULL,
    brand_id              uuid,
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    scopes                text[]      NOT NULL,
    expires_at            timestamptz,
    ip_allow_list         text[]      NOT NULL DEFAULT '{}',
    rate_limit_per_minute int CHECK (rate_limit_per_minute > 0),
    signing_secret_sealed text,
    status                text        NOT NULL CHECK (status IN ('active', 'revoked')),
    created_by            text        NOT NULL,
    created_at            timestamptz NOT NULL,
    revoked_at            timestamptz,
    revoked_by            text,
    rotated_from          text,
    last_used_at          timestamptz,
    last_used_ip          text,
    CONSTRAINT api_key_brand_fk FOREIGN KEY (tenant_id, brand_id) REFERENCES brand (tenant_id, brand_id)
        ON DELETE CASCADE
);
CREATE INDEX api_key_tenant_created_idx ON api_key (tenant_id, created_at, api_key_id);
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- A tenant's rules for all its keys.
CREATE TABLE api_key_policy
(
    tenant_id          uuid        NOT NULL PRIMARY KEY,
    require_signatures boolean     NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL
);
ALTER TABLE api_key_policy ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key_policy FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key_policy
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- The gateway looks a key up before it knows the tenant. Like the hostname lookup, this
-- function answers exactly one question (the one key with this public id, and its tenant's
-- signature policy) with the rights of its owner; the application role still cannot read
-- the tables across tenants.
CREATE POLICY key_lookup ON api_key FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY key_lookup ON api_key_policy FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION octavia_api_key_by_key_id(p_key_id text)
    RETURNS TABLE (tenant_id uuid, api_key_id uuid, key_id text, mode text, key_hash bytea, brand_id uuid,
                   name text, scopes text[], expires_at timestamptz, ip_allow_list text[],
                   rate_limit_per_minute int, signing_secret_sealed text, status text,
                   require_signatures boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT k.tenant_id, k.api_key_id, k.key_id, k.mode, k.key_hash, k.brand_id, k.name, k.scopes, k.expires_at,
       k.ip_allow_list, k.rate_limit_per_minute, k.signing_secret_sealed, k.status,
       coalesce(p.require_signatures, false)
FROM api_key k LEFT JOIN api_key_policy p ON p.tenant_id = k.tenant_id
WHERE k.key_id = p_key_id
$$;
REVOKE ALL ON FUNCTION octavia_api_key_by_key_id(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_api_key_by_key_id(text) TO ${app_role};

-- Last use, recorded in batches (never a write per request): one call per flush. A use
-- older than the one stored is ignored, so batches from several nodes may arrive in any order.
CREATE FUNCTION octavia_api_key_touch(p_key_ids text[], p_used_at timestamptz[], p_ips text[])
    RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
UPDATE api_key k
SET last_used_at = u.used_at, last_used_ip = u.ip
FROM unnest(p_key_ids, p_used_at, p_ips) AS u(key_id, used_at, ip)
WHERE k.key_id = u.key_id AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)
$$;
REVOKE ALL ON FUNCTION octavia_api_key_touch(text[], timestamptz[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_api_key_touch(text[], timestamptz[], text[]) TO ${app_role};
