#!/usr/bin/env bash
# Load generator of realtime-engine (ore.realtime.bench.WsLoad): builds the module, starts the engine
# as its own process on the local Redis, opens the connections from several 127.0.0.x addresses and
# prints connections held, heap/RSS per connection, deliveries/s and delivery latency.
#   realtime-engine/run-load.sh [connections=10000] [perAddress=5000] [rates=10,20] [seconds=10] [target=engine|micronaut]
# Only loopback traffic; it stops by itself. Both processes need a file descriptor per connection
# (ulimit -n must exceed the connection count).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q -pl realtime-engine -am install -DskipTests
./mvnw -B -ntp -q -pl realtime-engine dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/load-classpath.txt >/dev/null
CP="realtime-engine/target/test-classes:realtime-engine/target/classes:$(cat realtime-engine/target/load-classpath.txt)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" ore.realtime.bench.WsLoad "$@"
