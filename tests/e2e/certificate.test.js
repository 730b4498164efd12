// 检查凭证 on the page: the certificate of the report in view (JSON
// download and text block), and 核验凭证 saying 一致 for the same file and
// 不一致 for a changed one; served and from the offline single file, with
// no request anywhere. On the batch page (served and offline): the
// certificates received with the reports, dropped in with them or picked,
// each matched to its report and verified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SINGLE, SHOTS, SAMPLE, usePage, uploadSample, download } from './harness.mjs';

const SINGLE_BATCH = resolve(ROOT, process.env.SINGLE_BATCH || 'dist/nianbao-batch.html');

const { origin: ORIGIN, open } = usePage({ portBase: 23000, ready: '#app[data-state="ready"]' });

test('certify the sample, verify the same file and a changed one', async () => {
  const { page, context, requests, errors } = await open(ORIGIN + '/');
  await uploadSample(page);
  const cert = await download(page, 'certificate');
  assert.match(cert.name, /检查凭证\.json$/);
  const json = JSON.parse(cert.text);
  assert.equal(json.kind, 'nianbao-check-certificate/1');
  assert.match(json.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(json.counts, { error: 1, warning: 3, info: 0 });

  await page.click('#certificate-show');
  await page.waitForSelector('#certificate-text:not([hidden])');
  assert.match(await page.textContent('#certificate-text'), new RegExp('内容指纹（SHA-256）：' + json.sha256));

  const dir = mkdtempSync(join(tmpdir(), 'nianbao-cert-'));
  const certPath = join(dir, '凭证.json');
  writeFileSync(certPath, cert.text);
  await page.setInputFiles('#certificate-file', certPath);
  await page.waitForSelector('#certificate-result[data-state="ok"]');
  assert.match(await page.textContent('#certificate-result'), /一致/);
  await page.screenshot({ path: join(SHOTS, 'certificate-1-match.png') });

  // The same report with one figure changed after the check.
  const changed = readFileSync(SAMPLE, 'utf8').replace('"organ": "', '"organ": "改');
  assert.notEqual(changed, readFileSync(SAMPLE, 'utf8'));
  const changedPath = join(dir, '改过的.json');
  writeFileSync(changedPath, changed);
  await page.setInputFiles('#file', changedPath);
  await page.waitForFunction(() => /改过的/.test(document.querySelector('#report-name').textContent));
  await page.setInputFiles('#certificate-file', certPath);
  await page.waitForSelector('#certificate-result[data-state="bad"]');
  assert.match(await page.textContent('#certificate-result'), /不一致/);
  await page.screenshot({ path: join(SHOTS, 'certificate-2-mismatch.png') });

  // A file that is not a certificate: a Chinese error.
  const junk = join(dir, '不是凭证.txt');
  writeFileSync(junk, '<script>alert(1)</script>');
  await page.setInputFiles('#certificate-file', junk);
  await page.waitForFunction(() => /无法读取/.test(document.querySelector('#certificate-result').textContent));

  assert.deepEqual(requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offline single file certifies and verifies too', async () => {
  const { page, context, requests, errors } = await open(pathToFileURL(SINGLE).href);
  await uploadSample(page);
  const cert = await download(page, 'certificate');
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-cert-'));
  writeFileSync(join(dir, '凭证.json'), cert.text);
  await page.setInputFiles('#certificate-file', join(dir, '凭证.json'));
  await page.waitForSelector('#certificate-result[data-state="ok"]');
  assert.match(await page.textContent('#certificate-result'), /一致/);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

const batch = usePage({ portBase: 27000, ready: '#batch-app[data-state="ready"]' });

// What a superior office receives: three units' reports, two certificates
// dropped in with them (one for a report changed after its check), and a
// third certificate picked afterwards for a report that never came.
function received() {
  const seed = readFileSync(SAMPLE, 'utf8');
  const as = (organ) => seed.replace('"organ": "红寺堡区人民政府"', `"organ": "${organ}"`);
  const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return {
    reports: [file('甲局.json', as('甲局')), file('乙局.json', as('乙局') + ' '), file('丙局.json', as('丙局'))],
    originals: { 甲局: as('甲局'), 乙局: as('乙局') },
    file,
  };
}

for (const [label, url] of [['served', () => batch.origin + '/batch.html'], ['offline', () => pathToFileURL(SINGLE_BATCH).href]]) {
  test(`the batch page (${label}): certificates received with the reports are matched and verified`, async () => {
    const { reports, originals, file } = received();
    // The certificates, as the units made them (by the CLI, the same core).
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-cert-batch-'));
    const certs = {};
    for (const [organ, text] of Object.entries(originals)) {
      writeFileSync(join(dir, organ + '.json'), text);
      certs[organ] = execFileSync('cargo', ['run', '--quiet', '--bin', 'nianbao', '--', 'certify', '--json', join(dir, organ + '.json')], { cwd: ROOT, encoding: 'utf8' });
    }
    const { page, context, requests, errors } = await batch.open(url());
    await page.setInputFiles('#b-files', reports.concat([file('甲局-检查凭证.json', certs.甲局), file('乙局-检查凭证.json', certs.乙局)]));
    await page.waitForSelector('body[data-batch-done="3"]', { timeout: 60000 });
    const box = page.locator('#b-cert-box');
    await box.locator('table tr[data-matches]').first().waitFor();
    assert.equal(await page.locator('#b-table tbody tr').count(), 3, 'the certificates are not taken for reports');
    const rows = box.locator('table tr[data-matches]');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /甲局-检查凭证\.json\s+甲局\.json\s+✔ 一致/);
    assert.match(await rows.nth(1).innerText(), /乙局-检查凭证\.json\s+乙局\.json\s+✖ 不一致/);
    // 乙局's certificate found its report by name: changed after the check.
    assert.match(await box.innerText(), /未附凭证的报告（1 份）：丙局\.json/);
    // A certificate picked afterwards, for a report that did not come.
    const other = JSON.parse(certs.甲局);
    other.sha256 = '0'.repeat(64);
    other.file = '丁局.json';
    writeFileSync(join(dir, '丁局-检查凭证.json'), JSON.stringify(other));
    await page.setInputFiles('#b-cert-files', join(dir, '丁局-检查凭证.json'));
    await box.locator('table tr[data-matches]').nth(2).waitFor();
    assert.match(await rows.nth(2).innerText(), /（未收到）[\s\S]*丁局\.json/);
    assert.match(await box.locator('h3').innerText(), /3 份凭证：1 份与收到的报告一致，2 份不一致或无法核对/);
    await box.screenshot({ path: join(SHOTS, `certificate-3-batch-${label}.png`) });
    for (const u of requests) assert.ok(u.startsWith(label === 'served' ? batch.origin : 'file://') || u.startsWith('blob:') || u.startsWith('data:'), u);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
