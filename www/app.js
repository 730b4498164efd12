// The page: input (files, paste, example), findings, preview, downloads.
// Plain DOM, no framework. All text shown to users is Chinese.

import { OFFICE } from './engine.js';
import { download, DOCX, XLSX } from './save.js';

// Every download of a loaded report, in the order of the buttons. To add a
// format, add a row: `make(engine, file)` resolves to the file's content
// (a string or a Uint8Array); `module` says which wasm module it needs.
export const EXPORTS = [
  { id: 'json', label: 'JSON', title: '报告数据（JSON，可再次导入）', ext: '.json', mime: 'application/json', make: exportVia('json') },
  { id: 'csv', label: 'CSV', title: '报告数据（CSV 长格式，可用 Excel 打开）', ext: '.csv', mime: 'text/csv', make: exportVia('csv') },
  { id: 'html', label: 'HTML', title: '官方版式网页（含问题标记，可打印）', ext: '.html', mime: 'text/html', make: exportVia('html') },
  { id: 'md', label: 'Markdown', title: 'Markdown 文本', ext: '.md', mime: 'text/markdown', make: exportVia('md') },
  { id: 'findings-csv', label: '问题清单 CSV', title: '全部问题（CSV，可用 Excel 打开）', ext: '-问题清单.csv', mime: 'text/csv', make: exportVia('findings-csv') },
  { id: 'docx', label: 'Word', title: '可发布的 Word 文档（官方版式、公文字体）', ext: '.docx', mime: DOCX, make: viaOffice('officeReportDocx') },
  { id: 'xlsx', label: 'Excel', title: 'Excel 工作簿（官方表格、正文、问题清单，有问题的格子标色）', ext: '.xlsx', mime: XLSX, make: viaOffice('officeReportXlsx', true) },
];

// The blank templates, as EXPORTS but without a report.
export const TEMPLATES = [
  { id: 'template-json', label: 'JSON', title: '空白模板（JSON）', file: '年度报告模板.json', mime: 'application/json', make: function (engine) { return engine.core('template', ['json']); } },
  { id: 'template-csv', label: 'CSV', title: '空白模板（CSV 长格式）', file: '年度报告模板.csv', mime: 'text/csv', make: function (engine) { return engine.core('template', ['csv']); } },
  { id: 'template-xlsx', label: 'Excel 填报模板', title: '空白 Excel 填报模板（官方表格布局，只能填数字；填好后上传即可检查）', file: '年度报告填报模板.xlsx', mime: XLSX, make: function (engine) { return engine.call(OFFICE, 'officeTemplateXlsx', []); } },
  { id: 'template-docx', label: 'Word 模板', title: '空白 Word 报告模板（六个部分与三张官方表格）', file: '年度报告模板.docx', mime: DOCX, make: function (engine) { return engine.call(OFFICE, 'officeTemplateDocx', []); } },
];

// Word and Excel files are written by the Office module (loaded on demand),
// from the report's bytes as they were read. `findings`: the file carries
// findings, so it gets last year's report too when one is paired.
function viaOffice(fn, findings) {
  return function (engine, file) {
    return engine.call(OFFICE, fn, [file.bytes, file.name].concat(findings ? previousArgs(file) : []));
  };
}

function exportVia(to) {
  return function (engine, file) {
    return engine.call(moduleOf(file), 'exportFile', [file.bytes, file.name, to].concat(previousArgs(file)));
  };
}

// Last year's report as the engine takes it (bytes, name), when one is
// paired: the downloads carry the findings shown on screen, the
// cross-year ones (X4, X5, X9) included.
function previousArgs(file) {
  return file.previous ? [file.previous.bytes, file.previous.name] : [];
}

// The module that reads the report and its paired last year's report.
function moduleOf(file) {
  return file.previous && file.previous.module === OFFICE ? OFFICE : file.module;
}

// Each severity's label and icon: the core's (`labels` in src/wasm.rs), set at start.
const SEVERITY = { error: { label: '', icon: '' }, warning: { label: '', icon: '' }, info: { label: '', icon: '' } };

// The groups of findings, in the report's order; the tables' titles are
// the core's (`labels`), set at start.
const GROUPS = [
  { key: 'meta', title: '基本信息' },
  { key: 'sections', title: '正文' },
  { key: 'active', title: '' },
  { key: 'requests', title: '' },
  { key: 'review_litigation', title: '' },
  // How a Word draft is set (F rules): apart from what the report says, last, folded.
  { key: 'typesetting', title: '版式（Word 文档的公文格式）', apart: true },
];

const $ = function (id) { return document.getElementById(id); };

let engine = null;
let rules = {};
const files = []; // {name, bytes, module, result}
let current = -1;

// Hooks of other views (the form): called once the engine is ready.
const readyHooks = [];
export function onReady(fn) { readyHooks.push(fn); }

// Hooks called each time a report is shown (the 体检摘要 follows it).
const showHooks = [];
export function onShow(fn) { showHooks.push(fn); }

// The report shown in the check view (null when none).
export function currentFile() { return current >= 0 && files[current].result ? files[current] : null; }

// Every loaded file, in the order loaded (对照 looks for the other version).
export function loadedFiles() { return files.slice(); }

// Adds a report (e.g. the form's draft) as a loaded file and shows it.
export function addReport(name, bytes) {
  addFiles([{ name: name, bytes: bytes }]);
}

export function start(theEngine) {
  engine = theEngine;
  window.nianbao = { engine: engine, exports: EXPORTS, templates: TEMPLATES, addExport: addExport };
  wire();
  engine.warm().then(function () {
    return Promise.all([engine.core('rules'), engine.core('version'), engine.core('labels')]);
  }).then(function (r) {
    r[0].forEach(function (rule) { rules[rule.code] = rule; });
    r[2].severity.forEach(function (s) { SEVERITY[s[0]] = { label: s[1], icon: s[2] }; });
    r[2].table.forEach(function (t) {
      GROUPS.forEach(function (g) { if (g.key === t[0]) g.title = t[1]; });
    });
    $('version').textContent = r[1];
    setStatus('就绪：请选择或拖入报告文件。');
    $('app').dataset.state = 'ready';
    readyHooks.forEach(function (fn) { fn(engine, rules); });
  }).catch(showError);
}

// For other modules of the page (e.g. Office downloads): adds a download.
export function addExport(row) {
  EXPORTS.push(row);
  if (current >= 0) renderDownloads();
}

function wire() {
  const drop = $('drop');
  const input = $('file');
  input.addEventListener('change', function () {
    readFiles(input.files);
    input.value = '';
  });
  drop.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) {
      e.preventDefault();
      drop.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) readFiles(e.dataTransfer.files);
  });
  // Dropping a file anywhere else must not navigate away from the page.
  window.addEventListener('dragover', function (e) { e.preventDefault(); });
  window.addEventListener('drop', function (e) { e.preventDefault(); });

  $('example').addEventListener('click', function () {
    engine.core('sample').then(function (text) {
      addFiles([{ name: '示例-红寺堡区2025年度报告.json', bytes: new TextEncoder().encode(text) }]);
    }).catch(showError);
  });
  $('paste-toggle').addEventListener('click', function () {
    const box = $('paste-box');
    box.hidden = !box.hidden;
    $('paste-toggle').setAttribute('aria-expanded', String(!box.hidden));
    if (!box.hidden) $('paste').focus();
  });
  // A paste from a web page, Word or WPS also carries the tables as HTML:
  // keep that flavour while the text box still holds what was pasted.
  $('paste').addEventListener('paste', function (e) {
    const data = e.clipboardData;
    const html = data ? data.getData('text/html') : '';
    setTimeout(function () { pasted = { html: html, text: $('paste').value }; }, 0);
  });
  $('paste-check').addEventListener('click', function () {
    const text = $('paste').value;
    if (!text.trim()) {
      showError('粘贴框是空的：请先把报告内容粘贴进来。');
      return;
    }
    const html = pasted && pasted.text === text && pasted.html ? pasted.html : undefined;
    checkPasted(text, html);
  });
  $('print').addEventListener('click', function () { window.print(); });
  $('previous-pick').addEventListener('click', function () { $('previous-file').click(); });
  $('previous-file').addEventListener('change', function () {
    const picked = $('previous-file').files[0];
    $('previous-file').value = '';
    if (!picked || current < 0) return;
    const file = files[current];
    picked.arrayBuffer().then(function (buffer) {
      const bytes = new Uint8Array(buffer);
      return setPrevious(file, { name: picked.name, bytes: bytes, module: engine.moduleFor(bytes), result: null });
    }).catch(showError);
  });
  $('previous-clear').addEventListener('click', function () {
    if (current >= 0) setPrevious(files[current], null).catch(showError);
  });
  $('rule-close').addEventListener('click', function () { closeRule(); });

  const templates = $('templates');
  TEMPLATES.forEach(function (t) {
    const b = button(t.label, 'download-button', function () {
      t.make(engine).then(function (content) {
        download(t.file, content, t.mime);
      }).catch(showError);
    });
    b.title = t.title;
    b.dataset.download = t.id;
    templates.appendChild(b);
  });
}

function readFiles(list) {
  const picked = Array.prototype.slice.call(list);
  Promise.all(picked.map(function (f) {
    return f.arrayBuffer().then(function (buffer) {
      return { name: f.name, bytes: new Uint8Array(buffer) };
    });
  })).then(addFiles).catch(showError);
}

function addFiles(inputs) {
  hideError();
  setStatus('正在检查……');
  let chain = Promise.resolve();
  const added = [];
  inputs.forEach(function (input) {
    chain = chain.then(function () {
      const file = { name: input.name, bytes: input.bytes, module: engine.moduleFor(input.bytes), result: null, error: null, previous: null };
      return checkOne(file).then(function () {
        files.push(file);
        added.push(files.length - 1);
      });
    });
  });
  chain.then(pairYears).then(function () {
    renderFiles();
    const firstGood = added.filter(function (i) { return files[i].result; })[0];
    show(firstGood !== undefined ? firstGood : added[added.length - 1]);
  }).catch(showError);
}

// Checks a file, with last year's report when it has one (X4, X5, X9).
function checkOne(file) {
  const prev = file.previous;
  const call = prev
    ? engine.call(moduleOf(file), 'checkFileWithPrevious', [file.bytes, file.name, prev.bytes, prev.name])
    : engine.call(file.module, 'checkFile', [file.bytes, file.name]);
  return call.then(function (result) {
    file.result = result;
    file.error = null;
  }, function (e) {
    file.error = e && e.message ? e.message : String(e);
  });
}

// Same organ, consecutive years: the later report is checked against the
// earlier, paired by the core as the batch page pairs them (洪泽区人民政府
// and 淮安市洪泽区人民政府 are one organ; the full module's pairYears, asked
// only when some report has one of the year before beside it); a report
// given as 上年报告 by hand keeps it.
function pairYears() {
  const checked = files.filter(function (file) { return file.result; });
  const candidate = checked.some(function (file) {
    return !file.previous && file.result.year && checked.some(function (other) { return other.result.year === file.result.year - 1; });
  });
  if (!candidate) return Promise.resolve();
  const organs = checked.map(function (file) { return String(file.result.organ || ''); });
  const years = checked.map(function (file) { return file.result.year || 0; });
  return engine.call(OFFICE, 'pairYears', [organs, years]).then(function (pairs) {
    let chain = Promise.resolve();
    checked.forEach(function (file, i) {
      const last = checked[pairs[i]];
      if (file.previous || !last || last === file) return;
      file.previous = last;
      chain = chain.then(function () { return checkOne(file); });
    });
    return chain;
  });
}

export function sameOrgan(a, b) {
  const plain = function (s) { return String(s || '').replace(/[\s（）()·、，,]/g, ''); };
  return plain(a) !== '' && plain(a) === plain(b);
}

// The 上年报告 slot of the report shown: which report it is checked
// against, or a button to give one.
function renderPrevious(file) {
  const box = $('previous-slot');
  box.hidden = !file.result;
  const prev = file.previous;
  $('previous-name').textContent = prev
    ? prev.name + (prev.result && prev.result.year ? '（' + prev.result.year + ' 年度）' : '') + '：已核对上年结转、现行有效件数衔接和正文雷同'
    : '未给出（给出后核对上年结转、现行有效件数衔接和正文雷同）';
  $('previous-clear').hidden = !prev;
}

function setPrevious(file, previous) {
  file.previous = previous;
  setStatus('正在检查……');
  return checkOne(file).then(function () {
    renderFiles();
    show(files.indexOf(file));
  });
}

let pasted = null;

// The pasted report is kept as its canonical JSON, so downloads work as for a file.
function checkPasted(text, html) {
  hideError();
  setStatus('正在检查……');
  engine.core('checkPasted', [text, html]).then(function (result) {
    const bytes = new TextEncoder().encode(result.json);
    delete result.json;
    files.push({ name: '粘贴的报告', bytes: bytes, module: 'nianbao', result: result, error: null, previous: null });
    renderFiles();
    show(files.length - 1);
  }).catch(showError);
}

function renderFiles() {
  const bar = $('files');
  bar.textContent = '';
  if (files.length < 2) return;
  files.forEach(function (file, i) {
    const b = button('', 'file-tab', function () { show(i); });
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-selected', String(i === current));
    const counts = file.result ? file.result.counts : null;
    b.textContent = file.name;
    if (counts && counts.error) b.appendChild(badge('error', counts.error));
    if (file.error) b.appendChild(badge('error', '!'));
    bar.appendChild(b);
  });
}

function badge(severity, text) {
  const s = document.createElement('span');
  s.className = 'badge badge-' + severity;
  s.textContent = SEVERITY[severity].icon + ' ' + text;
  return s;
}

function show(index) {
  current = index;
  const file = files[index];
  $('results').hidden = false;
  renderFiles();
  if (file.error) {
    showError('「' + file.name + '」无法读取：' + file.error);
    setStatus('');
    $('report-name').textContent = file.name;
    $('summary').textContent = '';
    if ($('readings')) $('readings').textContent = '';
    $('findings').textContent = '';
    $('preview-pane').hidden = true;
    $('previous-slot').hidden = true;
    $('app').dataset.state = 'error';
    return;
  }
  hideError();
  const r = file.result;
  $('app').dataset.state = 'checked';
  const organ = r.organ || '（未填写机关名称）';
  $('report-name').textContent = file.name + ' · ' + organ + (r.year ? ' ' + r.year + ' 年度' : '') + ' · 格式：' + r.format;
  renderSummary(r.counts);
  renderReadings(r.readings);
  renderPrevious(file);
  renderFindings(r, $('findings'), $('preview'));
  $('preview-pane').hidden = false;
  $('preview').innerHTML = r.html; // rendered and escaped by the core
  renderDownloads();
  showHooks.forEach(function (fn) { fn(file); });
  const total = r.counts.error + r.counts.warning + r.counts.info;
  setStatus(total ? '检查完成：发现 ' + total + ' 个问题。点击问题可在预览中定位。' : '检查完成：未发现问题。');
}

// How each table was read (cells, text columns, figures cut by
// arithmetic) and whether any cell of it is in doubt.
function renderReadings(readings) {
  const box = $('readings');
  if (!box) return;
  box.textContent = '';
  (readings || []).forEach(function (r) {
    const li = document.createElement('li');
    li.className = r.certain ? 'reading' : 'reading uncertain';
    li.textContent = r.table + '：' + r.how + (r.certain ? '' : '。' + (r.note || '有不确定之处，请核对'));
    box.appendChild(li);
  });
}

function renderSummary(counts) {
  const box = $('summary');
  box.textContent = '';
  ['error', 'warning', 'info'].forEach(function (sev) {
    const d = document.createElement('div');
    d.className = 'count count-' + sev + (counts[sev] ? '' : ' zero');
    d.dataset.severity = sev;
    const icon = document.createElement('span');
    icon.className = 'icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = SEVERITY[sev].icon;
    const n = document.createElement('strong');
    n.textContent = counts[sev];
    const l = document.createElement('span');
    l.textContent = SEVERITY[sev].label;
    d.appendChild(icon);
    d.appendChild(n);
    d.appendChild(l);
    box.appendChild(d);
  });
}

// Renders the findings into `box`; a click locates the cells in `target`
// (the preview, or the form). `decorate(li, finding)` may add controls.
export function renderFindings(r, box, target, decorate) {
  box = box || $('findings');
  box.textContent = '';
  const apart = function (i) {
    return GROUPS.some(function (g) { return g.apart && g.key === r.places[i].group; });
  };
  if (r.findings.every(function (f, i) { return apart(i); })) {
    const p = document.createElement('p');
    p.className = 'all-good';
    p.textContent = r.findings.length
      ? '✔ 内容未发现问题：三张表的勾稽关系、正文与表格一致；Word 文档的版式见下。'
      : '✔ 未发现问题：三张表的勾稽关系、正文与表格一致。';
    box.appendChild(p);
    if (!r.findings.length) return;
  }
  // Groups with an error first (an error must not sit last, off screen),
  // then with a warning; in report order otherwise.
  const rank = { error: 0, warning: 1, info: 2 };
  const worst = function (group) {
    let w = 3;
    r.findings.forEach(function (f, i) { if (r.places[i].group === group.key) w = Math.min(w, rank[f.severity]); });
    return w;
  };
  const order = function (group) { return group.apart ? 9 : worst(group); };
  GROUPS.slice().sort(function (a, b) { return order(a) - order(b); }).forEach(function (group) {
    const items = [];
    r.findings.forEach(function (f, i) {
      if (r.places[i].group === group.key) items.push({ finding: f, place: r.places[i] });
    });
    if (!items.length) return;
    // A group apart is a <details>, closed: the content findings come first.
    const section = document.createElement(group.apart ? 'details' : 'section');
    section.className = group.apart ? 'group group-apart' : 'group';
    section.dataset.group = group.key;
    const h = document.createElement('h3');
    h.textContent = group.title + '（' + items.length + '）';
    if (group.apart) {
      const summary = document.createElement('summary');
      summary.appendChild(h);
      section.appendChild(summary);
    } else {
      section.appendChild(h);
    }
    const list = document.createElement('ol');
    items.forEach(function (item) {
      const li = findingItem(item.finding, item.place, target || $('preview'));
      if (decorate) decorate(li, item.finding);
      list.appendChild(li);
    });
    section.appendChild(list);
    box.appendChild(section);
  });
}

function findingItem(f, place, target) {
  const li = document.createElement('li');
  li.className = 'finding finding-' + f.severity;
  li.dataset.rule = f.rule;
  li.dataset.severity = f.severity;
  const main = button('', 'finding-main', function () { locate(f, li, target); });
  main.setAttribute('aria-label', SEVERITY[f.severity].label + ' ' + f.rule + '：' + f.message + '（点击在预览中定位）');
  const head = document.createElement('span');
  head.className = 'finding-head';
  const icon = document.createElement('span');
  icon.className = 'sev sev-' + f.severity;
  icon.textContent = SEVERITY[f.severity].icon + ' ' + SEVERITY[f.severity].label;
  const code = document.createElement('span');
  code.className = 'code';
  code.textContent = f.rule;
  head.appendChild(icon);
  head.appendChild(code);
  if (place.label) {
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = place.label;
    head.appendChild(where);
  }
  main.appendChild(head);
  const msg = document.createElement('span');
  msg.className = 'message';
  msg.textContent = f.message;
  main.appendChild(msg);
  if (f.expected !== undefined || f.actual !== undefined) {
    const ea = document.createElement('span');
    ea.className = 'values';
    if (f.expected !== undefined) ea.appendChild(pair('应为', f.expected, 'expected'));
    if (f.actual !== undefined) ea.appendChild(pair('实际', f.actual, 'actual'));
    main.appendChild(ea);
  }
  li.appendChild(main);
  const rule = rules[f.rule];
  if (rule) {
    const a = document.createElement('a');
    a.href = '#rule-' + f.rule;
    a.className = 'rule-link';
    a.textContent = '规则 ' + f.rule + ' 说明：' + rule.title;
    a.addEventListener('click', function (e) {
      e.preventDefault();
      openRule(f.rule, a);
    });
    li.appendChild(a);
  }
  return li;
}

function pair(label, value, cls) {
  const s = document.createElement('span');
  s.className = cls;
  const l = document.createElement('span');
  l.className = 'k';
  l.textContent = label + '：';
  const v = document.createElement('span');
  v.className = 'v';
  v.textContent = value === '' ? '（空）' : value;
  s.appendChild(l);
  s.appendChild(v);
  return s;
}

// Scrolls the preview to the finding's cells and highlights them.
function locate(f, li, preview) {
  Array.prototype.forEach.call(preview.querySelectorAll('.nb-focus, .nb-focus-related'), function (el) {
    el.classList.remove('nb-focus', 'nb-focus-related');
  });
  Array.prototype.forEach.call(document.querySelectorAll('.finding.active'), function (el) {
    el.classList.remove('active');
  });
  li.classList.add('active');
  Array.prototype.forEach.call(preview.querySelectorAll('mark.nb-quote'), unmark);
  let first = null;
  const quoted = markQuote(f, preview);
  if (quoted) first = quoted;
  f.cells.forEach(function (address, i) {
    const el = preview.querySelector('[data-cell="' + cssEscape(address) + '"]');
    if (!el) return;
    el.classList.add(i === 0 ? 'nb-focus' : 'nb-focus-related');
    if (!first) first = el;
  });
  if (first) {
    first.setAttribute('tabindex', '-1');
    first.scrollIntoView({ block: 'center', inline: 'nearest' });
    first.focus({ preventScroll: true });
  }
}

// The sentence a prose finding quotes (“…” in its message), marked in the
// preview's section as cells are.
function markQuote(f, preview) {
  const section = f.cells[0] && f.cells[0].indexOf('sections.') === 0 ? preview.querySelector('[data-cell="' + cssEscape(f.cells[0]) + '"]') : null;
  const m = /“([^”]{4,})”/.exec(f.message);
  if (!section || !m) return null;
  const quote = m[1].replace(/…$/, '').replace(/^\*+|\*+$/g, '').trim();
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(quote);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + quote.length);
    const mark = document.createElement('mark');
    mark.className = 'nb-quote';
    range.surroundContents(mark);
    return mark;
  }
  return null;
}

function unmark(mark) {
  const parent = mark.parentNode;
  while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
  parent.removeChild(mark);
  parent.normalize();
}

function cssEscape(s) {
  return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&');
}

let ruleOpener = null;

function openRule(code, opener) {
  const rule = rules[code];
  if (!rule) return;
  ruleOpener = opener;
  $('rule-title').textContent = '规则 ' + rule.code + '：' + rule.title;
  const body = $('rule-body');
  body.textContent = '';
  // The levels the rule reports, from the same list as the README's table.
  const levels = [rule.severity].concat(rule.also || []).map(function (l) { return SEVERITY[l].label; }).join('或');
  const since = rule.from_year ? '（' + rule.from_year + ' 年度起的报告）' : '';
  [['级别', levels], ['适用', since ? since.slice(1, -1) : ''], ['要求', rule.doc], ['依据', rule.basis], ['常见情形', rule.example]].forEach(function (row) {
    if (!row[1]) return;
    const h = document.createElement('h3');
    h.textContent = row[0];
    const p = document.createElement('p');
    p.textContent = row[1];
    body.appendChild(h);
    body.appendChild(p);
  });
  const dialog = $('rule-dialog');
  if (dialog.showModal) dialog.showModal();
  else dialog.setAttribute('open', '');
  $('rule-close').focus();
}

function closeRule() {
  const dialog = $('rule-dialog');
  if (dialog.close) dialog.close();
  else dialog.removeAttribute('open');
  if (ruleOpener) ruleOpener.focus();
}

function renderDownloads() {
  const box = $('downloads');
  box.textContent = '';
  const file = files[current];
  EXPORTS.forEach(function (x) {
    const b = button(x.label, 'download-button', function () {
      setStatus('正在生成 ' + x.title + '……');
      Promise.resolve(x.make(engine, file)).then(function (content) {
        download(downloadName(file) + x.ext, content, x.mime);
        setStatus('已下载：' + x.title);
      }).catch(showError);
    });
    b.title = x.title;
    b.dataset.download = x.id;
    box.appendChild(b);
  });
}

// Downloads are named by organ, year and kind (红寺堡区人民政府2025年政府信息
// 公开工作年度报告.docx); without an organ, by the file's own name.
function downloadName(file) {
  const r = file.result || {};
  const organ = String(r.organ || '').trim();
  if (!organ) return baseName(file.name) === '粘贴的报告' ? '粘贴的年度报告' : baseName(file.name);
  return (organ + (r.year ? r.year + '年' : '') + '政府信息公开工作年度报告').replace(/[\\/:*?"<>|]/g, '_');
}

function baseName(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}


function button(text, cls, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function setStatus(text) {
  $('status').textContent = text;
}

function showError(e) {
  const box = $('error');
  box.textContent = '⚠ ' + (e && e.message ? e.message : String(e));
  box.hidden = false;
}

function hideError() {
  $('error').hidden = true;
}
