#!/usr/bin/env bash
# The flags Dockerfile.native's entry point gives the binary, one a line: what the Space starts it with, for the
# scripts that start it here the same way (scripts/native-smoke.sh, bench/native.sh).
set -euo pipefail
flags="$(sed -n 's/^ENTRYPOINT \["\/work\/application", *\(.*\)\]$/\1/p' "$(dirname "$0")/../../Dockerfile.native" | tr -d '",')"
[ -n "$flags" ] || { echo "entrypoint-flags: no ENTRYPOINT flags in Dockerfile.native" >&2; exit 1; }
printf '%s\n' $flags
