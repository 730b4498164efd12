// Makes the text-shape fixtures of tests/text-shapes/ (run once by hand,
// the output is committed): each web page given is opened in headless
// Chromium and its body saved as a browser's plain copy gives it
// (innerText: tabs between cells, line breaks between rows) and as a
// crawler keeps it (textContent: cells run together).
//   node tests/e2e/text-shapes.mjs OUT_DIR page.html...
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({ javaScriptEnabled: false });
for (const file of pages) {
  const page = await context.newPage();
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  const name = basename(file).replace(/\.html?$/, '');
  const inner = await page.evaluate(() => document.body.innerText);
  const content = await page.evaluate(() => {
    // textContent without the scripts' and styles' text, as a crawler's
    // text extraction keeps it.
    const body = document.body.cloneNode(true);
    body.querySelectorAll('script, style, noscript').forEach((e) => e.remove());
    return body.textContent;
  });
  writeFileSync(resolve(out, `${name}.innertext.txt`), inner);
  writeFileSync(resolve(out, `${name}.textcontent.txt`), content);
  await page.close();
}
await browser.close();
