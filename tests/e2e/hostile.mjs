// Hostile PDFs of issue #14, built here byte by byte (a few hundred bytes
// each) so that the browser tests load exactly what once broke the page:
// item 9's font whose /FirstChar is 4294967295 (the PDF reader panicked:
// “批量检查失败 (unreachable)” and no row for any other file) and item 3's
// form XObject that draws itself (a stack overflow: “memory access out of
// bounds”). The Rust tests (src/import/pdf/hostile.rs) build the same.

/// A one-page PDF whose page content is `content`, with `resources` and
/// `extra` objects numbered from 5 (written `N 0 R` in the text).
function pdf({ content, resources, extra = [] }) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents 4 0 R >>`,
    stream('', content),
    ...extra,
  ];
  let out = '%PDF-1.5\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function stream(dictionary, data) {
  return `<< ${dictionary} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
}

/// Item 9: text in a font whose first character code is 2^32 − 1.
export function firstCharPdf() {
  return pdf({
    content: 'BT /F1 12 Tf 72 720 Td (2025) Tj ET',
    resources: '<< /Font << /F1 5 0 R >> >>',
    extra: ['<< /Type /Font /Subtype /TrueType /BaseFont /Helvetica /FirstChar 4294967295 /LastChar 4294967295 /Widths [500] >>'],
  });
}

/// Item 3: a form XObject whose content is `/X1 Do`, /X1 being itself.
export function selfDrawingFormPdf() {
  return pdf({
    content: '/X1 Do',
    resources: '<< /XObject << /X1 5 0 R >> >>',
    extra: [stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >>', '/X1 Do')],
  });
}
