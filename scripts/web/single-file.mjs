// Builds the offline single file: one HTML with the styles, the scripts and
// both wasm modules inlined, that works when opened from file:// (no ES
// modules, no fetch). Its CSP allows exactly the inline script and styles
// by their SHA-256 hashes.
// Usage: node scripts/web/single-file.mjs WWW_DIR BUILD_DIR OUTPUT [index|batch]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const [www, build, output, pageName = 'index'] = process.argv.slice(2);
// The two pages: the single-report page and the reviewers' batch page
// (which uses only the full module).
const PAGES = {
  index: {
    html: 'index.html', entry: 'main.js', files: ['engine.js', 'save.js', 'app.js', 'form.js', 'summary.js', 'certificate.js', 'compare.js'], styles: ['style.css', 'report.css', 'summary.css', 'compare.css'],
    start: '__m_app.start(__m_engine.createEngine(LOAD));', modules: ['nianbao', 'nianbao_office'],
  },
  batch: {
    html: 'batch.html', entry: 'batch-main.js', files: ['engine.js', 'save.js', 'batch.js'], styles: ['style.css', 'report.css', 'batch.css', 'compare.css', 'summary.css'],
    start: '__m_batch.startBatch(__m_engine.createEngine(LOAD), __m_engine.OFFICE);', modules: ['nianbao_office'],
  },
};
const page = PAGES[pageName];
const read = (p) => readFileSync(p, 'utf8');

// Our own modules, each in its own function scope: `export`s become the
// properties of a `__m_<name>` object, named imports read from it.
function unmodule(source, file) {
  const name = file.replace(/\.js$/, '');
  const exported = [];
  let body = source
    .replace(/^import \{([^}]*)\} from '\.\/([a-z]+)\.js';\s*$/gm, (_, names, from) =>
      names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => `var ${n} = __m_${from}.${n};`).join(' '))
    .replace(/^import '\.\/[a-z]+\.js';\s*$/gm, '')
    .replace(/^export (const|let|function|class|async function) ([A-Za-z_$][\w$]*)/gm, (_, kind, id) => {
      exported.push(id);
      return `${kind} ${id}`;
    });
  if (/^\s*(import(?!\s*\()|export)\b/m.test(body)) throw new Error(`${file}: an import/export form the bundler does not know`);
  return `// ---- ${file} ----\nvar __m_${name} = (function () {\n${body}\nreturn { ${exported.join(', ')} };\n})();\n`;
}

const modules = page.modules.filter((m) => existsSync(join(build, m, 'nomodules', m + '.js')));
const glue = modules.map((m) => {
  const code = read(join(build, m, 'nomodules', m + '.js'));
  return `  ${JSON.stringify(m)}: function () {\n${code}\nreturn wasm_bindgen;\n  }`;
}).join(',\n');
const wasm = modules.map((m) => {
  const b64 = readFileSync(join(build, m, m + '.opt.wasm')).toString('base64');
  return `  ${JSON.stringify(m)}: "${b64}"`;
}).join(',\n');

const script = `(function () {
"use strict";
var WASM = {
${wasm}
};
var GLUE = {
${glue}
};
${page.files.map((f) => unmodule(read(join(www, f)), f)).join('\n')}
var LOAD = function (name) {
  if (!GLUE[name]) return Promise.reject(new Error('此离线文件未包含模块 ' + name));
  var api = GLUE[name]();
  return api({ module_or_path: __m_engine.decodeBase64(WASM[name]) }).then(function () { return api; });
};
${page.start}
})();
`;
if (/<\/script/i.test(script)) throw new Error('inline script contains </script');

const style = page.styles.map((s) => read(join(www, s))).join('\n');
const hash = (text) => "'sha256-" + createHash('sha256').update(text, 'utf8').digest('base64') + "'";
const csp = `default-src 'none'; script-src ${hash(script)} 'wasm-unsafe-eval' 'unsafe-eval'; style-src ${hash(style)}; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'`;

let html = read(join(www, page.html));
const before = html;
html = html
  .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace(new RegExp(page.styles.map((s) => `<link rel="stylesheet" href="${s}">`).join('\\n')), () => `<style>${style}</style>`)
  .replace(`<script type="module" src="${page.entry}"></script>\n`, '')
  .replace('</body>', () => `<script>${script}</script>\n</body>`);
if (html === before || !html.includes('<style>') || html.includes(`src="${page.entry}"`) || html.includes('href="style.css"')) {
  throw new Error(`${page.html} changed shape: update scripts/web/single-file.mjs`);
}
// The offline files link to each other.
html = html.replace('href="batch.html"', 'href="nianbao-batch.html"').replace('href="index.html"', 'href="nianbao.html"');
html = html.replace('<title>', '<meta name="generator" content="nianbao offline single file">\n<title>');
writeFileSync(output, html);
console.log(`${output}: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB（模块：${modules.join('、')}）`);
