#!/usr/bin/env node
// The bin is a thin shim over the compiled CLI so that `npm i -g` and `npx juesuan` work without tsx.
import('../dist/src/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 70;
    },
  );
