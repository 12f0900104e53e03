-- Support impersonation: an operator acting as a tenant's user for a while, with a reason.
-- A platform-level record (operators act across tenants), so not under row-level security;
-- the tenant column is not called tenant_id, which would require it.
CREATE TABLE impersonation
(
    impersonation_id uuid        NOT NULL PRIMARY KEY,
    operator_id      uuid        NOT NULL REFERENCES user_account (user_id),
    user_id          uuid        NOT NULL REFERENCES user_account (user_id),
    target_tenant_id uuid        NOT NULL,
    reason           text        NOT NULL CHECK (length(reason) BETWEEN 10 AND 500),
    started_at       timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL CHECK (ends_at > started_at),
    ended_at         timestamptz
);
CREATE INDEX impersonation_started_idx ON impersonation (started_at DESC);
