import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BLOCK_TYPES, isBlockType } from '../../../core/blocks/define.js'
import type { MLDocument } from '../../../core/document/model.js'
import { LANGS } from '../../../core/i18n.js'
import { lintDocument } from '../../../core/lint/index.js'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { documentFromTemplate, type Template } from '../../../core/templates/index.js'
import { findTemplate, loadTemplates, templatesDir } from '../../../node/templates.js'

const TEMPLATES = loadTemplates()
const IDS = [...new Set(TEMPLATES.map((t) => t.id))]

/** The structure two language versions of a template share: heading levels and blocks with their attributes, in order. */
function structure(doc: MLDocument): string[] {
  const out: string[] = []
  doc.body.descendants((node) => {
    if (node.type.name === 'heading' && node.attrs.level <= 2) out.push(`h${node.attrs.level}`)
    if (isBlockType(node.type.name)) out.push(`${node.type.name} ${JSON.stringify(node.attrs)}`)
    if (node.type.name === 'maturityCriterion') out.push(`  ${node.attrs.criterion}=${node.attrs.level}`)
    return true
  })
  return out
}

describe('the templates folder', () => {
  it('holds the ML Engineering Document, the tool comparison, the maturity assessment and the churn example, each in English and Uzbek', () => {
    expect(IDS).toEqual(['example-churn-prediction', 'ml-engineering-document', 'mlops-maturity-assessment', 'tool-comparison'])
    for (const id of IDS) expect(TEMPLATES.filter((t) => t.id === id).map((t) => t.lang)).toEqual([...LANGS])
  })

  it('is found from the module location', () => {
    expect(templatesDir()).toBe(join(import.meta.dirname, '../../../templates'))
  })
})

describe.each(TEMPLATES.map((t) => [`${t.id}/${t.lang}.md`, t] as [string, Template]))('template %s', (file, template) => {
  const text = readFileSync(join(templatesDir(), file), 'utf8')

  it('has a title, a one-line description, and a header naming its template and language', () => {
    expect(template.title).not.toBe('')
    expect(template.description).not.toMatch(/\n/)
    expect(template.doc.meta.template).toBe(template.id)
    expect(template.doc.meta.lang).toBe(template.lang)
  })

  it('is written exactly as MLDoc exports it, so it reads the same on GitHub and after a save', () => {
    expect(exportMarkdown(template.doc)).toBe(text)
  })

  it('round-trips: export then import gives the same document, and a second export the same bytes', () => {
    const markdown = exportMarkdown(template.doc)
    const again = importMarkdown(markdown, { strict: true }).doc
    expect(again.meta).toEqual(template.doc.meta)
    expect(again.body.eq(template.doc.body)).toBe(true)
    expect(exportMarkdown(again)).toBe(markdown)
  })

  it('gives guidance on every H2 section and keeps it out of the content', () => {
    const sections: { guidance: string | null }[] = []
    const paragraphs: string[] = []
    template.doc.body.forEach((node) => {
      if (node.type.name === 'heading' && node.attrs.level === 2) sections.push({ guidance: node.attrs.guidance as string | null })
      else paragraphs.push(node.textContent)
    })
    expect(sections.length).toBeGreaterThan(0)
    for (const section of sections) expect(section.guidance).toBeTruthy()
    const guidance = new Set(sections.map((s) => s.guidance))
    expect(paragraphs.filter((p) => guidance.has(p))).toEqual([])
  })

  if (template.lang === 'uz') {
    it('writes Uzbek with the modifier letters ʻ and ʼ, never a typewriter apostrophe', () => {
      expect(text).not.toMatch(/[A-Za-z]['’‘`][A-Za-z]/)
      expect(text).toMatch(/[oOgG]\u02BB/)
    })
  }
})

describe.each(IDS)('the en and uz versions of %s', (id) => {
  const en = findTemplate(id, 'en')
  const uz = findTemplate(id, 'uz')

  it('have the same structure: H2 sections and structured blocks with the same attributes, in the same order', () => {
    expect(structure(uz.doc)).toEqual(structure(en.doc))
  })
})

describe('documentFromTemplate', () => {
  it('starts a draft that remembers its template and leaves the start-screen description behind', () => {
    const template = findTemplate('example-churn-prediction', 'en')
    expect(template.doc.meta.status).toBe('approved')
    const doc = documentFromTemplate(template)
    expect(doc.meta.status).toBe('draft')
    expect(doc.meta.template).toBe('example-churn-prediction')
    expect(doc.meta.extra).not.toHaveProperty('description')
    expect(doc.meta.title).toBe(template.title)
    expect(doc.body.eq(template.doc.body)).toBe(true)
    expect(template.doc.meta.extra.description).toBe(template.description)
    expect(exportMarkdown(doc)).not.toContain('description:')
  })
})

describe('the linter on the templates', () => {
  it.each([...LANGS])('finds nothing to fix in the churn example (%s), as written and as a new draft', (lang) => {
    const example = findTemplate('example-churn-prediction', lang)
    expect(lintDocument(example.doc, { lang })).toEqual([])
    expect(lintDocument(documentFromTemplate(example), { lang })).toEqual([])
  })

  it('sees every kind of structured block in the churn example', () => {
    const types = new Set<string>()
    findTemplate('example-churn-prediction', 'en').doc.body.descendants((node) => {
      types.add(node.type.name)
      return true
    })
    expect(BLOCK_TYPES.filter((type) => !types.has(type))).toEqual([])
  })

  it.each([...LANGS])('points a new ML Engineering Document (%s) at what is left to write', (lang) => {
    const findings = lintDocument(documentFromTemplate(findTemplate('ml-engineering-document', lang)), { lang })
    const rules = new Set(findings.map((f) => f.rule))
    for (const rule of ['metric-offline-incomplete', 'tool-choice-chosen-missing', 'risk-incomplete', 'maturity-criterion-unrated', 'baseline-model-missing']) {
      expect(rules).toContain(rule)
    }
  })
})
