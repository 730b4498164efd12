// 检查凭证 on the page: the certificate of the report in view (JSON
// download and text block), and 核验凭证 saying 一致 for the same file and
// 不一致 for a changed one; served, with no request anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, SAMPLE, usePage, uploadSample, download } from './harness.mjs';

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
