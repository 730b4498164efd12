// scripts/serve's server (scripts/web/serve.mjs) survives any request
// (issue 14 item 8): a web page can point an <img> at localhost, so a bad
// percent-encoding, a NUL, a path out of www/ or a malformed request line
// gets an error status, and the next request is served as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

// Not harness.mjs: this test needs no browser (nor playwright).
const ROOT = resolve(import.meta.dirname, '../..');
const WWW = join(ROOT, 'www');

const port = 7300 + (process.pid % 1000);

/// Sends raw bytes, returns the status code of the answer (0 if none).
function raw(request) {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.setTimeout(3000, () => socket.destroy());
    let data = '';
    socket.on('data', (d) => { data += d; });
    socket.on('close', () => ok(Number((/^HTTP\/1\.1 (\d+)/.exec(data) || [])[1] || 0)));
    socket.on('error', () => ok(0));
  });
}
const get = (path) => raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);

test('the server answers hostile requests and keeps serving', async () => {
  const server = spawn('node', [join(ROOT, 'scripts/web/serve.mjs'), WWW, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let exited = null;
  server.once('exit', (code) => { exited = code; });
  await new Promise((ok) => server.stdout.once('data', ok));
  try {
    assert.equal(await get('/%E0%A4%A'), 400);
    assert.equal(await get('/%00'), 400);
    assert.equal(await get('/..%2f..%2fetc/passwd'), 400);
    assert.equal(await get('/%2e%2e/%2e%2e/etc/passwd'), 404, 'the URL parser folds the dots: www/etc/passwd');
    assert.equal(await get('/no-such-file.js'), 404);
    assert.equal(await raw('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'), 405);
    assert.ok([0, 400].includes(await raw('GARBAGE\r\n\r\n')));
    assert.ok([0, 400].includes(await raw('GET / HTTP/1.1\r\nBad Header Without Colon\r\n\r\n')));
    assert.equal(await get('/index.html'), 200, 'still serving after the hostile requests');
    assert.equal(exited, null, 'the server did not exit');
  } finally {
    server.kill();
  }
});
