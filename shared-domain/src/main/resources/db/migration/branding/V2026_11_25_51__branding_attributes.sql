-- A brand's look, languages, sender identity, legal details and support contacts. NULL
-- (or no supported locales) means "not set here": the brand configuration then falls back
-- to the tenant's default brand, the tenant and the platform defaults, in that order.
ALTER TABLE brand
    ADD COLUMN accent_color      text CHECK (accent_color ~ '^#[0-9a-f]{6}$'),
    ADD COLUMN background_color  text CHECK (background_color ~ '^#[0-9a-f]{6}$'),
    ADD COLUMN default_locale    text CHECK (default_locale IN ('en', 'de', 'fr', 'es', 'fa')),
    ADD COLUMN supported_locales text[] NOT NULL DEFAULT '{}'
        CHECK (supported_locales <@ ARRAY ['en', 'de', 'fr', 'es', 'fa']::text[]),
    -- sender names and addresses end up in mail headers: no line breaks, ever
    ADD COLUMN sender_from_name  text CHECK (length(sender_from_name) BETWEEN 1 AND 100 AND sender_from_name !~ '[\r\n]'),
    ADD COLUMN sender_from_email text CHECK (length(sender_from_email) BETWEEN 3 AND 254 AND sender_from_email !~ '[\r\n\s]'),
    ADD COLUMN sender_reply_to   text CHECK (length(sender_reply_to) BETWEEN 3 AND 254 AND sender_reply_to !~ '[\r\n\s]'),
    -- an alphanumeric SMS sender id (at most 11 characters) or an E.164 number
    ADD COLUMN sender_sms_id     text CHECK (sender_sms_id ~ '^([A-Za-z0-9]{1,11}|\+[1-9][0-9]{1,14})$'),
    ADD COLUMN legal_name        text CHECK (length(legal_name) BETWEEN 1 AND 200),
    ADD COLUMN legal_address     text CHECK (length(legal_address) BETWEEN 1 AND 500),
    ADD COLUMN legal_tax_id      text CHECK (length(legal_tax_id) BETWEEN 1 AND 50),
    ADD COLUMN support_email     text CHECK (length(support_email) BETWEEN 3 AND 254),
    ADD COLUMN support_url       text CHECK (length(support_url) BETWEEN 8 AND 2000 AND support_url ~ '^https?://');

-- A brand's logo, apart from the brand row so that reading brands never drags the image
-- along. The type is what the bytes are (checked by their magic numbers), not what the
-- uploader claimed; SVGs are stored sanitized.
CREATE TABLE brand_logo
(
    tenant_id    uuid        NOT NULL,
    brand_id     uuid        NOT NULL,
    content_type text        NOT NULL CHECK (content_type IN ('image/png', 'image/svg+xml', 'image/webp')),
    bytes        bytea       NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 1048576),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, brand_id),
    FOREIGN KEY (tenant_id, brand_id) REFERENCES brand (tenant_id, brand_id) ON DELETE CASCADE
);

ALTER TABLE brand_logo ENABLE ROW LEVEL SECURITY;
ALTER TABLE brand_logo FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON brand_logo
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());

-- Logos are public assets: emails and sign-in pages show them to people without any
-- credential. This function is the one read of tenant data without a tenant scope, and it
-- answers exactly one question — the logo of one brand, by its id — so the public route
-- needs neither the audited cross-tenant path (which would log every e-mail opened) nor
-- any view of other rows. It runs with the rights of its owner, the schema owner; the
-- application role may call it but still cannot read the table across tenants.

-- FORCE subjects the owner to the policies too: let the owner, and so the function, read
-- every tenant's logos (the owner only runs migrations).
CREATE POLICY public_logo_lookup ON brand_logo FOR SELECT TO CURRENT_USER USING (true);
-- the public route looks a logo up by brand id alone (brand ids are unique platform-wide)
CREATE UNIQUE INDEX brand_logo_by_brand_idx ON brand_logo (brand_id);

CREATE FUNCTION octavia_public_brand_logo(p_brand_id uuid)
    RETURNS TABLE (content_type text, bytes bytea, sha256 text, updated_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
SELECT l.content_type, l.bytes, l.sha256, l.updated_at
FROM brand_logo l
WHERE l.brand_id = p_brand_id
$$;
-- functions are executable by PUBLIC unless revoked
REVOKE ALL ON FUNCTION octavia_public_brand_logo(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION octavia_public_brand_logo(uuid) TO ${app_role};
