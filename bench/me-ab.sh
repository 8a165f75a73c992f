#!/usr/bin/env bash
# /api/v1/me, this working tree against another commit, in one run: both prod jars run side by side on loopback and
# wrk measures them in alternating rounds, so a busy or noisy machine weighs on both alike.
#   bench/me-ab.sh <base-ref>     e.g. bench/me-ab.sh main~1      (ROUNDS=4 DURATION=15s CONNECTIONS=64 THREADS=2)
# Two phases: one token (verified-token cache hits), then 10,000 distinct tokens with the cache off (every request a
# full verification). Prints each round and the medians, and the ratio new/base. ~8 minutes. Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BASE=${1:?usage: bench/me-ab.sh <base-ref>}
bench_load 15s 4
PORT_BASE=${BASE_PORT:-18521}
PORT_NEW=${NEW_PORT:-18522}
bench_setup 18511 "" warden_bench_ab
wardens=()
bench_on_exit() { git worktree remove --force "$STATE/base" 2>/dev/null || true; }

echo "building $BASE (base) and the working tree (new), -Dprod"
git worktree add -q --detach "$STATE/base" "$BASE"
(cd "$STATE/base" && ./mvnw -B -q package -DskipTests -Dprod)
bench_build 1
bench_db "$DB"
bench_issuer "$IPORT" "$AUD"

start() { # $1 = name, $2 = app dir, $3 = port (its management interface 1000 above), $4 = token cache size
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=http://127.0.0.1:$IPORT JWT_AUDIENCE=$AUD \
    PORT=$3 MANAGEMENT_PORT=$(($3 + 1000)) HOST=127.0.0.1 WARDEN_AUTH_TOKEN_CACHE_SIZE=$4 \
    timeout 1800 java -jar "$2/target/quarkus-app/quarkus-run.jar" >"$STATE/$1.log" 2>&1 & pids+=($!); wardens+=($!)
  bench_wait "http://127.0.0.1:$3/q/health/ready" 600 0.1 "${wardens[-1]}" && return
  kill -0 "${wardens[-1]}" 2>/dev/null && echo "$1 did not become ready" || echo "$1 exited"
  cat "$STATE/$1.log"; exit 1
}
stop_all_wardens() { # and wait until they are gone, so the next ones get the ports
  kill "${wardens[@]}" 2>/dev/null || true
  for p in "${wardens[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
  wardens=()
}
rate() { # req/s of one round; any answer but 2xx makes the whole comparison void
  local out; out=$(wrk -t"$T" -c"$C" -d"$DURATION" "$@")
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers: $out" >&2; exit 1; fi
  echo "$out" | awk '/Requests\/sec/{print $2}'
}

phase() { # $1 = title, rest = wrk args after the URL's host part (the URL is appended per side)
  local title=$1; shift
  local b=() n=()
  for side in base new; do # warm-up, not reported
    local port=$([ $side = base ] && echo "$PORT_BASE" || echo "$PORT_NEW")
    wrk -t"$T" -c"$C" -d10s "$@" "http://127.0.0.1:$port/api/v1/me" >/dev/null
  done
  for r in $(seq 1 "$ROUNDS"); do
    local vb vn
    vb=$(rate "$@" "http://127.0.0.1:$PORT_BASE/api/v1/me") || exit 1
    vn=$(rate "$@" "http://127.0.0.1:$PORT_NEW/api/v1/me") || exit 1
    b+=("$vb"); n+=("$vn")
    echo "  round $r: base ${b[-1]} req/s, new ${n[-1]} req/s"
  done
  local mb mn
  mb=$(printf '%s\n' "${b[@]}" | bench_median); mn=$(printf '%s\n' "${n[@]}" | bench_median)
  printf '%s: median base %.0f req/s, new %.0f req/s, new/base %.3f\n' "$title" "$mb" "$mn" "$(echo "$mn / $mb" | bc -l)"
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "base: $(git rev-parse --short "$BASE")  new: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+uncommitted')"
echo "wrk -t$T -c$C -d$DURATION, $ROUNDS alternating rounds after a 10 s warm-up of each"

start base "$STATE/base" "$PORT_BASE" 10000
start new "$PWD" "$PORT_NEW" 10000
TOKEN=$(curl -sf "http://127.0.0.1:$IPORT/token?sub=bench-user&ttl=3600")
phase "GET /api/v1/me, one token" -H "Authorization: Bearer $TOKEN"

stop_all_wardens
curl -sf "http://127.0.0.1:$IPORT/tokens?count=10000&prefix=bench-many-" >"$STATE/tokens.txt"
export TOKENS_FILE=$STATE/tokens.txt
start base "$STATE/base" "$PORT_BASE" 0
start new "$PWD" "$PORT_NEW" 0
phase "GET /api/v1/me, 10,000 tokens, cache off" -s bench/me-many.lua
for side in base new; do
  port=$([ $side = base ] && echo "$PORT_BASE" || echo "$PORT_NEW")
  echo "$side: $({ curl -sf "http://127.0.0.1:$((port + 1000))/q/metrics" || curl -sf "http://127.0.0.1:$port/q/metrics"; } | grep -E '^warden_jwt_verify_seconds_count|^warden_jwt_cache_total' | tr '\n' ' ')"
done
