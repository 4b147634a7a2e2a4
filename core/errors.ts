/** What kind of input an {@link MLDocError} is about, so callers can choose an exit code or message. */
export type MLDocErrorKind = 'file' | 'markdown' | 'template' | 'argument' | 'document'

/**
 * An error caused by user input (a file, a template, an argument). Its message names the input
 * and says what is wrong, in words a person understands; `line` points into text input.
 */
export class MLDocError extends Error {
  override readonly name = 'MLDocError'
  constructor(
    readonly kind: MLDocErrorKind,
    message: string,
    readonly source?: string,
    readonly line?: number,
  ) {
    super(source ? `${source}${line ? `:${line}` : ''}: ${message}` : message)
  }
}
