// The batch page: many reports at once for reviewers — a table of every
// report (search, filter, sort), coverage against the list of units, year
// over year pairing, aggregation with a cell-by-cell comparison, charts,
// review marks kept in the browser, exports. All checking is in the core;
// text from reports reaches the page as text nodes or the core's escaped
// HTML and SVG.

import { download, DOCX, XLSX } from './save.js';

// The labels and icons of severities and statuses and the labels of organ
// kinds are the core's (`labels` in src/wasm.rs), set at start.
const SEVERITY = { error: { label: '', icon: '' }, warning: { label: '', icon: '' }, info: { label: '', icon: '' } };
const STATUS = {};
const STATUS_ICON = {};
const KIND = {};
const MARKS_KEY = 'nianbao-batch-marks';
const UNITS_KEY = 'nianbao-batch-units';
const ISSUER_KEY = 'nianbao-batch-issuer';

const $ = function (id) { return document.getElementById(id); };

let engine = null;
let module = null;
let startPool = null; // () => Promise of a worker pool or null (the served page's; none offline)
let pool = null; // that promise, once asked for
let inputs = []; // {name, bytes}
let loaded = new Set(); // contentKey of every file taken, so the same file given again is skipped
let batch = 0; // counts 清空: work begun before it is dropped
let view = null; // result of checkBatch
let sort = { key: 'status', dir: 1 };
let selected = new Set(); // indexes into inputs
let threshold = 50; // the 雷同阈值 (%) in force: #b-threshold once validated
let marks = loadMarks();
let certificates = []; // {name, bytes}: 检查凭证 received with the reports

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === 'text') node.textContent = attrs[k];
    else if (k === 'class') node.className = attrs[k];
    else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), attrs[k]);
    else node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return node;
}

// The core's SVG charts: parsed as SVG, never as HTML.
function svg(markup) {
  if (!markup) return null;
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  return doc.documentElement.nodeName === 'svg' ? document.importNode(doc.documentElement, true) : null;
}

let settled = ''; // the last status that was not an error

function status(text, error) {
  const s = $('b-status');
  s.textContent = text;
  s.classList.toggle('error', !!error);
  if (!error) settled = text;
  $('b-aggregate-note').hidden = true;
}

// A refused aggregation is said by its button too: the status line is at
// the top of the page, out of sight.
function refuseAggregate(text) {
  status(text, true);
  $('b-aggregate-note').textContent = text;
  $('b-aggregate-note').hidden = false;
}

// An action succeeded: an error left from an earlier one no longer applies.
function clearError() {
  if ($('b-status').classList.contains('error')) status(settled);
}

function call(fn, args) { return engine.call(module, fn, args); }

// The loaded files, kept in IndexedDB (they can be many megabytes, too
// much for localStorage) so that a reload keeps the batch, as it keeps the
// review marks; 清空 forgets them.
const DB_NAME = 'nianbao-batch';
const DB_STORE = 'files';
const DB_KEY = 'batch';

function openDb() {
  return new Promise(function (resolve, reject) {
    if (!window.indexedDB) { reject(new Error('浏览器不支持 IndexedDB')); return; }
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = function () { req.result.createObjectStore(DB_STORE); };
    req.onsuccess = function () { resolve(req.result); };
    req.onerror = function () { reject(req.error); };
  });
}

function dbDo(mode, work) {
  return openDb().then(function (db) {
    return new Promise(function (resolve, reject) {
      const tx = db.transaction(DB_STORE, mode);
      const req = work(tx.objectStore(DB_STORE));
      tx.oncomplete = function () { db.close(); resolve(req.result); };
      tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
    });
  });
}

function storeFiles() {
  const record = { inputs: inputs, loaded: Array.from(loaded) };
  return dbDo('readwrite', function (store) { return store.put(record, DB_KEY); })
    .catch(function () { status('无法在浏览器中保存已载入的文件（存储已满或被禁用）：刷新页面后需重新载入。', true); });
}

function forgetFiles() {
  return dbDo('readwrite', function (store) { return store.delete(DB_KEY); }).catch(function () {});
}

// After a reload: the files of the last session, checked again.
function restoreFiles() {
  return dbDo('readonly', function (store) { return store.get(DB_KEY); }).then(function (record) {
    if (!record || !record.inputs || !record.inputs.length || inputs.length) return;
    inputs = record.inputs;
    loaded = new Set(record.loaded || []);
    $('b-clear').disabled = false;
    recheck('已恢复上次载入的 ' + inputs.length + ' 个文件。');
  }, function () {});
}

function loadMarks() {
  try { return JSON.parse(localStorage.getItem(MARKS_KEY) || '{}') || {}; } catch (e) { return {}; }
}
function saveMarks() {
  try { localStorage.setItem(MARKS_KEY, JSON.stringify(marks)); clearError(); } catch (e) { status('无法保存复核记录（浏览器存储已满或被禁用）', true); }
}
// The list of units, kept like the marks: a reload keeps it.
function loadUnits() {
  try { return localStorage.getItem(UNITS_KEY) || ''; } catch (e) { return ''; }
}
function saveUnits() {
  try { localStorage.setItem(UNITS_KEY, $('b-units').value); } catch (e) { status('无法保存单位名单（浏览器存储已满或被禁用）', true); }
}
// A mark belongs to a report: its identity (content hash, organ, year, from
// the core's checkBatch), never its file name alone — two units may both
// hand in 年报.json.
function markKey(identity, f) { return identity + '|' + f.rule + '|' + (f.cells[0] || ''); }
function identityOf(r) { return view && view.identities ? view.identities[r.index] : null; }
const IDENTITY = /^[0-9a-f]{16}\|/;

// Marks saved by older versions were keyed by file name. One is taken over
// by the report of that name only when exactly one report has it (and so
// can be told apart); otherwise it stays unused rather than be guessed.
function adoptOldMarks() {
  let changed = false;
  Object.keys(marks).forEach(function (key) {
    if (IDENTITY.test(key)) return;
    const owners = view.reports.filter(function (r) { return r.status !== 'unreadable' && key.indexOf(r.source + '|') === 0; });
    if (owners.length !== 1) return;
    const next = identityOf(owners[0]) + key.slice(owners[0].source.length);
    if (!(next in marks)) marks[next] = marks[key];
    delete marks[key];
    changed = true;
  });
  if (changed) saveMarks();
}

export function startBatch(theEngine, moduleName, poolStarter) {
  engine = theEngine;
  module = moduleName;
  startPool = poolStarter || null;
  wire();
  call('labels', []).then(function (labels) {
    labels.severity.forEach(function (s) { SEVERITY[s[0]] = { label: s[1], icon: s[2] }; });
    labels.status.forEach(function (s) { STATUS[s[0]] = s[1]; STATUS_ICON[s[0]] = s[2]; });
    labels.organ_kind.forEach(function (k) { KIND[k[0]] = k[1]; });
    status('就绪：请拖入多份报告、文件夹或 zip 压缩包。');
    restored = restoreFiles();
    // The workers start (and warm up) while the user chooses files.
    workers();
    return restored.then(function () { $('batch-app').dataset.state = 'ready'; });
  }, function (e) { status('检查程序无法启动：' + e.message, true); });
}

function wire() {
  const drop = $('b-drop');
  $('b-files').addEventListener('change', function () { take($('b-files').files); $('b-files').value = ''; });
  $('b-folder').addEventListener('click', function () { $('b-folder-input').click(); });
  $('b-folder-input').addEventListener('change', function () { take($('b-folder-input').files); $('b-folder-input').value = ''; });
  drop.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('b-files').click(); } });
  ['dragenter', 'dragover'].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (t) { drop.addEventListener(t, function () { drop.classList.remove('over'); }); });
  drop.addEventListener('drop', function (e) { e.preventDefault(); takeDropped(e.dataTransfer); });
  window.addEventListener('dragover', function (e) { e.preventDefault(); });
  window.addEventListener('drop', function (e) { e.preventDefault(); });
  ['b-search', 'b-year', 'b-kind', 'b-status-filter'].forEach(function (id) { $(id).addEventListener('input', function () { showFirstPage(); }); });
  $('b-page-prev').addEventListener('click', function () { turnPage(-1); });
  $('b-page-next').addEventListener('click', function () { turnPage(1); });
  $('b-clear').addEventListener('click', clearBatch);
  $('b-units').value = loadUnits();
  $('b-units').addEventListener('input', saveUnits);
  $('b-units-apply').addEventListener('click', function () { recheck(); });
  // (A reload may have restored the field: take its value if valid.)
  threshold = thresholdIn($('b-threshold').value) || threshold;
  $('b-threshold').value = String(threshold);
  $('b-threshold').addEventListener('change', changeThreshold);
  // One button: selects the rows shown, or, when they all are, clears every mark.
  $('b-select-all').addEventListener('click', function () {
    const rows = visible();
    if (allSelected(rows)) selected.clear();
    else rows.forEach(function (r) { selected.add(r.index); });
    clearError(); // a refusal was about the selection before
    renderTable();
  });
  $('b-aggregate').addEventListener('click', aggregate);
  $('b-charts-download').addEventListener('click', function () {
    if (!view) { status('请先载入报告。', true); return; }
    downloadCharts(CHARTS.filter(function (c) { return view[c.key]; }));
  });
  $('b-reply-by').value = isoDate(daysFromToday(15));
  $('b-issuer').value = loadIssuer();
  $('b-issuer').addEventListener('input', function () { try { localStorage.setItem(ISSUER_KEY, $('b-issuer').value); } catch (e) { /* not kept */ } });
  $('b-notices').addEventListener('click', makeNotices);
  $('b-region-summary').addEventListener('click', showRegionCard);
  $('b-region-close').addEventListener('click', function () { $('b-region-box').hidden = true; });
  $('b-region-print').addEventListener('click', printRegionCard);
  $('b-region-html').addEventListener('click', function () { downloadRegionCard('html'); });
  $('b-region-docx').addEventListener('click', function () { downloadRegionCard('docx'); });
  $('b-marks-download').addEventListener('click', function () {
    download('复核记录.json', JSON.stringify(marks, null, 1), 'application/json');
    status('已下载 复核记录.json（' + Object.keys(marks).length + ' 条复核意见）');
  });
  $('b-cert-pick').addEventListener('click', function () { $('b-cert-files').click(); });
  $('b-cert-files').addEventListener('change', function () {
    const picked = Array.prototype.slice.call($('b-cert-files').files);
    $('b-cert-files').value = '';
    Promise.all(picked.map(function (f) {
      return f.arrayBuffer().then(function (b) { return { name: f.name, bytes: new Uint8Array(b) }; });
    })).then(function (read) {
      certificates = certificates.concat(read);
      renderCertificates();
    }, function (e) { status('读取凭证失败：' + e.message, true); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-export]'), function (b) {
    b.addEventListener('click', function () { exportBatch(b.dataset.export); });
  });
}

// Folders dropped: walk their entries (webkitGetAsEntry, Chromium 80+).
function takeDropped(transfer) {
  const items = Array.prototype.slice.call(transfer.items || []);
  const entries = items.map(function (i) { return i.webkitGetAsEntry && i.webkitGetAsEntry(); }).filter(Boolean);
  if (!entries.length) return take(transfer.files);
  const files = [];
  function walk(entry) {
    if (entry.isFile) return new Promise(function (resolve) { entry.file(function (f) { files.push(f); resolve(); }, resolve); });
    return new Promise(function (resolve) {
      const reader = entry.createReader();
      const all = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) { Promise.all(all.map(walk)).then(resolve); return; }
          Array.prototype.push.apply(all, batch);
          more();
        }, resolve);
      })();
    });
  }
  Promise.all(entries.map(walk)).then(function () { take(files); });
}

function isZip(bytes, name) {
  return /\.zip$/i.test(name) && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function fileName(f) { return f.webkitRelativePath || f.name; }
// FNV-1a (32 bits, twice with different seeds): the same bytes, the same key.
function contentHash(bytes) {
  let a = 0x811c9dc5, b = 0x01000193;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193) >>> 0;
    b = Math.imul(b ^ bytes[i], 0x5bd1e995) >>> 0;
  }
  return a.toString(16) + b.toString(16);
}
// A file is the same as one loaded before when its name and content are:
// a corrected report of the same name and size is a new file.
function contentKey(name, bytes) { return name + '\n' + bytes.length + '\n' + contentHash(bytes); }

// Files taken before the last session's are restored would be doubled:
// taking waits for the restore.
let restored = Promise.resolve();

function take(fileList) {
  const list = Array.prototype.slice.call(fileList);
  restored.then(function () { takeNow(list); });
}

function takeNow(list) {
  const picked = list.filter(function (f) { return !/(^|\/)\./.test(fileName(f)); });
  if (!picked.length) return;
  const run = batch;
  status('正在读取 ' + picked.length + ' 个文件……');
  Promise.all(picked.map(function (f) {
    return f.arrayBuffer().then(function (b) { return { name: fileName(f), bytes: new Uint8Array(b) }; });
  })).then(function (read) {
    // A file loaded before (same name and content) is skipped, not added
    // twice. (Only against earlier loads: two files of one dropped folder
    // may share a name, in different subfolders.)
    const fresh = [];
    const skipped = [];
    read.forEach(function (input) {
      input.key = contentKey(input.name, input.bytes);
      (loaded.has(input.key) ? skipped : fresh).push(input);
    });
    const shortList = skipped.slice(0, 3).map(function (i) { return i.name; }).join('、') + (skipped.length > 3 ? ' 等' : '');
    if (!fresh.length) {
      status('这 ' + skipped.length + ' 个文件都已载入（同名且内容相同），没有重复添加：' + shortList + '。');
      return null;
    }
    const note = skipped.length ? '已跳过 ' + skipped.length + ' 个已载入的文件（同名且内容相同）：' + shortList + '。' : '';
    // Zips are unpacked by the core (bounded against zip bombs), one after
    // the other; the other files are taken as they are, in order (added to
    // one list: copying the list per file was quadratic in the files).
    const added = [];
    return fresh.reduce(function (chain, input) {
      if (!isZip(input.bytes, input.name)) return chain.then(function () { added.push(input); });
      return chain.then(function () {
        return call('zipFiles', [input.bytes]).then(function (inside) {
          inside.forEach(function (f) { added.push({ name: input.name + '/' + f.name, bytes: f.bytes }); });
        }, function (e) {
          added.push({ name: input.name, bytes: input.bytes, zipError: e.message });
        });
      });
    }, Promise.resolve()).then(function () {
      if (run !== batch) return; // cleared meanwhile
      fresh.forEach(function (input) { loaded.add(input.key); });
      // 检查凭证 sent with the reports are verified, not checked as reports.
      const certs = added.filter(function (i) { return !i.zipError && isCertificate(i.bytes); });
      const reports = added.filter(function (i) { return certs.indexOf(i) < 0; });
      certificates = certificates.concat(certs);
      inputs = inputs.concat(reports.map(function (i) { return { name: i.name, bytes: i.bytes, zipError: i.zipError }; }));
      $('b-clear').disabled = false;
      if (!reports.length) { renderCertificates(); return; }
      // Kept for a reload once checked: storing copies every file, and on a
      // machine of two cores it slowed the check by a third.
      recheck(note + (certs.length ? '另有 ' + certs.length + ' 份检查凭证，核验结果见“检查凭证核验”。' : ''), storeFiles);
    });
  }).catch(function (e) { status('读取文件失败：' + e.message, true); });
}

// Drops the loaded batch; the list of units, the threshold and the review
// marks stay.
function clearBatch() {
  batch += 1;
  inputs = [];
  certificates = [];
  forgetFiles();
  loaded = new Set();
  view = null;
  selected.clear();
  ['b-overview', 'b-table-box', 'b-detail', 'b-aggregate-box', 'b-region-box', 'b-tree-box', 'b-cert-box'].forEach(function (id) { $(id).hidden = true; });
  ['b-search', 'b-year', 'b-kind', 'b-status-filter', 'b-stated'].forEach(function (id) { $(id).value = ''; });
  ['b-table', 'b-unreadable', 'b-preview', 'b-aggregate-preview', 'b-notices-list'].forEach(function (id) { $(id).textContent = ''; });
  $('b-unreadable').classList.remove('highlight');
  delete document.body.dataset.batchDone;
  $('b-clear').disabled = true;
  status('已清空。请拖入多份报告、文件夹或 zip 压缩包。');
}

// The 雷同阈值 in `text`: a whole number of percent, 1 to 100, or null.
function thresholdIn(text) {
  const n = Number(text.trim());
  return /^\d+$/.test(text.trim()) && n >= 1 && n <= 100 ? n : null;
}

// Anything but a valid threshold keeps the one in force.
function changeThreshold() {
  const input = $('b-threshold');
  const n = thresholdIn(input.value);
  if (n === null) {
    input.value = String(threshold);
    status('雷同阈值应为 1 到 100 之间的整数，仍按 ' + threshold + '% 检查。', true);
    return;
  }
  threshold = n;
  clearError();
  recheck();
}

// `note`: said along with the result (e.g. files skipped); `afterwards`
// is called once the result is shown (or the check failed), unless the
// batch was cleared meanwhile.
function recheck(note, afterwards) {
  if (!inputs.length) return;
  const run = batch;
  const started = performance.now();
  status('正在检查 ' + inputs.length + ' 份报告……');
  showCheckProgress(0, 0, inputs.length);
  // The bar is drawn ten times a second at most: drawing it for every
  // share (or every frame) kept the page's thread from handing the next
  // shares out, and painting took a core's time from the workers.
  let latest = null;
  let finished = false;
  checkAll(inputs.slice(), $('b-units').value, threshold, function (read, checked) {
    if (!latest) {
      setTimeout(function () {
        if (run === batch && !finished) showCheckProgress(latest.read, latest.checked, inputs.length);
        latest = null;
      }, 100);
    }
    latest = { read: read, checked: checked };
  }).then(function (result) {
    finished = true;
    if (run !== batch) return; // cleared meanwhile
    showCheckProgress(null);
    view = result;
    view.reports.forEach(function (r, i) { r.index = i; });
    adoptOldMarks();
    const elapsed = (performance.now() - started) / 1000;
    const seconds = elapsed.toFixed(1);
    // To the millisecond for the benchmark (scripts/bench), which compares it with native.
    document.body.dataset.batchCheckSeconds = elapsed.toFixed(3);
    const unreadable = view.reports.filter(function (r) { return r.status === 'unreadable'; }).length;
    if (unreadable === inputs.length) {
      status((unreadable === 1 ? '这个文件' : '这 ' + unreadable + ' 个文件都') + '无法读取为年度报告，原因见表格下方“无法读取的文件”。' + (note || ''), true);
    } else {
      status('已检查 ' + inputs.length + ' 份报告（' + seconds + ' 秒）' + (unreadable ? '，其中 ' + unreadable + ' 个文件无法读取（见表格下方）' : '') +
        '。' + (note || '') + '点击一行查看该报告的问题和预览。');
    }
    // Done (for the tests and the benchmark) once every row is shown.
    const count = inputs.length;
    render(function () {
      if (run !== batch) return;
      document.body.dataset.batchDone = String(count);
      if (afterwards) afterwards();
    });
  }, function (e) {
    finished = true;
    if (run !== batch) return;
    showCheckProgress(null);
    status('批量检查失败：' + e.message, true);
    if (afterwards) afterwards();
  });
}

// Files per share of the work: small enough for the progress bar to move
// and the page to answer between shares, large enough to keep the
// messages few.
const SHARE = 100;

// The batch checked as the core's checkBatch does, in two passes over
// shares of the files: each file's glance (organ, year, figures), the
// plan (pairing, copies between reports) from all of them, then each
// share checked with last year's files it is paired with, and the
// results put together — on the Web Workers when the page has them (the
// plan and the putting together too), else
// on the page's instance one share at a time with a pause between shares
// (the bar still moves, the page still answers). `progress(read, checked)`
// counts files.
function checkAll(files, units, copyThreshold, progress) {
  const shares = [];
  for (let start = 0; start < files.length; start += SHARE) shares.push(files.slice(start, start + SHARE).map(function (f, k) { return { at: start + k, file: f }; }));
  const nameOf = function (s) { return s.map(function (x) { return x.file.name; }); };
  const bytesOf = function (s) { return s.map(function (x) { return x.file.bytes; }); };
  let read = 0;
  let checked = 0;
  return workers().then(function (workerPool) {
    const each = workerPool ? function (fn, args) { return workerPool.call(fn, args); } : inTurn(call);
    const pack = function (arrays) { return packInto(arrays, workerPool ? workerPool.buffer : newBuffer); };
    // The plan and the assembly of the results on a worker too: the page
    // stays free to paint and answer while they run. (Arguments may be a
    // function giving them, as for `each`.)
    const once = workerPool ? each : function (fn, args) { return call(fn, typeof args === 'function' ? args() : args); };
    return Promise.all(shares.map(function (s) {
      const args = function () { const packed = pack(bytesOf(s)); return [nameOf(s), packed.bytes, packed.lengths]; };
      return each('batchGlance', args).then(function (glances) { read += s.length; progress(read, checked); return glances; });
    })).then(function (glances) {
      return once('batchPlan', [glances, SHARE]);
    }).then(function (plan) {
      return Promise.all(shares.map(function (s, n) {
        // Last year's file goes along only when it is not in the share
        // itself (the core reads it from there: an organ's years usually
        // lie side by side).
        const from = s[0].at;
        const to = s[s.length - 1].at;
        const previous = s.map(function (x) {
          const p = plan.previous[x.at];
          return p === null || p === undefined || (p >= from && p <= to) ? null : files[p];
        });
        const args = function () {
          const these = pack(bytesOf(s));
          const last = pack(previous.map(function (p) { return p ? p.bytes : new Uint8Array(0); }));
          return [plan.shares[n], s.map(function (x) { return x.at; }), nameOf(s), these.bytes, these.lengths,
            previous.map(function (p) { return p ? p.name : ''; }), last.bytes, last.lengths, copyThreshold];
        };
        // A share's result: its reports for the page (JSON text, parsed
        // here as each share comes in, while the workers go on) and their
        // digest for the assembly (bytes, handed over from the worker and on).
        return each('batchCheckShare', args).then(function (share) {
          checked += s.length;
          progress(read, checked);
          return { page: JSON.parse(share[0]), digest: share[1] };
        });
      })).then(function (checkedShares) {
        const args = function () {
          const packed = pack(checkedShares.map(function (share) { return share.digest; }));
          return [packed.bytes, packed.lengths, plan.plan, units];
        };
        return once('batchAssemble', args).then(function (json) {
          // What the core's checkBatch gives: every share's reports and
          // identities in order, and what is said of the batch as a whole.
          const result = JSON.parse(json);
          result.reports = [];
          result.identities = [];
          checkedShares.forEach(function (share) {
            Array.prototype.push.apply(result.reports, share.page.reports);
            Array.prototype.push.apply(result.identities, share.page.identities);
          });
          return result;
        });
      });
    });
  });
}

// Made-up organs (two years each) a worker checks when it starts, in the
// background while the user chooses files (under a second): the browser
// then has the busy code compiled to fast code before the first batch.
const WARM_UP_ORGANS = 200;

// A share's files as the core's batch calls take them: one buffer, the
// files one after another, and their lengths. (A hundred small arrays per
// message kept the page busier copying them to the workers than the
// workers were reading them.) Packed only when the call is made, so that
// the copies do not pile up in the queue. `buffer(size)` gives the
// Uint8Array to fill.
function packInto(arrays, buffer) {
  let size = 0;
  arrays.forEach(function (a) { size += a.length; });
  const bytes = buffer(size);
  let at = 0;
  const lengths = arrays.map(function (a) { bytes.set(a, at); at += a.length; return a.length; });
  return { bytes: bytes, lengths: lengths };
}

function newBuffer(size) { return new Uint8Array(size); }

// The worker pool, started when the page opens (null offline or where
// workers cannot start).
function workers() {
  if (!pool) pool = startPool ? startPool({ fn: 'batchWarmUp', args: [WARM_UP_ORGANS] }) : Promise.resolve(null);
  return pool;
}

// `fn` called one call at a time, each after a pause that lets the page
// paint and answer input. `args` may be a function giving the arguments,
// called only then (as the worker pool does).
function inTurn(fn) {
  let last = Promise.resolve();
  return function (name, args) {
    const mine = last.then(function () {
      return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () { return fn(name, typeof args === 'function' ? args() : args); });
    });
    last = mine.catch(function () {});
    return mine;
  };
}

// The progress bar under the status: files read and checked of `total`
// (each file is read in the first pass, checked in the second); `null`
// hides it.
function showCheckProgress(read, checked, total) {
  const bar = $('b-progress');
  const label = $('b-progress-text');
  if (read === null) { bar.hidden = true; label.hidden = true; return; }
  bar.hidden = false;
  label.hidden = false;
  bar.max = 2 * total;
  bar.value = read + checked;
  label.textContent = checked ? '已检查 ' + checked + ' / ' + total + ' 个文件' : '已读取 ' + read + ' / ' + total + ' 个文件';
}

function names() { return inputs.map(function (i) { return i.name; }); }
function files() { return inputs.map(function (i) { return i.bytes; }); }

// `done` (optional): called once the whole table is in place.
function render(done) {
  $('b-overview').hidden = false;
  $('b-table-box').hidden = false;
  renderCounts();
  renderDuplicates();
  renderCharts();
  renderCoverage();
  renderTree();
  renderCertificates();
  renderFilters();
  showFirstPage(done);
  renderUnreadable();
}

// Each count is a button: it filters the table by its status (pressed
// again: all), or for 无法读取 marks the list of those files.
function renderCounts() {
  const box = $('b-counts');
  box.textContent = '';
  ['errors', 'warnings', 'passed', 'unreadable'].forEach(function (s) {
    const n = view.reports.filter(function (r) { return r.status === s; }).length;
    const title = s === 'unreadable' ? '标出下方无法读取的文件' : '只显示' + STATUS[s] + '的报告（再点一次显示全部）';
    const button = el('button', { type: 'button', class: 'b-count ' + s, 'data-status': s, title: title,
      text: STATUS[s] + ' ' + n, onclick: function () { pickStatus(s); } });
    button.disabled = !n;
    box.appendChild(button);
  });
  showPressed();
}

function pickStatus(s) {
  if (s === 'unreadable') {
    const list = $('b-unreadable');
    list.classList.toggle('highlight');
    if (list.classList.contains('highlight')) list.scrollIntoView({ block: 'center' });
    showPressed();
    return;
  }
  const filter = $('b-status-filter');
  filter.value = filter.value === s ? '' : s;
  showFirstPage();
}

function showPressed() {
  Array.prototype.forEach.call($('b-counts').children, function (button) {
    const s = button.dataset.status;
    const on = s === 'unreadable' ? $('b-unreadable').classList.contains('highlight') : $('b-status-filter').value === s;
    button.setAttribute('aria-pressed', String(on));
  });
}

// The batch's charts (SVG from the core), each with its file name. Figures
// are charted only for what is chosen — an organ's own history (点开一行),
// or one year's selected units (汇总) — never all organs added up.
const CHARTS = [
  { key: 'rule_chart', file: '批量检查-各规则问题占比.svg' },
];

function renderCharts() {
  const box = $('b-charts');
  box.textContent = '';
  CHARTS.forEach(function (c) {
    const node = svg(view[c.key]);
    if (!node) return;
    box.appendChild(el('figure', { class: 'b-chart' }, [node, el('button', { type: 'button', class: 'download-button',
      'data-chart': c.key, text: '下载此图（SVG）', onclick: function () { downloadCharts([c]); } })]));
  });
}

// One SVG file per chart. Chromium asks before a page's second download
// from one click: the status says to allow it, or to use each chart's own
// button (one click, one file: never asked).
function downloadCharts(charts) {
  if (!charts.length) { status('没有可下载的图表。', true); return; }
  charts.forEach(function (c) { download(c.file, view[c.key], 'image/svg+xml'); });
  const files = charts.map(function (c) { return c.file; }).join('、');
  status(charts.length === 1 ? '已下载 ' + files
    : '已下载 ' + charts.length + ' 张图表：' + files + '。如浏览器询问是否允许下载多个文件，请选择“允许”，或用每张图下方的按钮逐张下载。');
}

// Two reports of one organ for one year: the reviewer must say which counts
// (pairing and sums would otherwise use both).
function renderDuplicates() {
  const box = $('b-duplicates');
  box.textContent = '';
  const groups = view.duplicates || [];
  if (!groups.length) return;
  box.appendChild(el('strong', { text: '同一机关同一年度有多份报告（请确认以哪一份为准）：' }));
  const list = el('ul');
  groups.forEach(function (d) {
    list.appendChild(el('li', { text: d.organ + ' ' + d.year + ' 年度：' + d.sources.join('、') }));
  });
  box.appendChild(list);
}

let coverageYear = null; // the year whose coverage is shown

function renderCoverage() {
  const box = $('b-coverage');
  box.textContent = '';
  if (!view.coverage) return;
  // The year under review (the latest, or the one picked): last year's
  // reports loaded for the cross-year checks do not make every unit
  // "未报送" for last year.
  const years = view.coverage.map(function (y) { return y.year; }).filter(Boolean).sort().reverse();
  if (years.indexOf(coverageYear) < 0) coverageYear = years[0] || null;
  const pick = el('select', { id: 'b-coverage-year', 'aria-label': '报送情况的年度' });
  years.forEach(function (y) { pick.appendChild(el('option', { value: String(y), text: y + ' 年度' })); });
  pick.value = String(coverageYear);
  pick.addEventListener('input', function () { coverageYear = Number(pick.value); renderCoverage(); renderTree(); });
  box.appendChild(el('h3', {}, [document.createTextNode('报送情况 '), pick]));
  view.coverage.filter(function (y) { return y.year === coverageYear || (!coverageYear && !y.year); }).forEach(function (y) {
    const div = el('div', { class: 'b-coverage-year', 'data-year': String(y.year || '') });
    div.appendChild(el('strong', { text: (y.year ? y.year + ' 年度' : '年度不明') + '：' }));
    div.appendChild(document.createTextNode('已报送 ' + y.found.length + ' 个单位；'));
    div.appendChild(el('span', { class: 'missing', text: '未报送 ' + y.missing.length + ' 个' + (y.missing.length ? '：' + y.missing.join('、') : '') }));
    const near = y.found.filter(function (f) { return !f.exact; });
    if (near.length) div.appendChild(el('div', { class: 'hint', text: '名称相近（已视为同一单位）：' + near.map(function (f) { return f.unit + ' ↔ ' + f.organ; }).join('；') }));
    const unsure = y.ambiguous || [];
    if (unsure.length) div.appendChild(el('div', { class: 'hint unsure', text: '名称不确定（按未报送计，请在名单中写全称）：' + unsure.map(function (a) { return a.unit + ' 可能是 ' + a.organs.join('、'); }).join('；') }));
    if (y.unlisted.length) {
      // A long list (a whole district checked against a short list) folds away.
      const names = y.unlisted.map(function (u) { return u.organ || u.source; }).join('、');
      const more = el('details', { class: 'hint' });
      more.appendChild(el('summary', { text: '不在名单中的报告 ' + y.unlisted.length + ' 份' }));
      more.appendChild(el('div', { text: names }));
      if (y.unlisted.length <= 5) more.open = true;
      div.appendChild(more);
    }
    box.appendChild(div);
  });
}

function renderFilters() {
  const readable = view.reports.filter(function (r) { return r.status !== 'unreadable'; });
  fill($('b-year'), unique(readable.map(function (r) { return r.year; })).sort().reverse(), function (y) { return y + ' 年度'; });
  fill($('b-kind'), unique(readable.map(function (r) { return r.organ_kind; })), function (k) { return KIND[k] || k; });
  const stated = $('b-stated');
  const keep = stated.value;
  stated.textContent = '';
  stated.appendChild(el('option', { value: '', text: '（不比较）' }));
  readable.forEach(function (r) { stated.appendChild(el('option', { value: String(r.index), text: (r.organ || r.source) + (r.year ? ' ' + r.year : '') })); });
  stated.value = keep;
}

function yearName(year) { return year ? year + ' 年度' : '年度不明'; }

function unique(list) { return list.filter(function (v, i) { return v !== undefined && v !== null && list.indexOf(v) === i; }); }

function fill(select, values, label) {
  const keep = select.value;
  while (select.options.length > 1) select.remove(1);
  values.forEach(function (v) { select.appendChild(el('option', { value: String(v), text: label(v) })); });
  select.value = keep;
}

function visible() {
  // Several words: each must be in the organ's name or the file's.
  const words = $('b-search').value.trim().split(/\s+/).filter(Boolean);
  const year = $('b-year').value;
  const kind = $('b-kind').value;
  const st = $('b-status-filter').value;
  const rows = view.reports.filter(function (r) {
    return r.status !== 'unreadable'
      && words.every(function (w) { return (r.organ || '').indexOf(w) !== -1 || r.source.indexOf(w) !== -1; })
      && (!year || String(r.year) === year)
      && (!kind || r.organ_kind === kind)
      && (!st || r.status === st);
  });
  const order = { errors: 0, warnings: 1, passed: 2 };
  const value = {
    status: function (r) { return order[r.status]; },
    organ: function (r) { return r.organ || ''; },
    year: function (r) { return r.year || 0; },
    errors: function (r) { return r.counts.error; },
    warnings: function (r) { return r.counts.warning; },
    source: function (r) { return r.source; },
  }[sort.key];
  // Names in pinyin order (as a reader looks them up), not by code point.
  const compare = sort.key === 'organ' || sort.key === 'source'
    ? function (x, y) { return x.localeCompare(y, 'zh-CN'); }
    : function (x, y) { return x < y ? -1 : x > y ? 1 : 0; };
  return rows.sort(function (a, b) {
    return (compare(value(a), value(b)) || a.index - b.index) * sort.dir;
  });
}

const COLUMNS = [
  { key: null, label: '选' },
  { key: 'organ', label: '机关' },
  { key: null, label: '类型' },
  { key: 'year', label: '年度' },
  { key: 'status', label: '状态' },
  { key: 'errors', label: '错误' },
  { key: 'warnings', label: '警告' },
  { key: null, label: '对比上年' },
  { key: null, label: '复核进度' },
  { key: 'source', label: '文件' },
];

// How far the review of a report has come, for its row: 已复核 2/5.
function reviewText(r) {
  const found = r.findings || [];
  if (!found.length) return '';
  const done = found.filter(function (f) { const m = marks[markKey(identityOf(r), f)]; return m && (m.status === 'confirmed' || m.status === 'dismissed'); }).length;
  return (done === found.length ? '✔ ' : '') + '已复核 ' + done + '/' + found.length;
}

function updateReviewCells() {
  if (!view) return;
  view.reports.forEach(function (r) {
    const td = document.querySelector('#b-table tr[data-index="' + r.index + '"] td.b-progress');
    if (td) td.textContent = reviewText(r);
  });
}

// Rows shown per page of the table: the browser lays out a table of 500
// rows in a tenth of a second, of 10,000 in nearly three seconds (each
// cell's Chinese text shaped and broken into lines), and nobody reads
// 10,000 rows — the filters, sorting and the counts find a report.
const PAGE_ROWS = 500;
let page = 0; // shown page of the table, from 0

// The table from its first page: the rows shown have changed (new
// results, a filter, a sort).
function showFirstPage(done) {
  page = 0;
  renderTable(done);
}

function turnPage(step) {
  page += step;
  renderTable();
  $('b-table-box').scrollIntoView({ block: 'start' });
}

// `done` (optional) is called once the rows are in the table.
function renderTable(done) {
  if (!view) { if (done) done(); return; }
  const table = $('b-table');
  table.textContent = '';
  const head = el('tr');
  COLUMNS.forEach(function (c) {
    const th = el('th', { scope: 'col' });
    if (c.key) {
      const arrow = sort.key === c.key ? (sort.dir > 0 ? ' ▲' : ' ▼') : '';
      th.appendChild(el('button', { type: 'button', text: c.label + arrow, onclick: function () {
        sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 };
        showFirstPage();
      } }));
      th.setAttribute('aria-sort', sort.key === c.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    } else {
      th.textContent = c.label;
    }
    head.appendChild(th);
  });
  table.appendChild(el('thead', {}, [head]));
  const body = el('tbody');
  const rows = visible();
  function addRow(r) {
    const box = el('input', { type: 'checkbox', 'aria-label': '选择 ' + (r.organ || r.source) });
    box.checked = selected.has(r.index);
    box.addEventListener('click', function (e) { e.stopPropagation(); });
    box.addEventListener('change', function () {
      if (box.checked) selected.add(r.index); else selected.delete(r.index);
      clearError();
      renderSelection(rows);
    });
    const tr = el('tr', { tabindex: '0', 'data-index': String(r.index), 'data-status': r.status }, [
      el('td', {}, [box]),
      el('td', { text: r.organ || '（未写明）' }),
      el('td', { text: KIND[r.organ_kind] || '' }),
      el('td', { class: 'num', text: r.year ? String(r.year) : '' }),
      el('td', {}, [el('span', { class: 'pill ' + r.status, text: STATUS_ICON[r.status] + ' ' + STATUS[r.status] })]),
      el('td', { class: 'num', text: String(r.counts.error) }),
      el('td', { class: 'num', text: String(r.counts.warning) }),
      el('td', {}, r.previous ? [compareLink(r)] : []),
      el('td', { class: 'b-progress', text: reviewText(r) }),
      el('td', { text: r.source }),
    ]);
    const open = function () { showReport(r); };
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') open(); });
    body.appendChild(tr);
  }
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
  page = Math.min(Math.max(page, 0), pages - 1);
  rows.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS).forEach(addRow);
  $('b-pages').hidden = pages < 2;
  $('b-page').textContent = '第 ' + (page + 1) + ' / ' + pages + ' 页（每页 ' + PAGE_ROWS + ' 份）';
  $('b-page-prev').disabled = page === 0;
  $('b-page-next').disabled = page === pages - 1;
  if (!rows.length) {
    const readable = view.reports.some(function (r) { return r.status !== 'unreadable'; });
    body.appendChild(el('tr', { class: 'empty' }, [el('td', { colspan: String(COLUMNS.length),
      text: readable ? '没有符合筛选条件的报告。' : '没有能读取的报告。' })]));
  }
  table.appendChild(body);
  showPressed();
  $('b-shown').textContent = '显示 ' + rows.length + ' / ' + view.reports.filter(function (r) { return r.status !== 'unreadable'; }).length + ' 份';
  renderSelection(rows);
  if (done) done();
}

function allSelected(rows) {
  return rows.length > 0 && rows.every(function (r) { return selected.has(r.index); });
}

// The selection may hold reports the filters hide (they are aggregated too):
// say how many, next to the aggregate button.
function renderSelection(rows) {
  const shown = new Set(rows.map(function (r) { return r.index; }));
  const hidden = Array.from(selected).filter(function (i) { return !shown.has(i); }).length;
  $('b-selected').textContent = !selected.size ? '未选择报告'
    : '已选 ' + selected.size + ' 份' + (hidden ? '（其中 ' + hidden + ' 份不在当前筛选结果中）' : '');
  $('b-select-all').textContent = allSelected(rows) ? '取消全部勾选' : '全选当前列表';
}

function renderUnreadable() {
  const box = $('b-unreadable');
  box.textContent = '';
  const bad = view.reports.filter(function (r) { return r.status === 'unreadable'; });
  if (!bad.length) return;
  box.appendChild(el('h3', { text: '无法读取的文件（' + bad.length + '）' }));
  const ul = el('ul', { class: 'unreadable-list' });
  bad.forEach(function (r) {
    const zipError = inputs[r.index] && inputs[r.index].zipError;
    ul.appendChild(el('li', { 'data-source': r.source, text: r.source + '：' + (zipError || r.error) }));
  });
  box.appendChild(ul);
}

// Last year's report of the same organ, by the position the core paired
// (names may repeat across units: never looked up by name).
function previousOf(r) {
  const i = view.previous_index ? view.previous_index[r.index] : null;
  return i === null || i === undefined ? null : inputs[i];
}

// A paired organ's row links to 与上年对照 (src/wasm_compare.rs, as
// `nianbao compare`): both years side by side in the detail pane, printable.
function compareLink(r) {
  const b = el('button', { type: 'button', class: 'b-compare', title: '与上年报告并排对照：三张表逐格的两年数字和增减，正文中与上年相同的句子', text: '✓ 对照' });
  b.addEventListener('click', function (e) { e.stopPropagation(); showCompare(r); });
  return b;
}

function showCompare(r) {
  const input = inputs[r.index];
  const prev = previousOf(r);
  if (!prev) return;
  call('compareView', [prev.bytes, prev.name, input.bytes, input.name]).then(function (html) {
    $('b-detail').hidden = false;
    $('b-detail-title').textContent = (r.organ || r.source) + ' 与上年对照';
    $('b-detail-meta').textContent = '上年：' + prev.name + '；本年：' + input.name;
    $('b-preview').innerHTML = html; // the core's escaped HTML
    $('b-findings').textContent = '';
    $('b-history').textContent = '';
    clearError();
    $('b-detail').scrollIntoView({ block: 'start' });
  }, function (e) { status(e.message, true); });
}

function showReport(r) {
  Array.prototype.forEach.call(document.querySelectorAll('.b-table tr.selected'), function (t) { t.classList.remove('selected'); });
  const row = document.querySelector('.b-table tr[data-index="' + r.index + '"]');
  if (row) row.classList.add('selected');
  const input = inputs[r.index];
  const prev = previousOf(r);
  call('batchReport', [input.name, input.bytes, prev ? prev.name : undefined, prev ? prev.bytes : undefined, threshold])
    .then(function (result) {
      $('b-detail').hidden = false;
      $('b-detail-title').textContent = (result.organ || result.source) + (result.year ? ' ' + result.year + ' 年度' : '');
      $('b-detail-meta').textContent = '文件：' + result.source + (prev ? '；已与上年报告（' + prev.name + '）核对' : '') +
        '；错误 ' + result.counts.error + '，警告 ' + result.counts.warning + '，提示 ' + result.counts.info;
      $('b-preview').innerHTML = result.html; // the core's escaped HTML
      renderFindings($('b-findings'), result, identityOf(r), $('b-preview'));
      renderHistory(r);
      clearError();
      $('b-detail').scrollIntoView({ block: 'start' });
    }, function (e) { status(e.message, true); });
}

// `checked.places` (when given) names each finding's first cell in Chinese;
// the cells' addresses serve only to find them in `preview`. Review controls
// when `identity` (the report's, for its marks) is given.
function renderFindings(box, checked, identity, preview) {
  box.textContent = '';
  if (!checked.findings.length) { box.appendChild(el('p', { class: 'all-good', text: '✔ 未发现问题。' })); return; }
  const places = checked.places || [];
  // With review controls: how far the review of this report has come.
  const progress = identity ? el('p', { class: 'b-review-progress', 'aria-live': 'polite' }) : null;
  function showProgress() {
    const done = { confirmed: 0, dismissed: 0 };
    checked.findings.forEach(function (f) {
      const mark = marks[markKey(identity, f)];
      if (mark && mark.status in done) done[mark.status] += 1;
    });
    const open = checked.findings.length - done.confirmed - done.dismissed;
    progress.textContent = '复核进度：已确认 ' + done.confirmed + ' 条，不采纳 ' + done.dismissed + ' 条，未复核 ' + open + ' 条（共 ' + checked.findings.length + ' 条）';
    progress.classList.toggle('complete', open === 0);
    updateReviewCells();
  }
  if (progress) { box.appendChild(progress); showProgress(); }
  const ul = el('ul', { class: 'b-findings-list' });
  checked.findings.forEach(function (f, i) {
    const li = el('li', { class: 'b-finding ' + f.severity, 'data-rule': f.rule });
    li.appendChild(el('div', {}, [
      el('strong', { text: SEVERITY[f.severity].icon + ' ' + SEVERITY[f.severity].label + ' ' + f.rule + '　' }),
      f.message,
    ]));
    const values = [];
    if (f.expected !== undefined) values.push('应为：' + f.expected);
    if (f.actual !== undefined) values.push('实际：' + f.actual);
    const line = el('div', { class: 'hint b-where' }, [values.length ? el('span', { text: values.join('　') }) : null]);
    const label = (places[i] && places[i].label) || '';
    const where = label ? '位置：' + label + (f.cells.length > 1 ? '等 ' + f.cells.length + ' 格' : '') : '';
    const shown = f.cells.filter(function (c) { return cellIn(preview, c); });
    if (shown.length) {
      line.appendChild(el('button', { type: 'button', class: 'b-place', 'data-cells': shown.join(' '), title: '在下方预览中标出',
        text: where || '在预览中查看', onclick: function () { locate(shown, preview); } }));
    } else if (where) {
      line.appendChild(el('span', { text: where }));
    }
    if (line.childNodes.length) li.appendChild(line);
    if (identity) li.appendChild(reviewControls(li, markKey(identity, f), showProgress));
    ul.appendChild(li);
  });
  box.appendChild(ul);
}

// Marks a finding's cells in the preview (the first one strongest) and
// scrolls to the first.
function locate(cells, preview) {
  Array.prototype.forEach.call(preview.querySelectorAll('.nb-focus, .nb-focus-related'), function (node) {
    node.classList.remove('nb-focus', 'nb-focus-related');
  });
  const nodes = cells.map(function (c) { return cellIn(preview, c); });
  nodes.forEach(function (node, i) { node.classList.add(i === 0 ? 'nb-focus' : 'nb-focus-related'); });
  nodes[0].scrollIntoView({ block: 'center', inline: 'nearest' });
}

function cellIn(preview, address) { return preview.querySelector('[data-cell="' + CSS.escape(address) + '"]'); }

// 确认 / 不采纳 with a note, kept in the browser (localStorage).
function reviewControls(li, key, changed) {
  const mark = marks[key] || { status: '', note: '' };
  li.dataset.mark = mark.status;
  const box = el('div', { class: 'review' });
  const group = 'mark-' + Math.random().toString(36).slice(2);
  [['', '未复核'], ['confirmed', '确认'], ['dismissed', '不采纳']].forEach(function (opt) {
    const radio = el('input', { type: 'radio', name: group, value: opt[0] });
    radio.checked = mark.status === opt[0];
    radio.addEventListener('change', function () { update({ status: opt[0] }); });
    box.appendChild(el('label', {}, [radio, opt[1]]));
  });
  const note = el('input', { type: 'text', placeholder: '复核意见（随导出发给报送单位）', 'aria-label': '复核意见' });
  note.value = mark.note;
  note.addEventListener('change', function () { update({ note: note.value }); });
  box.appendChild(note);
  function update(change) {
    const next = Object.assign({}, marks[key] || { status: '', note: '' }, change);
    if (!next.status && !next.note) delete marks[key]; else marks[key] = next;
    li.dataset.mark = next.status;
    saveMarks();
    changed();
  }
  return box;
}

function renderHistory(r) {
  const box = $('b-history');
  box.textContent = '';
  if (!r.organ) return;
  const same = view.reports.filter(function (o) { return o.organ && o.organ.replace(/\s/g, '') === r.organ.replace(/\s/g, '') && o.status !== 'unreadable'; });
  if (same.length < 2) return;
  const chosen = same.map(function (o) { return inputs[o.index]; });
  call('organHistory', [chosen.map(function (i) { return i.name; }), chosen.map(function (i) { return i.bytes; })]).then(function (h) {
    const wrap = el('div', { class: 'b-history' }, [el('h3', { text: '历年数据（' + h.organ + '）' })]);
    const table = el('table');
    const head = el('tr', {}, [el('th', { text: '项目' })].concat(h.years.map(function (y) { return el('th', { text: y + ' 年' }); })));
    table.appendChild(head);
    h.rows.forEach(function (row) {
      const tr = el('tr', {}, [el('th', { scope: 'row', text: row.label })]);
      row.values.forEach(function (v, i) {
        // A figure left blank: a grey dash, not an empty cell (nor 0).
        if (v === '') { tr.appendChild(el('td', { class: 'num blank', title: '未填写', text: '—' })); return; }
        // The change from the year before, e.g. "+3" or "+665（较 2021 年）"
        // when years are missing in between; none when nothing changed.
        const change = row.changes[i];
        const td = el('td', { class: 'num', text: v });
        if (change && parseFloat(change) !== 0) td.appendChild(el('span', { class: 'change ' + (change[0] === '-' ? 'change-down' : 'change-up'), text: change }));
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    wrap.appendChild(table);
    const chart = svg(h.trend_chart);
    if (chart) wrap.appendChild(chart);
    box.appendChild(wrap);
  });
}

function aggregate() {
  const chosen = Array.from(selected).filter(function (i) { return view.reports[i].status !== 'unreadable'; });
  if (!chosen.length) { refuseAggregate('请先在表格中勾选要汇总的报告。'); return; }
  const statedValue = $('b-stated').value;
  const stated = statedValue === '' ? -1 : Number(statedValue);
  const list = chosen.filter(function (i) { return i !== stated; });
  if (stated >= 0) list.push(stated);
  const pick = list.map(function (i) { return inputs[i]; });
  // The core refuses reports of different years (the one compared
  // included), naming them; so the sum's year is every chosen report's.
  const year = view.reports[list[0]].year || 0;
  const statedIndex = stated >= 0 ? list.length - 1 : undefined;
  call('aggregate', [pick.map(function (i) { return i.name; }), pick.map(function (i) { return i.bytes; }), $('b-organ').value || '汇总', statedIndex])
    .then(function (a) {
      $('b-aggregate-box').hidden = false;
      const incomplete = a.left_out.length > 0;
      $('b-aggregate-title').textContent = '汇总报告' + (year ? '（' + yearName(year) + '）' : '') + (incomplete ? '——不完整' : '');
      renderLeftOut(a);
      $('b-aggregate-meta').textContent = (year ? yearName(year) + '，' : '') + '由 ' + a.units.length + ' 份报告逐格相加：' + a.units.join('、');
      renderDifferences(a, stated >= 0 ? view.reports[stated] : null);
      const chart = $('b-aggregate-chart');
      chart.textContent = '';
      const node = svg(a.results_chart);
      if (node) chart.appendChild(node);
      $('b-aggregate-preview').innerHTML = a.html; // the core's escaped HTML
      renderFindings($('b-aggregate-findings'), a, null, $('b-aggregate-preview'));
      renderAggregateDownloads(a, year);
      status('已汇总 ' + a.units.length + ' 份报告' + (year ? '（' + yearName(year) + '）' : '') + '。' + (incomplete ? '有 ' + a.left_out.length + ' 个数值不是数字，没有计入，汇总不完整。' : ''));
      $('b-aggregate-box').scrollIntoView({ block: 'start' });
    }, function (e) { refuseAggregate('汇总失败：' + e.message); });
}

// Values the sum could not add (text where a number belongs): which unit,
// which cell, what was written. The sum is incomplete and says so.
function renderLeftOut(a) {
  const box = $('b-left-out');
  box.textContent = '';
  if (!a.left_out.length) return;
  box.appendChild(el('strong', { text: '汇总不完整：以下 ' + a.left_out.length + ' 个数值不是数字，没有计入合计。请让填报单位改正后重新汇总。' }));
  const list = el('ul');
  a.left_out.forEach(function (m) {
    list.appendChild(el('li', { text: m.unit + '：' + m.place + ' 填写的是“' + m.value + '”' }));
  });
  box.appendChild(list);
}

function renderDifferences(a, stated) {
  const box = $('b-differences');
  box.textContent = '';
  if (!stated) return;
  const who = stated.organ || stated.source;
  if (!a.differences.length) { box.appendChild(el('p', { class: 'all-good', text: '✔ ' + who + ' 的各项数字与汇总数一致。' })); return; }
  box.appendChild(el('h3', { text: who + ' 与汇总数不一致的单元格（' + a.differences.length + '）' }));
  const table = el('table', { class: 'b-diff' });
  table.appendChild(el('tr', {}, [el('th', { text: '单元格' }), el('th', { text: '报告所写' }), el('th', { text: '汇总数' })]));
  a.differences.forEach(function (d) {
    table.appendChild(el('tr', { 'data-cell': d.cell }, [el('td', { text: d.label }), el('td', { class: 'num', text: d.stated || '空白' }), el('td', { class: 'num', text: d.sum || '空白' })]));
  });
  box.appendChild(table);
}

function renderAggregateDownloads(a, year) {
  const box = $('b-aggregate-downloads');
  box.textContent = '';
  box.appendChild(el('span', { class: 'label', text: '下载汇总报告：' }));
  const bytes = new TextEncoder().encode(a.json);
  // [extension, button, MIME type, how the module makes it]: Word and Excel
  // come from the Office functions of the (full) batch module.
  const formats = [
    ['json', 'JSON', 'application/json', 'exportFile'],
    ['csv', 'CSV', 'text/csv', 'exportFile'],
    ['html', 'HTML', 'text/html', 'exportFile'],
    ['md', 'Markdown', 'text/markdown', 'exportFile'],
    ['docx', 'Word', DOCX, 'officeReportDocx'],
    ['xlsx', 'Excel', XLSX, 'officeReportXlsx'],
  ];
  formats.forEach(function (f) {
    box.appendChild(el('button', { type: 'button', 'data-aggregate-export': f[0], text: f[1], onclick: function () {
      const name = ($('b-organ').value || '汇总') + (year ? ' ' + yearName(year) : '') + '.' + f[0];
      const args = f[3] === 'exportFile' ? [bytes, '汇总.json', f[0]] : [bytes, '汇总.json'];
      call(f[3], args).then(function (c) { download(name, c, f[2]); status('已下载 ' + name); },
        function (e) { status(e.message, true); });
    } }));
  });
}

function exportBatch(to) {
  if (!view) { status('请先载入报告。', true); return; }
  call('batchExport', [names(), files(), threshold, marks, to]).then(function (bytes) {
    const name = { 'summary-csv': '批量检查汇总表.csv', 'findings-csv': '批量检查问题清单.csv', xlsx: '批量检查结果.xlsx' }[to];
    const mime = to === 'xlsx' ? XLSX : 'text/csv';
    download(name, bytes, mime);
    status('已下载 ' + name);
  }, function (e) { status('导出失败：' + e.message, true); });
}

function loadIssuer() {
  try { return localStorage.getItem(ISSUER_KEY) || ''; } catch (e) { return ''; }
}

function daysFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d;
}

function isoDate(d) {
  const two = function (n) { return (n < 10 ? '0' : '') + n; };
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
}

// 整改通知: one Word notice per unit with confirmed findings (the core
// writes them and the list, in one zip); the list is shown under the
// button: who was notified, and why the others were not.
function makeNotices() {
  if (!view) { status('请先载入报告。', true); return; }
  const replyBy = $('b-reply-by').value;
  if (!replyBy) { status('请填写回复期限。', true); $('b-reply-by').focus(); return; }
  status('正在生成整改通知……');
  call('batchNotices', [names(), files(), threshold, marks, replyBy, $('b-issuer').value, isoDate(new Date())]).then(function (result) {
    renderNoticeList(result.list);
    if (!result.notices) {
      status('没有已确认的问题，未生成整改通知：请先在各份报告的问题下选择“确认”。', true);
      return;
    }
    download('整改通知.zip', result.zip, 'application/zip');
    status('已生成 ' + result.notices + ' 份整改通知（整改通知.zip，内含通知清单），回复期限 ' + replyBy + '。清单见下方。');
  }, function (e) { status('生成整改通知失败：' + e.message, true); });
}

function renderNoticeList(list) {
  const box = $('b-notices-list');
  box.textContent = '';
  const sent = list.filter(function (r) { return r.file; }).length;
  box.appendChild(el('h3', { text: '整改通知清单（已通知 ' + sent + ' 个单位，未通知 ' + (list.length - sent) + ' 个）' }));
  const table = el('table', { class: 'b-notices-table' });
  table.appendChild(el('tr', {}, ['单位', '年度', '已确认', '不采纳', '未复核', '通知', '说明'].map(function (h) { return el('th', { text: h }); })));
  list.forEach(function (r) {
    table.appendChild(el('tr', { 'data-notified': r.file ? 'yes' : 'no' }, [
      el('td', { text: r.unit }),
      el('td', { class: 'num', text: r.year ? String(r.year) : '' }),
      el('td', { class: 'num', text: String(r.confirmed) }),
      el('td', { class: 'num', text: String(r.dismissed) }),
      el('td', { class: 'num', text: String(r.unreviewed) }),
      el('td', { text: r.file ? '✔ ' + r.file : '—' }),
      el('td', { text: r.note }),
    ]));
  });
  box.appendChild(table);
}

// 区域体检摘要: the region's card (the core's escaped HTML, the same as
// `nianbao summary 文件夹`), printed on one A4 page or downloaded.
function regionArgs(to) {
  return [names(), files(), $('b-units').value, $('b-region-name').value, threshold, to];
}

function showRegionCard() {
  if (!view) { status('请先载入报告。', true); return; }
  status('正在生成区域体检摘要……');
  call('regionSummary', regionArgs('html')).then(function (r) {
    $('b-region-card').innerHTML = r.card; // rendered and escaped by the core
    $('b-region-box').hidden = false;
    $('b-region-box').scrollIntoView({ block: 'start' });
    status('已生成区域体检摘要（' + view.reports.length + ' 份报告）。');
  }, function (e) { status('区域体检摘要未能生成：' + e.message, true); });
}

function regionFileName(ext) { return ($('b-region-name').value.trim() || '本批报告') + '-区域体检摘要.' + ext; }

function downloadRegionCard(to) {
  if (!view) { status('请先载入报告。', true); return; }
  call('regionSummary', regionArgs(to)).then(function (r) {
    const name = regionFileName(to);
    if (to === 'docx') download(name, r.docx, DOCX);
    else download(name, r.document, 'text/html');
    status('已下载 ' + name);
  }, function (e) { status('下载失败：' + e.message, true); });
}

// Only the card is printed (batch.css hides the rest while printing).
function printRegionCard() {
  document.body.classList.add('b-print-card');
  window.print();
  document.body.classList.remove('b-print-card');
}

// The region as a tree, when the list of units has a column 上级单位: each
// parent's report against the sum of its children's (the core's
// regionTree), for the year whose coverage is shown.
let tree = null;

function renderTree() {
  const box = $('b-tree-box');
  const units = $('b-units').value;
  tree = null;
  $('b-tree').textContent = '';
  $('b-tree-detail').textContent = '';
  $('b-tree-notes').textContent = '';
  if (!view || !/上级/.test(units.split('\n')[0] || '')) { box.hidden = true; return; }
  const run = batch;
  call('regionTree', [names(), files(), units, coverageYear || 0]).then(function (t) {
    if (run !== batch) return;
    tree = t;
    if (!t) { box.hidden = true; return; }
    box.hidden = false;
    $('b-tree-title').textContent = '区域层级：本级报告与下级合计（' + yearName(t.year) + '）';
    t.notes.forEach(function (n) { $('b-tree-notes').appendChild(el('p', { class: 'error', text: '注意：' + n })); });
    $('b-tree').appendChild(treeList(t.roots));
  }, function (e) { status('区域层级未能比较：' + e.message, true); });
}

function treeList(indexes) {
  const ul = el('ul', { class: 'b-tree' });
  indexes.forEach(function (i) {
    const node = tree.nodes[i];
    const li = el('li', { 'data-unit': node.unit, 'data-reported': node.source ? 'yes' : 'no' });
    const line = el('div', { class: 'b-tree-line' }, [
      el('strong', { text: node.unit }),
      el('span', { class: node.source ? 'hint' : 'missing', text: node.source ? '（' + node.source + '）' : '（未报送）' }),
    ]);
    const check = node.check;
    if (check) {
      const verdict = !check.has_own ? '本级未报送，无法比较'
        : check.differences ? '与下级合计有 ' + check.differences + ' 格不一致' : '与下级合计一致';
      line.appendChild(el('span', { class: 'b-tree-verdict', 'data-differs': String(check.has_own && check.differences > 0), text: verdict }));
      line.appendChild(el('button', { type: 'button', class: 'b-tree-open', text: '查看', onclick: function () { showParent(i); } }));
      if (check.missing.length) line.appendChild(el('span', { class: 'missing b-tree-missing', text: '下级未报送：' + check.missing.join('、') }));
    }
    li.appendChild(line);
    if (node.children.length) li.appendChild(treeList(node.children));
    ul.appendChild(li);
  });
  return ul;
}

// One parent's cells: its figure, the children's sum and, on a click, each
// child's share (行政许可 2147 = 1024 + 37 + 1086). Only the differences are
// open; the cells where the parent equals its children's sum are folded
// under one line (a report of 200 cells is otherwise a long list).
function showParent(i) {
  const node = tree.nodes[i];
  const check = node.check;
  const box = $('b-tree-detail');
  box.textContent = '';
  box.appendChild(el('h3', { text: node.unit + '：本级报告与 ' + check.summed.length + ' 个下级单位合计' }));
  if (check.missing.length) box.appendChild(el('p', { class: 'missing', text: '下级未报送（未计入合计）：' + check.missing.join('、') }));
  check.left_out.forEach(function (m) {
    box.appendChild(el('p', { class: 'error', text: m.unit + '：' + m.place + ' 填写的是“' + m.value + '”，不是数字，没有计入合计' }));
  });
  if (!check.cells.length) { box.appendChild(el('p', { class: 'hint', text: '本级和下级报告的表格都没有数字。' })); return; }
  const differing = check.cells.filter(function (c) { return c.differs; });
  const same = check.cells.filter(function (c) { return !c.differs; });
  if (differing.length) box.appendChild(cellTable(check, differing));
  else box.appendChild(el('p', { class: 'hint', text: '各单元格都与下级合计一致。' }));
  if (same.length) {
    const verdict = check.has_own ? '与下级合计一致' : '下级合计';
    box.appendChild(el('details', { class: 'b-tree-same' }, [
      el('summary', { text: (differing.length ? '其余 ' : '') + same.length + ' 格' + verdict + '（点击展开）' }),
      cellTable(check, same),
    ]));
  }
  box.scrollIntoView({ block: 'start' });
}

function cellTable(check, cells) {
  const table = el('table', { class: 'b-diff b-tree-cells' });
  table.appendChild(el('tr', {}, [el('th', { text: '单元格（点击看各下级单位的数字）' }), el('th', { text: '本级报告' }), el('th', { text: '下级合计' })]));
  cells.forEach(function (c) {
    const shares = el('tr', { class: 'b-tree-shares', hidden: '' }, [el('td', { colspan: '3' }, [
      el('div', { class: 'b-tree-formula', text: c.label + '：' + formula(c) }),
      el('ul', {}, c.parts.map(function (p) { return el('li', { text: p.unit + '：' + (p.value === '' ? '空白' : p.value) }); })),
    ])]);
    const open = el('button', { type: 'button', class: 'b-tree-cell', 'aria-expanded': 'false', text: c.label, onclick: function () {
      shares.hidden = !shares.hidden;
      open.setAttribute('aria-expanded', String(!shares.hidden));
    } });
    table.appendChild(el('tr', { 'data-cell': c.cell, 'data-differs': String(c.differs) }, [
      el('td', {}, [open]),
      el('td', { class: 'num', text: check.has_own ? (c.stated || '空白') : '（未报送）' }),
      el('td', { class: 'num', text: c.sum || '空白' }),
    ]));
    table.appendChild(shares);
  });
  return table;
}

// `2147 = 1024 + 37 + 1086（未填：乙局）`, as the core's CellSum::formula.
function formula(c) {
  const numbers = c.parts.filter(function (p) { return p.value !== ''; }).map(function (p) { return p.value; });
  const blank = c.parts.filter(function (p) { return p.value === ''; }).map(function (p) { return p.unit; });
  const sum = c.sum === '' ? '空白' : c.sum;
  return (numbers.length ? sum + ' = ' + numbers.join(' + ') : sum) + (blank.length ? '（未填：' + blank.join('、') + '）' : '');
}

// 检查凭证 (src/certificate.rs): a certificate is a small JSON of kind
// nianbao-check-certificate/1, or its text block.
function isCertificate(bytes) {
  if (bytes.length > 64 * 1024) return false;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 2048));
  return /"kind"\s*:\s*"nianbao-check-certificate\/1"/.test(head) || /^\s*\ufeff?\s*【政府信息公开工作年度报告 检查凭证】/.test(head);
}

// Each certificate received against the batch's reports: which report it
// is about (by content hash, else by file name), whether that report is
// the one checked, and which reports came without one.
function renderCertificates() {
  const box = $('b-cert-box');
  const out = $('b-cert');
  if (!certificates.length) { box.hidden = true; out.textContent = ''; return; }
  box.hidden = false;
  const run = batch;
  call('verifyBatch', [names(), files(), certificates.map(function (c) { return c.name; }), certificates.map(function (c) { return c.bytes; })]).then(function (v) {
    if (run !== batch) return;
    out.textContent = '';
    const ok = v.certificates.filter(function (c) { return c.matches; }).length;
    out.appendChild(el('h3', { text: certificates.length + ' 份凭证：' + ok + ' 份与收到的报告一致，' + (certificates.length - ok) + ' 份不一致或无法核对' }));
    const table = el('table', { class: 'b-diff b-cert-table' });
    table.appendChild(el('tr', {}, ['凭证', '所检查的报告', '核验结果'].map(function (h) { return el('th', { text: h }); })));
    v.certificates.forEach(function (c) {
      table.appendChild(el('tr', { 'data-matches': String(c.matches) }, [
        el('td', { text: c.certificate }),
        el('td', { text: c.file || '（未收到）' }),
        el('td', { text: (c.matches ? '✔ ' : '✖ ') + c.text }),
      ]));
    });
    out.appendChild(table);
    if (inputs.length && v.without.length) {
      out.appendChild(el('p', { class: 'missing b-cert-without', text: '未附凭证的报告（' + v.without.length + ' 份）：' + v.without.join('、') }));
    }
    if (!inputs.length) out.appendChild(el('p', { class: 'hint', text: '尚未载入报告：请把收到的报告一起载入。' }));
  }, function (e) { status('核验检查凭证失败：' + e.message, true); });
}
