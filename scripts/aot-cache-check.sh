#!/usr/bin/env bash
# A function's image must start even when its AOT cache cannot be used (issue 15): written by another JVM build,
# for other jars, or damaged. This starts one function (default iris) on Java 25 the way its image does
# (scripts/lib/jvm-aot.sh), once with the cache its build trained and once with each kind of bad cache, and checks
# every start: ready, the sample scored, and the function's log says exactly once, at WARN, that the cache was
# not used (AotCacheCheck) - or, with the good cache, that the JVM mapped it and nothing is said.
#
# Usage: scripts/aot-cache-check.sh [name]      Env: SKIP_BUILD=1, JAVA25_HOME, PORT (default 18480)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:-iris}
port=${PORT:-18480}
# shellcheck source=lib/jvm-aot.sh
. "$root/scripts/lib/jvm-aot.sh"
have_java25 || { echo "FAIL: no Java 25 at $JAVA25_HOME (set JAVA25_HOME)" >&2; exit 1; }

work=$root/functions/$name/target/aot-cache-check
rm -rf "$work"; mkdir -p "$work"
[ "${SKIP_BUILD:-0}" = 1 ] || build_aot_jar "$name"
# A copy of the build, so that the stale case can change a jar without touching the real one.
cp -a "$root/functions/$name/target/quarkus-app-aot" "$work/app"
rm -f "$work/app/app.aot"
echo "==> training run (log: $work/training.log)"
train_aot_cache "$name" "$work/app" "$work/good.aot" "$port" "$work/training.log"
echo "AOT cache: $(( $(stat -c %s "$work/good.aot") / 1000000 )) MB"

warning='could not be used'
failures=0
# run_case LABEL CACHE EXPECTED_WARNINGS
run_case() {
  local label=$1 cache=$2 expected=$3 log=$work/$1.log pid status count started ready_ms
  started=$(date +%s%N)
  image_java "$work/app" "$port" -XX:AOTCache="$cache" -Xlog:aot=info -Dquarkus.log.console.json.enabled=false \
    > "$log" 2>&1 &
  pid=$!
  if ! wait_until_ready "$port" "$pid"; then
    echo "FAIL $label: the function did not start (log: $log)"; tail -5 "$log"; failures=$((failures + 1))
    kill "$pid" 2>/dev/null || true; return
  fi
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/predict" \
    -H 'Content-Type: application/json' -d @"$root/functions/$name/sample.json")
  kill -TERM "$pid"; wait "$pid" || true
  count=$(grep -c "WARN.*$warning" "$log" || true)
  mapped=$(grep -c 'Mapped static' "$log" || true)
  if [ "$status" = 200 ] && [ "$count" = "$expected" ] && { [ "$expected" = 1 ] || [ "$mapped" -gt 0 ]; }; then
    if [ "$expected" = 0 ]; then
      echo "PASS $label: ready in ${ready_ms} ms, sample scored, the JVM mapped the cache, no warning"
    else
      echo "PASS $label: ready in ${ready_ms} ms, sample scored, one warning; the JVM's reason:" \
        "$(grep -m1 -E '\[(warning|error) *\]\[aot\]' "$log" | cut -c1-160)"
    fi
  else
    echo "FAIL $label: /predict $status, $count warning(s) (expected $expected), cache mapped $mapped (log: $log)"
    failures=$((failures + 1))
  fi
}

run_case current "$work/good.aot" 0

# Another JVM build wrote it: the header names the JVM that wrote the cache; another build's name is refused.
python3 - "$work/good.aot" "$work/other-jvm.aot" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
ident = data.find(b"OpenJDK 64-Bit Server VM (")
assert 0 <= ident < 4096, "no JVM identification in the cache header"
version = ident + len(b"OpenJDK 64-Bit Server VM (")
data[version:version + 2] = b"99" if data[version:version + 2] != b"99" else b"98"
open(sys.argv[2], "wb").write(data)
PY
run_case other-jvm "$work/other-jvm.aot" 1

# Damaged: cut short, and overwritten with noise.
head -c 100000 "$work/good.aot" > "$work/truncated.aot"
run_case truncated "$work/truncated.aot" 1
head -c 4000000 /dev/urandom > "$work/noise.aot"
run_case noise "$work/noise.aot" 1

# Stale: the jars changed after the cache was written (a new build with the old cache).
touch "$work/app/lib/main/"*.jar
run_case stale-jars "$work/good.aot" 1

if [ "$failures" -gt 0 ]; then echo "aot-cache-check: $failures case(s) failed"; exit 1; fi
echo "aot-cache-check: every start served; a cache the JVM could not use was reported once at WARN"
