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
#   3b. (Java 25 base) the AOT cache, made the way Quarkus' own AOT-enhanced image build makes it with
#      Docker: the image just pushed runs with runc and -XX:AOTCacheOutput while scripts/aot-train.py
#      exercises every served path; on SIGTERM its own JVM writes the cache; buildah adds the cache as a
#      layer on top of that image, with -XX:AOTCache in the entrypoint, and pushes it under the same name
#      (so the Knative manifest's reference is the final image). The cache is only valid for the JVM that
#      wrote it, hence training inside the image rather than with the build's JDK;
#   5. runs the pushed image for real: skopeo copies it to an OCI layout, umoci unpacks it into an
#      OCI runtime bundle (the image's own user, entrypoint, working directory and environment),
#      runc runs it with a read-only root file system and no capabilities, as Knative would, and the
#      function's sample.json is scored against it; the CycloneDX SBOM the build wrote next to the image
#      (target/sbom.cdx.json) must list exactly the library jars in it (scripts/sbom-check.py); with an
#      AOT cache, -XX:AOTMode=on (the JVM refuses to start when it cannot map the cache) and the cache's
#      log lines prove it is used. Skipped (said so) without runc/umoci or root.
# Fails loudly on any mismatch; stops what it started.
#
# With --native the same for the function's native executable: the base is glibc and the libraries the
# executable links (scripts/base-image.sh --native), the executable is the one in target/ (built first
# with -Dnative when absent: scripts/native-test.sh builds and tests it), and the entrypoint caps the heap.
#
# Usage: scripts/image-check.sh [--native] [function]   (default: iris; run as root: buildah vfs, umoci, runc)
# Env:   REGISTRY_PORT (15000), BASE_JDK (the base image's Java, see scripts/base-image.sh; default Temurin 25 at
#        /usr/lib/jvm/temurin-25-jdk-amd64 when present, else Debian's OpenJDK 17, which gets no AOT cache),
#        AOT=0 (Java 25 without the cache), AOT_ROUNDS (200 training rounds), BASE_IMAGE (127.0.0.1:$REGISTRY_PORT/scoring/jvm-base:<its major version>),
#        RUN_PORT (15081, where the running image listens), RUN_IMAGE=0 to skip step 5,
#        MAVEN_ARGS (extra Maven options, e.g. -Dmaven.repo.local=...)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
native=false
if [ "${1:-}" = --native ]; then native=true; shift; fi
fn=${1:-iris}
export REGISTRY_PORT=${REGISTRY_PORT:-15000}
registry=127.0.0.1:$REGISTRY_PORT
default_jdk=/usr/lib/jvm/java-17-openjdk-amd64
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && default_jdk=/usr/lib/jvm/temurin-25-jdk-amd64
export BASE_JDK=${BASE_JDK:-$default_jdk}
base_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$BASE_JDK/release" 2>/dev/null || true)
aot=false
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
  if [ "${base_major:-17}" -ge 25 ] && [ "${AOT:-1}" != 0 ]; then
    aot=true
    # Quarkus' aot-jar packaging: every class on the JVM's application class path, where the cache can hold
    # it (the default fast-jar loads the application through Quarkus' own class loader).
    build_args+=(-Dquarkus.package.jar.type=aot-jar)
  fi
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
running=
cleanup() {
  if $container_started; then
    runc --root "$runc_root" kill "$running" KILL 2>/dev/null || true
    runc --root "$runc_root" delete -f "$running" 2>/dev/null || true
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

can_run=true
if [ "$(id -u)" != 0 ] || ! command -v runc >/dev/null || ! command -v umoci >/dev/null; then can_run=false; fi

# start_image NAME ENV...: runs the pushed $image with runc as Knative would (read-only root, no capabilities,
# the image's own user, entrypoint and environment; plus the host's network and no cgroups on this machine),
# with the extra environment given, and waits for readiness. Sets $pid; the container is $container-NAME.
start_image() {
  local name=$1; shift
  local bundle=$work/bundle-$name
  running=$container-$name
  rm -rf "$work/oci" "$bundle"
  skopeo copy -q --src-tls-verify=false "docker://$image" "oci:$work/oci:$fn"
  umoci unpack --image "$work/oci:$fn" "$bundle" > /dev/null
  python3 - "$bundle/config.json" "$run_port" "$work/aot" "$@" <<'PY'
import json, sys
path, port, aot_dir, env = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with open(path) as f:
    config = json.load(f)
config["root"]["readonly"] = True
process = config["process"]
process["terminal"] = False
process["capabilities"] = {k: [] for k in ("bounding", "effective", "inheritable", "permitted", "ambient")}
process["env"] += ["QUARKUS_HTTP_PORT=" + port] + env
linux = config["linux"]
linux["namespaces"] = [ns for ns in linux["namespaces"] if ns["type"] != "network"]
linux.pop("resources", None)
config["mounts"] = [m for m in config["mounts"] if m["destination"] != "/sys/fs/cgroup"]
# Where a training run writes its cache (the root file system stays read-only).
config["mounts"].append({"destination": "/aot", "type": "bind", "source": aot_dir, "options": ["rbind", "rw"]})
with open(path, "w") as f:
    json.dump(config, f, indent=2)
PY
  if curl -fs -o /dev/null "http://127.0.0.1:$run_port/"; then fail "port $run_port is taken; set RUN_PORT"; fi
  t_run=$(date +%s%N)
  runc --root "$runc_root" run --detach --bundle "$bundle" "$running" > "$work/run-$name.log" 2>&1 \
    || { cat "$work/run-$name.log" >&2; fail "runc could not start the image"; }
  container_started=true
  local ready=false
  for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "http://127.0.0.1:$run_port/q/health/ready"; then ready=true; break; fi
    runc --root "$runc_root" state "$running" 2>/dev/null | grep -q '"status": "running"' \
      || { tail -20 "$work/run-$name.log" >&2; fail "the image's process exited"; }
    sleep 0.1
  done
  $ready || { tail -20 "$work/run-$name.log" >&2; fail "the image did not become ready in 30 s"; }
  echo "ready after $(( ($(date +%s%N) - t_run) / 1000000 )) ms (process start to readiness)"
  pid=$(runc --root "$runc_root" state "$running" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])')
}

# stop_image SECONDS: SIGTERM, then waits that long for the process to end.
stop_image() {
  runc --root "$runc_root" kill "$running" TERM
  for _ in $(seq 1 $(( $1 * 10 ))); do
    runc --root "$runc_root" state "$running" 2>/dev/null | grep -q '"status": "running"' || break
    sleep 0.1
  done
  grep -q '"status": "stopped"' <(runc --root "$runc_root" state "$running" 2>/dev/null) \
    || fail "the image did not stop on SIGTERM within $1 s"
  runc --root "$runc_root" delete "$running" 2>> "$work/run.log"
  container_started=false
}

digest_file=$fn_dir/target/jib-image.digest
if $aot; then
  echo "==> 3b. AOT cache: train the image just pushed, inside it (log: $work/run-training.log)"
  $can_run || fail "the AOT cache is made by running the image: needs root, runc and umoci (or AOT=0)"
  rm -rf "$work/aot"; mkdir -p "$work/aot"; chmod 777 "$work/aot"
  # One-step workflow (JDK 25): record while serving, write the cache when the JVM exits.
  start_image training "JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=/aot/app.aot"
  t_train=$(date +%s)
  python3 "$root/scripts/aot-train.py" "http://127.0.0.1:$run_port" "$fn" "$fn_dir/sample.json" "${AOT_ROUNDS:-200}" \
    || fail "the training workload failed against the image"
  stop_image 180
  [ -s "$work/aot/app.aot" ] || { tail -20 "$work/run-training.log" >&2; fail "the training run wrote no AOT cache"; }
  echo "AOT cache: $(du -m "$work/aot/app.aot" | cut -f1) MB, training and cache creation $(( $(date +%s) - t_train )) s"
  # The image's entrypoint with -XX:AOTCache right after java; the cache sits in the working directory.
  entrypoint=$(skopeo inspect --tls-verify=false --config "docker://$image" | python3 -c '
import json, sys
c = json.load(sys.stdin)["config"]
e = c["Entrypoint"]
print(json.dumps([e[0], "-XX:AOTCache=" + c["WorkingDir"].rstrip("/") + "/app.aot"] + e[1:]))')
  workdir=$(skopeo inspect --tls-verify=false --config "docker://$image" | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["WorkingDir"])')
  bh() { buildah --root "$work/storage" --runroot "$work/buildah-run" --storage-driver vfs "$@"; }
  ctr=$(bh from --quiet --tls-verify=false "docker://$image")
  bh copy --quiet --chmod 0444 "$ctr" "$work/aot/app.aot" "$workdir/app.aot"
  bh config --entrypoint "$entrypoint" --label dev.scoring.aot-cache=app.aot "$ctr"
  bh commit --quiet --rm "$ctr" "$fn-aot" > /dev/null
  bh push --quiet --tls-verify=false --digestfile "$work/aot-image.digest" "$fn-aot" "docker://$image"
  rm -rf "$work/storage" "$work/buildah-run"
  digest_file=$work/aot-image.digest
  echo "pushed $image with the AOT cache ($(cat "$digest_file"))"
fi

echo "==> 4. skopeo inspect docker://$image"
skopeo inspect --tls-verify=false "docker://$image" > "$work/inspect.json"
skopeo inspect --tls-verify=false --config "docker://$image" > "$work/config.json"
skopeo inspect --tls-verify=false --raw "docker://$image" > "$work/manifest.json"
python3 "$root/scripts/image-inspect.py" "$image" "$work/inspect.json" "$work/config.json" "$work/manifest.json" \
  "$digest_file" "$fn_dir/target/kubernetes/knative.yml" "$descriptor" "$work/base-manifest.json" \
  || fail "the pushed image does not match the build (above)"

echo "==> 5. run the pushed image"
if [ "${RUN_IMAGE:-1}" = 0 ]; then
  echo "run: SKIPPED (RUN_IMAGE=0)"
elif ! $can_run; then
  echo "run: SKIPPED (needs root, runc and umoci)"
else
  mkdir -p "$work/aot"
  if $aot; then
    # AOTMode=on: the JVM exits at start when it cannot use the cache, instead of running without it.
    start_image check "JAVA_TOOL_OPTIONS=-XX:AOTMode=on -Xlog:aot=info"
    grep -q 'Opened AOT cache' "$work/run-check.log" && grep -q 'Mapped static' "$work/run-check.log" \
      || { head -30 "$work/run-check.log" >&2; fail "the JVM did not report mapping the AOT cache"; }
    echo "AOT cache in use: $(grep -m1 -o 'Opened AOT cache.*' "$work/run-check.log")" \
      "$(grep -c 'Mapped static' "$work/run-check.log") regions mapped (-Xlog:aot, in $work/run-check.log)"
  else
    start_image check
  fi
  if ! $native; then
    # The SBOM the build wrote next to the image lists exactly the libraries the image holds.
    app_dir=$work/bundle-check/rootfs$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["WorkingDir"])' "$work/config.json")
    python3 "$root/scripts/sbom-check.py" "$fn_dir/target/sbom.cdx.json" "$app_dir" \
      || fail "the SBOM ($fn_dir/target/sbom.cdx.json) does not describe the image"
  fi
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
  stop_image 10
  echo "stopped on SIGTERM"
  if $aot; then
    echo "for comparison, the same image with the cache switched off (-XX:AOTMode=off):"
    start_image nocache "JAVA_TOOL_OPTIONS=-XX:AOTMode=off"
    stop_image 10
  fi
fi
echo "image-check: OK: $image ($(( $(date +%s) - t0 )) s)"
