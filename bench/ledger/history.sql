-- Synthetic history for the point-in-time balance benchmark: :entries standard entries of two
-- postings each (so 2 × :entries postings) on the accounts of ledger :ledger of tenant
-- :tenant, shaped like the application's rows, written straight with INSERT … SELECT
-- generate_series.
--   psql -h 127.0.0.1 -U postgres -d DB -v tenant=UUID -v ledger=UUID -v entries=5000000 \
--        -v start="'2025-01-01 00:00:00Z'" -v step_ms=5000 -f bench/ledger/history.sql
-- The ledger's accounts (an even number, opened through the API) are taken by code and
-- paired: entry i is on pair p = i mod P (P = accounts / 2) and is the k-th (k = i div P)
-- posting of both accounts of the pair, of 1000 + k minor units, the first account debited
-- when k is even and credited when k is odd (the second the other way round). Entries are
-- step_ms apart from :start on both time axes (effective_at = recorded_at, in order: no
-- back-dating), so each posting's totals after it (after_*, and eff_* equal to them) have a
-- closed form: after the k-th posting the account has had m = k div 2 + 1 postings on its
-- even side (sum 1000 m + m (m - 1)) and n = (k + 1) div 2 on its odd side (sum 1000 n + n²).
-- The accounts' totals, version and latest_effective_at are set to those of their last
-- posting. The script checks the result the way the invariant checks do (per account: totals
-- = sums of postings, version = count, last posting's after_* = totals; per ledger: debits =
-- credits).
-- Runs as a superuser with session_replication_role = replica: foreign-key and append-only
-- triggers stay off while loading (the rows are consistent by construction and checked at the
-- end), so the load is sequential inserts into indexes that grow at their right edge or at
-- one leaf per account.
\set ON_ERROR_STOP on
\timing on
SET synchronous_commit = off;
SET session_replication_role = replica;
SET maintenance_work_mem = '256MB';
SET work_mem = '64MB';

CREATE TEMP TABLE bench_account AS
SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, account_id
FROM ledger_account
WHERE tenant_id = :'tenant' AND ledger_id = :'ledger';
SELECT count(*) / 2 AS pairs FROM bench_account \gset
SELECT coalesce(max(seq), 0) + 1 AS base FROM ledger_entry \gset

BEGIN;

INSERT INTO ledger_entry (tenant_id, entry_id, seq, ledger_id, kind, effective_at, recorded_at, description, actor)
    OVERRIDING SYSTEM VALUE
SELECT :'tenant', ('b0000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, :base + i, :'ledger', 'standard',
       t, t, 'synthetic history', 'bench:history'
FROM generate_series(0, :entries - 1) AS i,
     LATERAL (SELECT timestamptz :start + i * (:step_ms * interval '1 millisecond') AS t) AS time;

INSERT INTO ledger_posting (tenant_id, seq, posting_index, entry_id, ledger_id, account_id, currency, direction,
                            posted_amount, pending_amount, effective_at, recorded_at, account_version,
                            after_posted_debits, after_posted_credits, after_pending_debits, after_pending_credits,
                            eff_posted_debits, eff_posted_credits, eff_pending_debits, eff_pending_credits)
SELECT :'tenant', :base + i, side, ('b0000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, :'ledger',
       a.account_id, 'EUR', CASE WHEN (k % 2 = 0) = (side = 0) THEN 'debit' ELSE 'credit' END,
       1000 + k, 0, t, t, k + 1,
       CASE WHEN side = 0 THEN evens ELSE odds END, CASE WHEN side = 0 THEN odds ELSE evens END, 0, 0,
       CASE WHEN side = 0 THEN evens ELSE odds END, CASE WHEN side = 0 THEN odds ELSE evens END, 0, 0
FROM generate_series(0, :entries - 1) AS i
     CROSS JOIN (VALUES (0), (1)) AS s (side)
     CROSS JOIN LATERAL (SELECT (i % :pairs)::bigint AS p, (i / :pairs)::bigint AS k,
                                timestamptz :start + i * (:step_ms * interval '1 millisecond') AS t) AS x
     CROSS JOIN LATERAL (SELECT 1000 * (k / 2 + 1) + (k / 2 + 1) * (k / 2) AS evens,
                                1000 * ((k + 1) / 2) + ((k + 1) / 2) * ((k + 1) / 2) AS odds) AS sums
     JOIN bench_account AS a ON a.n = 2 * x.p + s.side;

-- the accounts' totals: those after their last posting (the one with the largest version)
UPDATE ledger_account AS acc
SET posted_debits       = CASE WHEN a.n % 2 = 0 THEN last.evens ELSE last.odds END,
    posted_credits      = CASE WHEN a.n % 2 = 0 THEN last.odds ELSE last.evens END,
    version             = last.k + 1,
    latest_effective_at = timestamptz :start + last.i * (:step_ms * interval '1 millisecond'),
    updated_at          = now()
FROM bench_account AS a
     CROSS JOIN LATERAL (SELECT (:entries - 1 - a.n / 2) / :pairs AS k) AS kk
     CROSS JOIN LATERAL (SELECT kk.k AS k, kk.k * :pairs + a.n / 2 AS i,
                                1000 * (kk.k / 2 + 1) + (kk.k / 2 + 1) * (kk.k / 2) AS evens,
                                1000 * ((kk.k + 1) / 2) + ((kk.k + 1) / 2) * ((kk.k + 1) / 2) AS odds) AS last
WHERE acc.tenant_id = :'tenant' AND acc.account_id = a.account_id;

COMMIT;

SELECT setval(pg_get_serial_sequence('ledger_entry', 'seq'), (SELECT max(seq) FROM ledger_entry));
ANALYZE ledger_entry;
ANALYZE ledger_posting;
ANALYZE ledger_account;
CHECKPOINT;

-- the invariants, on what was loaded
SELECT count(*) AS accounts,
       count(*) FILTER (WHERE s.pd <> acc.posted_debits OR s.pc <> acc.posted_credits OR s.n <> acc.version)
           AS accounts_whose_totals_differ_from_their_postings,
       sum(s.pd) = sum(s.pc) AS ledger_debits_equal_credits
FROM (SELECT account_id, sum(posted_amount) FILTER (WHERE direction = 'debit') AS pd,
             sum(posted_amount) FILTER (WHERE direction = 'credit') AS pc, count(*) AS n
      FROM ledger_posting WHERE tenant_id = :'tenant' AND ledger_id = :'ledger' GROUP BY account_id) AS s
     JOIN ledger_account AS acc ON acc.tenant_id = :'tenant' AND acc.account_id = s.account_id;
SELECT count(*) AS accounts_whose_last_posting_differs
FROM ledger_account AS acc
     CROSS JOIN LATERAL (SELECT after_posted_debits, after_posted_credits, eff_posted_debits, eff_posted_credits
                         FROM ledger_posting p
                         WHERE p.tenant_id = acc.tenant_id AND p.account_id = acc.account_id
                         ORDER BY recorded_at DESC, account_version DESC LIMIT 1) AS last
WHERE acc.tenant_id = :'tenant' AND acc.ledger_id = :'ledger'
  AND (last.after_posted_debits, last.after_posted_credits, last.eff_posted_debits, last.eff_posted_credits)
      IS DISTINCT FROM (acc.posted_debits, acc.posted_credits, acc.posted_debits, acc.posted_credits);
