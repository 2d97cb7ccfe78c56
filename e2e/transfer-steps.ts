import { expect, type ElectronApplication, type Page } from '@playwright/test'
import path from 'node:path'

/**
 * The two steps of an import or export that differ between the shells: the browser shell takes files
 * from a file input and hands the export over as a download; the desktop app asks through native
 * dialogs, which a test answers in the main process.
 */
export type TransferSteps = {
  /** Chooses files in the open import dialog; resolves once they are read in, or refused. */
  chooseImport: (files: string | string[]) => Promise<void>
  /** Confirms the open export dialog; resolves with the path of the file written, in `dir`. */
  confirmExport: (dir: string) => Promise<string>
}

/** Up to this long for an export to be written (the largest the suite makes take seconds). */
const EXPORT_TIMEOUT = 5 * 60_000

export const browserSteps = (page: Page): TransferSteps => ({
  chooseImport: (files) => page.getByTestId('import-file').setInputFiles(files),
  confirmExport: async (dir) => {
    const downloading = page.waitForEvent('download', { timeout: EXPORT_TIMEOUT })
    await page.getByTestId('export-confirm').click()
    const download = await downloading
    const file = path.join(dir, download.suggestedFilename())
    await download.saveAs(file)
    return file
  }
})

export const desktopSteps = (page: Page, app: ElectronApplication): TransferSteps => ({
  chooseImport: async (files) => {
    const filePaths = [files].flat()
    await app.evaluate(({ dialog }, filePaths) => {
      dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths })
    }, filePaths)
    await page.getByTestId('import-choose').click()
    await expect(
      page
        .getByTestId('import-chosen')
        .filter({ hasText: path.basename(filePaths[0]!) })
        .or(page.getByTestId('import-error'))
    ).toBeVisible()
  },
  confirmExport: async (dir) => {
    await app.evaluate(({ dialog }, dir) => {
      dialog.showSaveDialog = (...args: unknown[]) => {
        const options = args[args.length - 1] as { defaultPath?: string }
        const name = (options.defaultPath ?? 'export').split(/[\\/]/).pop()
        return Promise.resolve({ canceled: false, filePath: `${dir}/${name}` })
      }
    }, dir)
    await page.getByTestId('export-confirm').click()
    // "Exported … to <path>."
    const result = page.getByTestId('export-result')
    await expect(result).toContainText(` to ${dir}/`, { timeout: EXPORT_TIMEOUT })
    const text = (await result.textContent()) ?? ''
    return text.slice(text.indexOf(` to ${dir}/`) + ' to '.length).replace(/\.$/, '')
  }
})

/** Imports a file into my annotations through the dialog, waits for `summary` in its result, and closes it. */
export async function importFile(
  app: { page: Page } & TransferSteps,
  file: string,
  summary: string
): Promise<void> {
  const { page } = app
  await page.getByTestId('import-button').click()
  await app.chooseImport(file)
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-result')).toContainText(summary, { timeout: 60_000 })
  await page.getByRole('button', { name: 'Close', exact: true }).click()
}

/** Exports in `format` through the dialog into `dir`, waits for `summary` in its result, closes it; the file written. */
export async function exportFile(
  app: { page: Page } & TransferSteps,
  format: string,
  dir: string,
  summary: string
): Promise<string> {
  const { page } = app
  await page.getByTestId('export-button').click()
  await page.getByTestId('export-format').selectOption(format)
  const file = await app.confirmExport(dir)
  await expect(page.getByTestId('export-result')).toContainText(summary)
  await page.getByRole('button', { name: 'Close', exact: true }).click()
  return file
}
