import type { HostApi } from '../../core/host/api.js'
import type { Route } from '../app/route.js'
import { DocumentSession } from './session.js'

/** A route that shows a document. */
export type DocumentRoute = Extract<Route, { kind: 'new' | 'open' }>

/** The document asked for at start, opened as soon as the host answered, until a screen takes it. */
let early: { readonly key: string; readonly opening: Promise<DocumentSession | null> } | null = null

/** Asks the host for the document a route names and opens a session on it (null: the user cancelled). */
function open(api: HostApi, route: DocumentRoute): Promise<DocumentSession | null> {
  const asked = route.kind === 'new' ? api.newDocument({ templateId: route.templateId, lang: route.lang }) : api.openDocument({ path: route.file })
  return asked.then((opened) => opened && DocumentSession.open(api, opened))
}

/**
 * Opens the document the start address names right away: the host reads it while the app loads
 * its settings and translations, and the session decodes it and checks its header as soon as the
 * answer arrives, before the first screen is drawn (it is on the way to an editable editor). The
 * document screen then takes this session instead of asking again. Any other route asks nothing.
 */
export function openDocumentEarly(api: HostApi, route: Route): void {
  if (route.kind !== 'new' && route.kind !== 'open') return
  const opening = open(api, route)
  // The screen that takes it reports a failure; until then it must not count as unhandled.
  opening.catch(() => undefined)
  early = { key: JSON.stringify(route), opening }
}

/**
 * A session on the document a route names: the one opened at start when it is for this route
 * (once), else a new one. An early session for another route is closed. The caller disposes the
 * session it gets.
 */
export function openSessionFor(api: HostApi, route: DocumentRoute): Promise<DocumentSession | null> {
  const taken = early
  early = null
  if (taken?.key === JSON.stringify(route)) return taken.opening
  taken?.opening.then((session) => session?.dispose(), () => undefined)
  return open(api, route)
}
