#!/usr/bin/env bash
# Baseline figures of one function on the JVM: build time of the whole reactor, cold start
# (process start to first successful score, median of N runs) and RSS after 1,000 requests.
# Usage: scripts/measure-baseline.sh [name] [runs]   (default: iris 5). Needs curl.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:-iris}
runs=${2:-5}
port=${PORT:-18080}
jar="$root/functions/$name/target/quarkus-app/quarkus-run.jar"
sample="$root/functions/$name/sample.json"
cd "$root"

now_ms() { date +%s%3N; }

echo "== build: ./mvnw -q clean package -DskipTests (whole reactor)"
t0=$(now_ms); ./mvnw -B -q clean package -DskipTests; t1=$(now_ms)
echo "build_seconds=$(awk "BEGIN{printf \"%.1f\", ($t1-$t0)/1000}")"

score() { curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/predict" \
  -H 'Content-Type: application/json' -d @"$sample" 2>/dev/null || true; }

echo "== cold start: java -jar to first 200 from POST /predict, $runs runs"
times=()
for i in $(seq 1 "$runs"); do
  t0=$(now_ms)
  java -Dquarkus.http.port="$port" -jar "$jar" >/dev/null 2>&1 &
  pid=$!
  until [ "$(score)" = 200 ]; do sleep 0.005; done
  t1=$(now_ms)
  times+=($((t1 - t0)))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $i: $((t1 - t0)) ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
echo "cold_start_median_ms=$median"

echo "== RSS after 1000 requests"
java -Dquarkus.http.port="$port" -jar "$jar" >/dev/null 2>&1 &
pid=$!
until [ "$(score)" = 200 ]; do sleep 0.01; done
echo "rss_after_start_kib=$(awk '/VmRSS/{print $2}' /proc/$pid/status)"
ok=0
for _ in $(seq 1 1000); do [ "$(score)" = 200 ] && ok=$((ok + 1)); done
echo "successful_requests=$ok"
echo "rss_after_1000_requests_kib=$(awk '/VmRSS/{print $2}' /proc/$pid/status)"
kill "$pid"; wait "$pid" 2>/dev/null || true
