#!/usr/bin/env bash
# Interleaved A/B of two builds of a function: each round starts A, then B (then B, then A in the next round, and
# so on), warms every path up, then measures each path's max throughput with wrk; the server is pinned to one core,
# wrk to the other. For before/after checks of one change on a noisy machine, where two systems measured minutes
# apart in bench/run.sh can differ by more than the change.
#
# Usage: bench/ab.sh A_JAR B_JAR [ROUNDS]
# Env:   AB_WARMUP_S (20), AB_SECONDS (10), AB_SERVER_CPUS (1), AB_CLIENT_CPUS (0), AB_PORT (18190)
# Paths: one-row /predict, a binary-mode CloudEvent and a structured-mode CloudEvent to / (the iris model's rows),
# with the shipped container JVM options (-XX:MaxRAM=512m and the image's options).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
a=${1:?usage: bench/ab.sh A_JAR B_JAR [ROUNDS]}
b=${2:?usage: bench/ab.sh A_JAR B_JAR [ROUNDS]}
rounds=${3:-3}
warmup=${AB_WARMUP_S:-20}
seconds=${AB_SECONDS:-10}
server_cpus=${AB_SERVER_CPUS:-1}
client_cpus=${AB_CLIENT_CPUS:-0}
port=${AB_PORT:-18190}
work=$root/bench/target/ab
mkdir -p "$work"
command -v wrk >/dev/null || { echo "ab: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

row='{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}'
printf '%s' "$row" > "$work/row.json"
printf '{"specversion":"1.0","id":"ab-1","source":"/ab","type":"dev.scoring.iris.request","datacontenttype":"application/json","data":%s}' \
  "$row" > "$work/structured.json"
lua() { # name body-file header...
  local name=$1 body=$2; shift 2
  { echo 'wrk.method = "POST"'
    for h in "$@"; do echo "wrk.headers[\"${h%%:*}\"] = \"${h#*: }\""; done
    echo "local f = assert(io.open(\"$body\", \"rb\")); wrk.body = f:read(\"*a\"); f:close()"; } > "$work/$name.lua"
}
lua predict "$work/row.json" "Content-Type: application/json"
lua binary "$work/row.json" "Content-Type: application/json" "ce-id: ab-1" "ce-specversion: 1.0" "ce-source: /ab" \
  "ce-type: dev.scoring.iris.request"
lua structured "$work/structured.json" "Content-Type: application/cloudevents+json"
paths=("predict /predict" "binary /" "structured /")

jvm_options=(-XX:-UsePerfData -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000 -XX:MaxRAM=512m)
measure() { # label jar
  local label=$1 jar=$2
  taskset -c "$server_cpus" java "${jvm_options[@]}" -Dquarkus.http.port=$port -jar "$jar" > "$work/$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$row" "http://127.0.0.1:$port/predict" && break
    sleep 0.1
  done
  for p in "${paths[@]}"; do
    set -- $p
    taskset -c "$client_cpus" wrk -t1 -c32 -d"${warmup}s" -s "$work/$1.lua" "http://127.0.0.1:$port$2" > /dev/null
  done
  local line="$label"
  for p in "${paths[@]}"; do
    set -- $p
    rps=$(taskset -c "$client_cpus" wrk -t1 -c32 -d"${seconds}s" -s "$work/$1.lua" "http://127.0.0.1:$port$2" \
      | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
    line="$line $1=${rps%.*}"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$line"
}
echo "ab: A=$a"
echo "ab: B=$b"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for x in $order; do
    if [ "$x" = A ]; then measure "round$round-A" "$a"; else measure "round$round-B" "$b"; fi
  done
done
