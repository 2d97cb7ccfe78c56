import { convert } from 'html-to-text'

/**
 * HTML to plain text, in main, so no markup from a file reaches the renderer.
 * Scripts, styles, comments and the head are dropped by the converter; block
 * elements become line breaks. Options keep the text to what the page shows:
 * no upper-cased headings, link targets, bullets or image placeholders.
 */
const OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'object', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    ...['ul', 'ol', 'table'].map((selector) => ({ selector, format: 'block' })),
    ...['li', 'tr', 'td', 'th'].map((selector) => ({
      selector,
      format: 'block',
      options: { leadingLineBreaks: 1, trailingLineBreaks: 1 }
    })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
      selector,
      options: { uppercase: false }
    }))
  ]
}

export function htmlToText(html: string): string {
  return convert(html, OPTIONS)
}
