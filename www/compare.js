// 对照 on the page: when the report in view has last year's report paired
// (either way: it has one, or it is another report's), a button
// 「与上年对照」 shows both years side by side in place of the preview; when
// another report of the same organ and year is loaded, 「版本对照」 compares
// the two versions (the one loaded first is 原版). 打印 prints the view; two
// downloads give it as Word and as HTML. The view is made by the full
// module (src/wasm_compare.rs) from the same core as `nianbao compare`; its
// HTML is escaped there.

import { currentFile, loadedFiles, sameOrgan, onReady, onShow } from './app.js';
import { download, DOCX } from './save.js';
import { OFFICE } from './engine.js';

const $ = function (id) { return document.getElementById(id); };

let engine = null;
let showing = false;
let shownFor = null;

// The two reports to compare with `file`, earlier first, and the button's words; null when none.
export function partnerOf(file) {
  if (!file || !file.result) return null;
  if (file.previous) return { a: file.previous, b: file, label: '与上年对照' };
  const all = loadedFiles();
  const later = all.filter(function (other) { return other.previous === file; })[0];
  if (later) return { a: file, b: later, label: '与上年对照' };
  const r = file.result;
  const twin = all.filter(function (other) {
    return other !== file && other.result && r.year && other.result.year === r.year && sameOrgan(other.result.organ, r.organ);
  })[0];
  if (!twin) return null;
  const first = all.indexOf(twin) < all.indexOf(file);
  return { a: first ? twin : file, b: first ? file : twin, label: '版本对照' };
}

function args(pair) {
  return [pair.a.bytes, pair.a.name, pair.b.bytes, pair.b.name];
}

function baseName(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

onReady(function (theEngine) {
  engine = theEngine;
  const toggle = $('compare-toggle');
  if (!toggle) return;
  const summary = $('summary-toggle');
  const summaryShown = function () { return summary && summary.getAttribute('aria-pressed') === 'true'; };
  // The 体检摘要 and this view take the preview's place by turns.
  toggle.addEventListener('click', function () {
    const next = !showing;
    if (next && summaryShown()) summary.click();
    showing = next;
    render();
  });
  if (summary) summary.addEventListener('click', function () {
    if (!showing) return;
    showing = false;
    render();
  });
  $('compare-docx').addEventListener('click', function () { downloadComparison('docx'); });
  $('compare-html').addEventListener('click', function () { downloadComparison('html'); });
});

// Another report shown, or its pairing changed: the button and view follow it.
onShow(function () {
  const file = currentFile();
  if (file !== shownFor) showing = false;
  shownFor = file;
  render();
});

function downloadComparison(kind) {
  const pair = partnerOf(currentFile());
  if (!pair || !engine) return;
  const docx = kind === 'docx';
  engine.call(OFFICE, docx ? 'compareDocx' : 'compareDocument', args(pair)).then(function (content) {
    download(baseName(pair.b.name) + '-' + pair.label + (docx ? '.docx' : '.html'), content, docx ? DOCX : 'text/html');
  }).catch(function (e) {
    $('compare-view').textContent = '⚠ ' + pair.label + '未能生成：' + (e && e.message ? e.message : String(e));
  });
}

function render() {
  const toggle = $('compare-toggle');
  const view = $('compare-view');
  const preview = $('preview');
  if (!toggle || !view || !preview) return;
  const file = currentFile();
  const pair = partnerOf(file);
  toggle.hidden = !pair;
  if (!pair) showing = false;
  toggle.setAttribute('aria-pressed', String(showing));
  toggle.textContent = showing ? '返回报告预览' : (pair ? pair.label : '与上年对照');
  $('compare-downloads').hidden = !showing;
  if (!showing || !engine) {
    if (!view.hidden) {
      view.hidden = true;
      const summaryShown = $('summary-toggle') && $('summary-toggle').getAttribute('aria-pressed') === 'true';
      preview.hidden = summaryShown;
      $('preview-title').textContent = summaryShown ? '体检摘要（一页，可打印）' : '报告预览（官方版式）';
    }
    return;
  }
  view.hidden = false;
  preview.hidden = true;
  $('preview-title').textContent = pair.label + '（' + pair.a.name + ' → ' + pair.b.name + '，可打印）';
  view.setAttribute('aria-busy', 'true');
  view.textContent = '正在生成' + pair.label + '……';
  engine.call(OFFICE, 'compareView', args(pair)).then(function (html) {
    if (currentFile() !== file || !showing) return;
    view.innerHTML = html; // rendered and escaped by the core
    view.removeAttribute('aria-busy');
  }).catch(function (e) {
    view.removeAttribute('aria-busy');
    view.textContent = '⚠ ' + pair.label + '未能生成：' + (e && e.message ? e.message : String(e));
  });
}
