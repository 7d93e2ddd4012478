#!/usr/bin/env bash
# Trains models/<name>/ from its spec.json and rewrites model.tribuo, descriptor.json and holdout.csv.
# Usage: models/train.sh <name>      (e.g. models/train.sh iris)
set -euo pipefail
name=${1:?usage: models/train.sh <model name>}
root=$(cd "$(dirname "$0")/.." && pwd)
spec="$root/models/$name/spec.json"
[ -f "$spec" ] || { echo "no spec at $spec" >&2; exit 2; }
cd "$root"
./mvnw -q -B install -pl models/trainer -am -DskipTests
./mvnw -q -B exec:java -pl models/trainer -Dexec.args="$spec"
