// `npm run security`: Electronegativity over the app's sources, failing on any finding not reviewed below.
// Sources, not the bundle: in the bundle `new BrowserWindow` becomes `new electron.BrowserWindow`, which
// its checks do not recognise. The check that downloads Electron's release list is left out: it needs
// the network; the Electron version is pinned in package.json and reviewed when it is bumped.
import csp from '@doyensec/csp-evaluator'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Electronegativity fetches translations (and, in the check left out, Electron's releases) with `got`
// on every run. Checks run offline: its `got` is replaced, before it loads, by one that refuses at once.
const require = createRequire(import.meta.url)
const runner = require.resolve('@doyensec/electronegativity')
const gotPath = createRequire(runner).resolve('got')
const offline = () => Promise.reject(new Error('Spanmark runs Electronegativity offline'))
offline.head = offline
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: { __esModule: true, default: offline }
}
const electronegativity = require(runner)

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SRC = path.join(ROOT, 'src')
const electronVersion = JSON.parse(
  readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')
).version
const { CspEvaluator, CspParser, severities, Version } = csp

const lineOf = (file, line) => readFileSync(path.join(SRC, file), 'utf8').split('\n')[line - 1]?.trim() ?? ''

/**
 * Findings that ask for a review, each with the review, and a test that the finding is still the one
 * reviewed: any other finding, or one of these that changed, fails the check.
 */
const REVIEWED = [
  {
    // The CSP evaluator's one remark on our policy: `script-src 'self'` "can be problematic if you host
    // JSONP, Angular or user uploaded files". The origin serves none: the browser shell serves only the
    // built renderer folder and answers the API with JSON; Electron loads only that folder.
    why: "script-src 'self': the app's origin serves only its own built files",
    matches: (issue) => {
      if (issue.id !== 'CSP_GLOBAL_CHECK' || !issue.sample) return false
      const findings = new CspEvaluator(new CspParser(issue.sample).csp, Version.CSP3).evaluate()
      return (
        findings.length === 1 &&
        findings[0].directive === 'script-src' &&
        findings[0].value === "'self'" &&
        findings[0].severity === severities.MEDIUM_MAYBE
      )
    }
  },
  {
    why: 'shell.openExternal is called only after isSafeExternalUrl (http(s), a host, no credentials; window.test.ts)',
    matches: (issue) =>
      issue.id === 'OPEN_EXTERNAL_JS_CHECK' &&
      issue.file === path.join('main', 'window.ts') &&
      lineOf(issue.file, issue.location.line) === 'void shell.openExternal(url)' &&
      lineOf(issue.file, issue.location.line - 1) === 'if (!isSafeExternalUrl(url)) return false'
  },
  {
    why: 'the preload exposes one object of per-channel invoke functions and nothing of Electron (preload/index.test.ts)',
    matches: (issue) => issue.id === 'PRELOAD_JS_CHECK' && issue.file === path.join('main', 'window.ts')
  }
]

const log = console.log
console.log = (...args) => {
  if (!/Could not retrieve updated translations/.test(String(args[0]))) log(...args)
}
const result = await electronegativity({
  input: SRC,
  electronVersionOverride: electronVersion,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  isRelative: true
})

console.log = log

const problems = result.errors.map((e) => `could not parse ${path.relative(SRC, e.file)}: ${e.message}`)
const reviewed = []
for (const issue of result.issues) {
  const review = REVIEWED.find((r) => r.matches(issue))
  if (review) reviewed.push(`${issue.id} (${review.why})`)
  else
    problems.push(
      `${issue.id} ${issue.severity.name ?? issue.severity}/${issue.confidence.name ?? issue.confidence} in ` +
        `${issue.file} at ${issue.location.line}:${issue.location.column}: ${issue.description}` +
        (issue.sample ? ` (${issue.sample})` : '')
    )
}

console.log(
  `security: electronegativity, ${result.globalChecks + result.atomicChecks} checks over src/ for Electron ` +
    `${electronVersion}: ${problems.length} problem(s), ${reviewed.length} reviewed finding(s)`
)
for (const line of reviewed) console.log(`security: reviewed ${line}`)
if (problems.length > 0) {
  for (const problem of problems) console.error(`security: ${problem}`)
  process.exit(1)
}
