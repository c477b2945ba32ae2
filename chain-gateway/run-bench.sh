#!/usr/bin/env bash
# chain-gateway benchmarks (src/test/java/ore/chain/bench/ChainBench.java): indexer backfill blocks/s
# over a chain with many Transfer logs, and payouts/s with a gap-free nonce check, on a real anvil
# node (npm ci --prefix tools/chain), PostgreSQL on 127.0.0.1:5432 and the in-process Kafka broker.
#
#   chain-gateway/run-bench.sh [blocks=3000] [logBlocks=300] [perBlock=100] [payouts=500]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl chain-gateway -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
cp="$root/chain-gateway/target/test-classes:$root/chain-gateway/target/classes:$(cat chain-gateway/target/test.classpath)"
cd "$root/chain-gateway"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=src/test/resources/logback-test.xml -cp "$cp" \
  ore.chain.bench.ChainBench "$@"
