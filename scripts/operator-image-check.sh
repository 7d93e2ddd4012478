#!/usr/bin/env bash
# Proves the scoring operator's container image without Docker, a public registry or a cluster:
#   1. the local registry and the JVM base image, as scripts/image-check.sh makes them;
#   2. builds the operator with Jib on that base and pushes it (quarkus.container-image.build/push);
#   3. checks the pushed image: numeric non-root user, the JVM options of application.properties
#      (quarkus.jib.jvm-additional-arguments) in its entrypoint;
#   4. starts the Kubernetes API server in memory (dev.scoring.operator.ImageCheckCluster) with one
#      ScoringFunction, runs the image with runc against it (read-only root file system, no capabilities, the
#      image's own user, entrypoint and environment; the host's network; its kubeconfig bind-mounted), and
#      waits until the operator in the image is ready and has reconciled the ScoringFunction; reports its
#      resident memory; stops it with SIGTERM.
# Needs root, buildah, skopeo, umoci, runc, docker-registry (the same tools as scripts/image-check.sh).
# Usage: scripts/operator-image-check.sh
# Env:   REGISTRY_PORT (15000), BASE_JDK (as scripts/image-check.sh), RUN_PORT (15082), MAVEN_ARGS
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export REGISTRY_PORT=${REGISTRY_PORT:-15000}
registry=127.0.0.1:$REGISTRY_PORT
default_jdk=/usr/lib/jvm/java-17-openjdk-amd64
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && default_jdk=/usr/lib/jvm/temurin-25-jdk-amd64
export BASE_JDK=${BASE_JDK:-$default_jdk}
base_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$BASE_JDK/release" 2>/dev/null || true)
export BASE_IMAGE=${BASE_IMAGE:-$registry/scoring/jvm-base:${base_major:-17}}
run_port=${RUN_PORT:-15082}
work=$root/target/image-check/operator
runc_root=$work/runc
container=operator-image-check-$$

fail() { echo "operator-image-check: FAIL: $*" >&2; exit 1; }
for tool in skopeo docker-registry buildah umoci runc python3 curl; do
  command -v $tool >/dev/null || fail "$tool is not installed"
done
[ "$(id -u)" = 0 ] || fail "runs the image with runc: needs root"

started_registry=false
container_started=false
cluster_pid=
cleanup() {
  if $container_started; then
    runc --root "$runc_root" kill "$container" KILL 2>/dev/null || true
    runc --root "$runc_root" delete -f "$container" 2>/dev/null || true
  fi
  [ -z "$cluster_pid" ] || kill "$cluster_pid" 2>/dev/null || true
  if $started_registry; then "$root/scripts/local-registry.sh" stop; fi
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work/kube"
t0=$(date +%s)

echo "==> 1. registry on $registry, base image $BASE_IMAGE"
if ! "$root/scripts/local-registry.sh" status > /dev/null; then
  "$root/scripts/local-registry.sh" start
  started_registry=true
fi
skopeo inspect --tls-verify=false --raw "docker://$BASE_IMAGE" > /dev/null 2>&1 || "$root/scripts/base-image.sh"

echo "==> 2. build and push operator/ with Jib (log: $work/build.log)"
rm -f "$root/operator/target/jib-image.digest" "$root/operator/target/quarkus-artifact.properties"
(cd "$root" && ./mvnw -B package -pl operator -am -DskipTests ${MAVEN_ARGS:-} \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$registry" -Dquarkus.container-image.insecure=true \
  -Dquarkus.jib.base-jvm-image="$BASE_IMAGE") > "$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; fail "the build failed"; }
image=$(sed -n 's/^metadata.container-image=//p' "$root/operator/target/quarkus-artifact.properties" | tr -d '\\')
[ -n "$image" ] || fail "the build recorded no container image"
echo "pushed $image ($(cat "$root/operator/target/jib-image.digest"))"

echo "==> 3. inspect"
skopeo inspect --tls-verify=false --config "docker://$image" > "$work/config.json"
options=$(sed -n 's/^quarkus.jib.jvm-additional-arguments=//p' "$root/operator/src/main/resources/application.properties")
python3 - "$work/config.json" "$options" <<'PY' || fail "the image's configuration (above)"
import json, sys
config = json.load(open(sys.argv[1]))["config"]
user, entrypoint = config.get("User", ""), config.get("Entrypoint") or []
print("user", user, "entrypoint", " ".join(entrypoint))
if not user.split(":")[0].isdigit() or user.split(":")[0] == "0":
    sys.exit("the image does not run as a numeric non-root user")
missing = [o for o in sys.argv[2].split(",") if o not in entrypoint]
if missing:
    sys.exit("JVM options missing from the entrypoint: " + " ".join(missing))
PY

echo "==> 4. run it against the API server in memory (log: $work/run.log)"
(cd "$root" && ./mvnw -q -B -pl operator exec:java -Dexec.classpathScope=test ${MAVEN_ARGS:-} \
  -Dexec.mainClass=dev.scoring.operator.ImageCheckCluster -Dexec.args="$work/kube/config 120") \
  > "$work/cluster.log" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 600); do [ -s "$work/kube/config" ] && break; sleep 0.1; done
[ -s "$work/kube/config" ] || { tail -20 "$work/cluster.log" >&2; fail "the API server in memory did not start"; }
bundle=$work/bundle
skopeo copy -q --src-tls-verify=false "docker://$image" "oci:$work/oci:operator"
umoci unpack --image "$work/oci:operator" "$bundle" > /dev/null
python3 - "$bundle/config.json" "$run_port" "$work/kube" <<'PY'
import json, sys
path, port, kube = sys.argv[1:]
config = json.load(open(path))
config["root"]["readonly"] = True
process = config["process"]
process["terminal"] = False
process["capabilities"] = {k: [] for k in ("bounding", "effective", "inheritable", "permitted", "ambient")}
process["env"] += ["QUARKUS_HTTP_PORT=" + port, "KUBECONFIG=/kube/config"]
linux = config["linux"]
linux["namespaces"] = [ns for ns in linux["namespaces"] if ns["type"] != "network"]
linux.pop("resources", None)
config["mounts"] = [m for m in config["mounts"] if m["destination"] != "/sys/fs/cgroup"]
config["mounts"].append({"destination": "/kube", "type": "bind", "source": kube, "options": ["rbind", "ro"]})
json.dump(config, open(path, "w"), indent=2)
PY
chmod 755 "$work/kube"
t_run=$(date +%s%N)
runc --root "$runc_root" run --detach --bundle "$bundle" "$container" > "$work/run.log" 2>&1 \
  || { cat "$work/run.log" >&2; fail "runc could not start the image"; }
container_started=true
ready=false
for _ in $(seq 1 600); do
  if curl -fs -o /dev/null "http://127.0.0.1:$run_port/q/health/ready"; then ready=true; break; fi
  runc --root "$runc_root" state "$container" 2>/dev/null | grep -q '"status": "running"' \
    || { tail -30 "$work/run.log" >&2; fail "the image's process exited"; }
  sleep 0.1
done
$ready || { tail -30 "$work/run.log" >&2; fail "the operator did not become ready in 60 s"; }
echo "ready after $(( ($(date +%s%N) - t_run) / 1000000 )) ms (process start to readiness)"
wait "$cluster_pid" && reconciled=true || reconciled=false
cluster_pid=
cat "$work/cluster.log" | grep '^image-check cluster' || true
$reconciled || { tail -30 "$work/run.log" >&2; fail "the operator in the image did not reconcile the ScoringFunction"; }
pid=$(runc --root "$runc_root" state "$container" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])')
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
[ "$uid" != 0 ] || fail "the image's process runs as root"
echo "process $pid runs as uid $uid, resident memory $(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$pid/status") MB"
runc --root "$runc_root" kill "$container" TERM
for _ in $(seq 1 100); do
  runc --root "$runc_root" state "$container" 2>/dev/null | grep -q '"status": "running"' || break
  sleep 0.1
done
runc --root "$runc_root" state "$container" 2>/dev/null | grep -q '"status": "stopped"' \
  || fail "the operator did not stop on SIGTERM within 10 s"
runc --root "$runc_root" delete "$container"
container_started=false
echo "stopped on SIGTERM"
echo "operator-image-check: OK: $image ($(( $(date +%s) - t0 )) s)"
