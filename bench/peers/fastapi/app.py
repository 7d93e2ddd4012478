"""Benchmark fixture: the FastAPI + uvicorn peer, standing in for KServe's sklearn server.

POST /predict takes one iris row as a JSON object, or an array of them, exactly like the scoring
functions, and answers {"label", "probabilities", "model", "version", "warnings"} per row (an array
for an array). Fields are validated by pydantic (FastAPI's own way); no drift, metrics or tracing,
so this peer does less per request than the functions do. The handler is async: the work is a
few microseconds of CPU, and a sync handler would add a thread-pool hop per request.

The joblib file comes from train_sklearn.py; its path is in BENCH_PEER_MODEL.
"""
import os
from typing import List, Union

import joblib
import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel

_bundle = joblib.load(os.environ["BENCH_PEER_MODEL"])
_model = _bundle["model"]
_classes = list(_model.classes_)
_labels = _bundle["labels"]
_features = _bundle["features"]


class IrisRow(BaseModel):
    sepal_length: float
    sepal_width: float
    petal_length: float
    petal_width: float


app = FastAPI()


def _score(rows):
    x = np.array([[getattr(r, f) for f in _features] for r in rows])
    probabilities = _model.predict_proba(x)
    answers = []
    for p in probabilities:
        best = int(np.argmax(p))
        answers.append({
            "label": _classes[best],
            "probabilities": {label: float(p[_classes.index(label)]) for label in _labels},
            "model": _bundle["name"],
            "version": _bundle["version"],
            "warnings": [],
        })
    return answers


@app.post("/predict")
async def predict(body: Union[List[IrisRow], IrisRow]):
    if isinstance(body, list):
        return _score(body)
    return _score([body])[0]
