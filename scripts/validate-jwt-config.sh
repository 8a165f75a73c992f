#!/usr/bin/env bash
# Warden's doctor: checks the token-verification configuration (JWKS, issuer, audience, origins, BETTER_AUTH_SECRET,
# database) and, with --token, explains what the server answers a token and why: the packaged jar, built into
# target-doctor/, boots as `doctor` and asks the server's own beans. Reads the environment and .env of the current
# directory, like the server, for the profile its first line names (--profile NAME; without it and QUARKUS_PROFILE,
# dev next to a running dev stack, else prod). Opens no port, migrates nothing.
#   scripts/validate-jwt-config.sh [--token JWT | --token -] [--json] [--frontend-env FILE] [--profile NAME]
# Exit status: 0 every check passes, 1 a check fails, 2 usage error.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# A build directory of the doctor's own: target/ belongs to a `./mvnw quarkus:dev` that may be running, which would
# restart on a rebuild there.
build="$root/target-doctor"
app="$build/quarkus-app"

# Build on first use, and again when the sources are newer than the jar.
jar="$(ls "$app"/app/*.jar 2>/dev/null | head -n1 || true)"
if [ -z "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "validate-jwt-config: building Warden into target-doctor/ first (./mvnw -q package -DskipTests)..." >&2
  if ! (cd "$root" && ./mvnw -q package -DskipTests -Dwarden.build.directory="$build" >&2); then
    echo "validate-jwt-config: the build failed; run:" \
      "(cd $root && ./mvnw package -DskipTests -Dwarden.build.directory=target-doctor)" >&2
    exit 1
  fi
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The packaged Warden itself, booted without its HTTP listener: the doctor asks the server's own beans.
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$app/quarkus-run.jar" doctor "$@"
