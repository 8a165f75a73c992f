#!/usr/bin/env bash
# The JVM image's build stage, on this machine: Warden's prod jar on JDK 25 with an AOT cache trained by the
# packaged-app smoke test, then a check that this JVM accepts the cache for these jars.
#
#   scripts/aot-build.sh          # writes target/quarkus-app/ with app.aot (≈ 2½ min on 2 cores)
#   cd target/quarkus-app && java -XX:AOTCache=app.aot -jar quarkus-run.jar     # with that same JDK 25
#
# The training is SmokeIT against the packaged jar: Quarkus starts the jar with -XX:AOTMode=record, the test
# signs in with tokens from its loopback JWKS and creates, completes, lists and deletes a task in PostgreSQL
# (health, 401/403/422 answers included), and at the end the JVM writes app.aot from what it loaded, linked and
# profiled. PostgreSQL is the one the tests always use: the server DATABASE_URL names, else an embedded one
# (which, like initdb, refuses to run as root). Only SmokeIT: Quarkus records each IT class's launch over the
# last one, so a longer list trains on whichever class runs last, and the others need a browser or Node.
#
# The cache is valid only for the JVM build that wrote it and for these jars where they are: it records their
# absolute paths, sizes and modification times, and Quarkus finds quarkus/quarkus-application.dat through the
# recorded path, so a copy elsewhere starts the files of this directory, whatever they are by then. Run it in
# place, and rebuild it after every change and with every JDK update. Unit tests are not run here (./mvnw
# verify runs everything on JDK 17).
# Needs a JDK 25 (AOT_JDK, else JAVA_HOME if it is 25, else /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
cd "$(dirname "$0")/.."

jdk="${AOT_JDK:-}"
if [ -z "$jdk" ] && [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
  jdk="$JAVA_HOME"
fi
jdk="${jdk:-/usr/lib/jvm/temurin-25-jdk-amd64}"
"$jdk/bin/java" -version 2>&1 | grep -q '"25' || { echo "aot-build: $jdk is not a JDK 25 (set AOT_JDK)" >&2; exit 1; }

# -Dprod leaves the embedded PostgreSQL and the frontend's dev server out of the jar; -Dmaven.antrun.skip skips
# the frontend's npm install, which only the browser tests need.
JAVA_HOME="$jdk" ./mvnw -B -ntp verify -Dprod -Dquarkus.package.jar.aot.enabled=true \
  -Dit.test=SmokeIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.antrun.skip

cd target/quarkus-app
# The AppCDS archive the aot-jar packaging also writes is not what the JVM is started with.
rm -f app-cds.jsa
"$jdk/bin/java" -XX:AOTMode=on -XX:AOTCache=app.aot -XX:+PrintSharedArchiveAndExit -jar quarkus-run.jar \
  > aot-check.log 2>&1 || { tail -n 5 aot-check.log >&2; echo "aot-build: $jdk refuses app.aot" >&2; exit 1; }
grep -aq "$PWD/quarkus-run.jar" app.aot || { echo "aot-build: app.aot was not trained in $PWD" >&2; exit 1; }
rm -f aot-check.log
echo "aot-build: $(du -h app.aot | cut -f1) AOT cache for $("$jdk/bin/java" -version 2>&1 | sed -n 2p)"
echo "run: cd target/quarkus-app && $jdk/bin/java -XX:AOTCache=app.aot -jar quarkus-run.jar"
