import { electronBinary } from '../scripts/electron-binary.mjs'
import { ROOT } from './fixtures'

/** Says once, up front, why the electron project's tests will be skipped here. */
export default function globalSetup(): void {
  if (!electronBinary(ROOT))
    console.log(
      'electron project: SKIPPED, the Electron binary is not installed on this machine (its download host is unreachable); every test runs in the browser project'
    )
}
