// 体检摘要 on the page (served and offline single file): the button shows
// the card of the report in view, 打印 prints it on one A4 page, last
// year's report adds the comparison, the Word and HTML downloads work, and
// nothing is requested from anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SINGLE, SHOTS, usePage, uploadSample, download } from './harness.mjs';

const { origin: ORIGIN, open } = usePage({ portBase: 22000, ready: '#app[data-state="ready"]' });

// The number of pages of a PDF made by Chromium.
function pages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

async function showCard(page) {
  await page.click('#summary-toggle');
  await page.waitForSelector('#summary-card .nb-card');
}

test('the seed report: card instead of the preview, one A4 page in print, downloads', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/');
  await uploadSample(page);
  await showCard(page);
  assert.ok(await page.locator('#preview').isHidden());
  assert.equal(await page.getAttribute('#summary-toggle', 'aria-pressed'), 'true');
  const text = await page.textContent('#summary-card');
  assert.match(text, /红寺堡区人民政府/);
  assert.match(text, /表四「行政复议」的「总计」/);
  assert.match(text, /发布前须改正/);
  assert.doesNotMatch(text, /\bA4\b|\bX1\b/, 'no rule codes on the card');
  await page.screenshot({ path: join(SHOTS, 'summary-1-card.png'), fullPage: true });

  // Printed: the card on exactly one A4 page, the 发布前核对 list on a
  // second sheet of its own.
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(SHOTS, 'summary-2-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.equal(pages(pdf), 2, 'the card and its checklist print on two A4 pages');
  const setChecklistShown = (shown) => page.evaluate((display) => {
    for (const node of document.querySelectorAll('#summary-card .nb-card-checklist, #summary-card .nb-card-foot')) node.style.display = display;
  }, shown ? '' : 'none');
  await setChecklistShown(false);
  const cardOnly = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.equal(pages(cardOnly), 1, 'the card itself prints on one A4 page');
  await setChecklistShown(true);
  await page.emulateMedia({ media: 'screen' });

  const word = await download(page, 'summary-docx');
  assert.match(word.name, /体检摘要\.docx$/);
  const html = await download(page, 'summary-html');
  assert.match(html.text, /class="nb-card"/);

  // Back to the report.
  await page.click('#summary-toggle');
  assert.ok(await page.locator('#summary-card').isHidden());
  assert.ok(await page.locator('#preview').isVisible());

  assert.deepEqual(requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with last year\'s report the figures are compared', async () => {
  const { page, context, errors } = await open(ORIGIN + '/');
  await page.setInputFiles('#file', join(ROOT, 'tests/fixtures/pingtan-2024-from-html.docx'));
  await page.waitForSelector('#app[data-state="checked"]');
  await showCard(page);
  assert.match(await page.textContent('#summary-card'), /未载入上年报告/);
  await page.setInputFiles('#previous-file', join(ROOT, 'tests/fixtures/pingtan-2021-from-html.docx'));
  await page.waitForFunction(() => /变化/.test(document.querySelector('#summary-card').textContent));
  const head = await page.locator('#summary-card .nb-card-table thead').textContent();
  assert.match(head, /2024 年/);
  assert.match(head, /2021 年/);
  await page.screenshot({ path: join(SHOTS, 'summary-3-previous.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offline single file shows the card too', async () => {
  const { page, context, requests, errors } = await open(pathToFileURL(SINGLE).href);
  await uploadSample(page);
  await showCard(page);
  assert.match(await page.textContent('#summary-card'), /最需要关注的问题/);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});
