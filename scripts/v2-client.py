#!/usr/bin/env python3
"""A minimal Open Inference Protocol (V2, REST) client, written from the protocol's JSON shapes and
nothing else of this project: it reads a model's metadata, builds one FP64 tensor per input from the
given rows, calls infer, and checks the response against the metadata.

Usage: scripts/v2-client.py BASE_URL MODEL ROWS_JSON
  ROWS_JSON: a JSON array of {input name: number} objects
Prints the outputs as JSON; exits 1 on any protocol violation.
Only the Python standard library is used.
"""
import json
import sys
import urllib.error
import urllib.request


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def fail(message):
    print("V2 protocol violation: " + message, file=sys.stderr)
    sys.exit(1)


def main(base, model, rows):
    status, _ = call("GET", f"{base}/v2/health/live")
    if status != 200:
        fail(f"server not live ({status})")
    status, _ = call("GET", f"{base}/v2/models/{model}/ready")
    if status != 200:
        fail(f"model not ready ({status})")
    status, meta = call("GET", f"{base}/v2/models/{model}")
    if status != 200 or meta.get("name") != model:
        fail(f"bad metadata ({status}): {meta}")
    inputs = [{"name": i["name"], "datatype": "FP64", "shape": [len(rows)],
               "data": [float(row[i["name"]]) for row in rows]} for i in meta["inputs"]]
    status, answer = call("POST", f"{base}/v2/models/{model}/infer", {"id": "v2-client-1", "inputs": inputs})
    if status != 200:
        fail(f"infer failed ({status}): {answer}")
    if answer.get("id") != "v2-client-1" or answer.get("model_name") != model:
        fail(f"response does not echo id and model: {answer}")
    declared = {o["name"]: o for o in meta["outputs"]}
    for output in answer["outputs"]:
        spec = declared.get(output["name"])
        if spec is None or spec["datatype"] != output["datatype"]:
            fail(f"undeclared output or datatype: {output}")
        size = 1
        for dim in output["shape"]:
            size *= dim
        if output["shape"][0] != len(rows) or size != len(output["data"]):
            fail(f"shape {output['shape']} does not match {len(output['data'])} values for {len(rows)} rows")
    status, error = call("POST", f"{base}/v2/models/{model}/infer", {"inputs": inputs[:-1]})
    if status < 400 or not isinstance(error.get("error"), str):
        fail(f"a request missing an input must fail with {{'error': ...}}, got {status} {error}")
    print(json.dumps({o["name"]: o["data"] for o in answer["outputs"]}))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1].rstrip("/"), sys.argv[2], json.loads(sys.argv[3]))
