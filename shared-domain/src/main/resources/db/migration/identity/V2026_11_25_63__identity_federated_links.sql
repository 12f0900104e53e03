-- Which account an identity at a tenant's external provider (issuer and subject) signs in
-- as. Written at the first federated sign-in, which matched the account by a verified
-- address of a verified domain; later sign-ins match by subject, whatever address the
-- provider then reports. Per tenant: a link made through one tenant's provider means
-- nothing for another's, even at the same issuer.
CREATE TABLE identity_federated_link
(
    tenant_id       uuid        NOT NULL REFERENCES tenant (tenant_id),
    issuer_url      text        NOT NULL CHECK (length(issuer_url) BETWEEN 8 AND 500),
    subject         text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id         uuid        NOT NULL REFERENCES user_account (user_id),
    linked_at       timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, issuer_url, subject),
    -- one identity at a provider per account
    CONSTRAINT identity_federated_link_user_key UNIQUE (tenant_id, issuer_url, user_id)
);
ALTER TABLE identity_federated_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_federated_link FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON identity_federated_link
    USING (tenant_id = octavia_current_tenant() OR octavia_cross_tenant())
    WITH CHECK (tenant_id = octavia_current_tenant() OR octavia_cross_tenant());
