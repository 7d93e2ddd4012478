#!/usr/bin/env bash
# Records a JFR profile of the iris function under wrk load (one row, one server core) and prints
# where the CPU samples go (bench/jfr_breakdown.py). Build first (bench/run.sh builds; or
# ./mvnw package -DskipTests -pl functions/iris -am). Uses 127.0.0.1:${BENCH_PORT_BASE:-18100}+90.
# Usage: bench/profile.sh [seconds] [extra JVM or -D options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
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
taskset -c "${BENCH_SERVER_CPUS:-1}" java "$@" -XX:StartFlightRecording=filename=$work/iris.jfr,settings=profile \
  -Dquarkus.http.port=$port -Dquarkus.http.host=127.0.0.1 \
  -jar functions/iris/target/quarkus-app/quarkus-run.jar > "$work/iris.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf -o /dev/null -XPOST -H 'content-type: application/json' -d @"$work/single.json" "127.0.0.1:$port/predict" && break
  sleep 0.1
done
taskset -c "${BENCH_CLIENT_CPUS:-0}" wrk -t1 -c32 -d10s -s "$work/post.lua" "http://127.0.0.1:$port/predict" > /dev/null
taskset -c "${BENCH_CLIENT_CPUS:-0}" wrk -t1 -c32 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/predict" | grep Requests/sec
kill "$pid"; wait "$pid" 2>/dev/null || true
trap - EXIT
/usr/bin/python3 bench/jfr_breakdown.py "$work/iris.jfr"
