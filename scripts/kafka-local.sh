#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, broker + controller in one process) on 127.0.0.1 only, from
# Maven Central jars (scripts/kafka/pom.xml), for local runs of the Kafka paths. No Docker.
#
# Usage: scripts/kafka-local.sh start|stop|status
# Env:   KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (19093), KAFKA_HOME (target/kafka-local under the repo)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-19093}
home=${KAFKA_HOME:-$root/target/kafka-local}
mkdir -p "$home"
pidfile="$home/kafka.pid"

classpath() {
  if [ ! -s "$home/classpath.txt" ]; then
    (cd "$root" && ./mvnw -q -B -f scripts/kafka/pom.xml dependency:build-classpath \
      -Dmdep.outputFile="$home/classpath.txt" >&2)
  fi
  cat "$home/classpath.txt"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

topics() {
  java -cp "$(classpath)" -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" "$@"
}

start() {
  if running; then echo "kafka: already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return; fi
  cp="$(classpath)"
  cat > "$home/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$home/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if [ ! -f "$home/data/meta.properties" ]; then
    echo "kafka: formatting storage in $home/data"
    java -cp "$cp" -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" \
      kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$home/server.properties" --standalone > "$home/format.log" 2>&1
  fi
  nohup java -Xmx512m -cp "$cp" -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" \
    kafka.Kafka "$home/server.properties" > "$home/kafka.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 60); do
    if topics --list > /dev/null 2>&1; then
      echo "kafka: ready on 127.0.0.1:$port (pid $(cat "$pidfile"), data in $home/data, log $home/kafka.log)"
      return
    fi
    running || { echo "kafka: exited during start; see $home/kafka.log" >&2; exit 1; }
    sleep 1
  done
  echo "kafka: not ready after 60 s; see $home/kafka.log" >&2
  exit 1
}

stop() {
  if ! running; then echo "kafka: not running"; rm -f "$pidfile"; return; fi
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  echo "kafka: stopped"
}

status() {
  if running && topics --list > /dev/null 2>&1; then
    echo "kafka: running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
  else
    echo "kafka: not running"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/kafka-local.sh start|stop|status" >&2; exit 2 ;;
esac
