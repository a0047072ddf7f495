/**
 * Worker-thread entry of the review site's page rendering: per message, one document's pages drawn
 * and written as `<dir>/p<N>.jpg`; only their sizes go back. Rendering is CPU-bound (pdfjs), so
 * documents are spread over the cores (src/review/render-pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { renderToFiles, type RenderJob } from './render.js';

parentPort!.on('message', (job: RenderJob & { id: number }) => {
  renderToFiles(job).then(
    (pages) => parentPort!.postMessage({ id: job.id, pages }),
    (err: unknown) => parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
