#!/usr/bin/env bash
# The operator application (quarkus-run.jar with its image's JVM options) against the Kubernetes API server in
# memory (no cluster here): time from process start to N ScoringFunctions reconciled, and its resident memory idle
# with none and with N cached. Usage: bench/operator.sh [N] [idle-seconds]
# Needs the operator built: ./mvnw install -pl operator -am -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar="$PWD/operator/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "bench/operator.sh: $jar missing; build it: ./mvnw install -pl operator -am -DskipTests" >&2; exit 1; }
options=$(sed -n 's/^quarkus.jib.jvm-additional-arguments=//p' operator/src/main/resources/application.properties)
for functions in 0 "${1:-100}"; do
    ./mvnw -q -B -pl operator exec:java -Dexec.classpathScope=test \
        -Dexec.mainClass=dev.scoring.operator.OperatorBenchmark \
        "-Dexec.args=$jar $functions ${2:-20} $options" 2>&1 | grep '^operator:'
done
