import { describe, expect, it } from 'vitest'
import { htmlToText } from './html'

describe('htmlToText', () => {
  it('turns block elements into line breaks and keeps inline text together', () => {
    expect(
      htmlToText('<h1>Title</h1><p>One <b>bold</b> &amp; <a href="x">link</a>.</p><div>a<br>b</div>')
    ).toBe('Title\n\nOne bold & link.\n\na\nb')
  })

  it('drops scripts, styles, comments, the head and embedded content', () => {
    const text = htmlToText(
      '<head><title>T</title><style>p{}</style></head><body><script>evil()</script><!-- hidden -->' +
        '<p>kept</p><img src=x onerror="evil()"><iframe src="javascript:evil()"></iframe></body>'
    )
    expect(text).toBe('kept')
  })

  it('writes list items and table cells without invented bullets', () => {
    expect(
      htmlToText('<ul><li>one</li><li>two</li></ul><table><tr><td>c1</td><td>c2</td></tr></table>')
    ).toBe('one\ntwo\n\nc1\nc2')
  })
})
