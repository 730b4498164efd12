//! Charts as plain SVG strings, generated in the core so the page, the
//! exports and the CLI show the same pictures without a chart library.
//! Every label is escaped; the numbers are only used for geometry.

use crate::layout::{request_cell, request_row as row, review_cell, CellId, REQUEST_TOTAL_COLUMN, REVIEW_TOTAL_COLUMN};
use crate::model::Report;
use crate::output::CheckedReport;
use crate::render::html::escape;
use crate::rules::RULES;
use rust_decimal::Decimal;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const BAR_HEIGHT: f64 = 26.0;
const LABEL_WIDTH: f64 = 150.0;
const COLORS: [&str; 4] = ["#1a5fb4", "#c5221f", "#b06000", "#26a269"];

fn number(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// A horizontal bar chart: one bar per (label, value), the value written at its end.
fn bar_chart(title: &str, bars: &[(String, Decimal)], unit: &str) -> String {
    let max = bars.iter().map(|(_, v)| number(*v)).fold(0.0, f64::max).max(1.0);
    let height = 40.0 + BAR_HEIGHT * bars.len() as f64 + 10.0;
    let mut svg = open(title, height);
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = 40.0 + BAR_HEIGHT * i as f64;
        let w = (WIDTH - LABEL_WIDTH - 90.0) * number(*value) / max;
        // A long label is cut to fit; the whole of it shows on hover.
        let _ = write!(
            svg,
            r##"<g><title>{full}：{value}{unit}</title><text x="{lx}" y="{ty}" text-anchor="end" font-size="13">{label}</text><rect x="{LABEL_WIDTH}" y="{y}" width="{w:.1}" height="{bh}" fill="{color}"/><text x="{vx:.1}" y="{ty}" font-size="13">{value}{unit}</text></g>"##,
            lx = LABEL_WIDTH - 8.0,
            ty = y + 15.0,
            full = escape(label),
            label = escape(&short(label)),
            bh = BAR_HEIGHT - 8.0,
            color = COLORS[0],
            vx = LABEL_WIDTH + w + 6.0,
            unit = escape(unit),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A line chart over years: one line per named series. The axis spans
/// `years` as well as the years of the points; a year of the axis that is
/// not in `years` (no report) is marked “无报告”, and a line never runs
/// across a year without its point (no figure is drawn as if it were 0 or
/// in between).
fn line_chart(title: &str, years: &[i32], series: &[(String, Vec<(i32, Decimal)>)]) -> String {
    let points: Vec<(i32, f64)> = series.iter().flat_map(|(_, s)| s.iter().map(|(y, v)| (*y, number(*v)))).collect();
    let height = 280.0;
    let mut svg = open(title, height);
    let axis = || points.iter().map(|p| p.0).chain(years.iter().copied());
    let (Some(first), Some(last)) = (axis().min(), axis().max()) else {
        svg.push_str(r#"<text x="20" y="70" font-size="13">没有数据</text></svg>"#);
        return svg;
    };
    let max = points.iter().map(|p| p.1).fold(0.0, f64::max).max(1.0);
    let (left, right, top, bottom) = (60.0, WIDTH - 20.0, 50.0, height - 60.0);
    let x = |year: i32| {
        if first == last {
            (left + right) / 2.0
        } else {
            left + (right - left) * f64::from(year - first) / f64::from(last - first)
        }
    };
    let y = |v: f64| bottom - (bottom - top) * v / max;
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#888"/><line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#888"/><text x="{lx}" y="{ty}" text-anchor="end" font-size="12">{max}</text>"##,
        lx = left - 6.0,
        ty = top + 4.0,
    );
    for year in first..=last {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{}" text-anchor="middle" font-size="12">{year}</text>"#,
            x(year),
            bottom + 18.0
        );
        if !years.is_empty() && !years.contains(&year) {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{}" text-anchor="middle" font-size="10" fill="#888">无报告</text>"##,
                x(year),
                bottom + 30.0
            );
        }
    }
    // Value labels, in their series' colour: where several points of a
    // year lie close together (small figures near the axis), the labels of
    // that year are stacked upwards from the lowest instead of overlapping.
    let mut labels: Vec<(i32, f64, &Decimal, &str)> = Vec::new();
    for (i, (name, values)) in series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        // One line per run of consecutive years.
        for run in values.chunk_by(|a, b| b.0 == a.0 + 1) {
            let path: Vec<String> = run.iter().map(|(yr, v)| format!("{:.1},{:.1}", x(*yr), y(number(*v)))).collect();
            let _ =
                write!(svg, r#"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"/>"#, path.join(" "));
        }
        for (yr, v) in values {
            let _ = write!(svg, r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"/>"#, x(*yr), y(number(*v)));
            labels.push((*yr, y(number(*v)) - 7.0, v, color));
        }
        let lx = left + 150.0 * i as f64;
        let _ = write!(
            svg,
            r#"<rect x="{lx}" y="{}" width="12" height="12" fill="{color}"/><text x="{}" y="{}" font-size="12">{}</text>"#,
            height - 26.0,
            lx + 16.0,
            height - 16.0,
            escape(name)
        );
    }
    labels.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut previous: Option<(i32, f64)> = None;
    for (year, mut label_y, value, color) in labels {
        if let Some((_, above)) = previous.filter(|(at, _)| *at == year) {
            label_y = label_y.min(above - LABEL_GAP);
        }
        previous = Some((year, label_y));
        // On the first year, beside the axis line rather than across it.
        let (label_x, anchor) =
            if year == first && first != last { (x(year) + 5.0, "start") } else { (x(year), "middle") };
        let _ = write!(
            svg,
            r#"<text x="{label_x:.1}" y="{label_y:.1}" font-size="11" text-anchor="{anchor}" fill="{color}">{value}</text>"#
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The least vertical distance between two value labels of a year.
const LABEL_GAP: f64 = 12.0;

fn open(title: &str, height: f64) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="nb-chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="sans-serif"><title>{t}</title><text x="10" y="24" font-size="15" font-weight="bold">{t}</text>"##,
        t = escape(title)
    )
}

/// 办理结果 of one (possibly aggregated) report by group, 总计 column;
/// `scope` says whose figures they are (“2025 年度，所选 12 份报告汇总”).
pub fn results_distribution(report: &Report, scope: &str) -> String {
    let groups: [(&str, std::ops::RangeInclusive<usize>); 6] = [
        ("予以公开", 2..=2),
        ("部分公开", 3..=3),
        ("不予公开", 4..=11),
        ("无法提供", 12..=14),
        ("不予处理", 15..=19),
        ("其他处理", 20..=22),
    ];
    let bars: Vec<(String, Decimal)> = groups
        .into_iter()
        .map(|(label, rows)| {
            (label.to_string(), rows.map(|r| report.number(request_cell(r, REQUEST_TOTAL_COLUMN))).sum())
        })
        .collect();
    bar_chart(&format!("办理结果分布（件）：{scope}"), &bars, "")
}

/// The trend of 新收申请, 行政复议 and 行政诉讼 over the years of one organ's
/// own reports (`organ` names it in the title): the reports of unrelated
/// organs are never added up into a trend.
pub fn trend(reports: &[&Report], organ: &str) -> String {
    let mut by_year: Vec<&Report> = reports.iter().copied().filter(|r| r.meta.year.is_some()).collect();
    by_year.sort_by_key(|r| r.meta.year);
    // A year whose figure was left blank (or whose table could not be
    // read) has no point, rather than a point at 0.
    let series = |cells: &[CellId]| -> Vec<(i32, Decimal)> {
        by_year
            .iter()
            .filter(|r| {
                // Text (“12.5万元”) is not a figure: no point rather than 0.
                cells.iter().all(|&id| !matches!(r.value(id), crate::model::Value::Text(_)))
                    && cells.iter().any(|&id| !r.value(id).is_blank())
            })
            .map(|r| (r.meta.year.unwrap_or_default(), cells.iter().map(|&id| r.number(id)).sum()))
            .collect()
    };
    let requests = series(&[request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN)]);
    let review = series(&[review_cell(0, REVIEW_TOTAL_COLUMN)]);
    let litigation = series(&[review_cell(1, REVIEW_TOTAL_COLUMN), review_cell(2, REVIEW_TOTAL_COLUMN)]);
    let years: Vec<i32> = by_year.iter().filter_map(|r| r.meta.year).collect();
    line_chart(
        &format!("{organ}：申请与复议、诉讼的年度变化（件）"),
        &years,
        &[("新收申请".to_string(), requests), ("行政复议".to_string(), review), ("行政诉讼".to_string(), litigation)],
    )
}

/// A [`trend`] for each organ with reports of two years or more (its first
/// report of a year counts), named by the organ, in the organs' order.
pub fn trends(reports: impl IntoIterator<Item = Report>) -> Vec<(String, String)> {
    let mut by_organ: std::collections::BTreeMap<String, Vec<Report>> = Default::default();
    for report in reports {
        if report.meta.year.is_some() && !report.meta.organ.trim().is_empty() {
            by_organ.entry(report.meta.organ.trim().to_string()).or_default().push(report);
        }
    }
    let mut charts = Vec::new();
    for (organ, mut reports) in by_organ {
        reports.sort_by_key(|r| r.meta.year);
        reports.dedup_by_key(|r| r.meta.year);
        if reports.len() >= 2 {
            let refs: Vec<&Report> = reports.iter().collect();
            let chart = trend(&refs, &organ);
            charts.push((organ, chart));
        }
    }
    charts
}

/// For each rule, the share of readable reports with an error or warning from it.
pub fn rule_share(reports: &[CheckedReport]) -> String {
    let readable: Vec<&CheckedReport> = reports.iter().filter(|r| r.findings.is_some()).collect();
    let total = readable.len().max(1);
    let bars: Vec<(String, Decimal)> = RULES
        .iter()
        .filter_map(|rule| {
            let hit = readable
                .iter()
                .filter(|r| r.findings.as_deref().unwrap_or_default().iter().any(|f| f.rule == rule.code))
                .count();
            // Percent, rounded to the nearest (2 of 7 is 29%).
            let percent = (hit * 200 + total) / (2 * total);
            (hit > 0).then(|| (format!("{} {}", rule.code, rule.title), Decimal::from(percent)))
        })
        .collect();
    bar_chart("各规则发现问题的报告占比", &bars, "%")
}

/// Longest bar label shown whole, in characters.
const LABEL_CHARS: usize = 11;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    label.chars().take(LABEL_CHARS - 1).chain(['…']).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_svg_with_escaped_labels() {
        let svg = bar_chart("<script>", &[("a&b".into(), Decimal::from(3))], "件");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("<script>") && svg.contains("a&amp;b"));
        let long = bar_chart("t", &[("A1 表三勾稽关系：一 + 二 = 三".into(), Decimal::from(29))], "%");
        assert!(long.contains("<title>A1 表三勾稽关系：一 + 二 = 三：29%</title>"), "{long}");
        assert!(long.contains(">A1 表三勾稽关系：…<"), "{long}");
        let empty = line_chart("空", &[], &[]);
        assert!(empty.contains("没有数据"));
        let mut r = Report::new();
        r.meta.year = Some(2025);
        assert!(!trend(&[&r], "某局").contains("<circle"), "a blank year has no point");
        r.set(review_cell(0, REVIEW_TOTAL_COLUMN), crate::model::Value::Number(Decimal::from(2)));
        assert_eq!(trend(&[&r], "某局").matches("<circle").count(), 1);
        assert!(trend(&[&r], "某局").contains("2025") && trend(&[&r], "某局").contains("<title>某局："));
        // A year with no report: marked, and no line across it.
        let mut old = r.clone();
        old.meta.year = Some(2023);
        let gap = trend(&[&old, &r], "某局");
        assert!(gap.contains(">2024<") && gap.contains("无报告"), "{gap}");
        assert_eq!(gap.matches("<polyline").count(), 2, "the line of 行政复议 in two runs, none across 2024: {gap}");
        // Small figures of one year: their labels do not overlap.
        let svg = line_chart(
            "t",
            &[],
            &[("a".into(), vec![(2025, Decimal::ZERO)]), ("b".into(), vec![(2025, Decimal::ONE)])],
        );
        let ys: Vec<f64> = svg
            .split("<text ")
            .filter(|t| t.contains("font-size=\"11\""))
            .map(|t| t.split("y=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(ys.len(), 2);
        assert!((ys[0] - ys[1]).abs() >= LABEL_GAP, "{ys:?}");
        let results = results_distribution(&r, "2025 年度，所选 3 份报告汇总");
        assert!(results.contains("予以公开") && results.contains("2025 年度，所选 3 份报告汇总"));
    }
}
