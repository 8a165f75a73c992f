#!/usr/bin/env bash
# /api/v1/me through Warden against the FastAPI + PyJWT peer (bench/peers/fastapi_me.py, uvicorn, 2 workers) and
# against Warden's own unauthenticated /q/health/live, in alternating rounds of one run, one token (Warden's verified-
# token cache hits; PyJWKClient caches the key). Prints each round, the medians and the two ratios that matter.
#   bench/me-peers.sh       ROUNDS=3 DURATION=15s CONNECTIONS=64 (wrk -t2); BENCH_BUILD=0 reuses target/
# Needs wrk and Debian's python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-jwt (apt-get install):
# uvicorn as `pip install uvicorn[standard]` sets it up, the way a Python team would run it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_load 15s 3
PPORT=${PEER_PORT:-18553}
bench_setup 18551 18552 warden_bench_me

bench_build
bench_db "$DB"
bench_issuer "$IPORT" "$AUD"
ready() { bench_wait "$1" || { echo "not ready: $1"; exit 1; }; }
export BETTER_AUTH_URL=http://127.0.0.1:$IPORT BETTER_AUTH_JWKS_URL=http://127.0.0.1:$IPORT/api/auth/jwks JWT_AUDIENCE=$AUD
DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB PORT=$WPORT MANAGEMENT_PORT=0 HOST=127.0.0.1 \
  timeout 1800 java ${WARDEN_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$STATE/warden.log" 2>&1 & pids+=($!)
timeout 1800 /usr/bin/python3 -m uvicorn --app-dir bench/peers fastapi_me:app --host 127.0.0.1 --port "$PPORT" \
  --workers 2 --loop uvloop --http httptools --log-level warning --no-access-log >"$STATE/peer.log" 2>&1 & pids+=($!)
ready "http://127.0.0.1:$WPORT/q/health/ready"
ready "http://127.0.0.1:$PPORT/docs"
TOKEN=$(curl -sf "http://127.0.0.1:$IPORT/token?sub=bench-user&ttl=7200")
for url in "http://127.0.0.1:$WPORT/api/v1/me" "http://127.0.0.1:$PPORT/api/v1/me"; do
  body=$(curl -sf -H "Authorization: Bearer $TOKEN" "$url") || { echo "no 200 from $url"; exit 1; }
  echo "$url -> $body"
done
declare -A url=([warden]="http://127.0.0.1:$WPORT/api/v1/me" [fastapi]="http://127.0.0.1:$PPORT/api/v1/me"
  [live]="http://127.0.0.1:$WPORT/q/health/live")
rate() { # $1 name, $2 duration
  local out; out=$(wrk -t2 -c"$C" -d"$2" -H "Authorization: Bearer $TOKEN" "${url[$1]}")
  if echo "$out" | grep -q 'Non-2xx'; then echo "$1: non-2xx answers: $out" >&2; exit 1; fi
  echo "$out" | awk '/Requests\/sec/{printf "%.0f", $2}'
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1); $(/usr/bin/python3 -c 'import fastapi, jwt, uvicorn, sys; print(f"Python {sys.version.split()[0]}, FastAPI {fastapi.__version__}, PyJWT {jwt.__version__}, uvicorn {uvicorn.__version__}")'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t2 -c$C -d$DURATION, $ROUNDS alternating rounds after warm-up (Warden: 5 s steps until the rate stops rising)"
prev=0; steps=""
for i in $(seq 1 24); do # JIT warm-up of Warden's two paths, at most 120 s
  r=$(rate warden 5s); rate live 2s >/dev/null; steps="$steps $r"
  [ "$(echo "$r < $prev * 1.03" | bc -l)" = 1 ] && [ "$i" -ge 4 ] && break
  [ "$r" -gt "$prev" ] && prev=$r
done
echo "  warm-up warden /api/v1/me, rate per 5 s step:$steps"
rate fastapi 5s >/dev/null
declare -A all
for r in $(seq 1 "$ROUNDS"); do
  line="  round $r:"
  for side in warden fastapi live; do v=$(rate "$side" "$DURATION"); all[$side]+=" $v"; line+=" $side $v/s;"; done
  echo "$line"
done
w=$(echo "${all[warden]}" | bench_median); f=$(echo "${all[fastapi]}" | bench_median); l=$(echo "${all[live]}" | bench_median)
printf 'medians: Warden /api/v1/me %.0f req/s, FastAPI+PyJWT /api/v1/me %.0f req/s, Warden /q/health/live %.0f req/s\n' "$w" "$f" "$l"
printf 'Warden/FastAPI %.2fx; Warden /api/v1/me = %.0f %% of its /q/health/live\n' "$(echo "$w / $f" | bc -l)" "$(echo "100 * $w / $l" | bc -l)"
