#!/usr/bin/env bash
# Builds target/benchmarks.jar and runs the JMH benchmarks on this machine, then prints JMH's
# results table and what the machine was. Run by hand; a build never runs benchmarks.
#
#   benchmarks/run-jmh.sh [--no-build] [JMH arguments...]
#
# Without JMH arguments it runs TokenVerificationBenchmark (about 2 minutes). Any arguments go to
# JMH instead, e.g. `benchmarks/run-jmh.sh PasswordHash` or `benchmarks/run-jmh.sh -l`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/benchmarks/target/benchmarks.jar"

BUILD=1
if [[ "${1:-}" == "--no-build" ]]; then
  BUILD=0
  shift
fi
if [[ $# -eq 0 ]]; then
  set -- 'ore\.bench\.TokenVerificationBenchmark'
fi

echo "== start: $(date -u +%FT%TZ), load average: $(uptime | sed 's/.*load average: //')"
if [[ $BUILD -eq 1 ]]; then
  echo "== building benchmarks.jar"
  (cd "$ROOT" && ./mvnw -B -q -pl benchmarks -am package -DskipTests)
fi

"$JAVA" -jar "$JAR" "$@" -rf json -rff "$ROOT/benchmarks/target/jmh-result.json"

echo
echo "== machine"
echo "cpus:   $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
echo "load:   $(uptime | sed 's/.*load average: //') (shared machine: other work may run alongside)"
"$JAVA" -version 2>&1 | sed 's/^/java:   /'
echo "JSON results: benchmarks/target/jmh-result.json"
