import { keepShape } from './kept-shapes.js'

/** Where the Markdown writer is: the constructs it is inside and the bullets it used. */
export class WriterState {
  /** Open constructs, outermost first (`paragraph`, `phrasing`, `tableCell`, `link`, ...): they decide what is escaped. */
  readonly stack: string[] = []
  /** Index of the child being written in each open container. */
  readonly indexStack: number[] = []
  /** The bullet of the list written last in this container, so a list right after it uses the other one. */
  bulletLastUsed: string | undefined
  /** The bullet of the list being written. */
  bulletCurrent: string | undefined

  /** Runs `write` inside a construct. */
  within<T>(construct: string, write: () => T): T {
    this.stack.push(construct)
    try {
      return write()
    } finally {
      this.stack.pop()
    }
  }
}

keepShape(new WriterState())
