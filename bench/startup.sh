#!/usr/bin/env bash
# Startup time and memory of a Warden build, for any command that starts it:
#
#   bench/startup.sh java -jar target/quarkus-app/quarkus-run.jar       # after ./mvnw package -Dprod
#   bench/startup.sh target/warden-1.0.0-SNAPSHOT-runner                # after ./mvnw package -Dnative
#
# For each run (RUNS, default 3) it starts the command with PORT/HOST/BETTER_AUTH_*/JWT_AUDIENCE/DATABASE_URL
# set, measures the time from process start to the first 200 on /q/health/ready, the RSS then, sends
# REQUESTS (default 1000) authenticated requests over one keep-alive connection (20 task creations, then
# alternating task lists and /api/v1/me; every answer must be 2xx), measures the RSS again and stops it.
# Prints each run and the medians.
#
# Everything stays on 127.0.0.1: the JWKS and the token come from the tests' fake issuer (bench/lib.sh).
# DATABASE_URL is used if set, else a database warden_bench is created on 127.0.0.1:5432 (user postgres).
# The script stops everything it started, also on Ctrl-C, and gives up after STARTUP_TIMEOUT seconds
# (default 60) per start and MAX_SECONDS (default 900) in all.
# Needs: bash, curl, python3, Java and the Maven build of the tests (and psql when DATABASE_URL is unset).
set -euo pipefail

RUNS="${RUNS:-3}"
REQUESTS="${REQUESTS:-1000}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-60}"
MAX_SECONDS="${MAX_SECONDS:-900}"

. "$(dirname "$0")/lib.sh"
[ $# -gt 0 ] || bench_usage 17
if [ "$REQUESTS" -lt 40 ]; then
  echo "REQUESTS must be at least 40" >&2
  exit 2
fi

work="$(mktemp -d)"
app_pid=""
pids=()
watchdog_pid=""

stop_app() {
  [ -n "$app_pid" ] || return 0
  if kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$app_pid" 2>/dev/null || true
  fi
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

cleanup() {
  stop_app
  for p in "${pids[@]:-}"; do [ -n "$p" ] && { kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; }; done
  # The watchdog's sleep is a child of its subshell: stop it too, or it holds a caller's pipe open for MAX_SECONDS.
  [ -n "$watchdog_pid" ] && { pkill -P "$watchdog_pid" 2>/dev/null || true; kill "$watchdog_pid" 2>/dev/null || true; wait "$watchdog_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Whole-script bound: a stuck run cannot keep anything alive for long.
( sleep "$MAX_SECONDS"; echo "bench: over ${MAX_SECONDS}s, stopping" >&2; kill -TERM $$ ) 2>/dev/null &
watchdog_pid=$!

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
now_ms() { date +%s%3N; }

# --- The tests' fake issuer: a JWKS and a token, as Better Auth's JWT plugin would publish and sign them ---------
STATE="$work"
issuer_port="$(free_port)"
issuer="http://127.0.0.1:${issuer_port}"
audience="http://127.0.0.1/warden-bench"
bench_issuer "$issuer_port" "$audience" "$MAX_SECONDS"
user="bench-$(date +%s)-$$"
token="$(curl -sf "$issuer/token?sub=$user&ttl=3600")"

# --- Database -------------------------------------------------------------------------------------------
if [ -z "${DATABASE_URL:-}" ]; then
  if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'warden_bench'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE warden_bench"
  fi
  DATABASE_URL="postgresql://postgres@127.0.0.1:5432/warden_bench"
fi

# --- The requests: one curl, one keep-alive connection --------------------------------------------------
app_port="$(free_port)"
base="http://127.0.0.1:${app_port}"
{
  for i in $(seq 1 20); do
    if [ "$i" -gt 1 ]; then printf 'next\n'; fi
    printf 'url = "%s/api/%s/tasks"\nrequest = "POST"\nheader = "Authorization: Bearer %s"\n' "$base" "$user" "$token"
    printf 'header = "Content-Type: application/json"\ndata = "{\\"title\\":\\"bench task %s\\"}"\n' "$i"
    printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
  done
  for i in $(seq 21 "$REQUESTS"); do
    printf 'next\n'
    if [ $((i % 2)) -eq 0 ]; then path="/api/$user/tasks?size=20"; else path="/api/v1/me"; fi
    printf 'url = "%s%s"\nheader = "Authorization: Bearer %s"\n' "$base" "$path" "$token"
    printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
  done
} > "$work/requests.curl"

# RSS in MiB of the process and all its descendants.
rss_mib() {
  local pids=("$1") i=0 total=0 kb
  while [ $i -lt ${#pids[@]} ]; do
    for child in $(ps -o pid= --ppid "${pids[$i]}" 2>/dev/null); do pids+=("$child"); done
    i=$((i + 1))
  done
  for p in "${pids[@]}"; do
    kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)"
    total=$((total + ${kb:-0}))
  done
  echo $(( (total + 512) / 1024 ))
}


echo "command: $*"
echo "runs: $RUNS, requests per run: $REQUESTS, JWKS: $issuer/api/auth/jwks"
startups=(); rss_ready=(); rss_after=()
for run in $(seq 1 "$RUNS"); do
  start="$(now_ms)"
  PORT="$app_port" MANAGEMENT_PORT=0 HOST=127.0.0.1 BETTER_AUTH_URL="$issuer" BETTER_AUTH_JWKS_URL="$issuer/api/auth/jwks" \
    JWT_AUDIENCE="$audience" DATABASE_URL="$DATABASE_URL" "$@" > "$work/app-$run.log" 2>&1 &
  app_pid=$!
  ready=""
  while [ $(( $(now_ms) - start )) -lt $((STARTUP_TIMEOUT * 1000)) ]; do
    if ! kill -0 "$app_pid" 2>/dev/null; then break; fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/q/health/ready" || true)" = "200" ]; then
      ready="$(now_ms)"
      break
    fi
    # Each poll forks curl; polling faster than this steals the CPU the app is starting on (2 cores).
    sleep 0.05
  done
  if [ -z "$ready" ]; then
    echo "bench: run $run not ready within ${STARTUP_TIMEOUT}s; last log lines:" >&2
    tail -n 20 "$work/app-$run.log" >&2
    exit 1
  fi
  startup=$((ready - start))
  rss0="$(rss_mib "$app_pid")"
  codes="$(curl -s --config "$work/requests.curl" || true)"
  total="$(printf '%s\n' "$codes" | grep -c . || true)"
  good="$(printf '%s\n' "$codes" | grep -c '^2' || true)"
  rss1="$(rss_mib "$app_pid")"
  stop_app
  if [ "$total" -ne "$REQUESTS" ] || [ "$good" -ne "$REQUESTS" ]; then
    echo "bench: run $run: $good of $REQUESTS requests answered 2xx ($total answered)" >&2
    exit 1
  fi
  echo "run $run: ready after ${startup} ms, RSS ${rss0} MiB when ready, ${rss1} MiB after ${REQUESTS} requests"
  startups+=("$startup"); rss_ready+=("$rss0"); rss_after+=("$rss1")
done
echo "median: ready after $(printf "%s\n" "${startups[@]}" | bench_median) ms, RSS $(printf "%s\n" "${rss_ready[@]}" | bench_median) MiB when ready, $(printf "%s\n" "${rss_after[@]}" | bench_median) MiB after ${REQUESTS} requests"
