#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, broker + controller in one process) on 127.0.0.1 only, from
# Maven Central jars (scripts/kafka/pom.xml), for local runs of the Kafka paths. No Docker.
#
# Usage: scripts/kafka-local.sh start|stop|status
# Env:   KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (19093), KAFKA_HOME (target/kafka-local under the repo)
#        KAFKA_SCRAM_USERS="broker:secret[,user:password...]": clients must authenticate with SASL/SCRAM-SHA-512
#        (listener SASL_PLAINTEXT). The users are created when the storage is formatted (KRaft keeps SCRAM
#        credentials in its metadata); the first one is the broker's own (inter-broker) and the script's.
#        $KAFKA_HOME/client.properties then holds a client configuration for that first user.
#        KAFKA_TLS=1: the client listener speaks TLS (SSL, or SASL_SSL with KAFKA_SCRAM_USERS), with a broker
#        certificate for 127.0.0.1 signed by a CA made for this broker (openssl); the CA's certificate, what a
#        client trusts, is $KAFKA_HOME/tls/ca.crt (PEM), and client.properties trusts it.
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

scram_users=${KAFKA_SCRAM_USERS:-}
tls=${KAFKA_TLS:-}
client_config="$home/client.properties"

# Properties to pass a Kafka tool so that it can talk to this broker (the first SCRAM user, when SCRAM is on).
admin_args() {
  if [ -n "$scram_users" ] || [ -n "$tls" ]; then echo "--command-config $client_config"; fi
}

# A CA and a broker certificate for 127.0.0.1 signed by it, made once per KAFKA_HOME. The broker reads its key
# and certificate chain as one PEM file (ssl.keystore.type=PEM, an unencrypted PKCS#8 key).
make_certificates() {
  local dir="$home/tls"
  [ -s "$dir/broker.pem" ] && return
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=kafka-local CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2> /dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/broker.key" -out "$dir/broker.csr" 2> /dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/san.ext"
  openssl x509 -req -in "$dir/broker.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 30 \
    -extfile "$dir/san.ext" -out "$dir/broker.crt" 2> /dev/null
  { openssl pkcs8 -topk8 -nocrypt -in "$dir/broker.key"; cat "$dir/broker.crt" "$dir/ca.crt"; } > "$dir/broker.pem"
}

jaas_for() { # user:password -> the SCRAM login module line
  printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' \
    "${1%%:*}" "${1#*:}"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

topics() {
  java -cp "$(classpath)" -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" $(admin_args) "$@"
}

start() {
  if running; then echo "kafka: already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return; fi
  cp="$(classpath)"
  listener=PLAINTEXT
  scram_args=()
  : > "$client_config"
  if [ -n "$scram_users" ]; then
    listener=SASL_PLAINTEXT
    IFS=',' read -r -a users <<< "$scram_users"
    for user in "${users[@]}"; do
      scram_args+=(--add-scram "SCRAM-SHA-512=[name=${user%%:*},password=${user#*:}]")
    done
    cat >> "$client_config" <<PROPS
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$(jaas_for "${users[0]}")
PROPS
  fi
  if [ -n "$tls" ]; then
    make_certificates
    if [ -n "$scram_users" ]; then listener=SASL_SSL; else listener=SSL; fi
    cat >> "$client_config" <<PROPS
ssl.truststore.type=PEM
ssl.truststore.location=$home/tls/ca.crt
PROPS
  fi
  echo "security.protocol=$listener" >> "$client_config"
  cat > "$home/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=$listener://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=$listener://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=$listener:$listener,CONTROLLER:PLAINTEXT
inter.broker.listener.name=$listener
log.dirs=$home/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if [ -n "$scram_users" ]; then
    cat >> "$home/server.properties" <<PROPS
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.${listener,,}.scram-sha-512.sasl.jaas.config=$(jaas_for "${users[0]}")
PROPS
  fi
  if [ -n "$tls" ]; then
    # The broker talks to itself over this listener too: it trusts the same CA.
    cat >> "$home/server.properties" <<PROPS
ssl.keystore.type=PEM
ssl.keystore.location=$home/tls/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$home/tls/ca.crt
PROPS
  fi
  if [ ! -f "$home/data/meta.properties" ]; then
    echo "kafka: formatting storage in $home/data"
    java -cp "$cp" -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" \
      kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$home/server.properties" --standalone ${scram_args[@]+"${scram_args[@]}"} > "$home/format.log" 2>&1
  fi
  nohup java -Xmx512m -cp "$cp" -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" \
    kafka.Kafka "$home/server.properties" > "$home/kafka.log" 2>&1 &
  echo $! > "$pidfile"
  # Ready when the broker logs that it has started: by then its listeners are bound and the controller has
  # unfenced it. Watching the log costs nothing; asking with a Kafka tool started a JVM per attempt, seconds of CPU
  # on a small machine, at every start of every Kafka test.
  for _ in $(seq 1 300); do
    if grep -q 'Kafka Server started' "$home/kafka.log" 2>/dev/null; then
      echo "kafka: ready on $listener://127.0.0.1:$port (pid $(cat "$pidfile"), data in $home/data, log $home/kafka.log)"
      return
    fi
    running || { echo "kafka: exited during start; see $home/kafka.log" >&2; exit 1; }
    sleep 0.2
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
