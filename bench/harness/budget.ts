import { formatMs } from './stats.js'

/**
 * Keeps slow contenders from running for hours at the large sizes: from the sizes measured so
 * far it predicts one call at the next size (growing as fast as between the last two sizes,
 * at least linearly) and refuses sizes over the budget, saying why.
 */
export class GrowthBudget {
  private readonly measured = new Map<string, { scale: number; ms: number }[]>()

  constructor(readonly budgetMs: number) {}

  /** Records a contender's median time at a size. */
  record(name: string, scale: number, ms: number): void {
    const list = this.measured.get(name) ?? []
    list.push({ scale, ms })
    this.measured.set(name, list)
  }

  /** Why a contender does not run at this size, or null when it fits the budget. */
  refusal(name: string, scale: number, label: string): string | null {
    const list = this.measured.get(name) ?? []
    const last = list[list.length - 1]
    if (!last) return null
    const before = list[list.length - 2]
    const exponent = before ? Math.max(1, Math.log(last.ms / before.ms) / Math.log(last.scale / before.scale)) : 1
    const predicted = last.ms * (scale / last.scale) ** exponent
    if (predicted <= this.budgetMs) return null
    return `${label} took ${formatMs(last.ms)} at ${last.scale}x, growing ${before ? `as size^${exponent.toFixed(1)}` : 'with size'}; about ${formatMs(predicted)} per run at ${scale}x is over the ${formatMs(this.budgetMs)} budget`
  }
}
