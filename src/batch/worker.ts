import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type ExtractFn, type Task, type TaskResult } from './executor.js';

/**
 * Worker-thread entry: loads the pipeline module once, then per message reads one input (here,
 * under the pool's timeout: a slow or hostile file ties up this worker, never the batch) and
 * extracts it. Only plain data crosses back: `{read}` as soon as the input's sha256 is known, then
 * the TaskResult, or `{kind, message}` for a thrown error, which the pool rebuilds with
 * toExtractionError (never err.toString()).
 */
export interface WorkerRequest extends Task {
  id: number;
}
export type WorkerReply =
  | { id: number; read: string }
  | { id: number; done: TaskResult }
  | { id: number; error: { kind?: string; message: string } };

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
      const { id, ...task } = req;
      const done = await runTask(task, fn, { ocrWorkers }, (sha256) => parentPort!.postMessage({ id, read: sha256 }));
      reply = { id, done };
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
