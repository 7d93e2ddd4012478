"""Runs every benchmark scenario and writes one JSON result file. Called by bench/run.sh, which
builds the artifacts first; runs on Debian's /usr/bin/python3 (standard library only).

Systems (see SYSTEMS below): the iris function on Java 17 as shipped (java -jar), the same on
Java 25 with and without an AOT cache, the empty Quarkus endpoint (HTTP floor), the FastAPI +
uvicorn peer, and Tribuo's predict under JMH (compute floor).

Everything listens on 127.0.0.1 only. Servers run on the CPUs in BENCH_SERVER_CPUS, load tools on
BENCH_CLIENT_CPUS (taskset), so the two never compete for a core.
"""
import argparse
import base64
import csv
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

# Durations and repetitions. smoke keeps the whole suite near a minute, to keep it working in CI;
# its figures are not results.
PROFILES = {
    "full": dict(cold_runs=7, jit_warmup_s=20, wrk_warmup_s=5, wrk_s=10, ol_warmup_s=5, ol_s=15,
                 jmh_args=["-wi", "3", "-w", "2s", "-i", "5", "-r", "2s", "-f", "1"], aot_training_requests=500,
                 side_by_side_rounds=3),
    "smoke": dict(cold_runs=1, jit_warmup_s=1, wrk_warmup_s=1, wrk_s=1, ol_warmup_s=1, ol_s=2,
                  jmh_args=["-wi", "1", "-w", "1s", "-i", "1", "-r", "1s", "-f", "1"], aot_training_requests=20,
                  side_by_side_rounds=2),
}
WRK_CONNECTIONS = 32
OPEN_LOOP_CONNECTIONS = 64
HALF_LOAD = 0.5
BATCH_SIZE = 100
COLD_START_TIMEOUT_S = 60
# The function's configuration as the build sees it: the scoring extension's defaults, then the
# function's own application.properties (which wins), read here so that "as shipped" stays what the
# image and the Knative Service really get.
SHIPPED_CONFIG = [ROOT / "scoring/runtime/src/main/resources/META-INF/microprofile-config.properties",
                  ROOT / "functions/iris/src/main/resources/application.properties"]
LEAN_SWITCHES = ["-Dquarkus.otel.sdk.disabled=true"]
AUTH_ISSUER = "https://bench.scoring.test"
AUTH_AUDIENCE = "iris"
FIRST_PORT = int(os.environ.get("BENCH_PORT_BASE", "18100"))

CE_HEADERS = {
    "ce-id": "bench-1",
    "ce-specversion": "1.0",
    "ce-source": "/bench",
    "ce-type": "dev.scoring.iris.request",
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Env:
    """Paths, JDKs, CPU sets and the run directory shared by every step."""

    def __init__(self, args):
        self.profile = PROFILES["smoke" if args.smoke else "full"]
        self.mode = "smoke" if args.smoke else "full"
        self.java17 = args.java17
        self.java25 = args.java25
        self.native = str(Path(args.native).resolve()) if args.native else ""
        self.baseline = str(Path(args.baseline).resolve()) if args.baseline else ""
        self.baseline_label = args.baseline_label
        self.server_cpus = os.environ.get("BENCH_SERVER_CPUS", "1")
        self.client_cpus = os.environ.get("BENCH_CLIENT_CPUS", "0")
        self.work = Path(args.work).resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        (self.work / "logs").mkdir(exist_ok=True)
        self.next_port = FIRST_PORT
        self.python = "/usr/bin/python3"

    def port(self):
        """The next port of the range that nothing listens on: a stray server on a reused port
        would otherwise answer in place of the one under test."""
        while True:
            self.next_port += 1
            if self.next_port > FIRST_PORT + 99:
                raise RuntimeError("ran out of free ports in the benchmark's range")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.next_port)) != 0:
                    return self.next_port

    def server_cpu_count(self):
        return len(parse_cpu_list(self.server_cpus))


def parse_cpu_list(text):
    cpus = set()
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            cpus.update(range(int(a), int(b) + 1))
        else:
            cpus.add(int(part))
    return cpus


# ---------------------------------------------------------------- requests

def write_request_bodies(env):
    """The rows every system gets: the first held-out iris row, and the held-out rows repeated to
    100 (bench/jmh's BenchRows takes the same rows the same way)."""
    with open(ROOT / "models/iris/holdout.csv", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        features = header[:-1]
        rows = [dict(zip(features, (float(v) for v in r[:-1]))) for r in reader if r]
    single = env.work / "single.json"
    batch = env.work / "batch100.json"
    structured = env.work / "structured.json"
    single.write_text(json.dumps(rows[0]))
    batch.write_text(json.dumps([rows[i % len(rows)] for i in range(BATCH_SIZE)]))
    # The same row as a structured-mode CloudEvent: the whole event is the body.
    structured.write_text(json.dumps({"specversion": "1.0", "id": "bench-1", "source": "/bench",
                                      "type": CE_HEADERS["ce-type"], "datacontenttype": "application/json",
                                      "data": rows[0]}))
    return {"single": single, "batch100": batch, "structured": structured}


# ---------------------------------------------------------------- processes

class Server:
    """A server process started in its own session (so uvicorn's workers stop with it)."""

    def __init__(self, env, system, port, extra_jvm=()):
        self.env = env
        self.system = system
        self.port = port
        cmd = system["command"](env, port, list(extra_jvm))
        self.command = cmd
        self.log_path = env.work / "logs" / f"{system['id']}-{port}.log"
        self.log_file = open(self.log_path, "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(["taskset", "-c", env.server_cpus] + cmd, cwd=ROOT,
                                     stdout=self.log_file, stderr=subprocess.STDOUT,
                                     env=system.get("env", lambda e: os.environ.copy())(env),
                                     start_new_session=True)

    def stop(self, timeout=120):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log_file.close()

    def rss(self):
        return memory_of_tree(self.proc.pid)


def children_of(pid):
    kids = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids += [int(k) for k in f.read().split()]
    except FileNotFoundError:
        pass
    return kids


def tree_of(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += children_of(p)
    return pids


def cpu_seconds_of_tree(pid):
    """User + system CPU time used so far by the process and its descendants."""
    ticks = 0
    for p in tree_of(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def memory_of_tree(pid):
    """VmRSS and Pss summed over the process and its descendants (uvicorn's master and workers).
    RSS counts pages shared between processes once per process; Pss splits them."""
    pids = tree_of(pid)
    rss = pss = 0
    counted = 0
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
            m = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            if not m:
                continue  # taskset's exec'd shell, or a zombie
            name = re.search(r"^Name:\s+(\S+)", status, re.M).group(1)
            rss += int(m.group(1))
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            pss += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))
            counted += 1
        except (FileNotFoundError, ProcessLookupError):
            continue
    return {"rss_kib": rss, "pss_kib": pss, "processes": counted}


def post(port, path, body, headers, timeout=2.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        h = {"Content-Type": "application/json"}
        h.update(headers)
        conn.request("POST", path, body=body, headers=h)
        response = conn.getresponse()
        payload = response.read()
        return response.status, payload
    finally:
        conn.close()


def wait_for_first_score(server, body, path="/predict", headers=None, timeout=COLD_START_TIMEOUT_S):
    """Polls with a real score request until it answers 200; returns seconds since process start."""
    deadline = server.started + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.system['id']} exited with {server.proc.returncode}; see {server.log_path}")
        try:
            status, payload = post(server.port, path, body, headers or {})
            if status == 200:
                return time.monotonic() - server.started, payload
            if status >= 400 and status not in (404, 503):
                raise RuntimeError(f"{server.system['id']} answered {status}: {payload[:200]!r}")
        except (ConnectionError, OSError, http.client.HTTPException):
            pass
        time.sleep(0.002)
    raise RuntimeError(f"{server.system['id']} gave no 200 within {timeout} s; see {server.log_path}")


# ---------------------------------------------------------------- systems

def shipped(key):
    value = None
    for path in SHIPPED_CONFIG:
        for line in path.read_text().splitlines():
            if line.startswith(key + "="):
                value = line.split("=", 1)[1].strip()
    if value is None:
        raise RuntimeError(f"{key} is not set in {', '.join(str(p) for p in SHIPPED_CONFIG)}")
    return value


def shipped_jvm_options():
    """What the function's container runs: the image's JVM options (quarkus.jib.jvm-additional-arguments)
    and, because the container is limited to quarkus.knative.resources.limits.memory, a JVM that sizes
    its heap and picks its collector from that limit. MaxRAM shows the JVM the same amount here (there
    is no cgroup limit on this machine); the CPU count is one either way (taskset here, the 1000m CPU
    limit there)."""
    options = [a.strip() for a in shipped("quarkus.jib.jvm-additional-arguments").split(",") if a.strip()]
    limit = shipped("quarkus.knative.resources.limits.memory")
    units = {"Mi": "m", "Gi": "g", "M": "m", "G": "g"}
    suffix = next((u for u in units if limit.endswith(u)), None)
    if suffix is None:
        raise RuntimeError(f"cannot read the memory limit {limit!r}")
    return options + [f"-XX:MaxRAM={limit[:-len(suffix)]}{units[suffix]}"]


def quarkus_command(java, jar, aot=None, jvm=()):
    def command(env, port, extra):
        cmd = [java] + list(jvm) + extra
        if aot:
            cmd.append(f"-XX:AOTCache={aot}")
        return cmd + [f"-Dquarkus.http.port={port}", "-Dquarkus.http.host=127.0.0.1", "-jar", str(jar)]
    return command


def native_command(executable, max_heap):
    """The native executable as its image starts it: heap capped as the image's entrypoint caps it."""
    def command(env, port, extra):
        return [str(executable), f"-Xmx{max_heap}"] + extra + [f"-Dquarkus.http.port={port}",
                                                                 "-Dquarkus.http.host=127.0.0.1"]
    return command


def shipped_native_max_heap():
    """The -Xmx of the native image's entrypoint (quarkus.jib.native-arguments)."""
    arguments = shipped("quarkus.jib.native-arguments")
    match = re.search(r"-Xmx\$\{[^:}]+:([^}]+)\}|-Xmx([^,]+)", arguments)
    if not match:
        raise RuntimeError(f"no -Xmx in quarkus.jib.native-arguments={arguments}")
    return match.group(1) or match.group(2)


def peer_env(env):
    e = os.environ.copy()
    e["BENCH_PEER_MODEL"] = str(env.work / "iris-sklearn.joblib")
    # One worker per core already; BLAS threads on top would only contend for the same core.
    e["OPENBLAS_NUM_THREADS"] = "1"
    e["OMP_NUM_THREADS"] = "1"
    return e


def peer_command(env, port, extra):
    return [env.python, "-m", "uvicorn", "app:app", "--app-dir", str(BENCH / "peers/fastapi"),
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(env.server_cpu_count()),
            "--no-access-log", "--log-level", "warning"]


def bearer_token(env):
    """For the authenticated system: an RS256 key pair made with openssl for this run, the JVM switches that turn
    bearer-token authentication on with its public key (quarkus.oidc.public-key: keys at hand, as a cached JWKS
    would be), and the Authorization header of a token signed with it, valid for a day. One caller reusing its
    token, as an OAuth2 client does until the token expires."""
    key = env.work / "auth-key.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    public_der = subprocess.run(["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"], check=True,
                                capture_output=True).stdout

    def b64url(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    now = int(time.time())
    signing_input = (b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode()) + "." + b64url(json.dumps(
        {"iss": AUTH_ISSUER, "aud": AUTH_AUDIENCE, "sub": "bench", "iat": now, "exp": now + 86400}).encode()))
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(key), "-binary"],
                               input=signing_input.encode(), check=True, capture_output=True).stdout
    switches = ["-Dscoring.auth.enabled=true", "-Dquarkus.oidc.public-key=" + base64.b64encode(public_der).decode(),
                "-Dquarkus.oidc.token.issuer=" + AUTH_ISSUER, "-Dquarkus.oidc.token.audience=" + AUTH_AUDIENCE]
    return switches, {"Authorization": "Bearer " + signing_input + "." + b64url(signature)}


def systems(env):
    iris_jar = ROOT / "functions/iris/target/quarkus-app/quarkus-run.jar"
    # The same function packaged as Quarkus' aot-jar (bench/run.sh builds it): every class on the
    # JVM's application class path, where an AOT cache can hold it; quarkus-app's own class loader
    # keeps most classes out of the cache.
    iris_aot_jar = ROOT / "functions/iris/target/quarkus-app-aot/quarkus-run.jar"
    # The same function built with Quarkus OIDC, which the shipped build leaves out (docs/security.md).
    iris_auth_jar = ROOT / "functions/iris/target/quarkus-app-auth/quarkus-run.jar"
    empty_jar = BENCH / "empty-endpoint/target/quarkus-app/quarkus-run.jar"
    empty_aot_jar = BENCH / "empty-endpoint/target/quarkus-app-aot/quarkus-run.jar"
    jvm = shipped_jvm_options()
    auth_switches, auth_headers = bearer_token(env)
    every = [
        dict(id="iris-jdk17", short="iris\nJava 17", label="iris function as shipped (Java 17, container JVM options)",
             kind="function", command=quarkus_command(env.java17, iris_jar, jvm=jvm), load=True, cloudevent=True),
        # Plain java -jar on this 24 GiB host: the heap and the collector are sized from the host,
        # as they would be for anyone who runs the jar outside its container.
        dict(id="iris-jdk17-host", short="iris\nJava 17, host-sized",
             label="iris function, plain java -jar (Java 17, heap sized from the host)", kind="function",
             command=quarkus_command(env.java17, iris_jar), load=True, cloudevent=False, cold_start=False),
        # What OpenTelemetry still costs with its defaults (see bench/FINDINGS.md): the SDK switched off
        # at run time, so no server span and no trace propagation.
        dict(id="iris-jdk17-lean", short="iris\nJava 17, no OTel",
             label="iris function, as shipped but OpenTelemetry SDK off", kind="function",
             command=quarkus_command(env.java17, iris_jar, jvm=jvm + LEAN_SWITCHES), load=True, cloudevent=False,
             cold_start=False),
        # Bearer-token authentication on (docs/security.md), every request carrying the caller's token: what
        # verification costs, measured side by side with the shipped build without it (interleaved rounds).
        dict(id="iris-jdk17-auth", side_by_side="iris-jdk17", short="iris\nJava 17, bearer token",
             label="iris function built with Quarkus OIDC, bearer-token authentication on (RS256; one caller"
                   " reusing its token)",
             kind="function", command=quarkus_command(env.java17, iris_auth_jar, jvm=jvm + auth_switches),
             headers=auth_headers, load=True, cloudevent=True, cold_start=False),
        dict(id="iris-jdk25", short="iris\nJava 25", label="iris function, Java 25 (container JVM options, no AOT cache)",
             kind="function", command=quarkus_command(env.java25, iris_jar, jvm=jvm), load=False, cloudevent=False),
        dict(id="iris-jdk25-aot", short="iris\nJava 25 + AOT",
             label="iris function, Java 25 + AOT cache (container JVM options, java -jar)",
             kind="function", command=quarkus_command(env.java25, iris_jar, env.work / "iris.aot", jvm=jvm), load=False,
             cloudevent=False, aot=dict(jar=iris_jar, cache=env.work / "iris.aot", jvm=jvm)),
        dict(id="iris-jdk25-aotjar", short="iris\nJava 25 + AOT,\naot-jar",
             label="iris function, Java 25 + AOT cache, aot-jar packaging (container JVM options)", kind="function",
             command=quarkus_command(env.java25, iris_aot_jar, env.work / "iris-aotjar.aot", jvm=jvm), load=True,
             cloudevent=False, aot=dict(jar=iris_aot_jar, cache=env.work / "iris-aotjar.aot", jvm=jvm)),
        # The floor runs with the same JVM options and sizing as the function it is the floor of.
        dict(id="empty-endpoint", short="empty endpoint\n(no scoring)",
             label="empty Quarkus/Vert.x endpoint (HTTP floor, same JVM options)", kind="floor",
             command=quarkus_command(env.java17, empty_jar, jvm=jvm), load=True, cloudevent=False),
        # The floor of the shipped image's start: the same empty endpoint on Java 25 with its own AOT cache, aot-jar
        # packaging and the same options, so the function's start is compared with like (issue 15).
        dict(id="empty-endpoint-jdk25-aotjar", short="empty endpoint\nJava 25 + AOT",
             label="empty Quarkus/Vert.x endpoint, Java 25 + AOT cache, aot-jar packaging (same JVM options)",
             kind="floor", command=quarkus_command(env.java25, empty_aot_jar, env.work / "empty-aotjar.aot", jvm=jvm),
             load=False, cloudevent=False,
             aot=dict(jar=empty_aot_jar, cache=env.work / "empty-aotjar.aot", jvm=jvm)),
        dict(id="fastapi", short="FastAPI\nsklearn",
             label=f"FastAPI + uvicorn, scikit-learn ({env.server_cpu_count()} worker)",
             kind="peer", command=peer_command, env=peer_env, load=True, cloudevent=False),
    ]
    if env.baseline:
        # An earlier build of the same function, for a before/after comparison in one run.
        every.insert(1, dict(id="iris-baseline", short="iris\nbaseline",
                             label=f"iris function at {env.baseline_label} (baseline; Java 17, container JVM options)",
                             kind="function", command=quarkus_command(env.java17, Path(env.baseline), jvm=jvm),
                             load=True, cloudevent=True))
    if env.native:
        every.insert(1, dict(id="iris-native", short="iris\nnative", kind="function",
                             label="iris function, native executable (GraalVM native image, -Xmx as the image runs it)",
                             command=native_command(env.native, shipped_native_max_heap()), load=True,
                             cloudevent=True))
    # Without Java 25 or a native executable (bench/run.sh says so) their systems are left out, not faked.
    return [s for s in every if env.java25 or "jdk25" not in s["id"]]


def describe(env, system):
    return {"label": system["label"], "short": system["short"], "kind": system["kind"],
            "command": ["taskset", "-c", env.server_cpus] + system["command"](env, 0, [])}


# ---------------------------------------------------------------- scenarios

def train_peer(env):
    out = env.work / "iris-sklearn.joblib"
    result = subprocess.run([env.python, str(BENCH / "peers/fastapi/train_sklearn.py"), str(ROOT / "models/iris"),
                             str(out)], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def train_aot_cache(env, system, bodies):
    """Java 25's one-step AOT workflow: a training run with -XX:AOTCacheOutput records what the
    application loads and links while it starts and serves requests; at exit the JVM writes the
    cache that later runs map with -XX:AOTCache."""
    aot = system["aot"]["cache"]
    aot.unlink(missing_ok=True)
    # Trained with the options it will run with: the cache records the collector and heap layout.
    train = dict(system, command=quarkus_command(env.java25, system["aot"]["jar"], jvm=system["aot"]["jvm"]))
    train["id"] = f"{system['id']}-training"
    started = time.monotonic()
    server = Server(env, train, env.port(), [f"-XX:AOTCacheOutput={aot}"])
    try:
        wait_for_first_score(server, bodies["single"].read_bytes())
        # Exercise the request paths that will be measured, so their classes are in the cache.
        paths = [(bodies["single"], "/predict", {}), (bodies["batch100"], "/predict", {})]
        if system["kind"] == "function":  # the floor answers /predict only
            paths.append((bodies["single"], "/", CE_HEADERS))
        for body, path, headers in paths:
            for _ in range(env.profile["aot_training_requests"]):
                status, payload = post(server.port, path, body.read_bytes(), headers)
                if status != 200:
                    raise RuntimeError(f"AOT training request to {path} answered {status}: {payload[:200]!r}")
    finally:
        server.stop(timeout=300)
    if not aot.exists():
        raise RuntimeError(f"no AOT cache written; see {server.log_path}")
    return {"cache_file": aot.name, "cache_bytes": aot.stat().st_size,
            "training_run_seconds": round(time.monotonic() - started, 1),
            "training_requests_per_path": env.profile["aot_training_requests"]}


def cold_starts(env, all_systems, bodies):
    """Process start to the first 200 on a real score request, round-robin over the systems so
    that a burst of machine noise does not land on one system only."""
    all_systems = [s for s in all_systems if s.get("cold_start", True)]
    runs = {s["id"]: [] for s in all_systems}
    # Resident memory at the moment of the first score: what a burst's new instance holds when it starts serving.
    rss_at_first_score = {s["id"]: [] for s in all_systems}
    body = bodies["single"].read_bytes()
    for i in range(env.profile["cold_runs"]):
        for system in all_systems:
            server = Server(env, system, env.port())
            try:
                seconds, payload = wait_for_first_score(server, body)
                rss_at_first_score[system["id"]].append(server.rss()["rss_kib"])
                check_answer(system, payload)
            finally:
                server.stop()
            runs[system["id"]].append(round(seconds * 1000, 1))
        log(f"cold start round {i + 1}: " + ", ".join(f"{k} {v[-1]:.0f} ms" for k, v in runs.items()))
    return {k: {"runs_ms": v, "median_ms": statistics.median(v), "min_ms": min(v), "max_ms": max(v),
                "rss_at_first_score_kib": statistics.median(rss_at_first_score[k])}
            for k, v in runs.items()}


def check_answer(system, payload):
    answer = json.loads(payload)
    if answer.get("label") not in ("setosa", "versicolor", "virginica"):
        raise RuntimeError(f"{system['id']} answered without a label: {payload[:200]!r}")


def wrk_script(env, name, body_file, headers):
    lua = env.work / f"{name}.lua"
    header_lines = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items())
    lua.write_text(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n{header_lines}'
                   f'local f = assert(io.open("{body_file}", "rb"))\nwrk.body = f:read("*a")\nf:close()\n')
    return lua


def run_wrk(env, server, path, lua, seconds):
    """Max throughput, plus the CPU time the server actually got meanwhile: on a machine shared with
    other work, requests per server CPU-second stays comparable when requests per second does not."""
    port = server.port
    cmd = ["taskset", "-c", env.client_cpus, "wrk", "-t1", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s",
           "-s", str(lua), f"http://127.0.0.1:{port}{path}"]
    cpu_before, wall_before = cpu_seconds_of_tree(server.proc.pid), time.monotonic()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    cpu = cpu_seconds_of_tree(server.proc.pid) - cpu_before
    wall = time.monotonic() - wall_before
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result = {
        "tool": "wrk (closed loop)",
        "settings": {"threads": 1, "connections": WRK_CONNECTIONS, "duration_s": seconds, "path": path},
        "requests": int(total.group(1)),
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(x) for x in sock.groups()) if sock else 0,
        "server_cpu_s": round(cpu, 2),
        "server_cpu_share": round(cpu / wall, 3),
    }
    result["requests_per_server_cpu_s"] = result["requests"] / cpu if cpu > 0 else None
    if result["non_2xx"] or result["socket_errors"]:
        raise RuntimeError(f"wrk saw errors against :{port}{path}: {out}")
    return result


def run_open_loop(env, port, path, body_file, headers, rate):
    out = env.work / f"openloop-{port}-{path.strip('/') or 'root'}-{body_file.stem}.json"
    cmd = ["taskset", "-c", env.client_cpus, env.java17, "-jar", str(BENCH / "loadgen/target/loadgen.jar"),
           "--url", f"http://127.0.0.1:{port}{path}", "--body", str(body_file),
           "--rate", f"{rate:.1f}", "--duration", str(env.profile["ol_s"] + env.profile["ol_warmup_s"]),
           "--warmup", str(env.profile["ol_warmup_s"]), "--connections", str(OPEN_LOOP_CONNECTIONS),
           "--out", str(out)]
    for k, v in headers.items():
        cmd += ["--header", f"{k}: {v}"]
    subprocess.run(cmd, check=True)
    return json.loads(out.read_text())


def load_cases(system, bodies):
    extra = system.get("headers", {})  # sent with every request, e.g. a bearer token
    cases = [("single", "/predict", bodies["single"], extra), ("batch100", "/predict", bodies["batch100"], extra)]
    if system["cloudevent"]:
        cases.append(("cloudevent", "/", bodies["single"], {**CE_HEADERS, **extra}))
        cases.append(("cloudevent_structured", "/", bodies["structured"],
                      {"Content-Type": "application/cloudevents+json", **extra}))
    return cases


def load_scenarios(env, group, bodies):
    """Warm-up, then max throughput (wrk) and latency at half of it (open loop) for one row and a
    100-row batch, CloudEvents too where asked; RSS idle before and after.

    A group of more than one system is measured side by side: all its servers run at once (only the
    one under load is busy), and each case is measured in rounds that alternate their order, so that
    the machine's drift between minutes (this VM's speed moves by +-30%) falls on all of them alike.
    Each system's figure for a case is its median round."""
    rounds = 1 if len(group) == 1 else env.profile["side_by_side_rounds"]
    servers = {}
    try:
        for system in group:
            server = servers[system["id"]] = Server(env, system, env.port())
            wait_for_first_score(server, bodies["single"].read_bytes(), headers=system.get("headers", {}))
        time.sleep(2)
        results = {sid: {"memory_idle": server.rss(), "throughput": {}, "latency": {}}
                   for sid, server in servers.items()}
        if len(group) > 1:
            for sid in results:
                results[sid]["measured_beside"] = [s["id"] for s in group if s["id"] != sid]
        # A JVM pinned to one core compiles on that core too: warm every measured path up first, so
        # that the case measured last is not the only one that ran on compiled code.
        for system in group:
            for name, path, body, headers in load_cases(system, bodies):
                run_wrk(env, servers[system["id"]], path, wrk_script(env, f"{system['id']}-{name}", body, headers),
                        env.profile["jit_warmup_s"])
        for name, *_ in load_cases(group[0], bodies):
            runs = {s["id"]: [] for s in group}
            for r in range(rounds):
                for system in (group if r % 2 == 0 else list(reversed(group))):
                    _, path, body, headers = next(c for c in load_cases(system, bodies) if c[0] == name)
                    lua = wrk_script(env, f"{system['id']}-{name}", body, headers)
                    run_wrk(env, servers[system["id"]], path, lua, env.profile["wrk_warmup_s"])  # not recorded
                    runs[system["id"]].append(run_wrk(env, servers[system["id"]], path, lua, env.profile["wrk_s"]))
            for system in group:
                sid = system["id"]
                _, path, body, headers = next(c for c in load_cases(system, bodies) if c[0] == name)
                ordered = sorted(runs[sid], key=lambda run: run["requests_per_s"])
                throughput = dict(ordered[(len(ordered) - 1) // 2])  # the lower median for an even count
                if rounds > 1:
                    throughput["rounds_requests_per_s"] = [run["requests_per_s"] for run in runs[sid]]
                results[sid]["throughput"][name] = throughput
                rate = throughput["requests_per_s"] * HALF_LOAD
                results[sid]["latency"][name] = run_open_loop(env, servers[sid].port, path, body, headers, rate)
                lat = results[sid]["latency"][name]["latency_us"]
                log(f"{sid} {name}: {throughput['requests_per_s']:.0f} req/s max "
                    f"({throughput['server_cpu_share']:.0%} of a core"
                    f"{', median of ' + str(rounds) + ' rounds' if rounds > 1 else ''}); "
                    f"at {rate:.0f} req/s p50 {lat['p50']} us, p99 {lat['p99']} us, "
                    f"errors {results[sid]['latency'][name]['errors']}")
        time.sleep(2)
        for sid, server in servers.items():
            results[sid]["memory_after_load"] = server.rss()
        return results
    finally:
        for server in servers.values():
            server.stop()


def load_groups(all_systems):
    """The systems to load, one group each, except those marked to be measured beside another
    (side_by_side), which join that system's group."""
    loaded = [s for s in all_systems if s["load"]]
    groups = {s["id"]: [s] for s in loaded if "side_by_side" not in s}
    for s in loaded:
        if "side_by_side" in s:
            groups[s["side_by_side"]].append(s)
    return list(groups.values())


def jmh(env):
    out = env.work / "jmh.json"
    cmd = ["taskset", "-c", env.server_cpus, env.java17, "-jar", str(BENCH / "jmh/target/benchmarks.jar"),
           "-p", f"modelDir={ROOT / 'models/iris'}", "-rf", "json", "-rff", str(out)] + env.profile["jmh_args"]
    subprocess.run(cmd, check=True, stdout=open(env.work / "logs/jmh.log", "w"), stderr=subprocess.STDOUT)
    results = {}
    for entry in json.loads(out.read_text()):
        name = entry["benchmark"].rsplit(".", 1)[1]
        metric = entry["primaryMetric"]
        rows = BATCH_SIZE if "Batch" in name else 1
        us = metric["score"]
        results[name] = {"us_per_op": us, "error_us": metric["scoreError"], "rows_per_op": rows,
                         "rows_per_s": rows * 1e6 / us, "mode": entry["mode"],
                         "settings": {k: entry[k] for k in ("forks", "warmupIterations", "warmupTime",
                                                             "measurementIterations", "measurementTime", "jvm")}}
    return results


# ---------------------------------------------------------------- machine

def first_line(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
        return (p.stdout + p.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return None


def machine(env):
    cpuinfo = Path("/proc/cpuinfo").read_text()
    mem = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text()).group(1)
    versions = subprocess.run([env.python, "-c",
                               "import sklearn, fastapi, uvicorn, numpy, pydantic, sys;"
                               "print(sys.version.split()[0], sklearn.__version__, fastapi.__version__,"
                               " uvicorn.__version__, numpy.__version__, pydantic.VERSION)"],
                              capture_output=True, text=True).stdout.split()
    return {
        "cpu_model": re.search(r"model name\s+:\s+(.*)", cpuinfo).group(1),
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "jdk17": first_line([env.java17, "-version"]) + " / " + subprocess.run(
            [env.java17, "-version"], capture_output=True, text=True).stderr.splitlines()[1],
        "jdk25": (first_line([env.java25, "-version"]) + " / " + subprocess.run(
            [env.java25, "-version"], capture_output=True, text=True).stderr.splitlines()[1]) if env.java25 else None,
        "python": versions[0] if versions else None,
        "sklearn": versions[1] if len(versions) > 1 else None,
        "fastapi": versions[2] if len(versions) > 2 else None,
        "uvicorn": versions[3] if len(versions) > 3 else None,
        "numpy": versions[4] if len(versions) > 4 else None,
        "pydantic": versions[5] if len(versions) > 5 else None,
        "wrk": first_line(["wrk", "-v"]),
        "openblas_env": {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS")},
    }


def git_info():
    head = first_line(["git", "-C", str(ROOT), "rev-parse", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", ".", ":!bench/results", ":!docs"],
                           capture_output=True, text=True).stdout.strip() != ""
    return {"commit": head, "dirty": dirty}


def native_provenance(env):
    """Which executable was measured: it is built by scripts/native-test.sh, not by this suite."""
    if not env.native:
        return "left out: no native executable (bench/run.sh says why)"
    exe = Path(env.native)
    stat = exe.stat()
    return {"executable": str(exe.relative_to(ROOT)), "bytes": stat.st_size,
            "built_utc": datetime.datetime.fromtimestamp(stat.st_mtime, datetime.timezone.utc).isoformat(timespec="seconds")}


def load_average():
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny durations: checks the suite works, measures nothing")
    parser.add_argument("--java17", required=True)
    parser.add_argument("--java25", required=True, help="Java 25 executable, or '' to leave its systems out")
    parser.add_argument("--native", default="", help="the iris native executable, or '' to leave it out")
    parser.add_argument("--baseline", default="", help="quarkus-run.jar of an earlier iris build to compare with")
    parser.add_argument("--baseline-label", default="an earlier commit", help="what the baseline is, e.g. a commit")
    parser.add_argument("--work", required=True, help="scratch directory (logs, AOT cache, request bodies)")
    parser.add_argument("--out", required=True, help="result JSON file")
    args = parser.parse_args()
    env = Env(args)
    for tool in ("taskset", "wrk"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (bench/run.sh installs it)")

    started = datetime.datetime.now(datetime.timezone.utc)
    result = {
        "schema": 1,
        "mode": env.mode,
        "started_utc": started.isoformat(timespec="seconds"),
        "load_average_start": load_average(),
        "git": git_info(),
        "machine": machine(env),
        "java25_systems": "measured" if env.java25 else "left out: no Java 25 on this machine",
        "native_system": native_provenance(env),
        "settings": {
            "profile": env.profile,
            "server_cpus": env.server_cpus,
            "client_cpus": env.client_cpus,
            "pinning": "servers (and JMH) on server_cpus, wrk / the open-loop generator / the cold-start poller "
                       "on client_cpus, with taskset",
            "wrk_connections": WRK_CONNECTIONS,
            "open_loop_connections": OPEN_LOOP_CONNECTIONS,
            "half_load_fraction": HALF_LOAD,
            "batch_size": BATCH_SIZE,
            "uvicorn_workers": env.server_cpu_count(),
            "request_rows": "models/iris/holdout.csv: first row for one-row requests, rows repeated to 100 for batches",
        },
    }
    # The poller, wrk and the generator are children of this process: they inherit its CPU set.
    os.sched_setaffinity(0, parse_cpu_list(env.client_cpus))
    bodies = write_request_bodies(env)
    all_systems = systems(env)
    result["systems"] = {s["id"]: describe(env, s) for s in all_systems}

    log("training the scikit-learn peer")
    result["peer_training"] = train_peer(env)
    log("JMH: Tribuo predict")
    result["jmh"] = jmh(env)
    log("Java 25 AOT cache training run")
    result["aot"] = {s["id"]: train_aot_cache(env, s, bodies) for s in all_systems if s.get("aot")}
    log("cold starts")
    result["cold_start"] = cold_starts(env, all_systems, bodies)
    result["load"] = {}
    for group in load_groups(all_systems):
        log("load: " + " beside ".join(s["id"] for s in group))
        result["load"].update(load_scenarios(env, group, bodies))
    result["finished_utc"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    result["load_average_end"] = load_average()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
