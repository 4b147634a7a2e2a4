import { BENTO_SERVICE, type FileFamily } from '../generated.js'
import { generatedNote, yamlFile } from '../serialize.js'

const SERVICE_PY = String.raw`"""BentoML service serving the model, the serving choice of the design document.

BentoML adds /healthz, /livez, /readyz and /metrics; bentofile.yaml packages it: bentoml build.
"""
import bentoml
import pandas as pd

from src.models import predict as scoring


@bentoml.service(traffic={"timeout": 10})
class PredictionService:
    """The trained model behind POST /predict."""

    def __init__(self) -> None:
        self.model = scoring.load_model()

    @bentoml.api
    def predict(self, features: dict) -> dict:
        """Scores one case: feature name to value, as in the training data."""
        return {"score": float(scoring.predict(self.model, pd.DataFrame([features])).iloc[0])}
`

/** BentoML service files, when BentoML is the serving choice: the service and its bentofile.yaml. */
export const servingFiles: FileFamily = (facts) => {
  if (!facts.stack.bentoml) return []
  const [module, service] = BENTO_SERVICE.split(':') as [string, string]
  return [
    { path: `${module.replace(/\./g, '/')}.py`, content: SERVICE_PY },
    {
      path: 'bentofile.yaml',
      content: yamlFile({
        service: `${module}:${service}`,
        description: facts.title,
        labels: { project: facts.slug },
        include: ['src/**/*.py', 'params.yaml', 'models/model.joblib'],
        python: { requirements_txt: './requirements.txt' },
        docker: { python_version: '3.11' },
      }, generatedNote(facts.designDoc)),
    },
  ]
}
