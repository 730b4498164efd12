//! `nianbao`: check and render 政府信息公开工作年度报告 from the command line.
//!
//! The same core as the page: the findings of `nianbao check --json` are
//! the ones the page shows.

use nianbao::output::{findings_csv, CheckOutput, CheckedReport};
use nianbao::render::{html, markdown};
use nianbao::{import, rules, CheckOptions, Finding, Imported, Severity};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "nianbao — 政府信息公开工作年度报告检查工具

用法：
  nianbao check [--json] [--previous 上年报告] 文件...
      检查报告，列出全部问题。有错误时退出码为 1，文件无法读取时为 2。
  nianbao render --to html|md|json|csv [-o 输出文件] 文件
      按官方格式输出报告（HTML、Markdown）或数据（JSON、CSV）。
  nianbao rules [--json]
      列出全部检查规则。

支持的输入：JSON（gov-info-annual-report/2021）、CSV（address,value）。";

/// Exit codes: 0 no error finding, 1 some error finding, 2 unreadable input or bad usage.
const EXIT_FINDINGS: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("render") => render(&args[1..]),
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
            eprintln!("nianbao：{message}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// Options common to the commands, parsed by hand (few and simple).
#[derive(Default)]
struct Args {
    json: bool,
    previous: Option<PathBuf>,
    to: Option<String>,
    output: Option<PathBuf>,
    files: Vec<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} 后面缺少参数"));
        match arg.as_str() {
            "--json" => parsed.json = true,
            "--previous" => parsed.previous = Some(value("--previous")?.into()),
            "--to" => parsed.to = Some(value("--to")?),
            "-o" | "--output" => parsed.output = Some(value("-o")?.into()),
            s if s.starts_with("--to=") => parsed.to = Some(s["--to=".len()..].to_string()),
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("未知的选项 {s}\n\n{USAGE}")),
            _ => parsed.files.push(arg.into()),
        }
    }
    Ok(parsed)
}

/// Reads and imports one file; the error names the file.
fn read(path: &Path) -> Result<Imported, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("无法打开文件：{}", io_error_zh(&e)))?;
    let mut bytes = Vec::new();
    file.take(import::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("无法读取文件：{}", io_error_zh(&e)))?;
    let name = path.file_name().and_then(|n| n.to_str());
    nianbao::import(&bytes, name).map_err(|e| e.to_string())
}

fn io_error_zh(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        std::io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_string(),
        _ => e.to_string(),
    }
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    if args.files.is_empty() {
        return Err(format!("请给出要检查的文件。\n\n{USAGE}"));
    }
    let previous = match &args.previous {
        Some(path) => Some(read(path).map_err(|e| format!("{}：{e}", path.display()))?.report),
        None => None,
    };
    let options = CheckOptions::with_previous(previous.as_ref());
    let mut reports = Vec::new();
    let (mut any_error, mut any_unreadable) = (false, false);
    for path in &args.files {
        let source = path.display().to_string();
        match read(path) {
            Ok(imported) => {
                let findings = nianbao::check_imported(&imported, &options);
                any_error |= findings.iter().any(|f| f.severity == Severity::Error);
                reports.push(CheckedReport::checked(source, imported.format.key(), &imported.report, findings));
            }
            Err(e) => {
                any_unreadable = true;
                reports.push(CheckedReport::unreadable(source, e));
            }
        }
    }
    let out = if args.json { CheckOutput { reports }.to_json() + "\n" } else { human(&reports) };
    print_stdout(&out);
    Ok(ExitCode::from(if any_unreadable {
        EXIT_UNREADABLE
    } else if any_error {
        EXIT_FINDINGS
    } else {
        0
    }))
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
        s.push_str(&format!("      单元格：{}\n", f.cells.join("、")));
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
        Some("html") => html::document(report, &findings()),
        Some("md" | "markdown") => markdown::to_markdown(report),
        Some("json") => nianbao::render::to_json_string(report),
        Some("csv") => nianbao::render::to_csv(report),
        Some("findings-csv") => findings_csv(&path.display().to_string(), &findings()),
        Some(other) => return Err(format!("不支持的输出格式 {other}：可选 html、md、json、csv")),
        None => return Err("请用 --to 指定输出格式：html、md、json、csv".to_string()),
    };
    match &args.output {
        Some(out_path) => std::fs::write(out_path, out)
            .map_err(|e| format!("无法写入 {}：{}", out_path.display(), io_error_zh(&e)))?,
        None => print_stdout(&out),
    }
    Ok(ExitCode::SUCCESS)
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
            rule.severity.label(),
            rule.title,
            rule.doc,
            rule.basis,
            rule.example
        ));
    }
    print_stdout(&out);
    ExitCode::SUCCESS
}

/// Prints without panicking when stdout is closed (e.g. piped into `head`).
fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
