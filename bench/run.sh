#!/usr/bin/env bash
# The benchmark suite in one command: builds what it needs, installs missing Debian tools, runs
# every scenario against 127.0.0.1, writes bench/results/<date>.json and regenerates
# docs/benchmarks.md and its plots from it. docs/benchmarks.md explains the method.
#
# Usage: bench/run.sh [--smoke]
#   --smoke   tiny durations (about 2 minutes): checks that the suite works; writes its JSON, page
#             and plots under bench/target/smoke/ and leaves bench/results and docs/ alone.
# Environment (all optional):
#   BENCH_MAVEN_REPO   Maven local repository (passed as -Dmaven.repo.local)
#   BENCH_SKIP_BUILD=1 use the artifacts already built
#   BENCH_JAVA17, BENCH_JAVA25   java executables (default: java on PATH, Temurin 25)
#   BENCH_NATIVE       the iris native executable (default: functions/iris/target/*-runner, if built)
#   BENCH_BASELINE_JAR, BENCH_BASELINE_LABEL   quarkus-run.jar of an earlier iris build and what it is (e.g. a
#                      commit): measured beside the current build in the same run, for before/after figures
#   BENCH_SERVER_CPUS, BENCH_CLIENT_CPUS   taskset CPU lists (default 1 and 0)
#   BENCH_PORT_BASE    first of the 100 ports used on 127.0.0.1 (default 18100)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

smoke=false
case "${1:-}" in
  --smoke) smoke=true ;;
  "") ;;
  *) echo "usage: bench/run.sh [--smoke]" >&2; exit 2 ;;
esac

java17=${BENCH_JAVA17:-$(command -v java || true)}
java25=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java17" ] || { echo "no java on PATH (set BENCH_JAVA17)" >&2; exit 1; }
if [ ! -x "$java25" ]; then
  echo "note: no Java 25 at $java25 (set BENCH_JAVA25): the Java 25 and AOT cache systems are left out" >&2
  java25=""
fi
"$java17" -version 2>&1 | grep -q 'version "17' || echo "note: $java17 is not Java 17; results will say which it is" >&2

# Debian tools. The Python ones belong to Debian's /usr/bin/python3, which may not be the first
# python3 on PATH, so every Python step below calls /usr/bin/python3 explicitly.
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v taskset >/dev/null || need+=(util-linux)
command -v openssl >/dev/null || need+=(openssl)
for pair in sklearn:python3-sklearn fastapi:python3-fastapi uvicorn:python3-uvicorn \
            matplotlib:python3-matplotlib uvloop:python3-uvloop httptools:python3-httptools joblib:python3-joblib; do
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import ${pair%%:*}" 2>/dev/null || need+=("${pair#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  repo=()
  [ -n "${BENCH_MAVEN_REPO:-}" ] && repo=("-Dmaven.repo.local=$BENCH_MAVEN_REPO")
  echo "== building the iris function and the benchmark modules"
  ./mvnw -B -q "${repo[@]}" package -DskipTests -pl functions/iris -am
  # The same function built with Quarkus OIDC (quarkus.oidc.enabled=true, off in the shipped build), for the
  # bearer-token system.
  ./mvnw -B -q "${repo[@]}" package -DskipTests -pl functions/iris \
    -Dquarkus.oidc.enabled=true -Dquarkus.package.output-directory=quarkus-app-auth
  # The same function in Quarkus' aot-jar packaging, beside the shipped one, for the AOT cache runs.
  if [ -n "$java25" ]; then
    ./mvnw -B -q "${repo[@]}" package -DskipTests -pl functions/iris \
      -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=quarkus-app-aot
  fi
  ./mvnw -B -q "${repo[@]}" -f bench/pom.xml package -DskipTests
  # The empty endpoint in aot-jar packaging too: the floor of the Java 25 + AOT cache start.
  if [ -n "$java25" ]; then
    ./mvnw -B -q "${repo[@]}" -f bench/pom.xml package -DskipTests -pl empty-endpoint \
      -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=quarkus-app-aot
  fi
fi

if $smoke; then
  work=bench/target/smoke
  rm -rf "$work"
  out=$work/result.json
  page=$work/benchmarks.md
  plots=$work/plots
else
  work=bench/target/run
  rm -rf "$work"
  out=bench/results/$(date -u +%Y-%m-%dT%H%MZ).json
  page=docs/benchmarks.md
  plots=docs/benchmarks
fi
mkdir -p "$work"

# The native executable is built and tested by scripts/native-test.sh (~7 min), not here: the suite
# measures the one in functions/iris/target, and leaves the system out (saying so) when there is none.
native=${BENCH_NATIVE:-$(ls functions/iris/target/*-runner 2>/dev/null | head -1 || true)}
if [ -z "$native" ] || [ ! -x "$native" ]; then
  echo "note: no native executable of iris (build it with scripts/native-test.sh iris, or set BENCH_NATIVE):" \
    "the native system is left out" >&2
  native=""
fi

smoke_flag=()
$smoke && smoke_flag=(--smoke)
/usr/bin/python3 bench/suite.py "${smoke_flag[@]}" --java17 "$java17" --java25 "$java25" --native "$native" \
  --baseline "${BENCH_BASELINE_JAR:-}" --baseline-label "${BENCH_BASELINE_LABEL:-an earlier commit}" \
  --work "$work" --out "$out"
/usr/bin/python3 bench/report.py "$out" "$page" "$plots"
echo "== results: $out; page: $page; plots: $plots/"
