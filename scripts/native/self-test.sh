#!/usr/bin/env bash
# The native-image launcher of a home made by scripts/native/graalvm-home.sh refuses what GraalVM's refuses: a jar
# broken twice on purpose (scripts/native/self-test/Main.java) is built twice, each time with the one option that
# must catch one defect. A launcher that dropped the option, or the jar's reachability metadata, would let it
# through. About a minute of CPU each.
#
#   scripts/native/self-test.sh HOME
set -euo pipefail
home="${1:?usage: $0 HOME}"
src="$(cd "$(dirname "$0")" && pwd)/self-test"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes" "$work/missing"
"$home/bin/javac" -d "$work/missing" "$src/Missing.java"
"$home/bin/javac" -d "$work/classes" -cp "$work/missing" "$src/Main.java" "$src/StartsThread.java" "$src/UsesMissing.java"
cp -r "$src/META-INF" "$work/classes/"
printf 'Main-Class: broken.Main\n' > "$work/manifest.txt"
"$home/bin/jar" --create --file "$work/broken.jar" --manifest "$work/manifest.txt" -C "$work/classes" .

failures=0
# refused OPTION MESSAGE: the broken jar built with OPTION must fail with MESSAGE.
refused() {
  local status=0
  (cd "$work" && "$home/bin/native-image" -J-Xmx1g --no-fallback "$1" -jar broken.jar -o broken) > "$work/build.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] && grep -qF "$2" "$work/build.log"; then
    echo "native self-test: OK, $1 refused the broken jar: $2"
  else
    tail -n 30 "$work/build.log"
    echo "native self-test: FAILED, $1 let the broken jar through (exit $status, no '$2')" >&2
    failures=$((failures + 1))
  fi
}
refused --initialize-at-build-time=broken "Detected a started Thread in the image heap"
refused --link-at-build-time "Discovered unresolved type during parsing: broken.Missing"
echo "native self-test: $((2 - failures)) passed, $failures failed"
exit $(( failures > 0 ))
