//! 体检摘要 as HTML: a card that fits one A4 page when printed
//! (`<article class="nb-card">`, styled by `www/summary.css`, which the
//! page and the standalone document share). Every text is escaped.

use super::html::escape;
use crate::finding::Severity;
use crate::summary::region::RegionSummary;
use crate::summary::Summary;
use std::fmt::Write;

/// The card's stylesheet (screen and A4 print), shared with the page.
const SUMMARY_CSS: &str = include_str!("../../www/summary.css");

/// A complete HTML document with the card, ready to open or print.
pub fn document(summary: &Summary) -> String {
    page(&summary.title, &card(summary))
}

/// The standalone document around a card: titled `体检摘要 · {name}`, no
/// request of any kind (CSP), the card's stylesheet inline. The page's own
/// print margins (report.css) apply when printed from the page; `@page`
/// gives the same A4 page when the downloaded card is printed on its own.
fn page(name: &str, card: &str) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    let _ = writeln!(out, "<title>体检摘要 · {}</title>", escape(name));
    let _ = writeln!(
        out,
        "<style>\n@page {{ size: A4; margin: 25mm 20mm 20mm 24mm; }}\n{SUMMARY_CSS}</style>\n</head>\n<body>"
    );
    out.push_str(card);
    out.push_str("</body>\n</html>\n");
    out
}

fn severity_class(s: Severity) -> &'static str {
    s.key()
}

/// The card as an `<article class="nb-card">` fragment (for the page).
pub fn card(s: &Summary) -> String {
    let mut facts = vec![format!("机关：{}", escape(&s.organ))];
    if let Some(kind) = s.organ_kind {
        facts.push(format!("类型：{}", escape(kind)));
    }
    facts.push(match s.year {
        Some(y) => format!("统计年度：{y} 年"),
        None => "统计年度：未写明".to_string(),
    });
    let mut out = head("nb-card", "体检摘要", &s.title, &facts.join(SEPARATOR));
    let _ = writeln!(
        out,
        "<p class=\"nb-card-deadline\" data-status=\"{}\"><strong>公布期限</strong>{}</p>",
        s.deadline.status,
        escape(&s.deadline.text)
    );
    out.push_str("</header>\n");

    // Verdict and counts.
    let counts = [Severity::Error, Severity::Warning, Severity::Info].map(|sev| {
        let n = match sev {
            Severity::Error => s.counts.error,
            Severity::Warning => s.counts.warning,
            Severity::Info => s.counts.info,
        };
        (severity_class(sev), n, sev.label())
    });
    verdict(&mut out, worst(s.counts.error > 0, s.counts.warning > 0), &s.verdict, &counts);

    // The findings that matter most.
    let top: Vec<String> = s
        .top
        .iter()
        .map(|k| {
            format!(
                "<li data-severity=\"{}\"><span class=\"nb-card-sev\">{}</span><strong>{}</strong><span class=\"nb-card-place\">位置：{}</span><span class=\"nb-card-detail\">{}</span></li>",
                severity_class(k.severity),
                k.severity.label(),
                escape(&k.what),
                escape(&k.place),
                escape(&k.detail)
            )
        })
        .collect();
    listing(&mut out, ("nb-card-top", "最需要关注的问题", "未发现问题。"), "ol", &top, None);

    // Core figures.
    out.push_str("<section class=\"nb-card-figures\">\n<h2>核心数据</h2>\n<table class=\"nb-card-table\">\n<thead><tr><th>指标</th>");
    let this_year = s.year.map_or("本年".to_string(), |y| format!("{y} 年"));
    let _ = write!(out, "<th>{}</th>", escape(&this_year));
    if s.has_previous {
        let last_year = s.previous_year.map_or("上年".to_string(), |y| format!("{y} 年"));
        let _ = write!(out, "<th>{}</th><th>变化</th>", escape(&last_year));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for f in &s.figures {
        let value = |v: &Option<String>| match v {
            Some(v) => format!("{}{}", escape(v), if f.unit == "%" { "%" } else { "" }),
            None => "—".to_string(),
        };
        let sub = if f.label.starts_with("其中") { " class=\"nb-card-sub\"" } else { "" };
        let _ = write!(
            out,
            "<tr{sub}><th scope=\"row\">{}（{}）</th><td>{}</td>",
            escape(f.label),
            f.unit,
            value(&f.this_year)
        );
        if s.has_previous {
            let _ =
                write!(out, "<td>{}</td><td>{}</td>", value(&f.last_year), escape(f.change.as_deref().unwrap_or("—")));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if !s.has_previous {
        out.push_str("<p class=\"nb-card-note\">未载入上年报告，未做同比。</p>\n");
    }
    out.push_str("</section>\n");

    // What to fix before publishing.
    let to_fix: Vec<String> = s
        .to_fix
        .iter()
        .map(|item| {
            let more = if item.count > item.places.len() { format!(" 等 {} 处", item.count) } else { String::new() };
            format!(
                "<li><span class=\"nb-box\" aria-hidden=\"true\">□</span>{}：{}{}</li>",
                escape(&item.what),
                escape(&item.places.join("；")),
                more
            )
        })
        .collect();
    let more = (s.more_to_fix > 0).then(|| format!("另有 {} 处错误，见完整检查结果。", s.more_to_fix));
    listing(&mut out, ("nb-card-fix", "发布前须改正", "没有必须改正的错误。"), "ul", &to_fix, more);

    // What no cell shows: ticked by the tool where it can tell, boxes for the author.
    out.push_str("<section class=\"nb-card-checklist\">\n<h2>发布前核对</h2>\n<p class=\"nb-card-legend\">☑ 已做到　☒ 未做到　□ 由撰写人核对</p>\n<ul>\n");
    for item in &s.checklist {
        let _ = writeln!(
            out,
            "<li data-key=\"{}\" data-status=\"{}\"><span class=\"nb-box\" aria-hidden=\"true\">{}</span><strong>{}</strong>：{}</li>",
            item.key,
            item.status.key(),
            item.status.mark(),
            escape(item.what),
            escape(&item.detail)
        );
    }
    out.push_str("</ul>\n</section>\n");
    foot(&mut out);
    out
}

/// The region's card as a complete HTML document.
pub fn region_document(summary: &RegionSummary) -> String {
    page(&summary.name, &region_card(summary))
}

/// The years as written on the card: `2025 年`, `2023—2025 年`.
pub fn years_text(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => format!("{a} 年"),
        (Some(a), Some(b)) => format!("{a}—{b} 年"),
        _ => "年度未写明".to_string(),
    }
}

/// The region's card as an `<article class="nb-card">` fragment.
pub fn region_card(s: &RegionSummary) -> String {
    let facts = format!("{}{SEPARATOR}共 {} 份报告", years_text(&s.years), s.reports);
    let mut out = head("nb-card nb-card-region", "本地区体检摘要", &s.name, &facts);
    out.push_str("</header>\n");
    let counts = [
        ("ok", s.passed, "通过"),
        ("warning", s.warnings, "有警告"),
        ("error", s.errors, "有错误"),
        ("error", s.unreadable, "无法读取"),
    ];
    verdict(&mut out, worst(s.errors + s.unreadable > 0, s.warnings > 0), &s.verdict, &counts);

    if !s.coverage.is_empty() {
        out.push_str("<section class=\"nb-card-coverage\">\n<h2>报送情况</h2>\n<table class=\"nb-card-table\">\n<thead><tr><th>年度</th><th>名单单位</th><th>已报送</th><th>未报送</th></tr></thead>\n<tbody>\n");
        for c in &s.coverage {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"nb-card-wrap\">{}</td></tr>",
                c.year_text(),
                c.listed,
                c.handed_in,
                escape(&c.missing_text())
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    let common: Vec<String> = s
        .common
        .iter()
        .map(|c| {
            format!(
                "<li data-severity=\"{}\"><span class=\"nb-card-sev\">{}</span><strong>{}</strong><span class=\"nb-card-place\">{} 份报告</span></li>",
                c.severity.key(),
                c.severity.label(),
                escape(&c.what),
                c.reports
            )
        })
        .collect();
    listing(&mut out, ("nb-card-top", "最常见的问题", "未发现错误或警告。"), "ol", &common, None);

    let follow_up: Vec<String> = s
        .follow_up
        .iter()
        .map(|f| {
            let year = f.year.map_or(String::new(), |y| format!("（{y} 年）"));
            format!(
                "<li><span class=\"nb-box\" aria-hidden=\"true\">□</span><strong>{}</strong>{year}：{}</li>",
                escape(&f.unit),
                escape(&f.reason)
            )
        })
        .collect();
    let more = (s.more_follow_up > 0).then(|| format!("另有 {} 个单位，见批量检查结果。", s.more_follow_up));
    listing(&mut out, ("nb-card-fix", "需跟进的单位", "没有需要跟进的单位。"), "ul", &follow_up, more);
    foot(&mut out);
    out
}

/// Between two facts of the card's head.
const SEPARATOR: &str = "<span class=\"nb-sep\">·</span>";

/// The card's opening up to its facts (`facts`: HTML), with the header
/// left open for what a card adds to it: `<article>`, the kicker that says
/// which card it is, the title.
fn head(article_class: &str, kicker: &str, title: &str, facts: &str) -> String {
    let mut out = format!("<article class=\"{article_class}\">\n");
    let _ = writeln!(
        out,
        "<header class=\"nb-card-head\">\n<p class=\"nb-card-kicker\">政府信息公开工作年度报告 · {kicker}</p>"
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let _ = writeln!(out, "<p class=\"nb-card-facts\">{facts}</p>");
    out
}

/// The worst a card shows: `error`, `warning` or `ok`.
fn worst(errors: bool, warnings: bool) -> &'static str {
    if errors {
        "error"
    } else if warnings {
        "warning"
    } else {
        "ok"
    }
}

/// The verdict's sentence and the counts (severity key, number, label).
fn verdict(out: &mut String, worst: &str, sentence: &str, counts: &[(&str, usize, &str)]) {
    let _ = writeln!(out, "<section class=\"nb-card-verdict\" data-worst=\"{worst}\">");
    let _ = writeln!(out, "<p class=\"nb-card-sentence\">{}</p>", escape(sentence));
    out.push_str("<ul class=\"nb-card-counts\">");
    for (key, n, label) in counts {
        let _ = write!(out, "<li data-severity=\"{key}\"><strong>{n}</strong>{label}</li>");
    }
    out.push_str("</ul>\n</section>\n");
}

/// A section of `items` (`<li>` HTML) in a list (`ol`, `ul`), with a line
/// for what did not fit; `none` when there are no items.
/// `(class, heading, none)` say which section it is.
fn listing(
    out: &mut String,
    (class, heading, none): (&str, &str, &str),
    list: &str,
    items: &[String],
    more: Option<String>,
) {
    let _ = writeln!(out, "<section class=\"{class}\">\n<h2>{heading}</h2>");
    if items.is_empty() {
        let _ = writeln!(out, "<p class=\"nb-card-none\">{none}</p>");
    } else {
        let _ = writeln!(out, "<{list}>");
        for item in items {
            let _ = writeln!(out, "{item}");
        }
        if let Some(more) = more {
            let _ = writeln!(out, "<li class=\"nb-card-more\">{more}</li>");
        }
        let _ = writeln!(out, "</{list}>");
    }
    out.push_str("</section>\n");
}

/// The card's footer, and its end.
fn foot(out: &mut String) {
    out.push_str(
        "<footer class=\"nb-card-foot\">由 nianbao 在本机检查生成 · 按国办公开办函〔2021〕30号格式逐格核对</footer>\n",
    );
    out.push_str("</article>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, RuleCode};

    #[test]
    fn everything_from_the_report_is_escaped() {
        let mut report = crate::rules::testing::filled();
        report.meta.organ = "<script>alert(1)</script>局".into();
        let finding = Finding::new(RuleCode::A1, Severity::Error, "<b>坏</b>")
            .cells(crate::finding::Location::from_address("requests.results.total.total"));
        let html = card(&crate::summary::summarize(&report, &[finding], None));
        assert!(!html.contains("<script>") && !html.contains("<b>坏"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("发布前须改正"));
        let batch = vec![crate::output::CheckedReport::unreadable("<img src=x onerror=alert(1)>.pdf", "坏")];
        let region = region_card(&crate::summary::region::summarize("<b>区</b>", &batch, &[]));
        assert!(!region.contains("<img") && !region.contains("<b>区"), "{region}");
    }
}
