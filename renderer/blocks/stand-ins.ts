import { Extension, type Editor, type NodeViewRenderer } from '@tiptap/core'
import { DOMSerializer } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import { whenIdle } from '../app/idle.js'

/**
 * The top-level nodes a document opens with on the screen or within a screen of it, at most:
 * short paragraphs are some 30 px high, so forty of them fill two 900 px screens.
 */
const FIRST_SCREENS = 40

/** How far beyond the visible part of the page a stand-in counts as about to be seen: one screen. */
const NEAR = '100% 0px'

/** Top-level nodes whose stand-ins are redrawn in one transaction, in one idle callback. */
const IDLE_BATCH = 2

/** A node drawn by the schema in its view's place: its element and how it finds its position. */
interface StandIn {
  readonly dom: HTMLElement
  readonly getPos: () => number | undefined
}

/** An editor drawing its document for the first time: where its first screens end, and the stand-ins drawn so far. */
interface FirstDraw {
  readonly end: number
  readonly standIns: Set<StandIn>
}

const firstDraws = new WeakMap<Editor, FirstDraw>()

const redrawKey = new PluginKey<DecorationSet>('redrawStandIns')

/**
 * A node view renderer that draws a stand-in instead of the view while its editor draws its
 * document for the first time ({@link drawWithStandIns}) and the node lies beyond the first
 * screens: the node as the schema draws it (`toDOM`, what a plain ProseMirror editor shows),
 * which costs a fraction of a view. A stand-in never updates itself: any change to its node, or
 * the redraw {@link StandIns} asks for, makes ProseMirror draw the node again, with its view.
 */
export function deferrable(render: NodeViewRenderer): NodeViewRenderer {
  return (props) => {
    const draw = firstDraws.get(props.editor)
    const pos = draw && props.getPos()
    if (!draw || pos === undefined || pos < draw.end) return render(props)
    const { node } = props
    const drawn = DOMSerializer.renderSpec(document, node.type.spec.toDOM!(node))
    const standIn: StandIn = { dom: drawn.dom as HTMLElement, getPos: props.getPos }
    draw.standIns.add(standIn)
    return {
      dom: drawn.dom,
      contentDOM: drawn.contentDOM ?? null,
      update: () => false,
      destroy: () => void draw.standIns.delete(standIn),
    }
  }
}

/**
 * Where the stand-ins of an editor are redrawn: node decorations that last one transaction.
 * A decoration changes how a node is drawn, so ProseMirror asks the node's view to update, and a
 * stand-in refuses, which makes ProseMirror draw the node with its view.
 */
export const StandInRedraw = Extension.create({
  name: 'standInRedraw',
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key: redrawKey,
      state: {
        init: () => DecorationSet.empty,
        apply: (tr) => (tr.getMeta(redrawKey) as DecorationSet | undefined) ?? DecorationSet.empty,
      },
      props: { decorations: (state) => redrawKey.getState(state) },
    }),
  ],
})

/** Redraws stand-ins with their views, in one transaction that changes nothing in the document. */
function redraw(view: EditorView, standIns: Iterable<StandIn>): void {
  const { doc } = view.state
  const decorations: Decoration[] = []
  for (const { getPos } of standIns) {
    const pos = getPos()
    const node = pos === undefined ? null : doc.nodeAt(pos)
    if (node) decorations.push(Decoration.node(pos!, pos! + node.nodeSize, {}, { redraw: true }))
  }
  if (decorations.length > 0) view.dispatch(view.state.tr.setMeta(redrawKey, DecorationSet.create(doc, decorations)).setMeta('addToHistory', false))
}

/**
 * The stand-ins an editor's first drawing left, redrawn with their views after the first paint:
 * at once when their top-level node comes within a screen of the visible part of the page, and
 * otherwise a few top-level nodes at a time while the page is idle, in document order, so that
 * the stand-ins are gone within a few seconds and nobody sees one (the stylesheet skips the
 * layout and paint of top-level nodes off the screen, `content-visibility: auto`).
 */
export class StandIns {
  private readonly waiting = new Map<Element, StandIn[]>()
  private observer: IntersectionObserver | null = null
  private cancelIdle: (() => void) | null = null

  /**
   * @param inOneRender runs a redraw so that the React views it makes render together, after it,
   *   rather than one by one as each is made.
   */
  constructor(
    private readonly view: EditorView,
    private readonly standIns: Set<StandIn>,
    private readonly inOneRender: (redraw: () => void) => void,
  ) {}

  /** How many stand-ins are still drawn. */
  get count(): number {
    return this.standIns.size
  }

  /** Starts redrawing, once the editor's element is on the page. */
  redrawInBackground(): void {
    if (this.standIns.size === 0) return
    const top = this.view.dom
    for (const standIn of this.standIns) {
      let element: Element = standIn.dom
      while (element.parentElement && element.parentElement !== top) element = element.parentElement
      if (element.parentElement !== top) continue
      const group = this.waiting.get(element)
      if (group) group.push(standIn)
      else this.waiting.set(element, [standIn])
    }
    if (typeof IntersectionObserver === 'function') {
      this.observer = new IntersectionObserver((entries) => {
        const near = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target)
        if (near.length > 0) this.redrawNodes(near)
      }, { rootMargin: NEAR })
      for (const element of this.waiting.keys()) this.observer.observe(element)
    }
    this.scheduleIdle()
  }

  /** Redraws the stand-ins inside these top-level elements. */
  private redrawNodes(elements: readonly Element[]): void {
    const standIns: StandIn[] = []
    for (const element of elements) {
      for (const standIn of this.waiting.get(element) ?? []) if (this.standIns.has(standIn)) standIns.push(standIn)
      this.waiting.delete(element)
      this.observer?.unobserve(element)
    }
    if (!this.view.isDestroyed) this.inOneRender(() => redraw(this.view, standIns))
    if (this.waiting.size === 0) this.dispose()
  }

  /**
   * Redraws {@link IDLE_BATCH} top-level nodes per idle callback. One batch only: React renders
   * the chrome of a batch's blocks before the task ends, and a second batch in the same task
   * would first make the browser lay out what the first one drew. A key pressed meanwhile waits
   * for at most one batch (up to about 30 ms on the 1x bench document).
   */
  private scheduleIdle(): void {
    this.cancelIdle = whenIdle(() => {
      this.cancelIdle = null
      // Not while a composition (an input method) is under way: redrawing would end it.
      if (!this.view.composing) this.redrawNodes([...this.waiting.keys()].slice(0, IDLE_BATCH))
      if (this.waiting.size > 0) this.scheduleIdle()
    })
  }

  /** Stops redrawing (all are redrawn, or the editor is going away). */
  dispose(): void {
    this.observer?.disconnect()
    this.observer = null
    this.cancelIdle?.()
    this.cancelIdle = null
    this.waiting.clear()
  }
}

/**
 * Draws an editor's document for the first time: `draw` mounts its view, and the nodes beyond the
 * first {@link FIRST_SCREENS} top-level nodes whose views are {@link deferrable} are drawn as
 * stand-ins. (A document opens at its top; a long one holds hundreds of block fields, maturity
 * rows and task items, and drawing all their views before the first paint cost about as much as
 * drawing the rest of it.) The editor needs {@link StandInRedraw}. Call
 * `redrawInBackground()` on the result once the editor's element is on the page; each redraw
 * runs inside `inOneRender` (see {@link StandIns}).
 */
export function drawWithStandIns(editor: Editor, draw: () => void, inOneRender: (redraw: () => void) => void): StandIns {
  const { doc } = editor.state
  let end = 0
  for (let i = 0; i < Math.min(FIRST_SCREENS, doc.childCount); i++) end += doc.child(i).nodeSize
  const first: FirstDraw = { end, standIns: new Set() }
  firstDraws.set(editor, first)
  try {
    draw()
  } finally {
    firstDraws.delete(editor)
  }
  return new StandIns(editor.view, first.standIns, inOneRender)
}
