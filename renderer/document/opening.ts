import type { HostApi, OpenedDocument } from '../../core/host/api.js'
import type { Route } from '../app/route.js'

/** A route that shows a document. */
export type DocumentRoute = Extract<Route, { kind: 'new' | 'open' }>

/** The document asked for at start, before the app's settings and first render were ready. */
let early: { readonly key: string; readonly opening: Promise<OpenedDocument | null> } | null = null

function ask(api: HostApi, route: DocumentRoute): Promise<OpenedDocument | null> {
  return route.kind === 'new' ? api.newDocument({ templateId: route.templateId, lang: route.lang }) : api.openDocument({ path: route.file })
}

/**
 * Asks the host for the document the start address names right away, so the host reads it while
 * the app loads its settings and renders (it is on the way to an editable editor); the document
 * screen then takes this answer instead of asking again. Any other route asks nothing.
 */
export function openDocumentEarly(api: HostApi, route: Route): void {
  if (route.kind !== 'new' && route.kind !== 'open') return
  const opening = ask(api, route)
  // The screen that takes it reports a failure; until then it must not count as unhandled.
  opening.catch(() => undefined)
  early = { key: JSON.stringify(route), opening }
}

/** The document a route names: the answer asked for at start when it is for this route (once), else a new request. */
export function openDocumentFor(api: HostApi, route: DocumentRoute): Promise<OpenedDocument | null> {
  const taken = early
  early = null
  return taken?.key === JSON.stringify(route) ? taken.opening : ask(api, route)
}
