// 体检摘要 on the page: a button beside 打印 shows the card of the report
// in view (with last year's report when one is paired) in place of the
// preview, so 打印 prints the card on one A4 page; two downloads give it as
// Word and as HTML. The card is made by the full module (src/wasm_summary.rs)
// from the same core as `nianbao summary`; its HTML is escaped there.

import { currentFile, onReady, onShow, addExport } from './app.js';
import { OFFICE } from './engine.js';
import { DOCX } from './save.js';

const $ = function (id) { return document.getElementById(id); };

let engine = null;
let showing = false;

// The arguments of the summary functions: the report, then last year's (or nothing).
function args(file) {
  const prev = file.previous;
  return [file.bytes, file.name, prev ? prev.bytes : undefined, prev ? prev.name : undefined];
}

addExport({ id: 'summary-docx', label: '体检摘要 Word', title: '体检摘要（Word，公文版式）', ext: '-体检摘要.docx', mime: DOCX,
  make: function (theEngine, file) { return theEngine.call(OFFICE, 'summaryDocx', args(file)); } });
addExport({ id: 'summary-html', label: '体检摘要 HTML', title: '体检摘要（网页，可打印为一页 A4）', ext: '-体检摘要.html', mime: 'text/html',
  make: function (theEngine, file) { return theEngine.call(OFFICE, 'summaryDocument', args(file)); } });

onReady(function (theEngine) {
  engine = theEngine;
  const toggle = $('summary-toggle');
  if (!toggle) return;
  toggle.addEventListener('click', function () {
    showing = !showing;
    render();
  });
});

// A report shown anew (another file, last year's report changed): the card follows it.
onShow(function () { render(); });

function render() {
  const toggle = $('summary-toggle');
  const card = $('summary-card');
  const preview = $('preview');
  const file = currentFile();
  if (!toggle || !card || !preview) return;
  toggle.setAttribute('aria-pressed', String(showing));
  toggle.textContent = showing ? '返回报告预览' : '体检摘要';
  $('preview-title').textContent = showing ? '体检摘要（一页，可打印）' : '报告预览（官方版式）';
  if (!showing || !file || !engine) {
    card.hidden = true;
    preview.hidden = false;
    return;
  }
  card.hidden = false;
  preview.hidden = true;
  card.setAttribute('aria-busy', 'true');
  card.textContent = '正在生成体检摘要……';
  engine.call(OFFICE, 'summaryCard', args(file)).then(function (html) {
    if (currentFile() !== file || !showing) return;
    card.innerHTML = html; // rendered and escaped by the core
    card.removeAttribute('aria-busy');
  }).catch(function (e) {
    card.removeAttribute('aria-busy');
    card.textContent = '⚠ 体检摘要未能生成：' + (e && e.message ? e.message : String(e));
  });
}
