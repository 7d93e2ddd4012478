#!/usr/bin/env bash
# Runs the project's test command (./mvnw -B verify, as README.md gives it) several times in a row, each time on a
# fresh clone of the current commit, optionally with a CPU hog beside it: evidence that the build is green every
# time on a busy machine, not only when it is quiet (docs/layout.md, "Tests"). Stops at the first red run and keeps its log.
#
# Usage: scripts/verify-repeat.sh [runs] [--hog] [-- extra Maven arguments]
#   runs   how many runs (default 10)
#   --hog  one busy-looping process per half of the machine's cores (one on a 2-core machine), at normal
#          priority, for the whole series: the build competes with it for the CPU like with a neighbour on a
#          shared CI runner
# Env: WORK (default: a new directory under /tmp) for the clone and the per-run logs.
# Prints one line per run (result, wall time, tests run) and a summary; exit status 1 at the first failure.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=10
hog=false
maven_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --hog) hog=true ;;
    --) shift; maven_args=("$@"); break ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) runs=$1 ;;
  esac
  shift
done

work=${WORK:-$(mktemp -d /tmp/verify-repeat.XXXXXX)}
commit=$(git -C "$root" rev-parse --short HEAD)
clone="$work/clone"
rm -rf "$clone"
git clone -q "$root" "$clone"
git -C "$clone" checkout -q "$commit"

hogs=()
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_hogs EXIT
if $hog; then
  count=$(( $(nproc) / 2 )); [ "$count" -ge 1 ] || count=1
  for _ in $(seq 1 "$count"); do
    ( while :; do :; done ) &
    hogs+=("$!")
  done
fi

echo "verify-repeat: $runs runs of ./mvnw -B verify ${maven_args[*]:-} on $commit, hog: $hog (${#hogs[@]} busy loops on $(nproc) cores); logs in $work"
for run in $(seq 1 "$runs"); do
  git -C "$clone" clean -q -fdx
  log="$work/run-$run.log"
  start=$(date +%s)
  if (cd "$clone" && ./mvnw -B verify "${maven_args[@]}") > "$log" 2>&1; then result=green; else result=RED; fi
  seconds=$(( $(date +%s) - start ))
  tests=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures' "$log" | grep -v 'Time elapsed' \
    | awk -F'[ ,]+' '{ total += $4 } END { print total + 0 }')
  printf 'run %2d: %s in %d min %02d s, %s tests (load average %s)\n' "$run" "$result" $((seconds / 60)) \
    $((seconds % 60)) "$tests" "$(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$result" = RED ]; then
    grep -E '^\[ERROR\]' "$log" | head -20
    echo "verify-repeat: run $run of $runs failed; log: $log"
    exit 1
  fi
done
echo "verify-repeat: $runs of $runs runs green on $commit"
