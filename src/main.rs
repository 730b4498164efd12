//! `nianbao`: check and render 政府信息公开工作年度报告 from the command line.
//!
//! A shell over the library, as the page is: each command's arguments are
//! parsed into what it needs (`cli/args.rs` defines the commands, their
//! options and the usage text), the library does the work, and this file
//! prints. The findings of `nianbao check --json` are the ones the page shows.

mod cli {
    pub mod args;
    pub mod bench;
}

use cli::args::{self, Call, CheckArgs, Command, Parsed};
use nianbao::batch::inputs::{self, inputs, io_error_zh, read_file, Input};
use nianbao::render::{html, markdown};
use nianbao::{batch, rules, CheckOptions, Severity};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// mimalloc: importing a folder of reports makes many small strings, and
/// with the system allocator (glibc) malloc and free were a third of the
/// time spent reading a web page.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: 0 no error finding; 1 some error finding or some file that
/// could not be read (the others were checked); 2 bad usage, or no file
/// could be read at all.
const EXIT_FINDINGS: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

type Run = Result<ExitCode, String>;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let name = if args.is_empty() { String::new() } else { args.remove(0) };
    let result = match name.as_str() {
        "-V" | "--version" => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        "-h" | "--help" | "help" => {
            println!("{}", args::usage());
            Ok(ExitCode::SUCCESS)
        }
        name => match args::COMMANDS.iter().find(|c| c.name == name) {
            Some(command) => match args::parse(command, args) {
                Ok(Call::Help) => {
                    println!("用法：\n{}", command.usage());
                    Ok(ExitCode::SUCCESS)
                }
                Ok(Call::Run(parsed)) => run(command, &parsed),
                Err(message) => Err(message),
            },
            None => Err(format!("缺少或未知的命令。\n\n{}", args::usage())),
        },
    };
    result.unwrap_or_else(|message| {
        warn(format!("nianbao：{message}"));
        ExitCode::from(EXIT_UNREADABLE)
    })
}

fn run(command: &Command, parsed: &Parsed) -> Run {
    match command.name {
        "check" => check(&CheckArgs::of(parsed)?),
        "render" => render(parsed),
        "extract" => extract(parsed),
        "summary" => summary(parsed),
        "compare" => compare(parsed),
        "certify" => certify(parsed),
        "verify" => verify(parsed),
        "aggregate" => aggregate(parsed),
        "notices" => notices(parsed),
        "tree" => tree(parsed),
        "template" => template(parsed),
        "draft" => draft(parsed),
        "new-year" => new_year(parsed),
        "rules" => Ok(print_rules(parsed.flag(&args::JSON))),
        "bench" => cli::bench::run(&cli::bench::BenchArgs::of(parsed)?),
        other => Err(format!("未实现的命令 {other}")),
    }
}

fn check(a: &CheckArgs) -> Run {
    let previous = match &a.previous {
        Some(path) => Some((path.display().to_string(), read(path)?.report)),
        None => None,
    };
    let units = a.units.as_deref().map(inputs::read_units).transpose()?;
    let files = inputs(&a.files)?;
    let options = batch::Options {
        copy_threshold: a.threshold,
        previous: previous.as_ref().map(|(source, report)| (source.as_str(), report)),
        units: units.as_deref(),
        coverage_of: batch::CoverageOf::YearUnderReview(a.year),
    };
    // `--jsonl`: each report is written as soon as it is checked and only
    // its summary (no findings) is kept, for the coverage and duplicates.
    let mut lines = std::io::BufWriter::new(std::io::stdout().lock());
    let checked = batch::run(files.len(), inputs::Files(&files), &options, |report| {
        if !a.jsonl {
            return report;
        }
        write_line(&mut lines, &report);
        nianbao::output::CheckedReport { findings: None, ..report }
    });
    if let Some(path) = &a.summary_csv {
        write_file(path, checked.checked.summary_csv())?;
    }
    if let Some(path) = &a.findings_csv {
        write_file(path, checked.checked.findings_csv())?;
    }
    if let Some(dir) = &a.charts {
        write_charts(dir, &files, &checked.checked)?;
    }
    if checked.reports().is_empty() {
        warn("没有找到要检查的文件（隐藏文件不检查）");
    }
    let code = ExitCode::from(if !checked.any_read() {
        EXIT_UNREADABLE
    } else if checked.any_error_or_unreadable() {
        EXIT_FINDINGS
    } else {
        0
    });
    if a.jsonl {
        write_line(&mut lines, &checked.last_line());
        let _ = lines.flush();
        return Ok(code);
    }
    drop(lines);
    let out = if a.json { checked.to_json() + "\n" } else { batch::text::batch(&checked) };
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

/// The batch's charts as SVG files: the share of reports by rule, and each
/// organ's own trend (figures of unrelated organs are never added up).
fn write_charts(dir: &Path, files: &[Input], checked: &batch::Checked) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}：{}", dir.display(), io_error_zh(&e)))?;
    write_file(&dir.join("各规则问题占比.svg"), batch::charts::rule_share(&checked.reports))?;
    let reports = files.iter().filter_map(|input| input.read().ok()).map(|imported| imported.report);
    for (organ, chart) in batch::charts::trends(reports) {
        let file: String = organ.chars().map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
        write_file(&dir.join(format!("年度趋势-{file}.svg")), chart)?;
    }
    Ok(())
}

/// Reads and imports one file; the error names it.
fn read(path: &Path) -> Result<nianbao::Imported, String> {
    read_file(path).map_err(|e| format!("{}：{e}", path.display()))
}

/// A file's bytes (bounded like every input); the error names it.
fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    inputs::read_bytes(path).map_err(|e| format!("{}：{e}", path.display()))
}

/// Writes a command's text result to the `-o` file, or to standard output.
fn emit(output: Option<&Path>, text: &str) -> Run {
    match output {
        Some(path) => write_file(path, text)?,
        None => print_stdout(text),
    }
    Ok(ExitCode::SUCCESS)
}

fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    std::fs::write(path, contents).map_err(|e| format!("无法写入 {}：{}", path.display(), io_error_zh(&e)))
}

/// Writes a binary document (DOCX, XLSX) to the `-o` file; never to a terminal.
#[cfg(feature = "office")]
fn write_binary(output: Option<&Path>, bytes: &[u8]) -> Run {
    let Some(path) = output else {
        return Err("Word/Excel 文件请用 -o 指定输出文件，如 -o 报告.docx".to_string());
    };
    write_file(path, bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// The report in the format `--to` names, written to `-o` or printed.
fn write_report(to: &str, report: &nianbao::Report, findings: impl Fn() -> Vec<nianbao::Finding>, p: &Parsed) -> Run {
    let output = p.path(&args::OUTPUT);
    let text = match to {
        #[cfg(feature = "office")]
        "docx" => return write_binary(output.as_deref(), &nianbao::render::docx::to_docx(report)),
        #[cfg(feature = "office")]
        "xlsx" => return write_binary(output.as_deref(), &nianbao::render::xlsx::to_xlsx(report, &findings())),
        "html" => html::document(report, &findings()),
        "md" | "markdown" => markdown::to_markdown(report),
        "json" => nianbao::render::to_json_string(report),
        "csv" => nianbao::render::to_csv(report),
        other => return Err(format!("不支持的输出格式 {other}：可选 html、md、json、csv、docx、xlsx")),
    };
    emit(output.as_deref(), &text)
}

fn render(p: &Parsed) -> Run {
    let path = p.one_file()?;
    let imported = read(&path)?;
    let findings = || nianbao::check_imported(&imported, &CheckOptions::default());
    match p.text(&args::TO_DATA)?.as_deref() {
        Some("findings-csv") => emit(
            p.path(&args::OUTPUT).as_deref(),
            &nianbao::output::findings_csv(&path.display().to_string(), &findings()),
        ),
        Some(to) => write_report(to, &imported.report, findings, p),
        None => Err("请用 --to 指定输出格式：html、md、json、csv、docx、xlsx".to_string()),
    }
}

/// `nianbao draft FILE`: the figure sentences of 一、总体情况, drafted
/// from the report's tables, part by part.
fn draft(p: &Parsed) -> Run {
    let imported = read(&p.one_file()?)?;
    let out = nianbao::authoring::sentences::draft_text(&imported.report);
    emit(p.path(&args::OUTPUT).as_deref(), &terminal_safe(&out))
}

/// `nianbao new-year LAST`: this year's draft from last year's report (the
/// JSON on stdout or -o), what carried over and what to rewrite on stderr.
fn new_year(p: &Parsed) -> Run {
    let [path] = p.files().try_into().map_err(|_| p.misuse("new-year 需要且只需要一个输入文件（上年报告）。"))?;
    let imported = read(&path)?;
    let next = nianbao::authoring::new_year::new_year(&imported.report);
    eprint!("{}", terminal_safe(&next.notes()));
    emit(p.path(&args::OUTPUT_DRAFT).as_deref(), &nianbao::render::to_json_string(&next.report))
}

/// `nianbao extract FILE`: the canonical JSON on stdout, what was read on stderr.
fn extract(p: &Parsed) -> Run {
    let path = p.one_file()?;
    let imported = match read(&path) {
        Ok(imported) => imported,
        Err(message) => {
            warn(message);
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    let summary = nianbao::import::summary(&imported);
    if p.flag(&args::JSON) {
        warn(serde_json::to_string_pretty(&summary).unwrap_or_default());
    } else {
        eprint!("{}", terminal_safe(&summary.to_text()));
        for f in imported.findings.iter() {
            warn(format!("[{}] {} {}", f.severity.label(), f.rule, f.message));
        }
    }
    emit(p.path(&args::OUTPUT).as_deref(), &nianbao::render::to_json_string(&imported.report))
}

fn aggregate(p: &Parsed) -> Run {
    let files = p.files();
    if files.is_empty() {
        return Err(p.misuse("请给出要汇总的文件或文件夹。"));
    }
    let mut reports = Vec::new();
    for input in inputs(&files)? {
        match input.read() {
            Ok(imported) => reports.push(imported.report),
            Err(e) => warn(format!("跳过无法读取的文件 {}：{e}", input.source())),
        }
    }
    if let Some(year) = p.year(&args::YEAR)? {
        reports.retain(|r| r.meta.year == Some(year));
    }
    if reports.is_empty() {
        return Err("没有可以汇总的报告".to_string());
    }
    let organ = p.text(&args::ORGAN)?.unwrap_or_else(|| "汇总".to_string());
    let refs: Vec<&nianbao::Report> = reports.iter().collect();
    if let Some(refusal) = batch::aggregate::mixed_years(&refs) {
        return Err(format!("{refusal}：请用 --year 指定一个年度，只汇总该年度的报告"));
    }
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
    if let Some(path) = p.path(&args::COMPARE) {
        let differences = batch::aggregate::compare(&read(&path)?.report, &sum);
        if differences.is_empty() {
            warn(format!("{} 的各单元格与汇总数一致。", path.display()));
        } else {
            warn(format!("{} 与汇总数不同的单元格 {} 个：", path.display(), differences.len()));
            let shown = |v: &str| if v.is_empty() { "空白".to_string() } else { v.to_string() };
            for d in &differences {
                warn(format!("  {}（{}）：报告 {}，汇总 {}", d.label, d.cell, shown(&d.stated), shown(&d.sum)));
            }
        }
    }
    let to = p.text(&args::TO_DATA)?.unwrap_or_else(|| "json".to_string());
    write_report(&to, &sum, || findings.clone(), p)
}

/// `nianbao notices 文件夹… --marks 复核记录.json -o 整改通知.zip`: one
/// 整改通知 per unit with confirmed findings, from the same batch check as
/// `nianbao check 文件夹` and the batch page's review marks.
#[cfg(feature = "office")]
fn notices(p: &Parsed) -> Run {
    use batch::notices::{NoticeOptions, DEFAULT_REPLY_DAYS};
    let reply_by = p.date(&args::REPLY_BY)?;
    let files = p.files();
    if files.is_empty() {
        return Err(p.misuse("请给出已复核的报告文件夹。"));
    }
    let Some(marks_path) = p.path(&args::MARKS) else {
        return Err("请用 --marks 给出复核记录（批量检查页“复核记录 JSON”下载的文件）".to_string());
    };
    let Some(output) = p.path(&args::OUTPUT_NOTICES) else {
        return Err("请用 -o 指定输出的 zip 文件，如 -o 整改通知.zip".to_string());
    };
    let marks: std::collections::HashMap<String, batch::review::Mark> =
        serde_json::from_slice(&read_bytes(&marks_path)?).map_err(|e| {
            format!("{}：复核记录无法读取（应为批量检查页下载的复核记录 JSON）：{e}", marks_path.display())
        })?;
    let files = inputs(&files)?;
    let options = batch::Options { copy_threshold: p.threshold()?, ..batch::Options::default() };
    let checked = batch::run(files.len(), inputs::Files(&files), &options, |r| r).checked;
    let identities: Vec<String> = files
        .iter()
        .zip(&checked.reports)
        .map(|(file, r)| {
            let bytes = file.bytes().unwrap_or_default();
            batch::review::report_identity(&bytes, r.organ.as_deref(), r.year)
        })
        .collect();
    let today = today_in_china();
    let Some(reply_by) = reply_by.or_else(|| today?.plus_days(DEFAULT_REPLY_DAYS)) else {
        return Err("无法确定今天的日期：请用 --reply-by 指定回复期限".to_string());
    };
    let issuer = p.text(&args::ISSUER)?.unwrap_or_default();
    let notices =
        batch::notices::notices(&checked, &identities, &marks, &NoticeOptions { reply_by, issuer, issued_on: today });
    write_file(&output, notices.zip())?;
    if p.flag(&args::JSON) {
        print_stdout(&serde_json::to_string_pretty(&notices.list).unwrap_or_default());
    } else {
        let mut text = format!("已生成 {} 份整改通知（回复期限 {}）：\n", notices.notices.len(), reply_by);
        for row in &notices.list {
            let year = row.year.map(|y| format!(" {y} 年度")).unwrap_or_default();
            text += &format!("  {}{year}：{}\n", row.unit, row.note);
        }
        print_stdout(&terminal_safe(&text));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "office"))]
fn notices(_: &Parsed) -> Run {
    Err("此版本不含 Word 输出，无法生成整改通知".to_string())
}

/// Today in Beijing time (UTC+8), where the notices are sent.
#[cfg(feature = "office")]
fn today_in_china() -> Option<nianbao::model::Date> {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    nianbao::model::Date::from_unix_days(i64::try_from((seconds + 8 * 3600) / 86_400).ok()?)
}

/// `nianbao tree 文件夹… --units 名单.csv`: each parent's report against
/// the sum of its children's, from a unit list with a column 上级单位.
fn tree(p: &Parsed) -> Run {
    let Some(units_path) = p.path(&args::TREE_UNITS) else {
        return Err("请用 --units 给出带“上级单位”列的单位名单（CSV，首行为表头）".to_string());
    };
    let units = batch::tree::parse_unit_tree(&inputs::read_text(&units_path)?);
    if units.iter().all(|u| u.parent.is_none()) {
        return Err(format!("{}：名单中没有“上级单位”列（或该列全空），无法按层级比较", units_path.display()));
    }
    let mut reports = Vec::new();
    for input in inputs(&p.files())? {
        match input.read() {
            Ok(imported) => reports.push((input.source(), imported.report)),
            Err(e) => warn(format!("跳过无法读取的文件 {}：{e}", input.source())),
        }
    }
    let pairs: Vec<(&str, &nianbao::Report)> = reports.iter().map(|(s, r)| (s.as_str(), r)).collect();
    let tree = batch::tree::tree_under_review(&units, &pairs, p.year(&args::YEAR)?);
    if p.flag(&args::JSON) {
        print_stdout(&serde_json::to_string_pretty(&tree).unwrap_or_default());
    } else {
        print_stdout(&terminal_safe(&batch::tree::text(&tree)));
    }
    let differs =
        tree.nodes.iter().filter_map(|n| n.check.as_ref()).any(|c| c.differences > 0 || !c.missing.is_empty());
    Ok(ExitCode::from(if differs { EXIT_FINDINGS } else { 0 }))
}

/// `nianbao certify 文件 [-o 凭证.json]`: the check certificate's text
/// block on stdout (its JSON with `--json`, or written to `-o`).
fn certify(p: &Parsed) -> Run {
    let path = p.one_file()?;
    let bytes = read_bytes(&path)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let imported = nianbao::import(&bytes, Some(name)).map_err(|e| format!("{}：{e}", path.display()))?;
    let findings = nianbao::check_imported(&imported, &CheckOptions::default());
    let certificate = nianbao::certificate::certify(name, &bytes, &imported.report, nianbao::Tally::of(&findings));
    if let Some(out) = p.path(&args::OUTPUT_CERTIFICATE) {
        write_file(&out, certificate.to_json() + "\n")?;
    }
    let json = p.flag(&args::JSON);
    print_stdout(&terminal_safe(&if json { certificate.to_json() + "\n" } else { certificate.text() }));
    Ok(ExitCode::SUCCESS)
}

/// `nianbao verify 文件 凭证`: whether the file is the one the certificate
/// was made for. Exit 0 if it is, 1 if not.
fn verify(p: &Parsed) -> Run {
    let [path, certificate_path] =
        p.files().try_into().map_err(|_| p.misuse("verify 需要两个参数：收到的报告文件和它的检查凭证。"))?;
    let bytes = read_bytes(&path)?;
    let certificate = nianbao::certificate::Certificate::parse(&read_bytes(&certificate_path)?)
        .map_err(|e| format!("{}：{e}", certificate_path.display()))?;
    let name = path.file_name().and_then(|n| n.to_str());
    let counts_now = nianbao::import(&bytes, name)
        .ok()
        .map(|imported| nianbao::Tally::of(&nianbao::check_imported(&imported, &CheckOptions::default())));
    let verification = nianbao::certificate::verify(&bytes, certificate, counts_now);
    let out = if p.flag(&args::JSON) {
        serde_json::to_string_pretty(&verification).unwrap_or_default()
    } else {
        verification.text.clone()
    };
    print_stdout(&terminal_safe(&(out + "\n")));
    Ok(ExitCode::from(if verification.matches { 0 } else { EXIT_FINDINGS }))
}

/// `nianbao summary`: the 体检摘要 card of a report, or of a region's
/// folder (the same batch check as `nianbao check 文件夹`), as HTML (stdout
/// or `-o x.html`) or Word (`-o x.docx`).
fn summary(p: &Parsed) -> Run {
    let files = p.files();
    let region = files.len() > 1 || files.iter().any(|f| f.is_dir() || has_extension(f, "zip"));
    enum Card {
        One(Box<nianbao::summary::Summary>),
        Region(nianbao::summary::region::RegionSummary),
    }
    let card = if region {
        let units = p.path(&args::UNITS).as_deref().map(inputs::read_units).transpose()?;
        let files = inputs(&files)?;
        let options = batch::Options { units: units.as_deref(), ..batch::Options::default() };
        let checked = batch::run(files.len(), inputs::Files(&files), &options, |r| r);
        let name = p.text(&args::REGION)?.unwrap_or_default();
        Card::Region(checked.region_summary(&name))
    } else {
        let [path] = files.as_slice() else {
            return Err(p.misuse("summary 需要一个输入文件（或一个地区的文件夹）。"));
        };
        let imported = read(path)?;
        let previous = p.path(&args::PREVIOUS).map(|path| read(&path)).transpose()?;
        Card::One(Box::new(nianbao::summary::of_imported(&imported, previous.as_ref().map(|p| &p.report))))
    };
    let output = p.path(&args::OUTPUT_SUMMARY);
    let extension = output.as_deref().and_then(Path::extension).and_then(|e| e.to_str()).map(str::to_lowercase);
    match (extension.as_deref(), card) {
        #[cfg(feature = "office")]
        (Some("docx"), Card::One(card)) => {
            write_binary(output.as_deref(), &nianbao::render::summary_docx::to_docx(&card))
        }
        #[cfg(feature = "office")]
        (Some("docx"), Card::Region(card)) => {
            write_binary(output.as_deref(), &nianbao::render::summary_docx::region_to_docx(&card))
        }
        (None | Some("html" | "htm"), Card::One(card)) => {
            emit(output.as_deref(), &nianbao::render::summary::document(&card))
        }
        (None | Some("html" | "htm"), Card::Region(card)) => {
            emit(output.as_deref(), &nianbao::render::summary::region_document(&card))
        }
        (Some(other), _) => Err(format!("不支持的摘要格式 .{other}：-o 的文件名应以 .html 或 .docx 结尾")),
    }
}

/// `nianbao compare A B [--format html|docx|json] [-o FILE]`: 与上年对照
/// or 版本对照 of two reports of one organ ([`nianbao::compare`]); the format
/// is `--format`'s, else the output file's extension, else HTML.
fn compare(p: &Parsed) -> Run {
    let [a, b] = p
        .files()
        .try_into()
        .map_err(|_| p.misuse("compare 需要两个输入文件：上年（或原版）报告和本年（或修改版）报告。"))?;
    let comparison = nianbao::compare::compare(&read(&a)?.report, &read(&b)?.report).map_err(|e| e.to_string())?;
    let output = p.path(&args::OUTPUT);
    let extension = output.as_deref().and_then(Path::extension).and_then(|e| e.to_str()).map(str::to_lowercase);
    let format = p.text(&args::FORMAT_COMPARISON)?.map(|f| f.to_lowercase());
    match format.or(extension).as_deref() {
        #[cfg(feature = "office")]
        Some("docx") => write_binary(output.as_deref(), &nianbao::compare::docx::to_docx(&comparison)),
        Some("json") => {
            let json = serde_json::to_string_pretty(&comparison).map_err(|e| e.to_string())?;
            emit(output.as_deref(), &format!("{json}\n"))
        }
        None | Some("html" | "htm") => emit(output.as_deref(), &nianbao::compare::html::document(&comparison)),
        Some(other) => Err(format!("不支持的对照格式 {other}：--format 应为 html、docx 或 json")),
    }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

#[cfg(feature = "office")]
fn template(p: &Parsed) -> Run {
    if !p.args.is_empty() {
        return Err(p.misuse("template 不需要输入文件。"));
    }
    let output = p.path(&args::OUTPUT);
    match p.text(&args::TO_TEMPLATE)?.as_deref() {
        Some("xlsx") => write_binary(output.as_deref(), &nianbao::render::xlsx::template()),
        Some("docx") => write_binary(output.as_deref(), &nianbao::render::docx::template()),
        Some(other) => Err(format!("不支持的模板格式 {other}：可选 xlsx、docx")),
        None => Err("请用 --to 指定模板格式：xlsx 或 docx".to_string()),
    }
}

#[cfg(not(feature = "office"))]
fn template(_: &Parsed) -> Run {
    Err("此版本未包含 Word/Excel 支持（office 功能未启用）".to_string())
}

fn print_rules(json: bool) -> ExitCode {
    if json {
        print_stdout(&(serde_json::to_string_pretty(rules::RULES).unwrap_or_default() + "\n"));
    } else {
        print_stdout(&rules::catalogue_text());
    }
    ExitCode::SUCCESS
}

/// Text for a terminal: control characters (other than line breaks and
/// tabs) and bidirectional overrides written as `\u001b`. A report's organ,
/// a file name or a zip entry's name could otherwise clear the screen,
/// retitle the terminal or reorder what is shown. In JSON output the same
/// form is a valid escape of the same character.
fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !may_be_unsafe(text.as_bytes()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A character [`terminal_safe`] writes as an escape.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` may hold an [`is_unsafe`] character, read by its bytes
/// (every JSON line of a batch is tested, and decoding each character was
/// a fortieth of the work): a control character (below 0x20 but line
/// breaks and tabs, 0x7F, C2 80–9F) or a bidirectional override (E2 80
/// AA–AE, E2 81 A6–A9).
fn may_be_unsafe(text: &[u8]) -> bool {
    text.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => matches!(text.get(i + 1), Some(0x80..=0x9F)),
        0xE2 => matches!(
            (text.get(i + 1), text.get(i + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        _ => false,
    })
}

/// A line on standard error, made [`terminal_safe`].
fn warn(text: impl AsRef<str>) {
    eprintln!("{}", terminal_safe(text.as_ref()));
}

/// Prints without panicking when stdout is closed (e.g. piped into `head`).
fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    #[test]
    fn unsafe_bytes_are_those_of_unsafe_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(super::may_be_unsafe(text.as_bytes()), super::is_unsafe(c), "{c:?}");
        }
    }
}
