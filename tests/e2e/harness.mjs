// What every end-to-end test file shares: the paths, a server for www/
// (scripts/web/serve.mjs, the same as `scripts/serve`) and headless
// Chromium (the system's, through playwright-core), and a page opener that
// records every request and console error.
import { before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WWW = resolve(ROOT, process.env.WWW || 'www');
export const SINGLE = resolve(ROOT, process.env.SINGLE || 'dist/nianbao.html');
export const SHOTS = resolve(ROOT, process.env.SHOTS || 'target/web-screenshots');
export const SAMPLE = join(ROOT, 'tests/fixtures/hongsibao-2025.json');

/// Serves www/ and starts Chromium around the tests of one file. `ready` is
/// the selector that says the page has started. Returns the origin and
/// `open(url)` → { page, context, requests, errors } at 1366×768.
export function usePage({ portBase, ready }) {
  const port = portBase + (process.pid % 1000);
  const origin = `http://127.0.0.1:${port}`;
  let server;
  let browser;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = spawn('node', [join(ROOT, 'scripts/web/serve.mjs'), WWW, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((ok, fail) => {
      server.stdout.once('data', ok);
      server.once('exit', (code) => fail(new Error('server exited ' + code)));
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.kill();
  });

  // `init`: a script run in the page before its own (as Playwright's addInitScript).
  async function open(url, init) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' });
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector(ready, { timeout: 30000 });
    return { page, context, requests, errors };
  }

  return { origin, open };
}

/// The single-report page (index.html): upload the sample and wait for its check.
export async function uploadSample(page) {
  await page.setInputFiles('#file', SAMPLE);
  await page.waitForSelector('#app[data-state="checked"]');
}

/// Clicks the single-report page's download button `id`: { name, text }.
export async function download(page, id) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${id}"]`)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}
