#!/usr/bin/env bash
# HTTP load test of location-service (see src/test/java/ore/location/bench/LocationLoad.java).
# Builds the service jar, then starts it against a fresh PostgreSQL database, a fresh Redis DB and an
# in-process Kafka broker, and prints accepted fixes/s and p50/p99 latency for batches of 1 and 10,
# and nearby p50/p99. Needs PostgreSQL and Redis as for the tests. Options are passed on, e.g.
#   location-service/run-load.sh --players=20000 --duration=20 --concurrency=8,16,32,64
# Then the same Lua commit (commit_track.lua) is driven by redis-benchmark on the same Redis
# (bench/redis-commit.sh), and the ratio of the service's best one-fix updates/s (one commit each) to
# redis-benchmark's commits/s is printed: how close the service gets to the ceiling Redis puts on it.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

./mvnw -B -q -pl location-service -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load-classpath.txt

out=location-service/target/bench/location-load.txt
mkdir -p "$(dirname "$out")"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g \
  -cp "location-service/target/test-classes:location-service/target/classes:$(cat location-service/target/load-classpath.txt)" \
  ore.location.bench.LocationLoad --jar=location-service/target/location-service-0.1.0-SNAPSHOT.jar "$@" | tee "$out"

echo
echo "== redis-benchmark: the same commit script on the same Redis"
redis_line="$(location-service/bench/redis-commit.sh 200000 32)"
echo "$redis_line"
service_rate="$(grep '^| batch1 ' "$out" | awk -F'|' '{ gsub(/ /, "", $4); print $4 }' | sort -n | tail -1)"
redis_rate="$(echo "$redis_line" | sed -n 's/.*: \([0-9.]*\) commits.*/\1/p')"
if [[ -n "$service_rate" && -n "$redis_rate" ]]; then
  awk -v s="$service_rate" -v r="$redis_rate" 'BEGIN { printf "service %.0f updates/s (batch of 1) vs redis-benchmark %.0f commits/s: %.0f %% of the ceiling\n", s, r, 100 * s / r }'
fi
