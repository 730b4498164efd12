// 对照 on the page (served and offline single file): two years of one organ
// loaded together give 「与上年对照」 on either report, the view replaces the
// preview with both values and the change in each cell and last year's
// sentences in grey, prints on A4, downloads as Word and HTML; two versions
// of one year's report give 「版本对照」 with every changed cell listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SINGLE, SHOTS, SAMPLE, usePage } from './harness.mjs';

const SINGLE_BATCH = resolve(ROOT, process.env.SINGLE_BATCH || 'dist/nianbao-batch.html');

const { origin: ORIGIN, open } = usePage({ portBase: 24000, ready: '#app[data-state="ready"]' });

// Same organ, consecutive years, the same name: paired on loading.
const PINGTAN = ['tests/corpus/pingtan-2020.html', 'tests/corpus/pingtan-2021.html'].map((p) => join(ROOT, p));
// Named 洪泽区人民政府 and 淮安市洪泽区人民政府: the batch pairs them.
const HONGZE = ['tests/corpus/hongze-2023.pdf', 'tests/corpus/hongze-2024.pdf'].map((p) => join(ROOT, p));
const CORRECTED = join(ROOT, 'tests/fixtures/hongsibao-2025-corrected.json');

async function load(page, paths) {
  await page.setInputFiles('#file', paths);
  await page.waitForSelector('#app[data-state="checked"]');
}

async function showView(page, label) {
  await page.waitForSelector('#compare-toggle:not([hidden])');
  assert.equal((await page.textContent('#compare-toggle')).trim(), label);
  await page.click('#compare-toggle');
  await page.waitForSelector('#compare-view .nb-cmp');
}

async function downloadOf(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

function pages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

test('two years of one organ: 与上年对照 on either report, printable, downloads', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/');
  await load(page, PINGTAN);
  await showView(page, '与上年对照');
  assert.ok(await page.locator('#preview').isHidden());
  const view = page.locator('#compare-view');
  assert.match(await view.textContent(), /2020 年（上年）/);
  // 新收申请 21 → 70: both values and the change, the cell marked.
  const received = view.locator('td[data-cell="requests.new_received.total"]');
  assert.equal(await received.getAttribute('data-changed'), 'true');
  assert.equal(await received.locator('.nb-cmp-b').textContent(), '70');
  assert.equal(await received.locator('.nb-cmp-a').textContent(), '21');
  assert.equal(await received.locator('.nb-cmp-d').textContent(), '+49');
  // 2020's 表二 was left blank: blank, not 0, and no change.
  const licensing = view.locator('td[data-cell="active.licensing"]');
  assert.equal(await licensing.locator('.nb-cmp-a').textContent(), '—');
  assert.equal(await licensing.locator('.nb-cmp-d').textContent(), '');
  assert.ok(await view.locator('.nb-cmp-same').count() > 0, 'sentences repeated from last year are marked');
  await page.screenshot({ path: join(SHOTS, 'compare-1-years.png'), fullPage: true });

  // Printed on A4: the view alone.
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(SHOTS, 'compare-2-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.ok(pages(pdf) >= 2 && pages(pdf) <= 6, `printed on ${pages(pdf)} A4 pages`);
  await page.emulateMedia({ media: 'screen' });

  const word = await downloadOf(page, '#compare-docx');
  assert.match(word.name, /与上年对照\.docx$/);
  assert.equal(word.bytes.subarray(0, 2).toString(), 'PK');
  writeFileSync(join(SHOTS, 'compare-years.docx'), word.bytes); // to look at in LibreOffice
  const html = await downloadOf(page, '#compare-html');
  assert.match(html.bytes.toString('utf8'), /class="nb-cmp" data-mode="year_over_year"/);

  // Back, then the other year's report: the same button, the same view.
  await page.click('#compare-toggle');
  assert.ok(await page.locator('#compare-view').isHidden());
  assert.ok(await page.locator('#preview').isVisible());
  await page.click('#files .file-tab:nth-child(2)');
  await showView(page, '与上年对照');
  assert.match(await page.textContent('#compare-view'), /2021 年（本年）/);

  // The README's picture (docs/images/compare.png): the view as printed,
  // its head, the first paragraphs of 一 (the rest hidden for the picture),
  // 表二 and the start of 表三.
  await page.setViewportSize({ width: 900, height: 768 });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => {
    document.querySelectorAll('#compare-view .nb-cmp-prose[data-section="overview"] p:nth-of-type(n+3), #compare-view .nb-cmp-prose[data-section="preamble"]')
      .forEach((e) => { e.style.display = 'none'; });
  });
  const box = await page.locator('#compare-view .nb-cmp').boundingBox();
  await page.screenshot({ path: join(SHOTS, 'compare-view.png'), fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1250) } });

  assert.deepEqual(requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two versions of one year\'s report: 版本对照 lists every changed cell', async () => {
  const { page, context, errors } = await open(ORIGIN + '/');
  await load(page, [SAMPLE, CORRECTED]);
  await showView(page, '版本对照');
  const text = await page.textContent('#compare-view');
  assert.match(text, /报告发布后被修改/);
  assert.match(text, /改动清单/);
  assert.equal(await page.locator('#compare-view .nb-cmp-list tr[data-cell]').count(), 5);
  assert.match(text, /原版中删去的句子/);
  await page.screenshot({ path: join(SHOTS, 'compare-3-versions.png'), fullPage: true });
  // The 体检摘要 takes the view's place, and back.
  await page.click('#summary-toggle');
  await page.waitForSelector('#summary-card .nb-card');
  assert.ok(await page.locator('#compare-view').isHidden());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a report alone has no 对照 button; the offline single file compares too', async () => {
  const { page, context, requests, errors } = await open(pathToFileURL(SINGLE).href);
  await load(page, [SAMPLE]);
  assert.ok(await page.locator('#compare-toggle').isHidden());
  await load(page, PINGTAN);
  await showView(page, '与上年对照');
  assert.match(await page.textContent('#compare-view'), /平潭综合实验区/);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two years named differently (洪泽区 / 淮安市洪泽区) are paired as the batch pairs them', async () => {
  const { page, context, errors } = await open(ORIGIN + '/');
  await load(page, HONGZE);
  await page.click('#files .file-tab:nth-child(2)');
  assert.match(await page.textContent('#previous-name'), /hongze-2023\.pdf（2023 年度）/);
  await showView(page, '与上年对照');
  const view = page.locator('#compare-view');
  assert.match(await view.textContent(), /写法不同/);
  assert.equal(await view.locator('td[data-cell="active.licensing"] .nb-cmp-d').textContent(), '+8937');
  await page.screenshot({ path: join(SHOTS, 'compare-5-near-names.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

const batch = usePage({ portBase: 25000, ready: '#batch-app[data-state="ready"]' });

test('the batch page: a paired organ\'s row opens the same view', async () => {
  const { page, context, errors } = await batch.open(batch.origin + '/batch.html');
  await page.setInputFiles('#b-files', HONGZE);
  await page.waitForSelector('body[data-batch-done="2"]', { timeout: 60000 });
  assert.equal(await page.locator('.b-compare').count(), 1, 'only the later year is paired');
  await page.click('.b-compare');
  await page.waitForSelector('#b-preview .nb-cmp');
  assert.match(await page.textContent('#b-detail-title'), /与上年对照/);
  assert.equal(await page.locator('#b-preview td[data-cell="active.licensing"] .nb-cmp-d').textContent(), '+8937');
  await page.screenshot({ path: join(SHOTS, 'compare-4-batch.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offline batch file: a paired organ\'s row opens the same view', async () => {
  const { page, context, requests, errors } = await batch.open(pathToFileURL(SINGLE_BATCH).href);
  await page.setInputFiles('#b-files', HONGZE);
  await page.waitForSelector('body[data-batch-done="2"]', { timeout: 60000 });
  await page.click('.b-compare');
  await page.waitForSelector('#b-preview .nb-cmp');
  assert.equal(await page.locator('#b-preview td[data-cell="active.licensing"] .nb-cmp-d').textContent(), '+8937');
  // The view's styles are in the offline file too: a changed cell is marked.
  const changed = page.locator('#b-preview td[data-cell="active.licensing"]');
  assert.notEqual(await changed.evaluate((n) => getComputedStyle(n).backgroundColor), 'rgba(0, 0, 0, 0)');
  for (const url of requests) assert.ok(url.startsWith('file://') || url.startsWith('blob:') || url.startsWith('data:'), url);
  assert.deepEqual(errors, []);
  await context.close();
});
