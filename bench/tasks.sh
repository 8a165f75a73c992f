#!/usr/bin/env bash
# The task list and task create through Warden against the very same SQL sent by pgbench -M prepared to the same
# database, in alternating rounds of one run: the ratio Warden/pgbench is the figure that matters, not the rate.
#   bench/tasks.sh              the working tree
#   bench/tasks.sh <base-ref>   also a base commit, side by side (before/after in one run)
#   bench/tasks.sh .            the working tree twice: compare BASE_JAVA_OPTS with NEW_JAVA_OPTS (e.g. a pool size)
#   bench/tasks.sh <dir>        another checkout's build as it is (its target/quarkus-app)
# Warden's JVM options: BASE_JAVA_OPTS, NEW_JAVA_OPTS (bench/RESULTS.md uses the defaults docs/aot.md documents).
# ROUNDS=3 DURATION=15s CONNECTIONS=64 (wrk, -t2) PG_CLIENTS=16 LIST_TASKS=50; BENCH_BUILD=0 reuses target/.
# Warden and pgbench each get a warm-up in 5 s steps until the rate has stopped rising and Warden's JIT has settled
# (see warm below), and say so. Per round: req/s (wrk) or tps (pgbench), p99, and CPU per request of the Warden
# JVM and of PostgreSQL (all its processes). PostgreSQL on 127.0.0.1:5432 (user postgres). Needs wrk and pgbench.
set -eEuo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BASE=${1:-}
bench_load 15s 3
PGC=${PG_CLIENTS:-16}
LIST_TASKS=${LIST_TASKS:-50}
PG="psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1"
bench_setup 18531 "" warden_bench_tasks
bench_on_exit() { [ -n "$BASE" ] && [ ! -d "$BASE" ] && git worktree remove --force "$STATE/base" 2>/dev/null || true; }
trap 'echo "bench/tasks.sh: line $LINENO: $BASH_COMMAND failed" >&2' ERR

sides=(new)
declare -A dir=([new]=$PWD) port=([new]=18542) jvm=()
if [ -n "$BASE" ]; then
  sides=(base new); dir[base]=$STATE/base; port[base]=18541
  if [ "$BASE" = . ]; then dir[base]=$PWD; elif [ -d "$BASE" ]; then dir[base]=$(cd "$BASE" && pwd); else
    git worktree add -q --detach "$STATE/base" "$BASE"
    (cd "$STATE/base" && ./mvnw -B -q package -DskipTests -Dprod)
  fi
fi
bench_build
bench_db "$DB"
bench_issuer "$IPORT" "$AUD" 3600

# One account at full speed is what the per-account limits refuse: off here (bench/limits.sh measures them; a base
# commit without them ignores the two variables).
for s in "${sides[@]}"; do
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=http://127.0.0.1:$IPORT JWT_AUDIENCE=$AUD \
    PORT=${port[$s]} MANAGEMENT_PORT=$((port[$s] + 1000)) HOST=127.0.0.1 WARDEN_RATE_LIMIT_ENABLED=false WARDEN_TASKS_MAX_PER_USER=1000000000 \
    timeout 3600 java $([ "$s" = base ] && echo "${BASE_JAVA_OPTS:-}" || echo "${NEW_JAVA_OPTS:-}") -jar "${dir[$s]}/target/quarkus-app/quarkus-run.jar" \
    >"$STATE/$s.log" 2>&1 & pids+=($!)
  sleep 0.3; jvm[$s]=$(bench_child "$!")
  bench_wait "http://127.0.0.1:${port[$s]}/q/health/ready" 600 0.1 "${jvm[$s]}" && continue
  kill -0 "${jvm[$s]}" 2>/dev/null && echo "$s did not become ready" || echo "$s exited"
  cat "$STATE/$s.log"; exit 1
done

# One reader with LIST_TASKS tasks (the list shows 20 of them and counts all); writers of their own per side.
TOKEN=$(curl -sf "http://127.0.0.1:$IPORT/token?sub=bench-list&ttl=7200")
for i in $(seq 1 "$LIST_TASKS"); do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"task $i\",\"description\":\"seeded\"}" "http://127.0.0.1:${port[new]}/api/bench-list/tasks"
done
export TOKEN_CREATE
TOKEN_CREATE=$(curl -sf "http://127.0.0.1:$IPORT/token?sub=bench-create&ttl=7200")
$PG -d "$DB" -c "VACUUM ANALYZE tasks"

# The statements Warden sends (its SQL log, quarkus.hibernate-orm.log.sql=true), as pgbench scripts.
LIST_SQL=${LIST_SQL:-"SELECT id, title, description, completed, created_at, updated_at, count(*) OVER () AS total FROM (SELECT id, title, description, completed, created_at, updated_at FROM tasks WHERE user_id = :uid ORDER BY created_at DESC, id DESC LIMIT 10100) t ORDER BY created_at DESC, id DESC OFFSET 0 LIMIT 20;"}
CREATE_SQL=${CREATE_SQL:-"INSERT INTO tasks (completed, created_at, description, title, updated_at, user_id) VALUES (false, now(), 'created by wrk', 'bench task', now(), :uid) RETURNING *;"}
echo "$LIST_SQL" >"$STATE/list.sql"
echo "$CREATE_SQL" >"$STATE/create.sql"
# Warden's create runs in a transaction (Quarkus writes only inside one): BEGIN and COMMIT around the same INSERT,
# measured as well to tell the transaction's cost from Warden's own.
# The transaction also reads the owner's task count after the insert, as Warden's create does for the quota.
QUOTA_SQL="SELECT tasks FROM task_counts WHERE user_id = :uid;"
printf 'BEGIN;\n%s\n%s\nCOMMIT;\n' "$CREATE_SQL" "$QUOTA_SQL" >"$STATE/createtx.sql"

cpu_ticks() { # user + sys clock ticks of a process; "pg": of all PostgreSQL processes, with the backends that have
  # exited (pgbench's, at its end) as the postmaster's reaped children's time
  if [ "$1" = pg ]; then
    for p in $(pgrep -x postgres); do awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'
  else awk '{print $14 + $15}' "/proc/$1/stat"; fi
}
# The create rounds leave the table as they found it, so every list round reads the same table (a table grown by
# hundreds of thousands of rows in a few users would measure the planner's statistics, not the list).
reset_writes() {
  $PG -d "$DB" -c "DELETE FROM tasks WHERE user_id IN ('bench-create', 'bench-pg-create', 'bench-pg-createtx')" -c "VACUUM ANALYZE tasks"
}
us_per() { echo "($2 - $1) * 1000000 / $(getconf CLK_TCK) / $3" | bc -l; }
result=""
wrk_run() { # $1 side, $2 list|create, $3 duration; sets result="rate p99_ms warden_us pg_us"
  local url="http://127.0.0.1:${port[$1]}/api/$([ "$2" = list ] && echo bench-list || echo bench-create)/tasks"
  local args=(-H "Authorization: Bearer $TOKEN" "$url")
  [ "$2" = create ] && args=(-s bench/create.lua "$url")
  local w0 p0 out
  w0=$(cpu_ticks "${jvm[$1]}"); p0=$(cpu_ticks pg)
  out=$(TOKEN=$TOKEN_CREATE wrk -t2 -c"$C" -d"$3" --timeout 10s --latency "${args[@]}" 2>&1) \
    || { echo "$1 $2: wrk failed: $out"; tail -n 20 "$STATE/$1.log"; exit 1; }
  if echo "$out" | grep -q 'Non-2xx'; then echo "$1 $2: non-2xx answers: $out" >&2; exit 1; fi
  local n rate p99
  n=$(echo "$out" | awk '/requests in/{print $1}')
  if [ "${n:-0}" = 0 ]; then # a cold JVM on a busy machine: only a warm-up step may see this
    [ "$3" = 5 ] || { echo "$1 $2: no request answered: $out" >&2; exit 1; }
    result="0 0 0 0"; return
  fi
  rate=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}')
  result="$rate $p99 $(us_per "$w0" "$(cpu_ticks "${jvm[$1]}")" "$n") $(us_per "$p0" "$(cpu_ticks pg)" "$n")"
}
pg_run() { # $1 list|create, $2 seconds; sets result="tps p99_ms - pg_us"
  local p0 out n tps
  p0=$(cpu_ticks pg)
  out=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -c"$PGC" -j2 -T"$2" -D uid="bench-pg-$1" \
        -f "$STATE/$1.sql" --log --log-prefix="$STATE/pglog" "$DB" 2>&1 || true)
  n=$(echo "$out" | awk '/number of transactions actually processed/{split($NF,a,"/"); print a[1]}')
  [ "${n:-0}" -gt 0 ] || { echo "pgbench $1: no transaction: $out" >&2; exit 1; }
  tps=$(echo "$out" | awk '/^tps/{print $3}')
  local p99; p99=$(cat "$STATE"/pglog.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.99)]/1000}')
  rm -f "$STATE"/pglog.*
  result="$tps $p99 - $(us_per "$p0" "$(cpu_ticks pg)" "$n")"
}
# pgbench's list user has the same number of tasks as Warden's.
$PG -d "$DB" -c "INSERT INTO tasks (user_id, title, description) SELECT 'bench-pg-list', 'task ' || g, 'seeded' FROM generate_series(1, $LIST_TASKS) g"

jit_seconds() { [ -n "${1:-}" ] && jstat -compiler "$1" | awk 'NR == 2 {print $4}' || echo 0; }
warm() { # $1 label, $2 JVM pid or "", rest: command that sets result. Repeats 5 s steps until the rate has stopped
  # rising (< 3 % over the best step before) and the JIT has settled (< 0.25 s of compilation in the step), at most
  # 180 s: on 2 cores C2 compiles for about a minute under load, and the rate climbs all that time.
  local label=$1 pid=$2; shift 2
  local best=0 rates="" t=0 j0 j1 settled=""
  while [ $t -lt 180 ]; do
    j0=$(jit_seconds "$pid")
    "$@" 5; t=$((t + 5)); reset_writes
    j1=$(jit_seconds "$pid")
    local r=${result%% *}; rates="$rates ${r%.*}"
    if [ "$(echo "$r < $best * 1.03 && $j1 - $j0 < 0.25" | bc -l)" = 1 ]; then settled=1; break; fi
    if [ "$(echo "$r > $best" | bc -l)" = 1 ]; then best=$r; fi
  done
  echo "  warm-up $label: ${t} s, rate per 5 s step:$rates $([ -n "$settled" ] && echo "(stopped rising$([ -n "$pid" ] && echo ', JIT settled'))" || echo '(still rising or compiling at 180 s)')"
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' | cut -d' ' -f1) PostgreSQL; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sides: ${sides[*]}$([ -n "$BASE" ] && echo " (base $([ -d "$BASE" ] && echo "$BASE" || git rev-parse --short "$BASE") ${BASE_JAVA_OPTS:-})"), new ${NEW_JAVA_OPTS:-} $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+uncommitted')"
echo "wrk -t2 -c$C -d$DURATION; pgbench -M prepared -c$PGC -j2 -T${DURATION%s}; $ROUNDS alternating rounds; $LIST_TASKS tasks per list user"
for s in "${sides[@]}"; do
  warm "$s list" "${jvm[$s]}" wrk_run "$s" list; warm "$s create" "${jvm[$s]}" wrk_run "$s" create
done
warm "pgbench list" "" pg_run list; warm "pgbench create" "" pg_run create; warm "pgbench createtx" "" pg_run createtx

declare -A rates p99s wcpu pcpu
for r in $(seq 1 "$ROUNDS"); do
  for op in list create; do
    line="  round $r $op:"
    for s in "${sides[@]}" pgbench; do
      if [ "$s" = pgbench ]; then pg_run "$op" "${DURATION%s}"; else wrk_run "$s" "$op" "$DURATION"; fi
      read -r rate p99 wus pus <<<"$result"
      if [ "$op" = create ]; then reset_writes; fi
      rates[$s.$op]+=" $rate"; p99s[$s.$op]+=" $p99"; wcpu[$s.$op]+=" $wus"; pcpu[$s.$op]+=" $pus"
      line+=$(printf ' %s %.0f/s p99 %.1f ms;' "$s" "$rate" "$p99")
    done
    if [ "$op" = create ]; then
      pg_run createtx "${DURATION%s}"; reset_writes
      read -r rate p99 wus pus <<<"$result"
      rates[pgbench.createtx]+=" $rate"; p99s[pgbench.createtx]+=" $p99"; pcpu[pgbench.createtx]+=" $pus"
      line+=$(printf ' pgbench in a transaction %.0f/s p99 %.1f ms;' "$rate" "$p99")
    fi
    echo "$line"
  done
done
echo "medians of $ROUNDS rounds:"
for op in list create; do
  pg=$(echo "${rates[pgbench.$op]}" | bench_median)
  printf '  %-6s pgbench     %8.0f tps  p99 %5.1f ms                        PostgreSQL %5.0f us/tx\n' "$op" "$pg" \
    "$(echo "${p99s[pgbench.$op]}" | bench_median)" "$(echo "${pcpu[pgbench.$op]}" | bench_median)"
  if [ "$op" = create ]; then printf '  %-6s pgbench, tx  %8.0f tps  p99 %5.1f ms  (BEGIN; the INSERT; COMMIT)    PostgreSQL %5.0f us/tx\n' \
    "$op" "$(echo "${rates[pgbench.createtx]}" | bench_median)" "$(echo "${p99s[pgbench.createtx]}" | bench_median)" \
    "$(echo "${pcpu[pgbench.createtx]}" | bench_median)"; fi
  for s in "${sides[@]}"; do
    v=$(echo "${rates[$s.$op]}" | bench_median)
    printf '  %-6s warden %-4s %8.0f req/s p99 %5.1f ms  %5.1f %% of pgbench  JVM %5.0f us/req  PostgreSQL %5.0f us/req\n' \
      "$op" "$s" "$v" "$(echo "${p99s[$s.$op]}" | bench_median)" "$(echo "100 * $v / $pg" | bc -l)" \
      "$(echo "${wcpu[$s.$op]}" | bench_median)" "$(echo "${pcpu[$s.$op]}" | bench_median)"
    if [ "$op" = create ]; then printf '  %-6s warden %-4s %s %% of pgbench with the same transaction\n' "$op" "$s" \
      "$(echo "100 * $v / $(echo "${rates[pgbench.createtx]}" | bench_median)" | bc -l | xargs printf '%.1f')"; fi
  done
done
for s in "${sides[@]}"; do echo "  $s: RSS $(ps -o rss= -p "${jvm[$s]}" | awk '{printf "%.0f MB", $1/1024}') after the run"; done
