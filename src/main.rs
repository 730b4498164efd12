//! `nianbao`: check and render 政府信息公开工作年度报告 from the command line.
//!
//! The same core as the page: the findings of `nianbao check --json` are
//! the ones the page shows.

use nianbao::batch::inputs::{inputs, io_error_zh, read_file as read, Input};
use nianbao::batch::CheckOutput;
use nianbao::output::{findings_csv, CheckedReport};
use nianbao::render::{html, markdown};
use nianbao::{batch, rules, CheckOptions, Finding, Severity};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: importing a folder of reports makes many small strings, and
/// with the system allocator (glibc) malloc and free were a third of the
/// time spent reading a web page.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "nianbao — 政府信息公开工作年度报告检查工具

用法：
  nianbao check [--json] [--previous 上年报告] 文件...
      检查报告，列出全部问题。退出码：0 没有错误；1 有错误，或有文件无法读取（其余文件照常检查）；
      2 用法错误，或没有一个文件能读取。
  nianbao check 文件夹或zip压缩包... [--units 单位名单 [--year 年度]] [--threshold 50] [--summary-csv 汇总.csv] [--findings-csv 问题.csv] [--charts 图表文件夹]
      批量检查文件夹（及 zip 压缩包）中的全部报告；同一机关相邻年度的报告自动配对做跨年度检查，
      给出单位名单时列出所审年度（默认报告中最新的年度，--year 指定）未报送的单位。
  nianbao check --jsonl 文件夹... [--units 单位名单 [--year 年度]]
      每检查完一份报告输出一行 JSON，最后一行是各状态份数、重复报告和报送情况（大批量、分机器检查时用）。
  nianbao aggregate 文件或文件夹... [--organ 名称] [--year 年度] [--to json|html|md|csv|docx|xlsx] [-o 输出文件] [--compare 本级报告]
      把多份报告逐格相加，汇总成一份官方格式的报告并检查；--compare 与一份自述汇总数的报告逐格比较。
  nianbao notices 文件夹或zip压缩包... --marks 复核记录.json [--reply-by 2027-01-15] [--issuer 审核单位] -o 整改通知.zip
      按批量检查页的复核记录（确认的问题）为每个单位生成一份整改通知（Word），连同通知清单（CSV）打包为 zip；
      回复期限默认为今天起 15 天。标准输出列出哪些单位已发通知、哪些没有及原因。
  nianbao tree 文件夹或zip压缩包... --units 单位名单.csv [--year 年度] [--json]
      单位名单有“上级单位”列时，按层级把每个上级单位的报告与其下级单位报告之和逐格比较，
      列出不一致的单元格及各下级单位的数字（如 2147 = 1024 + 37 + 1086）和未报送的下级单位。
  nianbao render --to html|md|json|csv|docx|xlsx [-o 输出文件] 文件
      按官方格式输出报告（HTML、Markdown、Word、Excel）或数据（JSON、CSV）。
      docx、xlsx 必须用 -o 指定输出文件。
  nianbao summary 文件 [--previous 上年报告] [-o 摘要.html|摘要.docx]
      体检摘要：一页纸说明公布期限、问题数量、最需要关注的问题、核心数据与上年对比、发布前须改正的事项。
      不给 -o 时把 HTML 输出到标准输出。
  nianbao summary 文件夹或zip压缩包... [--units 单位名单] [--organ 地区名称] [-o 摘要.html|摘要.docx]
      本地区的体检摘要：报送情况、有错误的报告、最常见的问题、需跟进的单位。
  nianbao compare 上年或原版报告 本年或修改版报告 [--format html|docx|json] [-o 输出文件]
      对照两份同一机关的报告：相邻年度为“与上年对照”（上年、本年、增减），同一年度为“版本对照”
      （原版、修改版，列出每个改动的单元格）；三张表逐格列出两份的数字和增减，正文中与另一份相同的句子标为灰色。
      不给 -o 时输出到标准输出（docx 必须用 -o）。
  nianbao certify [--json] 文件 [-o 凭证.json]
      检查凭证：文件的内容指纹（SHA-256）、规则版本与检查结果；输出凭证文字（--json 输出 JSON），-o 另存凭证 JSON。
  nianbao verify [--json] 文件 凭证
      核验收到的报告是否就是凭证所检查的那一份（凭证为 JSON 或凭证文字）。退出码：0 一致；1 不一致。
  nianbao extract [--json] 文件
      从报告（网页、PDF、文本、Word 等）中提取数据，输出规范的 JSON；读取情况摘要输出到标准错误
      （--json 时摘要也是 JSON）。
  nianbao template --to xlsx|docx -o 输出文件
      输出空白模板：Excel 填报表（官方表格布局，只能填数字）或 Word 报告模板。
  nianbao draft 文件
      按表格中的数字起草“一、总体情况”里的标准数字句（主动公开、依申请公开、行政复议和行政诉讼），
      可粘贴到正文后修改；句中数字与表格一致，不会引起 X1。
  nianbao new-year 上年报告 [-o 草稿.json]
      从上年报告开始写今年的报告：年度加一、统计期限、上年结转（= 上年结转下年度），其余数字留空；
      输出草稿 JSON，并在标准错误中列出现行有效件数的算法和上年正文中须改写的句子。
  nianbao rules [--json]
      列出全部检查规则。
  nianbao bench [报告份数] | nianbao bench --write 文件夹 份数 [--mixed]
      基准测试：生成合成报告，测量本机检查速度（不是测试，只打印数字）。

支持的输入：JSON（gov-info-annual-report/2021）、CSV（address,value，或按官方表格排列），
Excel（.xlsx，填报模板或按官方表格排列的工作表）、Word（.docx 报告草稿），
以及已发布的报告：网页（.html，整页保存或复制的表格）、PDF（带文字层）、文本或 Markdown（.txt/.md）。
格式按内容识别，不只看扩展名。";

/// Exit codes: 0 no error finding; 1 some error finding or some file that
/// could not be read (the others were checked); 2 bad usage, or no file
/// could be read at all.
const EXIT_FINDINGS: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("render") => render(&args[1..]),
        Some("extract") => extract(&args[1..]),
        Some("summary") => summary(&args[1..]),
        Some("compare") => compare(&args[1..]),
        Some("certify") => certify(&args[1..]),
        Some("verify") => verify(&args[1..]),
        Some("aggregate") => aggregate(&args[1..]),
        Some("notices") => notices(&args[1..]),
        Some("tree") => tree(&args[1..]),
        Some("template") => template(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("draft") => draft(&args[1..]),
        Some("new-year") => new_year(&args[1..]),
        Some("rules") => Ok(print_rules(args.iter().any(|a| a == "--json"))),
        Some("-V" | "--version") => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("缺少或未知的命令。\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            warn(format!("nianbao：{message}"));
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// Options common to the commands, parsed by hand (few and simple).
#[derive(Default)]
struct Args {
    json: bool,
    /// `check --jsonl`: one JSON line per report as it is checked.
    jsonl: bool,
    previous: Option<PathBuf>,
    to: Option<String>,
    output: Option<PathBuf>,
    units: Option<PathBuf>,
    threshold: Option<u8>,
    summary_csv: Option<PathBuf>,
    charts: Option<PathBuf>,
    findings_csv: Option<PathBuf>,
    organ: Option<String>,
    /// `aggregate --year`: only the reports of this year; `check --year`:
    /// the year whose coverage is reported (default the latest).
    year: Option<i32>,
    compare: Option<PathBuf>,
    /// `notices`: the batch page's review marks (复核记录 JSON).
    marks: Option<PathBuf>,
    /// `notices`: the reply deadline and who sends the notices.
    reply_by: Option<nianbao::model::Date>,
    issuer: Option<String>,
    files: Vec<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} 后面缺少参数"));
        match arg.as_str() {
            "--json" => parsed.json = true,
            "--jsonl" => parsed.jsonl = true,
            "--previous" => parsed.previous = Some(value("--previous")?.into()),
            "--to" => parsed.to = Some(value("--to")?),
            "-o" | "--output" => parsed.output = Some(value("-o")?.into()),
            "--units" => parsed.units = Some(value("--units")?.into()),
            "--threshold" => {
                let v = value("--threshold")?;
                parsed.threshold = Some(
                    v.parse().ok().filter(|t| *t <= 100).ok_or(format!("--threshold 应为 0–100 的整数，而不是 {v}"))?,
                );
            }
            "--summary-csv" => parsed.summary_csv = Some(value("--summary-csv")?.into()),
            "--findings-csv" => parsed.findings_csv = Some(value("--findings-csv")?.into()),
            "--charts" => parsed.charts = Some(value("--charts")?.into()),
            "--organ" => parsed.organ = Some(value("--organ")?),
            "--year" => {
                let v = value("--year")?;
                parsed.year =
                    Some(nianbao::import::json::parse_year(&v).ok_or(format!("--year 应为年度，如 2025，而不是 {v}"))?);
            }
            "--compare" => parsed.compare = Some(value("--compare")?.into()),
            "--marks" => parsed.marks = Some(value("--marks")?.into()),
            "--issuer" => parsed.issuer = Some(value("--issuer")?),
            "--reply-by" => {
                let v = value("--reply-by")?;
                parsed.reply_by = Some(
                    nianbao::model::Date::parse_iso(&v)
                        .ok_or(format!("--reply-by 应为日期，如 2027-01-15，而不是 {v}"))?,
                );
            }
            s if s.starts_with("--to=") => parsed.to = Some(s["--to=".len()..].to_string()),
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("未知的选项 {s}\n\n{USAGE}")),
            _ => parsed.files.push(arg.into()),
        }
    }
    Ok(parsed)
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    if args.files.is_empty() {
        return Err(format!("请给出要检查的文件或文件夹。\n\n{USAGE}"));
    }
    if args.year.is_some() && args.units.is_none() {
        return Err("--year 指定报送情况的年度，须与 --units 单位名单同用".to_string());
    }
    if args.jsonl && (args.json || args.findings_csv.is_some() || args.charts.is_some()) {
        return Err("--jsonl 不能与 --json、--findings-csv、--charts 同时使用（每行已含该报告的全部问题）".to_string());
    }
    let previous = match &args.previous {
        Some(path) => Some(read(path).map_err(|e| format!("{}：{e}", path.display()))?.report),
        None => None,
    };
    let units = match &args.units {
        Some(path) => {
            let text = std::fs::read(path).map_err(|e| format!("{}：{}", path.display(), io_error_zh(&e)))?;
            let text = nianbao::import::encoding::decode_text(&text).map_err(|e| format!("{}：{e}", path.display()))?;
            Some(batch::coverage::parse_units(&text))
        }
        None => None,
    };
    let threshold = args.threshold.unwrap_or(nianbao::rules::copying::DEFAULT_THRESHOLD);
    let files = inputs(&args.files)?;
    // `--jsonl`: each report is written as soon as it is checked and only
    // its summary (no findings) is kept, for the coverage and duplicates.
    let mut lines = std::io::BufWriter::new(std::io::stdout().lock());
    let mut reports = Vec::new();
    let mut each = |report: CheckedReport| {
        if args.jsonl {
            write_line(&mut lines, &report);
            reports.push(CheckedReport { findings: None, ..report });
        } else {
            reports.push(report);
        }
    };
    match &previous {
        // One given last-year report for every input.
        Some(previous) => {
            for input in &files {
                let e = input.entry();
                each(match &e.imported {
                    Ok(imported) => {
                        let options = CheckOptions { previous: Some(previous), copy_threshold: threshold };
                        let findings = nianbao::check_imported(imported, &options);
                        let mut checked =
                            CheckedReport::checked(&e.source, imported.format.key(), &imported.report, findings);
                        checked.previous = args.previous.as_ref().map(|p| p.display().to_string());
                        checked
                    }
                    Err(err) => CheckedReport::unreadable(&e.source, err),
                })
            }
        }
        // Reports of the same organ for consecutive years are paired; only
        // summaries stay in memory.
        None => batch::check_each(files.len(), |i| files[i].entry(), threshold, each),
    }
    // Coverage of the year under review (`--year`, else the latest), as the
    // batch page shows it; the other years found are named in the text.
    let mut other_years = Vec::new();
    let coverage = units.map(|units| {
        let handed: Vec<batch::coverage::Handed> = reports
            .iter()
            .filter(|r| r.error.is_none())
            .map(|r| batch::coverage::Handed {
                source: &r.source,
                organ: r.organ.as_deref().unwrap_or_default(),
                year: r.year,
            })
            .collect();
        let year = batch::coverage::year_under_review(&handed, args.year);
        other_years = handed.iter().filter_map(|r| r.year).filter(|&y| Some(y) != year).collect();
        other_years.sort_unstable();
        other_years.dedup();
        vec![batch::coverage::coverage_of_year(&units, &handed, year)]
    });
    let checked = batch::Checked { reports };
    if let Some(path) = &args.summary_csv {
        write_file(path, checked.summary_csv())?;
    }
    if let Some(path) = &args.findings_csv {
        write_file(path, checked.findings_csv())?;
    }
    if let Some(dir) = &args.charts {
        write_charts(dir, &files, &checked)?;
    }
    let duplicates = batch::duplicates(&checked.reports);
    let any_unreadable = checked.reports.iter().any(|r| r.error.is_some());
    let any_checked = checked.reports.iter().any(|r| r.error.is_none());
    let any_error = checked.reports.iter().any(|r| r.counts.is_some_and(|c| c.error > 0));
    if checked.reports.is_empty() {
        warn("没有找到要检查的文件（隐藏文件不检查）");
    }
    let code = ExitCode::from(if !any_checked {
        EXIT_UNREADABLE
    } else if any_error || any_unreadable {
        EXIT_FINDINGS
    } else {
        0
    });
    if args.jsonl {
        let last = BatchLine { statuses: checked.by_status().into_iter().collect(), duplicates, coverage };
        write_line(&mut lines, &last);
        let _ = lines.flush();
        return Ok(code);
    }
    drop(lines);
    let out = if args.json {
        CheckOutput { duplicates, reports: checked.reports, coverage }.to_json() + "\n"
    } else {
        human(&checked.reports)
            + &duplicates_text(&duplicates)
            + &coverage.map(|c| coverage_text(&c, &other_years)).unwrap_or_default()
    };
    print_stdout(&terminal_safe(&out));
    Ok(code)
}

/// One JSON line. A closed stdout (piped into `head`) ends the output, not
/// the run.
fn write_line(out: &mut impl Write, value: &impl serde::Serialize) {
    if let Ok(line) = serde_json::to_string(value) {
        let _ = out.write_all(terminal_safe(&(line + "\n")).as_bytes());
    }
}

/// The last line of `check --jsonl`: what needs the whole batch. Report
/// lines have a `source`; this one has `statuses` instead.
#[derive(serde::Serialize)]
struct BatchLine {
    /// How many reports have each status (`passed`, `warnings`, `errors`, `unreadable`).
    statuses: std::collections::BTreeMap<nianbao::output::Status, usize>,
    duplicates: Vec<batch::Duplicate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<Vec<batch::coverage::YearCoverage>>,
}

/// The batch's charts as SVG files: the share of reports by rule, and for
/// each organ with reports of two years or more its own trend (the figures
/// of unrelated organs are never added up into one chart).
fn write_charts(dir: &Path, files: &[Input], checked: &batch::Checked) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}：{}", dir.display(), io_error_zh(&e)))?;
    write_file(&dir.join("各规则问题占比.svg"), batch::charts::rule_share(&checked.reports))?;
    let mut by_organ: std::collections::BTreeMap<String, Vec<nianbao::Report>> = Default::default();
    for imported in files.iter().filter_map(|input| input.read().ok()) {
        let report = imported.report;
        if report.meta.year.is_some() && !report.meta.organ.trim().is_empty() {
            by_organ.entry(report.meta.organ.trim().to_string()).or_default().push(report);
        }
    }
    for (organ, mut reports) in by_organ {
        reports.sort_by_key(|r| r.meta.year);
        reports.dedup_by_key(|r| r.meta.year);
        if reports.len() < 2 {
            continue;
        }
        let refs: Vec<&nianbao::Report> = reports.iter().collect();
        let file: String = organ.chars().map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
        write_file(&dir.join(format!("年度趋势-{file}.svg")), batch::charts::trend(&refs, &organ))?;
    }
    Ok(())
}

/// Writes a command's text result to the `-o` file, or to standard output.
fn emit(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        Some(path) => write_file(path, text),
        None => {
            print_stdout(text);
            Ok(())
        }
    }
}

fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    std::fs::write(path, contents).map_err(|e| format!("无法写入 {}：{}", path.display(), io_error_zh(&e)))
}

fn duplicates_text(duplicates: &[batch::Duplicate]) -> String {
    let mut out = String::new();
    for d in duplicates {
        out.push_str(&format!(
            "！ {} {} 年度有 {} 份报告：{}。请确认以哪一份为准。\n",
            d.organ,
            d.year,
            d.sources.len(),
            d.sources.join("、")
        ));
    }
    out
}

/// The coverage of the year under review; `other_years`: the other years
/// of the reports, which `--year` shows.
fn coverage_text(years: &[batch::coverage::YearCoverage], other_years: &[i32]) -> String {
    let mut out = String::from("== 报送情况 ==\n");
    for y in years {
        let year = y.year.map(|y| format!("{y} 年度")).unwrap_or_else(|| "年度不明".to_string());
        out.push_str(&format!("  {year}：已报送 {} 个单位，缺 {} 个\n", y.found.len(), y.missing.len()));
        if !y.missing.is_empty() {
            out.push_str(&format!("    未报送：{}\n", y.missing.join("、")));
        }
        for f in y.found.iter().filter(|f| !f.exact) {
            out.push_str(&format!("    名称相近：名单“{}”↔ 报告“{}”（{}）\n", f.unit, f.organ, f.source));
        }
        for a in &y.ambiguous {
            out.push_str(&format!(
                "    名称不确定：名单“{}”可能是 {}，请在名单中写全称\n",
                a.unit,
                a.organs.join("、")
            ));
        }
        for u in &y.unlisted {
            out.push_str(&format!("    不在名单中：{}（{}）\n", u.organ, u.source));
        }
    }
    if let Some(&last) = other_years.last() {
        let named: Vec<String> = other_years.iter().map(|y| y.to_string()).collect();
        out.push_str(&format!(
            "  （另有 {} 年度的报告，未列其报送情况；要看时加 --year，如 --year {last}）\n",
            named.join("、")
        ));
    }
    out
}

/// The Chinese report for people: one block per file.
fn human(reports: &[CheckedReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let who = match (&report.organ, report.year) {
            (Some(organ), Some(year)) if !organ.is_empty() => format!("{organ} {year} 年度"),
            (Some(organ), None) if !organ.is_empty() => organ.clone(),
            (_, Some(year)) => format!("{year} 年度"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "== {}{} ==\n",
            report.source,
            if who.is_empty() { String::new() } else { format!("（{who}）") }
        ));
        if let Some(error) = &report.error {
            out.push_str(&format!("  无法读取：{error}\n\n"));
            continue;
        }
        let findings = report.findings.as_deref().unwrap_or_default();
        for f in findings {
            out.push_str(&finding_text(f));
        }
        let counts = report.counts.unwrap_or_default();
        if findings.is_empty() {
            out.push_str("  未发现问题。\n");
        }
        out.push_str(&format!("  合计：错误 {}，警告 {}，提示 {}\n\n", counts.error, counts.warning, counts.info));
    }
    out
}

fn finding_text(f: &Finding) -> String {
    let icon = match f.severity {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
        Severity::Info => "ℹ",
    };
    let mut s = format!("  {icon} {} [{}] {}\n", f.severity.label(), f.rule, f.message);
    if !f.cells.is_empty() {
        s.push_str(&format!("      单元格：{}\n", f.addresses().collect::<Vec<_>>().join("、")));
    }
    match (&f.expected, &f.actual) {
        (Some(e), Some(a)) => s.push_str(&format!("      应为：{e}；实际：{a}\n")),
        (Some(e), None) => s.push_str(&format!("      应为：{e}\n")),
        (None, Some(a)) => s.push_str(&format!("      实际：{a}\n")),
        (None, None) => {}
    }
    s
}

fn render(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let [path] = args.files.as_slice() else {
        return Err(format!("render 需要且只需要一个输入文件。\n\n{USAGE}"));
    };
    let imported = read(path).map_err(|e| format!("{}：{e}", path.display()))?;
    let report = &imported.report;
    let findings = || nianbao::check_imported(&imported, &CheckOptions::default());
    let out = match args.to.as_deref() {
        #[cfg(feature = "office")]
        Some("docx") => return write_binary(&args, &nianbao::render::docx::to_docx(report)),
        #[cfg(feature = "office")]
        Some("xlsx") => return write_binary(&args, &nianbao::render::xlsx::to_xlsx(report, &findings())),
        Some("html") => html::document(report, &findings()),
        Some("md" | "markdown") => markdown::to_markdown(report),
        Some("json") => nianbao::render::to_json_string(report),
        Some("csv") => nianbao::render::to_csv(report),
        Some("findings-csv") => findings_csv(&path.display().to_string(), &findings()),
        Some(other) => return Err(format!("不支持的输出格式 {other}：可选 html、md、json、csv、docx、xlsx")),
        None => return Err("请用 --to 指定输出格式：html、md、json、csv、docx、xlsx".to_string()),
    };
    emit(args.output.as_deref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

/// `nianbao draft FILE`: the figure sentences of 一、总体情况, drafted
/// from the report's tables, part by part.
fn draft(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let [path] = args.files.as_slice() else {
        return Err(format!("draft 需要且只需要一个输入文件。\n\n{USAGE}"));
    };
    let imported = read(path).map_err(|e| format!("{}：{e}", path.display()))?;
    let mut out = String::new();
    for drafted in nianbao::authoring::sentences::draft(&imported.report) {
        out += &format!("【{}】\n", drafted.part);
        if !drafted.sentences.is_empty() {
            out += &format!("{}\n", drafted.text());
        }
        if !drafted.missing.is_empty() {
            let cells: Vec<&str> = drafted.missing.iter().map(|c| c.label()).collect();
            out += &format!("（以下单元格未填或不是件数，相关句子未起草：{}）\n", cells.join("、"));
        }
        if !drafted.in_error.is_empty() {
            let cells: Vec<&str> = drafted.in_error.iter().map(|c| c.label()).collect();
            out += &format!("（以下单元格与表内勾稽关系不符，请先改正表格，相关句子未起草：{}）\n", cells.join("、"));
        }
    }
    emit(args.output.as_deref(), &terminal_safe(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// `nianbao new-year LAST`: this year's draft from last year's report (the
/// JSON on stdout or -o), what carried over and what to rewrite on stderr.
fn new_year(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let [path] = args.files.as_slice() else {
        return Err(format!("new-year 需要且只需要一个输入文件（上年报告）。\n\n{USAGE}"));
    };
    let imported = read(path).map_err(|e| format!("{}：{e}", path.display()))?;
    let next = nianbao::authoring::new_year::new_year(&imported.report);
    let mut notes = match (next.last_year, next.report.meta.year) {
        (Some(last), Some(year)) => {
            format!("上年报告为 {last} 年度；草稿为 {year} 年度，统计期限 {year}年1月1日至12月31日。\n")
        }
        _ => "上年报告没有写明年度：请在草稿中填写统计年度。\n".to_string(),
    };
    notes += "上年结转 = 上年报告的结转下年度继续办理（逐列）；其余数字留空待填。\n";
    for base in &next.in_force {
        notes += &format!("{}：上年 {} + 本年制发 − 本年废止\n", base.in_force.label(), base.last_year);
    }
    for reference in &next.references {
        let marked: Vec<_> = reference.sentences.iter().filter(|s| !s.changes.is_empty()).collect();
        if marked.is_empty() {
            continue;
        }
        notes += &format!("【{}】上年正文中须改写的句子 {} 句：\n", reference.section.label(), marked.len());
        for sentence in marked {
            let why: Vec<String> = sentence.changes.iter().map(|c| c.label()).collect();
            notes += &format!("  · {}（{}）\n", sentence.text.trim(), why.join("；"));
        }
    }
    eprint!("{}", terminal_safe(&notes));
    emit(args.output.as_deref(), &nianbao::render::to_json_string(&next.report))?;
    Ok(ExitCode::SUCCESS)
}

/// `nianbao extract FILE`: the canonical JSON on stdout, what was read on stderr.
fn extract(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let [path] = args.files.as_slice() else {
        return Err(format!("extract 需要且只需要一个输入文件。\n\n{USAGE}"));
    };
    let imported = match read(path) {
        Ok(imported) => imported,
        Err(e) => {
            warn(format!("{}：{e}", path.display()));
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    let summary = nianbao::import::summary(&imported);
    if args.json {
        warn(serde_json::to_string_pretty(&summary).unwrap_or_default());
    } else {
        eprint!("{}", terminal_safe(&summary.to_text()));
        for f in imported.findings.iter() {
            warn(format!("[{}] {} {}", f.severity.label(), f.rule, f.message));
        }
    }
    let out = nianbao::render::to_json_string(&imported.report);
    emit(args.output.as_deref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

fn aggregate(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    if args.files.is_empty() {
        return Err(format!("请给出要汇总的文件或文件夹。\n\n{USAGE}"));
    }
    let mut reports = Vec::new();
    for input in inputs(&args.files)? {
        match input.read() {
            Ok(imported) => reports.push(imported.report),
            Err(e) => warn(format!("跳过无法读取的文件 {}：{e}", input.source())),
        }
    }
    if let Some(year) = args.year {
        reports.retain(|r| r.meta.year == Some(year));
    }
    if reports.is_empty() {
        return Err("没有可以汇总的报告".to_string());
    }
    // Figures of different years do not add up to anything.
    let mut years: Vec<Option<i32>> = reports.iter().map(|r| r.meta.year).collect();
    years.sort();
    years.dedup();
    if years.len() > 1 {
        let named: Vec<String> =
            years.iter().map(|y| y.map(|y| format!("{y} 年度")).unwrap_or_else(|| "年度不明".to_string())).collect();
        return Err(format!(
            "所汇总的报告分属不同年度（{}）：请用 --year 指定一个年度，只汇总该年度的报告",
            named.join("、")
        ));
    }
    let organ = args.organ.clone().unwrap_or_else(|| "汇总".to_string());
    let refs: Vec<&nianbao::Report> = reports.iter().collect();
    let sum = batch::aggregate::aggregate(&refs, &organ);
    let findings = nianbao::check(&sum, &CheckOptions::default());
    let left_out = batch::aggregate::left_out(&refs);
    if !left_out.is_empty() {
        eprintln!("{}。", batch::aggregate::incomplete_note(&left_out));
    }
    eprintln!(
        "已汇总 {} 份报告；汇总报告有错误 {}，警告 {}。",
        reports.len(),
        findings.iter().filter(|f| f.severity == Severity::Error).count(),
        findings.iter().filter(|f| f.severity == Severity::Warning).count()
    );
    if let Some(path) = &args.compare {
        let own = read(path).map_err(|e| format!("{}：{e}", path.display()))?.report;
        let differences = batch::aggregate::compare(&own, &sum);
        if differences.is_empty() {
            warn(format!("{} 的各单元格与汇总数一致。", path.display()));
        } else {
            warn(format!("{} 与汇总数不同的单元格 {} 个：", path.display(), differences.len()));
            for d in &differences {
                warn(format!(
                    "  {}（{}）：报告 {}，汇总 {}",
                    d.label,
                    d.cell,
                    blank_shown(&d.stated),
                    blank_shown(&d.sum)
                ));
            }
        }
    }
    let out = match args.to.as_deref().unwrap_or("json") {
        #[cfg(feature = "office")]
        "docx" => return write_binary(&args, &nianbao::render::docx::to_docx(&sum)),
        #[cfg(feature = "office")]
        "xlsx" => return write_binary(&args, &nianbao::render::xlsx::to_xlsx(&sum, &findings)),
        "html" => html::document(&sum, &findings),
        "md" | "markdown" => markdown::to_markdown(&sum),
        "json" => nianbao::render::to_json_string(&sum),
        "csv" => nianbao::render::to_csv(&sum),
        other => return Err(format!("不支持的输出格式 {other}：可选 html、md、json、csv、docx、xlsx")),
    };
    emit(args.output.as_deref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

fn blank_shown(value: &str) -> &str {
    if value.is_empty() {
        "空白"
    } else {
        value
    }
}

/// `nianbao certify 文件 [-o 凭证.json]`: the check certificate's text
/// block on stdout (its JSON with `--json`, or written to `-o`).
fn certify(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let [path] = args.files.as_slice() else {
        return Err(format!("certify 需要且只需要一个输入文件。\n\n{USAGE}"));
    };
    let bytes = read_bytes(path)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let imported = nianbao::import(&bytes, Some(name)).map_err(|e| format!("{}：{e}", path.display()))?;
    let findings = nianbao::check_imported(&imported, &CheckOptions::default());
    let certificate = nianbao::certificate::certify(name, &bytes, &imported.report, nianbao::Tally::of(&findings));
    if let Some(out) = &args.output {
        write_file(out, certificate.to_json() + "\n")?;
    }
    print_stdout(&terminal_safe(&if args.json { certificate.to_json() + "\n" } else { certificate.text() }));
    Ok(ExitCode::SUCCESS)
}

/// `nianbao verify 文件 凭证`: whether the file is the one the certificate
/// was made for. Exit 0 if it is, 1 if not.
fn verify(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let [path, certificate_path] = args.files.as_slice() else {
        return Err(format!("verify 需要两个参数：收到的报告文件和它的检查凭证。\n\n{USAGE}"));
    };
    let bytes = read_bytes(path)?;
    let certificate_bytes = read_bytes(certificate_path)?;
    let certificate = nianbao::certificate::Certificate::parse(&certificate_bytes)
        .map_err(|e| format!("{}：{e}", certificate_path.display()))?;
    let name = path.file_name().and_then(|n| n.to_str());
    let counts_now = nianbao::import(&bytes, name)
        .ok()
        .map(|imported| nianbao::Tally::of(&nianbao::check_imported(&imported, &CheckOptions::default())));
    let verification = nianbao::certificate::verify(&bytes, certificate, counts_now);
    let out = if args.json {
        serde_json::to_string_pretty(&verification).unwrap_or_default()
    } else {
        verification.text.clone()
    };
    print_stdout(&terminal_safe(&(out + "\n")));
    Ok(ExitCode::from(if verification.matches { 0 } else { EXIT_FINDINGS }))
}

/// A regular file's bytes, bounded like every input (a pipe or device is
/// refused: it may never end).
fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = nianbao::import::MAX_INPUT_BYTES;
    let meta = std::fs::metadata(path).map_err(|e| format!("{}：无法打开文件：{}", path.display(), io_error_zh(&e)))?;
    if !meta.is_file() {
        return Err(format!("{}：不是普通文件，没有读取", path.display()));
    }
    let file =
        std::fs::File::open(path).map_err(|e| format!("{}：无法打开文件：{}", path.display(), io_error_zh(&e)))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}：无法读取文件：{}", path.display(), io_error_zh(&e)))?;
    if bytes.len() > limit {
        return Err(format!("{}：文件过大（超过 {} MB），没有读取", path.display(), limit / 1024 / 1024));
    }
    Ok(bytes)
}

/// `nianbao summary`: the 体检摘要 card as HTML (stdout or `-o x.html`)
/// or Word (`-o x.docx`).
fn summary(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let region = args.files.len() > 1 || args.files.iter().any(|f| f.is_dir() || has_extension(f, "zip"));
    if region {
        return region_summary(&args);
    }
    let [path] = args.files.as_slice() else {
        return Err(format!("summary 需要一个输入文件（或一个地区的文件夹）。\n\n{USAGE}"));
    };
    let imported = read(path).map_err(|e| format!("{}：{e}", path.display()))?;
    let previous = match &args.previous {
        Some(p) => Some(read(p).map_err(|e| format!("{}：{e}", p.display()))?.report),
        None => None,
    };
    let card = nianbao::summary::of_imported(&imported, previous.as_ref());
    let extension = args.output.as_deref().and_then(Path::extension).and_then(|e| e.to_str()).map(str::to_lowercase);
    match extension.as_deref() {
        #[cfg(feature = "office")]
        Some("docx") => write_binary(&args, &nianbao::render::summary_docx::to_docx(&card)),
        None | Some("html" | "htm") => {
            emit(args.output.as_deref(), &nianbao::render::summary::document(&card))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("不支持的摘要格式 .{other}：-o 的文件名应以 .html 或 .docx 结尾")),
    }
}

/// `nianbao compare A B [--format html|docx|json] [-o FILE]`: 与上年对照
/// or 版本对照 of two reports of one organ ([`nianbao::compare`]); the format
/// is `--format`'s, else the output file's extension, else HTML.
fn compare(args: &[String]) -> Result<ExitCode, String> {
    let mut format = None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--format" {
            format = Some(it.next().ok_or("--format 后面缺少参数（html、docx 或 json）")?.to_lowercase());
        } else {
            rest.push(arg.clone());
        }
    }
    let args = parse_args(&rest)?;
    let [a, b] = args.files.as_slice() else {
        return Err(format!("compare 需要两个输入文件：上年（或原版）报告和本年（或修改版）报告。\n\n{USAGE}"));
    };
    let read_report = |p: &PathBuf| read(p).map(|i| i.report).map_err(|e| format!("{}：{e}", p.display()));
    let comparison = nianbao::compare::compare(&read_report(a)?, &read_report(b)?).map_err(|e| e.to_string())?;
    let extension = args.output.as_deref().and_then(Path::extension).and_then(|e| e.to_str()).map(str::to_lowercase);
    match format.or(extension).as_deref() {
        #[cfg(feature = "office")]
        Some("docx") => write_binary(&args, &nianbao::compare::docx::to_docx(&comparison)),
        Some("json") => {
            let json = serde_json::to_string_pretty(&comparison).map_err(|e| e.to_string())?;
            emit(args.output.as_deref(), &format!("{json}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        None | Some("html" | "htm") => {
            emit(args.output.as_deref(), &nianbao::compare::html::document(&comparison))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("不支持的对照格式 {other}：--format 应为 html、docx 或 json")),
    }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// `nianbao summary 文件夹… [--units 名单] [--organ 地区名]`: the region's
/// card, from the same batch check as `nianbao check 文件夹`.
fn region_summary(args: &Args) -> Result<ExitCode, String> {
    let units = match &args.units {
        Some(path) => {
            let text = std::fs::read(path).map_err(|e| format!("{}：{}", path.display(), io_error_zh(&e)))?;
            let text = nianbao::import::encoding::decode_text(&text).map_err(|e| format!("{}：{e}", path.display()))?;
            Some(batch::coverage::parse_units(&text))
        }
        None => None,
    };
    let files = inputs(&args.files)?;
    let threshold = args.threshold.unwrap_or(nianbao::rules::copying::DEFAULT_THRESHOLD);
    let mut reports = Vec::new();
    batch::check_each(files.len(), |i| files[i].entry(), threshold, |r| reports.push(r));
    let coverage = units.map(|units| {
        let handed: Vec<batch::coverage::Handed> = reports
            .iter()
            .filter(|r| r.error.is_none())
            .map(|r| batch::coverage::Handed {
                source: &r.source,
                organ: r.organ.as_deref().unwrap_or_default(),
                year: r.year,
            })
            .collect();
        batch::coverage::coverage(&units, &handed)
    });
    let lines: Vec<nianbao::summary::region::CoverageLine> = coverage
        .unwrap_or_default()
        .into_iter()
        .map(|c| nianbao::summary::region::CoverageLine {
            year: c.year,
            listed: c.found.len() + c.missing.len(),
            handed_in: c.found.len(),
            missing: c.missing,
        })
        .collect();
    let card = nianbao::summary::region::summarize(args.organ.as_deref().unwrap_or_default(), &reports, &lines);
    let extension = args.output.as_deref().and_then(Path::extension).and_then(|e| e.to_str()).map(str::to_lowercase);
    match extension.as_deref() {
        #[cfg(feature = "office")]
        Some("docx") => write_binary(args, &nianbao::render::summary_docx::region_to_docx(&card)),
        None | Some("html" | "htm") => {
            emit(args.output.as_deref(), &nianbao::render::summary::region_document(&card))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("不支持的摘要格式 .{other}：-o 的文件名应以 .html 或 .docx 结尾")),
    }
}

/// Writes a binary document (DOCX, XLSX) to the `-o` file; never to a terminal.
#[cfg(feature = "office")]
fn write_binary(args: &Args, bytes: &[u8]) -> Result<ExitCode, String> {
    let Some(out_path) = &args.output else {
        return Err("Word/Excel 文件请用 -o 指定输出文件，如 -o 报告.docx".to_string());
    };
    write_file(out_path, bytes)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "office")]
fn template(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    if !args.files.is_empty() {
        return Err(format!("template 不需要输入文件。\n\n{USAGE}"));
    }
    match args.to.as_deref() {
        Some("xlsx") => write_binary(&args, &nianbao::render::xlsx::template()),
        Some("docx") => write_binary(&args, &nianbao::render::docx::template()),
        Some(other) => Err(format!("不支持的模板格式 {other}：可选 xlsx、docx")),
        None => Err("请用 --to 指定模板格式：xlsx 或 docx".to_string()),
    }
}

#[cfg(not(feature = "office"))]
fn template(_args: &[String]) -> Result<ExitCode, String> {
    Err("此版本未包含 Word/Excel 支持（office 功能未启用）".to_string())
}

/// Generates synthetic reports and prints how fast they are imported and
/// checked, per input format, on one core.
fn bench(args: &[String]) -> Result<ExitCode, String> {
    use nianbao::batch::synthetic;
    use std::time::Instant;
    if args.first().map(String::as_str) == Some("--write") {
        return write_synthetic(&args[1..]);
    }
    let count: usize = match args.first() {
        Some(n) => n.parse().map_err(|_| format!("报告份数应为正整数，而不是 {n}"))?,
        None => 20_000,
    };
    println!(
        "nianbao bench：{count} 份合成报告（正文篇幅、用语同真实年报：总体情况约 1,300 字；约十分之一有错误），逐项单线程，“全部核心”一项用 {} 个线程",
        cores()
    );
    batch_bench(count.min(5_000))?;
    #[cfg(feature = "pdf")]
    pdf_bench();
    let reports: Vec<nianbao::Report> = (0..count).map(|i| synthetic::report(2026, i, 2025)).collect();
    let compact = |r: &nianbao::Report| nianbao::render::to_json(r).to_string();
    let inputs: [(&str, &str, Vec<String>); 5] = [
        ("JSON（缩进）", "r.json", reports.iter().map(nianbao::render::to_json_string).collect()),
        ("JSON（紧凑）", "r.json", reports.iter().map(compact).collect()),
        ("CSV", "r.csv", reports.iter().map(nianbao::render::to_csv).collect()),
        ("Markdown 文本", "r.md", reports.iter().map(markdown::to_markdown).collect()),
        ("HTML 网页", "r.html", reports.iter().map(|r| html::document(r, &[])).collect()),
    ];
    for (label, name, texts) in &inputs {
        let bytes: usize = texts.iter().map(String::len).sum();
        let cpu = thread_cpu_seconds();
        let start = Instant::now();
        let (mut findings, mut failed) = (0usize, 0usize);
        for text in texts {
            match nianbao::import(text.as_bytes(), Some(name)) {
                Ok(imported) => findings += nianbao::check_imported(&imported, &CheckOptions::default()).len(),
                Err(_) => failed += 1,
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        if failed == texts.len() {
            println!("  {label:<14} 尚不支持此格式");
            continue;
        }
        println!(
            "  {label:<14} 导入并检查 {:>9.0} 份/秒  {:>7.1} MB/秒  （{:.3} 秒{}，共 {findings} 条发现{}）",
            count as f64 / seconds,
            bytes as f64 / seconds / 1e6,
            seconds,
            per_cpu_second(count, cpu),
            if failed > 0 { format!("，{failed} 份无法读取") } else { String::new() }
        );
    }
    let cpu = thread_cpu_seconds();
    let start = Instant::now();
    let mut findings = 0;
    for report in &reports {
        findings += nianbao::check(report, &CheckOptions::default()).len();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "  {:<14} 仅检查     {:>9.0} 份/秒  （{findings} 条发现{}）",
        "（不含导入）",
        count as f64 / seconds,
        per_cpu_second(count, cpu)
    );
    // Every core: the compact JSON texts imported and checked in parallel.
    let texts = &inputs[1].2;
    let cpu = process_cpu_seconds();
    let start = Instant::now();
    let found: usize =
        batch::parallel::map(0..texts.len(), |i| match nianbao::import(texts[i].as_bytes(), Some("r.json")) {
            Ok(imported) => nianbao::check_imported(&imported, &CheckOptions::default()).len(),
            Err(_) => 0,
        })
        .into_iter()
        .sum();
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "  {:<14} 导入并检查 {:>9.0} 份/秒  （{} 个线程，每核 {:.0} 份/秒{}；{found} 条发现）",
        "JSON 全部核心",
        count as f64 / seconds,
        cores(),
        count as f64 / seconds / cores() as f64,
        match (cpu, process_cpu_seconds()) {
            (Some(before), Some(after)) if after > before =>
                format!("，按 CPU 时间每核 {:.0} 份/秒", count as f64 / (after - before)),
            _ => String::new(),
        }
    );
    if let Some(peak) = peak_memory_kb() {
        println!("  峰值内存 {:.1} MB（含全部输入文本）", peak as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// A published 6-page PDF (the corpus' huaian-2024, when run from the
/// repository) imported and checked: milliseconds per file.
#[cfg(feature = "pdf")]
fn pdf_bench() {
    use std::time::Instant;
    let path = "tests/corpus/huaian-2024.pdf";
    let Ok(bytes) = std::fs::read(path) else {
        println!("  PDF（6 页）      跳过：请在仓库根目录运行（需要 {path}）");
        return;
    };
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        if let Ok(imported) = nianbao::import(&bytes, Some("r.pdf")) {
            let _ = nianbao::check_imported(&imported, &CheckOptions::default());
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("  PDF（6 页）      导入并检查 {ms:>8.1} 毫秒/份  （{path}，{runs} 次平均）");
}

/// The threads a batch uses (every core).
fn cores() -> usize {
    rayon::current_num_threads()
}

/// `bench --write DIR N [--years K] [--mixed]`: N synthetic reports as JSON
/// files, N / K organs over K years (2 unless given: a province's five years
/// are `--years 5`), or with `--mixed` in turn as JSON, Markdown, web page,
/// CSV, Word and Excel (for the page's benchmarks). Written on every core.
fn write_synthetic(args: &[String]) -> Result<ExitCode, String> {
    const USE: &str = "用法：nianbao bench --write 文件夹 份数 [--years 年数] [--mixed]";
    let mut mixed = false;
    let mut years = 2usize;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--mixed" => mixed = true,
            "--years" => {
                years = it.next().and_then(|n| n.parse().ok()).filter(|&n| (1..=50).contains(&n)).ok_or(USE)?;
            }
            _ => rest.push(arg),
        }
    }
    let [dir, count] = rest.as_slice() else {
        return Err(USE.to_string());
    };
    let count: usize = count.parse().map_err(|_| format!("报告份数应为正整数，而不是 {count}"))?;
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}：{}", dir.display(), io_error_zh(&e)))?;
    let written = batch::parallel::map(0..count, |i| {
        let year = 2026 - years as i32 + (i % years) as i32;
        let report = nianbao::batch::synthetic::report(2026, i / years, year);
        let (extension, bytes) = match if mixed { i % 6 } else { 0 } {
            1 => ("md", markdown::to_markdown(&report).into_bytes()),
            2 => ("html", html::document(&report, &[]).into_bytes()),
            3 => ("csv", nianbao::render::to_csv(&report).into_bytes()),
            #[cfg(feature = "office")]
            4 => ("docx", nianbao::render::docx::to_docx(&report)),
            #[cfg(feature = "office")]
            5 => ("xlsx", nianbao::render::xlsx::to_xlsx(&report, &[])),
            _ => ("json", nianbao::render::to_json_string(&report).into_bytes()),
        };
        write_file(&dir.join(format!("{i:06}.{extension}")), bytes)
    });
    written.into_iter().collect::<Result<Vec<()>, String>>()?;
    Ok(ExitCode::SUCCESS)
}

/// A folder of `count` JSON reports (two years, so half are paired) checked
/// as `nianbao check DIR` does; prints the time and the memory per report.
fn batch_bench(count: usize) -> Result<(), String> {
    use nianbao::batch::synthetic;
    use std::time::Instant;
    let dir = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut files = Vec::with_capacity(count);
    for i in 0..count {
        let year = 2024 + (i % 2) as i32;
        let path = dir.join(format!("{i:05}.json"));
        write_file(&path, nianbao::render::to_json_string(&synthetic::report(2026, i / 2, year)))?;
        files.push(path);
    }
    let before = peak_memory_kb();
    let start = Instant::now();
    let files: Vec<Input> = files.into_iter().map(Input::File).collect();
    let load = |i: usize| files[i].entry();
    let checked = batch::check_streaming(files.len(), load, nianbao::rules::copying::DEFAULT_THRESHOLD, |_| {});
    let summary = checked.summary_csv();
    let seconds = start.elapsed().as_secs_f64();
    let paired = checked.reports.iter().filter(|r| r.previous.is_some()).count();
    println!(
        "  文件夹批量检查   {count} 个文件 {seconds:.3} 秒（{:.0} 份/秒，{} 个线程，含读盘、跨年度配对 {paired} 份、汇总表 {} 字节）",
        count as f64 / seconds,
        cores(),
        summary.len()
    );
    if let (Some(before), Some(after)) = (before, peak_memory_kb()) {
        println!(
            "  批量检查内存增长 {:.1} MB，每份报告约 {:.1} KB",
            (after - before) as f64 / 1024.0,
            (after - before) as f64 / count as f64
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// CPU time (user + system) of this thread or of the whole process so far,
/// in seconds (Linux): on a shared machine, the work done whatever the
/// waiting for a core.
fn cpu_seconds(stat: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(stat).ok()?;
    // The fields after the command name (which may hold spaces) in brackets.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn thread_cpu_seconds() -> Option<f64> {
    cpu_seconds("/proc/thread-self/stat")
}

fn process_cpu_seconds() -> Option<f64> {
    cpu_seconds("/proc/self/stat")
}

/// "，按 CPU 时间 N 份/秒" for `count` reports since `before` (this thread).
fn per_cpu_second(count: usize, before: Option<f64>) -> String {
    match (before, thread_cpu_seconds()) {
        (Some(before), Some(after)) if after > before => {
            format!("，按 CPU 时间 {:.0} 份/秒", count as f64 / (after - before))
        }
        _ => String::new(),
    }
}

/// Peak resident memory of this process (Linux), in KiB.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn print_rules(json: bool) -> ExitCode {
    if json {
        print_stdout(&(serde_json::to_string_pretty(rules::RULES).unwrap_or_default() + "\n"));
        return ExitCode::SUCCESS;
    }
    let mut out = String::from("nianbao 检查规则（由代码生成）\n\n");
    for rule in rules::RULES {
        out.push_str(&format!(
            "{}  [{}] {}\n    {}\n    依据：{}\n    例：{}\n\n",
            rule.code,
            rule.levels_label(),
            rule.scoped_title(),
            rule.doc,
            rule.basis,
            rule.example
        ));
    }
    print_stdout(&out);
    ExitCode::SUCCESS
}

/// Prints without panicking when stdout is closed (e.g. piped into `head`).
/// Text for a terminal: control characters (other than line breaks and
/// tabs) and bidirectional overrides written as `\u001b`. A report's organ,
/// a file name or a zip entry's name could otherwise clear the screen,
/// retitle the terminal or reorder what is shown. In JSON output the same
/// form is a valid escape of the same character.
fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A line on standard error, made [`terminal_safe`].
fn warn(text: impl AsRef<str>) {
    eprintln!("{}", terminal_safe(text.as_ref()));
}

fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `nianbao notices 文件夹… --marks 复核记录.json -o 整改通知.zip`: one
/// 整改通知 per unit with confirmed findings, from the same batch check as
/// `nianbao check 文件夹` and the batch page's review marks.
#[cfg(feature = "office")]
fn notices(args: &[String]) -> Result<ExitCode, String> {
    use batch::notices::{days_after, NoticeOptions, DEFAULT_REPLY_DAYS};
    let args = parse_args(args)?;
    if args.files.is_empty() {
        return Err(format!("请给出已复核的报告文件夹。\n\n{USAGE}"));
    }
    let Some(marks_path) = &args.marks else {
        return Err("请用 --marks 给出复核记录（批量检查页“复核记录 JSON”下载的文件）".to_string());
    };
    if args.output.is_none() {
        return Err("请用 -o 指定输出的 zip 文件，如 -o 整改通知.zip".to_string());
    }
    let marks_text = read_bytes(marks_path)?;
    let marks: std::collections::HashMap<String, batch::review::Mark> = serde_json::from_slice(&marks_text)
        .map_err(|e| format!("{}：复核记录无法读取（应为批量检查页下载的复核记录 JSON）：{e}", marks_path.display()))?;
    let files = inputs(&args.files)?;
    let threshold = args.threshold.unwrap_or(nianbao::rules::copying::DEFAULT_THRESHOLD);
    let checked = batch::check_streaming(files.len(), |i| files[i].entry(), threshold, |_| {});
    let identities: Vec<String> = files
        .iter()
        .zip(&checked.reports)
        .map(|(file, r)| {
            let bytes = file.bytes().unwrap_or_default();
            batch::review::report_identity(&bytes, r.organ.as_deref(), r.year)
        })
        .collect();
    let today = today_in_china();
    let reply_by = match args.reply_by.or_else(|| days_after(today?, DEFAULT_REPLY_DAYS)) {
        Some(date) => date,
        None => return Err("无法确定今天的日期：请用 --reply-by 指定回复期限".to_string()),
    };
    let options = NoticeOptions { reply_by, issuer: args.issuer.clone().unwrap_or_default(), issued_on: today };
    let notices = batch::notices::notices(&checked, &identities, &marks, &options);
    write_binary(&args, &notices.zip())?;
    if args.json {
        print_stdout(&serde_json::to_string_pretty(&notices.list).unwrap_or_default());
    } else {
        let mut text = format!("已生成 {} 份整改通知（回复期限 {}）：\n", notices.notices.len(), reply_by);
        for row in &notices.list {
            let year = row.year.map(|y| format!(" {y} 年度")).unwrap_or_default();
            text += &format!("  {}{year}：{}\n", row.unit, row.note);
        }
        print_stdout(&text);
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "office"))]
fn notices(_args: &[String]) -> Result<ExitCode, String> {
    Err("此版本不含 Word 输出，无法生成整改通知".to_string())
}

/// Today in Beijing time (UTC+8), where the notices are sent.
#[cfg(feature = "office")]
fn today_in_china() -> Option<nianbao::model::Date> {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let (y, m, d) = batch::notices::civil_from_days(((seconds + 8 * 3600) / 86_400) as i64);
    nianbao::model::Date::new(i32::try_from(y).ok()?, m, d)
}

/// `nianbao tree 文件夹… --units 名单.csv`: each parent's report against
/// the sum of its children's, from a unit list with a column 上级单位.
fn tree(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let Some(units_path) = &args.units else {
        return Err("请用 --units 给出带“上级单位”列的单位名单（CSV，首行为表头）".to_string());
    };
    let text = std::fs::read(units_path).map_err(|e| format!("{}：{}", units_path.display(), io_error_zh(&e)))?;
    let text = nianbao::import::encoding::decode_text(&text).map_err(|e| format!("{}：{e}", units_path.display()))?;
    let units = batch::tree::parse_unit_tree(&text);
    if units.iter().all(|u| u.parent.is_none()) {
        return Err(format!("{}：名单中没有“上级单位”列（或该列全空），无法按层级比较", units_path.display()));
    }
    let mut reports = Vec::new();
    for input in inputs(&args.files)? {
        match input.read() {
            Ok(imported) => reports.push((input.source(), imported.report)),
            Err(e) => warn(format!("跳过无法读取的文件 {}：{e}", input.source())),
        }
    }
    let handed: Vec<batch::coverage::Handed> = reports
        .iter()
        .map(|(source, r)| batch::coverage::Handed { source, organ: &r.meta.organ, year: r.meta.year })
        .collect();
    let year = batch::coverage::year_under_review(&handed, args.year);
    let pairs: Vec<(&str, &nianbao::Report)> = reports.iter().map(|(s, r)| (s.as_str(), r)).collect();
    let tree = batch::tree::region_tree(&units, &pairs, year);
    if args.json {
        print_stdout(&serde_json::to_string_pretty(&tree).unwrap_or_default());
    } else {
        print_stdout(&batch::tree::text(&tree));
    }
    let differs =
        tree.nodes.iter().filter_map(|n| n.check.as_ref()).any(|c| c.differences > 0 || !c.missing.is_empty());
    Ok(if differs { ExitCode::from(EXIT_FINDINGS) } else { ExitCode::SUCCESS })
}
