-- Retention: a closed tenant is purged once octavia.tenancy.retention has passed since
-- closed_at. Every module deletes its own rows when it sees tenant.purged; the tenant row
-- itself stays as a scrubbed tombstone in status 'purged' (no name, no metadata), so
-- other modules' foreign keys never dangle while they clean up at their own pace, and
-- the id and slug are never given to anyone else.
ALTER TABLE tenant DROP CONSTRAINT tenant_status_check;
ALTER TABLE tenant ADD CONSTRAINT tenant_status_check
    CHECK (status IN ('provisioning', 'active', 'suspended', 'closed', 'purged'));
ALTER TABLE tenant ADD COLUMN purged_at timestamptz;
ALTER TABLE tenant DROP CONSTRAINT tenant_closed_at;
ALTER TABLE tenant ADD CONSTRAINT tenant_closed_at CHECK ((status IN ('closed', 'purged')) = (closed_at IS NOT NULL));
ALTER TABLE tenant ADD CONSTRAINT tenant_purged_at CHECK ((status = 'purged') = (purged_at IS NOT NULL));

-- The tenant table is the one table whose rows are tenants, so these indexes serve
-- operators' questions across tenants and cannot start with tenant_id:
-- which closed tenants are due for the purge,
CREATE INDEX tenant_due_for_purge_idx ON tenant (closed_at) WHERE status = 'closed';
-- the tenant list in its stable order (created, then id: the cursor's key),
CREATE INDEX tenant_created_idx ON tenant (created_at, tenant_id);
-- and search by slug or name prefix.
CREATE INDEX tenant_slug_prefix_idx ON tenant (slug text_pattern_ops);
CREATE INDEX tenant_name_prefix_idx ON tenant (lower(name) text_pattern_ops);
