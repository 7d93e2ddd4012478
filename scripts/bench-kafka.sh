#!/usr/bin/env bash
# Benchmark of the direct Kafka path (docs/kafka.md): a local broker (scripts/kafka-local.sh), the
# packaged iris function consuming it, and KafkaDirectBenchmark (a benchmark main in the iris test
# sources) printing end-to-end events/s and p50/p90/p99/p99.9 event latency at half that rate.
#
# Usage: scripts/bench-kafka.sh [--count=50000] [--latency-seconds=20] [--rate=N]
# Env:   SKIP_BUILD=1 reuses functions/iris/target; KAFKA_PORT (19192); results in target/bench-kafka/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out="$root/target/bench-kafka"
rm -rf "$out"; mkdir -p "$out"
export KAFKA_PORT=${KAFKA_PORT:-19192} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19193} KAFKA_HOME="$out/broker"
port=${PORT:-18390}

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -B install -DskipTests -pl functions/iris -am
fi
# The benchmark client lives in the iris test sources.
./mvnw -q -B -pl functions/iris test-compile
./mvnw -q -B -pl functions/iris dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/cp.txt" >/dev/null

function_pid=
cleanup() {
  [ -n "$function_pid" ] && kill "$function_pid" 2>/dev/null || true
  scripts/kafka-local.sh stop >/dev/null || true
}
trap cleanup EXIT

scripts/kafka-local.sh start
java -Dquarkus.http.port="$port" -Dscoring.kafka.enabled=true -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
  -Dmp.messaging.incoming.scoring-requests.topics=bench-requests \
  -Dmp.messaging.outgoing.scoring-results.topic=bench-scored \
  -Dquarkus.log.category.\"dev.scoring.request\".level=WARN \
  -jar functions/iris/target/quarkus-app/quarkus-run.jar > "$out/function.log" 2>&1 &
function_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "broker, function and benchmark client all on this machine (127.0.0.1); topics with 3 partitions"
java -cp "functions/iris/target/test-classes:$(cat "$out/cp.txt")" \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dorg.jboss.logging.provider=jboss \
  dev.scoring.functions.iris.kafka.KafkaDirectBenchmark --bootstrap="127.0.0.1:$KAFKA_PORT" \
  --requests=bench-requests --results=bench-scored --json="$out/result.json" "$@" 2>"$out/client.log"
echo "function RSS after the run: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$function_pid/status)"
echo "results: $out/result.json"
