#!/usr/bin/env python3
"""Where a function's JVM start-up goes: process start to the first scored /predict, and which classes it
loaded on the way, grouped by the part of the stack they belong to.

    python3 bench/startup.py [--runs 5] [--jar functions/iris/target/quarkus-app/quarkus-run.jar] \
        [--variant NAME=-Dkey=value,-Dkey2=value ...]

Each variant (the shipped configuration is always the first, "as shipped") starts --runs times, in rotating
order, pinned to one core (taskset, CPU 1; the poller on CPU 0), with the container's JVM options as
bench/suite.py uses them. One more start per variant logs class loading (-Xlog:class+load) and Quarkus'
start-up step times (-Dquarkus.debug.print-startup-times=true); those runs are not timed. Prints a table and
writes the figures as JSON next to the benchmark results (bench/results/startup-<time>.json).
"""
import argparse
import collections
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import suite  # noqa: E402  (the suite's server, poller and shipped JVM options)

ROOT = suite.ROOT
# The parts of the stack a class can belong to, first match wins: what a start-up diet would switch off
# shows as its own group.
GROUPS = [
    ("Kafka client", ("org.apache.kafka.",)),
    ("Reactive Messaging", ("io.smallrye.reactive.messaging.",)),
    ("OpenTelemetry", ("io.opentelemetry.", "io.quarkus.opentelemetry.")),
    ("OIDC / security", ("io.quarkus.oidc.", "org.jose4j.", "io.smallrye.jwt.", "io.quarkus.security.",
                         "io.quarkus.vertx.http.runtime.security.")),
    ("Tribuo LIME / explanations", ("org.tribuo.classification.explanations.", "dev.scoring.runtime.explain.")),
    ("Tribuo", ("org.tribuo.", "com.oracle.labs.mlrg.olcut.")),
    ("protobuf", ("com.google.protobuf.",)),
    ("Micrometer", ("io.micrometer.", "io.quarkus.micrometer.")),
    ("CloudEvents SDK", ("io.cloudevents.",)),
    ("Funqy", ("io.quarkus.funqy.",)),
    ("Jackson", ("com.fasterxml.jackson.",)),
    ("Vert.x / Netty", ("io.vertx.", "io.netty.", "io.quarkus.vertx.")),
    ("SmallRye (config, health, mutiny, context)", ("io.smallrye.",)),
    ("scoring runtime", ("dev.scoring.",)),
    ("other Quarkus", ("io.quarkus.",)),
    ("JDK", ("java.", "javax.", "jdk.", "sun.", "com.sun.")),
]
STEP = re.compile(r"Build step (\S+) completed in: (\d+)ms")
STARTED = re.compile(r"started in ([\d.]+)s")


def group_of(name):
    for group, prefixes in GROUPS:
        if name.startswith(prefixes):
            return group
    return "other libraries"


def loaded_classes(log_file):
    names = []
    for line in Path(log_file).read_text(errors="replace").splitlines():
        match = re.search(r"\]\s+(\S+) source:", line)
        if match:
            names.append(match.group(1))
    return names


class Variant:
    def __init__(self, name, switches):
        self.name = name
        self.switches = switches


def start(env, jar, variant, extra):
    system = dict(id=variant.name.replace(" ", "-"),
                  command=suite.quarkus_command(env.java17, jar, jvm=suite.shipped_jvm_options() + variant.switches))
    return suite.Server(env, system, env.port(), extra)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jar", default=str(ROOT / "functions/iris/target/quarkus-app/quarkus-run.jar"))
    parser.add_argument("--java17", default="java")
    parser.add_argument("--variant", action="append", default=[],
                        help="NAME=comma-separated JVM switches, measured beside the shipped configuration")
    parser.add_argument("--out", default="")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="startup-"))
    (work / "logs").mkdir()
    env = suite.Env(argparse.Namespace(smoke=True, java17=args.java17, java25="", native="", baseline="",
                                       baseline_label="", work=str(work), out=""))
    variants = [Variant("as shipped", [])]
    for spec in args.variant:
        name, _, switches = spec.partition("=")
        variants.append(Variant(name, [s for s in switches.split(",") if s]))
    body = (ROOT / "functions/iris/sample.json").read_bytes()
    # The poller runs on the client CPU, away from the server's.
    os.sched_setaffinity(0, suite.parse_cpu_list(env.client_cpus))

    timings = {v.name: [] for v in variants}
    for run in range(args.runs):
        order = variants[run % len(variants):] + variants[:run % len(variants)]
        for variant in order:
            server = start(env, args.jar, variant, [])
            try:
                seconds, _ = suite.wait_for_first_score(server, body)
            finally:
                server.stop()
            timings[variant.name].append(round(seconds * 1000))
        suite.log(f"round {run + 1}: " + ", ".join(f"{k} {v[-1]} ms" for k, v in timings.items()))

    profiles = {}
    for variant in variants:
        class_log = work / f"classes-{len(profiles)}.log"
        server = start(env, args.jar, variant, [f"-Xlog:class+load=info:file={class_log}",
                                                 "-Dquarkus.debug.print-startup-times=true"])
        try:
            suite.wait_for_first_score(server, body)
        finally:
            server.stop()
        names = loaded_classes(class_log)
        output = server.log_path.read_text(errors="replace")
        steps = sorted(((int(ms), step) for step, ms in STEP.findall(output)), reverse=True)
        started = STARTED.search(output)
        profiles[variant.name] = {
            "classes_loaded": len(names),
            "classes_by_group": dict(collections.Counter(group_of(n) for n in names).most_common()),
            "quarkus_started_in_s": float(started.group(1)) if started else None,
            "slowest_start_steps_ms": [{"step": s, "ms": ms} for ms, s in steps[:8]],
        }

    result = {"started_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "git": suite.git_info(), "jar": args.jar, "runs": args.runs,
              "pinning": f"server on CPU {env.server_cpus}, poller on CPU {env.client_cpus}",
              "variants": {v.name: {"switches": v.switches, "first_score_ms": timings[v.name],
                                    "median_ms": statistics.median(timings[v.name]), **profiles[v.name]}
                           for v in variants}}
    out = Path(args.out) if args.out else ROOT / "bench/results" / (
        "startup-" + datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%MZ") + ".json")
    out.write_text(json.dumps(result, indent=2) + "\n")

    names = [v.name for v in variants]
    print("\n| | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    print("| process start to first score, median ms | "
          + " | ".join(str(result["variants"][n]["median_ms"]) for n in names) + " |")
    print("| Quarkus 'started in' (s, profiled run) | "
          + " | ".join(str(result["variants"][n]["quarkus_started_in_s"]) for n in names) + " |")
    print("| classes loaded | " + " | ".join(str(result["variants"][n]["classes_loaded"]) for n in names) + " |")
    for group in [g for g, _ in GROUPS] + ["other libraries"]:
        print(f"| {group} | " + " | ".join(str(result["variants"][n]["classes_by_group"].get(group, 0))
                                           for n in names) + " |")
    for n in names:
        print(f"\nslowest start steps, {n}: " + ", ".join(f"{s['step'].rsplit('.', 1)[-1]} {s['ms']} ms"
                                                          for s in result["variants"][n]["slowest_start_steps_ms"]))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
