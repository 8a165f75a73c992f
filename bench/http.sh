#!/usr/bin/env bash
# HTTP benchmarks: wrk against the packaged app (prod build) on loopback, PostgreSQL on 127.0.0.1:5432.
# Runs: /api/v1/me with one token; /api/v1/me with 10,000 distinct tokens and the verified-token cache off (every
# request a full verification); the task list (20 tasks); task create. Reports req/s, p50, p99, CPU per request
# (the Warden JVM's user+sys time / requests) and RSS. ~3 minutes. Needs wrk (apt-get install wrk).
#   bench/http.sh            # DURATION=20s CONNECTIONS=64 THREADS=2
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_load 20s
bench_setup 18501 18081 warden_bench
# One account at full speed is what the per-account limits refuse: off here, bench/limits.sh measures them.
ONE_ACCOUNT_AT_FULL_SPEED="WARDEN_RATE_LIMIT_ENABLED=false WARDEN_TASKS_MAX_PER_USER=1000000000"
W=http://127.0.0.1:$WPORT
I=http://127.0.0.1:$IPORT

bench_build
bench_db "$DB"
bench_issuer "$IPORT" "$W" 900

WARDEN_PID=
WRAPPER_PID=
start_warden() { # $1 = token cache size
  [ -n "$WARDEN_PID" ] && { kill "$WRAPPER_PID"; wait "$WRAPPER_PID" 2>/dev/null || true; }
  local t0; t0=$(date +%s%N)
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=$I JWT_AUDIENCE=$W PORT=$WPORT MANAGEMENT_PORT=0 HOST=127.0.0.1 \
    WARDEN_AUTH_TOKEN_CACHE_SIZE=$1 env $ONE_ACCOUNT_AT_FULL_SPEED timeout 900 java -jar target/quarkus-app/quarkus-run.jar >"$STATE/warden.log" 2>&1 &
  WRAPPER_PID=$!; pids+=("$WRAPPER_PID")
  sleep 0.2; WARDEN_PID=$(bench_child "$WRAPPER_PID")
  # Polled every 10 ms: the time to ready is one of the figures.
  bench_wait "$W/q/health/ready" 3000 0.01 "$WRAPPER_PID" || { echo "warden not ready"; tail -20 "$STATE/warden.log"; exit 1; }
  echo "start to ready (JVM launch to first ready answer): $(( ($(date +%s%N) - t0) / 1000000 )) ms;" \
       "Quarkus says: $(grep -o 'started in [0-9.]*s' "$STATE/warden.log")"
}
cpu() { awk '{print $14 + $15}' "/proc/$WARDEN_PID/stat"; }   # clock ticks, user + sys
run() { # $1 = name, rest = wrk args
  local name=$1; shift
  local before after out reqs
  before=$(cpu)
  out=$(wrk -t"$T" -c"$C" -d"$DURATION" --latency "$@")
  after=$(cpu)
  reqs=$(echo "$out" | awk '/requests in/{print $1}')
  local rps p50 p99 non2xx rss
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/{print $5}')
  rss=$(ps -o rss= -p "$WARDEN_PID" | awk '{printf "%.0f", $1/1024}')
  printf '%-34s %10s req/s  p50 %-8s p99 %-8s CPU %6.1f us/req  RSS %s MB  non-2xx %s\n' "$name" "$rps" "$p50" "$p99" \
    "$(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / $reqs" | bc -l)" "$rss" "${non2xx:-0}"
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$T -c$C -d$DURATION on the same machine (client and server share the cores)"
start_warden 10000
TOKEN=$(curl -sf "$I/token?sub=bench-user&ttl=3600")
for i in $(seq 1 20); do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"task $i\"}" "$W/api/bench-user/tasks"
done
# Warm-up (JIT), not reported.
wrk -t"$T" -c"$C" -d10s -H "Authorization: Bearer $TOKEN" "$W/api/v1/me" >/dev/null
wrk -t"$T" -c"$C" -d5s -H "Authorization: Bearer $TOKEN" "$W/api/bench-user/tasks" >/dev/null
run "GET /api/v1/me, one token" -H "Authorization: Bearer $TOKEN" "$W/api/v1/me"
run "GET /api/{userId}/tasks (20 tasks)" -H "Authorization: Bearer $TOKEN" "$W/api/bench-user/tasks"
export TOKEN TOKENS_FILE=$STATE/tokens.txt
run "POST /api/{userId}/tasks (create)" -s bench/create.lua "$W/api/bench-user/tasks"
# Where the time goes on /api/v1/me: a JFR sample profile of an extra 10 s run (not part of the figures above).
jcmd "$WARDEN_PID" JFR.start name=me settings=profile filename="$STATE/me.jfr" >/dev/null
wrk -t"$T" -c"$C" -d10s -H "Authorization: Bearer $TOKEN" "$W/api/v1/me" >/dev/null
jcmd "$WARDEN_PID" JFR.stop name=me >/dev/null
echo "JFR top frames on /api/v1/me (self samples):"
jfr print --events jdk.ExecutionSample "$STATE/me.jfr" | grep -A1 'stackTrace = \[' | grep -vE 'stackTrace|^--' \
  | sed -E 's/^ +//; s/ +line:.*//' | sort | uniq -c | sort -rn | head -12
echo "JFR frames containing dev.warden (inclusive samples):"
jfr print --events jdk.ExecutionSample "$STATE/me.jfr" | grep -c 'jdk.ExecutionSample' | sed 's/^/  total samples: /'
jfr print --events jdk.ExecutionSample "$STATE/me.jfr" | grep -E '^\s+dev\.warden' | sed -E 's/^ +//; s/ +line:.*//' \
  | sort | uniq -c | sort -rn | head -6
curl -sf "$I/tokens?count=10000&prefix=bench-many-" >"$STATE/tokens.txt"
start_warden 0
wrk -t"$T" -c"$C" -d10s -s bench/me-many.lua "$W" >/dev/null
run "GET /api/v1/me, 10,000 tokens, no cache" -s bench/me-many.lua "$W"
