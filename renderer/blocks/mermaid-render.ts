/** What drawing a Mermaid diagram gave: the SVG, or the error text to show the author. */
export type DiagramResult = { readonly svg: string } | { readonly error: string }

type Mermaid = (typeof import('mermaid'))['default']

let loading: Promise<Mermaid> | undefined
let theme: 'dark' | 'default' | undefined
let nextId = 0

/** Mermaid, loaded on first use (it is large and only architecture blocks need it). */
function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then((m) => m.default)
  return loading
}

function systemTheme(): 'dark' | 'default' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default'
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.trim() || 'Mermaid could not draw this diagram.'
}

/**
 * Draws a Mermaid diagram with `securityLevel: 'strict'` (no scripts, no HTML labels, links
 * sanitized) in the system's light or dark theme. Syntax errors come back as Mermaid's text,
 * which names the line; nothing is drawn into the page on failure.
 */
export async function renderMermaid(source: string): Promise<DiagramResult> {
  const mermaid = await loadMermaid()
  const wanted = systemTheme()
  if (theme !== wanted) {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, theme: wanted })
    theme = wanted
  }
  try {
    await mermaid.parse(source)
  } catch (error) {
    return { error: message(error) }
  }
  try {
    const { svg } = await mermaid.render(`mldoc-diagram-${++nextId}`, source)
    return { svg }
  } catch (error) {
    return { error: message(error) }
  }
}
