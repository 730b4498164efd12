// Downloads, the same on every page: a file the browser saves, made here
// from the core's output (no request leaves the page), and the MIME types
// of the Office files.

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Saves `content` (a string, saved as UTF-8, or bytes) as the file `name`.
export function download(name, content, mime) {
  const blob = new Blob([content], { type: mime + (typeof content === 'string' ? ';charset=utf-8' : '') });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}
