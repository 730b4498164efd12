// The engine: the wasm modules behind one small asynchronous interface.
//
// `load(name)` (given by main.js, or by the single-file build) resolves to
// a freshly instantiated module: `nianbao` (first load) or
// `nianbao_office` (every feature: DOCX/XLSX, PDF; loaded the first time
// it is needed). A
// string thrown by the module is a Chinese message for the user. Anything
// else is a trap (a panic in the core, out of memory): the instance is
// dropped, the next call starts a fresh one, and the user gets a Chinese
// message instead of a dead page.

export const CORE = 'nianbao';
export const OFFICE = 'nianbao_office';

// Whether these bytes need the full module: DOCX and XLSX (zip archives,
// "PK\x03\x04"), PDF ("%PDF"), text that is not UTF-8 (GBK CSV from
// Excel, old GBK web pages) and pages saved as one file (.mhtml, .mht),
// whose readers the first-load module leaves out.
export function needsFullModule(bytes) {
  const zip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  const pdf = bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
  return zip || pdf || isSavedPage(bytes) || !isUtf8(bytes);
}

// A page saved as one file: MIME headers (“MIME-Version: 1.0”) that name
// multipart/related, as src/import/mhtml.rs recognises them.
function isSavedPage(bytes) {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 16384)).toLowerCase();
  return /^[a-z0-9-]+:/.test(head) && head.includes('mime-version:') && head.includes('multipart/related');
}

function isUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch (e) {
    return false;
  }
}

export function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let generation = 0;
const compiled = {};

// A module using WebAssembly SIMD (i8x16.splat, i8x16.popcnt): whether this
// browser has it (Chromium 91+).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

function hasSimd() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch (e) {
    return false;
  }
}

// The file of a module's bytes: the full module also comes built with
// SIMD (same glue, same results; its searches and UTF-8 checks are
// faster), for browsers that have it.
function bytesFile(name) {
  return name === OFFICE && hasSimd() ? name + '_simd' : name;
}

// The compiled WebAssembly.Module of a served module, compiled once per
// page: a fresh instance after a trap, and the batch page's Web Workers
// (it is posted to them), start from it without compiling again.
export function compiledModule(name) {
  if (!compiled[name]) {
    compiled[name] = import('./pkg/' + bytesFile(name) + '_wasm.js').then(function (wasm) {
      return WebAssembly.compile(decodeBase64(wasm.default));
    });
    compiled[name].catch(function () { delete compiled[name]; });
  }
  return compiled[name];
}

// Loads a wasm module of the served page as the page's own JS modules (no
// fetch): a fresh copy of the glue each time, so a trapped instance is
// replaced. (The offline single file has its own loader.)
export async function loadServedModule(name) {
  generation += 1;
  const parts = await Promise.all([import('./pkg/' + name + '.js?instance=' + generation), compiledModule(name)]);
  const glue = parts[0];
  await glue.default({ module_or_path: parts[1] });
  return glue;
}

export class EngineError extends Error {}

export function createEngine(load) {
  const instances = {};

  function instance(name) {
    if (!instances[name]) {
      instances[name] = load(name).catch(function (e) {
        delete instances[name];
        throw new EngineError('检查程序无法启动（' + describe(e) + '）。请使用较新版本的浏览器（Chromium 80 以上）。');
      });
    }
    return instances[name];
  }

  // Calls `fn` of module `name` with `args`; resolves to its result.
  async function call(name, fn, args) {
    const api = await instance(name);
    try {
      return api[fn].apply(null, args || []);
    } catch (e) {
      if (typeof e === 'string') throw new EngineError(e);
      // A trap leaves the instance in an unknown state: start afresh next time.
      delete instances[name];
      if (typeof console !== 'undefined') console.error(e);
      throw new EngineError('检查程序内部出错，未能完成（' + describe(e) + '）。页面仍可继续使用；如果同一文件反复出错，请把文件发给维护者。');
    }
  }

  return {
    call: call,
    core: function (fn, args) { return call(CORE, fn, args); },
    // The module that reads these bytes: the full one for DOCX/XLSX/PDF.
    moduleFor: function (bytes) { return needsFullModule(bytes) ? OFFICE : CORE; },
    warm: function () { return instance(CORE); },
  };
}

function describe(e) {
  if (e && e.message) return e.message;
  return String(e);
}
