// End-to-end tests of issue 18 points 3 and 4 on the batch page: the
// region as a tree (a unit list with 上级单位: each parent's report against
// the sum of its children's, each cell opening to every child's share),
// the 区域体检摘要 card, and 整改通知 from the review (one Word per unit with
// confirmed findings in one zip, and the list of who was notified) —
// served and from the offline single file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SHOTS, usePage } from './harness.mjs';

const { origin: ORIGIN, open } = usePage({ portBase: 26000, ready: '#batch-app[data-state="ready"]' });
const SINGLE_BATCH = resolve(ROOT, process.env.SINGLE_BATCH || 'dist/nianbao-batch.html');

// A district: the government's own report and two of its three units'
// (区教育局 handed nothing in). The seed report under each name; the
// children's 新收申请 add up to the parent's, its 收费 does not.
function district() {
  const seed = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/hongsibao-2025.json'), 'utf8'));
  const unit = (organ, kind, received, fees) => {
    const r = JSON.parse(JSON.stringify(seed));
    r.meta.organ = organ;
    r.meta.organ_kind = kind;
    r.meta.title = organ + '2025年政府信息公开工作年度报告';
    r.requests.new_received.natural_person = received;
    r.requests.new_received.commercial = 0;
    r.requests.new_received.total = received;
    r.active.fees = fees;
    return { name: organ + '.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(r)) };
  };
  return [
    unit('某某区人民政府', 'government', 2147, '1.5'),
    unit('某某区统计局', 'department', 1061, '0.1'),
    unit('某某区财政局', 'department', 1086, '1.3'),
  ];
}

const UNITS = '单位名称,上级单位\n某某区人民政府,\n某某区统计局,某某区人民政府\n某某区财政局,某某区人民政府\n某某区教育局,某某区人民政府\n';

async function load(page) {
  await page.click('#b-units-box summary');
  await page.fill('#b-units', UNITS);
  await page.setInputFiles('#b-files', district());
  await page.waitForSelector('body[data-batch-done="3"]', { timeout: 60000 });
  await page.waitForSelector('#b-tree-box:not([hidden]) .b-tree');
}

async function downloaded(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

test('the region as a tree: each parent against its children, a cell opens to every share', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  const tree = await page.locator('#b-tree').innerText();
  assert.match(tree, /某某区人民政府/);
  assert.match(tree, /与下级合计有 \d+ 格不一致/);
  assert.match(tree, /下级未报送：某某区教育局/);
  const missing = page.locator('#b-tree li[data-unit="某某区教育局"]');
  assert.equal(await missing.getAttribute('data-reported'), 'no');
  assert.match(await missing.innerText(), /未报送/);
  await page.click('#b-tree li[data-unit="某某区人民政府"] > .b-tree-line .b-tree-open');
  // Only the differences are open: the cells equal to the children's sum
  // are folded under one line.
  const received = page.locator('#b-tree-detail tr[data-cell="requests.new_received.total"]');
  assert.equal(await received.getAttribute('data-differs'), 'false');
  assert.ok(await received.isHidden(), 'a cell equal to the sum is folded');
  const folded = page.locator('#b-tree-detail details.b-tree-same');
  assert.match(await folded.locator('summary').innerText(), /^其余 \d+ 格与下级合计一致/);
  assert.equal(await page.locator('#b-tree-detail > table tr[data-differs="false"]').count(), 0);
  await folded.locator('summary').click();
  await received.locator('button.b-tree-cell').click();
  const shares = page.locator('#b-tree-detail tr[data-cell="requests.new_received.total"] + tr.b-tree-shares');
  assert.match(await shares.innerText(), /2147 = 1061 \+ 1086/);
  assert.match(await shares.innerText(), /某某区统计局：1061/);
  // Money: exact decimals, and the difference is marked.
  const fees = page.locator('#b-tree-detail tr[data-cell="active.fees"]');
  assert.equal(await fees.getAttribute('data-differs'), 'true');
  assert.match(await fees.innerText(), /1\.5\s+1\.4/);
  await fees.locator('button.b-tree-cell').click();
  assert.match(await page.locator('#b-tree-detail tr[data-cell="active.fees"] + tr.b-tree-shares').innerText(), /1\.4 = 0\.1 \+ 1\.3/);
  // The README's picture (docs/images/region-tree.png): the differences,
  // one opened to its children's shares, the equal cells folded again.
  await folded.locator('summary').click();
  await page.locator('#b-tree-box').screenshot({ path: join(SHOTS, 'region-tree.png') });
  for (const url of requests) assert.ok(url.startsWith(ORIGIN) || url.startsWith('blob:') || url.startsWith('data:'), url);
  assert.deepEqual(errors, []);
  await context.close();
});

test('区域体检摘要 on the batch page: the card, its Word and HTML', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  await page.fill('#b-region-name', '某某区');
  await page.click('#b-region-summary');
  const card = page.locator('#b-region-card .nb-card');
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /某某区/);
  assert.match(text, /共 3 份报告/);
  assert.match(text, /某某区教育局/, 'the unit with no report is to follow up');
  assert.doesNotMatch(text, /\bA4\b|\bX1\b/);
  await page.locator('#b-region-box').screenshot({ path: join(SHOTS, 'region-card.png') });
  const word = await downloaded(page, '#b-region-docx');
  assert.equal(word.name, '某某区-区域体检摘要.docx');
  writeFileSync(join(SHOTS, 'region-card.docx'), word.bytes);
  assert.equal(word.bytes.subarray(0, 2).toString(), 'PK');
  const html = await downloaded(page, '#b-region-html');
  assert.match(html.bytes.toString('utf8'), /^<!DOCTYPE html>[\s\S]*某某区教育局/);
  assert.deepEqual(errors, []);
  await context.close();
});

// The number of pages of a PDF made by Chromium.
function pages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

// As 打印（一页 A4） prints it: the card alone.
async function printedPages(page, shot) {
  await page.evaluate(() => document.body.classList.add('b-print-card'));
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('b-print-card'));
  return pages(pdf);
}

test('区域体检摘要 of a district\'s reports (the corpus) prints on one A4 page', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  const corpus = join(ROOT, 'tests/corpus');
  const reports = readdirSync(corpus).filter((f) => !/\.md$/.test(f)).map((f) => join(corpus, f));
  await page.setInputFiles('#b-files', reports);
  await page.waitForSelector(`body[data-batch-done="${reports.length}"]`, { timeout: 120000 });
  await page.fill('#b-region-name', '某某区');
  await page.click('#b-region-summary');
  await page.locator('#b-region-card .nb-card').waitFor();
  assert.match(await page.locator('#b-region-card').innerText(), new RegExp(`共 ${reports.length} 份报告`));
  assert.equal(await printedPages(page, 'region-card-print-corpus.png'), 1, 'the region card prints on one A4 page');
  assert.deepEqual(errors, []);
  await context.close();
  // The district of the tree test, with its unit list: one page too.
  const district = await open(ORIGIN + '/batch.html');
  await load(district.page);
  await district.page.click('#b-region-summary');
  await district.page.waitForFunction(() => /某某区教育局/.test(document.querySelector('#b-region-card').textContent));
  assert.equal(await printedPages(district.page, 'region-card-print-district.png'), 1);
  assert.deepEqual(district.errors, []);
  await district.context.close();
});

test('整改通知: a Word notice per unit with confirmed findings, in one zip, and the list', async () => {
  const { page, context, errors } = await open(ORIGIN + '/batch.html');
  await load(page);
  // Nothing confirmed yet: no notice, and the page says why.
  await page.click('#b-notices');
  await page.locator('#b-status.error').filter({ hasText: '没有已确认的问题' }).waitFor();
  await page.locator('#b-table tbody tr', { hasText: '某某区统计局' }).click();
  const a4 = page.locator('#b-detail .b-finding[data-rule="A4"]');
  await a4.waitFor();
  await a4.locator('input[value="confirmed"]').check();
  await a4.locator('input[aria-label="复核意见"]').fill('请同时更新网站上的版本');
  await a4.locator('input[aria-label="复核意见"]').press('Tab');
  await page.fill('#b-reply-by', '2027-01-15');
  await page.fill('#b-issuer', '某某区政务公开办');
  const zip = await downloaded(page, '#b-notices');
  assert.equal(zip.name, '整改通知.zip');
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-notices-'));
  writeFileSync(join(dir, 'n.zip'), zip.bytes);
  execFileSync('unzip', ['-q', join(dir, 'n.zip'), '-d', join(dir, 'out')]);
  const listing = execFileSync('ls', [join(dir, 'out')], { encoding: 'utf8' });
  assert.match(listing, /某某区统计局-2025年度-整改通知\.docx/);
  assert.match(listing, /整改通知清单\.csv/);
  assert.match(listing, /整改通知清单\.xlsx/);
  assert.doesNotMatch(listing, /某某区财政局/);
  const docx = execFileSync('unzip', ['-p', join(dir, 'out', '某某区统计局-2025年度-整改通知.docx'), 'word/document.xml'], { encoding: 'utf8' });
  const words = docx.replace(/<[^>]+>/g, '');
  assert.match(words, /某某区统计局：/);
  assert.match(words, /表四「行政复议」的「总计」/);
  assert.match(words, /审核意见：请同时更新网站上的版本/);
  assert.match(words, /请于2027年1月15日前完成改正/);
  assert.match(words, /某某区政务公开办/);
  assert.doesNotMatch(words, /\bA4\b/);
  // Kept beside the screenshots, to look at in LibreOffice.
  copyFileSync(join(dir, 'out', '某某区统计局-2025年度-整改通知.docx'), join(SHOTS, 'region-notice.docx'));
  copyFileSync(join(dir, 'out', '整改通知清单.xlsx'), join(SHOTS, 'region-notice-list.xlsx'));
  rmSync(dir, { recursive: true, force: true });
  // On screen: who was notified, and why the others were not.
  const list = page.locator('#b-notices-list');
  assert.match(await list.innerText(), /已通知 1 个单位，未通知 2 个/);
  assert.match(await list.locator('tr[data-notified="yes"]').innerText(), /某某区统计局/);
  assert.match(await list.locator('tr[data-notified="no"]').first().innerText(), /没有已确认的问题，未发通知/);
  await page.locator('#b-notices-list').screenshot({ path: join(SHOTS, 'region-notices.png') });
  // The marks as JSON, for `nianbao notices --marks`.
  const marks = JSON.parse((await downloaded(page, '#b-marks-download')).bytes.toString('utf8'));
  assert.ok(Object.values(marks).some((m) => m.status === 'confirmed' && m.note === '请同时更新网站上的版本'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offline batch file: tree, region card and notices from file://', async () => {
  const { page, context, requests, errors } = await open(pathToFileURL(SINGLE_BATCH).href);
  await load(page);
  assert.match(await page.locator('#b-tree').innerText(), /下级未报送：某某区教育局/);
  await page.click('#b-region-summary');
  await page.locator('#b-region-card .nb-card').waitFor();
  // The card's styles are in the offline file too.
  assert.equal(await page.locator('#b-region-card .nb-card h2').first().evaluate((n) => getComputedStyle(n).borderLeftStyle), 'solid');
  await page.locator('#b-table tbody tr', { hasText: '某某区财政局' }).click();
  const a4 = page.locator('#b-detail .b-finding[data-rule="A4"]');
  await a4.waitFor();
  await a4.locator('input[value="confirmed"]').check();
  const zip = await downloaded(page, '#b-notices');
  assert.equal(zip.bytes.subarray(0, 2).toString(), 'PK');
  for (const url of requests) assert.ok(url.startsWith('file://') || url.startsWith('blob:') || url.startsWith('data:'), url);
  assert.deepEqual(errors, []);
  await context.close();
});
