# The set-up the bench scripts share:
#   . bench/lib.sh                    (or "$(dirname "$0")/lib.sh" from a script that keeps the caller's directory)
#   bench_setup IPORT WPORT DB        the ports and database (overridden by ISSUER_PORT, WARDEN_PORT, BENCH_DB), the
#                                     audience AUD, then bench_state
#   bench_state                       STATE (a temp dir) and pids; on exit every pid is stopped and STATE removed
#   bench_load DURATION [ROUNDS]      wrk's settings: DURATION, ROUNDS, C (CONNECTIONS, 64), T (THREADS, 2)
#   bench_build [0|1]                 the prod jar, unless 0 (default $BENCH_BUILD) and target/ already holds one
#   bench_db NAME                     a fresh database NAME on 127.0.0.1:5432 (user postgres)
#   bench_issuer PORT AUDIENCE [MAX]  the tests' fake issuer (dev.warden.support.BenchIssuer) on 127.0.0.1:PORT, its
#                                     keys in $STATE/issuer, stopped after MAX seconds (default 1800); sets ISSUER_PID
#   bench_wait URL [TRIES] [PAUSE] [PID]  until URL answers 2xx (default 600 tries 0.1 s apart); fails if PID exits
#   bench_child PID                   the process a `timeout` wrapper runs (the JVM whose CPU and RSS count)
#   bench_usage LAST                  print the script's header comment up to line LAST and exit 2
#   bench_median                      the median of the numbers on stdin (blank- or newline-separated; "-" ignored)
#   bench_jvm_sides JAR17 AOT         the JVM sides' directories as jar17 and aot (absolute), ROUNDS (default 5),
#                                     AOT_JAVA (AOT_JDK, default Temurin 25)
# A script that must undo more on exit (a git worktree) defines bench_on_exit.
# Everything listens on 127.0.0.1 only.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bench_setup() {
  IPORT=${ISSUER_PORT:-$1}
  WPORT=${WARDEN_PORT:-$2}
  DB=${BENCH_DB:-$3}
  AUD=http://warden.bench
  bench_state
}

bench_load() {
  DURATION=${DURATION:-$1}
  ROUNDS=${ROUNDS:-${2:-1}}
  C=${CONNECTIONS:-64}
  T=${THREADS:-2}
}

bench_state() {
  STATE=$(mktemp -d)
  pids=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local p
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  if declare -F bench_on_exit >/dev/null; then bench_on_exit; fi
  rm -rf "$STATE"
}

bench_build() {
  [ "${1:-${BENCH_BUILD:-1}}" = 0 ] && [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests -Dprod
}

bench_db() {
  local out
  out=$(psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" 2>&1) \
    || { echo "$out" >&2; return 1; }
}

# The fake issuer is the tests' own (src/test/java/dev/warden/support): its classes and the test class path, which
# is resolved once and kept in target/ until pom.xml changes.
bench_issuer_classpath() {
  local target=$BENCH_ROOT/target cp=$BENCH_ROOT/target/bench-issuer.classpath
  [ -f "$target/test-classes/dev/warden/support/BenchIssuer.class" ] || (cd "$BENCH_ROOT" && ./mvnw -B -q test-compile >&2)
  if [ ! -s "$cp" ] || [ "$BENCH_ROOT/pom.xml" -nt "$cp" ]; then
    (cd "$BENCH_ROOT" && ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2)
  fi
  echo "$target/test-classes:$(cat "$cp")"
}

bench_issuer() {
  local port=$1 audience=$2 max=${3:-1800} cp
  cp=$(bench_issuer_classpath)
  timeout "$max" java -cp "$cp" dev.warden.support.BenchIssuer "$port" "$STATE/issuer" "$audience" \
    >>"$STATE/issuer.log" 2>&1 &
  ISSUER_PID=$!; pids+=("$ISSUER_PID")
  bench_wait "http://127.0.0.1:$port/api/auth/jwks" 300 0.2 "$ISSUER_PID" \
    || { echo "issuer did not start"; cat "$STATE/issuer.log"; exit 1; }
}

bench_wait() {
  local url=$1 tries=${2:-600} pause=${3:-0.1} pid=${4:-}
  for _ in $(seq 1 "$tries"); do
    curl -sf -o /dev/null "$url" && return 0
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null || return 1
    sleep "$pause"
  done
  return 1
}

bench_child() {
  local child
  child=$(pgrep -P "$1" | head -1 || true)
  echo "${child:-$1}"
}

bench_jvm_sides() {
  jar17="$(cd "$1" && pwd)"
  aot="$(cd "$2" && pwd)"
  ROUNDS="${ROUNDS:-5}"
  AOT_JAVA="${AOT_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
}

bench_median() {
  tr ' ' '\n' | grep -v '^-*$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

bench_usage() {
  sed -n "2,${1}p" "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
