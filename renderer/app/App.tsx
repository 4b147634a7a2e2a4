import { useEffect, useState } from 'react'
import { DocumentScreen } from '../document/DocumentScreen.js'
import { StartScreen } from '../start/StartScreen.js'
import { parseRoute, type Route } from './route.js'

/** The app: the start screen, or the document the address names. */
export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  if (route.kind === 'start') return <StartScreen />
  return <DocumentScreen key={JSON.stringify(route)} route={route} />
}
