// Web Workers for the batch page: one instance of the full wasm module in
// each (module workers: Chromium 80+), so a batch of thousands of files is
// checked on every core while the page stays responsive. Only for the
// served page: the workers load the page's own files (batch-worker.js and
// pkg/, same origin, allowed by the CSP; no fetch). The offline single file
// has no pool and checks on the page's own instance, chunk by chunk.

import { compiledModule, EngineError, OFFICE } from './engine.js';

// Resolves to a pool of `size` started workers, or to null when workers
// cannot start here (old browser, blocked): the page then works alone.
// The full module is compiled once (shared with the page's own instance)
// and posted to each worker.
export function createPool(size) {
  if (typeof Worker === 'undefined' || location.protocol === 'file:') return Promise.resolve(null);
  const count = Math.max(1, Math.min(size || navigator.hardwareConcurrency || 2, 8));
  return compiledModule(OFFICE).then(function (module) {
    const starts = [];
    for (let i = 0; i < count; i++) starts.push(startWorker(module));
    return Promise.all(starts).then(function (workers) { return pool(workers, module); }, function (e) {
      starts.forEach(function (s) { s.then(function (w) { w.terminate(); }, function () {}); });
      throw e;
    });
  }).catch(function (e) {
    if (typeof console !== 'undefined') console.warn('Web Worker 无法启动，改在页面中检查：' + (e && e.message));
    return null;
  });
}

// A worker, once its wasm instance has started from the compiled `module`.
function startWorker(module) {
  return new Promise(function (resolve, reject) {
    let worker;
    try {
      worker = new Worker('batch-worker.js', { type: 'module' });
      worker.postMessage({ module: module });
    } catch (e) {
      reject(e);
      return;
    }
    const timer = setTimeout(function () { worker.terminate(); reject(new Error('启动超时')); }, 30000);
    worker.onmessage = function (event) {
      clearTimeout(timer);
      if (event.data && event.data.ready) resolve(worker);
      else { worker.terminate(); reject(new Error((event.data && event.data.error) || '启动失败')); }
    };
    worker.onerror = function (event) {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(event.message || '启动失败'));
    };
  });
}

// Hands each call to the next idle worker; a worker whose instance trapped
// is replaced (its call fails with a Chinese message, as on the page).
function pool(workers, module) {
  const queue = [];
  const idle = workers.slice();
  let next = 0;

  function dispatch() {
    while (idle.length && queue.length) run(idle.pop(), queue.shift());
  }

  function run(worker, task) {
    const id = ++next;
    worker.onmessage = function (event) {
      const reply = event.data;
      if (reply.id !== id) return;
      if ('result' in reply) {
        task.resolve(reply.result);
        idle.push(worker);
      } else if ('refused' in reply) {
        task.reject(new EngineError(reply.refused));
        idle.push(worker);
      } else {
        task.reject(new EngineError('检查程序内部出错，未能完成（' + reply.trapped + '）。页面仍可继续使用；如果同一文件反复出错，请把文件发给维护者。'));
        replace(worker);
      }
      dispatch();
    };
    worker.onerror = function (event) {
      task.reject(new EngineError('检查程序内部出错，未能完成（' + (event.message || '后台线程停止') + '）。'));
      replace(worker);
      dispatch();
    };
    worker.postMessage({ id: id, fn: task.fn, args: task.args });
  }

  function replace(worker) {
    worker.terminate();
    startWorker(module).then(function (fresh) { idle.push(fresh); dispatch(); }, function () {});
  }

  return {
    size: workers.length,
    // Calls `fn` of the module in a worker; resolves to its result.
    call: function (fn, args) {
      return new Promise(function (resolve, reject) {
        queue.push({ fn: fn, args: args, resolve: resolve, reject: reject });
        dispatch();
      });
    },
  };
}
