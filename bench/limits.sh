#!/usr/bin/env bash
# The rate limiter's cost, and the list at depth: two prod jars side by side on loopback, one with the rate limits on
# (limits so high nothing is refused: every request still spends a token in PostgreSQL) and one with them off, in
# alternating rounds of one run. Both enforce the task quota (raised so that no create meets it).
#   bench/limits.sh             ROUNDS=3 DURATION=15s CONNECTIONS=32 (wrk -t2) USERS=16; BENCH_BUILD=0 reuses target/;
#                               DEEP=0 only the on/off rounds
# Per round: list and create, req/s and p99 per side, spread over USERS accounts (round robin). Then the list of one
# user holding 1,000 and 100,000 tasks, page 1 and the deepest page (page 101, size 100), one connection (latency),
# on the side with the limits on; and the two list statements (before: count(*) over every row; now: counted to the
# bound) timed by pgbench on the 100,000 rows. PostgreSQL on 127.0.0.1:5432 (user postgres). Needs wrk and pgbench.
set -eEuo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_load 15s 3
C=${CONNECTIONS:-32}
NUSERS=${USERS:-16}
PG="psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1"
bench_setup 18631 "" warden_bench_limits
trap 'echo "bench/limits.sh: line $LINENO: $BASH_COMMAND failed" >&2' ERR
declare -A port=([on]=18642 [off]=18643) enabled=([on]=true [off]=false) jvm=()

bench_build
bench_db "$DB"
bench_issuer "$IPORT" "$AUD" 3600
for s in on off; do
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB BETTER_AUTH_URL=http://127.0.0.1:$IPORT JWT_AUDIENCE=$AUD \
    PORT=${port[$s]} HOST=127.0.0.1 WARDEN_RATE_LIMIT_ENABLED=${enabled[$s]} WARDEN_TASKS_MAX_PER_USER=1000000000 \
    WARDEN_RATE_LIMIT_WRITES_PER_MINUTE=1000000000 WARDEN_RATE_LIMIT_READS_PER_MINUTE=1000000000 \
    timeout 3600 java -jar target/quarkus-app/quarkus-run.jar >"$STATE/$s.log" 2>&1 & pids+=($!)
  sleep 0.3; jvm[$s]=$(bench_child "$!")
  bench_wait "http://127.0.0.1:${port[$s]}/q/health/ready" 600 0.1 "${jvm[$s]}" || { cat "$STATE/$s.log"; exit 1; }
done

# USERS list accounts with 50 tasks each (as bench/tasks.sh's list user), USERS create accounts per side.
tokens() { curl -sf "http://127.0.0.1:$IPORT/tokens?count=$NUSERS&prefix=$1" | awk -v p="$1" '{print p (NR - 1), $0}'; }
tokens bench-list- >"$STATE/list.users"
for s in on off; do tokens "bench-create-$s-" >"$STATE/create-$s.users"; done
$PG -d "$DB" -c "INSERT INTO tasks (user_id, title, description) SELECT 'bench-list-' || u, 'task ' || g, 'seeded'
  FROM generate_series(0, $NUSERS - 1) u, generate_series(1, 50) g" -c "VACUUM ANALYZE tasks"
reset_writes() { $PG -d "$DB" -c "DELETE FROM tasks WHERE user_id LIKE 'bench-create-%'" -c "VACUUM ANALYZE tasks"; }

result=""
wrk_run() { # $1 side, $2 list|create, $3 duration, [$4 users file, $5 connections, $6 query]; result="rate p50_ms p99_ms"
  local users=${4:-$STATE/$([ "$2" = list ] && echo list || echo "create-$1").users} out
  local c=${5:-$C}
  out=$(USERS=$users MODE=$2 QUERY=${6:-} wrk -t"$((T < c ? T : c))" -c"$c" -d"$3" --timeout 10s --latency \
        -s bench/users.lua "http://127.0.0.1:${port[$1]}" 2>&1) || { echo "wrk failed: $out"; exit 1; }
  if echo "$out" | grep -q 'Non-2xx'; then echo "$1 $2: non-2xx answers: $out" >&2; exit 1; fi
  ms() { awk -v k="$1" '$1==k{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }
  result="$(echo "$out" | awk '/Requests\/sec/{print $2}') $(echo "$out" | ms 50%) $(echo "$out" | ms 99%)"
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' | cut -d' ' -f1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+uncommitted'); wrk -t$T -c$C -d$DURATION over $NUSERS users; $ROUNDS alternating rounds"
# Warm-up: both JVMs see the same traffic before anything counts.
for s in on off; do for op in list create; do wrk_run "$s" "$op" 20s; reset_writes; done; done

declare -A rates p99s
for r in $(seq 1 "$ROUNDS"); do
  for op in list create; do
    line="  round $r $op:"
    # The order alternates too, so neither side always runs first.
    sides=(on off); [ $((r % 2)) = 0 ] && sides=(off on)
    for s in "${sides[@]}"; do
      wrk_run "$s" "$op" "$DURATION"; [ "$op" = create ] && reset_writes
      read -r rate p50 p99 <<<"$result"
      rates[$s.$op]+=" $rate"; p99s[$s.$op]+=" $p99"
      line+=$(printf ' %s %.0f/s p99 %.1f ms;' "$s" "$rate" "$p99")
    done
    echo "$line"
  done
done
echo "medians of $ROUNDS rounds:"
for op in list create; do
  on=$(echo "${rates[on.$op]}" | bench_median); off=$(echo "${rates[off.$op]}" | bench_median)
  printf '  %-6s limits off %6.0f req/s p99 %5.1f ms; on %6.0f req/s p99 %5.1f ms; cost of the limiter %5.1f %% of throughput\n' \
    "$op" "$off" "$(echo "${p99s[off.$op]}" | bench_median)" "$on" "$(echo "${p99s[on.$op]}" | bench_median)" \
    "$(echo "100 * ($off - $on) / $off" | bc -l)"
done

# One user at depth: 1,000 and 100,000 tasks (DEEP=0 skips this and the statements below).
[ "${DEEP:-1}" = 0 ] && exit 0
echo "one user's list, one connection, ${DURATION} each (limits on):"
for n in 1000 100000; do
  sub=bench-deep-$n
  $PG -d "$DB" -c "INSERT INTO tasks (user_id, title, created_at) SELECT '$sub', 'task ' || g, now() - g * interval '1 s'
    FROM generate_series(1, $n) g" -c "VACUUM ANALYZE tasks"
  echo "$sub $(curl -sf "http://127.0.0.1:$IPORT/token?sub=$sub&ttl=3600")" >"$STATE/deep.users"
  for q in "?page=1&size=20" "?page=101&size=100" "?sort=title&page=1&size=20"; do
    wrk_run on list "$DURATION" "$STATE/deep.users" 1 "$q"
    read -r rate p50 p99 <<<"$result"
    printf '  %7d tasks %-28s %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms\n' "$n" "$q" "$rate" "$p50" "$p99"
  done
done

# The statement itself on 100,000 rows: as it was (every matching row counted) and as it is (counted to 10,100).
OLD="SELECT t.id, t.title, t.description, t.completed, t.created_at, t.updated_at, count(*) OVER () FROM tasks t WHERE t.user_id = 'bench-deep-100000' ORDER BY t.created_at DESC, t.id DESC OFFSET 0 LIMIT 20;"
NEW="SELECT id, title, description, completed, created_at, updated_at, count(*) OVER () AS total FROM (SELECT id, title, description, completed, created_at, updated_at FROM tasks WHERE user_id = 'bench-deep-100000' ORDER BY created_at DESC, id DESC LIMIT 10100) t ORDER BY created_at DESC, id DESC OFFSET 0 LIMIT 20;"
echo "the list statement on 100,000 rows of one user, pgbench -c1 -T10:"
for v in OLD NEW; do
  echo "${!v}" >"$STATE/$v.sql"
  lat=$(pgbench -h 127.0.0.1 -U postgres -n -c1 -T10 -f "$STATE/$v.sql" "$DB" 2>&1 | awk '/latency average/{print $4}')
  printf '  %-4s %8s ms average\n' "$(echo $v | tr A-Z a-z)" "$lat"
done
