#!/usr/bin/env bash
# Warden's native executable (target/warden-*-runner), built by Quarkus' own native build on a machine with
# neither Docker nor a GraalVM download: the GraalVM home it builds with is assembled from registry parts
# (scripts/native/graalvm-home.sh) and cached outside the repository, keyed by what went into it, so a second
# run on the same machine goes straight to the build.
#
#   scripts/native-build.sh                       ./mvnw package -Dnative -DskipTests with that home
#   scripts/native-build.sh verify -Dit.test=…    any other Maven goals and options instead
#
# The cache is $WARDEN_NATIVE_CACHE (default ~/.cache/warden-native). Versions: GraalVM's is Mandrel's, from
# Dockerfile.native; the OpenJDK C sources' in scripts/native/versions.sh; the class library is NATIVE_JDK's.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/native/versions.sh
mandrel_version="$(sed -n 's/^ARG MANDREL_VERSION=//p' Dockerfile.native)"
[[ "$mandrel_version" =~ ^([0-9]+\.[0-9]+\.[0-9]+)\.[0-9]+-Final$ ]] \
  || { echo "native-build: no 'ARG MANDREL_VERSION=X.Y.Z.N-Final' in Dockerfile.native" >&2; exit 1; }
graalvm_version="${BASH_REMATCH[1]}"
export NATIVE_JDK="${NATIVE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jdk_version="$("$NATIVE_JDK/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
cache="${WARDEN_NATIVE_CACHE:-$HOME/.cache/warden-native}"

timed() { local start=$SECONDS; "$@"; echo "native-build: $(basename "$1") took $((SECONDS - start)) s"; }

static="$cache/jdk-static/$OPENJDK_SOURCE_PACKAGE-$OPENJDK_SOURCE_VERSION-jdk-$jdk_version"
[ -f "$static/SOURCE" ] || timed scripts/native/jdk-static-libs.sh "$static"
# The home changes with the builder, the JDK, the static libraries and Warden's own launcher and C libraries.
parts="$(cat scripts/native/graalvm-home.sh scripts/native/native-image scripts/native/*.java scripts/native/*.c \
  scripts/native/svm/*.c "$static/SOURCE" | sha256sum | cut -c1-12)"
home="$cache/graalvm-home/graalvm-$graalvm_version-jdk-$jdk_version-$parts"
[ -f "$home/.complete" ] || timed scripts/native/graalvm-home.sh "$home" "$static" "$graalvm_version" "$mandrel_version"

[ "${NATIVE_HOME_ONLY:-}" = 1 ] && { echo "$home"; exit 0; }
[ $# -gt 0 ] || set -- package -DskipTests
start=$SECONDS
./mvnw -B -Dnative -Dquarkus.native.graalvm-home="$home" "$@"
runner="$(ls target/*-runner)"
echo "native-build: $runner ($(stat -c %s "$runner") bytes) in $((SECONDS - start)) s"
