-- Tenants: the unit of isolation. A tenant's own row is protected like every tenant-owned
-- row: visible to the tenant's scope and to audited cross-tenant work only.
CREATE TABLE tenant
(
    tenant_id          uuid        NOT NULL PRIMARY KEY,
    slug               text        NOT NULL,
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status             text        NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'closed')),
    default_locale     text        NOT NULL,
    time_zone          text        NOT NULL,
    default_currency   text        NOT NULL CHECK (default_currency ~ '^[A-Z]{3}$'),
    -- the application limits metadata to 16 KiB of compact JSON; jsonb's text form is a
    -- little longer, so the backstop here is looser
    metadata           jsonb       NOT NULL DEFAULT '{}'
        CHECK (jsonb_typeof(metadata) = 'object' AND octet_length(metadata::text) <= 32768),
    -- provisioning steps other modules reported done (see ProvisioningStep)
    provisioning_steps text[]      NOT NULL DEFAULT '{}',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    closed_at          timestamptz,
    version            bigint      NOT NULL DEFAULT 0,
    CONSTRAINT tenant_slug_format CHECK (length(slug) BETWEEN 3 AND 63 AND slug ~ '^[a-z0-9](-?[a-z0-9])*$'),
    CONSTRAINT tenant_closed_at CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
-- platform-wide, hence not tenant-first: a slug names one tenant among all
ALTER TABLE tenant ADD CONSTRAINT tenant_slug_key UNIQUE (slug);

ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
