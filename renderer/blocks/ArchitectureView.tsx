import type { ReactNodeViewProps } from '@tiptap/react'
import { BlockFrame } from './BlockFrame.js'
import { useUiLang } from './ui-lang.js'

/** The architecture block: its Mermaid source beside the live diagram, then the components table. */
export function ArchitectureView(_props: ReactNodeViewProps) {
  const lang = useUiLang()
  return <BlockFrame type="architecture" lang={lang} />
}
