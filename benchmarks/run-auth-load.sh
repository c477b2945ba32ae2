#!/usr/bin/env bash
# Starts auth-service from its jar against a fresh local database and runs ore.bench.AuthLoad on it:
# registration (register, then confirm the code mailed to the address: the local service writes it to
# its log, which AuthLoad reads), then sign-in and refresh under load. Run by hand; a build never runs it.
#
#   benchmarks/run-auth-load.sh [--no-build] [AuthLoad arguments: --accounts N --concurrency C --seconds T ...]
#
# Needs PostgreSQL (127.0.0.1:5432, user postgres, trust) and Redis (127.0.0.1:6379) running. It drops
# and recreates the database ore_bench and flushes Redis DB 9; nothing else is touched.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
PORT=18081
BASE="http://127.0.0.1:$PORT"
SERVICE_JAR="$ROOT/auth-service/target/auth-service-0.1.0-SNAPSHOT.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
OUT="$ROOT/benchmarks/target/auth-load"
LOG="$OUT/auth-service.log"
# All requests come from 127.0.0.1, so the per-IP budgets (20 logins, 60 refreshes a minute...) would
# turn the run into a rate-limit test. 60000 a minute is the most a one-minute period can hold (GCRA
# needs at least 1 ms per request); the limiter stays on, so its Redis round trip is still measured.
RATE_LIMIT=60000
HEALTH_WAIT_SECONDS=120
STOP_WAIT_SECONDS=30

BUILD=1
if [[ "${1:-}" == "--no-build" ]]; then
  BUILD=0
  shift
fi

echo "== start: $(date -u +%FT%TZ), load average: $(uptime | sed 's/.*load average: //')"
if [[ $BUILD -eq 1 ]]; then
  echo "== building auth-service and benchmarks"
  (cd "$ROOT" && ./mvnw -B -q -pl auth-service,benchmarks -am package -DskipTests)
fi
mkdir -p "$OUT"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use; stop whatever listens there first" >&2
  exit 1
fi

echo "== fresh database ore_bench, Redis DB 9 flushed"
PGOPTIONS="--client-min-messages=warning" psql -q -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c 'DROP DATABASE IF EXISTS ore_bench WITH (FORCE)' -c 'CREATE DATABASE ore_bench'
redis-cli -h 127.0.0.1 -p 6379 -n 9 FLUSHDB >/dev/null

# Pinning to one CPU makes the single core the JVM is told about (ActiveProcessorCount) the only one
# it gets: GC and JIT threads cannot borrow the second core, and the load generator gets the other.
PIN_SERVICE=()
PIN_LOAD=()
if command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then
  PIN_SERVICE=(taskset -c 1)
  PIN_LOAD=(taskset -c 0)
fi

echo "== starting auth-service on $BASE (log: ${LOG#"$ROOT"/})"
cat <<NOTE
   JVM: -XX:ActiveProcessorCount=1 -Xmx768m${PIN_SERVICE:+, pinned to CPU 1 (load generator on CPU 0)}.
   Production runs auth-service at 0.5 vCPU / 1 GB on ECS; half a CPU cannot be emulated exactly
   here (no CPU quota is applied), so these figures are for one full core, shared with PostgreSQL
   and Redis, which run unpinned on this machine.
   Rate limits raised to $RATE_LIMIT per minute per IP (default, login, refresh, register, email-confirm):
   all load comes from 127.0.0.1.
   Mail goes to the log with its codes (ORE_AUTH_MAIL_PROVIDER=log, ORE_AUTH_MAIL_LOG_CODES=true: never
   outside a throw-away local run), and AuthLoad confirms each registration with the code it finds there.
   No Kafka: login, register and refresh do not publish events (only GDPR deletion does), so the
   outbox relay is off (ORE_OUTBOX_ENABLED=false) and so is the Kafka health check
   (KAFKA_HEALTH_ENABLED=false); the bootstrap address points at a closed loopback port, and
   Kafka's admin client logs once that it cannot connect, which costs the run nothing.
NOTE
env MICRONAUT_SERVER_PORT=$PORT \
  DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/ore_bench \
  DATASOURCES_DEFAULT_USERNAME=postgres \
  REDIS_URI=redis://127.0.0.1:6379/9 \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
  KAFKA_HEALTH_ENABLED=false \
  ORE_OUTBOX_ENABLED=false \
  ORE_AUTH_SIGNING_ALLOW_EPHEMERAL_KEYS=true \
  ORE_AUTH_MAIL_PROVIDER=log \
  ORE_AUTH_MAIL_LOG_CODES=true \
  ORE_RATE_LIMIT_PER_IP_PER_MINUTE=$RATE_LIMIT \
  ORE_RATE_LIMIT_ROUTES_LOGIN_LIMIT=$RATE_LIMIT \
  ORE_RATE_LIMIT_ROUTES_REFRESH_LIMIT=$RATE_LIMIT \
  ORE_RATE_LIMIT_ROUTES_REGISTER_LIMIT=$RATE_LIMIT \
  ORE_RATE_LIMIT_ROUTES_EMAIL_CONFIRM_LIMIT=$RATE_LIMIT \
  "${PIN_SERVICE[@]}" "$JAVA" -XX:ActiveProcessorCount=1 -Xmx768m -jar "$SERVICE_JAR" >"$LOG" 2>&1 &
SERVICE_PID=$!

stop_service() {
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID"
    for _ in $(seq "$STOP_WAIT_SECONDS"); do
      kill -0 "$SERVICE_PID" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$SERVICE_PID" 2>/dev/null && kill -KILL "$SERVICE_PID"
    wait "$SERVICE_PID" 2>/dev/null || true
    echo "== auth-service stopped"
  fi
}
trap stop_service EXIT

started=$(date +%s)
until curl -fsS --max-time 2 "$BASE/health" >/dev/null 2>&1; do
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    echo "auth-service exited during start-up; last lines of its log:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  if (( $(date +%s) - started >= HEALTH_WAIT_SECONDS )); then
    echo "auth-service not healthy after ${HEALTH_WAIT_SECONDS}s; last lines of its log:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  sleep 1
done
echo "== healthy after $(( $(date +%s) - started )) s: $(curl -sS --max-time 2 "$BASE/health")"

status=0
"${PIN_LOAD[@]}" "$JAVA" -cp "$BENCH_JAR" ore.bench.AuthLoad --base "$BASE" --mail-log "$LOG" "$@" || status=$?

stop_service
trap - EXIT

echo
echo "== machine"
echo "cpus:   $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
echo "load:   $(uptime | sed 's/.*load average: //') (shared machine: other work may run alongside)"
"$JAVA" -version 2>&1 | sed 's/^/java:   /'
exit $status
