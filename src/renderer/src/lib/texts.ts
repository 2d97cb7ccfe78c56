import { api } from './api'

/** The decoded text of each document that can be read, by id. */
export async function readTexts(ids: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>()
  for (const id of ids) {
    const read = await api.readDocument({ id })
    if (read.ok) texts.set(id, read.value.text)
  }
  return texts
}
