#!/usr/bin/env bash
# The native binary against the JVM builds, in alternating rounds on one machine:
#
#   scripts/native-build.sh && cp target/*-runner /tmp/warden-native                   # the native binary
#   ./mvnw package -Dprod -DskipTests && cp -a target/quarkus-app /tmp/warden-jdk17    # the JDK 17 jar
#   scripts/aot-build.sh                                                                # the JDK 25 jar + app.aot
#   bench/native.sh /tmp/warden-native /tmp/warden-jdk17 target/quarkus-app
#
# Each of ROUNDS (default 5) rounds starts the three one after the other with bench/startup.sh (exec to the first
# 200 on /q/health/ready, RSS then, REQUESTS authenticated requests, RSS again), so that a busy moment of the
# machine hits every side alike. Then each side once under bench/memory.sh: 60 s of mixed /me + list + create,
# RSS after it, and /me, list and create alone (ENDPOINTS, default 20s each). The binary runs with Dockerfile.native's
# entry point flags, the jars with the JVM image's memory defaults (JVM_OPTS, Dockerfile), JDK 17 as `java`,
# the AOT jar on AOT_JDK (default Temurin 25) where it was trained (its cache records the jars' paths).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
[ $# -eq 3 ] || bench_usage 14
binary="$(readlink -f "$1")"
bench_jvm_sides "$2" "$3"
export ENDPOINTS="${ENDPOINTS:-20s}"
mapfile -t native_flags < <(scripts/native/entrypoint-flags.sh)
[ ${#native_flags[@]} -gt 0 ] || exit 1
read -r -a jvm_opts <<< "${JVM_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile | head -n1)}"
[ ${#jvm_opts[@]} -gt 0 ] || { echo "native: no JAVA_OPTS in Dockerfile; set JVM_OPTS" >&2; exit 1; }

side() { # NAME → the command that starts it
  case "$1" in
    native) echo "$binary ${native_flags[*]}" ;;
    jdk17) echo "java ${jvm_opts[*]} -jar $jar17/quarkus-run.jar" ;;
    aot) echo "$AOT_JAVA -XX:AOTCache=$aot/app.aot ${jvm_opts[*]} -jar $aot/quarkus-run.jar" ;;
  esac
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); $(date -u +%F)"
for round in $(seq 1 "$ROUNDS"); do
  for name in native aot jdk17; do
    # shellcheck disable=SC2046
    RUNS=1 bench/startup.sh $(side "$name") 2>&1 | sed -n "s/^run 1: /$name round $round: /p"
  done
done
for name in native aot jdk17; do
  echo "== $name under load: $(side "$name")"
  # shellcheck disable=SC2046
  bench/memory.sh $(side "$name") 2>&1 | grep -E '^(RSS|mix|me|list|create)'
done
