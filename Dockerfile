####
# Warden on the JVM (JDK 25) with an AOT cache trained during the build: ready in well under half the plain
# JDK 17 jar's time (bench/RESULTS.md). The fallback to Dockerfile.native (the image HuggingFace runs): it builds
# in a few minutes with little memory and keeps the JVM's tooling (JFR, jcmd, a debugger).
#
# Build:
#   docker build -t warden-jvm .
# Run:
#   docker run --rm -p 7860:7860 \
#     -e DATABASE_URL='postgresql://user:pass@host/db?sslmode=require' \
#     -e BETTER_AUTH_URL=https://your-app.vercel.app \
#     -e JWT_AUDIENCE=https://your-user-warden.hf.space \
#     -e ALLOWED_ORIGINS=https://your-app.vercel.app \
#     warden-jvm
#   curl -s localhost:7860/q/health/ready        # {"status":"UP"} only; metrics and the full report are on
#                                                 # the management interface, the container's 127.0.0.1:9000
#                                                 # (-e MANAGEMENT_HOST=0.0.0.0 -p 127.0.0.1:9000:9000 to reach it)
# JVM options: -e JAVA_OPTS_APPEND='-Djavax.net.ssl.trustStore=...'; the memory defaults are JAVA_OPTS below.
# scripts/aot-build.sh does the build stage's steps on a machine with JDK 25 and no Docker.
###

# The AOT cache is valid only on the JVM build that wrote it: both stages use this one image, pinned to the
# release. A JRE image or another JDK update would refuse the cache, and the check in stage 2 stops the build.
ARG JDK_IMAGE=eclipse-temurin:25.0.3_9-jdk

## Stage 1: build with -Dprod (the embedded PostgreSQL stays out of the jar), then train the AOT cache ---------
FROM ${JDK_IMAGE} AS build
# The training runs the packaged-app smoke test against the embedded PostgreSQL the tests start themselves;
# PostgreSQL's initdb refuses to run as root. The cache records the jars' absolute paths (and Quarkus finds its
# files through them), so the app is trained where the runtime stage keeps it: /warden/target/quarkus-app.
RUN useradd --create-home builder && mkdir /warden && chown builder /warden
USER builder
WORKDIR /warden
COPY --chown=builder mvnw pom.xml ./
COPY --chown=builder .mvn .mvn
RUN ./mvnw -B -ntp -Dprod quarkus:go-offline
COPY --chown=builder src src
# SmokeIT starts the jar with the JVM recording (health, 401/403/422 answers, a task created, completed, listed
# and deleted with real tokens from a loopback JWKS), and the JVM writes target/quarkus-app/app.aot when it
# stops. Unit tests run in CI on JDK 17 (./mvnw verify), not here.
RUN ./mvnw -B -ntp verify -Dprod -Dquarkus.package.jar.aot.enabled=true \
      -Dit.test=SmokeIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.antrun.skip \
 && rm target/quarkus-app/app-cds.jsa

## Stage 2: runtime -------------------------------------------------------------------------------------
FROM ${JDK_IMAGE}
ENV LANGUAGE='en_US:en'
WORKDIR /warden/target/quarkus-app
# One layer, at the path of the training: the cache records each jar's path, size and modification time, and
# COPY keeps them.
COPY --from=build --chown=1000:0 /warden/target/quarkus-app/ /warden/target/quarkus-app/
# HuggingFace runs Space containers as uid 1000 (the image's `ubuntu` user); run as it everywhere.
USER 1000
# Fails the build, rather than every start, if this JVM would not use the cache for these jars in this place.
RUN java -XX:AOTMode=on -XX:AOTCache=app.aot -XX:+PrintSharedArchiveAndExit -jar quarkus-run.jar > /dev/null \
 && grep -aq "$PWD/quarkus-run.jar" app.aot
ENV PORT=7860 HOST=0.0.0.0
# Memory for a container of a few hundred MB and 1–2 cores. SerialGC: one collector thread, no concurrent
# marking or remembered sets (the JVM's own choice on under 2 cores or 1792 MB). Heap at most 60 % of the
# container's memory, since Warden's non-heap (metaspace, code, threads, the AOT cache) is about 200 MB; it
# starts at 64 MB, grows only as live data needs and shrinks back (the free ratios), which also bounds it where
# there is no container limit. Two malloc arenas instead of 8 per core: the threads' arenas held ≈ 80 MB.
ENV MALLOC_ARENA_MAX=2
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=60 -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENV JAVA_OPTS_APPEND=""
EXPOSE 7860
# Liveness only (see Dockerfile.native for why not readiness), with bash built-ins alone: one HTTP/1.0 GET
# over /dev/tcp, healthy when the status line says 200. No curl needed in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /q/health/live HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && read -r -t 3 status <&3 && [[ $status == HTTP/1.?' 200'* ]]"]
ENTRYPOINT ["/bin/sh", "-c", "exec java -XX:AOTCache=app.aot $JAVA_OPTS $JAVA_OPTS_APPEND -jar quarkus-run.jar"]
