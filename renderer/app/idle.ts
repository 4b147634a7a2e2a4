/**
 * Runs `callback` when the page is next idle, or after `timeout` ms at the latest; at once on the
 * next task where there is no `requestIdleCallback` (jsdom, Node).
 */
export function whenIdle(callback: () => void, timeout = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout })
  else setTimeout(callback, 0)
}
