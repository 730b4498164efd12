// Entry point of the batch page: the full wasm module only (it reads every
// format and holds the batch functions), loaded as the page's own JS
// modules (no fetch). A trapped instance is replaced by a fresh one.
import { createEngine, decodeBase64, OFFICE } from './engine.js';
import { startBatch } from './batch.js';

let generation = 0;

async function load(name) {
  generation += 1;
  const parts = await Promise.all([
    import('./pkg/' + name + '.js?instance=' + generation),
    import('./pkg/' + name + '_wasm.js'),
  ]);
  const glue = parts[0];
  await glue.default({ module_or_path: decodeBase64(parts[1].default) });
  return glue;
}

startBatch(createEngine(load), OFFICE);
