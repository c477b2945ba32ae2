#!/usr/bin/env bash
# Mining benchmark: builds game-service, starts its jar against a fresh PostgreSQL database, a
# flushed Redis DB and an in-process Kafka broker, with auth and location stubbed in the load
# generator (src/test/java/ore/game/bench/MineLoad.java), then prints mines/s and latency.
#
#   game-service/run-load.sh [rate=0: 30, 50, 70 % of the closed loop] [seconds=30] [players=5000] [workers=64]
#
# Then the same SQL transaction (bench/mine-transaction.sql) is driven by pgbench on the same
# PostgreSQL with as many clients as workers (bench/pgbench-mine.sh), and the ratio of the service's
# closed-loop mines/s to pgbench's transactions/s is printed: how close the service gets to the
# ceiling the database puts on it.
#
# Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (or ORE_TEST_PG_URL / ORE_TEST_REDIS_URI).
# The service runs with benchmark settings (cooldown 0, no rate limits, nodes that never run dry):
# see MineLoad's Javadoc. The service log goes to game-service/target/bench/game-service.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl game-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
cp="$root/game-service/target/test-classes:$root/game-service/target/classes:$(cat game-service/target/test.classpath)"
jar="$(ls "$root"/game-service/target/game-service-*.jar | grep -v -e sources -e tests | head -1)"
cd "$root/game-service"
out="$root/game-service/target/bench/mine-load.txt"
mkdir -p "$(dirname "$out")"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$cp" ore.game.bench.MineLoad "$jar" "$@" | tee "$out"

seconds="${2:-30}"; players="${3:-5000}"; workers="${4:-64}"
echo
echo "== pgbench: the same transaction on the same PostgreSQL, $workers clients, ${seconds}s"
# The service run left a lot of WAL behind: write it out first, so pgbench does not pay for it.
psql -q -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -c checkpoint >/dev/null
sleep 5
pg="$("$root/game-service/bench/pgbench-mine.sh" "$seconds" "$workers" "$players" | tee /dev/stderr)"
service_rate="$(grep -A3 '== closed loop' "$out" | sed -n 's/.*= \([0-9.]*\) mines\/s.*/\1/p' | head -1)"
pg_rate="$(echo "$pg" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)"
if [[ -n "$service_rate" && -n "$pg_rate" ]]; then
  awk -v s="$service_rate" -v p="$pg_rate" 'BEGIN { printf "service %.0f mines/s vs pgbench %.0f tx/s: %.0f %% of the ceiling\n", s, p, 100 * s / p }'
  # The most this run could show on this machine: the other processes' CPU per mine alone (database,
  # Redis, the generator with its stubs and Kafka) caps the rate even for a service taking no CPU.
  bound="$(grep -o 'and at [0-9.]* mines/s if game-service took no CPU' "$out" | head -1 | awk '{print $3}')"
  if [[ -n "$bound" ]]; then
    awk -v b="$bound" -v p="$pg_rate" 'BEGIN { printf "on this machine even a service taking no CPU would reach at most %.0f %% of it (%.0f mines/s)\n", 100 * b / p, b }'
  fi
fi
