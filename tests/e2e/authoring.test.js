// End-to-end tests of writing a report in 在线填写 (issue 19): figure
// sentences drafted from the tables, marked stale when a figure changes.
// Run by scripts/test-web after the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, SAMPLE, usePage } from './harness.mjs';

const { origin: ORIGIN, open } = usePage({ portBase: 24000, ready: '#app[data-state="ready"]' });

const cell = (address) => `#form-sheet input[data-address="${address}"]`;
const finding = (rule) => `#form-findings .finding[data-rule="${rule}"]`;

async function openExample(page) {
  await page.click('#view-form');
  await page.waitForSelector('#form-sheet input.cell');
  await page.click('#form-example');
  await page.waitForFunction(() => document.querySelector('#form-findings .finding[data-rule="A4"]'));
}

test('drafted sentences: no X1; a figure changed: the sentence marked stale and X1; drafted again: both gone', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/');
  await openExample(page);
  // The example's 表四 is in error (A4): the 表四 sentence waits for the correction.
  page.once('dialog', (d) => d.accept());
  await page.click(finding('A4') + ' .fix');
  await page.waitForFunction(() => !document.querySelector('#form-findings .finding[data-rule="A4"]'));
  await page.fill('#form-sheet textarea[data-section="overview"]', '');
  await page.click('#form-sheet button.draft-sentences[data-for="overview"]');
  await page.waitForFunction(() => document.querySelector('#form-sheet textarea[data-section="overview"]').value.length > 0);
  const text = await page.inputValue('#form-sheet textarea[data-section="overview"]');
  assert.match(text, /2025年新制发行政规范性文件8件，废止5件，现行有效27件。/);
  assert.match(text, /2025年，本机关共收到政府信息公开申请34件，其中自然人33件、商业企业1件/);
  assert.match(text, /因政府信息公开申请引发行政复议2件/);
  assert.match(await page.textContent('#form-status'), /已按表格数字写入 \d+ 句/);
  await page.waitForFunction(() => !document.querySelector('#form-findings .finding[data-rule="X1"]'));
  assert.ok(await page.locator('#form-sheet .stale-list[data-for="overview"]').isHidden());
  await page.locator('#form-sheet textarea[data-section="overview"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'authoring-1-drafted.png') });

  // One more document issued: the sentence quoting it is stale, X1 names it.
  await page.fill(cell('active.normative_documents.issued'), '9');
  await page.waitForSelector(finding('X1'));
  const stale = page.locator('#form-sheet .stale-list[data-for="overview"]');
  await stale.waitFor();
  assert.equal(await stale.locator('.stale-sentence').count(), 1);
  assert.match(await stale.textContent(), /新制发行政规范性文件8件.*句中 8，表格现为 9/);
  assert.ok(await page.locator('#form-sheet textarea[data-section="overview"]').evaluate((el) => el.classList.contains('has-stale')));
  await stale.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'authoring-2-stale.png') });

  // Drafted again: the paragraph is replaced in place, nothing stale, no X1.
  await stale.locator('button.draft-sentences').click();
  await page.waitForFunction(() => !document.querySelector('#form-findings .finding[data-rule="X1"]'));
  assert.ok(await stale.isHidden());
  const again = await page.inputValue('#form-sheet textarea[data-section="overview"]');
  assert.match(again, /新制发行政规范性文件9件/);
  assert.doesNotMatch(again, /新制发行政规范性文件8件/);

  // A table's own note takes that table's sentences only.
  await page.click('#form-sheet button.draft-sentences[data-for="review_note"]');
  await page.waitForFunction(() => document.querySelector('#form-sheet textarea[data-section="review_note"]').value.length > 0);
  assert.match(await page.inputValue('#form-sheet textarea[data-section="review_note"]'), /^2025年，本机关因政府信息公开申请引发行政复议2件/);

  // Reload: the drafted sentences are remembered with the draft.
  await page.reload();
  await page.waitForSelector('#form-sheet input.cell');
  await page.fill(cell('active.normative_documents.issued'), '10');
  await page.locator('#form-sheet .stale-list[data-for="overview"] .stale-sentence').waitFor();

  assert.deepEqual(requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('start from last year\'s report: next year, carried over, empty figures, last year\'s text beside, checked against it', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/');
  await page.click('#view-form');
  await page.waitForSelector('#form-sheet input.cell');
  await page.setInputFiles('#form-last-year-file', SAMPLE);
  await page.locator('#form-status', { hasText: '已从上年报告开始' }).waitFor();
  assert.equal(await page.inputValue('#form-meta input[data-meta="year"]'), '2026');
  assert.equal(await page.inputValue('#form-meta input[data-meta="organ"]'), '红寺堡区人民政府');
  assert.match(await page.inputValue('#form-sheet textarea[data-section="preamble"]'), /自2026年1月1日起至2026年12月31日止/);
  assert.equal(await page.inputValue(cell('requests.carried_over.total')), '0');
  assert.equal(await page.inputValue(cell('requests.new_received.total')), '', 'empty, not 0');
  assert.equal(await page.inputValue('#form-sheet textarea[data-section="overview"]'), '', 'last year\'s text is not inside');

  // Last year's text beside 一, its sentences naming 2025 or its figures marked.
  const reference = page.locator('#form-sheet aside.reference[data-for="overview"]');
  assert.match(await reference.textContent(), /上年报告（2025 年度）原文，仅供参考/);
  assert.ok(await reference.locator('mark.must-change').count() >= 5);
  assert.match(await reference.locator('mark.must-change').first().getAttribute('title'), /写有年份 2025/);
  const problems = page.locator('#form-sheet aside.reference[data-for="problems"]');
  assert.ok(await problems.locator('.change-tag[data-kind="problems"]').count() >= 1);

  // 现行有效: last year's as the base until filled.
  const hint = page.locator('#form-sheet .in-force-hint[data-for="active.normative_documents.in_force"]');
  assert.equal(await hint.textContent(), '上年 27 + 本年制发 − 本年废止 = …');
  await page.fill(cell('active.normative_documents.issued'), '3');
  await page.fill(cell('active.normative_documents.repealed'), '1');
  await page.waitForFunction(() => /= 29$/.test(document.querySelector('.in-force-hint[data-for="active.normative_documents.in_force"]').textContent));
  await page.locator('#form-sheet aside.reference[data-for="overview"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'authoring-3-new-year.png') });
  await hint.click();
  assert.equal(await page.inputValue(cell('active.normative_documents.in_force')), '29');
  assert.ok(await hint.isHidden());

  // Checked against last year's: consistent, no X4/X5; a 上年结转 changed by the author: X4.
  for (const rule of ['X4', 'X5', 'X9']) assert.equal(await page.locator(finding(rule)).count(), 0, rule);
  await page.fill(cell('active.rules.issued'), '0');
  await page.fill(cell('active.rules.repealed'), '0');
  await page.fill(cell('active.rules.in_force'), '2');
  await page.fill(cell('requests.carried_over.total'), '5');
  await page.waitForSelector(finding('X4'));
  assert.equal(await page.locator(finding('X5')).count(), 0);
  await page.locator('#form-sheet td[data-cell="active.normative_documents.in_force"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'authoring-4-x4.png') });

  // 发布前核对: the tool's ticks; the author's tick remembered over a reload.
  const item = (key) => `#form-checklist-items li[data-key="${key}"]`;
  assert.equal(await page.getAttribute(item('sections'), 'data-status'), 'not_done');
  assert.match(await page.textContent(item('sections')), /缺少：一、总体情况/);
  assert.equal(await page.getAttribute(item('portal'), 'data-status'), 'author');
  await page.check(item('portal') + ' input[type="checkbox"]');
  await page.locator('#form-checklist').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'authoring-5-checklist.png') });

  // Reload: last year's reference and the author's tick are still there.
  await page.reload();
  await page.waitForSelector('#form-sheet aside.reference[data-for="overview"]');
  await page.waitForSelector(item('portal') + ' input[type="checkbox"]');
  assert.ok(await page.isChecked(item('portal') + ' input[type="checkbox"]'));

  assert.deepEqual(requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});
