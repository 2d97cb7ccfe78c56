// Measurements taken inside the page, where frame timing is visible.

/** Clicks a document in the list; ms until its text and spans are drawn and a frame has painted. */
export function timeOpenDoc(page, docId) {
  return page.evaluate(async (docId) => {
    const button = document.querySelector(`[data-doc-id="${docId}"] button`)
    const started = performance.now()
    button.click()
    await new Promise((resolve) => {
      const check = () => {
        const text = document.querySelector('[data-testid="doc-text"]')
        if (text && text.textContent.length > 1000 && text.querySelector('[data-testid="span"]'))
          requestAnimationFrame(() => resolve())
        else requestAnimationFrame(check)
      }
      check()
    })
    return performance.now() - started
  }, docId)
}

/** Selects a few characters of a text node in the middle of the screen, as a user selects text to label. */
function selectOnScreen() {
  const root = document.querySelector('[data-testid="doc-text"]')
  const view = document.querySelector('main').getBoundingClientRect()
  const nodes = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.length <= 12) continue
    const box = node.parentElement.getBoundingClientRect()
    if (box.bottom > view.top && box.top < view.bottom) nodes.push(node)
  }
  const node = nodes[Math.floor(nodes.length / 2)]
  const range = document.createRange()
  range.setStart(node, 2)
  range.setEnd(node, 9)
  const selection = window.getSelection()
  selection.removeAllRanges()
  selection.addRange(range)
}

/** Makes selectOnScreen callable in the page, as `window.__selectOnScreen`. */
const installSelect = (page) => page.evaluate(`window.__selectOnScreen = ${selectOnScreen.toString()}`)

/**
 * Creates `count` spans by selection + key 1, as a user does: the pane is scrolled to a new place (not
 * timed), text on screen is selected, and the key comes at a moment spread over a frame; ms from the
 * key to the end of the next frame's rendering (style, layout and paint included), each.
 */
export async function timeCreateSpans(page, count, key = '1') {
  await installSelect(page)
  return page.evaluate(
    async ({ count, key }) => {
      const pane = document.querySelector('main')
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
      // A message posted from the next frame's callback arrives once that frame's style, layout and paint are done.
      const painted = () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => {
            const channel = new MessageChannel()
            channel.port1.onmessage = () => resolve()
            channel.port2.postMessage(null)
          })
        )
      const times = []
      for (let i = 0; i < count; i++) {
        pane.scrollTop = (((i * 7919) % 1000) / 1000) * (pane.scrollHeight - pane.clientHeight)
        await frame()
        await frame()
        window.__selectOnScreen()
        // A person's key comes at any moment of a frame: spread the presses over it, not all just after a frame.
        await frame()
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 16))
        const started = performance.now()
        window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
        await painted()
        times.push(performance.now() - started)
      }
      // A key that creates no span leaves its selection; gone, so the next probe starts as this one did.
      window.getSelection().removeAllRanges()
      return times
    },
    { count, key }
  )
}

/**
 * The floor of timeCreateSpans: the same steps with a key the app does not use, which time the wait for
 * the next frame alone.
 */
export const timeFrameWaits = (page, count) => timeCreateSpans(page, count, 'x')

/**
 * Scrolls the document pane top to bottom, a screen per frame; the share of frames over 16.7 ms. With
 * `selected`, first a few characters halfway down are selected, as a user leaves text selected, and
 * the selection is cleared after.
 */
export async function scrollSlowFrames(page, { selected = false } = {}) {
  await installSelect(page)
  return page.evaluate(async (selected) => {
    const pane = document.querySelector('main')
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
    if (selected) {
      pane.scrollTop = (pane.scrollHeight - pane.clientHeight) / 2
      await frame()
      await frame()
      window.__selectOnScreen()
    }
    pane.scrollTop = 0
    await frame()
    const frames = []
    let last = performance.now()
    await new Promise((resolve) => {
      const step = (now) => {
        frames.push(now - last)
        last = now
        pane.scrollTop += pane.clientHeight
        if (pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 1 || frames.length > 3000) resolve()
        else requestAnimationFrame(step)
      }
      requestAnimationFrame(step)
    })
    window.getSelection().removeAllRanges()
    const slow = frames.slice(1).filter((ms) => ms > 1000 / 60 + 0.5).length
    return { share: slow / Math.max(1, frames.length - 1), frames: frames.length }
  }, selected)
}

/** JS heap in MB after a garbage collection, read through the DevTools protocol. */
export async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1024 / 1024
}
