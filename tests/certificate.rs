//! 检查凭证 from the command line: `nianbao certify` gives the text block
//! and the JSON; `nianbao verify` says 一致 (exit 0) for the same file and
//! 不一致 (exit 1) for a changed one, from the JSON or the pasted text.

mod common;
use common::{nianbao, temp, SAMPLE};

#[test]
fn certify_then_verify_the_same_and_a_changed_file() {
    let json = temp("凭证.json");
    let out = nianbao(&["certify", SAMPLE, "-o", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let sha = nianbao::certificate::sha256_hex(&std::fs::read(SAMPLE).unwrap());
    assert!(text.contains(&format!("内容指纹（SHA-256）：{sha}")), "{text}");
    assert!(text.contains("机关：红寺堡区人民政府") && text.contains("错误 1，警告 3，提示 0"), "{text}");

    let same = nianbao(&["verify", SAMPLE, json.to_str().unwrap()]);
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).starts_with("一致"));

    // The pasted text block verifies as well as the JSON.
    let pasted = temp("凭证.txt");
    std::fs::write(&pasted, &text).unwrap();
    assert_eq!(nianbao(&["verify", SAMPLE, pasted.to_str().unwrap()]).status.code(), Some(0));

    let changed = temp("改过的.json");
    let original = std::fs::read_to_string(SAMPLE).unwrap();
    std::fs::write(&changed, original.replacen("红寺堡区人民政府", "红寺堡区人民政府办公室", 1)).unwrap();
    let other = nianbao(&["verify", changed.to_str().unwrap(), json.to_str().unwrap()]);
    assert_eq!(other.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&other.stdout).starts_with("不一致"));
}

#[test]
fn a_bad_certificate_is_a_chinese_error() {
    let junk = temp("junk.json");
    std::fs::write(&junk, "{\"kind\": \"something else\"}").unwrap();
    let out = nianbao(&["verify", SAMPLE, junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("凭证") && !err.contains("panicked"), "{err}");
    let out = nianbao(&["verify", SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
}
