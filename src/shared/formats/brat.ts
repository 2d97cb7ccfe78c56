import { OffsetMap, sliceCodePoints } from '../offsets'
import { ImportError, inExportOrder, type ExportDoc, type ImportedDoc, type ImportedSpan } from './model'

/** The code point ranges of [start, end) with line breaks cut out: brat fragments. */
export function bratFragments(
  text: string,
  start: number,
  end: number,
  map = new OffsetMap(text)
): [number, number][] {
  const fragments: [number, number][] = []
  let from = start
  const slice = sliceCodePoints(text, start, end, map)
  let at = start
  for (const char of slice) {
    if (char === '\n' || char === '\r') {
      if (at > from) fragments.push([from, at])
      from = at + 1
    }
    at++
  }
  if (end > from) fragments.push([from, end])
  return fragments
}

/** The brat file stem for each document id: the id less its extension, unless two ids would share it. */
export function bratStems(ids: readonly string[]): Map<string, string> {
  const stem = (id: string): string => id.replace(/\.[^./]+$/, '')
  const counts = new Map<string, number>()
  for (const id of ids) counts.set(stem(id), (counts.get(stem(id)) ?? 0) + 1)
  return new Map(ids.map((id) => [id, counts.get(stem(id)) === 1 ? stem(id) : id]))
}

const oneLine = (text: string): string => text.replace(/[\t\r\n]+/g, ' ')

/** brat standoff (SPEC 5.3): `<doc>.txt` is the text, `<doc>.ann` its text-bound annotations and notes. */
export function toBratAnn(doc: ExportDoc): string {
  const map = new OffsetMap(doc.text)
  const lines: string[] = []
  inExportOrder(doc.spans).forEach((span, i) => {
    const fragments = bratFragments(doc.text, span.start, span.end, map)
    if (fragments.length === 0) return
    const offsets = fragments.map(([a, b]) => `${a} ${b}`).join(';')
    const covered = fragments.map(([a, b]) => sliceCodePoints(doc.text, a, b, map)).join(' ')
    lines.push(`T${i + 1}\t${span.label} ${offsets}\t${covered}`)
    if (span.note) lines.push(`#${i + 1}\tAnnotatorNotes T${i + 1}\t${oneLine(span.note)}`)
  })
  return lines.map((line) => `${line}\n`).join('')
}

const TEXT_BOUND = /^(T\d+)\t([^\s]+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/
const NOTE = /^#\d+\tAnnotatorNotes (T\d+)\t(.*)$/

/** Reads one .ann file against its .txt. Relations, events and attributes are skipped. */
export function parseBratAnn(ann: string, text: string, id: string, file: string): ImportedDoc {
  const spans = new Map<string, ImportedSpan>()
  const notes = new Map<string, string>()
  ann.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    if (!line.trim()) return
    if (line.startsWith('T')) {
      const match = TEXT_BOUND.exec(line)
      if (!match)
        throw new ImportError(
          file,
          index + 1,
          'not a brat text-bound annotation (T<n>\\t<label> <start> <end>\\t<text>)'
        )
      const fragments = match[3]!.split(';').map((pair) => pair.split(' ').map(Number) as [number, number])
      if (fragments.some(([a, b]) => b < a))
        throw new ImportError(file, index + 1, 'a fragment ends before it starts')
      spans.set(match[1]!, {
        id: undefined,
        start: Math.min(...fragments.map(([a]) => a)),
        end: Math.max(...fragments.map(([, b]) => b)),
        label: match[2]!,
        text: match[4]!,
        fragments
      })
    } else if (line.startsWith('#')) {
      const match = NOTE.exec(line)
      if (match) notes.set(match[1]!, match[2]!)
    }
  })
  for (const [key, note] of notes) {
    const span = spans.get(key)
    if (span) span.note = note
  }
  return { id, text, spans: [...spans.values()], file }
}
