// End-to-end tests of the form view (在线填写) in headless Chromium (playwright-core with
// the system's /usr/bin/chromium). Run by scripts/test-web after the build:
//   WWW=www SINGLE=dist/nianbao.html node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SINGLE, SHOTS, SAMPLE, usePage, uploadSample, download } from './harness.mjs';

const { origin: ORIGIN, open } = usePage({ portBase: 18000, ready: '#app[data-state="ready"]' });

async function openForm(page) {
  await page.click('#view-form');
  await page.waitForSelector('#form-sheet input.cell');
}

const cell = (address) => `#form-sheet input[data-address="${address}"]`;
const mark = (page, address) => page.getAttribute(`#form-sheet td[data-cell="${address}"]`, 'data-severity');

test('type values: findings appear and disappear, the fix, the keyboard', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/');
  await openForm(page);
  assert.equal(await page.locator('#form-sheet td[data-cell] input.cell').count(), 200);
  await page.screenshot({ path: join(SHOTS, 'form-1-blank.png') });

  // 行政复议: 2 in 其他结果 but 0 in 总计 → A4 error on the total, live.
  await page.fill(cell('review_litigation.review.other'), '2');
  await page.fill(cell('review_litigation.review.total'), '0');
  await page.waitForFunction(() => document.querySelector('#form-findings .finding[data-rule="A4"]'));
  assert.equal(await mark(page, 'review_litigation.review.total'), 'error');
  assert.match(await page.textContent('#form-findings .finding[data-rule="A4"]'), /应为：2/);
  await page.screenshot({ path: join(SHOTS, 'form-2-a4.png') });

  // Typing the right total makes it go away.
  await page.fill(cell('review_litigation.review.total'), '2');
  await page.waitForFunction(() => !document.querySelector('#form-findings .finding[data-rule="A4"]'));
  assert.equal(await mark(page, 'review_litigation.review.total'), null);

  // The fix asks first, then sets the total.
  await page.fill(cell('review_litigation.review.total'), '5');
  const fix = page.locator('#form-findings .finding[data-rule="A4"] .fix');
  await fix.waitFor();
  page.once('dialog', (d) => d.dismiss());
  await fix.click();
  assert.equal(await page.inputValue(cell('review_litigation.review.total')), '5', 'dismissed: nothing changed');
  page.once('dialog', (d) => d.accept());
  await fix.click();
  assert.equal(await page.inputValue(cell('review_litigation.review.total')), '2');
  await page.waitForFunction(() => !document.querySelector('#form-findings .finding[data-rule="A4"]'));

  // Only digits: a letter is refused with a message; money takes a decimal point.
  await page.focus(cell('requests.new_received.total'));
  await page.keyboard.type('1a');
  assert.equal(await page.inputValue(cell('requests.new_received.total')), '1');
  assert.match(await page.textContent('#form-status'), /只能填写整数/);
  await page.fill(cell('active.fees'), '1.5');
  assert.equal(await page.inputValue(cell('active.fees')), '1.5');

  // Enter moves down, arrows move across.
  await page.focus(cell('review_litigation.review.upheld'));
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.address), 'review_litigation.review.corrected');
  await page.focus(cell('active.rules.issued'));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.address), 'active.normative_documents.issued');

  // Undo and redo.
  await page.click('#form-undo');
  assert.equal(await page.inputValue(cell('active.fees')), '');
  await page.click('#form-redo');
  assert.equal(await page.inputValue(cell('active.fees')), '1.5');

  assert.deepEqual(requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('paste a block from a spreadsheet; reload keeps the draft; start over', async () => {
  const { page, context } = await open(ORIGIN + '/');
  await openForm(page);
  // Four cells of 行政复议 copied from Excel (tab-separated), one not a number.
  await page.focus(cell('review_litigation.review.upheld'));
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '3\t1\t0\tx\r\n');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.equal(await page.inputValue(cell('review_litigation.review.upheld')), '3');
  assert.equal(await page.inputValue(cell('review_litigation.review.corrected')), '1');
  assert.equal(await page.inputValue(cell('review_litigation.review.other')), '0');
  assert.equal(await page.inputValue(cell('review_litigation.review.pending')), '');
  assert.match(await page.textContent('#form-status'), /已粘贴 3 格.*x/);
  await page.fill('#form-meta input[data-meta="organ"]', '某某县人民政府');
  await page.screenshot({ path: join(SHOTS, 'form-3-pasted.png') });

  // Reload: the draft is back, in the form view.
  await page.reload();
  await page.waitForSelector('#form-sheet input.cell');
  assert.equal(await page.inputValue(cell('review_litigation.review.upheld')), '3');
  assert.equal(await page.inputValue('#form-meta input[data-meta="organ"]'), '某某县人民政府');
  assert.match(await page.textContent('#form-status'), /已恢复/);

  // The draft downloads as JSON that reads back.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#form-download')]);
  const data = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.equal(data.review_litigation.review.upheld, 3, 'the core\'s JSON writer: a count is a number');
  assert.equal(data.meta.organ, '某某县人民政府');

  // Preview, print and downloads as for a file.
  await page.click('#form-preview');
  await page.waitForSelector('#app[data-state="checked"]');
  assert.match(await page.textContent('#report-name'), /某某县人民政府/);
  await page.click('#view-form');

  // Start over: asks, then blank, and the stored draft is gone.
  page.once('dialog', (d) => d.accept());
  await page.click('#form-reset');
  await page.waitForFunction(() => document.querySelector('#form-sheet input[data-address="review_litigation.review.upheld"]').value === '');
  await page.reload();
  await page.waitForSelector('#app[data-state="ready"]');
  assert.ok(await page.locator('#form-app').isHidden());
  await context.close();
});

test('start from the example: its findings are live in the form', async () => {
  const { page, context } = await open(ORIGIN + '/');
  await openForm(page);
  await page.click('#form-example');
  await page.waitForFunction(() => document.querySelector('#form-findings .finding[data-rule="A4"]'));
  assert.equal(await page.inputValue(cell('active.fees')), '1271.38998');
  assert.equal(await mark(page, 'review_litigation.review.total'), 'error');
  await page.click('#form-findings .finding[data-rule="A4"] .finding-main');
  assert.ok(await page.locator('#form-sheet td[data-cell="review_litigation.review.total"]').evaluate((el) => el.classList.contains('nb-focus')));
  await page.screenshot({ path: join(SHOTS, 'form-4-example.png') });
  await context.close();
});

// Issue 14 item 20: when the browser's storage is full the form says so
// (not "disabled"), and which version a reload brings back; the reload says
// when the draft it restored was saved.
test('storage full: the truth, and which draft a reload restores', async () => {
  const { page, context } = await open(ORIGIN + '/');
  await openForm(page);
  await page.fill('#form-meta input[data-meta="organ"]', '某某县人民政府');
  await page.locator('#form-saved', { hasText: '草稿已自动保存' }).waitFor();
  await page.evaluate(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.fill(cell('review_litigation.review.upheld'), '4');
  const saved = await page.locator('#form-saved').innerText();
  assert.match(saved, /存储空间已满/);
  assert.doesNotMatch(saved, /禁止/);
  assert.match(saved, /刷新页面将恢复 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 保存的较早版本/);
  await page.reload();
  await page.waitForSelector('#form-sheet input.cell');
  assert.match(await page.textContent('#form-status'), /已恢复 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 保存的草稿/);
  assert.equal(await page.inputValue('#form-meta input[data-meta="organ"]'), '某某县人民政府');
  assert.equal(await page.inputValue(cell('review_litigation.review.upheld')), '', 'the unsaved edit is not there, as said');
  await context.close();
});
