#!/usr/bin/env bash
# Proves a function's container image end to end without Docker and without a public registry:
#   1. starts the local registry (scripts/local-registry.sh) unless it runs already;
#   2. builds the JVM base image (scripts/base-image.sh) unless the registry has it;
#   3. builds the function with Maven, Jib building and pushing its image from that base
#      (quarkus.container-image.build/push, the same switches a user gives for a real registry);
#   4. inspects the pushed image with skopeo (scripts/image-inspect.py): registry digest = the digest
#      Jib reported, target/kubernetes/knative.yml references exactly that image, numeric non-root
#      user, entrypoint, exposed port 8080, model name/version/SHA-256 labels = the model descriptor;
#      reports the compressed size;
#   5. runs the pushed image for real: skopeo copies it to an OCI layout, umoci unpacks it into an
#      OCI runtime bundle (the image's own user, entrypoint, working directory and environment),
#      runc runs it with a read-only root file system and no capabilities, as Knative would, and the
#      function's sample.json is scored against it. Skipped (said so) without runc/umoci or root.
# Fails loudly on any mismatch; stops what it started.
#
# With --native the same for the function's native executable: the base is glibc and the libraries the
# executable links (scripts/base-image.sh --native), the executable is the one in target/ (built first
# with -Dnative when absent: scripts/native-test.sh builds and tests it), and the entrypoint caps the heap.
#
# Usage: scripts/image-check.sh [--native] [function]   (default: iris; run as root: buildah vfs, umoci, runc)
# Env:   REGISTRY_PORT (15000), BASE_JDK (the base image's Java, see scripts/base-image.sh; default Debian's
#        OpenJDK 17), BASE_IMAGE (127.0.0.1:$REGISTRY_PORT/scoring/jvm-base:<its major version>),
#        RUN_PORT (15081, where the running image listens), RUN_IMAGE=0 to skip step 5,
#        MAVEN_ARGS (extra Maven options, e.g. -Dmaven.repo.local=...)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
native=false
if [ "${1:-}" = --native ]; then native=true; shift; fi
fn=${1:-iris}
export REGISTRY_PORT=${REGISTRY_PORT:-15000}
registry=127.0.0.1:$REGISTRY_PORT
base_jdk=${BASE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
base_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$base_jdk/release" 2>/dev/null || true)
glibc=$(ldd --version 2>/dev/null | sed -n '1s/.* \([0-9]*\.[0-9]*\)$/\1/p')
if $native; then
  export BASE_IMAGE=${BASE_IMAGE:-$registry/scoring/native-base:glibc-${glibc:-unknown}}
  export IMAGE_KIND=native
  kind=native
  # The executable in target/ is packaged as it is (quarkus.native.reuse-existing), not built again.
  build_args=(-Dnative -Dquarkus.native.reuse-existing=true -Dquarkus.jib.base-native-image="$BASE_IMAGE")
else
  export BASE_IMAGE=${BASE_IMAGE:-$registry/scoring/jvm-base:${base_major:-17}}
  kind=jvm
  build_args=(-Dquarkus.jib.base-jvm-image="$BASE_IMAGE")
fi
run_port=${RUN_PORT:-15081}
fn_dir=$root/functions/$fn
work=$root/target/image-check/$fn-$kind
container=image-check-$fn-$$
runc_root=$work/runc

fail() { echo "image-check: FAIL: $*" >&2; exit 1; }
[ -d "$fn_dir" ] || fail "no function at $fn_dir"
for tool in skopeo docker-registry buildah python3 curl; do
  command -v $tool >/dev/null || fail "$tool is not installed (apt-get install skopeo docker-registry buildah python3 curl)"
done
model=$(sed -n 's:.*<scoring.model>\(.*\)</scoring.model>.*:\1:p' "$fn_dir/pom.xml")
descriptor=$root/models/$model/descriptor.json
[ -f "$descriptor" ] || fail "no model descriptor for function $fn (models/$model/descriptor.json)"

started_registry=false
container_started=false
cleanup() {
  if $container_started; then
    runc --root "$runc_root" kill "$container" KILL 2>/dev/null || true
    runc --root "$runc_root" delete -f "$container" 2>/dev/null || true
  fi
  if $started_registry; then "$root/scripts/local-registry.sh" stop; fi
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work"
t0=$(date +%s)

echo "==> 1. registry on $registry"
if ! "$root/scripts/local-registry.sh" status > /dev/null; then
  "$root/scripts/local-registry.sh" start
  started_registry=true
fi

if $native; then
  executable=$(ls "$fn_dir"/target/*-runner 2>/dev/null | head -1 || true)
  if [ -z "$executable" ]; then
    echo "==> 1b. native executable (log: $work/native-build.log)"
    (cd "$root" && ./mvnw -B package -pl "functions/$fn" -am -DskipTests -Dnative) > "$work/native-build.log" 2>&1 \
      || { tail -40 "$work/native-build.log" >&2; fail "the native build failed"; }
    executable=$(ls "$fn_dir"/target/*-runner | head -1)
  fi
  echo "native executable $executable"
fi

echo "==> 2. base image $BASE_IMAGE"
if skopeo inspect --tls-verify=false --raw "docker://$BASE_IMAGE" > "$work/base-manifest.json" 2>/dev/null; then
  echo "base image present"
else
  if $native; then "$root/scripts/base-image.sh" --native "$executable"; else "$root/scripts/base-image.sh"; fi
  skopeo inspect --tls-verify=false --raw "docker://$BASE_IMAGE" > "$work/base-manifest.json"
fi

echo "==> 3. build and push functions/$fn with Jib (log: $work/build.log)"
# A digest file left by an earlier build must not pass for this build's.
rm -f "$fn_dir/target/jib-image.digest" "$fn_dir/target/quarkus-artifact.properties"
t_build=$(date +%s)
(cd "$root" && ./mvnw -B package -pl "functions/$fn" -am -DskipTests \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$registry" -Dquarkus.container-image.insecure=true \
  "${build_args[@]}") > "$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; fail "the build failed"; }
echo "build and push: $(( $(date +%s) - t_build )) s"
grep -o 'Pushed container image .*' "$work/build.log" || fail "the build log does not report a pushed image"
# The image Quarkus built, as the build itself records it.
image=$(sed -n 's/^metadata.container-image=//p' "$fn_dir/target/quarkus-artifact.properties" | tr -d '\\')
[ -n "$image" ] || fail "the build recorded no container image (target/quarkus-artifact.properties)"
[ -s "$fn_dir/target/jib-image.digest" ] || fail "Jib reported no digest (target/jib-image.digest)"

echo "==> 4. skopeo inspect docker://$image"
skopeo inspect --tls-verify=false "docker://$image" > "$work/inspect.json"
skopeo inspect --tls-verify=false --config "docker://$image" > "$work/config.json"
skopeo inspect --tls-verify=false --raw "docker://$image" > "$work/manifest.json"
python3 "$root/scripts/image-inspect.py" "$image" "$work/inspect.json" "$work/config.json" "$work/manifest.json" \
  "$fn_dir/target/jib-image.digest" "$fn_dir/target/kubernetes/knative.yml" "$descriptor" "$work/base-manifest.json" \
  || fail "the pushed image does not match the build (above)"

echo "==> 5. run the pushed image"
if [ "${RUN_IMAGE:-1}" = 0 ]; then
  echo "run: SKIPPED (RUN_IMAGE=0)"
elif [ "$(id -u)" != 0 ] || ! command -v runc >/dev/null || ! command -v umoci >/dev/null; then
  echo "run: SKIPPED (needs root, runc and umoci)"
else
  skopeo copy -q --src-tls-verify=false "docker://$image" "oci:$work/oci:$fn"
  umoci unpack --image "$work/oci:$fn" "$work/bundle" > /dev/null
  # umoci wrote the runtime config from the image (user, entrypoint, working directory, env). Only
  # what Knative would do differently is changed: read-only root, no capabilities; plus, for this
  # machine, the host's network (so the test reaches it on a port of its own range) and no cgroups.
  python3 - "$work/bundle/config.json" "$run_port" <<'PY'
import json, sys
path, port = sys.argv[1], sys.argv[2]
with open(path) as f:
    config = json.load(f)
config["root"]["readonly"] = True
process = config["process"]
process["terminal"] = False
process["capabilities"] = {k: [] for k in ("bounding", "effective", "inheritable", "permitted", "ambient")}
process["env"].append("QUARKUS_HTTP_PORT=" + port)
linux = config["linux"]
linux["namespaces"] = [ns for ns in linux["namespaces"] if ns["type"] != "network"]
linux.pop("resources", None)
config["mounts"] = [m for m in config["mounts"] if m["destination"] != "/sys/fs/cgroup"]
with open(path, "w") as f:
    json.dump(config, f, indent=2)
PY
  if curl -fs -o /dev/null "http://127.0.0.1:$run_port/"; then fail "port $run_port is taken; set RUN_PORT"; fi
  t_run=$(date +%s%N)
  runc --root "$runc_root" run --detach --bundle "$work/bundle" "$container" > "$work/run.log" 2>&1 \
    || { cat "$work/run.log" >&2; fail "runc could not start the image"; }
  container_started=true
  ready=false
  for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "http://127.0.0.1:$run_port/q/health/ready"; then ready=true; break; fi
    runc --root "$runc_root" state "$container" 2>/dev/null | grep -q '"status": "running"' \
      || { tail -20 "$work/run.log" >&2; fail "the image's process exited"; }
    sleep 0.1
  done
  $ready || { tail -20 "$work/run.log" >&2; fail "the image did not become ready in 30 s"; }
  echo "ready after $(( ($(date +%s%N) - t_run) / 1000000 )) ms (process start to readiness)"
  pid=$(runc --root "$runc_root" state "$container" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])')
  uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
  [ "$uid" != 0 ] || fail "the image's process runs as root"
  echo "process $pid runs as uid $uid"
  echo "process: $(tr '\0' ' ' < "/proc/$pid/cmdline")"
  answer=$(curl -s -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data @"$fn_dir/sample.json" "http://127.0.0.1:$run_port/predict")
  code=$(tail -1 <<< "$answer")
  body=$(sed '$d' <<< "$answer")
  echo "POST /predict functions/$fn/sample.json -> $code $body"
  [ "$code" = 200 ] || fail "scoring the sample answered HTTP $code"
  echo "resident memory after the first score: $(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$pid/status") MB"
  python3 -c 'import json,sys; a=json.loads(sys.argv[1]); d=json.load(open(sys.argv[2]));
sys.exit(0 if (a.get("model"), a.get("version")) == (d["name"], d["version"]) else "the answer names another model")' \
    "$body" "$descriptor" || fail "the running image answered for another model"
  runc --root "$runc_root" kill "$container" TERM
  for _ in $(seq 1 100); do
    runc --root "$runc_root" state "$container" 2>/dev/null | grep -q '"status": "running"' || break
    sleep 0.1
  done
  grep -q '"status": "stopped"' <(runc --root "$runc_root" state "$container" 2>/dev/null) \
    || fail "the image did not stop on SIGTERM within 10 s"
  runc --root "$runc_root" delete "$container" 2>> "$work/run.log"
  container_started=false
  echo "stopped on SIGTERM"
fi
echo "image-check: OK: $image ($(( $(date +%s) - t0 )) s)"
