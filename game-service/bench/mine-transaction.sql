-- The mining transaction of game-service (MiningService.mineLocked with its jOOQ adapters), statement
-- for statement, for pgbench: the ceiling PostgreSQL itself puts on mines/s on this machine.
-- Variables: :players (distinct players), :nodes (distinct nodes). Players' accounts are created by
-- the first mine of each (as in the service); run long enough for that to be the exception.
\set p random(1, :players)
\set n random(1, :nodes)
BEGIN;
-- PlayerStore.lock: insert-or-lock the player row
INSERT INTO game.player (id, created_at) VALUES (md5('p' || :p::text)::uuid, now())
  ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING last_mined_at, deleted_at, held_at;
-- MineRequestStore.find under the lock (a racing retry)
SELECT outcome FROM game.mine_request WHERE player_id = md5('p' || :p::text)::uuid AND idem_key = md5(random()::text);
-- NodeCapacityStore.take
INSERT INTO game.node_capacity (node_id, hour, capacity, remaining, updated_at) VALUES ('bench:' || :n::text, 0, 1000000000, 999999999, now())
  ON CONFLICT (node_id) DO UPDATE SET remaining = game.node_capacity.remaining - 1, updated_at = now()
  WHERE game.node_capacity.remaining >= 1 RETURNING remaining;
-- Ledger.post: lock (or create) the player's account
INSERT INTO game.account (code, kind, player_id, ore, balance, created_at)
  VALUES ('player:' || md5('p' || :p::text)::uuid || ':copper', 'player', md5('p' || :p::text)::uuid, 'copper', 0, now())
  ON CONFLICT (code) DO NOTHING;
SELECT id, balance FROM game.account WHERE code = 'player:' || md5('p' || :p::text)::uuid || ':copper' FOR UPDATE;
-- ...then, in one round trip, the deferred writes: ledger tx and entries, the stored answer, the
-- player's mining clock and the outbox event
\set tx random(1, 2000000000)
\set tx2 random(1, 2000000000)
INSERT INTO game.ledger_tx (id, reason, reference, created_at) VALUES (md5(:tx::text || '-' || :tx2::text)::uuid, 'mined', 'bench:' || :n::text, now());
INSERT INTO game.ledger_entry (tx_id, account_id, amount) VALUES
  (md5(:tx::text || '-' || :tx2::text)::uuid, (SELECT id FROM game.account WHERE code = 'world:copper'), -1),
  (md5(:tx::text || '-' || :tx2::text)::uuid, (SELECT id FROM game.account WHERE code = 'player:' || md5('p' || :p::text)::uuid || ':copper'), 1);
INSERT INTO game.mine_request (player_id, idem_key, node_id, outcome, tx_id, ore, node_remaining, balance_after, created_at)
  VALUES (md5('p' || :p::text)::uuid, md5(random()::text), 'bench:' || :n::text, 'mined', md5(:tx::text || '-' || :tx2::text)::uuid, 'copper', 1, 1, now());
UPDATE game.player SET last_mined_at = now() WHERE id = md5('p' || :p::text)::uuid;
INSERT INTO game.outbox (id, topic, event_key, event_type, envelope, created_at)
  VALUES (md5('o' || random())::uuid, 'ore.game.events', md5('p' || :p::text)::uuid::text, 'OreMined',
          '{"type":"OreMined","payload":{"amount":1}}'::jsonb, now());
COMMIT;
