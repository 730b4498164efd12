//! 检查凭证: a short block (and a JSON) that says which report was checked,
//! with which rules, and what was found — so that an office receiving a
//! report together with its certificate can tell, offline and without a
//! server, that the report it holds is the one that was checked.
//!
//! The report is named by the SHA-256 of its bytes (a content hash nobody
//! can forge a second file for; the batch review's FNV key
//! [`report_identity`](crate::batch::review::report_identity) is only
//! meant to tell a batch's files apart, and is written beside it so a
//! certificate can be matched with the review's marks). The rules by the
//! tool's version and a fingerprint of the rule catalogue (codes, levels,
//! titles): a certificate made with other rules says so on verification.

use crate::finding::Tally;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `kind` of a certificate's JSON.
const KIND: &str = "nianbao-check-certificate/1";

/// Longest certificate read back (a JSON of a few hundred bytes, or its text block).
const MAX_CERTIFICATE_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub kind: String,
    /// The checked file's name, as given (for people; not verified).
    pub file: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
    /// 机关 and 年度 as read from the report.
    pub organ: String,
    pub year: Option<i32>,
    /// The tool's version (`nianbao 0.1.0`).
    pub tool: String,
    /// The number of rules and the catalogue's fingerprint.
    pub rules: usize,
    pub catalogue: String,
    pub counts: Counts,
}

/// Counts by severity as the certificate records them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl From<Tally> for Counts {
    fn from(t: Tally) -> Counts {
        Counts { error: t.error, warning: t.warning, info: t.info }
    }
}

/// SHA-256 of bytes as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of the rule catalogue: the first 16 hex digits of the
/// SHA-256 of each rule's code, levels and title, one line each.
fn catalogue_fingerprint() -> String {
    let mut text = String::new();
    for rule in crate::rules::RULES {
        text.push_str(&format!("{}|{}|{}\n", rule.code, rule.levels_label(), rule.title));
    }
    sha256_hex(text.as_bytes())[..16].to_string()
}

/// The certificate of a file (its bytes, as received) and its check.
pub fn certify(name: &str, bytes: &[u8], report: &crate::Report, counts: Tally) -> Certificate {
    Certificate {
        kind: KIND.to_string(),
        file: name.to_string(),
        bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        organ: report.meta.organ.trim().to_string(),
        year: report.meta.year,
        tool: format!("nianbao {}", env!("CARGO_PKG_VERSION")),
        rules: crate::rules::RULES.len(),
        catalogue: catalogue_fingerprint(),
        counts: counts.into(),
    }
}

impl Certificate {
    /// The certificate as a short block of text, to print, paste into a
    /// message or put under the report.
    pub fn text(&self) -> String {
        let year = self.year.map_or("未写明".to_string(), |y| format!("{y} 年"));
        let organ = if self.organ.is_empty() { "未写明" } else { &self.organ };
        format!(
            "【政府信息公开工作年度报告 检查凭证】\n机关：{organ}　年度：{year}\n文件：{}（{} 字节）\n内容指纹（SHA-256）：{}\n检查结果：错误 {}，警告 {}，提示 {}\n规则：{}，{} 条规则，目录指纹 {}\n核验：用 nianbao verify 或检查页的「核验凭证」，对照收到的文件重新计算内容指纹。\n",
            self.file,
            self.bytes,
            self.sha256,
            self.counts.error,
            self.counts.warning,
            self.counts.info,
            self.tool,
            self.rules,
            self.catalogue
        )
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a certificate: its JSON, or its text block (as pasted from a
    /// message: the fingerprint line is what matters). A clear Chinese
    /// error otherwise.
    pub fn parse(input: &[u8]) -> Result<Certificate, String> {
        if input.len() > MAX_CERTIFICATE_BYTES {
            return Err(format!("凭证文件过大（{} 字节），不像检查凭证：凭证只有几百字节。", input.len()));
        }
        let text = std::str::from_utf8(input).map_err(|_| "凭证不是 UTF-8 文本，无法读取。".to_string())?;
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.starts_with('{') {
            let cert: Certificate = serde_json::from_str(text)
                .map_err(|e| format!("凭证 JSON 无法读取（第 {} 行）：格式不对。", e.line()))?;
            if cert.kind != KIND {
                return Err(format!("不是检查凭证：kind 为「{}」，应为「{KIND}」。", cert.kind));
            }
            if !is_sha256(&cert.sha256) {
                return Err("凭证中的内容指纹不是 64 位十六进制数。".to_string());
            }
            return Ok(cert);
        }
        from_text(text)
    }
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The value after `label` on its line, if the text has such a line.
fn line_value<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    text.lines().find_map(|line| line.trim().strip_prefix(label)).map(str::trim)
}

fn from_text(text: &str) -> Result<Certificate, String> {
    let sha = line_value(text, "内容指纹（SHA-256）：")
        .ok_or("凭证中没有“内容指纹（SHA-256）：”一行：请粘贴完整的检查凭证或选择凭证 JSON 文件。")?
        .to_ascii_lowercase();
    if !is_sha256(&sha) {
        return Err("凭证中的内容指纹不是 64 位十六进制数：可能复制不完整。".to_string());
    }
    let number_after = |line: &str, word: &str| -> Option<usize> {
        let rest = &line[line.find(word)? + word.len()..];
        let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let counts = line_value(text, "检查结果：").map_or(Counts::default(), |l| Counts {
        error: number_after(l, "错误").unwrap_or(0),
        warning: number_after(l, "警告").unwrap_or(0),
        info: number_after(l, "提示").unwrap_or(0),
    });
    let file_line = line_value(text, "文件：").unwrap_or_default();
    let (file, bytes) = match file_line.rsplit_once('（') {
        Some((name, size)) => (name.to_string(), size.trim_end_matches("字节）").trim().parse().unwrap_or(0)),
        None => (file_line.to_string(), 0),
    };
    let rules_line = line_value(text, "规则：").unwrap_or_default();
    let mut parts = rules_line.split('，');
    let tool = parts.next().unwrap_or_default().to_string();
    let rules = parts.next().and_then(|p| p.trim_end_matches(" 条规则").trim().parse().ok()).unwrap_or(0);
    let catalogue = parts.next().map_or(String::new(), |p| p.trim_start_matches("目录指纹").trim().to_string());
    let head = line_value(text, "机关：").unwrap_or_default();
    let (organ, year) = match head.split_once('　') {
        Some((organ, year)) => {
            (organ.to_string(), year.trim_start_matches("年度：").trim_end_matches(" 年").trim().parse().ok())
        }
        None => (head.to_string(), None),
    };
    Ok(Certificate {
        kind: KIND.to_string(),
        file,
        bytes,
        sha256: sha,
        organ: if organ == "未写明" { String::new() } else { organ },
        year,
        tool,
        rules,
        catalogue,
        counts,
    })
}

/// What verifying a received file against a certificate found.
#[derive(Clone, Debug, Serialize)]
pub struct Verification {
    /// The file is byte for byte the one certified.
    pub matches: bool,
    pub expected_sha256: String,
    pub actual_sha256: String,
    /// The certificate was made with the same rules as this tool has.
    pub same_rules: bool,
    /// This tool's check of the received file.
    pub counts_now: Option<Counts>,
    pub certificate: Certificate,
    /// The verdict in words.
    pub text: String,
}

/// Verifies received bytes against a certificate; `counts_now` is this
/// tool's check of them (when they could be read).
pub fn verify(bytes: &[u8], certificate: Certificate, counts_now: Option<Tally>) -> Verification {
    let counts_now = counts_now.map(Counts::from);
    let actual = sha256_hex(bytes);
    let matches = actual == certificate.sha256;
    let same_rules = certificate.catalogue.is_empty() || certificate.catalogue == catalogue_fingerprint();
    let mut text = if matches {
        format!(
            "一致：收到的文件与凭证所检查的文件完全相同（内容指纹 {}…）。凭证记录的检查结果：错误 {}，警告 {}，提示 {}。",
            &actual[..16],
            certificate.counts.error,
            certificate.counts.warning,
            certificate.counts.info
        )
    } else {
        format!(
            "不一致：收到的文件不是凭证所检查的那一份（凭证 {}…，收到的文件 {}…）。文件在检查后被改动过，或发错了文件；请要求报送单位重新检查并提供新的凭证。",
            &certificate.sha256[..16],
            &actual[..16]
        )
    };
    if matches && !same_rules {
        text.push_str("凭证由另一版本的规则生成，本工具现在的检查结果可能不同。");
    }
    if let (true, Some(now)) = (matches, counts_now) {
        if now != certificate.counts {
            text.push_str(&format!("本工具现在检查：错误 {}，警告 {}，提示 {}。", now.error, now.warning, now.info));
        }
    }
    Verification {
        matches,
        expected_sha256: certificate.sha256.clone(),
        actual_sha256: actual,
        same_rules,
        counts_now,
        certificate,
        text,
    }
}

/// A certificate among several received with a batch of reports.
#[derive(Clone, Debug, Serialize)]
pub struct Received {
    /// The certificate's own file name.
    pub certificate: String,
    /// The report it is about: the received file whose content hash is the
    /// certificate's, else the one named as the certificate names it (then
    /// it was changed after the check); none when neither was received.
    pub file: Option<String>,
    /// Verified against that file.
    pub matches: bool,
    /// The verdict in words (or why the certificate could not be read).
    pub text: String,
}

/// What a superior office received: reports and certificates, matched.
#[derive(Clone, Debug, Serialize)]
pub struct BatchVerification {
    /// One per certificate, in the order given.
    pub certificates: Vec<Received>,
    /// The reports no certificate is about, in the order given.
    pub without: Vec<String>,
}

/// Verifies every certificate received with a batch of reports (each as
/// name and bytes): which report each is about, whether that report is
/// the one checked, and which reports came without one. Each report's
/// bytes are hashed once.
pub fn verify_batch(reports: &[(&str, &[u8])], certificates: &[(&str, &[u8])]) -> BatchVerification {
    let hashes: Vec<String> = reports.iter().map(|(_, bytes)| sha256_hex(bytes)).collect();
    let mut certified = vec![false; reports.len()];
    let results = certificates
        .iter()
        .map(|(name, input)| {
            let unread = |text: String| Received { certificate: name.to_string(), file: None, matches: false, text };
            let certificate = match Certificate::parse(input) {
                Ok(c) => c,
                Err(e) => return unread(format!("无法读取：{e}")),
            };
            let by_hash = hashes.iter().position(|h| *h == certificate.sha256);
            // By name, or by its last part (a report inside a zip or a folder).
            let named = |n: &str| n == certificate.file || n.rsplit('/').next() == Some(certificate.file.as_str());
            let by_name = || reports.iter().position(|(n, _)| !certificate.file.is_empty() && named(n));
            let Some(i) = by_hash.or_else(by_name) else {
                return unread(format!(
                    "收到的报告中没有凭证所检查的文件「{}」（内容指纹 {}…）：报告没有收到，或收到的是另一份文件且文件名不同。",
                    certificate.file,
                    &certificate.sha256[..16]
                ));
            };
            certified[i] = true;
            let verification = verify(reports[i].1, certificate, None);
            Received {
                certificate: name.to_string(),
                file: Some(reports[i].0.to_string()),
                matches: verification.matches,
                text: verification.text,
            }
        })
        .collect();
    let without = reports.iter().zip(&certified).filter(|(_, &c)| !c).map(|((name, _), _)| name.to_string()).collect();
    BatchVerification { certificates: results, without }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<u8>, Certificate) {
        let bytes = b"{\"schema\":\"gov-info-annual-report/2021\"}".to_vec();
        let mut report = crate::Report::new();
        report.meta.organ = "某局".into();
        report.meta.year = Some(2025);
        let cert = certify("年报.json", &bytes, &report, Tally { error: 1, warning: 2, info: 0 });
        (bytes, cert)
    }

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn the_same_file_verifies_a_changed_one_does_not() {
        let (bytes, cert) = sample();
        let ok = verify(&bytes, cert.clone(), Some(Tally { error: 1, warning: 2, info: 0 }));
        assert!(ok.matches && ok.same_rules, "{}", ok.text);
        assert!(ok.text.starts_with("一致"));
        let mut changed = bytes.clone();
        changed[3] ^= 1;
        let bad = verify(&changed, cert, None);
        assert!(!bad.matches);
        assert!(bad.text.starts_with("不一致"));
    }

    #[test]
    fn the_json_and_the_text_block_read_back() {
        let (_, cert) = sample();
        assert_eq!(Certificate::parse(cert.to_json().as_bytes()).unwrap(), cert);
        let from_text = Certificate::parse(cert.text().as_bytes()).unwrap();
        assert_eq!(from_text, cert, "{}", cert.text());
        // Pasted with a blank line and spaces around.
        let pasted = format!("\n  {}\n", cert.text().replace('\n', "\n  "));
        assert_eq!(Certificate::parse(pasted.as_bytes()).unwrap().sha256, cert.sha256);
    }

    #[test]
    fn a_batch_matches_certificates_by_content_then_by_name() {
        let (bytes, cert) = sample();
        let mut changed = bytes.clone();
        changed[3] ^= 1;
        let mut renamed = cert.clone();
        renamed.file = "另一个名字.json".into();
        let mut other = cert.clone();
        other.sha256 = "0".repeat(64);
        other.file = "没收到.json".into();
        let reports: [(&str, &[u8]); 3] =
            [("甲县.zip/年报.json", &changed), ("改名后.json", &bytes), ("无凭证.json", b"{}")];
        let (a, b, c) = (cert.to_json(), renamed.text(), other.to_json());
        let certificates: [(&str, &[u8]); 4] =
            [("a.json", a.as_bytes()), ("b.txt", b.as_bytes()), ("c.json", c.as_bytes()), ("d.txt", b"<x>")];
        let v = verify_batch(&reports, &certificates);
        let found: Vec<_> = v.certificates.iter().map(|r| (r.file.as_deref(), r.matches)).collect();
        // a: its hash is 改名后.json's (sent under another name), b too; c: nothing; d: unreadable.
        assert_eq!(found, [(Some("改名后.json"), true), (Some("改名后.json"), true), (None, false), (None, false)]);
        assert!(v.certificates[2].text.contains("没收到.json"), "{}", v.certificates[2].text);
        assert!(v.certificates[3].text.starts_with("无法读取"), "{}", v.certificates[3].text);
        assert_eq!(v.without, ["甲县.zip/年报.json", "无凭证.json"]);
        // By name when the content differs: the report changed after the check.
        let v = verify_batch(&reports[..1], &certificates[..1]);
        assert_eq!(v.certificates[0].file.as_deref(), Some("甲县.zip/年报.json"));
        assert!(!v.certificates[0].matches && v.certificates[0].text.starts_with("不一致"));
        assert!(v.without.is_empty());
    }

    #[test]
    fn other_rules_are_said() {
        let (bytes, mut cert) = sample();
        cert.catalogue = "0000000000000000".into();
        let v = verify(&bytes, cert, None);
        assert!(v.matches && !v.same_rules);
        assert!(v.text.contains("另一版本的规则"));
    }

    #[test]
    fn anything_else_is_a_chinese_error() {
        for bad in [&b"hello"[..], b"{}", b"{\"kind\":\"x\"}", b"\xff\xfe", "内容指纹（SHA-256）：abc".as_bytes()]
        {
            let e = Certificate::parse(bad).unwrap_err();
            assert!(e.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{e}");
        }
        assert!(Certificate::parse(&vec![b' '; MAX_CERTIFICATE_BYTES + 1]).is_err());
    }
}
