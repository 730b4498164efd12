//! Pins of every output the CLI gives, byte for byte: `check` (text, JSON,
//! JSON lines, the batch's CSV files and charts), `extract`, each renderer,
//! `aggregate`, the blank templates and the rule catalogue, over the sample,
//! the conformance inputs and the corpus.
//!
//! They guard restructurings that must not change behaviour (issue 16). A
//! change of output that is intended: run `UPDATE_GOLDEN=1 cargo test --test
//! pins`, then read the diff of `tests/golden/pins/` before committing it.
//! Office files (DOCX, XLSX) are pinned by their parts' text, so a diff
//! says what changed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLE: &str = "tests/fixtures/hongsibao-2025.json";

/// A scratch folder of this test binary; its path is written `$TMP` in the pins.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-pins-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One run of the CLI as text: the command, exit code, stdout and stderr.
fn run(args: &[&str], tmp: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs the CLI");
    let tmp = tmp.to_str().unwrap();
    let shown: Vec<String> = args.iter().map(|a| a.replace(tmp, "$TMP")).collect();
    let mut text = format!("$ nianbao {}\nexit: {:?}\n", shown.join(" "), out.status.code());
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let body = String::from_utf8(bytes.clone()).expect("UTF-8 output");
        if !body.is_empty() {
            let _ = write!(text, "--- {name}\n{}\n", body.replace(tmp, "$TMP"));
        }
    }
    text
}

/// A written file as text: office files part by part.
fn file_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = format!("--- file {} ({} bytes)\n", path.file_name().unwrap().to_string_lossy(), bytes.len());
    if bytes.starts_with(b"PK") {
        text += &zip_text(&bytes);
    } else {
        text += &String::from_utf8(bytes).expect("UTF-8 file");
        text.push('\n');
    }
    text
}

#[cfg(feature = "office")]
fn zip_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut body = String::new();
        part.read_to_string(&mut body).unwrap();
        let _ = write!(text, "=== part {}\n{body}\n", part.name());
    }
    text
}

#[cfg(not(feature = "office"))]
fn zip_text(bytes: &[u8]) -> String {
    format!("(zip of {} bytes)\n", bytes.len())
}

fn pin(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pins").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
        panic!(
            "{} differs from the output at line {line}; if intended, run UPDATE_GOLDEN=1 cargo test --test pins \
             and read the diff",
            path.display()
        );
    }
}

/// The conformance inputs, sorted, each with its `previous.json` if any.
fn conformance() -> Vec<(String, Option<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut cases: Vec<(String, Option<String>)> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let dir = e.unwrap().path();
            let input = std::fs::read_dir(&dir)
                .ok()?
                .map(|e| e.unwrap().path())
                .find(|p| p.file_stem().is_some_and(|s| s == "input"))?;
            let relative = |p: &Path| p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string();
            let previous = dir.join("previous.json");
            Some((relative(&input), previous.exists().then(|| relative(&previous))))
        })
        .collect();
    cases.sort();
    cases
}

/// The corpus's published reports and the other fixtures of real formats.
const PUBLISHED: &[&str] = &[
    "tests/corpus/hongze-2023.pdf",
    "tests/corpus/hongze-2024.pdf",
    "tests/corpus/huaian-2024.pdf",
    "tests/corpus/pingtan-2020.html",
    "tests/corpus/pingtan-2021.html",
    "tests/corpus/pingtan-2024-crawler.txt",
    "tests/corpus/pingtan-2024.html",
    "tests/fixtures/hongsibao-2025.md",
    "tests/fixtures/blank-template-2021.docx",
    "tests/fixtures/pingtan-2021-from-html.docx",
    "tests/fixtures/pingtan-2024-from-html.docx",
    "tests/fixtures/pdf-zoo/00000.libreoffice-narrow.pdf",
    "tests/fixtures/pdf-zoo/00001.chromium-borderless.pdf",
    "tests/fixtures/pdf-zoo/hongsibao-2025.chromium-narrow-break-header.pdf",
];

#[test]
fn check_of_each_conformance_input() {
    let tmp = scratch("check-conformance");
    let mut text = String::new();
    for (input, previous) in conformance() {
        let mut args = vec!["check", "--json"];
        if let Some(previous) = &previous {
            args.extend(["--previous", previous]);
        }
        args.push(&input);
        text += &run(&args, &tmp);
    }
    pin("check-conformance.txt", &text);
}

#[test]
fn check_and_extract_of_the_published_reports() {
    let tmp = scratch("published");
    let mut check = String::new();
    let mut extract = String::new();
    for input in PUBLISHED.iter().chain([&SAMPLE]) {
        check += &run(&["check", "--json", input], &tmp);
        check += &run(&["check", input], &tmp);
        extract += &run(&["extract", "--json", input], &tmp);
        extract += &run(&["extract", input], &tmp);
    }
    pin("check-published.txt", &check);
    pin("extract-published.txt", &extract);
}

#[test]
fn extract_of_each_conformance_input() {
    let tmp = scratch("extract-conformance");
    let mut text = String::new();
    for (input, _) in conformance() {
        text += &run(&["extract", "--json", &input], &tmp);
    }
    pin("extract-conformance.txt", &text);
}

#[test]
fn every_renderer() {
    let tmp = scratch("render");
    for input in [SAMPLE, "tests/corpus/pingtan-2024.html", "tests/conformance/X6-fail-title/input.json"] {
        let mut text = String::new();
        for to in ["html", "md", "json", "csv"] {
            text += &run(&["render", "--to", to, input], &tmp);
        }
        for to in ["docx", "xlsx"] {
            let out = tmp.join(format!("out.{to}"));
            text += &run(&["render", "--to", to, "-o", out.to_str().unwrap(), input], &tmp);
            text += &file_text(&out);
        }
        let name = Path::new(input).with_extension("");
        let name = name.to_string_lossy().replace('/', "_");
        pin(&format!("render-{name}.txt"), &text);
    }
}

#[test]
fn batch_check_of_the_corpus() {
    let tmp = scratch("batch");
    let units = tmp.join("units.txt");
    std::fs::write(&units, "平潭综合实验区管理委员会\n某某局\n淮安市人民政府\n").unwrap();
    let (summary, findings, charts) = (tmp.join("summary.csv"), tmp.join("findings.csv"), tmp.join("charts"));
    let mut text = run(
        &[
            "check",
            "--json",
            "tests/corpus",
            "tests/conformance/R9-warn-copied-table",
            "--units",
            units.to_str().unwrap(),
            "--summary-csv",
            summary.to_str().unwrap(),
            "--findings-csv",
            findings.to_str().unwrap(),
            "--charts",
            charts.to_str().unwrap(),
        ],
        &tmp,
    );
    text += &file_text(&summary);
    text += &file_text(&findings);
    let mut svgs: Vec<PathBuf> = std::fs::read_dir(&charts).unwrap().map(|e| e.unwrap().path()).collect();
    svgs.sort();
    for svg in svgs {
        text += &file_text(&svg);
    }
    text += &run(&["check", "tests/corpus", "--units", units.to_str().unwrap()], &tmp);
    text += &run(&["check", "--jsonl", "tests/corpus", "--units", units.to_str().unwrap()], &tmp);
    pin("batch-corpus.txt", &text);
}

#[test]
fn aggregate_of_the_corpus() {
    let tmp = scratch("aggregate");
    let mut text = String::new();
    for to in ["json", "md", "csv"] {
        text += &run(&["aggregate", "tests/corpus", "--organ", "全市", "--year", "2024", "--to", to], &tmp);
    }
    text += &run(&["aggregate", SAMPLE, SAMPLE, "--organ", "全区", "--compare", SAMPLE], &tmp);
    let out = tmp.join("sum.xlsx");
    text += &run(&["aggregate", SAMPLE, SAMPLE, "--to", "xlsx", "-o", out.to_str().unwrap()], &tmp);
    text += &file_text(&out);
    pin("aggregate.txt", &text);
}

#[test]
fn templates_rule_catalogue_and_usage() {
    let tmp = scratch("templates");
    let mut text = String::new();
    for to in ["xlsx", "docx"] {
        let out = tmp.join(format!("template.{to}"));
        text += &run(&["template", "--to", to, "-o", out.to_str().unwrap()], &tmp);
        text += &file_text(&out);
    }
    pin("templates.txt", &text);
    pin("rules.txt", &(run(&["rules"], &tmp) + &run(&["rules", "--json"], &tmp)));
    pin("usage.txt", &(run(&["--help"], &tmp) + &run(&["check"], &tmp) + &run(&["frobnicate"], &tmp)));
}

#[test]
fn compare_year_over_year_and_versions() {
    let tmp = scratch("compare");
    let mut text = String::new();
    let (hongze_2023, hongze_2024) = ("tests/corpus/hongze-2023.pdf", "tests/corpus/hongze-2024.pdf");
    let corrected = "tests/fixtures/hongsibao-2025-corrected.json";
    text += &run(&["compare", hongze_2023, hongze_2024], &tmp);
    text += &run(&["compare", hongze_2023, hongze_2024, "--format", "json"], &tmp);
    text += &run(&["compare", SAMPLE, corrected], &tmp);
    let out = tmp.join("versions.docx");
    text += &run(&["compare", SAMPLE, corrected, "-o", out.to_str().unwrap()], &tmp);
    text += &file_text(&out);
    pin("compare.txt", &text);
}
