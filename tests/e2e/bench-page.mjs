// The batch page's benchmark (run by scripts/bench, not a test): loads the
// files of DIR into www/batch.html in headless Chromium and prints how long
// checking and summarising them took, and the page's memory. TARGET (the
// second argument) is the time to print as the goal, in seconds.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const dir = process.argv[2];
const ROOT = resolve(import.meta.dirname, '../..');
const PORT = 20000 + (process.pid % 1000);
const target = process.argv[3] || '2';
const files = readdirSync(dir).filter((f) => /\.(json|md|html|csv|docx|xlsx)$/.test(f)).map((f) => join(dir, f));
const formats = [...new Set(files.map((f) => f.split('.').pop()))].join('、');

const server = spawn('node', [join(ROOT, 'scripts/web/serve.mjs'), join(ROOT, 'www'), String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ok) => server.stdout.once('data', ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`http://127.0.0.1:${PORT}/batch.html`);
  await page.waitForSelector('#batch-app[data-state="ready"]', { timeout: 60000 });
  // The page's own time starts when the file input says the files are
  // chosen; before that, the harness hands the files to the browser (over
  // the DevTools protocol, which a user picking files does not wait for).
  await page.evaluate(() => {
    document.querySelector('#b-files').addEventListener('change', () => { window.benchChosen = performance.now(); }, { capture: true });
  });
  const start = Date.now();
  await page.setInputFiles('#b-files', files);
  await page.waitForSelector(`body[data-batch-done="${files.length}"]`, { timeout: 300000 });
  const seconds = (Date.now() - start) / 1000;
  const inPage = await page.evaluate(() => (performance.now() - window.benchChosen) / 1000);
  const heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
  console.log(`  ${files.length} 个文件（${formats}）：从选定文件到汇总显示 ${inPage.toFixed(2)} 秒（目标 < ${target} 秒）；` +
    `连同测试工具把文件交给浏览器 ${seconds.toFixed(2)} 秒；页面 JS 堆 ${(heap / 1048576).toFixed(0)} MB`);
  console.log('  ' + (await page.locator('#b-status').innerText()));
  console.log(`  页面检查用时 ${await page.evaluate(() => document.body.dataset.batchCheckSeconds)} 秒（从开始检查到结果显示）`);
} finally {
  await browser.close();
  server.kill();
}
