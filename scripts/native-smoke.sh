#!/usr/bin/env bash
# Warden's native binary started the way the HuggingFace Space starts it: Dockerfile.native's entry point flags,
# as uid 1000, configured by environment variables only. Prints the time from exec to the first 200 on
# /q/health/ready (median of RUNS, default 5) and the resident memory once ready; fails if it does not serve.
#
#   scripts/native-smoke.sh ISSUER_URL      (a Better Auth URL whose /api/auth/jwks answers; DATABASE_URL set)
set -euo pipefail
cd "$(dirname "$0")/.."
issuer="${1:?usage: $0 ISSUER_URL}"
: "${DATABASE_URL:?DATABASE_URL must name the database}"
runs="${RUNS:-5}"
runner="$(ls target/*-runner)"
mapfile -t flags < <(scripts/native/entrypoint-flags.sh)
[ ${#flags[@]} -gt 0 ] || exit 1

# A copy that uid 1000 may run, as in the image (/work/application, owned by 1000).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
install -m 755 -o 1000 "$runner" "$work/application"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

times=()
for run in $(seq 1 "$runs"); do
  started=$(date +%s%3N)
  # exec all the way down: $! is the application itself.
  (cd "$work" && exec env -i PATH=/usr/bin:/bin PORT="$port" MANAGEMENT_PORT=0 HOST=127.0.0.1 BETTER_AUTH_URL="$issuer" \
    JWT_AUDIENCE="http://127.0.0.1:$port" DATABASE_URL="$DATABASE_URL" \
    setpriv --reuid=1000 --regid=1000 --clear-groups ./application "${flags[@]}" > "$work/run.log" 2>&1) &
  app=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    if ! kill -0 "$app" 2>/dev/null || [ $(( $(date +%s%3N) - started )) -gt 30000 ]; then
      cat "$work/run.log"; echo "native-smoke: the binary did not become ready" >&2; exit 1
    fi
    sleep 0.01
  done
  times+=($(( $(date +%s%3N) - started )))
  if [ "$run" -eq 1 ]; then
    user="$(ps -o uid= -p "$app" | tr -d ' ')"
    [ "$user" = 1000 ] || { echo "native-smoke: running as uid $user, not 1000" >&2; exit 1; }
    code="$(curl -s -o "$work/me.json" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/me")"
    [ "$code" = 401 ] && grep -q '"error_code":"missing_token"' "$work/me.json" \
      || { echo "native-smoke: /api/v1/me without a token answered $code: $(cat "$work/me.json")" >&2; exit 1; }
    rss="$(awk '/VmRSS/ {print $2}' "/proc/$app/status")"
  fi
  kill -TERM "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
done
median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
echo "native binary ($runner, ${flags[*]}, uid 1000): ready after ${median} ms (median of $runs: ${times[*]} ms), RSS when ready $((rss / 1024)) MB"
