"""Where async-profiler's CPU samples go, by layer of the scoring stack: the same layers and rule as
bench/jfr_breakdown.py (each sample counts once, for the layer of the frame nearest the top of its
stack), plus the JVM's own threads, which JFR's execution samples leave out: on a one-core function
the JIT compilers share the core with the requests.

usage: /usr/bin/python3 bench/collapsed_breakdown.py PROFILE.collapsed
(async-profiler's "collapsed" output: one stack per line, root first, frames separated by ';',
then the sample count). bench/profile.sh --async records the file.
"""
import sys
from collections import Counter

from jfr_breakdown import LAYERS, attribute

JIT = "JIT compiler threads"
GC = "garbage collector threads"


def layer_of(frames):
    if any("CompileBroker" in f for f in frames):
        return JIT
    if any(k in f for f in frames for k in ("GCTaskThread", "VM_GenCollect", "G1", "SerialHeap", "GenCollectedHeap")):
        return GC
    return attribute([f.replace("/", ".") for f in reversed(frames)])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    counts = Counter()
    for line in open(sys.argv[1]):
        stack, _, n = line.rstrip().rpartition(" ")
        if stack:
            counts[layer_of(stack.split(";"))] += int(n)
    total = sum(counts.values())
    if not total:
        sys.exit(f"{sys.argv[1]} has no samples")
    print(f"{total} CPU samples")
    print("| layer | share of samples |\n|---|---|")
    for layer in list(dict.fromkeys(name for name, _ in LAYERS)) + [JIT, GC, "other (JDK only, GC, JIT)"]:
        if counts[layer]:
            print(f"| {layer} | {100 * counts[layer] / total:.1f}% |")


if __name__ == "__main__":
    main()
