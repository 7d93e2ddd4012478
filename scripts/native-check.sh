#!/usr/bin/env bash
# Checks that functions compile as GraalVM native images on a machine without GraalVM: Quarkus writes
# target/native-sources, then shared/tools/native-check runs the real native-image builder on it through
# every stage up to the object file (no link, no run). See docs/native.md.
#
# Usage: scripts/native-check.sh [--skip-build] [name...]   (default: every function)
# Env:   NATIVE_CHECK: path of the native-check tool (default ../shared/tools/native-check/native-check)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tool=${NATIVE_CHECK:-$root/../shared/tools/native-check/native-check}
build=true
names=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) build=false ;;
    *) names+=("$arg") ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for d in "$root"/functions/*/pom.xml; do names+=("$(basename "$(dirname "$d")")"); done
fi
if [ ! -x "$tool" ]; then
  echo "native-check: SKIPPED, the tool is absent ($tool)"
  exit 0
fi

cd "$root"
if [ "$build" = true ]; then
  modules=$(printf 'functions/%s,' "${names[@]}")
  ./mvnw -B -q package -pl "${modules%,}" -am -DskipTests \
    -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true
fi

status=0
for name in "${names[@]}"; do
  sources="$root/functions/$name/target/native-sources"
  # Report dynamic access in our runtime and in the Tribuo/OLCUT jars too, not only the application jar.
  track=()
  for jar in "$sources"/lib/dev.scoring.scoring-runtime-*.jar "$sources"/lib/org.tribuo.tribuo-core-*.jar \
             "$sources"/lib/com.oracle.labs.olcut.olcut-core-*.jar; do
    [ -f "$jar" ] && track+=(--track "$jar")
  done
  echo "== native-check functions/$name"
  if "$tool" "${track[@]}" "$sources" > "$root/functions/$name/target/native-check.log" 2>&1; then
    sed -n '/native-check summary/,$p' "$root/functions/$name/target/native-check.log"
    # The model files are not native resources, so the model's SHA-256 string can only be in the object
    # file as part of the descriptor object that static initialization put in the image heap.
    sha=$(sed -n 's/.*"sha256" *: *"\([0-9a-f]\{64\}\)".*/\1/p' "$root/functions/$name/target/classes/model/descriptor.json" | head -1)
    object=$(ls "$root"/functions/"$name"/target/native-check/tmp/*/*.o 2>/dev/null | head -1)
    if [ -n "$sha" ] && [ -n "$object" ] && grep -q "$sha" "$object"; then
      echo "embedded model:   yes, its descriptor (sha256 $sha) is in the image heap"
    else
      status=1
      echo "embedded model:   NOT FOUND in the image heap of $name"
    fi
    for report in "$root"/functions/"$name"/target/native-check/dynamic-access/*/*.json; do
      [ -f "$report" ] && echo "dynamic access:   $report"
    done
  else
    status=1
    echo "native-check FAILED for $name; the end of its log:"
    tail -40 "$root/functions/$name/target/native-check.log"
  fi
done
exit $status
