// A Web Worker of the batch page (see pool.js): one instance of the full
// wasm module, calling the batch functions the page hands it. A string
// thrown by the module is a Chinese message for the user; anything else is
// a trap, after which this worker stops (the pool starts a fresh one).
import init, * as core from './pkg/nianbao_office.js';
import wasm from './pkg/nianbao_office_wasm.js';
import { decodeBase64 } from './engine.js';

// What the page may call here: the batch's two shares of work.
const CALLS = { batchGlance: core.batchGlance, batchCheckShare: core.batchCheckShare };

const ready = init({ module_or_path: decodeBase64(wasm) });
ready.then(function () { self.postMessage({ ready: true }); }, function (e) {
  self.postMessage({ ready: false, error: String((e && e.message) || e) });
});

self.onmessage = function (event) {
  const task = event.data;
  ready.then(function () {
    try {
      self.postMessage({ id: task.id, result: CALLS[task.fn].apply(null, task.args) });
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
