#!/usr/bin/env bash
# The ceiling: game-service's mining transaction (mine-transaction.sql) driven by pgbench on the same
# PostgreSQL, in a scratch database with game-service's schema. Prints pgbench's tps and latency.
#
#   game-service/bench/pgbench-mine.sh [seconds=20] [clients=16] [players=5000]
#
# Needs psql and pgbench (postgresql-client) and PostgreSQL on PGHOST/PGPORT (default 127.0.0.1:5432,
# user postgres). The scratch database is dropped at the end.
set -euo pipefail
seconds="${1:-20}"; clients="${2:-16}"; players="${3:-5000}"
here="$(cd "$(dirname "$0")" && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db="ore_pgbench_$$"
psql -q -d postgres -c "create database $db" >/dev/null
trap 'psql -q -d postgres -c "drop database if exists $db" >/dev/null' EXIT
for f in "$here"/../src/main/resources/db/migration/V*.sql; do
  psql -q -v ON_ERROR_STOP=1 -d "$db" -c "create schema if not exists game" -f "$f" >/dev/null
done
# The players and their accounts, as after their first mines (the service's steady state).
psql -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL
insert into game.player (id, created_at) select md5('p' || g::text)::uuid, now() from generate_series(1, $players) g;
insert into game.account (code, kind, player_id, ore, balance, created_at)
  select 'player:' || md5('p' || g::text)::uuid || ':copper', 'player', md5('p' || g::text)::uuid, 'copper', 0, now()
  from generate_series(1, $players) g;
analyze;
SQL
world="$(psql -qAt -d "$db" -c "select id from game.account where code = 'world:copper'")"
pgbench -n -M prepared -T "$seconds" -c "$clients" -j 2 -D players="$players" -D nodes=2000 -D world="$world" \
  -f "$here/mine-transaction.sql" "$db" 2>&1 | tail -25
