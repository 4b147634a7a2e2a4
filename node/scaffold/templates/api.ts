import type { FileFamily } from '../generated.js'

const APP_PY = String.raw`"""HTTP API serving the model: POST /predict, GET /health, GET /metrics (for Prometheus)."""
import time

import pandas as pd
from fastapi import FastAPI, HTTPException, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from pydantic import BaseModel

from src.config import PROJECT_TITLE
from src.models.predict import load_model, model_path, predict

REQUESTS = Counter("prediction_requests", "Prediction requests, by outcome", ["outcome"])
LATENCY = Histogram("prediction_latency_seconds", "Time to answer a prediction request")

app = FastAPI(title=PROJECT_TITLE)
_model = None


class PredictionRequest(BaseModel):
    """One case to score: feature name to value, as in the training data."""

    features: dict[str, float | int | str | bool | None]


class PredictionResponse(BaseModel):
    score: float


def model():
    """The trained model, loaded on first use; 503 until make train has saved one."""
    global _model
    if _model is None:
        if not model_path().exists():
            raise HTTPException(status_code=503, detail="the model is not trained yet: run make train")
        _model = load_model()
    return _model


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


@app.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@app.post("/predict", response_model=PredictionResponse)
def predict_one(request: PredictionRequest) -> PredictionResponse:
    started = time.perf_counter()
    outcome = "error"
    try:
        score = float(predict(model(), pd.DataFrame([request.features])).iloc[0])
        outcome = "ok"
        return PredictionResponse(score=score)
    except HTTPException:
        outcome = "unavailable"
        raise
    finally:
        REQUESTS.labels(outcome).inc()
        LATENCY.observe(time.perf_counter() - started)
`

/** The FastAPI app every project gets: predictions, health and Prometheus metrics. */
export const apiFiles: FileFamily = () => [{ path: 'src/api/app.py', content: APP_PY }]
