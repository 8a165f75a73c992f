#!/usr/bin/env bash
# A GraalVM-shaped home, assembled from registry parts, that Quarkus' own native build runs with
# (-Dquarkus.native.graalvm-home=HOME), on a machine with neither a GraalVM download nor Docker:
#   bin/, lib/…          the machine's JDK 25 (NATIVE_JDK): the JVM the builder runs on and the image's class library
#   lib/jvmci, lib/svm   GraalVM's image builder and compiler, from Maven Central, laid out as a distribution
#   lib/static/…         the JDK's static libraries the link needs (scripts/native/jdk-static-libs.sh)
#   lib/svm/clibraries/… SubstrateVM's C libraries, Warden's own (scripts/native/svm/) and the headers the
#                        builder reads C layouts from, generated from the builder's own declarations
#   bin/native-image     a launcher of Warden's own: GraalVM's is a native binary that Maven Central does not ship
#
#   scripts/native/graalvm-home.sh HOME STATIC_LIBS_DIR GRAALVM_VERSION MANDREL_VERSION
set -euo pipefail
home="$1" static="$2" graalvm_version="$3" mandrel_version="$4"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
native="$repo/scripts/native"
jdk="${NATIVE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# One home at a time: an older one (another version, other parts) goes.
rm -rf "$(dirname "$home")" && mkdir -p "$(dirname "$home")"

echo "graalvm-home: GraalVM $graalvm_version's image builder from Maven Central (cached in ~/.m2)"
maven="$home.maven" && rm -rf "$maven" && mkdir -p "$maven"
cat > "$maven/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.warden</groupId><artifactId>native-builder</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>svm</artifactId><version>$graalvm_version</version></dependency>
  </dependencies>
</project>
POM
"$repo/mvnw" -B -q -f "$maven/pom.xml" dependency:build-classpath -Dmdep.outputFile="$maven/classpath.txt"

# A copy, because the builder finds its own files relative to java.home.
cp -a "$jdk" "$home"
mkdir -p "$home/lib/jvmci" "$home/lib/truffle" "$home/lib/svm/builder/lib" "$home/lib/warden" \
  "$home/lib/static/linux-amd64/glibc" "$home/lib/svm/clibraries/linux-amd64/include" "$home/lib/svm/clibraries/linux-amd64/glibc"
# The names and places of a GraalVM distribution built on a JDK without GraalVM's modules (its lib/jvmci
# layout): the compiler on --upgrade-module-path, where it replaces the JDK's own jdk.graal.compiler, the rest
# on --module-path. Copies, not links, so that the home outlives a cleaned ~/.m2.
tr ':' '\n' < "$maven/classpath.txt" | while read -r jar || [ -n "$jar" ]; do
  artifact="$(basename "$(dirname "$(dirname "$jar")")")"
  case "$artifact" in
    compiler) cp "$jar" "$home/lib/jvmci/graal.jar" ;;
    word|collections|nativeimage|nativeimage-libgraal) cp "$jar" "$home/lib/jvmci/$artifact.jar" ;;
    truffle-compiler) cp "$jar" "$home/lib/truffle/truffle-compiler.jar" ;;
    *) cp "$jar" "$home/lib/svm/builder/$artifact.jar" ;;
  esac
done
rm -rf "$maven"

gcc -O2 -Wall -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" \
  -o "$home/lib/svm/builder/lib/libreporterchelper.so" "$native/reporterchelper.c"
"$home/bin/java" "$native/CompilerFlags.java" "$home/lib/svm/graal-compiler-flags.config" \
  "$home"/lib/jvmci/*.jar "$home"/lib/truffle/*.jar "$home"/lib/svm/builder/*.jar

# How this home's JVM runs the launcher's Java half against the builder's own classes.
module_path="$(find "$home/lib/jvmci" "$home/lib/truffle" "$home/lib/svm/builder" -maxdepth 1 -name '*.jar' ! -name graal.jar | sort | paste -sd:)"
{
  cat "$home/lib/svm/graal-compiler-flags.config"
  echo "--module-path=$module_path"
  echo "--upgrade-module-path=$home/lib/jvmci/graal.jar"
  echo "--add-modules=org.graalvm.nativeimage.builder"
  for pkg in org.graalvm.nativeimage.builder/com.oracle.svm.core org.graalvm.nativeimage.builder/com.oracle.svm.core.option \
             org.graalvm.nativeimage.builder/com.oracle.svm.core.configure org.graalvm.nativeimage.builder/com.oracle.svm.hosted \
             org.graalvm.nativeimage.builder/com.oracle.svm.hosted.option org.graalvm.nativeimage.base/com.oracle.svm.util \
             org.graalvm.nativeimage.base/com.oracle.svm.common.option org.graalvm.nativeimage.configure/com.oracle.svm.configure \
             jdk.graal.compiler/jdk.graal.compiler.options; do
    echo "--add-exports=$pkg=ALL-UNNAMED"
  done
} > "$home/lib/warden/launcher.jvm.args"
cp "$native/NativeImageDriver.java" "$home/lib/warden/"
"$home/bin/java" "@$home/lib/warden/launcher.jvm.args" "$native/SvmHeaders.java" "$home/lib/svm/clibraries/linux-amd64/include"

# The link's libraries, where the builder looks for them.
cp "$static"/*.a "$home/lib/static/linux-amd64/glibc/"
# SubstrateVM's C libraries: lib<name>.a for each of Warden's scripts/native/svm/<name>.c.
for source in "$native"/svm/*.c; do
  name="$(basename "$source" .c)"
  gcc -O2 -Wall -fPIC -I"$home/lib/svm/clibraries/linux-amd64/include" -I"$jdk/include" -I"$jdk/include/linux" \
    -c "$source" -o "$home/lib/warden/$name.o"
  ar rcs "$home/lib/svm/clibraries/linux-amd64/glibc/lib$name.a" "$home/lib/warden/$name.o"
done

jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
jdk_date="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version.date = //p')"
cat > "$home/lib/warden/launcher.env" <<ENV
mandrel_version=$mandrel_version
jdk_version=${jdk_version%-LTS}
jdk_date=$jdk_date
ENV
install -m 755 "$native/native-image" "$home/bin/native-image"
touch "$home/.complete"
echo "graalvm-home: ready at $home"
