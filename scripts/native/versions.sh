# The versions of what the native build assembles, each in one place. GraalVM's is Mandrel's, read from
# Dockerfile.native (MANDREL_VERSION), so that the HuggingFace image and the build here use one builder.
# shellcheck shell=bash
# The OpenJDK C sources of the JDK's static libraries: Debian's source package. Debian's openjdk-25 source is
# not served by the registry mirror this project can reach; openjdk-26's is, and its C sources are compiled
# against JNI headers generated from the JDK 25 class library (see jdk-static-libs.sh).
OPENJDK_SOURCE_PACKAGE=openjdk-26
OPENJDK_SOURCE_VERSION=26.0.2.1+1-1
OPENJDK_SOURCE_SUITE=sid
