#!/usr/bin/env bash
# Builds one scoring function, starts it on the JVM, waits until it is ready and scores the
# function's sample request (functions/<name>/sample.json), showing the curl command and the answer.
#
# Where Java 25 is installed it runs the function the way its image does (docs/container-images.md): Quarkus'
# aot-jar packaging, an AOT cache written by a short training run of that build (once per build, kept in
# functions/<name>/target/quarkus-app-aot/app.aot), the image's JVM options and memory limit. Without Java 25:
# the fast-jar on the default java. It says which.
#
# Usage: scripts/run-function.sh [name] [--once]
#   name    the function under functions/ (default: iris)
#   --once  stop the function after scoring the sample (used by CI); otherwise it keeps running
#           in the foreground until Ctrl-C.
# Env: PORT (default 8080), SKIP_BUILD=1 to reuse an existing build, JAVA25_HOME (default
#      /usr/lib/jvm/temurin-25-jdk-amd64), AOT=0 for the fast-jar on the default java even where Java 25 is.
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

# shellcheck source=lib/jvm-aot.sh
. "$root/scripts/lib/jvm-aot.sh"
image_mode=false
if [ "${AOT:-1}" != 0 ] && have_java25; then image_mode=true; fi

if $image_mode; then
  # SKIP_BUILD=1 reuses an aot-jar build, and still makes one when there is none (./mvnw verify builds the fast-jar)
  if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$fn/target/quarkus-app-aot/quarkus-run.jar" ]; then
    echo "==> Building functions/$name in aot-jar packaging (tests skipped; run ./mvnw verify for them)"
    build_aot_jar "$name"
  fi
elif [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> Building functions/$name (tests skipped; run ./mvnw verify for them)"
  (cd "$root" && ./mvnw -B -q package -pl "functions/$name" -am -DskipTests)
fi

if $image_mode; then
  app=$fn/target/quarkus-app-aot
  cache=$app/app.aot
  if ! cache_is_current "$app" "$cache"; then
    echo "==> Writing the AOT cache of this build: a training run on port $((port + 1)) (log: $app/aot-training.log)"
    train_aot_cache "$name" "$app" "$cache" "$((port + 1))" "$app/aot-training.log"
  fi
  echo "==> Starting $name on port $port: Java 25 with the AOT cache, aot-jar packaging, the image's JVM options"
  started=$(date +%s%N)
  image_java "$app" "$port" -XX:AOTCache="$cache" &
else
  echo "==> Starting $name on port $port: $(java -version 2>&1 | head -1), fast-jar, no AOT cache" \
    "(install Java 25 to run it as the image does)"
  started=$(date +%s%N)
  java -Dquarkus.http.port="$port" -jar "$fn/target/quarkus-app/quarkus-run.jar" &
fi
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT INT TERM

if ! wait_until_ready "$port" "$pid" 30; then
  kill -0 $pid 2>/dev/null || { echo "the function exited" >&2; exit 1; }
  echo "not ready after 30 s" >&2; exit 1
fi
echo "==> ready $(( ($(date +%s%N) - started) / 1000000 )) ms after the start command"

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
