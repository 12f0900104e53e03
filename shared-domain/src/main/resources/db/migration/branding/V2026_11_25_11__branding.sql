-- Brands of a tenant. Exactly one per tenant is the default (provisioning creates it);
-- the partial unique index makes a second one impossible.
CREATE TABLE brand
(
    brand_id      uuid        NOT NULL PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenant (tenant_id),
    slug          text        NOT NULL,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    is_default    boolean     NOT NULL DEFAULT false,
    primary_color text        NOT NULL CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint      NOT NULL DEFAULT 0,
    CONSTRAINT brand_slug_format CHECK (length(slug) BETWEEN 3 AND 63 AND slug ~ '^[a-z0-9](-?[a-z0-9])*$'),
    CONSTRAINT brand_slug_key UNIQUE (tenant_id, slug),
    -- target of brand_hostname's foreign key, which so also pins a hostname's tenant
    CONSTRAINT brand_tenant_brand_key UNIQUE (tenant_id, brand_id)
);
CREATE UNIQUE INDEX brand_one_default_per_tenant ON brand (tenant_id) WHERE is_default;

ALTER TABLE brand ENABLE ROW LEVEL SECURITY;
ALTER TABLE brand FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON brand
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- A brand's hostnames (custom domains). The primary key makes a hostname unique across
-- the platform: constraints are checked against every row, whatever row-level security
-- lets a tenant see.
CREATE TABLE brand_hostname
(
    hostname  text NOT NULL PRIMARY KEY
        CHECK (hostname = lower(hostname) AND length(hostname) BETWEEN 4 AND 253),
    tenant_id uuid NOT NULL,
    brand_id  uuid NOT NULL,
    FOREIGN KEY (tenant_id, brand_id) REFERENCES brand (tenant_id, brand_id) ON DELETE CASCADE
);
CREATE INDEX brand_hostname_brand_idx ON brand_hostname (tenant_id, brand_id);

ALTER TABLE brand_hostname ENABLE ROW LEVEL SECURITY;
ALTER TABLE brand_hostname FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON brand_hostname
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
