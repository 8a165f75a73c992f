#!/usr/bin/env bash
# RSS and throughput of a Warden build under 60 s of mixed load, for any command that starts it:
#
#   bench/memory.sh java -XX:+UseSerialGC -XX:MaxRAMPercentage=60 -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -jar target/quarkus-app/quarkus-run.jar
#
# Starts the tests' fake issuer (bench/lib.sh) and the command on loopback against a fresh database warden_mem
# on 127.0.0.1:5432, creates 20 tasks, warms up for WARMUP (default 10s), then runs wrk -t2 -c64 for DURATION
# (default 60s) with bench/mix.lua (per ten requests: five /api/v1/me, four task lists of 20, one create). Samples
# the RSS every second and prints req/s, p50/p99, non-2xx, the RSS at the end and its peak, and the heap settings
# the JVM chose. With ENDPOINTS=20s, then also each of /api/v1/me, the task list and task create alone for that
# long (req/s, p99). Everything it starts stops within MAX_SECONDS (default 300). Needs wrk and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
[ $# -gt 0 ] || bench_usage 10
DURATION=${DURATION:-60s}
WARMUP=${WARMUP:-10s}
MAX_SECONDS=${MAX_SECONDS:-300}
DB=warden_mem
bench_state
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port); iport=$(free_port)
W=http://127.0.0.1:$port
I=http://127.0.0.1:$iport

bench_db "$DB"
bench_issuer "$iport" "$W" "$MAX_SECONDS"

DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=$I JWT_AUDIENCE=$W PORT=$port MANAGEMENT_PORT=0 HOST=127.0.0.1 \
  timeout "$MAX_SECONDS" "$@" >"$STATE/warden.log" 2>&1 & wrapper=$!; pids+=("$wrapper")
sleep 0.3
app=$(bench_child "$wrapper")
bench_wait "$W/q/health/ready" 600 0.1 "$wrapper" || { echo "memory: not ready; log:" >&2; tail -20 "$STATE/warden.log" >&2; exit 1; }

export USER_ID=mix-user TOKEN
TOKEN=$(curl -sf "$I/token?sub=$USER_ID&ttl=3600")
for i in $(seq 1 20); do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"task $i\"}" "$W/api/$USER_ID/tasks"
done
rss() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$app/status"; }
echo "command: $*"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "heap: $(jcmd "$app" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'Use(Serial|G1|Parallel)GC|MaxHeapSize|InitialHeapSize|MaxRAM' | tr '\n' ' ')"
echo "RSS when ready: $(rss) MB"
wrk -t2 -c64 -d"$WARMUP" -s bench/mix.lua "$W" >/dev/null
peak=0
( while kill -0 "$app" 2>/dev/null; do r=$(rss); echo "$r"; sleep 1; done ) >"$STATE/rss.txt" & sampler=$!; pids+=("$sampler")
out=$(wrk -t2 -c64 -d"$DURATION" --latency -s bench/mix.lua "$W")
end=$(rss)
kill "$sampler" 2>/dev/null || true
peak=$(sort -n "$STATE/rss.txt" | tail -1)
rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
p50=$(echo "$out" | awk '$1=="50%"{print $2}')
p99=$(echo "$out" | awk '$1=="99%"{print $2}')
non2xx=$(echo "$out" | awk '/Non-2xx/{print $5}')
errors=$(echo "$out" | awk '/Socket errors/{print}')
echo "mix, wrk -t2 -c64 -d$DURATION: $rps req/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0}${errors:+, $errors}"
echo "RSS after ${DURATION}: ${end} MB (peak ${peak:-?} MB); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${ENDPOINTS:-}" ]; then
  for endpoint in me list create; do
    case "$endpoint" in
      me) url="$W/api/v1/me"; args=(-H "Authorization: Bearer $TOKEN") ;;
      list) url="$W/api/$USER_ID/tasks?size=20"; args=(-H "Authorization: Bearer $TOKEN") ;;
      create) url="$W/api/$USER_ID/tasks"; args=(-s bench/create.lua) ;; # sets its own Authorization
    esac
    out=$(wrk -t2 -c64 -d"$ENDPOINTS" --latency "${args[@]}" "$url")
    echo "$endpoint, wrk -t2 -c64 -d$ENDPOINTS: $(echo "$out" | awk '/Requests\/sec/{print $2}') req/s, p99 $(echo "$out" | awk '$1=="99%"{print $2}'), non-2xx $(echo "$out" | awk '/Non-2xx/{print $5}' | grep . || echo 0)"
  done
fi
# With -XX:NativeMemoryTracking=summary in the command: where the JVM's committed memory is.
if [[ " $* " == *NativeMemoryTracking* ]]; then
  jcmd "$app" VM.native_memory summary scale=MB | grep -E '^(Total|-  *[A-Z][a-zA-Z ]*\()' | sed -E 's/ +\(/ (/; s/^- +//'
fi
