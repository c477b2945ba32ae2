#!/usr/bin/env bash
# Mining benchmark: builds game-service, starts its jar against a fresh PostgreSQL database, a
# flushed Redis DB and an in-process Kafka broker, with auth and location stubbed in the load
# generator (src/test/java/ore/game/bench/MineLoad.java), then prints mines/s and latency.
#
#   game-service/run-load.sh [rate=0: 30, 50, 70 % of the closed loop] [seconds=30] [players=5000] [workers=64]
#
# Then the service's statements (bench/mine-transaction.sql) are driven by pgbench on the same
# PostgreSQL with as many clients as workers (bench/pgbench-mine.sh), in rounds alternating with the
# service's closed loop, and the ratio of the service's mines/s to pgbench's transactions/s is
# printed per round and as their median: how close the service gets to the ceiling the database
# puts on it. Alternating, because this VM's CPU speed drifts by ±20 % within minutes.
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
rm -f "$root/game-service/target/bench/pgbench.log"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -Dore.bench.pgbench="$root/game-service/bench/pgbench-mine.sh" \
  -cp "$cp" ore.game.bench.MineLoad "$jar" "$@" | tee "$out"

