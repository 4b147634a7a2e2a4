import { lazy, Suspense, useEffect, useState } from 'react'
import { DocumentScreen } from '../document/DocumentScreen.js'
import { parseRoute, type Route } from './route.js'

// Loaded when their route is shown: an address that opens a document, the usual start, does not
// load them (nor what only they use: the file encoder, the collaboration connection form).
const StartScreen = lazy(() => import('../start/StartScreen.js').then((m) => ({ default: m.StartScreen })))
const JoinScreen = lazy(() => import('../collab/JoinScreen.js').then((m) => ({ default: m.JoinScreen })))

/** The app: the start screen, the document the address names, or a co-editing room being joined. */
export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  if (route.kind === 'start') return <Suspense fallback={null}><StartScreen /></Suspense>
  if (route.kind === 'join') return <Suspense fallback={null}><JoinScreen key={route.address} address={route.address} /></Suspense>
  return <DocumentScreen key={JSON.stringify(route)} route={route} />
}
