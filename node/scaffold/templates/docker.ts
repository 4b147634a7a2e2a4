import type { ProjectFacts } from '../facts.js'
import { BENTO_SERVICE, SERVICE_PORT, type FileFamily } from '../generated.js'
import { generatedNote, yamlFile } from '../serialize.js'

/** The command that starts the prediction service: BentoML when it is the serving choice, else the FastAPI app. */
export function serveCommand(facts: ProjectFacts): string[] {
  return facts.stack.bentoml
    ? ['bentoml', 'serve', BENTO_SERVICE, '--host', '0.0.0.0', '--port', String(SERVICE_PORT)]
    : ['uvicorn', 'src.api.app:app', '--host', '0.0.0.0', '--port', String(SERVICE_PORT)]
}

function dockerfile(facts: ProjectFacts): string {
  return `# ${generatedNote(facts.designDoc)}
# The prediction service: build it after make train has saved models/model.joblib.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY params.yaml .
COPY configs/ configs/
COPY src/ src/
COPY models/ models/

RUN useradd --create-home --uid 10001 app
USER 10001
EXPOSE ${SERVICE_PORT}
CMD [${serveCommand(facts).map((arg) => JSON.stringify(arg)).join(', ')}]
`
}

function compose(facts: ProjectFacts): string {
  const mlflow = facts.stack.mlflow
  const services: Record<string, unknown> = {
    api: {
      build: '.',
      ports: [`${SERVICE_PORT}:${SERVICE_PORT}`],
      volumes: ['./models:/app/models:ro'],
      ...(mlflow ? { environment: { MLFLOW_TRACKING_URI: 'http://mlflow:5000' } } : {}),
    },
    prometheus: {
      image: 'prom/prometheus:v2.53.0',
      ports: ['9090:9090'],
      volumes: ['./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro'],
    },
    grafana: {
      image: 'grafana/grafana:11.1.0',
      ports: ['3000:3000'],
      volumes: [
        './monitoring/grafana/provisioning:/etc/grafana/provisioning:ro',
        './monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ],
      depends_on: ['prometheus'],
    },
  }
  if (mlflow) {
    services.mlflow = {
      image: 'ghcr.io/mlflow/mlflow:v2.14.1',
      command: ['mlflow', 'server', '--host', '0.0.0.0', '--port', '5000', '--backend-store-uri', 'sqlite:////mlflow/mlflow.db', '--default-artifact-root', '/mlflow/artifacts'],
      ports: ['5000:5000'],
      volumes: ['mlflow-data:/mlflow'],
    }
  }
  return yamlFile({ services, ...(mlflow ? { volumes: { 'mlflow-data': {} } } : {}) }, `${generatedNote(facts.designDoc)} Run: docker compose up`)
}

const DOCKERIGNORE = `.git
.venv
__pycache__/
*.pyc
data/
notebooks/
reports/
mlruns/
`

/** The container of the prediction service and a compose file with Prometheus, Grafana (and MLflow when chosen). */
export const dockerFiles: FileFamily = (facts) => [
  { path: 'Dockerfile', content: dockerfile(facts) },
  { path: 'docker-compose.yml', content: compose(facts) },
  { path: '.dockerignore', content: DOCKERIGNORE },
]
