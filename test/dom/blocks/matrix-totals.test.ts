import { describe, expect, it } from 'vitest'
import { cellNumber, weightedTotals } from '../../../renderer/blocks/matrix.js'

describe('weighted totals of a comparison matrix', () => {
  it('reads numbers as people type them, and nothing else', () => {
    expect(cellNumber(' 3 ')).toBe(3)
    expect(cellNumber('0,5')).toBe(0.5)
    expect(cellNumber('.25')).toBe(0.25)
    expect(cellNumber('-1')).toBe(-1)
    expect(cellNumber('')).toBeNull()
    expect(cellNumber('high')).toBeNull()
    expect(cellNumber('3 ms')).toBeNull()
    expect(cellNumber('1e3')).toBeNull()
  })

  it('sums weight x score per option over the criteria where both are numbers', () => {
    const totals = weightedTotals([
      ['Criterion', 'Weight', 'BentoML', 'Triton', 'TorchServe'],
      ['Latency', '3', '2', '5', ''],
      ['Ease of use', '0,5', '4', 'good', ''],
      ['Cost', '', '5', '5', '5'],
    ])
    expect(totals).toEqual([
      { option: 'BentoML', total: 8, counted: 2, of: 3 },
      { option: 'Triton', total: 15, counted: 1, of: 3 },
      { option: 'TorchServe', total: null, counted: 0, of: 3 },
    ])
  })

  it('has no options without a header and rounds away float noise', () => {
    expect(weightedTotals([])).toEqual([])
    expect(weightedTotals([['Criterion', 'Weight', 'A'], ['x', '0.1', '3']])[0]!.total).toBe(0.3)
  })
})
