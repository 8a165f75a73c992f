####
# Warden on the JVM (Java 17): a Maven build stage, then Red Hat's UBI 9 OpenJDK 17 runtime image.
# Builds in about two minutes with little memory; Dockerfile.native is the smaller, faster-starting
# alternative used on HuggingFace.
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
#   curl -s localhost:7860/q/health/ready
# JVM options: -e JAVA_OPTS_APPEND='-Djavax.net.ssl.trustStore=...'
###

## Stage 1: build with -Dprod, which leaves the embedded PostgreSQL (dev and tests only) out ------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /project
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -Dprod quarkus:go-offline
COPY src src
RUN ./mvnw -B -ntp package -Dprod -DskipTests

## Stage 2: runtime -------------------------------------------------------------------------------------
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23
ENV LANGUAGE='en_US:en'
# The fast-jar layout, in four layers from the least to the most often changed.
COPY --from=build --chown=1000:0 /project/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build --chown=1000:0 /project/target/quarkus-app/*.jar /deployments/
COPY --from=build --chown=1000:0 /project/target/quarkus-app/app/ /deployments/app/
COPY --from=build --chown=1000:0 /project/target/quarkus-app/quarkus/ /deployments/quarkus/
USER 1000
ENV PORT=7860 HOST=0.0.0.0
ENV JAVA_OPTS_APPEND="-Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
EXPOSE 7860
# Liveness only (see Dockerfile.native for why not readiness), with bash built-ins alone: one HTTP/1.0 GET
# over /dev/tcp, healthy when the status line says 200. No curl needed in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /q/health/live HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && read -r -t 3 status <&3 && [[ $status == HTTP/1.?' 200'* ]]"]
ENTRYPOINT ["/opt/jboss/container/java/run/run-java.sh"]
