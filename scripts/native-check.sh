#!/usr/bin/env bash
# GraalVM's own analysis and compilation of Warden, on a machine with neither native-image nor Docker.
#
# Builds Warden's native sources (the inputs Quarkus hands to native-image), fetches GraalVM's image
# builder from Maven Central, and runs it, with the options GraalVM's native-image launcher would give
# it, through all stages up to the link: class initialisation, the points-to analysis, compilation of
# every reachable method and the object file. It stops where the link would start, since the JDK's
# static libraries that the link needs come with a GraalVM/Mandrel distribution only; the Mandrel
# builder image of Dockerfile.native does the link.
#
#   scripts/native-check.sh              check Warden (≈ 10 min of CPU, peak RSS ≈ 4.7 GB)
#   scripts/native-check.sh --self-test  check a deliberately broken jar, pass only if it is refused
#
# The GraalVM version is Mandrel's, read from Dockerfile.native's MANDREL_VERSION: a GraalVM or
# Mandrel update is that one line. Needs Temurin 25 (NATIVE_CHECK_JDK), gcc and Maven (./mvnw).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

mode=warden
case "${1:-}" in
  "") ;;
  --self-test) mode=self-test ;;
  *) echo "usage: $0 [--self-test]" >&2; exit 2 ;;
esac

# Mandrel X.Y.Z.N-Final is built from GraalVM CE X.Y.Z, whose builder jars Maven Central has.
mandrel_version="$(sed -n 's/^ARG MANDREL_VERSION=//p' Dockerfile.native)"
[[ "$mandrel_version" =~ ^([0-9]+\.[0-9]+\.[0-9]+)\.[0-9]+-Final$ ]] \
  || { echo "native-check: no 'ARG MANDREL_VERSION=X.Y.Z.N-Final' in Dockerfile.native" >&2; exit 1; }
graalvm_version="${BASH_REMATCH[1]}"
jdk="${NATIVE_CHECK_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# The builder's heap. The real launcher takes 85% of a CI machine's memory; these machines are shared,
# and with 4 GB of heap Warden's build peaks at ≈ 4.7 GB resident, spending ≈ 12% of its time in GC.
builder_heap="${NATIVE_CHECK_HEAP:-4g}"
work="$PWD/target/native-check"
mkdir -p "$work"

# --- Input: Warden's native sources, or the broken one ------------------------------------------------
if [ "$mode" = warden ]; then
  echo "native-check: building Warden's native sources"
  ./mvnw -B -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests
else
  # A jar with two defects that the real build refuses (see scripts/native-check/broken/Main.java),
  # built twice, each time with the one option that must catch one of them.
  broken=scripts/native-check/broken
  rm -rf "$work/broken" && mkdir -p "$work/broken/classes" "$work/broken/missing"
  "$jdk/bin/javac" -d "$work/broken/missing" "$broken/Missing.java"
  "$jdk/bin/javac" -d "$work/broken/classes" -cp "$work/broken/missing" "$broken/Main.java" "$broken/StartsThread.java" "$broken/UsesMissing.java"
  cp -r "$broken/META-INF" "$work/broken/classes/"
  printf 'Main-Class: broken.Main\n' > "$work/broken/manifest.txt"
  "$jdk/bin/jar" --create --file "$work/broken/broken-runner.jar" --manifest "$work/broken/manifest.txt" -C "$work/broken/classes" .
fi

# --- The builder: GraalVM's jars from Maven Central, laid out as a GraalVM distribution --------------
home="$work/graalvm-$graalvm_version"

# How this machine's JDK runs the two helpers against the builder's own classes: the builder modules,
# and the packages the helpers use, open to them as they are to GraalVM's launcher (a GraalVM module).
helper_flags() {
  local module_path pkg
  module_path="$(find "$home/lib/jvmci" "$home/lib/truffle" "$home/lib/svm/builder" -maxdepth 1 -name '*.jar' ! -name graal.jar | sort | paste -sd:)"
  flags=("@$home/lib/svm/graal-compiler-flags.config" --module-path "$module_path" --upgrade-module-path "$home/lib/jvmci/graal.jar"
    --add-modules org.graalvm.nativeimage.builder)
  for pkg in org.graalvm.nativeimage.builder/com.oracle.svm.core org.graalvm.nativeimage.builder/com.oracle.svm.core.option \
             org.graalvm.nativeimage.builder/com.oracle.svm.core.configure org.graalvm.nativeimage.builder/com.oracle.svm.hosted \
             org.graalvm.nativeimage.builder/com.oracle.svm.hosted.option org.graalvm.nativeimage.base/com.oracle.svm.util \
             org.graalvm.nativeimage.base/com.oracle.svm.common.option org.graalvm.nativeimage.configure/com.oracle.svm.configure \
             jdk.graal.compiler/jdk.graal.compiler.options; do
    flags+=(--add-exports "$pkg=ALL-UNNAMED")
  done
}

prepare_home() {
  echo "native-check: fetching GraalVM $graalvm_version's image builder (Maven Central, cached in ~/.m2)"
  rm -rf "$home" "$work/maven" && mkdir -p "$work/maven"
  cat > "$work/maven/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.warden</groupId><artifactId>native-check-builder</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>svm</artifactId><version>$graalvm_version</version></dependency>
  </dependencies>
</project>
POM
  ./mvnw -B -q -f "$work/maven/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/maven/classpath.txt"
  # A copy, because the builder finds its own files relative to java.home.
  cp -a "$jdk" "$home"
  # clibraries/linux-amd64/glibc holds SubstrateVM's static C libraries in a distribution: needed by the
  # link only, but the builder lists the directory after the analysis.
  mkdir -p "$home/lib/jvmci" "$home/lib/truffle" "$home/lib/svm/builder/lib" \
    "$home/lib/svm/clibraries/linux-amd64/include" "$home/lib/svm/clibraries/linux-amd64/glibc"
  # The names and places of a GraalVM distribution built on a JDK without GraalVM's modules (its
  # lib/jvmci layout): there the launcher puts the compiler on --upgrade-module-path, where it replaces
  # the JDK's own jdk.graal.compiler, and the rest on --module-path.
  local jar artifact
  tr ':' '\n' < "$work/maven/classpath.txt" | while read -r jar || [ -n "$jar" ]; do
    artifact="$(basename "$(dirname "$(dirname "$jar")")")"
    case "$artifact" in
      compiler) ln -s "$jar" "$home/lib/jvmci/graal.jar" ;;
      word|collections|nativeimage|nativeimage-libgraal) ln -s "$jar" "$home/lib/jvmci/$artifact.jar" ;;
      truffle-compiler) ln -s "$jar" "$home/lib/truffle/truffle-compiler.jar" ;;
      *) ln -s "$jar" "$home/lib/svm/builder/$artifact.jar" ;;
    esac
  done
  gcc -O2 -Wall -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" \
    -o "$home/lib/svm/builder/lib/libreporterchelper.so" scripts/native-check/reporterchelper.c
  "$home/bin/java" scripts/native-check/CompilerFlags.java "$home/lib/svm/graal-compiler-flags.config" \
    "$home"/lib/jvmci/*.jar "$home"/lib/truffle/*.jar "$home"/lib/svm/builder/*.jar
  helper_flags
  "$home/bin/java" "${flags[@]}" scripts/native-check/SvmHeaders.java "$home/lib/svm/clibraries/linux-amd64/include"
  touch "$home/.complete"
}

[ -f "$home/.complete" ] || prepare_home
helper_flags

# A GraalVM release wants the JDK update it was released with (its JVMCI version check); the JDK here may
# be an update behind the one Mandrel bundles. The check runs then, as GraalVM's own message offers, with
# that check turned into a warning: the builder is still the one Mandrel runs, on the JDK before it.
jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
jvmci_check=()
if [ "$(printf '%s\n%s\n' "$graalvm_version" "$jdk_version" | sort -V | head -n1)" != "$graalvm_version" ]; then
  echo "native-check: JDK $jdk_version is older than GraalVM $graalvm_version's: its JVMCI version check only warns"
  jvmci_check=(JVMCI_VERSION_CHECK=warn)
fi

# build NAME DIR ARGS_FILE: translates the driver arguments of ARGS_FILE as GraalVM's launcher would, runs
# the builder in DIR as the launcher would, and prints what it reached. Sets $status and $log.
build() {
  local name="$1" dir="$2" args_file="$3" env=() stages counts took rss cpu
  out="$work/$name" && rm -rf "$out" && mkdir -p "$out/tmp"
  # Added as a user adds them to native-image's command line: the heap; stop once the object file is
  # written (the link needs static libraries that are not to be had here); and keep the builder's
  # temporary directory, where that object file is, to show it was written.
  (cd "$dir" && "$home/bin/java" "${flags[@]}" "$repo/scripts/native-check/NativeImageDriver.java" \
    "$home" "$mandrel_version" "$out" $$ "$args_file" "-J-Xmx$builder_heap" \
    -H:+UnlockExperimentalVMOptions -H:+ExitAfterRelocatableImageWrite "-H:TempDirectory=$out/tmp" -H:-UnlockExperimentalVMOptions)
  mapfile -t env < "$out/builder.env"
  log="$out/builder.log"
  set +e
  # Its CPU time too: unlike the wall time, it hardly depends on what else the machine is doing.
  local TIMEFORMAT='%U %S'
  { time (cd "$dir" && env -i "${env[@]}" "${jvmci_check[@]}" \
    "$home/bin/java" "@$out/builder.jvm.args" "--image-args-file=$out/builder.image.args") 2>&1 | tee "$log"; } 2> "$out/cpu.txt"
  status=${PIPESTATUS[0]}
  set -e
  cpu="$(awk '{printf "%d", $1 + $2}' "$out/cpu.txt")"
  stages="$(grep -oE '^\[[1-8]/8\] [A-Za-z ]+' "$log" | sed 's/ *$//' | paste -sd, | sed 's/,/, /g')"
  counts="$(grep -oE '[0-9,.]+ types, +[0-9,.]+ fields, and +[0-9,.]+ methods found reachable' "$log" | head -n1 | tr -s ' ')"
  took="$(grep -oE "(Finished generating '[^']*' in|Failed generating '[^']*' after) .*" "$log" | sed -E 's/.* (in|after) //; s/\.$//' | tail -n1)"
  rss="$(grep -oE 'Peak RSS: [0-9.]+[A-Z]+' "$log" | tail -n1 | cut -d' ' -f3)"
  object="$(find "$out/tmp" -name '*.o' -printf '%p (%s bytes)\n' | head -n1)"
  echo
  echo "native-check ($name): GraalVM $graalvm_version's image builder (Mandrel $mandrel_version) on JDK $jdk_version"
  echo "  stages reached: ${stages:-none}"
  echo "  reachable:      ${counts:-not reported}"
  echo "  object file:    ${object:-none}"
  echo "  builder:        ${took:-?} (${cpu} s of CPU), peak RSS ${rss:-?}, exit $status"
  echo
}

if [ "$mode" = self-test ]; then
  # refused NAME OPTION MESSAGE: the broken jar built with OPTION (as Quarkus spells its options) must fail
  # with MESSAGE; without that option's translation it would pass.
  failures=0
  refused() {
    echo "--no-fallback $2 broken-runner -jar broken-runner.jar" > "$work/broken/$1.args"
    build "self-test-$1" "$work/broken" "$work/broken/$1.args"
    if [ "$status" -ne 0 ] && grep -qF "$3" "$log"; then
      echo "native-check self-test: OK, $2 refused the broken jar: $3"
    else
      echo "native-check self-test: FAILED, $2 let the broken jar through (exit $status, no '$3')" >&2
      failures=$((failures + 1))
    fi
  }
  refused build-time-init --initialize-at-build-time=broken "Detected a started Thread in the image heap"
  refused link-at-build-time --link-at-build-time "Discovered unresolved type during parsing: broken.Missing"
  echo "native-check self-test: $((2 - failures)) passed, $failures failed (${SECONDS} s)"
  exit $(( failures > 0 ))
fi

build warden "$PWD/target/native-sources" "$PWD/target/native-sources/native-image.args"
if [ "$status" -ne 0 ] || [ -z "$object" ]; then
  echo "native-check: FAILED: GraalVM's image builder refused Warden (errors above; log: $log)" >&2
  exit 1
fi
echo "native-check: OK, GraalVM analysed and compiled Warden up to the link (${SECONDS} s in all)"
