import type { ProjectFacts } from '../facts.js'
import type { FileFamily, GeneratedFile } from '../generated.js'

/** Training without experiment tracking: fit, save. */
const PLAIN_TRAINING = String.raw`    model.fit(x, y)
    save(model, path)
`

/** Training tracked in MLflow (the document's choice): parameters, the model file and the registered model. */
const MLFLOW_TRAINING = String.raw`    settings = mlflow_settings()
    mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", settings["tracking_uri"]))
    mlflow.set_experiment(settings["experiment_name"])
    with mlflow.start_run():
        mlflow.log_params({"task": train_params["task"], **train_params["model"]})
        model.fit(x, y)
        save(model, path)
        mlflow.log_artifact(str(path))
        mlflow.sklearn.log_model(model, artifact_path="model", registered_model_name=settings["registered_model_name"])
`

const MLFLOW_SETTINGS = String.raw`

def mlflow_settings() -> dict:
    """configs/mlflow.yaml: where runs are tracked and under which names."""
    with open(ROOT / "configs" / "mlflow.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)
`

function trainPy(facts: ProjectFacts): GeneratedFile {
  const mlflow = facts.stack.mlflow
  const imports = mlflow
    ? 'import os\nimport sys\n\nimport joblib\nimport mlflow\nimport mlflow.sklearn\nimport pandas as pd\nimport yaml\n'
    : 'import sys\n\nimport joblib\nimport pandas as pd\n'
  return {
    path: 'src/models/train.py',
    content: String.raw`"""Trains the model on the training set and saves it under models/${mlflow ? ', tracking the run in MLflow' : ''}."""
${imports}from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

from src.config import ROOT, load_params


def make_model(train_params: dict):
    """A gradient-boosted tree model for the task in params.yaml, with its settings."""
    if train_params["task"] == "classification":
        estimator = HistGradientBoostingClassifier
    else:
        estimator = HistGradientBoostingRegressor
    return estimator(random_state=train_params["random_state"], **train_params["model"])


def save(model, path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    print(f"train: model -> {path.relative_to(ROOT)}")
${mlflow ? MLFLOW_SETTINGS : ''}

def main() -> int:
    params = load_params()
    data, train_params = params["data"], params["train"]
    frame = pd.read_csv(ROOT / data["train"])
    x, y = frame.drop(columns=[data["target_column"]]), frame[data["target_column"]]
    model = make_model(train_params)
    path = ROOT / train_params["model_path"]
${mlflow ? MLFLOW_TRAINING : PLAIN_TRAINING}    return 0


if __name__ == "__main__":
    sys.exit(main())
`,
  }
}

const PREDICT_PY = String.raw`"""Scores cases with the trained model: python -m src.models.predict INPUT.csv OUTPUT.csv"""
import sys

import joblib
import pandas as pd

from src.config import ROOT, load_params
from src.features.build_features import build_features


def model_path():
    return ROOT / load_params()["train"]["model_path"]


def load_model():
    """The model saved by src.models.train."""
    return joblib.load(model_path())


def predict(model, frame: pd.DataFrame) -> pd.Series:
    """One score per row: the probability of the positive class, or the predicted value."""
    features = build_features(frame).reindex(columns=model.feature_names_in_, fill_value=0)
    if hasattr(model, "predict_proba"):
        return pd.Series(model.predict_proba(features)[:, 1], index=frame.index, name="score")
    return pd.Series(model.predict(features), index=frame.index, name="score")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m src.models.predict INPUT.csv OUTPUT.csv", file=sys.stderr)
        return 2
    predict(load_model(), pd.read_csv(argv[0])).to_frame().to_csv(argv[1], index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`

const EVALUATE_PY = String.raw`"""Scores the model on the test set against the offline metrics of the design document.

The metrics, with their baselines, targets and directions, come from params.yaml. The report goes
to reports/metrics.json; the exit status is 1 when a metric misses its minimum acceptable value.
"""
import json
import math
import re
import sys

import numpy as np
import pandas as pd
from sklearn import metrics as skm

from src.config import ROOT, load_params
from src.models.predict import load_model, predict

REPORT = ROOT / "reports" / "metrics.json"


def recall_at_top(labels, scores, share: float) -> float:
    """Share of all positive cases found among the highest-scored share of cases."""
    labels, scores = np.asarray(labels), np.asarray(scores)
    count = max(1, int(round(len(scores) * share)))
    top = np.argsort(-scores, kind="stable")[:count]
    positives = labels.sum()
    return float(labels[top].sum() / positives) if positives else math.nan


def metric_function(key: str):
    """The function computing a metric from (labels, scores), found by the metric's key; None if unknown."""
    top = re.fullmatch(r"recall_at_top_(\d+)(_.*)?", key)
    if top:
        share = int(top.group(1)) / 100
        return lambda labels, scores: recall_at_top(labels, scores, share)
    known = [
        (r"pr_auc|average_precision", lambda labels, scores: skm.average_precision_score(labels, scores)),
        (r"roc_auc|^auc$", lambda labels, scores: skm.roc_auc_score(labels, scores)),
        (r"f1", lambda labels, scores: skm.f1_score(labels, scores >= 0.5)),
        (r"precision", lambda labels, scores: skm.precision_score(labels, scores >= 0.5)),
        (r"recall", lambda labels, scores: skm.recall_score(labels, scores >= 0.5)),
        (r"accuracy", lambda labels, scores: skm.accuracy_score(labels, scores >= 0.5)),
        (r"rmse", lambda labels, scores: math.sqrt(skm.mean_squared_error(labels, scores))),
        (r"mae", lambda labels, scores: skm.mean_absolute_error(labels, scores)),
    ]
    for pattern, function in known:
        if re.search(pattern, key):
            return function
    return None


def meets(value: float, bound, direction) -> bool | None:
    """Whether value is at least as good as bound in the metric's direction; None when that cannot be told."""
    if isinstance(bound, bool) or not isinstance(bound, (int, float)) or direction not in ("higher", "lower"):
        return None
    return value >= bound if direction == "higher" else value <= bound


def main() -> int:
    params = load_params()
    data = params["data"]
    test = pd.read_csv(ROOT / data["test"])
    labels = test[data["target_column"]].to_numpy()
    scores = predict(load_model(), test.drop(columns=[data["target_column"]])).to_numpy()
    results, failed = [], False
    for metric in params["metrics"]:
        if metric["layer"] != "offline":
            continue
        function = metric_function(metric["key"])
        if function is None:
            print(f"evaluate: nothing computes {metric['name']!r} yet; add it to metric_function", file=sys.stderr)
            results.append({**metric, "value": None})
            continue
        value = float(function(labels, scores))
        acceptable = meets(value, metric["minimum"], metric["direction"])
        failed = failed or acceptable is False
        results.append({**metric, "value": value, "acceptable": acceptable,
                        "on_target": meets(value, metric["target"], metric["direction"])})
        print(f"evaluate: {metric['name']}: {value:.4f} (baseline {metric['baseline']}, "
              f"target {metric['target']}, minimum {metric['minimum']})")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps({"metrics": results}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
`

/** The model steps: train (tracked in MLflow when it is chosen), predict, evaluate against the document's metrics. */
export const pythonModelFiles: FileFamily = (facts) => [
  trainPy(facts),
  { path: 'src/models/predict.py', content: PREDICT_PY },
  { path: 'src/models/evaluate.py', content: EVALUATE_PY },
]
