import { defineConfig } from '@playwright/test'
import type { ShellOptions } from './e2e/fixtures'

/** One suite, two shells: every test runs in the browser shell and, where its binary exists, in Electron. */
export default defineConfig<ShellOptions>({
  testDir: './e2e',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env['CI'],
  reporter: process.env['CI'] ? [['list']] : [['list']],
  projects: [
    { name: 'browser', use: { shell: 'browser' } },
    { name: 'electron', use: { shell: 'electron' } }
  ]
})
