#!/usr/bin/env bash
# Soak: 5 minutes of mixed task traffic from several users with real tokens, while the issuer rotates
# its key once and is stopped for 60 s; then a reconciliation of the database against every acknowledged write.
# Loopback only, bounded in time (~7 minutes with the build). Needs Java 17+ and a PostgreSQL on 127.0.0.1:5432.
#   bench/soak.sh                   # SOAK_SECONDS=300 SOAK_USERS=24 by default
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_TOTAL=${SOAK_SECONDS:-300}
USERS=${SOAK_USERS:-24}
bench_setup 18500 18080 ""
DB=${SOAK_DB:-warden_soak}
OUT=bench/soak-last.txt
WARDEN=http://127.0.0.1:$WPORT
ISSUER=http://127.0.0.1:$IPORT

bench_build "${SOAK_BUILD:-1}"
mkdir -p "$STATE/classes" && javac -d "$STATE/classes" bench/Soak.java
bench_db "$DB"

start_issuer() { bench_issuer "$IPORT" "$WARDEN"; }
start_issuer

DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=$ISSUER JWT_AUDIENCE=$WARDEN \
  JWKS_CACHE_TTL=30 PORT=$WPORT MANAGEMENT_PORT=$((WPORT + 1000)) HOST=127.0.0.1 \
  timeout $((SECONDS_TOTAL + 300)) java -Xmx512m -jar target/quarkus-app/quarkus-run.jar >"$STATE/warden.log" 2>&1 &
WARDEN_PID=$!; pids+=("$WARDEN_PID")
bench_wait "$WARDEN/q/health/ready" 300 0.2 "$WARDEN_PID" || { echo "warden not ready"; tail -20 "$STATE/warden.log"; exit 1; }

timeout $((SECONDS_TOTAL + 240)) java -cp "$STATE/classes" Soak "$WARDEN" "$ISSUER" "$SECONDS_TOTAL" "$USERS" >"$STATE/soak.log" 2>&1 &
SOAK_PID=$!; pids+=("$SOAK_PID")
t0=$(date +%s)
at() { while [ $(( $(date +%s) - t0 )) -lt "$1" ]; do sleep 1; done; }
events=()
at $((SECONDS_TOTAL / 5));      curl -sf -X POST "$ISSUER/control/rotate" >/dev/null; events+=("t=$((SECONDS_TOTAL / 5))s rotate: publish A+B, sign with B")
at $((SECONDS_TOTAL * 2 / 5));  curl -sf -X POST "$ISSUER/control/retire" >/dev/null; events+=("t=$((SECONDS_TOTAL * 2 / 5))s retire: publish B only")
at $((SECONDS_TOTAL / 2));      kill "$ISSUER_PID"; events+=("t=$((SECONDS_TOTAL / 2))s issuer stopped")
at $((SECONDS_TOTAL / 2 + 60)); start_issuer; events+=("t=$((SECONDS_TOTAL / 2 + 60))s issuer started again (same keys)")
wait "$SOAK_PID" || true

metrics=$(curl -s "http://127.0.0.1:$((WPORT + 1000))/q/metrics" | grep -E '^warden_(jwks_fetches_total|jwks_demand|http_errors_total|jwt_cache_total)' || true)
JAVA_PID=$(bench_child "$WARDEN_PID")
rss=$(ps -o rss= -p "$JAVA_PID" | awk '{printf "%.0f MB", $1/1024}')
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  echo "command: bench/soak.sh (SOAK_SECONDS=$SECONDS_TOTAL SOAK_USERS=$USERS)"
  printf '%s\n' "${events[@]}"
  grep -E '^\[soak\]' "$STATE/soak.log" || true
  sed -n '/## soak summary/,$p' "$STATE/soak.log"
  echo "warden RSS at end: $rss"
  echo "warden metrics:"; echo "$metrics"
  echo "warden warnings:"; grep -E 'WARN|ERROR' "$STATE/warden.log" | sed -E 's/^[0-9-]+ //' | cut -c1-200 | sort | uniq -c | sort -rn | head -15
} | tee "$OUT"
