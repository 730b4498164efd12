//! The CLI as a user runs it: exit codes, the human and JSON reports, the
//! renderings (golden files) and the data round trips.
//!
//! Golden files: run `UPDATE_GOLDEN=1 cargo test --test cli` after an
//! intended change of the rendering, then look at the diff.

mod common;
use common::{nianbao, stdout, temp, SAMPLE};
use std::path::Path;

#[test]
fn check_sample_finds_the_review_total_and_the_prose_contradiction() {
    let out = nianbao(&["check", SAMPLE]);
    assert_eq!(out.status.code(), Some(1), "errors found → exit 1");
    let text = stdout(&out);
    assert!(text.contains("[A4]") && text.contains("review_litigation.review.total"), "{text}");
    assert!(text.contains("[X1]") && text.contains("sections.overview"), "{text}");
    assert!(text.contains("应为：2；实际：0"), "{text}");
}

#[test]
fn check_json_has_the_documented_shape() {
    let out = nianbao(&["check", "--json", SAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let report = &doc["reports"][0];
    assert_eq!(report["source"], SAMPLE);
    let findings = report["findings"].as_array().unwrap();
    let a4 = findings.iter().find(|f| f["rule"] == "A4").expect("A4");
    assert_eq!(a4["severity"], "error");
    assert_eq!(a4["cells"][0], "review_litigation.review.total");
    assert_eq!((a4["expected"].as_str(), a4["actual"].as_str()), (Some("2"), Some("0")));
    let x1 = findings.iter().find(|f| f["rule"] == "X1").expect("X1");
    assert_eq!(x1["cells"][0], "sections.overview");
    assert!(x1["cells"].as_array().unwrap().iter().any(|c| c == "review_litigation.review.total"));
    assert!(x1["message"].as_str().unwrap().contains("行政复议"));
}

#[test]
fn exit_codes() {
    let out = nianbao(&["check", "tests/conformance/pass-consistent-department/input.json"]);
    assert_eq!(out.status.code(), Some(0), "no error → exit 0: {}", stdout(&out));
    // Issue 14 item 17: a report with only the meta has no text and no tables (S1, S2 errors).
    let meta_only = temp("meta-only.json");
    std::fs::write(
        &meta_only,
        r#"{"schema":"gov-info-annual-report/2021","meta":{"organ":"某某局","organ_kind":"department","year":2025}}"#,
    )
    .unwrap();
    let out = nianbao(&["check", meta_only.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("[S1]") && stdout(&out).contains("[S2]"), "{}", stdout(&out));
    // An empty report does not pass: one S7 error.
    let empty = temp("empty.json");
    std::fs::write(&empty, r#"{"schema":"gov-info-annual-report/2021"}"#).unwrap();
    let out = nianbao(&["check", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(stdout(&out).matches("✖").count(), 1, "one cause, one finding: {}", stdout(&out));
    let out = nianbao(&["check", "tests/does-not-exist.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("文件不存在"));
    let broken = temp("broken.json");
    std::fs::write(&broken, "{\"meta\": {\"organ\": 3}").unwrap();
    let out = nianbao(&["check", "--json", broken.to_str().unwrap(), SAMPLE]);
    assert_eq!(out.status.code(), Some(1), "one unreadable input among checked ones: a finding, not a failure");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(doc["reports"][0]["error"].as_str().unwrap().contains("meta.organ"), "error names the key: {doc}");
    assert!(doc["reports"][1]["findings"].is_array(), "the readable file is still checked");
    assert_eq!(nianbao(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn previous_year_enables_cross_year_rules() {
    let last = temp("last.json");
    std::fs::write(
        &last,
        r#"{"meta":{"organ":"红寺堡区人民政府","year":2024},"requests":{"carried_forward":{"natural_person":3,"total":3}},"active":{"normative_documents":{"in_force":30}}}"#,
    )
    .unwrap();
    let out = nianbao(&["check", "--json", "--previous", last.to_str().unwrap(), SAMPLE]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rules: Vec<&str> =
        doc["reports"][0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"X4"), "{rules:?}");
    // Continuity (X5) and rule-making power (X11): one finding, one title each.
    assert_eq!(rules.iter().filter(|r| **r == "X5").count(), 1, "continuity: {rules:?}");
    assert_eq!(rules.iter().filter(|r| **r == "X11").count(), 1, "rule-making power: {rules:?}");
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs from the rendering; if intended, run UPDATE_GOLDEN=1 cargo test",
        path.display()
    );
}

#[test]
fn render_html_and_markdown_match_the_golden_files() {
    let html = stdout(&nianbao(&["render", "--to", "html", SAMPLE]));
    assert!(html.contains(
        "data-cell=\"review_litigation.review.total\" data-label=\"表四「行政复议」的「总计」\" data-severity=\"error\""
    ));
    golden("hongsibao-2025.html", &html);
    let md = stdout(&nianbao(&["render", "--to", "md", SAMPLE]));
    golden("hongsibao-2025.md", &md);
}

#[test]
fn json_and_csv_round_trip_to_the_same_report() {
    let original = std::fs::read(SAMPLE).unwrap();
    let original = nianbao::import(&original, Some("x.json")).unwrap().report;
    for to in ["json", "csv"] {
        let out = temp(&format!("round.{to}"));
        let status = nianbao(&["render", "--to", to, SAMPLE, "-o", out.to_str().unwrap()]).status;
        assert!(status.success());
        let again = nianbao::import(&std::fs::read(&out).unwrap(), out.file_name().unwrap().to_str()).unwrap();
        assert_eq!(again.report, original, "{to} round trip");
        let twice = nianbao(&["render", "--to", to, out.to_str().unwrap()]);
        assert_eq!(stdout(&twice).as_bytes(), std::fs::read(&out).unwrap(), "{to} export is stable");
    }
}

#[test]
fn rules_catalogue_lists_every_rule() {
    let text = stdout(&nianbao(&["rules"]));
    for rule in nianbao::rules::RULES {
        assert!(text.contains(rule.code.as_str()) && text.contains(rule.title));
    }
    let json: serde_json::Value = serde_json::from_str(&stdout(&nianbao(&["rules", "--json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), nianbao::rules::RULES.len());
}

#[test]
fn check_a_folder_pairs_years_and_reports_coverage() {
    let dir = temp("batch");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy("tests/conformance/X4-fail/input.json", dir.join("a-2025.json")).unwrap();
    let mut last: serde_json::Value =
        serde_json::from_slice(&std::fs::read("tests/conformance/X4-fail/previous.json").unwrap()).unwrap();
    last["meta"]["organ"] = "某市某某局".into();
    std::fs::write(dir.join("sub/a-2024.json"), last.to_string()).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a report").unwrap();
    std::fs::write(dir.join(".hidden.json"), "{").unwrap();
    let units = temp("units.txt");
    std::fs::write(&units, "某某局\n区财政局\n").unwrap();
    let summary = temp("summary.csv");
    let out = nianbao(&[
        "check",
        "--json",
        dir.to_str().unwrap(),
        "--units",
        units.to_str().unwrap(),
        "--summary-csv",
        summary.to_str().unwrap(),
        "--charts",
        temp("charts").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "one unreadable file, the others checked");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let reports = doc["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3, "hidden files are skipped: {doc}");
    let this_year = reports.iter().find(|r| r["year"] == 2025).unwrap();
    assert!(this_year["previous"].as_str().unwrap().ends_with("a-2024.json"));
    assert!(this_year["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "X4"));
    assert!(reports.iter().any(|r| r["status"] == "unreadable"));
    // Coverage of the year under review only (the latest, as the batch page
    // shows): last year's report, there for the cross-year checks, does not
    // list the units as 未报送 for 2024.
    let coverage = doc["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 1, "{coverage:?}");
    assert_eq!(coverage[0]["year"], 2025);
    assert_eq!(coverage[0]["missing"], serde_json::json!(["区财政局"]));
    assert_eq!(coverage[0]["found"][0]["exact"], false);
    // The text says which year and how to see another; --year picks it.
    let units_arg = ["--units", units.to_str().unwrap()];
    let text = stdout(&nianbao(&[&["check", dir.to_str().unwrap()][..], &units_arg].concat()));
    assert!(text.contains("2025 年度：已报送 1 个单位，缺 1 个"), "{text}");
    assert!(!text.contains("2024 年度：") && text.contains("另有 2024 年度的报告"), "{text}");
    let earlier = nianbao(&[&["check", "--json", dir.to_str().unwrap(), "--year", "2024"][..], &units_arg].concat());
    let earlier: serde_json::Value = serde_json::from_str(&stdout(&earlier)).unwrap();
    assert_eq!(earlier["coverage"][0]["year"], 2024);
    assert_eq!(earlier["coverage"].as_array().unwrap().len(), 1);
    let none_yet = nianbao(&[&["check", "--json", dir.to_str().unwrap(), "--year", "2026"][..], &units_arg].concat());
    let none_yet: serde_json::Value = serde_json::from_str(&stdout(&none_yet)).unwrap();
    assert_eq!(
        none_yet["coverage"][0]["missing"],
        serde_json::json!(["某某局", "区财政局"]),
        "no report of 2026: every unit missing"
    );
    let alone = nianbao(&["check", dir.to_str().unwrap(), "--year", "2025"]);
    assert_eq!(alone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&alone.stderr).contains("须与 --units"));
    let csv = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(csv.lines().count(), 4);
    // A trend per organ, of its own reports only.
    let trend = std::fs::read_to_string(temp("charts").join("年度趋势-某市某某局.svg")).unwrap();
    assert!(trend.starts_with("<svg") && trend.contains("2024") && trend.contains("2025"));
    assert!(trend.contains("<title>某市某某局："), "says whose figures: {trend}");
    assert!(!temp("charts").join("年度趋势.svg").exists(), "no trend of all organs added up");
}

/// `check --jsonl`: the same reports as `--json`, one line each in the same
/// order, then one line with what needs the whole batch.
#[test]
fn check_jsonl_writes_a_line_per_report_then_the_batch() {
    let dir = temp("jsonl");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("tests/conformance/X4-fail/input.json", dir.join("a-2025.json")).unwrap();
    std::fs::copy("tests/conformance/X4-fail/previous.json", dir.join("a-2024.json")).unwrap();
    std::fs::copy(SAMPLE, dir.join("b.json")).unwrap();
    std::fs::copy(SAMPLE, dir.join("c.json")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a report").unwrap();
    let units = temp("jsonl-units.txt");
    std::fs::write(&units, "区财政局\n").unwrap();
    let args = |format| vec!["check", format, dir.to_str().unwrap(), "--units", units.to_str().unwrap()];
    let out = nianbao(&args("--jsonl"));
    assert_eq!(out.status.code(), Some(1), "the same exit code as without --jsonl (errors, one unreadable file)");
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let whole: serde_json::Value = serde_json::from_str(&stdout(&nianbao(&args("--json")))).unwrap();
    let reports = whole["reports"].as_array().unwrap();
    assert_eq!(lines.len(), reports.len() + 1, "{text}");
    assert_eq!(&lines[..reports.len()], reports.as_slice(), "the same reports in the same order");
    let last = lines.last().unwrap();
    assert!(last.get("source").is_none());
    assert_eq!(last["duplicates"], whole["duplicates"]);
    assert_eq!(last["coverage"], whole["coverage"]);
    assert_eq!(last["statuses"]["unreadable"], 1);
    let counted: u64 = last["statuses"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(counted, 5);
}

/// A zip as reviewers receive one: two years of one organ in folders and
/// a note that is not a report.
#[cfg(feature = "office")]
fn zip_of_reports(path: &Path) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("2025/a.json", options).unwrap();
    zip.write_all(&std::fs::read("tests/conformance/X4-fail/input.json").unwrap()).unwrap();
    let mut last: serde_json::Value =
        serde_json::from_slice(&std::fs::read("tests/conformance/X4-fail/previous.json").unwrap()).unwrap();
    last["meta"]["organ"] = "某市某某局".into();
    zip.start_file("2024/a.json", options).unwrap();
    zip.write_all(last.to_string().as_bytes()).unwrap();
    zip.start_file("说明.txt", options).unwrap();
    zip.write_all("请查收".as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
#[cfg(feature = "office")]
fn check_and_aggregate_read_the_reports_inside_a_zip() {
    let path = temp("reports.zip");
    zip_of_reports(&path);
    let out = nianbao(&["check", "--json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "the note is not a report; the reports were checked");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let reports = doc["reports"].as_array().unwrap();
    let sources: Vec<&str> = reports.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let zip = path.display().to_string();
    assert_eq!(sources, [format!("{zip}/2025/a.json"), format!("{zip}/2024/a.json"), format!("{zip}/说明.txt")]);
    assert_eq!(reports[0]["previous"], format!("{zip}/2024/a.json"), "paired inside the zip");
    assert!(reports[0]["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "X4"));
    assert_eq!(reports[2]["status"], "unreadable");
    // Two years in the zip: not added together unless one year is chosen.
    let out = nianbao(&["aggregate", path.to_str().unwrap(), "--organ", "全市"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("分属不同年度（2024 年度、2025 年度）"), "{out:?}");
    let out = nianbao(&["aggregate", path.to_str().unwrap(), "--organ", "全市", "--year", "2025"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("已汇总 1 份报告"));
    let sum: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sum["meta"]["year"], 2025);
    let broken = temp("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04 not really").unwrap();
    let out = nianbao(&["check", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "nothing could be read");
    assert!(stdout(&out).contains("压缩包已损坏"), "listed as unreadable: {out:?}");
}

#[test]
fn two_reports_of_one_organ_and_year_are_pointed_out() {
    let dir = temp("twice");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(SAMPLE, dir.join("a.json")).unwrap();
    std::fs::copy(SAMPLE, dir.join("b.json")).unwrap();
    let out = nianbao(&["check", "--json", dir.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let duplicate = &doc["duplicates"][0];
    assert_eq!((duplicate["organ"].as_str(), duplicate["year"].as_i64()), (Some("红寺堡区人民政府"), Some(2025)));
    assert_eq!(duplicate["sources"].as_array().unwrap().len(), 2);
    let text = stdout(&nianbao(&["check", dir.to_str().unwrap()]));
    assert!(text.contains("红寺堡区人民政府 2025 年度有 2 份报告"), "{text}");
    let single = nianbao(&["check", "--json", SAMPLE]);
    assert!(!stdout(&single).contains("duplicates"), "no key without duplicates");
}

#[test]
fn aggregate_sums_cells_and_compares_with_a_stated_total() {
    let a = "tests/conformance/pass-consistent-department/input.json";
    let out_path = temp("sum.json");
    let out = nianbao(&["aggregate", a, a, "--organ", "全市", "-o", out_path.to_str().unwrap(), "--compare", a]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sum: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    assert_eq!(sum["requests"]["new_received"]["total"], 24);
    assert_eq!(sum["active"]["fees"].to_string(), "25.0");
    assert_eq!(sum["meta"]["organ"], "全市");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("与汇总数不同的单元格"), "{stderr}");
    assert!(stderr.contains("requests.new_received.total"), "{stderr}");
    #[cfg(feature = "office")]
    for to in ["docx", "xlsx"] {
        let path = temp(&format!("sum.{to}"));
        let out = nianbao(&["aggregate", a, a, "--to", to, "-o", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let reread = nianbao(&["extract", path.to_str().unwrap()]);
        let sum: serde_json::Value = serde_json::from_str(&stdout(&reread)).unwrap();
        assert_eq!(sum["requests"]["new_received"]["total"], 24, "{to}");
    }
}

#[test]
fn extract_prints_canonical_json_and_a_summary_on_stderr() {
    let out = nianbao(&["extract", "tests/fixtures/hongsibao-2025.md"]);
    assert_eq!(out.status.code(), Some(0));
    let extracted: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let via_json = nianbao(&["extract", SAMPLE]);
    let fixture: serde_json::Value = serde_json::from_slice(&via_json.stdout).unwrap();
    assert_eq!(extracted, fixture, "the sample text extracts to the fixture's canonical JSON");
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("已读取的表格：表二、表三、表四"), "{summary}");
    // --json: the summary as JSON on stderr.
    let out = nianbao(&["extract", "--json", "tests/corpus/pingtan-2020.html"]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(summary["format"], "html");
    assert_eq!(summary["tables_missing"], serde_json::json!(["active"]));
    assert_eq!(summary["complete"], false);
    // Not a report: exit 2, a Chinese message.
    let path = temp("notice.txt");
    std::fs::write(&path, "关于开展植树活动的通知\n各单位：请于3月12日参加。").unwrap();
    let out = nianbao(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("没有找到年度报告"));
}

#[test]
fn check_picks_the_importer_from_the_content_not_the_extension() {
    // A saved web page under a misleading name, and the sample text without extension.
    let page = temp("report.dat");
    std::fs::copy("tests/corpus/pingtan-2024.html", &page).unwrap();
    let out = nianbao(&["check", "--json", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = temp("report");
    std::fs::copy("tests/fixtures/hongsibao-2025.md", &text).unwrap();
    let out = nianbao(&["check", text.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "the sample's A4 error");
    assert!(stdout(&out).contains("[A4]"));
}

/// Issue 14 item 10: a folder with a good report and a damaged zip, or a
/// zip of more entries than the limit: the good report is checked, the zip
/// listed as unreadable with its reason, and the exit code says what was
/// found (1: errors or unreadable files), not 2 (nothing could be checked).
#[test]
#[cfg(feature = "office")]
fn a_bad_zip_in_a_folder_does_not_sink_the_others() {
    use std::io::Write;
    let dir = temp("bad-zip");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(SAMPLE, dir.join("good.json")).unwrap();
    std::fs::write(dir.join("damaged.zip"), b"PK\x03\x04 this is not a zip").unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(dir.join("many.zip")).unwrap());
    for i in 0..5_001 {
        zip.start_file(format!("{i}.txt"), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"x").unwrap();
    }
    zip.finish().unwrap();
    let out = nianbao(&["check", "--json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let reports = doc["reports"].as_array().unwrap();
    let good = reports.iter().find(|r| r["source"].as_str().unwrap().ends_with("good.json")).unwrap();
    assert!(good["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "A4"), "the good one is checked");
    let damaged = reports.iter().find(|r| r["source"].as_str().unwrap().ends_with("damaged.zip")).unwrap();
    assert_eq!(damaged["status"], "unreadable");
    assert!(damaged["error"].as_str().unwrap().contains("zip"), "{damaged}");
    // Nothing readable at all: exit 2.
    let out = nianbao(&["check", dir.join("damaged.zip").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 14 items 6 and 11: a pipe, a link to /dev/zero named z.zip, a link
/// to a folder and a folder deeper than the walk goes are each listed with
/// the reason they were skipped; the walk neither hangs nor reads forever.
#[test]
#[cfg(all(unix, feature = "office"))]
fn a_folder_walk_says_what_it_skipped_and_never_hangs() {
    let dir = temp("skipped");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(SAMPLE, dir.join("good.json")).unwrap();
    let fifo = dir.join("pipe.json");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("z.zip")).unwrap();
    let target = temp("skipped-target");
    std::fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("linked")).unwrap();
    let mut deep = dir.join("deep");
    for level in 0..20 {
        deep = deep.join(format!("d{level}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::copy(SAMPLE, deep.join("lost.json")).unwrap();
    let out = nianbao(&["check", "--json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let error_of = |suffix: &str| {
        let r = doc["reports"].as_array().unwrap().iter().find(|r| r["source"].as_str().unwrap().ends_with(suffix));
        r.unwrap_or_else(|| panic!("{suffix} not listed: {doc}"))["error"].as_str().unwrap_or_default().to_string()
    };
    assert!(error_of("pipe.json").contains("不是普通文件"));
    assert!(error_of("z.zip").contains("不是普通文件"));
    assert!(error_of("linked").contains("指向文件夹的链接"));
    // skipped/deep is level 1, so d15 is level 17: the first one too deep.
    assert!(error_of("d15").contains("层级超过 16 层"), "the folder too deep is named");
    assert!(doc["reports"].as_array().unwrap().iter().any(|r| r["status"] != "unreadable"));
}

/// Issue 14 item 19: control characters in an organ, a file name or a zip
/// entry's name reach the terminal escaped.
#[test]
#[cfg(all(unix, feature = "office"))]
fn control_characters_never_reach_the_terminal() {
    use std::io::Write;
    let dir = temp("controls");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut report: serde_json::Value = serde_json::from_slice(&std::fs::read(SAMPLE).unwrap()).unwrap();
    report["meta"]["organ"] = "\u{1b}]0;pwned\u{7}\u{1b}[2J某局\u{9b}31m\u{202e}".into();
    std::fs::write(dir.join("organ.json"), report.to_string()).unwrap();
    std::fs::write(dir.join("name\u{1b}[2J.json"), "{").unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(dir.join("z.zip")).unwrap());
    zip.start_file("entry\u{1b}[2J\r.json", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"{").unwrap();
    zip.finish().unwrap();
    for json in [false, true] {
        let mut args = vec!["check", dir.to_str().unwrap()];
        if json {
            args.push("--json");
        }
        let out = nianbao(&args);
        let text = stdout(&out);
        let raw = |c: char| text.contains(c) || String::from_utf8_lossy(&out.stderr).contains(c);
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
            assert!(!raw(c), "{c:?} reached the terminal (json: {json}): {text}");
        }
        assert!(text.contains("\\u001b") && text.contains("某局"), "{text}");
        if json {
            let doc: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
            let organs: Vec<&str> =
                doc["reports"].as_array().unwrap().iter().filter_map(|r| r["organ"].as_str()).collect();
            assert!(organs.iter().any(|o| o.starts_with("\u{1b}]0;pwned")), "the same text once parsed: {organs:?}");
        }
    }
}

/// `nianbao draft`: the figure sentences from the tables; pasted into
/// 一、总体情况 in place of the sample's own, X1 has nothing to say.
#[test]
fn draft_writes_sentences_that_agree_with_the_tables() {
    let out = nianbao(&["draft", SAMPLE]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("【依申请公开】\n2025年，本机关共收到政府信息公开申请34件，其中自然人33件、商业企业1件"),
        "{text}"
    );
    assert!(text.contains("2025年新制发行政规范性文件8件"), "{text}");
    // 表四 复议 总计 is 0 while its results add up to 2 (A4): no sentence from it.
    assert!(text.contains("请先改正表格") && !text.contains("未发生"), "{text}");
    let drafted: String =
        text.lines().filter(|l| !l.starts_with('【') && !l.starts_with('（')).collect::<Vec<_>>().concat();
    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap())
            .unwrap();
    report["sections"]["overview"] = serde_json::Value::String(drafted);
    let path = temp("drafted.json");
    std::fs::write(&path, report.to_string()).unwrap();
    let checked = stdout(&nianbao(&["check", "--json", path.to_str().unwrap()]));
    let doc: serde_json::Value = serde_json::from_str(&checked).unwrap();
    let findings = doc["reports"][0]["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["rule"] == "A4"), "the table's own error stays");
    assert!(!findings.iter().any(|f| f["rule"] == "X1"), "{checked}");
    assert!(nianbao(&["draft"]).status.code() == Some(2));
}

/// `nianbao new-year`: this year's draft from last year's: the next year,
/// 上年结转 carried, the other figures empty; checked against last year's
/// once filled in consistently, no cross-year finding.
#[test]
fn new_year_starts_from_last_years_report() {
    let draft = temp("new-year.json");
    let out = nianbao(&["new-year", SAMPLE, "-o", draft.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let notes = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(notes.contains("草稿为 2026 年度") && notes.contains("上年 27 + 本年制发 − 本年废止"), "{notes}");
    assert!(notes.contains("写有年份 2025"), "{notes}");
    let mut report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&draft).unwrap()).unwrap();
    assert_eq!(report["meta"]["year"], 2026);
    assert_eq!(report["requests"]["carried_over"]["total"], 0);
    assert!(report["requests"]["new_received"]["total"].is_null(), "empty, not 0");
    assert!(report["active"]["normative_documents"]["in_force"].is_null());
    report["active"]["normative_documents"]["issued"] = 3.into();
    report["active"]["normative_documents"]["repealed"] = 1.into();
    report["active"]["normative_documents"]["in_force"] = 29.into();
    std::fs::write(&draft, report.to_string()).unwrap();
    let checked = stdout(&nianbao(&["check", "--json", "--previous", SAMPLE, draft.to_str().unwrap()]));
    let doc: serde_json::Value = serde_json::from_str(&checked).unwrap();
    let findings = doc["reports"][0]["findings"].as_array().unwrap();
    assert!(!findings.iter().any(|f| ["X4", "X5", "X9"].contains(&f["rule"].as_str().unwrap())), "{checked}");
    assert_eq!(nianbao(&["new-year"]).status.code(), Some(2));
}
