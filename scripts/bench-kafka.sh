#!/usr/bin/env bash
# Benchmark of the direct Kafka path (docs/kafka.md), beside the broker's own limit, in one run: a local
# broker (scripts/kafka-local.sh); first Kafka's own perf tools against it (ProducerPerformance at full speed
# and at 4,000 records/s, EndToEndLatency one record at a time), then KafkaPassThrough (a plain consumer-producer that does no
# scoring: the limit), then the packaged iris function with the direct path on; against each,
# KafkaDirectBenchmark (a benchmark main in the iris test sources) prints end-to-end events/s and
# p50/p90/p99/p99.9 event latency at half that rate. Ends with the function / pass-through ratio.
#
# Usage: scripts/bench-kafka.sh [--count=50000] [--latency-seconds=20] [--rate=N]
# Env:   SKIP_BUILD=1 reuses functions/iris/target; KAFKA_PORT (19192); FUNCTION_OPTS (extra options for the
#        function's JVM, e.g. a JFR recording or -Dmp.messaging... overrides); results in target/bench-kafka/.
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
cp="functions/iris/target/test-classes:$(cat "$out/cp.txt")"
# No exec here: a foreground exec would replace this script.
client() {
  java -cp "$cp" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dorg.jboss.logging.provider=jboss "$@"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "broker, consumer-producer and benchmark client all on this machine (127.0.0.1); topics with 3 partitions"

kafka_tool() {
  java -cp "$(cat "$KAFKA_HOME/classpath.txt")" -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" "$@" 2>&1 \
    | grep -v WARN
}
echo "== the broker alone, Kafka's own perf tools (300-byte records, acks=all)"
kafka_tool org.apache.kafka.tools.ProducerPerformance --topic perf-producer --num-records 200000 --record-size 300 \
  --throughput -1 --producer-props bootstrap.servers="127.0.0.1:$KAFKA_PORT" acks=all | tail -1 | tee "$out/producer-perf.txt"
kafka_tool org.apache.kafka.tools.ProducerPerformance --topic perf-producer-rate --num-records 40000 --record-size 300 \
  --throughput 4000 --producer-props bootstrap.servers="127.0.0.1:$KAFKA_PORT" acks=all | tail -1 | tee "$out/producer-perf-4000.txt"
echo -n "one record at a time, produce to consume: "
kafka_tool org.apache.kafka.tools.EndToEndLatency "127.0.0.1:$KAFKA_PORT" perf-end-to-end 5000 all 300 | tail -2 \
  | tr '\n' ' ' | tee "$out/end-to-end.txt"; echo

echo "== the broker's limit: KafkaPassThrough (consume, produce with acks=all, commit; no scoring)"
# exec in the background subshell, so $! is the JVM itself.
(exec java -cp "$cp" dev.scoring.functions.iris.kafka.KafkaPassThrough --bootstrap="127.0.0.1:$KAFKA_PORT" \
  --requests=pass-requests --results=pass-results > "$out/pass-through.log" 2>&1) &
function_pid=$!
client dev.scoring.functions.iris.kafka.KafkaDirectBenchmark --bootstrap="127.0.0.1:$KAFKA_PORT" \
  --requests=pass-requests --results=pass-results --json="$out/pass-through.json" "$@" 2>"$out/pass-client.log"
cpu_seconds() { awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$1/stat"; }  # utime + stime, 100 ticks/s
echo "pass-through CPU time over its run: $(cpu_seconds "$function_pid") s; broker so far: $(cpu_seconds "$(cat "$KAFKA_HOME/kafka.pid")") s"
kill "$function_pid"; wait "$function_pid" 2>/dev/null || true

echo "== the function: packaged iris, direct path on"
# shellcheck disable=SC2086 # FUNCTION_OPTS: extra JVM/config options, split on spaces
java ${FUNCTION_OPTS:-} -Dquarkus.http.port="$port" -Dscoring.kafka.enabled=true -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
  -Dmp.messaging.incoming.scoring-requests.topics=bench-requests \
  -Dmp.messaging.outgoing.scoring-results.topic=bench-scored \
  -Dquarkus.log.category.\"dev.scoring.request\".level=WARN \
  -jar functions/iris/target/quarkus-app/quarkus-run.jar > "$out/function.log" 2>&1 &
function_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
client dev.scoring.functions.iris.kafka.KafkaDirectBenchmark --bootstrap="127.0.0.1:$KAFKA_PORT" \
  --requests=bench-requests --results=bench-scored --json="$out/function.json" "$@" 2>"$out/client.log"
echo "function RSS after the run: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$function_pid/status)," \
  "CPU time over its run (start-up included): $(cpu_seconds "$function_pid") s; broker so far: $(cpu_seconds "$(cat "$KAFKA_HOME/kafka.pid")") s"

/usr/bin/env python3 - "$out" <<'PY'
import json, re, sys, datetime
out = sys.argv[1]
passed = json.load(open(out + "/pass-through.json"))
function = json.load(open(out + "/function.json"))
ratio = function["throughputEventsPerSecond"] / passed["throughputEventsPerSecond"]
print("function / pass-through throughput: %.0f / %.0f events/s = %.2fx" % (
    function["throughputEventsPerSecond"], passed["throughputEventsPerSecond"], ratio))
def perf(name):
    # "N records sent, R records/sec (...), A ms avg latency, M ms max latency, p50 ms 50th, p95 ms 95th, p99 ms 99th, ..."
    text = open(out + "/" + name).read()
    numbers = dict(rate=r"([\d.]+) records/sec", p50=r"(\d+) ms 50th", p99=r"(\d+) ms 99th")
    return {key: float(re.search(pattern, text).group(1)) for key, pattern in numbers.items()}
end_to_end = open(out + "/end-to-end.txt").read()
tools = {"producerMax": perf("producer-perf.txt"), "producerAt4000": perf("producer-perf-4000.txt"),
         "endToEndOneAtATime": {"p50": float(re.search(r"50th = ([\d.]+)", end_to_end).group(1)),
                                "p99": float(re.search(r"99th = ([\d.]+)", end_to_end).group(1))}}
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
           "kafkaTools": tools, "passThrough": passed, "function": function, "ratio": round(ratio, 3)},
          open(out + "/result.json", "w"), indent=2)
PY
# Kept beside the HTTP results: bench/report.py renders the newest into docs/benchmarks.md.
cp "$out/result.json" "$root/bench/results/kafka-$(date -u +%Y-%m-%dT%H%MZ).json"
echo "results: $out/result.json (and bench/results/; docs: /usr/bin/python3 bench/report.py <the newest HTTP result> docs/benchmarks.md docs/benchmarks)"
