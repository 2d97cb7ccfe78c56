import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron'
import path from 'node:path'
import { ExportFiles } from './export-files'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc'
import { menuTemplate } from './menu'
import { argValue, sampleCorpusDir } from './paths'
import { readSettings, startupCorpus, writeSettings } from './settings'
import { createMainWindow, isTrustedSender, lockDown } from './window'

const userDataDir = argValue(process.argv, 'user-data-dir')
if (userDataDir) app.setPath('userData', path.resolve(userDataDir))
app.enableSandbox()

let mainWindow: BrowserWindow | undefined

async function pickFolder(): Promise<string | undefined> {
  const options = { title: 'Open corpus folder', properties: ['openDirectory' as const] }
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? undefined : result.filePaths[0]
}

async function pickSavePath(defaultName: string): Promise<string | undefined> {
  const options = {
    title: 'Export',
    defaultPath: path.join(app.getPath('documents'), defaultName),
    properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const]
  }
  const result = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options)
  return result.canceled ? undefined : result.filePath
}

async function pickImportFiles(): Promise<string[] | undefined> {
  const options = {
    title: 'Import annotations',
    properties: ['openFile' as const, 'multiSelections' as const],
    filters: [{ name: 'Annotations', extensions: ['json', 'jsonl', 'jsonld', 'zip', 'ann', 'txt'] }]
  }
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? undefined : result.filePaths
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData')
  const settings = readSettings(dataDir)
  const argCorpus = argValue(process.argv, 'corpus')
  const exportFiles = new ExportFiles()
  const handlers = createHandlers({
    shell: 'electron',
    corpusRoot: path.resolve(startupCorpus(argCorpus, settings, sampleCorpusDir())),
    pickFolder,
    pickSavePath,
    pickImportFiles,
    exportFiles,
    onCorpusOpened: (root) => writeSettings(dataDir, { ...readSettings(dataDir), lastCorpus: root })
  })
  registerIpc(ipcMain, handlers, isTrustedSender)
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(() => mainWindow)))
  mainWindow = await createMainWindow()
  // An export the page was writing when it went (crashed, reloaded or closed) is thrown away, its
  // target left as it was.
  const dropExports = (): void => void exportFiles.abortAll()
  mainWindow.webContents.on('render-process-gone', dropExports)
  mainWindow.webContents.on('did-navigate', dropExports)
  mainWindow.on('closed', () => {
    mainWindow = undefined
    dropExports()
  })
}

app.on('web-contents-created', (_event, contents) => lockDown(contents))
app.on('window-all-closed', () => app.quit())
app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    dialog.showErrorBox('Spanmark could not start', (error as Error).message)
    app.exit(1)
  })
