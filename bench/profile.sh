#!/usr/bin/env bash
# Profiles the iris function under wrk load (one row, one server core, the JVM options and memory
# limit it ships with, as in bench/suite.py) and prints where the CPU samples go, by layer.
# Build first (bench/run.sh builds; or ./mvnw package -DskipTests -pl functions/iris -am).
# Uses 127.0.0.1:${BENCH_PORT_BASE:-18100}+90.
#
# Usage: bench/profile.sh [--async] [seconds] [extra JVM or -D options...]
#   default   JFR (settings=profile) for the whole run; bench/jfr_breakdown.py reads it. Java threads only.
#   --async   async-profiler (tools.profiler:async-profiler from Maven Central, fetched with ./mvnw),
#             attached with jcmd after the warm-up so that only the measured load is sampled, JIT and
#             GC threads included; bench/collapsed_breakdown.py reads its collapsed stacks.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
async=false
if [ "${1:-}" = --async ]; then async=true; shift; fi
seconds=${1:-30}
shift || true
port=$(( ${BENCH_PORT_BASE:-18100} + 90 ))
work=bench/target/profile
mkdir -p "$work"
printf '{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}' > "$work/single.json"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("$work/single.json", "rb")); wrk.body = f:read("*a"); f:close()
LUA
read -r -a shipped <<< "$(cd bench && /usr/bin/python3 -c 'import suite; print(" ".join(suite.shipped_jvm_options()))')"

profiler=()
if $async; then
  version=3.0
  lib=$work/async-profiler-$version/linux-x64/libasyncProfiler.so
  if [ ! -f "$lib" ]; then
    ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:$version:jar:linux-x64 -DoutputDirectory="$work"
    unzip -q -o "$work/async-profiler-$version-linux-x64.jar" 'linux-x64/*' -d "$work/async-profiler-$version"
  fi
  lib=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")
else
  profiler=(-XX:StartFlightRecording=filename=$work/iris.jfr,settings=profile)
fi

taskset -c "${BENCH_SERVER_CPUS:-1}" java "${shipped[@]}" "${profiler[@]}" "$@" \
  -Dquarkus.http.port=$port -Dquarkus.http.host=127.0.0.1 \
  -jar functions/iris/target/quarkus-app/quarkus-run.jar > "$work/iris.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf -o /dev/null -XPOST -H 'content-type: application/json' -d @"$work/single.json" "127.0.0.1:$port/predict" && break
  sleep 0.1
done
# A JVM on one core is still compiling for a good while: warm up before anything is measured.
taskset -c "${BENCH_CLIENT_CPUS:-0}" wrk -t1 -c32 -d30s -s "$work/post.lua" "http://127.0.0.1:$port/predict" > /dev/null
if $async; then
  # Quoted for jcmd, which would otherwise read "event=cpu" as one of its own name=value arguments.
  jcmd "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms"' > /dev/null
fi
taskset -c "${BENCH_CLIENT_CPUS:-0}" wrk -t1 -c32 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/predict" | grep Requests/sec
if $async; then
  jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,file=$root/$work/iris.collapsed,collapsed\"" > /dev/null
fi
kill "$pid"; wait "$pid" 2>/dev/null || true
trap - EXIT
if $async; then
  /usr/bin/python3 bench/collapsed_breakdown.py "$work/iris.collapsed"
else
  /usr/bin/python3 bench/jfr_breakdown.py "$work/iris.jfr"
fi
