// The form view: the report typed into the official tables, checked at
// every keystroke, saved in the browser as it is typed, with undo/redo.
//
// The draft holds every field as text (`draftOf` in src/wasm.rs); each
// change turns it into the canonical JSON (the core's writer, `draftJson`)
// and runs the same check as an uploaded file. The figure sentences a
// button drafts from the tables (`draftSentences`) are remembered with the
// figures they quote (`draft.drafted`), so a later change of a figure marks
// them stale. Started from last year's report (`newYear`), the draft also
// keeps `last_year`: its text, shown beside each section as a reference
// with the sentences to rewrite marked, the 现行有效 this year's follows
// from, and its JSON, against which the draft is checked (X4, X5, X9). The tables are the core's own HTML rendering with an
// input in each value cell, so the layout is exactly the official one.

import { renderFindings, addReport, currentFile, onReady } from './app.js';
import { download } from './save.js';
import { OFFICE } from './engine.js';

const STORE = 'nianbao.draft.v1';
const SCHEMA = 'gov-info-annual-report/2021';
// The choices of 机关类型: the core's labels (`labels` in src/wasm.rs), set when the form opens.
let kinds = [];
const META = [
  { key: 'organ', label: '机关名称', type: 'text' },
  { key: 'organ_kind', label: '机关类型', type: 'select' },
  { key: 'year', label: '统计年度', type: 'text', pattern: /^\d{0,4}$/, hint: '年度只能填写 4 位数字' },
  { key: 'published_on', label: '发布日期', type: 'date' },
  { key: 'title', label: '标题（可不填）', type: 'text' },
];
// The notes written beside the tables (sections.*_note): key → the table's section and a label.
const NOTES = {
  active_note: { table: 'active', label: '二、主动公开政府信息情况（表外说明）' },
  requests_note: { table: 'requests', label: '三、收到和处理政府信息公开申请情况（表外说明）' },
  review_note: { table: 'review_litigation', label: '四、政府信息公开行政复议、行政诉讼情况（表外说明）' },
};
const FULL_WIDTH = /[０-９．]/g;

const $ = function (id) { return document.getElementById(id); };

let engine = null;
let draft = null;
let money = {};
let history = [];
let position = -1;
let lastEdit = { field: null, time: 0 };
let built = false;
let savedAt = 0; // when the draft was last saved in this browser (ms), 0 if never

onReady(function (theEngine) {
  engine = theEngine;
  wireViews();
  const saved = readStore();
  if (saved && hasContent(saved.draft)) {
    draft = saved.draft;
    savedAt = saved.at;
    openForm().then(function () {
      say('已恢复' + (saved.at ? ' ' + when(saved.at) + ' 保存的' : '上次未完成的') + '草稿（保存在本浏览器中）。' +
        (saved.at ? '这是本浏览器中最后一次成功保存的内容，之后的修改（如有）没有保存下来。' : ''));
    });
  }
});

function wireViews() {
  $('view-check').addEventListener('click', function () { showView('check'); });
  $('view-form').addEventListener('click', function () { openForm(); });
  $('form-blank').addEventListener('click', function () { startFrom(new Uint8Array(0), ''); });
  $('form-example').addEventListener('click', function () {
    engine.core('sample').then(function (text) { startFrom(new TextEncoder().encode(text), 'sample.json'); });
  });
  $('form-current').addEventListener('click', function () {
    const file = currentFile();
    if (!file) { say('请先在「检查文件」中载入一个报告。'); return; }
    startFrom(file.bytes, file.name, file.module);
  });
  $('form-last-year').addEventListener('click', function () { $('form-last-year-file').click(); });
  $('form-last-year-file').addEventListener('change', function () {
    const file = this.files[0];
    this.value = '';
    if (!file) return;
    file.arrayBuffer().then(function (buffer) {
      const bytes = new Uint8Array(buffer);
      // newYear is in the module loaded on demand (any input format, and
      // kept out of the first load).
      startFrom(bytes, file.name, OFFICE, false, 'newYear');
    });
  });
  $('form-undo').addEventListener('click', undo);
  $('form-redo').addEventListener('click', redo);
  $('form-download').addEventListener('click', function () {
    jsonOf(draft).then(function (json) { download('年度报告草稿.json', json, 'application/json'); }, fail);
  });
  $('form-preview').addEventListener('click', function () {
    jsonOf(draft).then(function (json) {
      showView('check');
      addReport('在线填写的报告.json', new TextEncoder().encode(json));
    }, fail);
  });
  $('form-reset').addEventListener('click', function () {
    if (!window.confirm('确定清空草稿、从空白重新开始吗？此操作会删除保存在本浏览器中的草稿。')) return;
    localStorage.removeItem(STORE);
    startFrom(new Uint8Array(0), '', null, true);
  });
  $('form-app').addEventListener('keydown', function (e) {
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
    else if ((e.ctrlKey || e.metaKey) && (key === 'y' || (key === 'z' && e.shiftKey))) { e.preventDefault(); redo(); }
  });
}

function showView(view) {
  $('app').hidden = view !== 'check';
  $('form-app').hidden = view !== 'form';
  $('view-check').setAttribute('aria-pressed', String(view === 'check'));
  $('view-form').setAttribute('aria-pressed', String(view === 'form'));
  if (view === 'form') growAll();
}

function growAll() {
  Array.prototype.forEach.call($('form-sheet').querySelectorAll('textarea.prose'), grow);
}

// Opens the form view with the current draft (blank if none).
function openForm() {
  showView('form');
  if (draft && built) return Promise.resolve();
  const start = draft ? Promise.resolve(draft) : engine.core('draftOf', [new Uint8Array(0), '']);
  return start.then(function (d) {
    if (!draft) draft = d;
    return build();
  }).then(function () {
    if (!history.length) {
      history = [JSON.stringify(draft)];
      position = 0;
      updateUndo();
    }
  }).catch(function (e) { say(e.message || String(e), true); });
}

// Replaces the draft by a blank report, the example or a loaded file
// (`how`: 'draftOf', or 'newYear' for this year's draft from last year's).
function startFrom(bytes, name, module, force, how) {
  if (!force && hasContent(draft) && !window.confirm('当前草稿中已有内容，确定用新的内容替换吗？（可用「撤销」恢复）')) return;
  engine.call(module || 'nianbao', how || 'draftOf', [bytes, name]).then(function (d) {
    draft = d;
    return build().then(function () {
      commit(null);
      if (how === 'newYear') {
        say('已从上年报告开始：' + (d.year ? d.year + ' 年度，' : '请填写统计年度；') +
          '上年结转已按上年的「结转下年度继续办理」填好，其余数字留空待填。上年的正文列在各部分右侧供参考，须改写的句子已标出。');
      } else {
        say(bytes.length ? '已载入，可直接修改。' : '已新建空白草稿。');
      }
    });
  }).catch(function (e) { say(e.message || String(e), true); });
}

function hasContent(d) {
  if (!d) return false;
  if (d.organ || d.year || d.title) return true;
  for (const k in d.sections) if (d.sections[k]) return true;
  for (const a in d.cells) if (d.cells[a] !== '') return true;
  return false;
}

// Builds the form from the core's rendering of the draft.
function build() {
  if (!kinds.length) {
    return engine.core('labels').then(function (labels) {
      kinds = [['', '（请选择）']].concat(labels.organ_kind);
      return build();
    });
  }
  return checkDraft().then(function (result) {
    money = {};
    draft.money.forEach(function (a) { money[a] = true; });
    buildMeta();
    const sheet = $('form-sheet');
    sheet.innerHTML = result.html; // rendered and escaped by the core
    Array.prototype.forEach.call(sheet.querySelectorAll('td[data-cell]'), function (td) {
      const address = td.dataset.cell;
      td.textContent = '';
      td.removeAttribute('title');
      const input = document.createElement('input');
      input.className = 'cell';
      input.dataset.address = address;
      input.value = draft.cells[address] || '';
      input.setAttribute('inputmode', money[address] ? 'decimal' : 'numeric');
      input.setAttribute('autocomplete', 'off');
      input.setAttribute('aria-label', (td.dataset.label || cellLabel(td)) + (money[address] ? '（万元）' : ''));
      td.appendChild(input);
    });
    Array.prototype.forEach.call(sheet.querySelectorAll('section[data-cell^="sections."]'), function (section) {
      const key = section.dataset.cell.slice('sections.'.length);
      Array.prototype.forEach.call(section.querySelectorAll('p'), function (p) { p.remove(); });
      const area = document.createElement('textarea');
      area.className = 'prose';
      area.dataset.section = key;
      area.rows = key === 'preamble' ? 3 : 6;
      area.value = draft.sections[key] || '';
      const h = section.querySelector('h2') || section.parentNode.querySelector('h2');
      area.setAttribute('aria-label', NOTES[key] ? NOTES[key].label : h ? h.textContent : '开头');
      section.appendChild(area);
    });
    // Text beside a table (under 二、三、四, outside the table): a box under each table heading.
    Object.keys(NOTES).forEach(function (key) {
      if (sheet.querySelector('textarea[data-section="' + key + '"]')) return;
      const table = sheet.querySelector('#nb-' + NOTES[key].table + ' h2');
      if (!table) return;
      const section = document.createElement('section');
      section.className = 'nb-note nb-prose';
      section.dataset.cell = 'sections.' + key;
      const area = document.createElement('textarea');
      area.className = 'prose';
      area.dataset.section = key;
      area.rows = 2;
      area.placeholder = '表外说明（可不填）';
      area.setAttribute('aria-label', NOTES[key].label);
      section.appendChild(area);
      table.parentNode.insertBefore(section, table.nextSibling);
    });
    if (!sheet.querySelector('textarea[data-section="preamble"]')) {
      const section = document.createElement('section');
      section.className = 'nb-section nb-prose';
      section.dataset.cell = 'sections.preamble';
      const area = document.createElement('textarea');
      area.className = 'prose';
      area.dataset.section = 'preamble';
      area.rows = 2;
      area.placeholder = '开头段落（可不填）';
      area.setAttribute('aria-label', '开头段落');
      section.appendChild(area);
      const title = sheet.querySelector('.nb-title');
      title.parentNode.insertBefore(section, title.nextSibling);
    }
    addProseTools(sheet);
    addReferences(sheet);
    addInForceHints(sheet);
    if (!built) wireSheet(sheet);
    built = true;
    growAll();
    apply(result);
  });
}

// A cell's place in words (the core's data-label; the row heading else):
// never its address, which is for programs.
function cellLabel(td) {
  if (td.dataset.label) return td.dataset.label;
  const row = td.parentNode;
  const head = row.querySelector('th.nb-label') || row.querySelector('th');
  return head ? head.textContent : '此单元格';
}

// The Chinese place of an address, from the sheet.
function placeOf(address) {
  const td = $('form-sheet').querySelector('td[data-cell="' + address + '"]');
  return td ? cellLabel(td) : '此单元格';
}

// A prose box as tall as its text (no scrolling inside a small box).
function grow(area) {
  if (!area.offsetParent) return; // hidden: measured when shown
  area.style.height = 'auto';
  area.style.height = (area.scrollHeight + 2) + 'px';
}

function buildMeta() {
  const box = $('form-meta');
  box.textContent = '';
  META.forEach(function (m) {
    const label = document.createElement('label');
    label.className = 'meta-field';
    const span = document.createElement('span');
    span.textContent = m.label;
    label.appendChild(span);
    let input;
    if (m.type === 'select') {
      input = document.createElement('select');
      kinds.forEach(function (k) {
        const o = document.createElement('option');
        o.value = k[0];
        o.textContent = k[1];
        input.appendChild(o);
      });
    } else {
      input = document.createElement('input');
      input.type = m.type;
    }
    input.value = draft[m.key] || '';
    input.dataset.meta = m.key;
    input.addEventListener(m.type === 'select' || m.type === 'date' ? 'change' : 'input', function () {
      if (m.pattern && !m.pattern.test(input.value)) {
        input.value = draft[m.key];
        say(m.hint, true);
        return;
      }
      draft[m.key] = input.value;
      commit('meta.' + m.key);
    });
    label.appendChild(input);
    box.appendChild(label);
  });
}

function wireSheet(sheet) {
  sheet.addEventListener('click', function (e) {
    const b = e.target.closest && e.target.closest('button.draft-sentences');
    if (b) draftInto(b.dataset.for);
  });
  sheet.addEventListener('input', function (e) {
    const t = e.target;
    if (t.dataset.address) {
      const address = t.dataset.address;
      const value = t.value.replace(FULL_WIDTH, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
      if (!valid(address, value)) {
        t.value = draft.cells[address];
        say(rejectMessage(address, value), true);
        return;
      }
      if (value !== t.value) t.value = value;
      draft.cells[address] = value;
      commit(address);
    } else if (t.dataset.section) {
      draft.sections[t.dataset.section] = t.value;
      grow(t);
      commit('sections.' + t.dataset.section);
    }
  });
  sheet.addEventListener('keydown', function (e) {
    const t = e.target;
    if (!t.dataset || !t.dataset.address) return;
    let dir = null;
    if (e.key === 'ArrowUp') dir = 'up';
    else if (e.key === 'ArrowDown') dir = 'down';
    else if (e.key === 'Enter') dir = e.shiftKey ? 'up' : 'down';
    else if (e.key === 'ArrowLeft' && t.selectionStart === 0 && t.selectionEnd === 0) dir = 'left';
    else if (e.key === 'ArrowRight' && t.selectionStart === t.value.length) dir = 'right';
    if (!dir) return;
    const next = neighbour(t, dir);
    if (next) {
      e.preventDefault();
      next.focus();
      next.select();
    } else if (e.key === 'Enter') {
      e.preventDefault();
    }
  });
  sheet.addEventListener('paste', function (e) {
    const t = e.target;
    if (!t.dataset || !t.dataset.address || !e.clipboardData) return;
    const text = e.clipboardData.getData('text/plain').replace(/\r/g, '').replace(/\n+$/, '');
    if (text.indexOf('\t') < 0 && text.indexOf('\n') < 0) return; // one value: the input takes it
    e.preventDefault();
    pasteBlock(t, text.split('\n').map(function (line) { return line.split('\t'); }));
  });
}

function valid(address, value) {
  return money[address] ? /^\d*(\.\d*)?$/.test(value) : /^\d*$/.test(value);
}

function rejectMessage(address, value) {
  return money[address]
    ? '「' + value + '」不是金额：这一格（万元）只能填写数字和小数点。'
    : '「' + value + '」不是件数：这一格只能填写整数（0 也要填写）。';
}

// Fills the cells a block copied from a spreadsheet covers, from `start`
// rightwards and downwards; cells that are not numbers are left alone.
function pasteBlock(start, rows) {
  let filled = 0;
  const rejected = [];
  let rowStart = start;
  rows.forEach(function (cols, r) {
    if (r > 0) rowStart = rowStart && neighbour(rowStart, 'down');
    let input = rowStart;
    cols.forEach(function (raw, c) {
      if (c > 0) input = input && neighbour(input, 'right');
      if (!input) return;
      const value = raw.trim().replace(/,/g, '').replace(FULL_WIDTH, function (ch) { return String.fromCharCode(ch.charCodeAt(0) - 0xfee0); });
      const address = input.dataset.address;
      if (!valid(address, value)) { rejected.push(raw.trim()); return; }
      input.value = value;
      draft.cells[address] = value;
      filled += 1;
    });
  });
  commit(null);
  say('已粘贴 ' + filled + ' 格' + (rejected.length ? '；以下内容不是数字，未填入：' + rejected.slice(0, 5).join('、') : '。'), rejected.length > 0);
}

// The value cell next to `input` in a direction, by position on screen
// (merged cells make "the next row" a matter of geometry).
function neighbour(input, dir) {
  const from = input.getBoundingClientRect();
  const fx = from.left + from.width / 2;
  const fy = from.top + from.height / 2;
  let best = null;
  let bestScore = Infinity;
  Array.prototype.forEach.call(input.closest('table').querySelectorAll('input.cell'), function (other) {
    if (other === input) return;
    const r = other.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    let along;
    let across;
    if (dir === 'down') { along = y - fy; across = Math.abs(x - fx); }
    else if (dir === 'up') { along = fy - y; across = Math.abs(x - fx); }
    else if (dir === 'right') { along = x - fx; across = Math.abs(y - fy); }
    else { along = fx - x; across = Math.abs(y - fy); }
    if (along < 2) return;
    if ((dir === 'left' || dir === 'right') && across > from.height / 2) return;
    if ((dir === 'up' || dir === 'down') && across > Math.max(from.width, r.width) / 2) return;
    const score = along + across * 3;
    if (score < bestScore) { bestScore = score; best = other; }
  });
  return best;
}

// Records a change: saves, adds an undo step (typing in one field within
// a second is one step) and re-checks.
function commit(field) {
  const now = Date.now();
  const snapshot = JSON.stringify(draft);
  const sameTyping = field && lastEdit.field === field && now - lastEdit.time < 1000 && position === history.length - 1 && position > 0;
  if (sameTyping) {
    history[position] = snapshot;
  } else if (history[position] !== snapshot) {
    history = history.slice(0, position + 1);
    history.push(snapshot);
    position = history.length - 1;
  }
  lastEdit = { field: field, time: now };
  writeStore();
  updateUndo();
  check();
}

function undo() {
  if (position <= 0) return;
  position -= 1;
  restore();
}

function redo() {
  if (position >= history.length - 1) return;
  position += 1;
  restore();
}

function restore() {
  const before = JSON.stringify(draft.last_year || null);
  draft = JSON.parse(history[position]);
  // Another last year's report (or none): its references are rebuilt.
  if (JSON.stringify(draft.last_year || null) !== before) {
    build().then(function () { writeStore(); updateUndo(); });
    return;
  }
  lastEdit = { field: null, time: 0 };
  Array.prototype.forEach.call($('form-sheet').querySelectorAll('input.cell'), function (input) {
    input.value = draft.cells[input.dataset.address] || '';
  });
  Array.prototype.forEach.call($('form-sheet').querySelectorAll('textarea[data-section]'), function (area) {
    area.value = draft.sections[area.dataset.section] || '';
    grow(area);
  });
  Array.prototype.forEach.call($('form-meta').querySelectorAll('[data-meta]'), function (input) {
    input.value = draft[input.dataset.meta] || '';
  });
  writeStore();
  updateUndo();
  check();
}

function updateUndo() {
  $('form-undo').disabled = position <= 0;
  $('form-redo').disabled = position >= history.length - 1;
}

function check() {
  checkDraft().then(apply, fail);
}

// The check of the draft as it is now; against last year's report when
// the draft was started from it.
function checkDraft() {
  return jsonOf(draft).then(function (json) {
    const bytes = new TextEncoder().encode(json);
    const last = draft.last_year && draft.last_year.json;
    if (last) return engine.core('checkFileWithPrevious', [bytes, 'draft.json', new TextEncoder().encode(last), '上年报告.json']);
    return engine.core('checkFile', [bytes, 'draft.json']);
  });
}

function fail(e) {
  say(e.message || String(e), true);
}

// Marks the form's cells as the core marked its rendering, and lists the findings.
function apply(result) {
  const sheet = $('form-sheet');
  const rendered = document.createElement('template');
  rendered.innerHTML = result.html;
  const marks = {};
  Array.prototype.forEach.call(rendered.content.querySelectorAll('[data-cell]'), function (el) {
    marks[el.dataset.cell] = el;
  });
  Array.prototype.forEach.call(sheet.querySelectorAll('[data-cell]'), function (el) {
    const mark = marks[el.dataset.cell];
    ['data-severity', 'data-related', 'title'].forEach(function (attr) {
      const value = mark ? mark.getAttribute(attr) : null;
      if (value === null) el.removeAttribute(attr);
      else el.setAttribute(attr, value);
    });
  });
  const title = rendered.content.querySelector('.nb-title');
  if (title) sheet.querySelector('.nb-title').textContent = title.textContent;
  const counts = result.counts;
  ['error', 'warning', 'info'].forEach(function (sev) {
    const el = $('form-count-' + sev);
    el.textContent = counts[sev];
    el.parentNode.classList.toggle('zero', !counts[sev]);
  });
  renderFindings(result, $('form-findings'), sheet, decorate);
  markStale();
  updateInForceHints();
  engine.core('draftChecklist', [draft]).then(renderChecklist, fail);
}

// 发布前核对: the tool's ticks, and a checkbox the author ticks for what
// only they can see (remembered in the draft, so in this browser's storage).
function renderChecklist(items) {
  const list = $('form-checklist-items');
  list.textContent = '';
  const ticked = draft.checked || {};
  items.forEach(function (item) {
    const li = document.createElement('li');
    li.dataset.key = item.key;
    li.dataset.status = item.status;
    const mark = document.createElement(item.status === 'author' ? 'input' : 'span');
    if (item.status === 'author') {
      mark.type = 'checkbox';
      mark.checked = !!ticked[item.key];
      mark.setAttribute('aria-label', item.what);
      mark.addEventListener('change', function () {
        draft.checked = Object.assign({}, draft.checked || {});
        draft.checked[item.key] = mark.checked;
        commit(null);
      });
    } else {
      mark.className = 'checklist-mark';
      mark.textContent = item.status === 'done' ? '☑' : '☒';
    }
    li.appendChild(mark);
    const text = document.createElement('span');
    const what = document.createElement('strong');
    what.textContent = item.what;
    text.appendChild(what);
    text.appendChild(document.createTextNode('：' + item.detail));
    li.appendChild(text);
    list.appendChild(li);
  });
}

// Adds 按明细重算 to a finding whose first cell is a total with a computed value.
function decorate(li, f) {
  const address = f.cells[0];
  if (!/^A\d/.test(f.rule) || f.expected === undefined || !/^\d+(\.\d+)?$/.test(f.expected)) return;
  if (!draft.cells.hasOwnProperty(address)) return;
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'fix';
  b.textContent = '按明细重算：改为 ' + f.expected;
  b.addEventListener('click', function () {
    const was = draft.cells[address] === '' ? '空白' : draft.cells[address];
    if (!window.confirm('把' + placeOf(address) + '由 ' + was + ' 改为 ' + f.expected + '（按明细之和）？')) return;
    draft.cells[address] = f.expected;
    const input = $('form-sheet').querySelector('input[data-address="' + address + '"]');
    if (input) input.value = f.expected;
    commit(null);
    say('已把' + placeOf(address) + '改为 ' + f.expected + '。可用「撤销」恢复。');
  });
  li.appendChild(b);
}

// The canonical JSON of the draft, written by the core (blank cells null,
// values exact: 万元 keep their digits).
function jsonOf(d) {
  return engine.core('draftJson', [d]);
}

// Last year's text beside each section it had (not inside it: nothing of
// it reaches this year's report unless the author writes it), each
// sentence that must change marked with why.
function addReferences(sheet) {
  const last = draft.last_year;
  if (!last || !last.sections) return;
  Array.prototype.forEach.call(sheet.querySelectorAll('textarea[data-section]'), function (area) {
    const sentences = last.sections[area.dataset.section];
    if (!sentences || !sentences.length) return;
    const section = area.parentNode;
    const pair = document.createElement('div');
    pair.className = 'prose-pair';
    const main = document.createElement('div');
    main.className = 'prose-main';
    Array.prototype.slice.call(section.children).forEach(function (el) {
      if (el.classList.contains('prose-tools') || el === area || el.classList.contains('stale-list')) main.appendChild(el);
    });
    const aside = document.createElement('aside');
    aside.className = 'reference';
    aside.dataset.for = area.dataset.section;
    const head = document.createElement('p');
    head.className = 'reference-head';
    const marked = sentences.filter(function (s) { return s.changes.length; }).length;
    head.textContent = '上年报告' + (last.year ? '（' + last.year + ' 年度）' : '') + '原文，仅供参考，不会写入本年报告' +
      (marked ? '；标出的 ' + marked + ' 句须改写' : '');
    aside.appendChild(head);
    const body = document.createElement('div');
    body.className = 'reference-text';
    sentences.forEach(function (s) {
      if (!s.changes.length) { body.appendChild(document.createTextNode(s.text)); return; }
      const m = document.createElement('mark');
      m.className = 'must-change';
      m.dataset.kinds = s.changes.map(function (c) { return c.kind; }).join(' ');
      m.title = s.changes.map(function (c) { return c.label; }).join('\n');
      m.textContent = s.text;
      body.appendChild(m);
      s.changes.forEach(function (c) {
        const tag = document.createElement('span');
        tag.className = 'change-tag';
        tag.dataset.kind = c.kind;
        tag.title = c.label;
        tag.textContent = c.kind === 'year' ? '年份' : c.kind === 'figure' ? '数字' : '整改';
        body.appendChild(tag);
      });
    });
    aside.appendChild(body);
    pair.appendChild(main);
    pair.appendChild(aside);
    section.appendChild(pair);
  });
}

// Under each 现行有效 cell whose base is last year's: “上年 27 + 本年制发 −
// 本年废止 = …” until the author fills the cell; the sum, once known, can
// be taken with a click.
function addInForceHints(sheet) {
  const last = draft.last_year;
  if (!last || !last.in_force) return;
  last.in_force.forEach(function (base) {
    const td = sheet.querySelector('td[data-cell="' + base.cell + '"]');
    if (!td) return;
    const hint = document.createElement('button');
    hint.type = 'button';
    hint.className = 'in-force-hint';
    hint.dataset.for = base.cell;
    hint.addEventListener('click', function () {
      const sum = inForceSum(base);
      if (sum === null) return;
      draft.cells[base.cell] = String(sum);
      td.querySelector('input.cell').value = String(sum);
      commit(base.cell);
    });
    td.appendChild(hint);
  });
}

// 上年 + 本年制发 − 本年废止, or null until both are filled.
function inForceSum(base) {
  const issued = draft.cells[base.issued];
  const repealed = draft.cells[base.repealed];
  if (!issued || !repealed) return null;
  return Number(base.figure) + Number(issued) - Number(repealed);
}

function updateInForceHints() {
  const last = draft.last_year;
  Array.prototype.forEach.call($('form-sheet').querySelectorAll('.in-force-hint'), function (hint) {
    const base = last && last.in_force && last.in_force.filter(function (b) { return b.cell === hint.dataset.for; })[0];
    const filled = !base || draft.cells[base.cell] !== '';
    hint.hidden = filled;
    if (filled) return;
    const sum = inForceSum(base);
    hint.textContent = '上年 ' + base.figure + ' + 本年制发 − 本年废止 = ' + (sum === null ? '…' : sum);
    hint.disabled = sum === null;
    hint.title = sum === null ? '填好本年制发和废止件数后可一键填入' : '点击填入 ' + sum;
  });
}

// The parts of the report whose text the tables' figures can be drafted
// into: 一、总体情况 takes every table's sentences, a table's 表外说明 its own.
const DRAFTABLE = { overview: null, active_note: 'active', requests_note: 'requests', review_note: 'review_litigation' };

// Around each prose box: a button that drafts the figure sentences (where
// the tables have them) and the list of drafted sentences gone stale.
function addProseTools(sheet) {
  Array.prototype.forEach.call(sheet.querySelectorAll('textarea[data-section]'), function (area) {
    const key = area.dataset.section;
    if (!DRAFTABLE.hasOwnProperty(key)) return;
    const tools = document.createElement('div');
    tools.className = 'prose-tools';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'draft-sentences';
    b.dataset.for = key;
    b.textContent = '按表格数字起草';
    b.title = key === 'overview'
      ? '按表二、表三、表四的数字写出主动公开、依申请公开、行政复议和行政诉讼的标准句子，写入本部分，可再修改'
      : '按本表的数字写出标准句子，写入表外说明，可再修改';
    tools.appendChild(b);
    area.parentNode.insertBefore(tools, area);
    const stale = document.createElement('div');
    stale.className = 'stale-list';
    stale.dataset.for = key;
    stale.setAttribute('role', 'status');
    stale.hidden = true;
    area.parentNode.insertBefore(stale, area.nextSibling);
  });
}

// Writes the sentences drafted from the tables into section `key`: a
// paragraph drafted before and left as it was is replaced, otherwise the
// new paragraph is added at the end. Cells not filled or in error are said.
function draftInto(key) {
  engine.call(OFFICE, 'draftSentences', [draft]).then(function (parts) {
    const wanted = parts.filter(function (p) { return DRAFTABLE[key] === null || p.table === DRAFTABLE[key]; });
    let text = draft.sections[key] || '';
    const kept = (draft.drafted && draft.drafted[key]) || [];
    const record = [];
    const notes = [];
    wanted.forEach(function (part) {
      const before = kept.filter(function (k) { return k.table === part.table; })[0];
      if (part.sentences.length) {
        if (before && before.text && text.indexOf(before.text) >= 0) text = text.replace(before.text, part.text);
        else text = text ? text.replace(/\s*$/, '') + '\n' + part.text : part.text;
        record.push({ table: part.table, text: part.text, sentences: part.sentences });
      } else if (before && text.indexOf(before.text) >= 0) {
        record.push(before);
      }
      if (part.missing.length) notes.push(part.part + '：' + part.missing.slice(0, 3).join('、') + (part.missing.length > 3 ? '等 ' + part.missing.length + ' 格' : '') + '未填或不是件数，相关句子未起草');
      if (part.in_error.length) notes.push(part.part + '：' + part.in_error.join('、') + '与表内勾稽关系不符，请先改正表格，相关句子未起草');
    });
    draft.sections[key] = text;
    draft.drafted = Object.assign({}, draft.drafted || {});
    draft.drafted[key] = record;
    const area = $('form-sheet').querySelector('textarea[data-section="' + key + '"]');
    if (area) { area.value = text; grow(area); }
    commit('sections.' + key);
    const written = record.reduce(function (n, r) { return n + r.sentences.length; }, 0);
    say((written ? '已按表格数字写入 ' + written + ' 句，可直接修改；表格数字再改动时，引用它的句子会标出。' : '没有可起草的句子。') +
      (notes.length ? '（' + notes.join('；') + '。）' : ''), !written);
  }, fail);
}

// A drafted sentence still in its section whose quoted figures differ
// from the table now: each with the cells that changed.
function staleSentences(key) {
  const text = draft.sections[key] || '';
  const out = [];
  ((draft.drafted && draft.drafted[key]) || []).forEach(function (part) {
    part.sentences.forEach(function (sentence) {
      if (text.indexOf(sentence.text) < 0) return; // edited by the author: X1 still compares
      const changed = sentence.quotes.filter(function (q) {
        const now = draft.cells[q.cell];
        return now === undefined || now === '' || Number(now) !== Number(q.figure);
      });
      if (changed.length) out.push({ text: sentence.text, changed: changed });
    });
  });
  return out;
}

// Shows, under each prose box, the drafted sentences gone stale.
function markStale() {
  Object.keys(DRAFTABLE).forEach(function (key) {
    const box = $('form-sheet').querySelector('.stale-list[data-for="' + key + '"]');
    const area = $('form-sheet').querySelector('textarea[data-section="' + key + '"]');
    if (!box || !area) return;
    const stale = staleSentences(key);
    box.textContent = '';
    box.hidden = !stale.length;
    area.classList.toggle('has-stale', stale.length > 0);
    if (!stale.length) return;
    const head = document.createElement('p');
    head.className = 'stale-head';
    head.textContent = '⚠ 以下起草的句子引用的数字已改动，与表格不再一致：';
    box.appendChild(head);
    const list = document.createElement('ul');
    stale.forEach(function (s) {
      const li = document.createElement('li');
      li.className = 'stale-sentence';
      const q = document.createElement('q');
      q.textContent = s.text;
      li.appendChild(q);
      const why = document.createElement('span');
      why.className = 'stale-why';
      why.textContent = s.changed.map(function (c) {
        const now = draft.cells[c.cell];
        return placeOf(c.cell) + '：句中 ' + c.figure + '，表格现为 ' + (now === undefined || now === '' ? '空白' : now);
      }).join('；');
      li.appendChild(why);
      list.appendChild(li);
    });
    box.appendChild(list);
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'draft-sentences';
    again.dataset.for = key;
    again.textContent = '按表格重新起草';
    box.appendChild(again);
  });
}

// The saved draft and when it was saved: { draft, at } (at is 0 for a
// draft saved by an older version, which kept no time).
function readStore() {
  try {
    const text = localStorage.getItem(STORE);
    if (!text) return null;
    const d = JSON.parse(text);
    if (!d || !d.cells || !d.sections) return null;
    const at = typeof d.savedAt === 'number' ? d.savedAt : 0;
    delete d.savedAt;
    return { draft: d, at: at };
  } catch (e) {
    return null;
  }
}

// A time as the user reads it: 2026-12-02 14:03:05.
function when(ms) {
  const d = new Date(ms);
  const two = function (n) { return (n < 10 ? '0' : '') + n; };
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' +
    two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
}

// Saves the draft; when the browser refuses, says why (storage full, or
// disabled) and which version a reload would bring back.
function writeStore() {
  const saved = $('form-saved');
  try {
    const at = Date.now();
    localStorage.setItem(STORE, JSON.stringify(Object.assign({}, draft, { savedAt: at })));
    savedAt = at;
    saved.textContent = '草稿已自动保存在本浏览器中（' + when(at).slice(11) + '）';
    saved.classList.remove('warn');
  } catch (e) {
    const full = e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22);
    const why = full ? '浏览器存储空间已满，最近的修改没有保存' : '浏览器禁止了本地存储，修改没有保存';
    const kept = savedAt ? '；刷新页面将恢复 ' + when(savedAt) + ' 保存的较早版本' : '';
    saved.textContent = '无法保存草稿：' + why + kept + '。请及时下载草稿' + (full ? '，或清理浏览器存储后继续' : '') + '。';
    saved.classList.add('warn');
  }
}

function say(text, warn) {
  const el = $('form-status');
  el.textContent = text;
  el.classList.toggle('warn', !!warn);
}
