#!/usr/bin/env bash
# A local OCI image registry (Debian's docker-registry, CNCF Distribution 2.8) on 127.0.0.1 only,
# plain HTTP, storage under target/, for building and inspecting function images without Docker
# or a public registry. Clients must allow an insecure registry (Jib: quarkus.container-image.insecure=true,
# skopeo/buildah: --tls-verify=false).
#
# Usage: scripts/local-registry.sh start|stop|status
# Env:   REGISTRY_PORT (15000), REGISTRY_HOME (target/local-registry under the repo)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${REGISTRY_PORT:-15000}
home=${REGISTRY_HOME:-$root/target/local-registry}
pidfile="$home/registry.pid"
url="http://127.0.0.1:$port/v2/"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answers() { curl -fs -o /dev/null "$url"; }

start() {
  command -v docker-registry >/dev/null || { echo "registry: docker-registry is not installed (apt-get install docker-registry)" >&2; exit 1; }
  if running; then echo "registry: already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return; fi
  if answers; then echo "registry: something else already answers on 127.0.0.1:$port; set REGISTRY_PORT" >&2; exit 1; fi
  mkdir -p "$home/data"
  cat > "$home/config.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $home/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  nohup docker-registry serve "$home/config.yml" > "$home/registry.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 100); do
    if answers; then
      echo "registry: ready on 127.0.0.1:$port (pid $(cat "$pidfile"), data in $home/data, log $home/registry.log)"
      return
    fi
    running || { echo "registry: exited during start; see $home/registry.log" >&2; rm -f "$pidfile"; exit 1; }
    sleep 0.1
  done
  echo "registry: not ready after 10 s; see $home/registry.log" >&2
  exit 1
}

stop() {
  if ! running; then echo "registry: not running"; rm -f "$pidfile"; return; fi
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  echo "registry: stopped"
}

status() {
  if running && answers; then
    echo "registry: running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
  else
    echo "registry: not running"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/local-registry.sh start|stop|status" >&2; exit 2 ;;
esac
