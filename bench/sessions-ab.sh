#!/usr/bin/env bash
# What refusing ended sessions costs /api/v1/me: the same prod jar twice on loopback, WARDEN_SESSIONS_ENABLED=false
# ("off") and true ("on", listening, 1,000 ended sessions in memory), wrk in alternating rounds so a busy machine
# weighs on both alike, and the database's committed transactions during the "on" rounds (pg_stat_database), which
# shows that no request queries it.
#   bench/sessions-ab.sh          (ROUNDS=4 DURATION=15s CONNECTIONS=64 THREADS=2, BENCH_BUILD=0 reuses target/)
# The token names an open session (sid), as the frontend's do. Needs wrk and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
[ $# -eq 0 ] || bench_usage 7
bench_load 15s 4
PORT_OFF=${OFF_PORT:-18531}
PORT_ON=${ON_PORT:-18532}
bench_setup 18512 "" warden_bench_sessions
bench_build
bench_db "$DB"
bench_issuer "$IPORT" "$AUD"

start() { # $1 = name, $2 = port, $3 = sessions enabled
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=http://127.0.0.1:$IPORT JWT_AUDIENCE=$AUD \
    PORT=$2 MANAGEMENT_PORT=0 HOST=127.0.0.1 WARDEN_SESSIONS_ENABLED=$3 \
    timeout 1800 java -jar target/quarkus-app/quarkus-run.jar >"$STATE/$1.log" 2>&1 & pids+=($!)
  bench_wait "http://127.0.0.1:$2/q/health/ready" 600 0.1 "${pids[-1]}" || { echo "$1 did not start"; cat "$STATE/$1.log"; exit 1; }
}
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAq -c "$1"; }
rate() { # req/s of one round; any answer but 2xx makes the comparison void
  local out; out=$(wrk -t"$T" -c"$C" -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$1")
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers: $out" >&2; exit 1; fi
  echo "$out" | awk '/Requests\/sec/{print $2}'
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+uncommitted'); wrk -t$T -c$C -d$DURATION, $ROUNDS alternating rounds after a 10 s warm-up of each"
start off "$PORT_OFF" false # migrates the database
sql "INSERT INTO ended_sessions (sid) SELECT 'ended-' || g FROM generate_series(1, 1000) g"
start on "$PORT_ON" true # loads the 1,000 ended sessions as it starts listening
TOKEN=$(curl -sf "http://127.0.0.1:$IPORT/token?sub=bench-user&ttl=3600&sid=open-session")
ENDED=$(curl -sf "http://127.0.0.1:$IPORT/token?sub=bench-user&ttl=3600&sid=ended-500")
for port in "$PORT_OFF" "$PORT_ON"; do
  echo "port $port: open session $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/me"), ended session $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ENDED" "http://127.0.0.1:$port/api/v1/me")"
done
for port in "$PORT_OFF" "$PORT_ON"; do
  wrk -t"$T" -c"$C" -d10s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/me" >/dev/null
done
off=(); on=(); requests=0; transactions=0
for r in $(seq 1 "$ROUNDS"); do
  off+=("$(rate "http://127.0.0.1:$PORT_OFF/api/v1/me")") || exit 1
  before=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'")
  on+=("$(rate "http://127.0.0.1:$PORT_ON/api/v1/me")") || exit 1
  sleep 1 # pg_stat_database is updated when a backend reports, at most every second or so
  after=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'")
  transactions=$((transactions + after - before))
  requests=$(echo "$requests + ${on[-1]} * ${DURATION%s}" | bc)
  echo "  round $r: off ${off[-1]} req/s, on ${on[-1]} req/s; database transactions during the on round: $((after - before))"
done
moff=$(printf '%s\n' "${off[@]}" | bench_median); mon=$(printf '%s\n' "${on[@]}" | bench_median)
printf 'GET /api/v1/me: median off %.0f req/s, on %.0f req/s, on/off %.3f\n' "$moff" "$mon" "$(echo "$mon / $moff" | bc -l)"
printf 'database transactions during %.0f requests with sessions on: %d (the listener probes its connection every 10 s)\n' "$requests" "$transactions"
