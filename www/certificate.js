// 检查凭证 on the page: a download (the certificate's JSON) and its text
// block to copy, for the report in view; and 核验凭证: pick the certificate
// a unit sent with its report, and the page says whether the report in
// view is byte for byte the one that was checked. Made by the full module
// (src/wasm_certificate.rs); nothing leaves the browser.

import { currentFile, onReady, onShow, addExport } from './app.js';
import { OFFICE } from './engine.js';

const $ = function (id) { return document.getElementById(id); };

let engine = null;

addExport({ id: 'certificate', label: '检查凭证', title: '检查凭证（JSON：内容指纹、规则版本、检查结果，随报告一起报送）', ext: '-检查凭证.json', mime: 'application/json',
  make: function (theEngine, file) {
    return theEngine.call(OFFICE, 'certifyFile', [file.bytes, file.name]).then(function (r) { return r.json; });
  } });

onReady(function (theEngine) {
  engine = theEngine;
  if (!$('certificate-slot')) return;
  $('certificate-show').addEventListener('click', function () {
    const file = currentFile();
    const box = $('certificate-text');
    if (!file) return;
    if (!box.hidden) { box.hidden = true; return; }
    engine.call(OFFICE, 'certifyFile', [file.bytes, file.name]).then(function (r) {
      box.textContent = r.text;
      box.hidden = false;
    }).catch(function (e) { say('bad', '⚠ ' + message(e)); });
  });
  $('certificate-pick').addEventListener('click', function () { $('certificate-file').click(); });
  $('certificate-file').addEventListener('change', function () {
    const picked = $('certificate-file').files[0];
    $('certificate-file').value = '';
    const file = currentFile();
    if (!picked || !file) return;
    say('', '正在核验……');
    picked.arrayBuffer().then(function (buffer) {
      return engine.call(OFFICE, 'verifyFile', [file.bytes, file.name, new Uint8Array(buffer)]);
    }).then(function (v) {
      say(v.matches ? 'ok' : 'bad', (v.matches ? '✔ ' : '✖ ') + v.text);
    }).catch(function (e) { say('bad', '⚠ 凭证「' + picked.name + '」无法读取：' + message(e)); });
  });
});

// Another report shown: the last verdict was about the one before.
onShow(function (file) {
  const slot = $('certificate-slot');
  if (!slot) return;
  slot.hidden = !file || !file.result;
  say('', '');
  $('certificate-text').hidden = true;
});

function say(state, text) {
  const box = $('certificate-result');
  box.textContent = text;
  box.dataset.state = state;
}

function message(e) { return e && e.message ? e.message : String(e); }
