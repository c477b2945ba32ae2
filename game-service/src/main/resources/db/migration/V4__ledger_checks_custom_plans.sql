-- The ledger's deferred checks look up ledger_entry by tx_id from PL/pgSQL, which caches one plan per
-- connection. A plan made while the table was small (a new deployment: empty) is a sequential scan,
-- and a pooled connection kept it as ledger_entry grew: the check at every mine's commit cost 1.4 ms
-- on 25,000 entries (pg_stat_statements, game-service/run-load.sh) instead of 0.02 ms, and grew with
-- the table. Planning each call (about 10 µs) picks the primary key index from the table's current
-- size, whatever it was when the connection first ran the check.
-- [jooq ignore start]
alter function game.ledger_tx_has_entries() set plan_cache_mode = force_custom_plan;
alter function game.ledger_entry_balanced() set plan_cache_mode = force_custom_plan;
alter function game.ledger_entry_apply() set plan_cache_mode = force_custom_plan;
-- [jooq ignore stop]
