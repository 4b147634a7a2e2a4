import { useEffect, useState } from 'react'
import { JoinScreen } from '../collab/index.js'
import { DocumentScreen } from '../document/DocumentScreen.js'
import { StartScreen } from '../start/StartScreen.js'
import { parseRoute, type Route } from './route.js'

/** The app: the start screen, the document the address names, or a co-editing room being joined. */
export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  if (route.kind === 'start') return <StartScreen />
  if (route.kind === 'join') return <JoinScreen key={route.address} address={route.address} />
  return <DocumentScreen key={JSON.stringify(route)} route={route} />
}
