/**
 * Runs `callback` when the page is next idle, or after `timeout` ms at the latest; at once on the
 * next task where there is no `requestIdleCallback` (jsdom, Node). Returns what cancels it.
 */
export function whenIdle(callback: () => void, timeout = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(callback, 0)
  return () => clearTimeout(handle)
}
