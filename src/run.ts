import type { DocumentInput, DocumentResult, ExtractOptions } from './pipeline.js';
import { ExtractionError } from './errors.js';

// Placeholder until the stages land (issue 2); kept compiling so other work can wire against it.
export async function runPipeline(_input: DocumentInput, _opts: ExtractOptions): Promise<DocumentResult> {
  throw new ExtractionError('Internal', 'pipeline stages not wired yet');
}
