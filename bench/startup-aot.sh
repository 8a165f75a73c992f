#!/usr/bin/env bash
# Start-up and memory of the JDK 17 jar against the JDK 25 jar with its AOT cache, in alternating runs:
#
#   ./mvnw package -Dprod -DskipTests && cp -a target/quarkus-app /tmp/warden-jdk17    # the JDK 17 jar
#   scripts/aot-build.sh                                                                # the JDK 25 jar + app.aot
#   bench/startup-aot.sh /tmp/warden-jdk17 target/quarkus-app
#
# Each round starts, one after the other, the JDK 17 jar with the JVM's own defaults, the JDK 17 jar with
# Warden's memory defaults (MEMORY_OPTS), and the AOT jar on JDK 25 with the same defaults; each start is one
# run of bench/startup.sh (process start to the first 200 on /q/health/ready, RSS then, REQUESTS authenticated
# requests, RSS again). ROUNDS (default 5) rounds, so that a busy moment of the machine hits every side alike;
# prints every run and each side's medians. The AOT jar is measured where it was trained: its cache records
# the jars' absolute paths. JDK 17 is `java` (JDK17_JAVA), JDK 25 is AOT_JDK (default Temurin 25).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

[ $# -eq 2 ] || bench_usage 13
bench_jvm_sides "$1" "$2"
JDK17_JAVA="${JDK17_JAVA:-java}"
MEMORY_OPTS="${MEMORY_OPTS:--XX:+UseSerialGC -XX:MaxRAMPercentage=60 -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}"
[ -f "$jar17/quarkus-run.jar" ] || { echo "startup-aot: no quarkus-run.jar in $jar17" >&2; exit 1; }
[ -f "$aot/app.aot" ] || { echo "startup-aot: no app.aot in $aot (scripts/aot-build.sh writes it)" >&2; exit 1; }
# A refused cache would only print a warning and start slowly: refuse to measure that.
"$AOT_JAVA" -XX:AOTMode=on -XX:AOTCache="$aot/app.aot" -XX:+PrintSharedArchiveAndExit -jar "$aot/quarkus-run.jar" \
  >/dev/null 2>&1 || { echo "startup-aot: $AOT_JAVA refuses $aot/app.aot (jars rebuilt since, or another JDK)" >&2; exit 1; }
grep -aq "$aot/quarkus-run.jar" "$aot/app.aot" || { echo "startup-aot: $aot/app.aot was trained elsewhere" >&2; exit 1; }

names=("jdk17, JVM defaults" "jdk17, memory defaults" "jdk25 + AOT cache, memory defaults")
# shellcheck disable=SC2206
commands=(
  "$JDK17_JAVA -jar $jar17/quarkus-run.jar"
  "$JDK17_JAVA $MEMORY_OPTS -jar $jar17/quarkus-run.jar"
  "$AOT_JAVA -XX:AOTCache=$aot/app.aot $MEMORY_OPTS -jar $aot/quarkus-run.jar"
)
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "memory defaults: $MEMORY_OPTS"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!names[@]}"; do
    # shellcheck disable=SC2086
    line="$(RUNS=1 bench/startup.sh ${commands[$i]} | grep '^run 1:')"
    read -r ready rss0 rss1 < <(echo "$line" | sed -E 's/.*ready after ([0-9]+) ms, RSS ([0-9]+) MiB when ready, ([0-9]+) MiB.*/\1 \2 \3/')
    printf 'round %d, %-36s ready after %5d ms, RSS %4d MiB when ready, %4d MiB after the requests (load %s)\n' \
      "$round" "${names[$i]}:" "$ready" "$rss0" "$rss1" "$(cut -d' ' -f1 /proc/loadavg)"
    echo "$i $ready $rss0 $rss1" >> "$results"
  done
done

for i in "${!names[@]}"; do
  printf 'median, %-36s ready after %5s ms, RSS %4s MiB when ready, %4s MiB after the requests\n' "${names[$i]}:" \
    "$(awk -v i="$i" '$1 == i {print $2}' "$results" | bench_median)" \
    "$(awk -v i="$i" '$1 == i {print $3}' "$results" | bench_median)" \
    "$(awk -v i="$i" '$1 == i {print $4}' "$results" | bench_median)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
