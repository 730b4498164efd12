// Parses the page's scripts with the syntax Chromium 80 knows (ES2020 as
// modules, no top-level await): newer syntax would be a blank page on the
// older 360 / 奇安信 / 统信 browsers.
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    parse(readFileSync(file, 'utf8'), { ecmaVersion: 2020, sourceType: 'module', allowAwaitOutsideFunction: false });
  } catch (e) {
    failed += 1;
    console.error(`${file}: ${e.message}（Chromium 80 无法解析）`);
  }
}
if (failed) process.exit(1);
console.log(`${process.argv.length - 2} 个脚本均为 ES2020 语法`);
