-- Every entry updates its accounts' rows (balances, version). ledger_account_ledger_idx
-- repeated the unique constraint ledger_account_code_key column for column, so each
-- update that could not stay on its page (not HOT) maintained one index more for nothing;
-- and free room on each page keeps more of those updates HOT (no index maintenance at all).
DROP INDEX ledger_account_ledger_idx;
ALTER TABLE ledger_account SET (fillfactor = 80);
