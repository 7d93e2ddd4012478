"""Benchmark fixture: fits the scikit-learn peer of a Tribuo logistic-regression function.

The training rows are the model's training split: every row of the data set that is not in the
held-out file (removed as a multiset, so duplicate rows count correctly). The Java trainer
(models/trainer) made that split with a seeded stratified shuffle; taking its complement needs no
reimplementation of java.util.Random. Prints the held-out accuracy, which must pass the model's
quality gate from spec.json, and writes a joblib file for app.py.

usage: /usr/bin/python3 train_sklearn.py MODEL_DIR OUT.joblib
"""
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression


def read_sklearn_csv(path):
    """scikit-learn's bundled CSV format: a header 'rows,features,label0,label1,...', then rows
    of feature values followed by the label index."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        labels = header[2:]
        rows = [(tuple(float(v) for v in r[:-1]), labels[int(r[-1])]) for r in reader if r]
    return rows, labels


def read_holdout(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [(tuple(float(v) for v in r[:-1]), r[-1]) for r in reader if r]
    return header[:-1], rows


def main(model_dir, out):
    model_dir = Path(model_dir)
    spec = json.loads((model_dir / "spec.json").read_text())
    if spec["algorithm"]["name"] != "logistic-regression":
        sys.exit(f"{model_dir}/spec.json trains {spec['algorithm']['name']}; this peer is logistic regression only")
    data, labels = read_sklearn_csv(model_dir / spec["dataset"]["file"])
    features, holdout = read_holdout(model_dir / "holdout.csv")
    remaining = Counter(holdout)
    train = []
    for row in data:
        if remaining[row] > 0:
            remaining[row] -= 1
        else:
            train.append(row)
    missing = +remaining
    if missing:
        sys.exit(f"held-out rows not found in the data set: {list(missing)[:3]}")
    x = np.array([r[0] for r in train])
    y = np.array([r[1] for r in train])
    # standardize=false in spec.json: no scaler, as for the Tribuo model.
    model = LogisticRegression(max_iter=1000).fit(x, y)
    hx = np.array([r[0] for r in holdout])
    hy = np.array([r[1] for r in holdout])
    accuracy = float((model.predict(hx) == hy).mean())
    gate = spec["gate"]["accuracy"]
    if accuracy < gate:
        sys.exit(f"sklearn peer holdout accuracy {accuracy:.3f} is below the gate {gate}")
    joblib.dump({"model": model, "features": features, "labels": labels,
                 "name": spec["name"], "version": spec["version"]}, out)
    print(json.dumps({"train_rows": len(train), "holdout_rows": len(holdout),
                      "holdout_accuracy": accuracy, "out": str(out)}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
