// A minimal static server for www/ on localhost (no dependencies).
// Serves .js as JavaScript modules and .wasm with its MIME type; sends the
// page's CSP as a header too. Any web page the user opens can make the
// browser request localhost (an <img src>): no request, however malformed,
// may stop the server — a bad one gets 400, and nothing outside www/ is served.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, resolve } from 'node:path';

const [root, portArg] = process.argv.slice(2);
const base = resolve(root);
const port = Number(portArg || 8080);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The file a request path names under www/, or null when the path is
/// malformed (bad percent-encoding, a NUL) or leaves www/.
function fileOf(url) {
  let path;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(base, path));
  return file.startsWith(base + '/') ? file : null;
}

function refuse(res, status, text) {
  if (res.headersSent) { res.destroy(); return; }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') { refuse(res, 405, '只支持 GET'); return; }
  const file = fileOf(req.url);
  if (!file) { refuse(res, 400, '请求的地址无效'); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    res.end(body);
  } catch {
    refuse(res, 404, '未找到');
  }
});
// A malformed request line or header: answer 400 and keep serving.
server.on('clientError', (err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  else socket.destroy();
});
server.listen(port, '127.0.0.1', () => {
  console.log(`nianbao 页面已启动：http://127.0.0.1:${port}/ （按 Ctrl+C 停止）`);
});
