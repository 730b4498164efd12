// End-to-end tests of the batch page (many reports at once) in headless
// Chromium. Run by scripts/test-web after the build, like page.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve, join, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SHOTS, usePage } from './harness.mjs';
import { firstCharPdf, selfDrawingFormPdf } from './hostile.mjs';

const { origin: ORIGIN, open } = usePage({ portBase: 19000, ready: '#batch-app[data-state="ready"]' });
const SINGLE_BATCH = resolve(ROOT, process.env.SINGLE_BATCH || 'dist/nianbao-batch.html');

// A small batch: the sample, a bureau's reports for two years (its 上年结转
// differs from last year's 结转下年度), the sample as a Word draft, and a file
// that is not a report.
const file = (path, name) => ({ name: name || path.split('/').pop(), mimeType: 'application/octet-stream', buffer: readFileSync(join(ROOT, path)) });
function batchFiles() {
  const last = JSON.parse(readFileSync(join(ROOT, 'tests/conformance/X4-fail/previous.json'), 'utf8'));
  last.meta.organ = '某市某某局';
  last.meta.organ_kind = 'department';
  return [
    file('tests/fixtures/hongsibao-2025.json'),
    file('tests/conformance/X4-fail/input.json', 'bureau-2025.json'),
    { name: 'bureau-2024.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(last)) },
    file('tests/conformance/S3-fail-altered-label/input.docx', 'draft.docx'),
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('会议纪要：今天天气很好。') },
  ];
}

async function load(page) {
  await page.click('#b-units-box summary');
  await page.fill('#b-units', '单位名称\n区财政局\n某某局\n红寺堡区人民政府\n');
  await page.setInputFiles('#b-files', batchFiles());
  await page.waitForSelector('body[data-batch-done="5"]', { timeout: 30000 });
}

async function downloaded(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await d.path());
}

test('a batch: statuses, unreadable files apart, pairing, coverage, charts', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  const counts = await page.locator('#b-counts').innerText();
  assert.match(counts, /有错误 3/);
  assert.match(counts, /无法读取 1/);
  // The unreadable file is listed apart with its reason, not in the table.
  assert.equal(await page.locator('#b-table tbody tr').count(), 4);
  assert.match(await page.locator('#b-unreadable').innerText(), /notes\.txt：.+/);
  // The bureau's two years are paired: X4 on this year's report.
  const bureau = page.locator('#b-table tbody tr', { hasText: 'bureau-2025.json' });
  assert.match(await bureau.innerText(), /✓/);
  // Coverage: 区财政局 missing, 某某局 matched to 某市某某局 by its name.
  const coverage = await page.locator('#b-coverage').innerText();
  assert.match(coverage, /2025 年度：已报送 \d+ 个单位；未报送 1 个：区财政局/);
  assert.match(coverage, /某某局 ↔ 某市某某局/);
  assert.ok(await page.locator('#b-charts svg').count() >= 1, 'charts drawn');
  // Coverage for the year under review only: bureau-2024 (loaded for the cross-year checks) does not list 2024's units as missing.
  assert.doesNotMatch(coverage, /2024 年度：/);
  assert.equal(await page.locator('#b-coverage-year').inputValue(), '2025');
  await page.screenshot({ path: join(SHOTS, 'batch-overview.png') });
  // Search and filter.
  await page.fill('#b-search', '红寺堡');
  assert.equal(await page.locator('#b-table tbody tr').count(), 2);
  await page.fill('#b-search', '');
  await page.selectOption('#b-status-filter', 'warnings');
  assert.equal(await page.locator('#b-table tbody tr').count(), 1);
  const count = (s) => page.locator(`#b-counts button[data-status="${s}"]`);
  assert.equal(await count('warnings').getAttribute('aria-pressed'), 'true');
  await page.selectOption('#b-status-filter', '');
  assert.equal(await count('warnings').getAttribute('aria-pressed'), 'false');
  // The count boxes filter by their status; pressed again, all are shown.
  await count('errors').click();
  assert.equal(await count('errors').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#b-status-filter').inputValue(), 'errors');
  assert.equal(await page.locator('#b-table tbody tr[data-status="errors"]').count(), 3);
  assert.equal(await page.locator('#b-table tbody tr').count(), 3);
  await count('warnings').click();
  assert.equal(await count('errors').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('#b-table tbody tr').count(), 1);
  await count('warnings').click();
  assert.equal(await page.locator('#b-table tbody tr').count(), 4);
  assert.equal(await page.locator('#b-counts [aria-pressed="true"]').count(), 0);
  assert.ok(await count('passed').isDisabled(), 'nothing to show: no passed report');
  // 无法读取 marks the list of unreadable files below the table.
  await count('unreadable').click();
  assert.equal(await count('unreadable').getAttribute('aria-pressed'), 'true');
  assert.ok(await page.locator('#b-unreadable.highlight').isVisible());
  await page.screenshot({ path: join(SHOTS, 'batch-unreadable.png') });
  await count('unreadable').click();
  assert.equal(await page.locator('#b-unreadable.highlight').count(), 0);
  // Click a row: its findings (X4 against last year) and history.
  await bureau.click();
  await page.waitForSelector('#b-detail:not([hidden]) .b-finding[data-rule="X4"]');
  // Each finding says where in Chinese; the cells' addresses are kept only
  // to find them in the preview.
  assert.doesNotMatch(await page.locator('#b-findings').innerText(), /requests\.|review_litigation\.|active\.|sections\./);
  const x4 = page.locator('#b-detail .b-finding[data-rule="X4"] .b-place');
  assert.equal(await x4.innerText(), '位置：表三「二、上年结转政府信息公开申请数量」行「自然人」列等 2 格');
  const cells = (await x4.getAttribute('data-cells')).split(' ');
  assert.ok(cells.includes('requests.carried_over.total'), cells.join(' '));
  await x4.click();
  assert.equal(await page.locator('#b-preview .nb-focus').getAttribute('data-cell'), cells[0]);
  assert.match(await page.locator('#b-history').innerText(), /2024 年\s+2025 年/);
  // Last year's report gives only 结转下年度: its other figures are a grey dash.
  const received = page.locator('#b-history tr', { hasText: '本年新收申请' }).locator('td');
  assert.deepEqual(await received.allInnerTexts(), ['—', '12']);
  assert.equal(await received.first().getAttribute('class'), 'num blank');
  assert.ok(await page.locator('#b-preview [data-cell="requests.carried_over.total"]').count() === 1);
  await page.screenshot({ path: join(SHOTS, 'batch-report.png') });
  for (const url of requests) assert.ok(url.startsWith(ORIGIN + '/'), url);
  assert.deepEqual(errors, []);
  await context.close();
});

// The full module comes in two builds, with and without WebAssembly SIMD
// (Chromium 91+); a browser without SIMD loads the MVP build, with the same glue.
test('a browser without WebAssembly SIMD checks the batch with the MVP build, to the same result', async () => {
  const results = [];
  for (const simd of [true, false]) {
    const noSimd = () => {
      const validate = WebAssembly.validate;
      // The SIMD probe (engine.js) is the only module with v128 (type 0x7b) results.
      WebAssembly.validate = (bytes) => (bytes.length < 64 && Array.from(bytes).includes(0x7b) ? false : validate(bytes));
    };
    const { page, context, requests, errors } = await open(ORIGIN + '/batch.html', simd ? undefined : noSimd);
    await load(page);
    const loaded = requests.filter((url) => /nianbao_office(_simd)?_wasm\.js/.test(url)).map((url) => url.split('/').pop());
    assert.deepEqual(loaded, [simd ? 'nianbao_office_simd_wasm.js' : 'nianbao_office_wasm.js']);
    assert.ok(page.workers().length >= 1, 'checked on Web Workers');
    results.push([await page.locator('#b-counts').innerText(), await page.locator('#b-table tbody').innerText()]);
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.deepEqual(results[1], results[0]);
});

test('review marks persist in the browser and go into the exports', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  await page.locator('#b-table tbody tr', { hasText: 'hongsibao-2025.json' }).click();
  const a4 = page.locator('#b-detail .b-finding[data-rule="A4"]');
  await a4.waitFor();
  assert.equal(await a4.locator('.b-place').innerText(), '位置：表四「行政复议」的「总计」等 5 格');
  assert.match(await page.locator('.b-review-progress').innerText(), /已确认 0 条/);
  await a4.locator('input[value="confirmed"]').check();
  assert.match(await page.locator('.b-review-progress').innerText(), /已确认 1 条，不采纳 0 条/);
  await a4.locator('input[type="text"]').fill('=请核对行政复议总计');
  await a4.locator('input[type="text"]').press('Enter');
  await a4.locator('input[type="text"]').blur();
  const csv = (await downloaded(page, '[data-export="findings-csv"]')).toString('utf8');
  assert.match(csv, /确认/);
  assert.match(csv, /'=请核对行政复议总计/, 'the note is written as text, not a formula');
  const xlsx = await downloaded(page, '[data-export="xlsx"]');
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  assert.match(await page.locator('#b-status').innerText(), /^已下载 批量检查结果\.xlsx/);
  // Every chart shown, one file each, and the status says which.
  const charts = [];
  page.on('download', (d) => charts.push(d));
  await page.click('#b-charts-download');
  // The batch's own chart is the share by rule: figures of unrelated organs
  // are not added up into a trend or a distribution (those are per organ,
  // or of the units selected for the aggregate, and say so).
  await page.locator('#b-status', { hasText: '已下载 批量检查-各规则问题占比.svg' }).waitFor();
  while (charts.length < 1) await page.waitForEvent('download');
  assert.deepEqual(charts.map((d) => d.suggestedFilename()), ['批量检查-各规则问题占比.svg']);
  for (const d of charts) assert.match(readFileSync(await d.path(), 'utf8'), /^<svg/);
  assert.equal(await page.locator('#b-charts button[data-chart]').count(), 1);
  const one = (await downloaded(page, '#b-charts button[data-chart="rule_chart"]')).toString('utf8');
  assert.match(one, /^<svg/);
  assert.equal(await page.locator('#b-status').innerText(), '已下载 批量检查-各规则问题占比.svg');
  const summary = (await downloaded(page, '[data-export="summary-csv"]')).toString('utf8');
  assert.match(summary, /无法读取/);
  // The list shows each report's review progress.
  const progressCell = page.locator('#b-table tbody tr', { hasText: 'hongsibao-2025.json' }).locator('td.b-progress');
  assert.match(await progressCell.innerText(), /已复核 1\/\d+/);
  // After a reload the mark is still there, and so are the list of units
  // and the loaded files (kept in IndexedDB), without loading them again.
  await page.reload();
  await page.waitForSelector('#batch-app[data-state="ready"]');
  assert.equal(await page.inputValue('#b-units'), '单位名称\n区财政局\n某某局\n红寺堡区人民政府\n');
  await page.waitForSelector('body[data-batch-done="5"]', { timeout: 30000 });
  assert.match(await page.locator('#b-status').innerText(), /已恢复上次载入的 5 个文件/);
  assert.equal(await page.locator('#b-table tbody tr').count(), 4);
  assert.match(await progressCell.innerText(), /已复核 1\/\d+/);
  await page.screenshot({ path: join(SHOTS, 'batch-restored.png') });
  // Loading them again adds nothing.
  await page.setInputFiles('#b-files', batchFiles());
  await page.locator('#b-status', { hasText: '都已载入' }).waitFor();
  await page.locator('#b-table tbody tr', { hasText: 'hongsibao-2025.json' }).click();
  await page.locator('#b-detail .b-finding[data-rule="A4"][data-mark="confirmed"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('aggregation sums the selection and compares a report stating the totals', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  await page.selectOption('#b-year', '2025');
  await page.click('#b-select-all');
  const stated = await page.locator('#b-stated option', { hasText: '红寺堡区人民政府' }).first().getAttribute('value');
  await page.selectOption('#b-stated', stated);
  await page.fill('#b-organ', '全区');
  await page.click('#b-aggregate');
  await page.waitForSelector('#b-aggregate-box:not([hidden]) #b-aggregate-preview [data-cell]');
  assert.match(await page.locator('#b-aggregate-meta').innerText(), /^2025 年度，由 2 份报告逐格相加/);
  assert.match(await page.locator('#b-aggregate-title').innerText(), /2025 年度/);
  assert.ok(await page.locator('#b-differences tr[data-cell]').count() > 0, 'differences listed cell by cell');
  for (const office of ['docx', 'xlsx']) {
    const bytes = await downloaded(page, `[data-aggregate-export="${office}"]`);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', office);
  }
  const json = JSON.parse((await downloaded(page, '[data-aggregate-export="json"]')).toString('utf8'));
  assert.equal(json.meta.organ, '全区');
  assert.equal(json.meta.year, 2025);
  await page.screenshot({ path: join(SHOTS, 'batch-aggregate.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the selection: counted with the rows the filters hide, toggled, never of mixed years', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  const selectedText = () => page.locator('#b-selected').innerText();
  assert.equal(await selectedText(), '未选择报告');
  await page.click('#b-aggregate');
  assert.match(await page.locator('#b-status').innerText(), /请先在表格中勾选/);
  // 2025 selected, then only 2024 shown: the three selected are hidden.
  await page.selectOption('#b-year', '2025');
  await page.click('#b-select-all');
  assert.equal(await selectedText(), '已选 3 份');
  assert.equal(await page.locator('#b-select-all').innerText(), '取消全部勾选');
  await page.selectOption('#b-year', '2024');
  assert.equal(await selectedText(), '已选 3 份（其中 3 份不在当前筛选结果中）');
  assert.equal(await page.locator('#b-select-all').innerText(), '全选当前列表');
  await page.locator('#b-table tbody input[type="checkbox"]').check();
  assert.equal(await selectedText(), '已选 4 份（其中 3 份不在当前筛选结果中）');
  // Two years: refused, naming them.
  await page.click('#b-aggregate');
  const refusal = page.locator('#b-status.error');
  assert.match(await refusal.innerText(), /不同年度（2024 年度、2025 年度）/);
  // Said by the button too (the status line is out of sight up the page).
  assert.equal(await page.locator('#b-aggregate-note').innerText(), await refusal.innerText());
  assert.ok(await page.locator('#b-aggregate-box').isHidden());
  // The toggle clears every mark, hidden ones too (and the refusal).
  await page.click('#b-select-all');
  assert.equal(await selectedText(), '未选择报告');
  assert.equal(await page.locator('#b-status.error').count(), 0);
  assert.ok(await page.locator('#b-aggregate-note').isHidden());
  assert.equal(await page.locator('#b-table tbody input:checked').count(), 0);
  // One year: aggregated, and an error left from before (a bad threshold) is gone.
  await page.selectOption('#b-year', '2025');
  await page.click('#b-select-all');
  await page.fill('#b-threshold', '0');
  await page.locator('#b-threshold').dispatchEvent('change');
  assert.equal(await page.locator('#b-status.error').count(), 1);
  await page.click('#b-aggregate');
  await page.waitForSelector('#b-aggregate-box:not([hidden]) #b-aggregate-preview [data-cell]');
  assert.match(await page.locator('#b-aggregate-meta').innerText(), /^2025 年度，由 3 份报告逐格相加/);
  assert.equal(await page.locator('#b-status.error').count(), 0);
  assert.equal(await page.locator('#b-status').innerText(), '已汇总 3 份报告（2025 年度）。');
  assert.ok(await page.locator('#b-aggregate-note').isHidden());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file loaded again is skipped, not added twice; 清空 starts over', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  const rows = page.locator('#b-table tbody tr');
  // The batch again with one new file: only that one is added.
  await page.setInputFiles('#b-files', [...batchFiles(), file('tests/fixtures/hongsibao-2025.json', 'hongsibao-copy.json')]);
  await page.waitForSelector('body[data-batch-done="6"]', { timeout: 30000 });
  assert.match(await page.locator('#b-status').innerText(), /已跳过 5 个已载入的文件（同名且内容相同）：hongsibao-2025\.json、bureau-2025\.json、bureau-2024\.json 等。/);
  assert.equal(await rows.count(), 5);
  // Nothing new: nothing added, and the page says so.
  await page.setInputFiles('#b-files', batchFiles());
  await page.locator('#b-status', { hasText: '这 5 个文件都已载入（同名且内容相同），没有重复添加' }).waitFor();
  assert.equal(await rows.count(), 5);
  assert.match(await page.locator('#b-counts').innerText(), /无法读取 1/);
  // 清空: back to an empty page; the same files load afresh.
  await page.click('#b-counts button[data-status="unreadable"]');
  await page.click('#b-clear');
  assert.ok(await page.locator('#b-table-box').isHidden());
  assert.ok(await page.locator('#b-overview').isHidden());
  assert.ok(await page.locator('#b-clear').isDisabled());
  assert.match(await page.locator('#b-status').innerText(), /已清空/);
  await page.setInputFiles('#b-files', batchFiles());
  await page.waitForSelector('body[data-batch-done="5"]', { timeout: 30000 });
  assert.equal(await rows.count(), 4);
  assert.doesNotMatch(await page.locator('#b-status').innerText(), /跳过/);
  assert.equal(await page.locator('#b-counts [aria-pressed="true"]').count(), 0);
  assert.equal(await page.locator('#b-unreadable li').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('search by several words, names in pinyin order, the threshold checked', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  const rows = page.locator('#b-table tbody tr[data-index]');
  // Every word must match, in the organ's name or the file's.
  await page.fill('#b-search', '红寺堡 draft');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /draft\.docx/);
  await page.fill('#b-search', '某某局　2024'); // an ideographic space too
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /bureau-2024\.json/);
  await page.fill('#b-search', '红寺堡 bureau');
  assert.equal(await rows.count(), 0);
  assert.equal(await page.locator('#b-table tbody').innerText(), '没有符合筛选条件的报告。');
  await page.fill('#b-search', '');
  // 机关 sorted by pinyin: 红 (hóng) before 某 (mǒu), though 某 U+67D0 < 红 U+7EA2.
  const organs = async () => (await page.locator('#b-table tbody tr td:nth-child(2)').allInnerTexts());
  await page.click('#b-table th button:text("机关")');
  assert.deepEqual(await organs(), ['红寺堡区人民政府', '红寺堡区人民政府', '某市某某局', '某市某某局']);
  await page.click('#b-table th button:text("机关")');
  assert.deepEqual(await organs(), ['某市某某局', '某市某某局', '红寺堡区人民政府', '红寺堡区人民政府']);
  // The threshold: a whole number 1–100, else the one in force stays.
  for (const bad of ['0', '101', '2.5', '']) {
    await page.fill('#b-threshold', bad);
    await page.locator('#b-threshold').dispatchEvent('change');
    assert.equal(await page.inputValue('#b-threshold'), '50', bad);
    assert.equal(await page.locator('#b-status.error').innerText(), '雷同阈值应为 1 到 100 之间的整数，仍按 50% 检查。');
  }
  await page.fill('#b-threshold', '30');
  await page.locator('#b-threshold').dispatchEvent('change');
  await page.locator('#b-status:not(.error)', { hasText: '已检查 5 份报告' }).waitFor();
  // Checked again from the same files: the workers were handed copies, the
  // page's files are whole (only the one that is not a report is unreadable).
  assert.match(await page.locator('#b-counts').innerText(), /无法读取 1/);
  await page.fill('#b-threshold', '-3');
  await page.locator('#b-threshold').dispatchEvent('change');
  assert.equal(await page.inputValue('#b-threshold'), '30');
  assert.match(await page.locator('#b-status.error').innerText(), /仍按 30% 检查/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when no file can be read, the page says so (no rows to click)', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await page.setInputFiles('#b-files', [
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('会议纪要：今天天气很好。') },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"meta": ') },
  ]);
  await page.waitForSelector('body[data-batch-done="2"]', { timeout: 30000 });
  assert.equal(await page.locator('#b-status.error').innerText(), '这 2 个文件都无法读取为年度报告，原因见表格下方“无法读取的文件”。');
  assert.equal(await page.locator('#b-table tbody').innerText(), '没有能读取的报告。');
  assert.match(await page.locator('#b-unreadable').innerText(), /broken\.json：/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile PDFs in a batch: each is listed as unreadable with its reason, the good report is checked (#14 item 9)', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  const pdf = (name, buffer) => ({ name, mimeType: 'application/pdf', buffer });
  await page.setInputFiles('#b-files', [
    pdf('firstchar.pdf', firstCharPdf()),
    file('tests/fixtures/hongsibao-2025.json'),
    pdf('self-drawing-form.pdf', selfDrawingFormPdf()),
  ]);
  await page.waitForSelector('body[data-batch-done="3"]', { timeout: 60000 });
  // Not “批量检查失败”: the batch finished, with the good report's row.
  assert.doesNotMatch(await page.locator('#b-status').innerText(), /失败/);
  const rows = page.locator('#b-table tbody tr');
  assert.equal(await rows.count(), 1);
  const row = await rows.first().innerText();
  assert.match(row, /红寺堡区人民政府/);
  assert.match(row, /hongsibao-2025\.json/);
  assert.equal(await rows.first().getAttribute('data-status'), 'errors');
  assert.match(await page.locator('#b-counts').innerText(), /无法读取 2/);
  // Each bad file is named with a reason in Chinese, not an engine error.
  const unreadable = await page.locator('#b-unreadable').innerText();
  assert.match(unreadable, /firstchar\.pdf：[^\n]*[\u4e00-\u9fff]/);
  assert.match(unreadable, /self-drawing-form\.pdf：[^\n]*[\u4e00-\u9fff]/);
  assert.doesNotMatch(unreadable, /unreachable|out of bounds|RuntimeError|panicked/i);
  await page.screenshot({ path: join(SHOTS, 'batch-hostile-pdfs.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('two reports of one organ and year are pointed out; a short name fitting two reports is not taken as reported', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  const sample = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/hongsibao-2025.json'), 'utf8'));
  const as = (name, organ) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(Object.assign({}, sample, { meta: Object.assign({}, sample.meta, { organ, organ_kind: 'department' }) }))) });
  await page.click('#b-units-box summary');
  await page.fill('#b-units', '区统计局\n利通区财政局\n');
  await page.setInputFiles('#b-files', [
    as('first.json', '利通区财政局'),
    as('revised.json', '利通区财政局'),
    as('a.json', '利通区统计局'),
    as('b.json', '红寺堡区统计局'),
  ]);
  await page.waitForSelector('body[data-batch-done="4"]', { timeout: 30000 });
  assert.match(await page.locator('#b-duplicates').innerText(), /利通区财政局 2025 年度：first\.json、revised\.json/);
  const coverage = await page.locator('#b-coverage').innerText();
  assert.match(coverage, /未报送 1 个：区统计局/);
  assert.match(coverage, /区统计局 可能是 利通区统计局、红寺堡区统计局/);
  await page.screenshot({ path: join(SHOTS, 'batch-duplicates.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

// The summary CSV as comparable rows: file names without their folder.
function summaryRows(csv) {
  const rows = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
  return rows
    .map((line) => line.split(',').map((cell, i) => (i === 0 || i === 8) && cell ? basename(cell) : cell))
    .sort((a, b) => a[0].localeCompare(b[0]));
}

// `nianbao check DIR --units LIST --json`'s coverage of these files.
function cliCoverage(files, units) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-coverage-'));
  const list = join(mkdtempSync(join(tmpdir(), 'nianbao-units-')), 'units.txt');
  for (const f of files) writeFileSync(join(dir, f.name), f.buffer);
  writeFileSync(list, units);
  let out;
  try {
    out = execFileSync('cargo', ['run', '--quiet', '--bin', 'nianbao', '--', 'check', '--json', dir, '--units', list], { cwd: ROOT, encoding: 'utf8' });
  } catch (e) {
    assert.equal(e.status, 1, 'exit 1: a report with errors');
    out = e.stdout;
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(resolve(list, '..'), { recursive: true, force: true });
  return JSON.parse(out).coverage;
}

test('the page and the CLI give the same summary of the same batch', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  const fromPage = (await downloaded(page, '[data-export="summary-csv"]')).toString('utf8');
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-'));
  for (const f of batchFiles()) writeFileSync(join(dir, f.name), f.buffer);
  const csv = join(dir, 'summary.out');
  try {
    execFileSync('cargo', ['run', '--quiet', '--bin', 'nianbao', '--', 'check', dir, '--summary-csv', csv], { cwd: ROOT, stdio: 'ignore' });
  } catch (e) {
    assert.equal(e.status, 1, 'exit 1: errors, and one file is not a report (the others checked)');
  }
  const fromCli = readFileSync(csv, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  assert.equal(summaryRows(fromPage).length, 5);
  assert.deepEqual(summaryRows(fromPage), summaryRows(fromCli));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offline batch file works from file://', async () => {
  const { page, context, requests, errors } = await open(pathToFileURL(SINGLE_BATCH).href);
  await load(page);
  assert.match(await page.locator('#b-counts').innerText(), /有错误 3/);
  for (const url of requests) assert.ok(url.startsWith('file://') || url.startsWith('blob:') || url.startsWith('data:'), url);
  assert.deepEqual(errors, []);
  await context.close();
});

// Issue 14 items 12, 13, 14: reports of two units handed in under the same
// file names. A/2024 and A/2025, then B/2024 and B/2025, each dropped on
// its own (no folder paths): B 2025 is checked against B's 2024, not A's
// (no phantom X4); a mark on A's 年报 stays A's; a corrected file of the
// same name and size is taken, not skipped.
function unit(organ, carried) {
  const now = JSON.parse(readFileSync(join(ROOT, 'tests/conformance/X4-pass/input.json'), 'utf8'));
  const last = JSON.parse(readFileSync(join(ROOT, 'tests/conformance/X4-pass/previous.json'), 'utf8'));
  now.meta.organ = organ;
  last.meta = { organ, organ_kind: 'department', year: 2024 };
  for (const c of ['natural_person', 'total']) {
    now.requests.carried_over[c] = carried;
    last.requests.carried_forward[c] = carried;
  }
  const json = (o) => ({ name: 'x', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(o)) });
  return { y2024: { ...json(last), name: '2024.json' }, y2025: { ...json(now), name: '2025.json' } };
}

test('units handing in files of the same names: pairing, marks and reloads keep them apart', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  const a = unit('某市甲局', 3);
  const b = unit('某市乙局', 7);
  await page.setInputFiles('#b-files', [a.y2024]);
  await page.waitForSelector('body[data-batch-done="1"]', { timeout: 30000 });
  await page.setInputFiles('#b-files', [a.y2025]);
  await page.waitForSelector('body[data-batch-done="2"]', { timeout: 30000 });
  await page.setInputFiles('#b-files', [b.y2024]);
  await page.waitForSelector('body[data-batch-done="3"]', { timeout: 30000 });
  await page.setInputFiles('#b-files', [b.y2025]);
  await page.waitForSelector('body[data-batch-done="4"]', { timeout: 30000 });
  const row = (organ, year) => page.locator('#b-table tbody tr', { hasText: organ }).filter({ hasText: String(year) });
  // B 2025: paired with B 2024, so no X4 (A's 2024 would say 3 ≠ 7).
  await row('某市乙局', 2025).click();
  await page.locator('#b-detail-title', { hasText: '某市乙局 2025' }).waitFor();
  assert.match(await page.locator('#b-detail-meta').innerText(), /已与上年报告（2024\.json）核对/);
  assert.equal(await page.locator('#b-detail .b-finding[data-rule="X4"]').count(), 0, 'no phantom X4 from the other unit');
  // A mark on A 2025's finding is not B 2025's.
  await row('某市甲局', 2025).click();
  await page.locator('#b-detail-title', { hasText: '某市甲局 2025' }).waitFor();
  const first = page.locator('#b-detail .b-finding').first();
  const rule = await first.getAttribute('data-rule');
  await first.locator('input[value="dismissed"]').check();
  await first.locator('input[type="text"]').fill('甲局的复核意见');
  await first.locator('input[type="text"]').press('Enter');
  await row('某市乙局', 2025).click();
  await page.locator('#b-detail-title', { hasText: '某市乙局 2025' }).waitFor();
  const same = page.locator(`#b-detail .b-finding[data-rule="${rule}"]`).first();
  assert.equal(await same.getAttribute('data-mark'), '', 'B has no mark of A');
  const csv = (await downloaded(page, '[data-export="findings-csv"]')).toString('utf8');
  assert.equal(csv.split('甲局的复核意见').length - 1, 1, 'the note goes out once, with A');
  // A corrected B 2025 (same name, same size, one figure changed) is taken.
  const corrected = JSON.parse(b.y2025.buffer.toString());
  const v = corrected.requests.new_received.natural_person;
  corrected.requests.new_received.natural_person = v % 10 === 9 ? v - 1 : v + 1; // as many digits
  const buffer = Buffer.from(JSON.stringify(corrected));
  assert.equal(buffer.length, b.y2025.buffer.length);
  await page.setInputFiles('#b-files', [{ ...b.y2025, buffer }]);
  await page.waitForSelector('body[data-batch-done="5"]', { timeout: 30000 });
  assert.doesNotMatch(await page.locator('#b-status').innerText(), /跳过/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('issue 15: short names are known, a value the sum leaves out is named, charts say whose figures', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  const base = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/hongsibao-2025.json'), 'utf8'));
  const report = (organ, year, change) => {
    const r = JSON.parse(JSON.stringify(base));
    r.meta.organ = organ;
    r.meta.organ_kind = 'department';
    r.meta.year = year;
    delete r.meta.title;
    if (change) change(r);
    return { name: organ + '-' + year + '.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(r)) };
  };
  await page.click('#b-units-box summary');
  const units = '县卫健委\n平潭综合实验区管委会\n县发改委\n';
  await page.fill('#b-units', units);
  const files = [
    report('青山县卫生健康委员会', 2025, (r) => { r.active.fees = '12.5万元'; }),
    report('平潭综合实验区', 2025),
    report('青山县卫生健康委员会', 2023),
  ];
  await page.setInputFiles('#b-files', files);
  await page.waitForSelector('body[data-batch-done="3"]', { timeout: 30000 });
  // Coverage of the year under review, with the short names understood.
  const coverage = await page.locator('#b-coverage').innerText();
  assert.match(coverage, /2025 年度：已报送 2 个单位；未报送 1 个：县发改委/);
  assert.doesNotMatch(coverage, /2023 年度：/);
  // The CLI on the same files and list reports the same year, the same way.
  const cli = cliCoverage(files, units);
  assert.deepEqual(cli.map((y) => [y.year, y.found.length, y.missing]), [[2025, 2, ['县发改委']]]);
  // The organ's own history: 2024 has no report, and no line is drawn through it.
  await page.locator('#b-table tbody tr', { hasText: '青山县卫生健康委员会-2025.json' }).click();
  const history = page.locator('#b-detail svg');
  await history.first().waitFor();
  assert.match(await page.locator('#b-detail').innerHTML(), /青山县卫生健康委员会：申请与复议、诉讼的年度变化/);
  assert.match(await page.locator('#b-detail').innerHTML(), /无报告/);
  // The fee written as text is not shown as 0 in the organ's history.
  assert.doesNotMatch(await page.locator('#b-history tr', { hasText: '行政事业性收费' }).innerText(), /-1271/);
  await page.locator('#b-history').screenshot({ path: join(SHOTS, 'batch-issue15-history.png') });
  await page.locator('#b-coverage').screenshot({ path: join(SHOTS, 'batch-issue15-coverage.png') });
  // The sum names the value it could not add, and says it is incomplete.
  await page.selectOption('#b-year', '2025');
  await page.click('#b-select-all');
  await page.click('#b-aggregate');
  await page.waitForSelector('#b-aggregate-box:not([hidden]) #b-aggregate-preview [data-cell]');
  assert.match(await page.locator('#b-aggregate-title').innerText(), /不完整/);
  assert.match(await page.locator('#b-left-out').innerText(), /青山县卫生健康委员会：表二「行政事业性收费」.*填写的是“12\.5万元”/);
  assert.match(await page.locator('#b-aggregate-preview').innerText(), /汇总不完整/);
  assert.match(await page.locator('#b-aggregate-chart').innerHTML(), /2025 年度，所选 2 份报告汇总/);
  const top = await page.locator('#b-aggregate-title').boundingBox();
  await page.locator('#b-aggregate-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'batch-issue15-aggregate.png') });
  await page.locator('#b-aggregate-chart').screenshot({ path: join(SHOTS, 'batch-issue15-results-chart.png') });
  assert.ok(top);
  assert.deepEqual(errors, []);
  await context.close();
});

// Issue 20: a batch of many files is checked on Web Workers (one wasm
// instance each) with a progress bar while the page still answers input,
// and gives what the CLI gives for the same files (the core in one pass).
test('many files: checked on Web Workers with a progress bar, the page answering, as the CLI checks them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-many-'));
  const count = 1500;
  const cli = (args) => spawnSync('cargo', ['run', '--quiet', '--bin', 'nianbao', '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  cli(['bench', '--write', dir, String(count), '--years', '5']);
  const lines = cli(['check', '--jsonl', dir]).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const expected = lines.filter((l) => l.source);
  assert.equal(expected.length, count);
  const files = readdirSync(dir).sort().map((f) => join(dir, f));
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await page.evaluate(() => {
    const bar = document.getElementById('b-progress');
    window.seenProgress = [];
    new MutationObserver(() => { if (!bar.hidden) window.seenProgress.push(Number(bar.value)); }).observe(bar, { attributes: true });
    document.getElementById('b-units').addEventListener('input', () => {
      window.typedDuringCheck = !document.body.dataset.batchDone && !bar.hidden;
    });
  });
  await page.click('#b-units-box summary');
  // A slower machine, as an office PC is: on this one the check is over
  // within two or three redraws of the bar (at most ten a second).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.setInputFiles('#b-files', files);
  await page.waitForFunction(() => Number(document.getElementById('b-progress').value) > 0, null, { timeout: 60000 });
  // The page answers while the workers check: typing reaches the list of units.
  await page.fill('#b-units', '红寺堡区人民政府');
  await page.screenshot({ path: join(SHOTS, 'batch-progress.png') });
  await page.waitForSelector(`body[data-batch-done="${count}"]`, { timeout: 300000 });
  assert.equal(await page.evaluate(() => window.typedDuringCheck), true, 'input handled during the check');
  assert.ok(page.workers().length >= 1, 'checked on Web Workers');
  const seen = await page.evaluate(() => window.seenProgress);
  // Shown part-way: a value between none and all (files read and checked).
  assert.ok(seen.some((v) => v > 0 && v < 2 * count), `the bar moved: ${seen.join(' ')}`);
  assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]), 'the bar never goes back');
  assert.equal(await page.locator('#b-progress').isHidden(), true, 'the bar goes when done');
  // Every row, page by page (500 a page).
  const rows = [];
  for (;;) {
    rows.push(...await page.evaluate(() => Array.from(document.querySelectorAll('#b-table tbody tr'), (tr) =>
      [Number(tr.dataset.index), ...Array.from(tr.cells, (td) => td.textContent)])));
    if (await page.locator('#b-page-next').isDisabled()) break;
    await page.click('#b-page-next');
  }
  assert.equal(rows.length, count);
  assert.equal(new Set(rows.map((r) => r[0])).size, count);
  for (const [index, , , , , , errorsCell, warningsCell, previousCell, , source] of rows) {
    const line = expected[index];
    assert.equal(source, basename(line.source), `row ${index}`);
    assert.equal(errorsCell, String(line.counts.error), `${source}: errors`);
    assert.equal(warningsCell, String(line.counts.warning), `${source}: warnings`);
    assert.equal(previousCell.startsWith('✓'), Boolean(line.previous), `${source}: paired`);
  }
  const statuses = lines[lines.length - 1].statuses;
  const counts = await page.locator('#b-counts').innerText();
  for (const [label, key] of [['有错误', 'errors'], ['有警告', 'warnings'], ['通过', 'passed']]) {
    assert.match(counts, new RegExp(`${label} ${statuses[key] || 0}(?!\\d)`));
  }
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(errors, []);
  await context.close();
});

// 10,000 rows laid out at once held the page for seconds: the table shows
// 500 rows a page, with the filters and sorting over all of them.
test('a large batch: the table shows 500 rows a page, filters and sorting cover every page', async () => {
  const { page, errors } = await open(ORIGIN + '/batch.html');
  const base = JSON.parse(readFileSync(join(ROOT, 'tests/conformance/X4-pass/input.json'), 'utf8'));
  const files = Array.from({ length: 501 }, (_, i) => {
    const r = structuredClone(base);
    r.meta.organ = '某县第' + String(i + 1).padStart(3, '0') + '局';
    return { name: `r${i}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(r)) };
  });
  await page.setInputFiles('#b-files', files);
  await page.waitForSelector('body[data-batch-done="501"]', { timeout: 120000 });
  const rows = page.locator('#b-table tbody tr');
  assert.equal(await rows.count(), 500);
  assert.equal(await page.locator('#b-pages').isVisible(), true);
  assert.match(await page.locator('#b-page').innerText(), /第 1 \/ 2 页/);
  assert.equal(await page.locator('#b-page-prev').isDisabled(), true);
  await page.click('#b-page-next');
  assert.equal(await rows.count(), 1);
  assert.match(await page.locator('#b-page').innerText(), /第 2 \/ 2 页/);
  assert.equal(await page.locator('#b-page-next').isDisabled(), true);
  // A filter starts again from the first page, over every report.
  await page.fill('#b-search', '第501局');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /某县第501局/);
  assert.equal(await page.locator('#b-pages').isVisible(), false);
  await page.fill('#b-search', '');
  assert.equal(await rows.count(), 500);
  // Sorting covers every page: descending by organ, 第501局 comes first.
  const organ = page.locator('#b-table th', { hasText: '机关' });
  for (let i = 0; i < 2 && (await organ.getAttribute('aria-sort')) !== 'descending'; i++) await organ.locator('button').click();
  assert.equal(await organ.getAttribute('aria-sort'), 'descending');
  assert.match(await rows.first().innerText(), /某县第501局/);
  await page.screenshot({ path: join(SHOTS, 'batch-pages.png'), fullPage: false });
  assert.deepEqual(errors, []);
});

// The batch page's module as its Web Workers run it (glance, plan, check in
// shares), here in node, with the SIMD build the page loads where the
// browser has SIMD (its word lists are searched by its own Teddy): every
// finding — rule, severity, message, cells — is the CLI's, on generated
// reports over five years (copied prose, paired years), generated reports
// in every format, and the real reports and conformance cases of tests/.
test('the SIMD module, run as the workers run it, finds what the CLI finds', async () => {
  const glue = await import(pathToFileURL(join(ROOT, 'www/pkg/nianbao_office.js')).href);
  const simd = (await import(pathToFileURL(join(ROOT, 'www/pkg/nianbao_office_simd_wasm.js')).href)).default;
  await glue.default({ module_or_path: await WebAssembly.compile(Buffer.from(simd, 'base64')) });
  const cli = (args) => spawnSync('cargo', ['run', '--quiet', '--bin', 'nianbao', '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const generated = mkdtempSync(join(tmpdir(), 'nianbao-simd-'));
  cli(['bench', '--write', join(generated, 'years'), '400', '--years', '5']);
  cli(['bench', '--write', join(generated, 'mixed'), '120', '--mixed']);
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const SHARE = 100;
  for (const dir of [join(generated, 'years'), join(generated, 'mixed'), join(ROOT, 'tests/corpus'), join(ROOT, 'tests/conformance')]) {
    const names = walk(dir).filter((f) => !f.endsWith('.md') || !basename(f).startsWith('README'));
    const files = names.map((f) => new Uint8Array(readFileSync(f)));
    const pack = (arrays) => {
      const bytes = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
      let at = 0;
      return { bytes, lengths: arrays.map((a) => { bytes.set(a, at); at += a.length; return a.length; }) };
    };
    const shares = [];
    for (let start = 0; start < files.length; start += SHARE) shares.push(names.slice(start, start + SHARE).map((_, k) => start + k));
    const glances = shares.map((s) => { const p = pack(s.map((i) => files[i])); return glue.batchGlance(s.map((i) => names[i]), p.bytes, p.lengths); });
    const plan = glue.batchPlan(glances, SHARE);
    const page = new Map();
    shares.forEach((s, n) => {
      const outside = s.map((i) => { const p = plan.previous[i]; return p === null || p === undefined || s.includes(p) ? null : p; });
      const these = pack(s.map((i) => files[i]));
      const last = pack(outside.map((p) => (p === null ? new Uint8Array(0) : files[p])));
      const share = glue.batchCheckShare(plan.shares[n], s, s.map((i) => names[i]), these.bytes, these.lengths,
        outside.map((p) => (p === null ? '' : names[p])), last.bytes, last.lengths, 50);
      for (const r of JSON.parse(share[0]).reports) page.set(r.source, r);
    });
    const lines = cli(['check', '--jsonl', '--threshold', '50', ...names]).stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.source);
    assert.equal(lines.length, names.length, dir);
    for (const line of lines) {
      const mine = page.get(line.source);
      assert.ok(mine, line.source);
      assert.deepEqual([mine.status, mine.previous, mine.findings], [line.status, line.previous, line.findings], line.source);
    }
  }
  rmSync(generated, { recursive: true, force: true });
});
