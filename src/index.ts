export * from './schema/record.js';
export * from './schema/finding.js';
export * from './errors.js';
export { extractDocument, DEFAULT_OPTIONS } from './pipeline.js';
export type { ExtractOptions, DocumentResult, DocumentInput, DocumentStatus } from './pipeline.js';
