import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { markdownText, pythonString, tomlString, wellFormed, yamlFile } from '../../node/scaffold/serialize.js'

/** Strings with everything that breaks a file format: quotes, backslashes, controls, separators, astral and lone surrogates. */
const hostile = fc.string({ unit: fc.oneof(
  fc.constantFrom('"', "'", '\\', '\n', '\r', '\t', '\0', '\x7f', '\x1b', '\u0085', '\u2028', '\u2029', '\ufeff', '"""', '${', '#', ':', '- ', '{', '[', '&', '*', '|', '>'),
  fc.constantFrom('a', 'oʻ', 'Ш', '😀', '\ud800', '\udc00'),
  fc.string({ unit: 'binary', maxLength: 3 }),
), maxLength: 30 })

describe('serializers for user text in generated files', () => {
  it('pythonString: python3 reads back exactly the text (lone surrogates become U+FFFD)', () => {
    const samples = fc.sample(hostile, { numRuns: 300, seed: 5 })
    const source = `import json, sys\nvalues = [\n${samples.map((s) => `    ${pythonString(s)},`).join('\n')}\n]\nsys.stdout.write(json.dumps(values))\n`
    for (const s of samples) expect(pythonString(s)).not.toMatch(/[\n\r\u2028\u2029\u0085]/)
    const out = execFileSync('python3', ['-c', source], { encoding: 'utf8' })
    expect(JSON.parse(out)).toEqual(samples.map(wellFormed))
  })

  it('tomlString: smol-toml reads back exactly the text', () => {
    fc.assert(fc.property(hostile, (s) => {
      expect(parseToml(`key = ${tomlString(s)}\n`).key).toBe(wellFormed(s))
    }), { seed: 7, numRuns: 500 })
  })

  it('yamlFile: the yaml library reads back exactly the value, under a comment', () => {
    fc.assert(fc.property(hostile, hostile, (key, value) => {
      const text = yamlFile({ title: value, nested: [{ [key]: value }] }, 'Generated')
      expect(text.startsWith('# Generated\n')).toBe(true)
      expect(parseYaml(text)).toEqual({ title: value, nested: [{ [key]: value }] })
    }), { seed: 9, numRuns: 300 })
  })

  it('markdownText: one line, with Markdown syntax and table pipes escaped', () => {
    expect(markdownText('a | b *c* [d](e) <script>\n# f & g_h `i`')).toBe('a \\| b \\*c\\* \\[d\\](e) \\<script\\> \\# f \\& g\\_h \\`i\\`')
  })
})
