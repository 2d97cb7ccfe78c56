// `npm start`: build, then run the desktop app; where Electron's binary is missing, say so in one line.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './electron-binary.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const binary = electronBinary(root)
if (!binary) {
  console.error(
    'Spanmark: the Electron binary is not installed (run `npx install-electron` where its download host is reachable); meanwhile `npm run serve` opens Spanmark in your browser.'
  )
  process.exit(1)
}
const build = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit'
  }
)
if (build.status !== 0) process.exit(build.status ?? 1)
const app = spawn(binary, [path.join(root, 'out/main/index.js'), ...process.argv.slice(2)], {
  stdio: 'inherit'
})
app.on('exit', (code) => process.exit(code ?? 0))
