//! `nianbao bench`: synthetic reports, and how fast this machine imports
//! and checks them (not a test: it prints figures). `scripts/bench` runs it;
//! `--write` makes folders of reports for the page's benchmarks.

use super::args::{self, Parsed};
use crate::write_file;
use nianbao::batch::{self, inputs::io_error_zh, inputs::Input, synthetic};
use nianbao::render::{html, markdown};
use nianbao::CheckOptions;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// `nianbao bench`, validated.
pub enum BenchArgs {
    /// Measure with this many synthetic reports.
    Measure { count: usize },
    /// `--write DIR N [--years K] [--mixed]`: write them as files.
    Write { dir: PathBuf, count: usize, years: usize, mixed: bool },
}

impl BenchArgs {
    pub fn of(p: &Parsed) -> Result<BenchArgs, String> {
        let count = |n: &OsString| {
            let n = n.to_string_lossy();
            n.parse::<usize>().map_err(|_| format!("报告份数应为正整数，而不是 {n}"))
        };
        if !p.flag(&args::WRITE) {
            if p.flag(&args::YEARS) || p.flag(&args::MIXED) {
                return Err(p.misuse("--years、--mixed 须与 --write 同用"));
            }
            return match p.args.as_slice() {
                [] => Ok(BenchArgs::Measure { count: 20_000 }),
                [n] => Ok(BenchArgs::Measure { count: count(n)? }),
                _ => Err(p.misuse("bench 最多需要一个参数：报告份数。")),
            };
        }
        let [dir, n] = p.args.as_slice() else {
            return Err(p.misuse("bench --write 需要两个参数：文件夹和份数。"));
        };
        let years = match p.text(&args::YEARS)? {
            Some(k) => k
                .parse()
                .ok()
                .filter(|k| (1..=50).contains(k))
                .ok_or(format!("--years 应为 1–50 的整数，而不是 {k}"))?,
            None => 2,
        };
        Ok(BenchArgs::Write { dir: PathBuf::from(dir), count: count(n)?, years, mixed: p.flag(&args::MIXED) })
    }
}

/// Runs `nianbao bench`.
pub fn run(a: &BenchArgs) -> Result<ExitCode, String> {
    match *a {
        BenchArgs::Measure { count } => measure(count),
        BenchArgs::Write { ref dir, count, years, mixed } => write_synthetic(dir, count, years, mixed),
    }
}

/// Generates synthetic reports and prints how fast they are imported and
/// checked, per input format, on one core.
fn measure(count: usize) -> Result<ExitCode, String> {
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
/// files, N / K organs over K years (a province's five years are
/// `--years 5`), or with `--mixed` in turn as JSON, Markdown, web page,
/// CSV, Word and Excel (for the page's benchmarks). Written on every core.
fn write_synthetic(dir: &Path, count: usize, years: usize, mixed: bool) -> Result<ExitCode, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}：{}", dir.display(), io_error_zh(&e)))?;
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
    let load = batch::inputs::Files(&files);
    let checked = batch::run(files.len(), load, &batch::Options::default(), |report| report);
    let summary = checked.checked.summary_csv();
    let seconds = start.elapsed().as_secs_f64();
    let paired = checked.reports().iter().filter(|r| r.previous.is_some()).count();
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
