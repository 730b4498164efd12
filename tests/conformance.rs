//! The conformance suite: every folder in `tests/conformance/` is a case —
//! one `input.*` file (any format nianbao reads), an optional
//! `previous.json` (last year's report), an optional `batch/` folder (other
//! reports checked in one batch with it) and `expected.json` listing the
//! exact findings: rule, severity and cells (the first cell must match,
//! the others must be named). Nothing more and nothing less may be found.
//! See `tests/conformance/README.md` for how to add a case.

use nianbao::rules::RULES;
use nianbao::{CheckOptions, Finding};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Expected {
    #[allow(dead_code)]
    description: String,
    findings: Vec<ExpectedFinding>,
}

#[derive(Deserialize, Debug)]
struct ExpectedFinding {
    rule: String,
    severity: String,
    cells: Vec<nianbao::Location>,
}

impl ExpectedFinding {
    fn matches(&self, f: &Finding) -> bool {
        f.rule.as_str() == self.rule
            && f.severity.key() == self.severity
            && f.cells.first() == self.cells.first()
            && self.cells.iter().all(|c| f.cells.contains(c))
    }
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

fn input_of(dir: &Path) -> PathBuf {
    let inputs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_stem().is_some_and(|s| s == "input"))
        .collect();
    assert_eq!(inputs.len(), 1, "{}: exactly one input.* file", dir.display());
    inputs.into_iter().next().unwrap()
}

fn run_case(dir: &Path) -> Result<Vec<Finding>, String> {
    let input = input_of(dir);
    let bytes = std::fs::read(&input).unwrap();
    let imported = nianbao::import(&bytes, input.file_name().and_then(|n| n.to_str())).map_err(|e| e.to_string())?;
    let previous = dir.join("previous.json");
    let previous = previous
        .exists()
        .then(|| nianbao::import(&std::fs::read(&previous).unwrap(), Some("previous.json")).unwrap().report);
    let batch = dir.join("batch");
    if batch.is_dir() {
        return Ok(in_a_batch(imported, &batch));
    }
    Ok(nianbao::check_imported(&imported, &CheckOptions::with_previous(previous.as_ref())))
}

/// The input's findings when checked in a batch with the reports of `batch/`
/// (for R9, R10, which compare reports of one batch).
fn in_a_batch(imported: nianbao::Imported, batch: &Path) -> Vec<Finding> {
    let mut others: Vec<PathBuf> = std::fs::read_dir(batch).unwrap().map(|e| e.unwrap().path()).collect();
    others.sort();
    let mut entries = vec![nianbao::batch::Entry { source: "input".into(), imported: Ok(imported) }];
    for path in others {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let imported = nianbao::import(&std::fs::read(&path).unwrap(), Some(&name));
        entries.push(nianbao::batch::Entry { source: name, imported });
    }
    let checked = nianbao::batch::check(&entries, nianbao::rules::copying::DEFAULT_THRESHOLD);
    checked.reports.into_iter().next().unwrap().findings.unwrap()
}

/// Compares what was found with what was expected; describes every difference.
fn compare(found: &[Finding], expected: &[ExpectedFinding]) -> Vec<String> {
    let mut unmatched: Vec<&Finding> = found.iter().collect();
    let mut problems = Vec::new();
    for e in expected {
        match unmatched.iter().position(|f| e.matches(f)) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => problems.push(format!("missing {} {} {:?}", e.rule, e.severity, e.cells)),
        }
    }
    for f in unmatched {
        problems.push(format!("unexpected {} {} {:?}: {}", f.rule, f.severity.key(), f.cells, f.message));
    }
    problems
}

#[test]
fn every_case_gives_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 40, "the suite is present");
    for dir in &cases {
        let expected: Expected =
            serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).expect("valid expected.json");
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        match run_case(dir) {
            Ok(found) => {
                for problem in compare(&found, &expected.findings) {
                    failures.push(format!("{name}: {problem}"));
                }
            }
            Err(e) => failures.push(format!("{name}: cannot import: {e}")),
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_rule_has_a_failing_and_a_passing_case() {
    let names: Vec<String> = cases().iter().map(|d| d.file_name().unwrap().to_string_lossy().to_string()).collect();
    for rule in RULES {
        let prefix = format!("{}-", rule.code);
        let fails = names.iter().filter(|n| n.starts_with(&prefix) && !n[prefix.len()..].starts_with("pass")).count();
        let passes = names.iter().filter(|n| n.starts_with(&format!("{prefix}pass"))).count();
        assert!(fails > 0 && passes > 0, "rule {} needs {}fail-… and {}pass-… cases", rule.code, prefix, prefix);
    }
}

#[test]
fn failing_cases_find_their_rule_and_passing_cases_do_not() {
    for dir in cases() {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let Some((code, kind)) = name.split_once('-') else { continue };
        if RULES.iter().all(|r| r.code != code) {
            continue;
        }
        let found = run_case(&dir).unwrap();
        let fires = found.iter().any(|f| f.rule == code);
        assert_eq!(fires, !kind.starts_with("pass"), "{name}");
    }
}
