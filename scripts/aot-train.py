#!/usr/bin/env python3
"""The AOT training workload: exercises every path a function serves, so that a JVM recording with
-XX:AOTCacheOutput (scripts/image-check.sh, inside the function's own image) sees the classes and methods
real traffic needs: one row and a batch on /predict, a refusal, binary and structured CloudEvents (request
and explanation types), /explain, the V2 inference protocol, health and metrics. Every answer is checked
for its status, so a broken path fails the training instead of leaving a cache that never saw it.

usage: scripts/aot-train.py BASE_URL FUNCTION SAMPLE_JSON [ROUNDS]
Python standard library only.
"""
import json
import sys
import urllib.error
import urllib.request


def call(base, method, path, body=None, headers=None, expect=200):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    headers = dict(headers or {})
    if data is not None:
        headers.setdefault("Content-Type", "application/json")
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as refusal:
        status, payload = refusal.code, refusal.read()
    if status != expect:
        sys.exit(f"aot-train: {method} {path} answered {status}, expected {expect}: {payload[:300]!r}")
    return payload


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    base, function, sample_path = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) == 5 else 200
    row = json.load(open(sample_path))
    metadata = json.loads(call(base, "GET", f"/v2/models/{function}"))
    features = [tensor["name"] for tensor in metadata["inputs"]]
    v2 = {"id": "aot", "inputs": [{"name": name, "shape": [1], "datatype": "FP64", "data": [row[name]]}
                                  for name in features]}

    def event(kind, i):
        return {"Ce-Id": f"aot-{kind}-{i}", "Ce-Specversion": "1.0", "Ce-Source": "/aot-training",
                "Ce-Type": f"dev.scoring.{function}.{kind}", "Content-Type": "application/json"}

    for i in range(rounds):
        call(base, "POST", "/predict", row)
        call(base, "POST", "/predict", [row] * 10)
        call(base, "POST", "/predict", {"not_a_feature": 1}, expect=400)
        call(base, "POST", "/", row, headers=event("request", i))
        call(base, "POST", "/", {"specversion": "1.0", "id": f"aot-structured-{i}", "source": "/aot-training",
                                 "type": f"dev.scoring.{function}.request", "datacontenttype": "application/json",
                                 "data": row},
             headers={"Content-Type": "application/cloudevents+json"})
        call(base, "POST", f"/v2/models/{function}/infer", v2)
        if i % 10 == 0:
            # Explanations are slow (LIME samples the model); a few are enough to load their code.
            call(base, "POST", "/explain", row)
            call(base, "POST", "/", row, headers=event("explain", i))
            call(base, "GET", "/q/health/ready")
            call(base, "GET", "/q/metrics")
    print(f"aot-train: {rounds} rounds over /predict (row, batch, refusal), CloudEvents (binary, structured, "
          f"explain), /explain, V2 infer, health and metrics: all answered as expected")


if __name__ == "__main__":
    main()
