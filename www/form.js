// The form view: the report typed into the official tables, checked at
// every keystroke, saved in the browser as it is typed, with undo/redo.
//
// The draft holds every field as text (`draftOf` in src/wasm.rs); each
// change turns it into the canonical JSON and runs the same check as an
// uploaded file. The tables are the core's own HTML rendering with an
// input in each value cell, so the layout is exactly the official one.

import { renderFindings, save, addReport, currentFile, onReady } from './app.js';

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
  $('form-undo').addEventListener('click', undo);
  $('form-redo').addEventListener('click', redo);
  $('form-download').addEventListener('click', function () {
    save('年度报告草稿.json', draftJson(draft), 'application/json');
  });
  $('form-preview').addEventListener('click', function () {
    showView('check');
    addReport('在线填写的报告.json', new TextEncoder().encode(draftJson(draft)));
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

// Replaces the draft by a blank report, the example or a loaded file.
function startFrom(bytes, name, module, force) {
  if (!force && hasContent(draft) && !window.confirm('当前草稿中已有内容，确定用新的内容替换吗？（可用「撤销」恢复）')) return;
  engine.call(module || 'nianbao', 'draftOf', [bytes, name]).then(function (d) {
    draft = d;
    return build().then(function () {
      commit(null);
      say(bytes.length ? '已载入，可直接修改。' : '已新建空白草稿。');
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
  return engine.core('checkFile', [new TextEncoder().encode(draftJson(draft)), 'draft.json']).then(function (result) {
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
  draft = JSON.parse(history[position]);
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
  engine.core('checkFile', [new TextEncoder().encode(draftJson(draft)), 'draft.json']).then(apply, function (e) {
    say(e.message || String(e), true);
  });
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

// The canonical JSON of the draft: blank cells null, values as their text
// (exact: the core parses them, 万元 included).
export function draftJson(d) {
  const meta = { organ: d.organ, organ_kind: d.organ_kind || null, year: /^\d{4}$/.test(d.year) ? Number(d.year) : null };
  if (d.title) meta.title = d.title;
  if (d.published_on) meta.published_on = d.published_on;
  const sections = {};
  ['preamble', 'overview', 'problems', 'other'].concat(Object.keys(NOTES)).forEach(function (k) {
    const text = d.sections[k] || '';
    if (k === 'preamble' || NOTES[k]) { if (text) sections[k] = text; }
    else sections[k] = text ? text : null;
  });
  const root = { schema: SCHEMA, meta: meta, sections: sections };
  Object.keys(d.cells).forEach(function (address) {
    const parts = address.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      if (!node[parts[i]]) node[parts[i]] = {};
      node = node[parts[i]];
    }
    const v = d.cells[address];
    node[parts[parts.length - 1]] = v === '' ? null : v;
  });
  return JSON.stringify(root, null, 2) + '\n';
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
