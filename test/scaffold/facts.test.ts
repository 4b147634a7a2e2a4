import { describe, expect, it } from 'vitest'
import { projectFacts } from '../../node/scaffold/index.js'
import { docFrom } from '../repo/git-fixture.js'
import { designDoc, metric, toolChoice } from './fixtures.js'

describe('projectFacts', () => {
  it('takes the problem from the problem-framing section, as Markdown, subsections included', () => {
    const doc = docFrom('---\ntitle: T\n---\n\n## Overview\n\nOpening.\n\n## Problem framing\n\n### Business problem\n\nCalls go to *loyal* customers.\n\n- first\n- second\n\n## Data\n\nNot the problem.\n')
    expect(projectFacts(doc).problem).toBe('Calls go to *loyal* customers.\n\n- first\n- second\n')
  })

  it('falls back to the opening paragraph, never to text after an empty problem section', () => {
    const opening = docFrom('---\ntitle: T\n---\n\n## Overview\n\nWe score every account nightly.\n\n## Problem framing\n\n## Maturity\n\nReference text.\n')
    expect(projectFacts(opening).problem).toBe('We score every account nightly.\n')
    const none = docFrom('---\ntitle: T\n---\n\n## Problem framing\n\n## Maturity\n\nReference text.\n')
    expect(projectFacts(none).problem).toBeNull()
    const noHeading = docFrom('---\ntitle: T\n---\n\n## Goals\n\nFewer churners.\n')
    expect(projectFacts(noHeading).problem).toBe('Fewer churners.\n')
    const uzbek = docFrom('---\ntitle: T\nlang: uz\n---\n\n## Muammoni shakllantirish\n\nMijozlar ketmoqda.\n')
    expect(projectFacts(uzbek).problem).toBe('Mijozlar ketmoqda.\n')
  })

  it('counts a tool as chosen from the Tool field only, not from the alternatives', () => {
    const facts = projectFacts(docFrom(designDoc('T', 'P.', [
      toolChoice('Data versioning', 'LakeFS', 'DVC'),
      toolChoice('Other', 'mlflow tracking server'),
      toolChoice('Model serving', 'manual', 'BentoML'),
    ])))
    expect(facts.stack).toEqual({ dvc: false, airflow: false, prefect: false, dagster: false, mlflow: true, bentoml: false, evidently: false, feast: false })
    expect(facts.tools).toEqual([
      { category: 'Data versioning', chosen: 'LakeFS' },
      { category: 'Other', chosen: 'mlflow tracking server' },
      { category: 'Model serving', chosen: 'manual' },
    ])
  })

  it('gives every named metric a unique key and leaves unnamed ones out', () => {
    const facts = projectFacts(docFrom(designDoc('T', 'P.', [
      metric('Recall at top 10%', 'offline', 'higher', '0.3', '0.5'),
      metric('Recall at top 10 %', 'offline', 'higher', '0.3', '0.5'),
      metric('', 'offline', 'higher', '0.3', '0.5'),
      metric('Точность', 'offline', 'higher', '', ''),
    ])))
    expect(facts.metrics.map((m) => m.key)).toEqual(['recall_at_top_10', 'recall_at_top_10_2', 'tochnost'])
  })

  it('uses the slug when the title is empty', () => {
    const facts = projectFacts(docFrom('---\ntitle: ""\n---\n\nText.\n'))
    expect(facts).toMatchObject({ title: 'design-doc', slug: 'design-doc', snake: 'design_doc', designDoc: 'docs/design/design-doc.md' })
  })
})
