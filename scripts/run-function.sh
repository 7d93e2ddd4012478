#!/usr/bin/env bash
# Builds one scoring function, starts it on the JVM, waits until it is ready and scores the
# function's sample request (functions/<name>/sample.json), showing the curl command and the answer.
#
# Usage: scripts/run-function.sh [name] [--once]
#   name    the function under functions/ (default: iris)
#   --once  stop the function after scoring the sample (used by CI); otherwise it keeps running
#           in the foreground until Ctrl-C.
# Env: PORT (default 8080), SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
name=iris
once=false
for arg in "$@"; do
  case "$arg" in
    --once) once=true ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) name=$arg ;;
  esac
done
port=${PORT:-8080}
fn="$root/functions/$name"
[ -d "$fn" ] || { echo "no function at $fn" >&2; exit 2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> Building functions/$name (tests skipped; run ./mvnw verify for them)"
  (cd "$root" && ./mvnw -B -q package -pl "functions/$name" -am -DskipTests)
fi

echo "==> Starting $name on port $port"
java -Dquarkus.http.port="$port" -jar "$fn/target/quarkus-app/quarkus-run.jar" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 300); do
  if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 $pid 2>/dev/null || { echo "the function exited" >&2; exit 1; }
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "not ready after 30 s" >&2; exit 1; }

echo
echo "==> curl -s -X POST http://127.0.0.1:$port/predict -H 'Content-Type: application/json' -d @functions/$name/sample.json"
answer=$(curl -s -X POST "http://127.0.0.1:$port/predict" -H 'Content-Type: application/json' -d @"$fn/sample.json")
echo "$answer"
echo
case "$answer" in
  *'"model"'*) ;;
  *) echo "unexpected answer" >&2; exit 1 ;;
esac

if [ "$once" = true ]; then
  exit 0
fi
echo "==> $name is serving on http://127.0.0.1:$port (POST /predict, CloudEvents on /). Ctrl-C stops it."
wait $pid
