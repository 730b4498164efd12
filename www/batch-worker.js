// A Web Worker of the batch page (see pool.js): one instance of the full
// wasm module, calling the batch functions the page hands it. The page
// compiles the module once and posts it (a WebAssembly.Module) as the first
// message, so no worker fetches or compiles it again. A string thrown by
// the module is a Chinese message for the user; anything else is a trap,
// after which this worker stops (the pool starts a fresh one).
import init, * as core from './pkg/nianbao_office.js';

// What the page may call here: the batch's shares of work, and the plan
// and the assembly of the results (so that they do not hold up the page),
// and the warm-up run when the pool starts (pool.js).
const CALLS = {
  batchGlance: core.batchGlance,
  batchPlan: core.batchPlan,
  batchCheckShare: core.batchCheckShare,
  batchAssemble: core.batchAssemble,
  batchWarmUp: core.batchWarmUp,
};

let ready = null;

self.onmessage = function (event) {
  if (!ready) {
    ready = init({ module_or_path: event.data.module });
    ready.then(function () { self.postMessage({ ready: true }); }, function (e) {
      self.postMessage({ ready: false, error: String((e && e.message) || e) });
    });
    return;
  }
  const task = event.data;
  ready.then(function () {
    try {
      const result = CALLS[task.fn].apply(null, task.args);
      // Bytes (a share's JSON, alone or in an array) are handed over, not
      // copied; so are the buffers the page handed over (the module has
      // copied them in), back for the page to fill again (pool.js).
      const bytes = (Array.isArray(result) ? result : [result]).filter(function (r) { return r instanceof Uint8Array; });
      const spent = [];
      task.args.forEach(function (a) { if (a instanceof Uint8Array && spent.indexOf(a.buffer) < 0) spent.push(a.buffer); });
      self.postMessage({ id: task.id, result: result, spent: spent }, bytes.map(function (b) { return b.buffer; }).concat(spent));
    } catch (e) {
      if (typeof e === 'string') {
        self.postMessage({ id: task.id, refused: e });
      } else {
        self.postMessage({ id: task.id, trapped: String((e && e.message) || e) });
        self.close();
      }
    }
  });
};
