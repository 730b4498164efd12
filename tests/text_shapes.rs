//! A zoo of the shapes a report's text takes when it leaves its page: a
//! browser's plain copy (innerText: tabs, or each cell on its own line
//! between blank lines), text laid out with runs of spaces, one cell per
//! line, and a crawler's text content (cells and headings run together).
//!
//! Two sources: fixtures made once by headless Chromium from the corpus
//! pages and from nianbao's own HTML rendering (`tests/text-shapes/`, see
//! `tests/e2e/text-shapes.mjs`), and a generator here that imitates the
//! shapes for many synthetic reports (figures that obey the identities, and
//! some that break them). Every cell must read as in the source; a run of
//! figures that can be cut in several ways must say so (S6), naming the
//! source's reading among the alternatives; the arithmetic findings must be
//! those of the source.

use nianbao::layout::official_slots;
use nianbao::layout::{all_cells, CellId, TableId};
use nianbao::model::SectionKey;
use nianbao::{CheckOptions, Finding, Imported, Report, Severity};
use std::path::Path;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn text_import(text: &str) -> Imported {
    nianbao::import::text::import_str(text).unwrap_or_else(|e| panic!("{e}\n{}", &text[..text.len().min(3000)]))
}

fn source(report: &Report) -> Imported {
    Imported::whole(report.clone(), nianbao::import::Format::Json)
}

fn check(imported: &Imported) -> Vec<Finding> {
    nianbao::check_imported(imported, &CheckOptions::default())
}

/// The arithmetic and value findings: (rule, severity, first cell).
fn arithmetic(findings: &[Finding]) -> Vec<(&'static str, Severity, Option<String>)> {
    let mut k: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.as_str().starts_with('A') || f.rule.as_str().starts_with('D'))
        .map(|f| (f.rule.as_str(), f.severity, f.first().map(|l| l.to_string())))
        .collect();
    k.sort();
    k
}

/// The cells named by S6 (a cutting in doubt).
fn doubted(findings: &[Finding]) -> Vec<String> {
    findings.iter().filter(|f| f.rule == "S6").flat_map(|f| f.addresses().map(String::from)).collect()
}

/// Every cell of `got` is the source's, but for cells in doubt (S6), whose
/// row's source reading must be listed in the finding. Returns whether
/// there was a doubt.
fn assert_same_cells(what: &str, want: &Report, got: &Imported) -> bool {
    let doubts: Vec<&Finding> = got.findings.iter().filter(|f| f.rule == "S6").collect();
    let in_doubt = doubted(&got.findings);
    for id in all_cells() {
        if in_doubt.iter().any(|c| c == id.address()) {
            continue;
        }
        assert_eq!(got.report.value(id).to_string(), want.value(id).to_string(), "{what}: {}", id.address());
    }
    for f in &doubts {
        let truth: Vec<String> = f.cells.iter().map(|c| want.value(c.cell().unwrap()).to_string()).collect();
        assert!(
            f.message.contains(&truth.join("、")),
            "{what}: the source's reading {truth:?} is not named: {}",
            f.message
        );
    }
    !doubts.is_empty()
}

// ---------------------------------------------------------------------------
// Chromium's text of real pages and of nianbao's own rendering

/// The corpus pages as a browser copies them and as a crawler keeps them
/// read cell for cell as the page itself (whose readings tests/published.rs
/// checks against the corpus INDEX.md), with no error (INDEX: consistent).
#[test]
fn corpus_pages_as_plain_text_and_crawler_text() {
    for name in ["pingtan-2021", "pingtan-2024"] {
        let page = nianbao::import(&read(&format!("tests/corpus/{name}.html")), Some("p.html")).unwrap();
        for shape in ["innertext", "textcontent"] {
            let text = String::from_utf8(read(&format!("tests/text-shapes/{name}.{shape}.txt"))).unwrap();
            let got = text_import(&text);
            let what = format!("{name} {shape}");
            assert_same_cells(&what, &page.report, &got);
            assert_eq!(got.report.meta.year, page.report.meta.year, "{what}");
            assert_eq!(got.report.meta.organ, page.report.meta.organ, "{what}");
            for key in [SectionKey::Overview, SectionKey::Problems, SectionKey::Other] {
                assert!(got.report.sections.get(key).is_some_and(|t| !t.is_empty()), "{what}: {key:?}");
            }
            let errors: Vec<Finding> = check(&got).into_iter().filter(|f| f.severity == Severity::Error).collect();
            assert!(errors.is_empty(), "{what}: {errors:#?}");
            // The portal's furniture is not the preamble.
            let preamble = got.report.sections.preamble.clone().unwrap_or_default();
            let own: String = page.report.sections.preamble.clone().unwrap_or_default().chars().take(12).collect();
            assert!(!own.is_empty() && preamble.starts_with(&own), "{what}: {preamble}");
            for furniture in ["微信", "全真版", "来源：", "相关链接"] {
                assert!(!preamble.contains(furniture), "{what}: {preamble}");
            }
            let other = got.report.sections.other.clone().unwrap_or_default();
            assert!(!other.contains("扫一扫") && !other.contains("网站标识码"), "{what}: {other}");
            // How the tables were read is said.
            let summary = nianbao::import::summary(&got);
            assert_eq!(summary.readings.len(), 3, "{what}");
            let method = if shape == "textcontent" { "split" } else { "text-columns" };
            let json = serde_json::to_string(&summary.readings).unwrap();
            assert!(json.contains(method), "{what}: {json}");
        }
    }
}

/// The 2020 page (the 2019 format: another 表二, a single （六）其他处理
/// row, result rows that do not add up) reads in text as the page does:
/// the same cells and the same findings.
#[test]
fn the_2019_format_page_as_plain_text_and_crawler_text() {
    let page = nianbao::import(&read("tests/corpus/pingtan-2020.html"), Some("p.html")).unwrap();
    let key = |f: &[Finding]| {
        let mut k: Vec<_> = f.iter().map(|f| (f.rule.as_str(), f.severity, f.first().map(|l| l.to_string()))).collect();
        k.sort();
        k
    };
    let want = key(&check(&page));
    for shape in ["innertext", "textcontent"] {
        let text = String::from_utf8(read(&format!("tests/text-shapes/pingtan-2020.{shape}.txt"))).unwrap();
        let got = text_import(&text);
        assert_same_cells(shape, &page.report, &got);
        assert_eq!(key(&check(&got)), want, "{shape}");
    }
}

/// Text cut and shuffled anywhere (in the middle of a character, a label,
/// a run of figures) is read or refused, never a panic.
#[test]
fn mangled_text_never_panics() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let mut texts: Vec<String> = ["pingtan-2020", "pingtan-2021", "pingtan-2024"]
        .iter()
        .flat_map(|n| ["innertext", "textcontent"].map(|s| format!("tests/text-shapes/{n}.{s}.txt")))
        .map(|p| String::from_utf8(read(&p)).unwrap())
        .collect();
    texts.push(String::from_utf8(read("tests/corpus/pingtan-2024-crawler.txt")).unwrap());
    for text in &texts {
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..12 {
            let mut mangled: Vec<char> = chars.clone();
            for _ in 0..1 + next(6) {
                let at = next(mangled.len());
                let len = next(400).min(mangled.len() - at);
                match next(3) {
                    0 => drop(mangled.drain(at..at + len)),
                    1 => {
                        let piece: Vec<char> = mangled[at..at + len].to_vec();
                        let to = next(mangled.len());
                        mangled.splice(to..to, piece);
                    }
                    _ => mangled.insert(at, ['0', '9', '\t', '\n', '年', '.', '、'][next(7)]),
                }
            }
            let mangled: String = mangled.into_iter().collect();
            let _ = nianbao::import::text::import_str(&mangled);
        }
    }
}

/// The crawler file of the corpus (pingtan-2024-crawler.txt): its header
/// gives the title, organ, year and publication date; every cell reads as
/// INDEX.md says (those of pingtan-2024.html); the one row whose cutting
/// is not certain (表二 行政规范性文件 6233440) is said, and read right.
#[test]
fn the_corpus_crawler_file() {
    let got =
        nianbao::import(&read("tests/corpus/pingtan-2024-crawler.txt"), Some("pingtan-2024-crawler.txt")).unwrap();
    let page = nianbao::import(&read("tests/corpus/pingtan-2024.html"), Some("p.html")).unwrap();
    assert_same_cells("crawler", &page.report, &got);
    let n = |id: CellId| got.report.value(id).to_string();
    use nianbao::layout::{active, request_cell, review_cell};
    assert_eq!(
        [n(active::NORMATIVE_ISSUED), n(active::NORMATIVE_REPEALED), n(active::NORMATIVE_IN_FORCE)],
        ["62", "33", "440"]
    );
    assert_eq!(n(active::FEES), "18651.06");
    let row = |r: usize| (0..7).map(|c| n(request_cell(r, c))).collect::<Vec<_>>().join(",");
    assert_eq!(row(0), "217,1,0,0,0,0,218");
    assert_eq!(row(22), "1,1,0,0,0,0,2");
    let review: Vec<String> = (0..15).map(|i| n(review_cell(i / 5, i % 5))).collect();
    assert_eq!(review.join(","), "2,1,3,1,7,0,0,0,0,0,13,2,4,0,19");
    let meta = &got.report.meta;
    assert_eq!(meta.title.as_deref(), Some("平潭综合实验区2024年度政府信息公开工作年度报告"));
    assert_eq!((meta.organ.as_str(), meta.year), ("平潭综合实验区", Some(2024)));
    assert_eq!(meta.published_on.map(|d| d.to_string()).as_deref(), Some("2025-03-10"));
    let findings = check(&got);
    assert!(findings.iter().all(|f| f.severity != Severity::Error), "{findings:#?}");
    let s6: Vec<&Finding> = findings.iter().filter(|f| f.rule == "S6").collect();
    assert_eq!(s6.len(), 1, "{s6:#?}");
    assert!(s6[0].message.contains("6233440") && s6[0].message.contains("62、33、440"), "{}", s6[0].message);
    let summary = nianbao::import::summary(&got);
    assert!(summary.readings.iter().any(|r| r.table == "active" && !r.certain));
    assert!(summary.readings.iter().any(|r| r.table == "requests" && r.certain));
}

/// nianbao's own HTML rendering of synthetic reports, as Chromium's
/// innerText and textContent give it.
#[test]
fn own_rendering_as_plain_text_and_crawler_text() {
    for i in 0..4 {
        let json = read(&format!("tests/text-shapes/synthetic-{i}.json"));
        let want = nianbao::import(&json, Some("r.json")).unwrap();
        for shape in ["innertext", "textcontent"] {
            let text = String::from_utf8(read(&format!("tests/text-shapes/synthetic-{i}.{shape}.txt"))).unwrap();
            let got = text_import(&text);
            let what = format!("synthetic-{i} {shape}");
            let doubt = assert_same_cells(&what, &want.report, &got);
            if !doubt {
                assert_eq!(arithmetic(&check(&got)), arithmetic(&check(&want)), "{what}");
            }
            assert_eq!(got.report.meta.year, want.report.meta.year, "{what}");
        }
    }
}

/// Crawler text whose run-together figures a sweep once read wrongly by
/// default (the right reading only named as an alternative): now read as
/// the source, every cell, whatever S6 says.
#[test]
fn crawler_text_once_cut_wrongly_reads_as_its_source() {
    for n in ["000000", "000003", "000020", "000022", "000034"] {
        let json = read(&format!("tests/text-shapes/sweep-{n}.json"));
        let want = nianbao::import(&json, Some("r.json")).unwrap().report;
        let text = String::from_utf8(read(&format!("tests/text-shapes/sweep-{n}.textcontent.txt"))).unwrap();
        let got = text_import(&text);
        for id in all_cells() {
            assert_eq!(got.report.value(id).to_string(), want.value(id).to_string(), "sweep-{n}: {}", id.address());
        }
        // 表四 is one run of fifteen figures: S6 names the table, not a row.
        for f in got.findings.iter().filter(|f| f.rule == "S6" && f.message.starts_with("表四")) {
            assert!(f.message.starts_with("表四的数字") && f.message.contains("每组的总计"), "{}", f.message);
        }
    }
}

// ---------------------------------------------------------------------------
// The shapes, imitated for many generated reports

#[derive(Clone, Copy, Debug)]
enum Shape {
    /// A row per line, cells between tabs (a plain copy of a table).
    Tabs,
    /// Each cell on its own line between blank lines and tab lines
    /// (Chromium's innerText of cells holding paragraphs).
    CellParagraphs,
    /// One cell per line.
    LinePerCell,
    /// Cells kept apart by runs of spaces (pdftotext -layout).
    Spaces,
    /// Everything run together on one line (a crawler's text content).
    RunTogether,
}

const SHAPES: [Shape; 5] = [Shape::Tabs, Shape::CellParagraphs, Shape::LinePerCell, Shape::Spaces, Shape::RunTogether];

/// A report's text in a shape: title, prose, headings and the three tables.
fn shaped(report: &Report, shape: Shape) -> String {
    let (cell_sep, row_sep, para_sep) = match shape {
        Shape::Tabs => ("\t", "\n", "\n"),
        Shape::CellParagraphs => ("\n\n\t\n\n", "\n\n\n\n", "\n\n"),
        Shape::LinePerCell => ("\n", "\n", "\n"),
        Shape::Spaces => ("    ", "\n", "\n"),
        Shape::RunTogether => ("", "", ""),
    };
    let mut parts: Vec<String> = vec![nianbao::model::title(report)];
    let prose = |key: SectionKey| report.sections.get(key).unwrap_or("").replace("\n\n", "\n").replace('\n', para_sep);
    parts.push(prose(SectionKey::Preamble));
    parts.push(SectionKey::Overview.heading().to_string());
    parts.push(prose(SectionKey::Overview));
    for table in TableId::ALL {
        parts.push(table.heading().to_string());
        let rows = official_slots(table, &|id| report.value(id).to_string());
        let rows: Vec<String> = rows
            .iter()
            .map(|row| row.iter().filter(|s| !s.covered).map(|s| s.text.as_str()).collect::<Vec<_>>().join(cell_sep))
            .collect();
        parts.push(rows.join(row_sep));
    }
    for key in [SectionKey::Problems, SectionKey::Other] {
        parts.push(key.heading().to_string());
        parts.push(prose(key));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(if matches!(shape, Shape::RunTogether) { "" } else { para_sep })
}

/// Many synthetic reports (about one in five breaks an identity or has a
/// blank cell) in every shape: cells as the source, the source's reading
/// named where a cutting is in doubt, the arithmetic findings as the
/// source's, and no error on a consistent report.
#[test]
fn generated_reports_in_every_shape() {
    let mut doubts = 0;
    let mut cases = 0;
    let mut blank_cases = 0;
    for index in 0..120 {
        let report = nianbao::batch::synthetic::report(11, index, 2024);
        let blank = all_cells().any(|id| report.value(id).is_blank());
        let want = check(&source(&report));
        for shape in SHAPES {
            // Only tabs can show a blank cell (two tabs in a row).
            if blank && !matches!(shape, Shape::Tabs | Shape::CellParagraphs) {
                continue;
            }
            cases += 1;
            blank_cases += usize::from(blank && matches!(shape, Shape::CellParagraphs));
            let text = shaped(&report, shape);
            let got = text_import(&text);
            let what = format!("report {index} {shape:?}");
            let doubt = assert_same_cells(&what, &report, &got);
            let findings = check(&got);
            if doubt {
                doubts += 1;
            } else {
                assert_eq!(arithmetic(&findings), arithmetic(&want), "{what}");
            }
            let errors = |f: &[Finding]| f.iter().filter(|f| f.severity == Severity::Error).count();
            if errors(&want) == 0 {
                assert_eq!(errors(&findings), 0, "{what}: {findings:#?}");
            }
        }
    }
    println!("{cases} readings, {doubts} with a cutting in doubt (S6), {blank_cases} with blank cells between tabs");
    assert!(cases > 400 && blank_cases > 0);
}

/// A crawler's run-together text of a report with a blank cell in 表三
/// (which the figures cannot show): where the row adds up with the blank in
/// some place, the table is read (the identities choosing the place, S6
/// naming the others), not lost whole; no error the source does not have.
#[test]
fn run_together_figures_with_a_blank_cell() {
    let (mut read, mut cases) = (0, 0);
    for index in 0..400 {
        let report = nianbao::batch::synthetic::report(11, index, 2024);
        let blanks: Vec<CellId> = all_cells().filter(|&id| report.value(id).is_blank()).collect();
        let want = check(&source(&report));
        let errors = |f: &[Finding]| f.iter().filter(|f| f.severity == Severity::Error).count();
        // One blank, in 表三, in a report without errors.
        if blanks.len() != 1 || blanks[0].table() != TableId::Requests || errors(&want) > 0 {
            continue;
        }
        cases += 1;
        let got = text_import(&shaped(&report, Shape::RunTogether));
        let what = format!("report {index}");
        assert!(got.report.value(blanks[0]).is_blank() || !doubted(&got.findings).is_empty(), "{what}");
        assert_same_cells(&what, &report, &got);
        assert_eq!(errors(&check(&got)), 0, "{what}");
        read += 1;
    }
    println!("{read} of {cases} reports with one blank cell in 表三 read");
    assert!(cases >= 5, "{cases}");
}

// ---------------------------------------------------------------------------
// Text a PDF tool wrote out

/// The source a `*.pdftotext-*.txt` fixture was written from: its PDF in
/// the corpus, or (`zoo-NAME.PRODUCER`, a PDF of the pdf-zoo) the
/// generated report `zoo-NAME.json` or the corpus page `NAME.html`.
fn pdftotext_source(stem: &str) -> Imported {
    let import = |path: &str| {
        let name = path.rsplit('/').next();
        nianbao::import(&read(path), name).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let json = format!("tests/text-shapes/{stem}.json");
    if Path::new(env!("CARGO_MANIFEST_DIR")).join(&json).exists() {
        return import(&json);
    }
    let corpus = stem.strip_prefix("zoo-").unwrap_or(stem);
    let pdf = format!("tests/corpus/{corpus}.pdf");
    if Path::new(env!("CARGO_MANIFEST_DIR")).join(&pdf).exists() {
        return import(&pdf);
    }
    import(&format!("tests/corpus/{corpus}.html"))
}

/// `text` with its dashed page numbers (“—4—”, “- 4 -” alone on a line)
/// written as bare figures.
fn bare_page_numbers(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let inner = line.trim().trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | ' '));
            let dashed = inner.len() < line.trim().len() && !inner.is_empty();
            if dashed && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
                line.replacen(line.trim(), inner, 1)
            } else {
                line.to_string()
            }
        })
        .collect();
    lines.join("\n")
}

/// The text `pdftotext -layout` writes (the page's lines, cells apart by
/// runs of spaces, a label wrapping around its figures, a row's first
/// figure on a line of its own) reads cell for cell as the source; the
/// text plain `pdftotext` writes, in the order the producer drew (labels
/// apart from their figures, as a viewer's copy may give it), never gives
/// a wrong figure: a table it cannot put in order stays unread.
#[test]
fn text_written_out_of_a_pdf() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text-shapes");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".pdftotext-"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    for name in &names {
        let stem = name.split('.').next().unwrap();
        let source = pdftotext_source(stem);
        let want = &source.report;
        let text = String::from_utf8(read(&format!("tests/text-shapes/{name}"))).unwrap();
        let got = text_import(&text);
        if name.ends_with(".pdftotext-layout.txt") {
            assert_same_cells(name, want, &got);
            assert_eq!(arithmetic(&check(&got)), arithmetic(&check(&source)), "{name}");
            // The same pages numbered “4” instead of “—4—” or “- 4 -”.
            let bare = bare_page_numbers(&text);
            if bare != text {
                assert_same_cells(&format!("{name}, bare page numbers"), want, &text_import(&bare));
            }
        } else {
            for id in all_cells() {
                let value = got.report.value(id);
                assert!(
                    value.is_blank() || value.to_string() == want.value(id).to_string(),
                    "{name}: {} read {value} but the source has {}",
                    id.address(),
                    want.value(id)
                );
            }
        }
    }
}
