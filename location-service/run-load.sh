#!/usr/bin/env bash
# HTTP load test of location-service (see src/test/java/ore/location/bench/LocationLoad.java).
# Builds the service jar, then starts it against a fresh PostgreSQL database, a fresh Redis DB and an
# in-process Kafka broker, and prints accepted fixes/s and p50/p99 latency for batches of 1 and 10,
# and nearby p50/p99. Needs PostgreSQL and Redis as for the tests. Options are passed on, e.g.
#   location-service/run-load.sh --players=20000 --duration=20 --concurrency=8,16,32,64
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

./mvnw -B -q -pl location-service -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load-classpath.txt

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g \
  -cp "location-service/target/test-classes:location-service/target/classes:$(cat location-service/target/load-classpath.txt)" \
  ore.location.bench.LocationLoad --jar=location-service/target/location-service-0.1.0-SNAPSHOT.jar "$@"
