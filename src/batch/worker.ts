import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentResult } from '../pipeline.js';
import type { ExtractFn, Task } from './executor.js';

/**
 * Worker-thread entry: loads the pipeline module once, then extracts one document per message.
 * Only plain data crosses back: the DocumentResult, or `{kind, message}` for a thrown error, which
 * the pool rebuilds with toExtractionError (never err.toString()).
 */
export interface WorkerRequest extends Task {
  id: number;
}
export type WorkerReply =
  { id: number; result: DocumentResult } | { id: number; error: { kind?: string; message: string } };

const { pipelineModule, ocrWorkers } = workerData as { pipelineModule: string; ocrWorkers: number };
let extract: Promise<ExtractFn> | undefined;

function load(): Promise<ExtractFn> {
  extract ??= import(pipelineModule).then((m: { extractDocument?: ExtractFn }) => {
    if (typeof m.extractDocument !== 'function') throw new Error(`${pipelineModule} exports no extractDocument`);
    return m.extractDocument;
  });
  return extract;
}

parentPort!.on('message', (req: WorkerRequest) => {
  void (async () => {
    let reply: WorkerReply;
    try {
      const fn = await load();
      const result = await fn({ path: req.path, bytes: req.bytes }, { ...req.options, ocrWorkers });
      reply = { id: req.id, result };
    } catch (err) {
      const e = err as { kind?: unknown; message?: unknown };
      reply = {
        id: req.id,
        error: {
          ...(typeof e?.kind === 'string' ? { kind: e.kind } : {}),
          message: typeof e?.message === 'string' ? e.message : String(err),
        },
      };
    }
    parentPort!.postMessage(reply);
  })();
});
