-- timebank-transfers: the minimal double-entry transaction of one transfer, for pgbench
-- (bench/scenarios/timebank-transfers.ts), as the floor the API's own statements are compared with. One
-- guarded UPDATE of the paying balance (never below zero), one UPDATE of the receiving balance, one INSERT
-- of the entry, on bench_min's copies of the two tables (same columns, CHECKs and indexes; no triggers, no
-- foreign keys). Nothing else of the API's work: no session, no idempotency key, no rules, no audit row.
-- The sender is the next prepared volunteer of bench_tb (one primary-key read, as in the API-SQL script).
SELECT own, fam FROM bench_tb WHERE n = (SELECT nextval('bench_tb_seq') % :people + 1) \gset
BEGIN;
UPDATE bench_min.timebank_accounts SET balance = balance - 1 WHERE id = :own AND balance >= 1;
UPDATE bench_min.timebank_accounts SET balance = balance + 1 WHERE id = :fam;
INSERT INTO bench_min.timebank_transfers (scheme_id, debit_account_id, credit_account_id, amount, kind, at)
  VALUES (:scheme, :own, :fam, 1, 'family', now());
COMMIT;
