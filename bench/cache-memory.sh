#!/usr/bin/env bash
# What the verified-token cache holds in memory: the live heap (after a full GC) of the packaged Warden before and
# after TOKENS distinct tokens (default 10,000, the cache's default size) have each been verified once through
# /api/v1/me, divided by TOKENS. Also the same with the cache off, so that what the requests leave behind anyway
# (JIT, pools, metrics) is not counted as the cache's. ~2 minutes; the figure does not depend on load.
#   bench/cache-memory.sh          TOKENS=10000; BENCH_BUILD=0 reuses target/
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
TOKENS=${TOKENS:-10000}
bench_setup 18571 18572 warden_bench_cache

bench_build
bench_db "$DB"
bench_issuer "$IPORT" "$AUD" 900
curl -sf "http://127.0.0.1:$IPORT/tokens?count=$TOKENS&prefix=cache-" >"$STATE/tokens.txt"
# One curl, one connection, every token once; every answer must be 200.
awk -v u="http://127.0.0.1:$WPORT/api/v1/me" 'NR > 1 {print "next"} {print "url = \"" u "\""; print "header = \"Authorization: Bearer " $0 "\""; print "output = \"/dev/null\""; print "write-out = \"%{http_code}\\n\""}' \
  "$STATE/tokens.txt" >"$STATE/requests.curl"

live_heap_kb() { # used heap after a full collection
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/generation|garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); s += v}} END {print s}'
}
measure() { # $1 = cache size; prints the live heap growth in KB
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=http://127.0.0.1:$IPORT JWT_AUDIENCE=$AUD \
    PORT=$WPORT MANAGEMENT_PORT=0 HOST=127.0.0.1 WARDEN_AUTH_TOKEN_CACHE_SIZE=$1 \
    timeout 600 java -XX:+UseSerialGC -XX:MaxRAMPercentage=60 -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -jar target/quarkus-app/quarkus-run.jar \
    >"$STATE/warden.log" 2>&1 &
  local wrapper=$!; pids+=("$wrapper")
  bench_wait "http://127.0.0.1:$WPORT/q/health/ready" 600 0.1 "$wrapper" || { echo "warden not ready" >&2; exit 1; }
  local pid; pid=$(bench_child "$wrapper")
  curl -sf -o /dev/null -H "Authorization: Bearer $(head -1 "$STATE/tokens.txt")" "http://127.0.0.1:$WPORT/api/v1/me"
  local before after codes
  before=$(live_heap_kb "$pid")
  codes=$(curl -s --config "$STATE/requests.curl" | sort | uniq -c | xargs)
  [ "$codes" = "$TOKENS 200" ] || { echo "answers: $codes" >&2; exit 1; }
  after=$(live_heap_kb "$pid")
  kill "$wrapper"; wait "$wrapper" 2>/dev/null || true
  echo $((after - before))
}
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $TOKENS distinct Better Auth-shaped RS256 tokens ($(head -1 "$STATE/tokens.txt" | wc -c) bytes each)"
with=$(measure "$TOKENS")
without=$(measure 0)
echo "live heap growth after $TOKENS tokens: cache on $with KB, cache off $without KB"
echo "the cache: $(( (with - without) * 1024 / TOKENS )) bytes per entry, $(( (with - without) / 1024 )) MB for $TOKENS entries"
