import type { FileFamily } from '../generated.js'

const TEST_PARAMS = String.raw`"""params.yaml, written from the design document, has what the pipeline reads."""
from src.config import DESIGN_DOC, load_params


def test_params_have_every_section_the_pipeline_reads():
    params = load_params()
    for section in ("data", "split", "train", "metrics"):
        assert section in params


def test_every_metric_has_a_known_direction():
    for metric in load_params()["metrics"]:
        assert metric["direction"] in ("higher", "lower", None), metric["name"]


def test_the_design_document_is_in_the_repository():
    assert DESIGN_DOC.is_file()
`

const TEST_EVALUATE = String.raw`"""The metric functions of src.models.evaluate."""
from src.models.evaluate import meets, metric_function, recall_at_top


def test_recall_at_top_counts_the_positives_among_the_highest_scores():
    assert recall_at_top([1, 0, 1, 0], [0.9, 0.8, 0.1, 0.2], 0.5) == 0.5


def test_meets_follows_the_direction_and_ignores_text():
    assert meets(0.6, 0.5, "higher") is True
    assert meets(120.0, 100, "lower") is False
    assert meets(0.6, "2.1%", "higher") is None


def test_metric_keys_find_their_functions():
    assert metric_function("recall_at_top_10") is not None
    assert metric_function("pr_auc") is not None
    assert metric_function("monthly_revenue") is None
`

const TEST_API = String.raw`"""The HTTP API answers health checks and exposes metrics without a trained model."""
from fastapi.testclient import TestClient

from src.api.app import app

client = TestClient(app)


def test_health_answers_ok():
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_metrics_are_exposed_for_prometheus():
    response = client.get("/metrics")
    assert response.status_code == 200
    assert "prediction_latency_seconds" in response.text
`

/** pytest tests of the generated code: params, metric functions, the API. */
export const testFiles: FileFamily = () => [
  { path: 'tests/test_params.py', content: TEST_PARAMS },
  { path: 'tests/test_evaluate.py', content: TEST_EVALUATE },
  { path: 'tests/test_api.py', content: TEST_API },
]
