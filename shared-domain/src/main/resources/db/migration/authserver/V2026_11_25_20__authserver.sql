-- The authorization server's state: Spring Security's JDBC schema (from the jar), with
-- PostgreSQL types (text instead of blob, timestamptz instead of timestamp). Platform-level
-- tables, so no row-level security; machine clients record their owning tenant, and the
-- machine-clients API filters by it.
CREATE TABLE oauth2_registered_client
(
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    client_id                     varchar(100)  NOT NULL,
    client_id_issued_at           timestamptz   NOT NULL DEFAULT now(),
    client_secret                 varchar(200),
    client_secret_expires_at      timestamptz,
    client_name                   varchar(200)  NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types     varchar(1000) NOT NULL,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) NOT NULL,
    client_settings               varchar(2000) NOT NULL,
    token_settings                varchar(2000) NOT NULL,
    -- the tenant owning a machine client; null for the platform's own clients (the consoles).
    -- Not named tenant_id: the table is platform-level, without row-level security.
    owner_tenant_id               uuid,
    CONSTRAINT oauth2_registered_client_client_id_key UNIQUE (client_id)
);
CREATE INDEX oauth2_registered_client_owner ON oauth2_registered_client (owner_tenant_id, client_id_issued_at)
    WHERE owner_tenant_id IS NOT NULL;

CREATE TABLE oauth2_authorization
(
    id                            varchar(100) NOT NULL PRIMARY KEY,
    registered_client_id          varchar(100) NOT NULL,
    principal_name                varchar(200) NOT NULL,
    authorization_grant_type      varchar(100) NOT NULL,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
-- the service looks authorizations up by token value (introspection, revocation, refresh)
CREATE INDEX oauth2_authorization_state ON oauth2_authorization USING hash (state);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX oauth2_authorization_access_token ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX oauth2_authorization_refresh_token ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX oauth2_authorization_id_token ON oauth2_authorization USING hash (oidc_id_token_value);
CREATE INDEX oauth2_authorization_client ON oauth2_authorization (registered_client_id);
CREATE INDEX oauth2_authorization_expiry ON oauth2_authorization
    (greatest(access_token_expires_at, refresh_token_expires_at, authorization_code_expires_at));

CREATE TABLE oauth2_authorization_consent
(
    registered_client_id varchar(100)  NOT NULL,
    principal_name       varchar(200)  NOT NULL,
    authorities          varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- Refresh tokens that were rotated away, by SHA-256: presented again, they revoke their
-- authorization (the whole token family).
CREATE TABLE oauth2_rotated_refresh_token
(
    token_hash       text         NOT NULL PRIMARY KEY,
    authorization_id varchar(100) NOT NULL,
    expires_at       timestamptz  NOT NULL
);
CREATE INDEX oauth2_rotated_refresh_token_expiry ON oauth2_rotated_refresh_token (expires_at);

-- Token signing keys. The private JWK is sealed by envelope encryption; the public JWK is
-- published in the JWKS while the key is active and, once retired, until every token it
-- signed has expired.
CREATE TABLE authserver_signing_key
(
    kid                text        NOT NULL PRIMARY KEY,
    public_jwk         text        NOT NULL,
    private_jwk_sealed text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('active', 'retired')),
    created_at         timestamptz NOT NULL DEFAULT now(),
    retired_at         timestamptz,
    published_until    timestamptz,
    CHECK ((status = 'active') = (retired_at IS NULL))
);
-- one active key, whatever the number of nodes
CREATE UNIQUE INDEX authserver_signing_key_one_active ON authserver_signing_key (status) WHERE status = 'active';
