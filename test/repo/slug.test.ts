import { describe, expect, it } from 'vitest'
import { slugify } from '../../node/repo/index.js'

describe('slugify', () => {
  it('makes lower-case ASCII words joined by dashes', () => {
    expect(slugify('Churn prediction service')).toBe('churn-prediction-service')
    expect(slugify('  Fraud: scoring v2 (EU)!  ')).toBe('fraud-scoring-v2-eu')
    expect(slugify('Café déjà vu')).toBe('cafe-deja-vu')
  })

  it('transliterates Uzbek, Latin and Cyrillic', () => {
    expect(slugify('Maʼlumotlar sifatini oʻlchash')).toBe('malumotlar-sifatini-olchash')
    expect(slugify("G'allaorol va O‘zbekiston")).toBe('gallaorol-va-ozbekiston')
    expect(slugify('Mijozlar ketishini bashorat qilish')).toBe('mijozlar-ketishini-bashorat-qilish')
    expect(slugify('Шаҳар чорраҳаси ва ўқув')).toBe('shahar-chorrahasi-va-oquv')
  })

  it('keeps at most 60 characters and never ends with a dash', () => {
    const slug = slugify('An extremely long title for a design document that keeps going - and going')
    expect(slug.length).toBeLessThanOrEqual(60)
    expect(slug).toBe('an-extremely-long-title-for-a-design-document-that-keeps-goi')
    expect(slugify(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59))
  })

  it('falls back to design-doc when nothing is left', () => {
    expect(slugify('')).toBe('design-doc')
    expect(slugify(' !!! ')).toBe('design-doc')
    expect(slugify('中文标题')).toBe('design-doc')
  })

  it('joins with underscores on request', () => {
    expect(slugify('Recall at top 10%', { separator: '_' })).toBe('recall_at_top_10')
  })
})
