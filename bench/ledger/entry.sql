-- pgbench script: one two-posting ledger entry as the application writes it, without the
-- application (the statements EntryWriter sends for a single entry, in the same order, through
-- the extended protocol as the application role; the account totals are increments here rather
-- than values computed in Java, which costs the same). With -D outbox=1 it also does what the
-- outbox adds per entry: the event_publication row in the same transaction (the application
-- marks publications completed in bulk, one statement per 100 ms for all of them, which is
-- left out here).
--   pgbench -n -M prepared -U ledgerbench_app -c 20 -j 2 -T 30 -f bench/ledger/entry.sql \
--     -D tenant=UUID -D ledger=UUID -D lockkey=BIGINT -D n=50 -D accounts='{UUID,…}' -D outbox=0 DB
-- (PGOPTIONS is not needed: the script sets the tenant like the application does.)
\set a random(1, :n)
\set b (:a + random(1, :n - 1) - 1) % :n + 1
\set amount random(1, 100000)
BEGIN;
SELECT set_config('app.tenant_id', :tenant, true), set_config('app.cross_tenant', '', true),
       set_config('app.user_id', '', true);
SELECT clock_timestamp() FROM (SELECT pg_advisory_xact_lock_shared(:lockkey)) lock;
SELECT period_id, starts_at, ends_at FROM ledger_period
WHERE tenant_id = :tenant AND ledger_id = :ledger AND status = 'closed';
SELECT account_id, ledger_id, currency, normal_balance, debits_must_not_exceed_credits,
       credits_must_not_exceed_debits, overdraft_limit, closed_at IS NOT NULL, posted_debits,
       posted_credits, pending_debits, pending_credits, version, latest_effective_at, updated_at
FROM ledger_account
WHERE tenant_id = :tenant AND account_id = ANY (ARRAY [(:accounts::uuid[])[:a], (:accounts::uuid[])[:b]])
ORDER BY account_id FOR UPDATE;
INSERT INTO ledger_entry (tenant_id, entry_id, ledger_id, kind, effective_at, recorded_at, metadata, request_hash, actor)
VALUES (:tenant, gen_random_uuid(), :ledger, 'standard', now(), now(), '{}', sha256('bench'), 'bench-sql')
RETURNING entry_id, seq \gset
INSERT INTO ledger_posting (tenant_id, recorded_at, seq, posting_index, entry_id, ledger_id, account_id, currency,
                            direction, effective_at, posted_amount, pending_amount, account_version,
                            after_posted_debits, after_posted_credits, after_pending_debits, after_pending_credits,
                            eff_posted_debits, eff_posted_credits, eff_pending_debits, eff_pending_credits)
SELECT :tenant, now(), :seq, p.i, :entry_id, :ledger, (:accounts::uuid[])[p.n], 'EUR', p.direction, now(), :amount,
       0, :seq, :amount, :amount, 0, 0, :amount, :amount, 0, 0
FROM (VALUES (0, :a::int, 'debit'), (1, :b::int, 'credit')) AS p (i, n, direction);
UPDATE ledger_account a
SET posted_debits = posted_debits + v.pd, posted_credits = posted_credits + v.pc, version = version + 1,
    latest_effective_at = now(), updated_at = now()
FROM (VALUES ((:accounts::uuid[])[:a], :amount::bigint, 0::bigint),
             ((:accounts::uuid[])[:b], 0::bigint, :amount::bigint)) AS v (id, pd, pc)
WHERE a.tenant_id = :tenant AND a.account_id = v.id;
\if :outbox
INSERT INTO event_publication (id, event_type, listener_id, publication_date, serialized_event, status,
                               completion_attempts, last_resubmission_date)
VALUES (gen_random_uuid(), 'io.octavia.core.ledger.EntryPosted',
        'org.springframework.modulith.events.support.DelegatingEventExternalizer.externalize(java.lang.Object)',
        now(), '{"entryId":"' || :entry_id || '","pad":"' || repeat('x', 900) || '"}', 'PUBLISHED', 0, NULL);
\endif
COMMIT;
