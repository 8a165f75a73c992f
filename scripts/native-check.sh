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
#   scripts/native-check.sh              check Warden (≈ 3 min, ≈ 6 GB)
#   scripts/native-check.sh --self-test  check a deliberately broken input and pass only if it fails
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
# The builder's heap. The real launcher takes 85% of a CI machine's memory; this machine is shared, and
# Warden's build peaks at ≈ 6 GB resident with 4 GB of heap.
builder_heap="${NATIVE_CHECK_HEAP:-4g}"
work="$PWD/target/native-check"
mkdir -p "$work"
started=$(date +%s)

# --- Input: Warden's native sources, or the broken input --------------------------------------------
if [ "$mode" = warden ]; then
  echo "native-check: building Warden's native sources"
  ./mvnw -B -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests
  input="$PWD/target/native-sources"
else
  # Two defects the real build refuses, each one caught only if the launcher's options reach the builder:
  # a thread started by a class that --initialize-at-build-time forces into the image heap, and a
  # reference to a class missing from the class path under --link-at-build-time.
  input="$work/broken"
  rm -rf "$input" && mkdir -p "$input/classes" "$input/missing"
  "$jdk/bin/javac" -d "$input/missing" scripts/native-check/broken/Missing.java
  "$jdk/bin/javac" -d "$input/classes" -cp "$input/missing" scripts/native-check/broken/Main.java scripts/native-check/broken/StartsThread.java
  printf 'Main-Class: broken.Main\n' > "$input/manifest.txt"
  "$jdk/bin/jar" --create --file "$input/broken-runner.jar" --manifest "$input/manifest.txt" -C "$input/classes" .
  # The options Quarkus gives Warden's build that matter here, spelt as Quarkus spells them.
  echo "--initialize-at-build-time=broken --no-fallback --link-at-build-time broken-runner -jar broken-runner.jar" > "$input/native-image.args"
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

# --- The launcher's translation of the driver options into the builder's command line ----------------
out="$work/$mode"
rm -rf "$out" && mkdir -p "$out"
# Added to the driver arguments as a user would add them to native-image's command line: the heap, and
# stop once the object file is written (the static libraries for the link are not to be had here).
(cd "$input" && "$home/bin/java" "${flags[@]}" "$repo/scripts/native-check/NativeImageDriver.java" \
  "$home" "$mandrel_version" "$out" $$ "$input/native-image.args" \
  "-J-Xmx$builder_heap" -H:+UnlockExperimentalVMOptions -H:+ExitAfterRelocatableImageWrite -H:-UnlockExperimentalVMOptions)

# --- The builder ----------------------------------------------------------------------------------------
mapfile -t builder_env < "$out/builder.env"
set +e
(cd "$input" && env -i "${builder_env[@]}" /usr/bin/time -f "%M %e" -o "$out/time.txt" \
  "$home/bin/java" "@$out/builder.jvm.args" "--image-args-file=$out/builder.image.args") 2>&1 | tee "$out/builder.log"
builder_status=${PIPESTATUS[0]}
set -e

# --- Report -----------------------------------------------------------------------------------------------
stages="$(grep -oE '^\[[1-8]/8\] [A-Za-z ]+' "$out/builder.log" | sed 's/ *$//' | paste -sd, | sed 's/,/, /g')"
counts="$(grep -oE '[0-9,.]+ types, +[0-9,.]+ fields, and +[0-9,.]+ methods found reachable' "$out/builder.log" | head -n1 | tr -s ' ')"
read -r peak_kb builder_seconds < "$out/time.txt" || true
echo
echo "native-check ($mode, GraalVM $graalvm_version = Mandrel $mandrel_version, builder on $("$jdk/bin/java" -version 2>&1 | head -n1 | cut -d'"' -f2))"
echo "  stages reached: ${stages:-none}"
echo "  reachable:      ${counts:-not reported}"
echo "  builder:        ${builder_seconds:-?} s, peak RSS $(( ${peak_kb:-0} / 1024 )) MiB; whole check $(( $(date +%s) - started )) s"
echo "  builder exit:   $builder_status"

if [ "$mode" = self-test ]; then
  expected=("Detected a started Thread in the image heap" "broken.Missing")
  missing=()
  for e in "${expected[@]}"; do grep -qF "$e" "$out/builder.log" || missing+=("$e"); done
  if [ "$builder_status" -ne 0 ] && [ ${#missing[@]} -eq 0 ]; then
    echo "native-check self-test: OK, the broken input was refused for both of its defects"
    exit 0
  fi
  echo "native-check self-test: FAILED: the check let a broken input through (exit $builder_status; not reported: ${missing[*]:-none})" >&2
  exit 1
fi

if [ "$builder_status" -ne 0 ]; then
  echo "native-check: FAILED: the image builder refused Warden (see the errors above, full log in $out/builder.log)" >&2
  exit 1
fi
echo "native-check: OK, GraalVM analysed and compiled Warden up to the link"
