import { isLang, type Lang } from '../../core/i18n.js'

/** What the address asks the app to show. */
export type Route =
  | { readonly kind: 'start' }
  | { readonly kind: 'new'; readonly templateId: string; readonly lang: Lang }
  | { readonly kind: 'open'; readonly file: string }
  /** An invite to co-edit: `#/join?room=...` (read by `renderer/collab`). */
  | { readonly kind: 'join'; readonly address: string }

/**
 * Reads the route from the address fragment: `#/new/<templateId>?lang=en|uz` starts a document
 * from a template, `#/open/<file>` opens a document (a name inside the documents folder in
 * browser mode, a path in Electron), `#/join?...` joins a co-editing room, anything else is the
 * start screen.
 */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2)
  if (path === '/join') return { kind: 'join', address: hash }
  const params = new URLSearchParams(query)
  const newMatch = /^\/new\/([^/]+)$/.exec(path)
  if (newMatch?.[1]) {
    const lang = params.get('lang')
    return { kind: 'new', templateId: decodeURIComponent(newMatch[1]), lang: isLang(lang) ? lang : 'en' }
  }
  const openMatch = /^\/open\/(.+)$/.exec(path)
  if (openMatch?.[1]) return { kind: 'open', file: decodeURIComponent(openMatch[1]) }
  return { kind: 'start' }
}

/** The address fragment of a route. */
export function routeHash(route: Route): string {
  switch (route.kind) {
    case 'start':
      return '#/'
    case 'new':
      return `#/new/${encodeURIComponent(route.templateId)}?lang=${route.lang}`
    case 'open':
      return `#/open/${encodeURIComponent(route.file)}`
    case 'join':
      return route.address
  }
}

/** Goes to a route (a new history entry, so Back returns). */
export function navigate(route: Route): void {
  window.location.hash = routeHash(route)
}

/** Points the address at a route without reloading or adding history (after a first save). */
export function replaceRoute(route: Route): void {
  history.replaceState(null, '', routeHash(route))
}
