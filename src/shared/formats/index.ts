// The formats' writers (export) and readers (import). Code that only writes, such as the export
// workers, imports './export' alone and so does not carry the readers and their schemas.
export * from './export'
export * from './import'
export { exportBytes, ImportError, MAX_IMPORT_BYTES } from './model'
