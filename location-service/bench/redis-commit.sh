#!/usr/bin/env bash
# The ceiling: location-service's commit of one update (commit_track.lua: track, pending tracking
# events, cheat counter, all in one script) driven by redis-benchmark on the same Redis, with a
# track of 16 fixes and the events of a one-fix batch as the service writes them. Keys are random
# player ids in DB 15 (flushed before and after), so every call takes the full commit path.
#
#   location-service/bench/redis-commit.sh [requests=200000] [clients=32]
#
# Prints redis-benchmark's requests/s (= commits/s).
set -euo pipefail
requests="${1:-200000}"; clients="${2:-32}"
here="$(cd "$(dirname "$0")" && pwd)"
host="${REDIS_HOST:-127.0.0.1}"; port="${REDIS_PORT:-6379}"; db=15
cli=(redis-cli -h "$host" -p "$port" -n "$db")
"${cli[@]}" flushdb >/dev/null
trap '"${cli[@]}" flushdb >/dev/null' EXIT
sha="$("${cli[@]}" script load "$(cat "$here/../src/main/resources/ore/location/redis/commit_track.lua")")"
fix='37.56651234567,126.97801234567,6.5,1767225600000,,'
window="$fix"; for i in $(seq 2 16); do window="$window;$fix"; done
judged="$(seq -s, 1767225600000 1000 1767225663000)"
body="v1|TRUSTED|871f1a8a5ffffff|$judged|$window|1767225600123|"
events='[{"playerId":"00000000-0000-0000-0000-000000000000","ts":1767225600000,"lat":37.56651234567,"lon":126.97801234567,"accuracyM":6.5,"verdict":"TRUSTED","accepted":true,"reasons":[],"inNoPlayZone":false,"cell":"8930e1d8a2bffff","receivedAt":"2026-01-01T00:00:00.123Z"}]'
tag='loc:{p:__rand_int__}'
redis-benchmark -h "$host" -p "$port" --dbnum "$db" -q -n "$requests" -c "$clients" -r 100000000 \
  evalsha "$sha" 5 "$tag:track" "$tag:rej" "$tag:cheat" "$tag:erased" "$tag:pending" \
  0 "$body" 86400000 1767225600123 1767225000123 600000 5 600000 "$events" \
  | tr '\r' '\n' | tail -1 | sed -n 's/.*: \([0-9.]*\) requests per second.*/redis-benchmark commit_track.lua: \1 commits\/s/p'
