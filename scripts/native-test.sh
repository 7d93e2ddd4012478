#!/usr/bin/env bash
# Builds each function's native executable with Quarkus' standard native build and runs the function's
# integration tests (@QuarkusIntegrationTest, *IT) against that executable: the same contracts as the
# JVM build (held-out metrics, refusals, CloudEvents, V2, explanations, health, metrics) plus the
# recorded-answers transcript, byte for byte. One function at a time: a native build takes ~7 min and
# ~7.5 GB on 2 cores.
#
# Usage: scripts/native-test.sh [function...]        (default: every function under functions/)
#
# Where the GraalVM builder comes from, first match wins:
#   1. GRAALVM_HOME, if set (a GraalVM or Mandrel install);
#   2. this project's machines: ../shared/tools/native-link beside the checkout, which provides a
#      GraalVM-home folder running the real GraalVM builder (docs/native.md);
#   3. native-image on PATH;
#   4. NATIVE_CONTAINER_BUILD=1: Quarkus runs the Mandrel builder in Docker or Podman
#      (-Dquarkus.native.container-build=true).
# Env: MAVEN_ARGS (extra Maven options)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ $# -eq 0 ]; then
  set -- $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' functions/pom.xml)
fi

native_link=$(cd "$root/.." && pwd)/shared/tools/native-link/native-link
extra=()
if [ -n "${GRAALVM_HOME:-}" ]; then
  echo "native-test: GraalVM from GRAALVM_HOME=$GRAALVM_HOME"
elif [ -x "$native_link" ]; then
  GRAALVM_HOME=$("$native_link" --graalvm-home | tail -1)
  export GRAALVM_HOME
  echo "native-test: GraalVM builder from $native_link (GRAALVM_HOME=$GRAALVM_HOME)"
elif command -v native-image >/dev/null; then
  echo "native-test: native-image from PATH ($(command -v native-image))"
elif [ "${NATIVE_CONTAINER_BUILD:-}" = 1 ]; then
  extra+=(-Dquarkus.native.container-build=true)
  echo "native-test: builder in a container (quarkus.native.container-build=true)"
else
  echo "native-test: no GraalVM: set GRAALVM_HOME, put native-image on PATH, or NATIVE_CONTAINER_BUILD=1 with Docker or Podman" >&2
  exit 2
fi

summary=()
status=0
for fn in "$@"; do
  [ -d "functions/$fn" ] || { echo "native-test: no function $fn" >&2; exit 2; }
  log=functions/$fn/target/native-test.log
  mkdir -p "functions/$fn/target"
  echo "==> $fn: native build and integration tests against the executable (log: $log)"
  start=$(date +%s)
  # The JVM tests (surefire) ran in ./mvnw verify already; here only the *IT run, against the executable.
  if ./mvnw -B verify -Dnative -pl "functions/$fn" -am "${extra[@]}" ${MAVEN_ARGS:-} \
      -Dtest=NoJvmTestsInTheNativeRun -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
    result=PASS
  else
    result=FAIL
    status=1
    grep -E '^\[ERROR\]' "$log" | head -30 >&2 || true
  fi
  seconds=$(( $(date +%s) - start ))
  runner=$(ls functions/$fn/target/*-runner 2>/dev/null | head -1 || true)
  size=$([ -n "$runner" ] && du -m "$runner" | cut -f1 || echo "?")
  tests=$(grep -h -o 'Tests run: [0-9]*, Failures: [0-9]*, Errors: [0-9]*, Skipped: [0-9]*$' "$log" | tail -1 || true)
  line="$fn: $result in ${seconds} s, executable ${size} MiB, integration tests: ${tests:-none run}"
  echo "$line"
  summary+=("$line")
done
echo "== native-test summary"
printf '%s\n' "${summary[@]}"
exit $status
