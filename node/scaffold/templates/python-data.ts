import type { FileFamily } from '../generated.js'
import { generatedNote, pythonString } from '../serialize.js'

/** The shared settings module and the data steps: collect, validate, build features and split. */
export const pythonDataFiles: FileFamily = (facts) => [
  {
    path: 'src/config.py',
    content: String.raw`"""Settings shared by every step: the project's title and params.yaml.

${generatedNote(facts.designDoc)}
"""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_TITLE = ${pythonString(facts.title)}
DESIGN_DOC = ROOT / ${pythonString(facts.designDoc)}
PARAMS_FILE = ROOT / "params.yaml"


def load_params() -> dict:
    """params.yaml: data paths, split, training settings and the design document's metrics."""
    with open(PARAMS_FILE, encoding="utf-8") as file:
        return yaml.safe_load(file)
`,
  },
  {
    path: 'src/data/make_dataset.py',
    content: String.raw`"""Collects the raw extracts (CSV files in data/raw) into one interim dataset."""
import sys

import pandas as pd

from src.config import ROOT, load_params


def main() -> int:
    data = load_params()["data"]
    raw = ROOT / data["raw_dir"]
    files = sorted(raw.glob("*.csv"))
    if not files:
        print(f"make_dataset: no CSV files in {raw}; put the raw extracts there", file=sys.stderr)
        return 1
    frame = pd.concat([pd.read_csv(file) for file in files], ignore_index=True).drop_duplicates()
    out = ROOT / data["interim"]
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False)
    print(f"make_dataset: {len(frame)} rows from {len(files)} files -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
`,
  },
  {
    path: 'src/data/validate.py',
    content: String.raw`"""Checks the interim dataset before features are built: rows, labels and duplicates."""
import sys

import pandas as pd

from src.config import ROOT, load_params


def problems(frame: pd.DataFrame, target: str) -> list[str]:
    """What is wrong with the dataset, one sentence each; empty when it can be used."""
    found = []
    if frame.empty:
        found.append("the dataset has no rows")
    if target not in frame.columns:
        found.append(f"the target column {target!r} is missing")
    elif frame[target].isna().any():
        found.append(f"{int(frame[target].isna().sum())} rows have no label in {target!r}")
    duplicates = int(frame.duplicated().sum())
    if duplicates:
        found.append(f"{duplicates} rows are duplicates")
    return found


def main() -> int:
    data = load_params()["data"]
    frame = pd.read_csv(ROOT / data["interim"])
    found = problems(frame, data["target_column"])
    for problem in found:
        print(f"validate: {problem}", file=sys.stderr)
    if not found:
        print(f"validate: {len(frame)} rows, {len(frame.columns)} columns: ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
`,
  },
  {
    path: 'src/features/build_features.py',
    content: String.raw`"""Turns the interim dataset into model inputs and splits it into a training and a test set."""
import sys

import pandas as pd
from sklearn.model_selection import train_test_split

from src.config import ROOT, load_params


def build_features(frame: pd.DataFrame) -> pd.DataFrame:
    """The model's inputs: numbers as they are, other columns one-hot encoded."""
    return pd.get_dummies(frame, dummy_na=True)


def main() -> int:
    params = load_params()
    data, split = params["data"], params["split"]
    target = data["target_column"]
    frame = pd.read_csv(ROOT / data["interim"])
    features = build_features(frame.drop(columns=[target]))
    features[target] = frame[target]
    stratify = features[target] if params["train"]["task"] == "classification" else None
    train, test = train_test_split(
        features, test_size=split["test_size"], random_state=split["random_state"], stratify=stratify
    )
    for name, part in (("train", train), ("test", test)):
        path = ROOT / data[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        part.to_csv(path, index=False)
        print(f"build_features: {name} {len(part)} rows -> {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
`,
  },
]
