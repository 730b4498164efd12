//! Web pages saved as one file (“网页，单个文件”: `.mhtml` from Chromium,
//! Edge and 360, `.mht` from Internet Explorer): a MIME message whose first
//! `text/html` part is the page, quoted-printable (Chromium) or base64
//! (Internet Explorer, often in GBK). The page is taken out of it and read
//! as a saved web page; the pictures and style sheets beside it are not
//! needed.

#[cfg(feature = "mhtml")]
use crate::error::ImportError;

/// How far into the file its headers are looked for.
const HEAD: usize = 16 * 1024;
/// Most parts looked through for the page (a page saves one per picture).
#[cfg(feature = "mhtml")]
const MAX_PARTS: usize = 10_000;

/// Whether `bytes` are a saved single-file page: MIME headers naming
/// `multipart/related` before the first blank line.
pub fn is_mhtml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD)];
    // The file opens with a header line (`From: <Saved by Blink>`, `MIME-Version: 1.0`).
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let name_end = first.iter().position(|&b| b == b':').unwrap_or(0);
    if name_end == 0 || !first[..name_end].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-') {
        return false;
    }
    let headers = &head[..header_end(head).map_or(head.len(), |(end, _)| end)];
    let lower = headers.to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    has(b"mime-version:") && has(b"multipart/related")
}

/// The saved page's HTML, its transfer encoding undone (its character set
/// is the page's own, read as a web page's).
#[cfg(feature = "mhtml")]
pub fn page(bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let broken = || ImportError::new("单个文件网页（MHTML）不完整或已损坏：请在浏览器中重新“另存为”后再试");
    let (end, body_start) = header_end(bytes).ok_or_else(broken)?;
    let headers = Headers::parse(&bytes[..end]);
    let boundary = headers.param("content-type", "boundary").filter(|b| !b.is_empty()).ok_or_else(broken)?;
    let delimiter = [b"--".as_slice(), boundary.as_bytes()].concat();
    let body = &bytes[body_start..];
    let mut parts = split(body, &delimiter).skip(1).take(MAX_PARTS);
    let page = parts.find_map(|part| {
        let (end, content) = header_end(part)?;
        let headers = Headers::parse(&part[..end]);
        let kind = headers.get("content-type").unwrap_or_default().to_ascii_lowercase();
        kind.starts_with("text/html").then(|| (headers, &part[content..]))
    });
    let (headers, content) = page.ok_or_else(|| ImportError::new("单个文件网页（MHTML）中没有找到网页内容"))?;
    let encoding = headers.get("content-transfer-encoding").unwrap_or_default().trim().to_ascii_lowercase();
    match encoding.as_str() {
        "quoted-printable" => Ok(quoted_printable(content)),
        "base64" => {
            use base64::Engine;
            let letters: Vec<u8> = content.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
            base64::engine::general_purpose::STANDARD.decode(&letters).map_err(|_| broken())
        }
        _ => Ok(content.to_vec()),
    }
}

/// Where a block of MIME headers ends: (end of the headers, start of what
/// follows the blank line).
fn header_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|at| (at, at + 4));
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|at| (at, at + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The pieces of `body` between lines that begin with `delimiter`.
#[cfg(feature = "mhtml")]
fn split<'a>(body: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let text = rest?;
        let at = (0..text.len())
            .find(|&i| (i == 0 || text[i - 1] == b'\n') && text[i..].starts_with(delimiter))
            .unwrap_or(text.len());
        let piece = &text[..at];
        rest = text.get(at + delimiter.len()..).and_then(|after| {
            // The closing delimiter (`--boundary--`) ends the message.
            (!after.starts_with(b"--")).then(|| {
                let line_end = after.iter().position(|&b| b == b'\n').map_or(after.len(), |p| p + 1);
                &after[line_end..]
            })
        });
        Some(piece)
    })
}

/// Quoted-printable undone: `=XX` is a byte, `=` at the end of a line
/// joins it to the next; anything else is kept as it is.
#[cfg(feature = "mhtml")]
fn quoted_printable(text: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] != b'=' {
            out.push(text[i]);
            i += 1;
            continue;
        }
        match (text.get(i + 1), text.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&a), Some(&b)) if hex(a).is_some() && hex(b).is_some() => {
                out.push(hex(a).unwrap_or(0) << 4 | hex(b).unwrap_or(0));
                i += 3;
            }
            _ => {
                out.push(b'=');
                i += 1;
            }
        }
    }
    out
}

/// A block of MIME headers, continuation lines unfolded.
#[cfg(feature = "mhtml")]
struct Headers(Vec<(String, String)>);

#[cfg(feature = "mhtml")]
impl Headers {
    fn parse(bytes: &[u8]) -> Headers {
        let text = String::from_utf8_lossy(bytes);
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in text.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = fields.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
            } else if let Some((name, value)) = line.split_once(':') {
                fields.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
        Headers(fields)
    }

    fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    /// A parameter of a field (`boundary="…"` of Content-Type).
    fn param(&self, name: &str, param: &str) -> Option<String> {
        let value = self.get(name)?;
        value.split(';').skip(1).find_map(|p| {
            let (key, v) = p.split_once('=')?;
            (key.trim().eq_ignore_ascii_case(param)).then(|| v.trim().trim_matches('"').to_string())
        })
    }
}

#[cfg(all(test, feature = "mhtml"))]
mod tests {
    use super::*;

    const SAVED: &str = "From: <Saved by Blink>\r\nSubject: =?utf-8?Q?=E5=B9=B4=E6=8A=A5?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n\r\n------MultipartBoundary--abc----\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p class=3D\"t\">=E6=80=BB=E8=AE=A1 a long line that is =\r\ncut</p></body></html>\r\n------MultipartBoundary--abc----\r\nContent-Type: text/css\r\n\r\np{}\r\n------MultipartBoundary--abc------\r\n";

    #[test]
    fn the_page_is_taken_out_of_a_saved_file() {
        assert!(is_mhtml(SAVED.as_bytes()));
        let page = String::from_utf8(page(SAVED.as_bytes()).unwrap()).unwrap();
        assert!(page.starts_with("<html><body><p class=\"t\">总计 a long line that is cut</p>"), "{page}");
        assert!(!page.contains("p{}"));
    }

    #[test]
    fn a_base64_page_of_internet_explorer() {
        use base64::Engine;
        let html = base64::engine::general_purpose::STANDARD.encode("<html>总计</html>");
        let (first, second) = html.split_at(8);
        let saved = format!(
            "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b1\n\n--b1\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n{first}\n{second}\n--b1--\n"
        );
        assert!(is_mhtml(saved.as_bytes()));
        assert_eq!(page(saved.as_bytes()).unwrap(), "<html>总计</html>".as_bytes());
    }

    #[test]
    fn a_damaged_file_is_a_chinese_error() {
        for bad in [
            "MIME-Version: 1.0\nContent-Type: multipart/related\n\n--x\n",
            "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\nContent-Type: image/png\n\nPNG\n--x--",
            "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n!!!\n--x--",
        ] {
            let e = page(bad.as_bytes()).unwrap_err();
            assert!(e.message.contains("MHTML"), "{e}");
        }
        assert!(!is_mhtml(b"<html>MIME-Version: multipart/related</html>"));
    }

    #[test]
    fn quoted_printable_keeps_what_it_cannot_decode() {
        assert_eq!(quoted_printable(b"a=3Db=\nc=ZZ="), b"a=bc=ZZ=");
    }
}

#[cfg(all(test, not(feature = "mhtml")))]
mod without_the_feature {
    #[test]
    fn a_saved_page_is_a_chinese_error_naming_what_to_save_instead() {
        let saved = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\nContent-Type: text/html\n\n<html></html>\n--x--\n";
        let e = crate::import::import(saved.as_bytes(), Some("a.mhtml")).map(|_| ()).unwrap_err();
        assert!(e.message.contains("网页，全部"), "{e}");
    }
}
