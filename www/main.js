// Entry point of the served page: loads each wasm module as the page's own
// JS modules (no fetch), then starts the UI.
import { createEngine, decodeBase64 } from './engine.js';
import { start } from './app.js';
import './form.js';

let generation = 0;

async function load(name) {
  // A fresh copy of the glue each time, so a trapped instance is replaced.
  generation += 1;
  const parts = await Promise.all([
    import('./pkg/' + name + '.js?instance=' + generation),
    import('./pkg/' + name + '_wasm.js'),
  ]);
  const glue = parts[0];
  await glue.default({ module_or_path: decodeBase64(parts[1].default) });
  return glue;
}

start(createEngine(load));
