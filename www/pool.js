// Web Workers for the batch page: one instance of the full wasm module in
// each (module workers: Chromium 80+), so a batch of thousands of files is
// checked on every core while the page stays responsive. Only for the
// served page: the workers load the page's own files (batch-worker.js and
// pkg/, same origin, allowed by the CSP; no fetch). The offline single file
// has no pool and checks on the page's own instance, chunk by chunk.

import { compiledModule, EngineError, OFFICE } from './engine.js';

// Resolves to a pool of started workers, one per core (up to 8), or to
// null when workers cannot start here (old browser, blocked): the page
// then works alone. The full module is compiled once (shared with the
// page's own instance) and posted to each worker. `warmUp` ({fn, args},
// optional): a call each worker makes first, so that the engine has
// compiled the busy code to fast code before the first real call.
export function createPool(warmUp) {
  if (typeof Worker === 'undefined' || location.protocol === 'file:') return Promise.resolve(null);
  const count = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));
  return compiledModule(OFFICE).then(function (module) {
    const starts = [];
    for (let i = 0; i < count; i++) starts.push(startWorker(module));
    return Promise.all(starts).then(function (workers) { return pool(workers, module, warmUp); }, function (e) {
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

// Hands each call to a worker with room: each worker holds up to DEPTH
// calls, so that the next is already waiting in its queue when one ends
// (a worker left waiting for the page to answer its result and post the
// next share sat idle a third of the time). A worker whose instance
// trapped is replaced: its call fails with a Chinese message, as on the
// page, and the calls queued behind it go to the other workers.
const DEPTH = 2;
// The buffers kept for calls' arguments (see `buffer` below): how many,
// and how large at most.
const MAX_SPARES = 8;
const MIN_SPARE = 64 << 10;
const MAX_SPARE = 4 << 20;

function pool(workers, module, warmUp) {
  const queue = [];
  const slots = workers.map(slot);
  let next = 0;
  const ignore = function () {};
  if (warmUp) slots.forEach(function (held) { post(held, { fn: warmUp.fn, args: warmUp.args, resolve: ignore, reject: ignore }); });

  function slot(worker) {
    const held = { worker: worker, pending: [] };
    worker.onmessage = function (event) { answered(held, event.data); };
    worker.onerror = function (event) {
      stopped(held, '检查程序内部出错，未能完成（' + (event.message || '后台线程停止') + '）。');
    };
    return held;
  }

  function dispatch() {
    slots.forEach(function (held) {
      while (held.pending.length < DEPTH && queue.length) post(held, queue.shift());
    });
  }

  function post(held, task) {
    task.id = ++next;
    try {
      const made = typeof task.args === 'function';
      const args = made ? task.args() : task.args;
      // Arrays made for the call are handed over, not copied (a share's
      // files are megabytes, and copying them kept the page's thread busy).
      const handed = made ? args.filter(function (a) { return a instanceof Uint8Array; }).map(function (a) { return a.buffer; }) : [];
      held.worker.postMessage({ id: task.id, fn: task.fn, args: args }, handed);
    } catch (e) {
      // (Arguments that cannot be made or copied: this call fails, the
      // worker stays free.)
      task.reject(new EngineError('无法把文件交给后台线程（' + ((e && e.message) || e) + '）。'));
      return;
    }
    held.pending.push(task);
  }

  function answered(held, reply) {
    const task = held.pending[0];
    if (!task || reply.id !== task.id) return;
    if ('trapped' in reply) {
      stopped(held, '检查程序内部出错，未能完成（' + reply.trapped + '）。页面仍可继续使用；如果同一文件反复出错，请把文件发给维护者。');
      return;
    }
    held.pending.shift();
    (reply.spent || []).forEach(keepSpare);
    if ('result' in reply) task.resolve(reply.result);
    else task.reject(new EngineError(reply.refused));
    dispatch();
  }

  // The worker's instance is gone: its running call fails, the calls
  // behind it go back to the front of the queue, and a fresh worker
  // takes its place.
  function stopped(held, message) {
    if (slots.indexOf(held) < 0) return; // already replaced
    const running = held.pending.shift();
    if (running) running.reject(new EngineError(message));
    Array.prototype.unshift.apply(queue, held.pending);
    held.pending = [];
    held.worker.terminate();
    slots.splice(slots.indexOf(held), 1);
    startWorker(module).then(function (fresh) { slots.push(slot(fresh)); dispatch(); }, function () {});
    dispatch();
  }

  // Buffers the workers handed back, filled again for the next calls:
  // a fresh buffer of a megabyte per call (twice per file in a batch)
  // made the page's thread clear memory and collect garbage, while the
  // workers waited for their next share.
  const spares = [];
  function keepSpare(buffer) {
    if (buffer.byteLength >= MIN_SPARE && buffer.byteLength <= MAX_SPARE && spares.length < MAX_SPARES) spares.push(buffer);
  }

  return {
    size: workers.length,
    // A Uint8Array of `size` bytes (contents undefined), for arguments
    // made when a call is posted: on a buffer handed back when one is
    // large enough.
    buffer: function (size) {
      if (size < MIN_SPARE) return new Uint8Array(size);
      let best = -1;
      spares.forEach(function (b, i) { if (b.byteLength >= size && (best < 0 || b.byteLength < spares[best].byteLength)) best = i; });
      if (best >= 0) return new Uint8Array(spares.splice(best, 1)[0], 0, size);
      // Room to spare, so that the next share (a little larger) fits too.
      return new Uint8Array(new ArrayBuffer(Math.max(size, Math.min(Math.ceil(size * 1.25), MAX_SPARE))), 0, size);
    },
    // Calls `fn` of the module in a worker; resolves to its result.
    // `args`: the arguments, or a function giving them when the call is
    // posted (big arguments are then made only when a worker has room);
    // the byte arrays such a function gives are handed over to the
    // worker (they are unusable on the page afterwards).
    call: function (fn, args) {
      return new Promise(function (resolve, reject) {
        queue.push({ fn: fn, args: args, resolve: resolve, reject: reject });
        dispatch();
      });
    },
  };
}
