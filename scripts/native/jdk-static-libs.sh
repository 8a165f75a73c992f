#!/usr/bin/env bash
# The JDK's static libraries that GraalVM's link needs (libjava.a, libnio.a, libnet.a, libzip.a from java.base,
# libextnet.a from jdk.net, libmanagement_ext.a from jdk.management), built from
# OpenJDK's C sources, for a machine that has GraalVM's builder jars but no GraalVM distribution.
#
#   scripts/native/jdk-static-libs.sh OUT_DIR
#
# The C sources come from Debian's OpenJDK source package (OPENJDK_SOURCE below), fetched through apt with a
# private sources list, so that the machine's own apt configuration is untouched. The JNI headers they are
# compiled against are generated from the Java sources of the JDK whose class library goes into the image
# (NATIVE_JDK's lib/src.zip): a native method whose C signature differs between the two is a compile error
# ("conflicting types"), never a silent mismatch. Each library is compiled as OpenJDK's own build compiles
# it for `make static-libs-image` (STATIC_BUILD, LIBRARY_NAME, the same defines), with gcc, in minutes.
set -euo pipefail
out="${1:?usage: $0 OUT_DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.sh
. "$here/versions.sh"
jdk="${NATIVE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$out.work"
# A failed run leaves its work directory; the next run goes on from the steps already done.
mkdir -p "$work/apt/lists/partial" "$work/src"

# --- The C sources: Debian's source package, through a private sources list --------------------------------
mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)"
mirror="${mirror:-http://deb.debian.org/debian}"
cat > "$work/apt/openjdk-src.sources" <<SRC
Types: deb-src
URIs: $mirror
Suites: $OPENJDK_SOURCE_SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_private=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/apt" -o "Dir::State::Lists=$work/apt/lists"
  -o APT::Sandbox::User=root)
if [ ! -d "$work/src/src" ]; then
echo "jdk-static-libs: fetching $OPENJDK_SOURCE_PACKAGE $OPENJDK_SOURCE_VERSION's source ($OPENJDK_SOURCE_SUITE)"
apt-get "${apt_private[@]}" -qq update
(cd "$work/src" && apt-get "${apt_private[@]}" -qq source --download-only "$OPENJDK_SOURCE_PACKAGE=$OPENJDK_SOURCE_VERSION" >/dev/null)
orig="$(ls "$work"/src/*.orig.tar.xz | grep -v googletest)"
tar -xJf "$orig" -C "$work/src" --strip-components=1 --wildcards \
  '*/src/java.base/*/native/*' '*/src/jdk.net/*/native/*' '*/src/jdk.management/*/native/*' \
  '*/src/hotspot/share/include/*' '*/src/hotspot/os/posix/include/*'
fi
src="$work/src/src"

# --- JNI headers of the class library that goes into the image --------------------------------------------
if [ ! -f "$work/headers/.complete" ]; then
mkdir -p "$work/java" "$work/headers" "$work/classes"
for module in java.base jdk.net jdk.management; do
  (cd "$work/java" && unzip -q -o "$jdk/lib/src.zip" "$module/*")
  (cd "$work/java" && grep -rlE '\bnative\b[^;(=]*\(|@Native\b' --include='*.java' "$module") | sed "s|^|$work/java/|" > "$work/native-classes.txt"
  "$jdk/bin/javac" -nowarn -implicit:none --patch-module "$module=$work/java/$module" \
    -h "$work/headers" -d "$work/classes/$module" "@$work/native-classes.txt"
done
touch "$work/headers/.complete"
fi

# --- The libraries -------------------------------------------------------------------------------------
jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
IFS=. read -r v_feature v_interim v_update v_patch <<< "$jdk_version.0.0.0"
common=(-O2 -fPIC -fno-omit-frame-pointer -fno-strict-aliasing -fvisibility=hidden -w
  -DSTATIC_BUILD=1 -D_GNU_SOURCE -D_REENTRANT -D_LARGEFILE64_SOURCE -DLINUX -DNDEBUG -D_LP64=1 -DARCH='"amd64"' -Damd64
  -I"$work/headers" -I"$src/java.base/share/native/include" -I"$src/java.base/unix/native/include"
  -I"$src/hotspot/share/include" -I"$src/hotspot/os/posix/include" -I"$jdk/include"
  -I"$src/java.base/share/native/libjava" -I"$src/java.base/unix/native/libjava"
  -I"$src/java.base/share/native/libnet" -I"$src/java.base/unix/native/libnet")
version=(-DVERSION_FEATURE="$v_feature" -DVERSION_INTERIM="$v_interim" -DVERSION_UPDATE="$v_update" -DVERSION_PATCH="$v_patch"
  -DVERSION_EXTRA1=0 -DVERSION_EXTRA2=0 -DVERSION_EXTRA3=0 -DVERSION_BUILD=0 -DVERSION_PRE='""' -DVERSION_OPT='""'
  -DVERSION_NUMBER="\"$jdk_version\"" -DVERSION_STRING="\"$jdk_version\"" -DVERSION_SHORT="\"$jdk_version\""
  -DVERSION_SPECIFICATION="\"$v_feature\"" -DVERSION_DATE='""' -DVENDOR_VERSION_STRING='""'
  -DVERSION_CLASSFILE_MAJOR=$((44 + v_feature)) -DVERSION_CLASSFILE_MINOR=0)

# library MODULE NAME EXTRA_FLAGS...: OpenJDK's rule for a library's sources: linux/, then unix/, then share/,
# each with its subdirectories; a file name found in a more specific directory hides the same name further down.
library() {
  local module="$1" name="$2" dir file base objdir="$work/obj/$2"; shift 2
  local -A seen=()
  local sources=() includes=()
  for dir in "$src/$module/linux/native/lib$name" "$src/$module/unix/native/lib$name" "$src/$module/share/native/lib$name"; do
    [ -d "$dir" ] || continue
    while IFS= read -r -d '' sub; do includes+=(-I"$sub"); done < <(find "$dir" -type d -print0)
    while IFS= read -r -d '' file; do
      base="$(basename "$file")"
      [ -n "${seen[$base]:-}" ] && continue
      seen[$base]=1
      sources+=("$file")
    done < <(find "$dir" -name '*.c' -print0 | sort -z)
  done
  mkdir -p "$objdir"
  for file in "${sources[@]}"; do
    file="$(adapted "$file")"
    [ -n "$file" ] || continue
    gcc "${common[@]}" "${includes[@]}" -DLIBRARY_NAME="$name" "$@" -c "$file" -o "$objdir/$(basename "${file%.c}").o" &
    while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n; done
  done
  wait
  ar rcs "$work/lib$name.a" "$objdir"/*.o
  echo "jdk-static-libs: lib$name.a from ${#sources[@]} C files"
}
# adapted FILE: prints the source to compile for FILE, or nothing for a file left out. Compiling
# OpenJDK 26's C against JDK 25's JNI headers finds exactly three files whose native methods changed shape:
# - Class.c (Class.forName0 lost its caller argument) and ConstantPool.c (the constant pool natives take no
#   pool object any more): SubstrateVM implements java.lang.Class and has no constant pools, so the image
#   references none of their functions; they are left out, and a reference to one would fail the link.
# - UnixNativeDispatcher.c, whose fstatat0 returns the errno in 26 where 25's Java expects the call to throw
#   UnixException itself: 26's function is kept under another name and 25's shape wraps it, in the same file.
adapted() {
  local file="$1" copy
  case "$(basename "$file")" in
    Class.c|ConstantPool.c) ;;
    UnixNativeDispatcher.c)
      copy="$work/adapted/$(basename "$file")"
      mkdir -p "$work/adapted"
      sed 's/^Java_sun_nio_fs_UnixNativeDispatcher_fstatat0(/fstatat0_returning_errno(/' "$file" > "$copy"
      grep -q '^fstatat0_returning_errno(' "$copy" || { echo "jdk-static-libs: fstatat0 not found in $file" >&2; exit 1; }
      cat >> "$copy" <<'C'

/* JDK 25's shape of fstatat0: void, throwing UnixException on failure. */
JNIEXPORT void JNICALL
Java_sun_nio_fs_UnixNativeDispatcher_fstatat0(JNIEnv* env, jclass this, jint dfd, jlong pathAddress, jint flag, jobject attrs)
{
    jint err = fstatat0_returning_errno(env, this, dfd, pathAddress, flag, attrs);
    if (err != 0 && !(*env)->ExceptionCheck(env)) {
        throwUnixException(env, err);
    }
}
C
      printf '%s\n' "$copy" ;;
    *) printf '%s\n' "$file" ;;
  esac
}

library java.base java "${version[@]}" -DARCHPROPNAME='"amd64"'
library java.base nio
library java.base net
library java.base zip -DUSE_MMAP -UDEBUG
library jdk.net extnet
library jdk.management management_ext

mkdir -p "$out"
mv "$work"/lib{java,nio,net,zip,extnet,management_ext}.a "$out/"
printf '%s %s from %s, JNI headers of JDK %s\n' "$OPENJDK_SOURCE_PACKAGE" "$OPENJDK_SOURCE_VERSION" "$OPENJDK_SOURCE_SUITE" "$jdk_version" > "$out/SOURCE"
rm -rf "$work"
