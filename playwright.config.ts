import { defineConfig } from '@playwright/test'
import type { ShellOptions } from './e2e/fixtures'

/** One suite, two shells: every test runs in the browser shell and, where its binary exists, in Electron. */
export default defineConfig<ShellOptions>({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  projects: [
    { name: 'browser', use: { shell: 'browser' } },
    { name: 'electron', use: { shell: 'electron' } }
  ]
})
