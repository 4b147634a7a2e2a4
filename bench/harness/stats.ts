/** The value at a quantile (0..1) of samples, by the nearest-rank method; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

/** The median of samples (for an even count, the mean of the two middle values). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The 95th percentile of samples (nearest rank). */
export function p95(samples: readonly number[]): number {
  return quantile(samples, 0.95)
}

/** Milliseconds as people read them: 3 significant digits, µs below 1 ms, s from 1 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a'
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`
  return `${ms.toPrecision(3)} ms`
}

/** Nanoseconds per unit (e.g. per node) of a time in milliseconds. */
export function formatPerUnit(ms: number, units: number, unit: string): string {
  const ns = (ms * 1e6) / units
  return ns >= 1000 ? `${(ns / 1000).toPrecision(3)} µs/${unit}` : `${ns.toPrecision(3)} ns/${unit}`
}

/** Bytes as people read them: B, KiB, MiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a'
  if (bytes < 1024) return `${bytes.toPrecision(3)} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toPrecision(3)} KiB`
  return `${(bytes / 1024 / 1024).toPrecision(3)} MiB`
}

/** A ratio ours/peer as printed in the table: `1.23x`. */
export function formatRatio(ours: number, peer: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(peer) || peer === 0) return 'n/a'
  return `${(ours / peer).toFixed(2)}x`
}
