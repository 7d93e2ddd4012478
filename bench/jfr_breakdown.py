"""Where a JFR recording's CPU samples go, by layer of the scoring stack. Each execution sample
counts once, for the layer of the frame nearest the top of its stack that belongs to a layer
(JDK frames count for the layer that called them); samples with no such frame are "other".

usage: /usr/bin/python3 bench/jfr_breakdown.py RECORDING.jfr [JFR_TOOL]
JFR_TOOL defaults to the jfr of Temurin 25 (it reads recordings of Java 17 too).
Used for the profile findings in bench/FINDINGS.md (bench/profile.sh records the file).
"""
import re
import subprocess
import sys
from collections import Counter

# Layer -> substring of a frame's class or method name.
LAYERS = [
    ("Vert.x / Netty HTTP server", "io.netty."),
    ("Vert.x / Netty HTTP server", "io.vertx."),
    ("Funqy dispatch and binding", "io.quarkus.funqy."),
    ("worker-thread hop (Funqy runs functions on the worker pool)", "org.jboss.threads.EnhancedQueueExecutor"),
    ("OpenTelemetry (server span per request)", "opentelemetry"),
    ("Micrometer (HTTP and scoring metrics)", "micrometer"),
    ("Jackson (JSON in and out)", "com.fasterxml.jackson"),
    ("request log line (dev.scoring.request, JSON console)", "dev.scoring.runtime.http.RequestLog"),
    ("CloudEvent guard", "dev.scoring.runtime.http.CloudEventGuard"),
    ("validation", "dev.scoring.runtime.validation"),
    ("drift monitor", "dev.scoring.runtime.drift"),
    ("Tribuo predict", "org.tribuo."),
    ("application start-up", "io.quarkus.runtime.Application.start"),
]


def attribute(frames):
    for frame in frames:  # top of the stack first
        for layer, key in LAYERS:
            if key in frame:
                return layer
    return "other (JDK only, GC, JIT)"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    jfr = sys.argv[2] if len(sys.argv) == 3 else "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
    text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "128", sys.argv[1]],
                          check=True, capture_output=True, text=True).stdout
    samples = text.split("jdk.ExecutionSample")[1:]
    if not samples:
        sys.exit(f"{sys.argv[1]} has no execution samples")
    counts = Counter()
    for sample in samples:
        frames = re.findall(r"^\s+(\S+)\(", sample, re.M)
        counts[attribute(frames)] += 1
    print(f"{len(samples)} execution samples")
    print("| layer | share of samples |\n|---|---|")
    for layer in list(dict.fromkeys(name for name, _ in LAYERS)) + ["other (JDK only, GC, JIT)"]:
        print(f"| {layer} | {100 * counts[layer] / len(samples):.0f}% |")


if __name__ == "__main__":
    main()
