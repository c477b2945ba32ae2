-- What game-service sends PostgreSQL for one successful mine (MiningService.mine with its jOOQ
-- adapters), statement for statement, for pgbench: the ceiling PostgreSQL itself puts on mines/s on
-- this machine. Variables: :players (distinct players), :nodes (distinct nodes). The players and
-- their accounts exist (pgbench-mine.sh creates them), as for all but a player's first mine in the
-- service. Not here: what only refusals send (the lookup of a racing request's answer). The round
-- trips are the service's six: pgbench's pipeline sends what pgjdbc sends together (BEGIN with the
-- first statement, the batch of deferred writes), so PostgreSQL's per-round-trip work is the same.
\set p random(1, :players)
\set n random(1, :nodes)
-- Round trip 1. MineRequestStore.find before anything else (a retry is answered from it), on its own
SELECT * FROM game.mine_request WHERE player_id = md5('p' || :p::text)::uuid AND idem_key = md5(random()::text);
-- Round trip 2. PlayerStore.lock: insert-or-lock the player row (pgjdbc sends BEGIN with it)
\startpipeline
BEGIN;
INSERT INTO game.player (id, created_at) VALUES (md5('p' || :p::text)::uuid, now())
  ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING last_mined_at, deleted_at, held_at;
\endpipeline
-- Round trip 3. NodeCapacityStore.take
INSERT INTO game.node_capacity (node_id, hour, capacity, remaining, updated_at) VALUES ('bench:' || :n::text, 0, 1000000000, 999999999, now())
  ON CONFLICT (node_id) DO UPDATE SET remaining = game.node_capacity.remaining - 1, updated_at = now()
  WHERE game.node_capacity.remaining >= 1 RETURNING remaining;
-- Round trip 4. Ledger.post: lock the player's account (created by the player's first mine;
-- pgbench-mine.sh creates them all first, the steady state of the service's run). The world
-- account's id is known (:world, the service caches it).
SELECT id AS account, balance FROM game.account WHERE code = 'player:' || md5('p' || :p::text)::uuid || ':' || 'copper' FOR UPDATE \gset
-- Round trip 5. The deferred writes, in one batch: ledger tx and entries, the stored answer, the
-- player's mining clock and the outbox event
\set tx random(1, 2000000000)
\set tx2 random(1, 2000000000)
\startpipeline
INSERT INTO game.ledger_tx (id, reason, reference, created_at) VALUES (md5(:tx::text || '-' || :tx2::text)::uuid, 'mined', 'bench:' || :n::text, now());
INSERT INTO game.ledger_entry (tx_id, account_id, amount) VALUES
  (md5(:tx::text || '-' || :tx2::text)::uuid, :world, -1),
  (md5(:tx::text || '-' || :tx2::text)::uuid, :account, 1);
INSERT INTO game.mine_request (player_id, idem_key, node_id, outcome, tx_id, ore, node_remaining, balance_after, created_at)
  VALUES (md5('p' || :p::text)::uuid, md5(random()::text), 'bench:' || :n::text, 'mined', md5(:tx::text || '-' || :tx2::text)::uuid, 'copper', 1, 1, now());
UPDATE game.player SET last_mined_at = now() WHERE id = md5('p' || :p::text)::uuid;
INSERT INTO game.outbox (id, topic, event_key, event_type, envelope, created_at)
  VALUES (md5('o' || random())::uuid, 'ore.game.events', md5('p' || :p::text)::uuid::text, 'OreMined',
          '{"type":"OreMined","payload":{"amount":1}}'::jsonb, now());
\endpipeline
-- Round trip 6.
COMMIT;
