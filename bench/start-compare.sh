#!/usr/bin/env bash
# Before/after figures for a start-up change: builds of one function in aot-jar packaging (e.g. the current one and
# one of an earlier commit, built in a git worktree), each started the way its image starts it on Java 25
# (scripts/lib/jvm-aot.sh: its own trained AOT cache, the image's JVM options) on one core, in interleaved rounds so
# that both see the same machine. The page cache is filled before every start, so that the figures are the work
# of the start, not the disk's. Prints per start and, per build, the medians of process start to readiness and to
# the first scored sample, and the resident memory at the first score.
#
# Usage: bench/start-compare.sh ROUNDS APP_DIR...      e.g. bench/start-compare.sh 7 \
#          ../before/functions/iris/target/quarkus-app-aot functions/iris/target/quarkus-app-aot
# Env:   NAME (iris: the function whose sample is scored), SERVER_CPUS (1), PORT (18495), JAVA25_HOME
# Needs: Java 25, taskset, curl; nothing else may run meanwhile.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/lib/jvm-aot.sh
. "$root/scripts/lib/jvm-aot.sh"
[ $# -ge 2 ] || { echo "usage: bench/start-compare.sh ROUNDS APP_DIR..." >&2; exit 2; }
have_java25 || { echo "start-compare: no Java 25 at $JAVA25_HOME" >&2; exit 1; }
rounds=$1; shift
name=${NAME:-iris}
port=${PORT:-18495}
cpus=${SERVER_CPUS:-1}
sample=$root/functions/$name/sample.json
work=$root/bench/target/start-compare
rm -rf "$work"; mkdir -p "$work"

apps=()
for app in "$@"; do
  [ -f "$app/quarkus-run.jar" ] || { echo "start-compare: no $app/quarkus-run.jar (an aot-jar build)" >&2; exit 1; }
  apps+=("$(cd "$app" && pwd)")
done
for i in "${!apps[@]}"; do
  echo "== training the AOT cache of ${apps[$i]}"
  train_aot_cache "$name" "${apps[$i]}" "$work/$i.aot" "$port" "$work/training-$i.log" > /dev/null
done

for round in $(seq 1 "$rounds"); do
  for i in "${!apps[@]}"; do
    app=${apps[$i]}
    find "$app" -type f -exec cat {} + > /dev/null
    cat "$work/$i.aot" > /dev/null
    started=$(date +%s%N)
    PIN_CPUS=$cpus image_java "$app" "$port" -XX:AOTCache="$work/$i.aot" -Dquarkus.log.console.json.enabled=false \
      > "$work/start-$i-$round.log" 2>&1 &
    pid=$!
    if ! wait_until_ready "$port" "$pid" 60; then
      kill "$pid" 2>/dev/null || true; tail -5 "$work/start-$i-$round.log" >&2
      echo "start-compare: ${apps[$i]} did not become ready" >&2; exit 1
    fi
    ready=$(( ($(date +%s%N) - started) / 1000000 ))
    curl -fs -o /dev/null -X POST "http://127.0.0.1:$port/predict" -H 'Content-Type: application/json' -d @"$sample"
    first=$(( ($(date +%s%N) - started) / 1000000 ))
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
    kill -TERM "$pid"; wait "$pid" || true
    echo "$i $round $ready $first $rss" >> "$work/starts.txt"
    echo "build $i round $round: ready ${ready} ms, first score ${first} ms, RSS ${rss} MiB"
  done
done

python3 - "$work/starts.txt" "${apps[@]}" <<'PY'
import statistics
import sys
starts = [list(map(int, line.split())) for line in open(sys.argv[1])]
for i, app in enumerate(sys.argv[2:]):
    mine = [s for s in starts if s[0] == i]
    ready, first, rss = ([s[k] for s in mine] for k in (2, 3, 4))
    print(f"{app}: median of {len(mine)}: ready {statistics.median(ready):.0f} ms, first score "
          f"{statistics.median(first):.0f} ms (min {min(first)}, max {max(first)}), RSS at first score "
          f"{statistics.median(rss):.0f} MiB")
PY
