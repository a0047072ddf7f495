#!/usr/bin/env node
// The bin is a thin shim over the compiled CLI so that `npm i -g` and `npx juesuan` work without tsx.
// main() reports every error itself (one line, a documented exit code); what reaches here is a bug
// or a broken install: one line too, exit 70, the stack only with JUESUAN_DEBUG set.
import('../dist/src/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`juesuan: internal error (a bug; please report it): ${message.replace(/\s+/g, ' ')}\n`);
      if (process.env.JUESUAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = 70;
    },
  );
