//! 对照: two reports of one organ side by side — last year's and this
//! year's (上年/本年/增减), or two versions of one year's report (原版 and
//! 修改版: a report changed after publication).
//!
//! Plain data built from the two reports, so the CLI (`nianbao compare`)
//! and the page render the same view ([`html`] as HTML, `docx` as Word, serde as
//! JSON). The renderers live here, not in `render`, because the organs are
//! matched by the batch's names and the batch writes through `render`: a
//! `render` → `compare` → `batch` → `render` cycle otherwise. The tables are every
//! value cell of the layout, in layout order; the renderers draw them on
//! the official grids ([`crate::layout::grid`]). The prose is cut into
//! sentences as the reviewer's rules cut it and compared as X9 compares
//! prose (digits as one symbol, whitespace dropped).

#[cfg(feature = "office")]
pub mod docx;
pub mod html;

use crate::layout::{all_cells, CellId};
use crate::model::{Report, Value};
use crate::rules::copying::normalized;
use crate::rules::wording::{sentences, READ};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Which comparison the two reports make, from their years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Consecutive years: 上年 / 本年 / 增减.
    YearOverYear,
    /// The same year: 原版 / 修改版 / 增减.
    Versions,
}

impl Mode {
    /// The view's name: 与上年对照, 版本对照.
    pub fn title(self) -> &'static str {
        match self {
            Mode::YearOverYear => "与上年对照",
            Mode::Versions => "版本对照",
        }
    }

    /// The column headings of the earlier and the later report.
    pub fn columns(self) -> (&'static str, &'static str) {
        match self {
            Mode::YearOverYear => ("上年", "本年"),
            Mode::Versions => ("原版", "修改版"),
        }
    }
}

/// The two reports compared.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub mode: Mode,
    /// The later report's 机关名称.
    pub organ: String,
    /// The earlier (A: last year's, or the published version) and the later report's titles.
    pub title_a: String,
    pub title_b: String,
    pub year_a: i32,
    pub year_b: i32,
    /// Every value cell of the three tables, in layout order.
    pub cells: Vec<CellChange>,
    /// How many cells differ.
    pub changed_cells: usize,
    /// The title, organ and publication date where the versions differ
    /// (versions only: from one year to the next they always do).
    pub meta_changes: Vec<MetaChange>,
    /// The prose, section by section in document order (sections neither report has are left out).
    pub sections: Vec<SectionComparison>,
    /// One sentence: what changed, in plain words.
    pub verdict: String,
    /// Said when the organs' names match only as an abbreviation does.
    pub organ_note: Option<String>,
}

/// One value cell in both reports.
#[derive(Clone, Debug, Serialize)]
pub struct CellChange {
    pub address: &'static str,
    /// Its place in Chinese (表三「…」行「总计」列).
    pub label: &'static str,
    /// As written; none for a blank cell (a blank is not 0).
    pub a: Option<String>,
    pub b: Option<String>,
    /// `+12`, `−3`, `0` (exact decimals); none unless both are numbers.
    pub change: Option<String>,
    pub changed: bool,
}

/// A field of the report's heading that differs between the versions.
#[derive(Clone, Debug, Serialize)]
pub struct MetaChange {
    pub label: &'static str,
    pub a: String,
    pub b: String,
}

/// One section's prose: the later report's sentences, each marked.
#[derive(Clone, Debug, Serialize)]
pub struct SectionComparison {
    pub key: &'static str,
    pub heading: &'static str,
    /// The later report's paragraphs, each a run of sentences.
    pub paragraphs: Vec<Vec<Sentence>>,
    /// The earlier report's sentences of this section found nowhere in the
    /// later one (versions only: 删去的句子).
    pub removed: Vec<String>,
    /// The later report has no text here.
    pub absent: bool,
}

/// A sentence of the later report.
#[derive(Clone, Debug, Serialize)]
pub struct Sentence {
    pub text: String,
    pub status: SentenceStatus,
    /// The earlier report's sentence when only its figures differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

/// How a sentence relates to the earlier report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceStatus {
    /// Written word for word in the earlier report.
    Same,
    /// The same sentence with other figures.
    Figures,
    /// Not in the earlier report.
    New,
}

impl SentenceStatus {
    /// The mark a reader sees, for the mode.
    pub fn label(self, mode: Mode) -> &'static str {
        match (self, mode) {
            (SentenceStatus::Same, Mode::YearOverYear) => "与上年相同",
            (SentenceStatus::Figures, Mode::YearOverYear) => "与上年相同（仅数字不同）",
            (SentenceStatus::Same, Mode::Versions) => "未改动",
            (SentenceStatus::Figures, Mode::Versions) => "数字有改动",
            (SentenceStatus::New, Mode::YearOverYear) => "新写",
            (SentenceStatus::New, Mode::Versions) => "新增或改写",
        }
    }
}

/// Why two reports cannot be compared, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotComparable(pub String);

impl std::fmt::Display for NotComparable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotComparable {}

/// Compares two reports of one organ. The mode comes from the years:
/// consecutive years compare last year's with this year's (in either
/// order given); the same year compares `a` (the published version) with
/// `b` (the corrected one). The organs are matched as the batch matches a
/// unit list's names ([`crate::batch::coverage::name_match`]).
pub fn compare(a: &Report, b: &Report) -> Result<Comparison, NotComparable> {
    let (organ_a, organ_b) = (a.meta.organ.trim(), b.meta.organ.trim());
    if organ_a.is_empty() || organ_b.is_empty() {
        return Err(NotComparable(
            "有一份报告未写明机关名称，无法确认两份报告属于同一机关；请在报告标题或正文中写明机关名称后再对照。".into(),
        ));
    }
    let Some(same_name) = crate::batch::coverage::name_match(organ_a, organ_b) else {
        return Err(NotComparable(format!(
            "两份报告不是同一机关的（「{}」与「{}」），不能对照；请选同一机关的两份报告。",
            short(organ_a),
            short(organ_b)
        )));
    };
    let (Some(year_a), Some(year_b)) = (a.meta.year, b.meta.year) else {
        return Err(NotComparable(
            "有一份报告未写明统计年度，无法判断是与上年对照还是版本对照；请在标题中写明年度后再对照。".into(),
        ));
    };
    let (mode, a, b) = match i64::from(year_b) - i64::from(year_a) {
        1 => (Mode::YearOverYear, a, b),
        -1 => (Mode::YearOverYear, b, a),
        0 => (Mode::Versions, a, b),
        _ => {
            return Err(NotComparable(format!(
                "两份报告的年度（{year_a} 年与 {year_b} 年）既不相同也不相邻：只能与上一年度对照，或对照同一年度的两个版本。"
            )))
        }
    };
    let cells: Vec<CellChange> = all_cells().map(|id| cell_change(id, a, b)).collect();
    let changed_cells = cells.iter().filter(|c| c.changed).count();
    let meta_changes = if mode == Mode::Versions { meta_changes(a, b) } else { Vec::new() };
    let sections = prose(a, b, mode);
    let verdict = verdict(mode, &cells, changed_cells, &meta_changes, &sections);
    // A near match (洪泽区人民政府, 淮安市洪泽区人民政府) is said, in case it is
    // not the same organ after all.
    let organ_note = (!same_name).then(|| {
        format!(
            "两份报告的机关名称写法不同（「{}」与「{}」），按同一机关对照；如不是同一机关，请换一份报告。",
            short(a.meta.organ.trim()),
            short(b.meta.organ.trim())
        )
    });
    Ok(Comparison {
        mode,
        organ: b.meta.organ.trim().to_string(),
        title_a: crate::model::title(a),
        title_b: crate::model::title(b),
        year_a: a.meta.year.unwrap_or(year_a),
        year_b: b.meta.year.unwrap_or(year_b),
        cells,
        changed_cells,
        meta_changes,
        sections,
        verdict,
        organ_note,
    })
}

/// A name for a message, cut short (names are untrusted and may be long).
fn short(name: &str) -> String {
    crate::rules::wording::excerpt(name)
}

fn shown(value: &Value) -> Option<String> {
    match value {
        Value::Blank => None,
        v => Some(v.to_string()),
    }
}

fn cell_change(id: CellId, a: &Report, b: &Report) -> CellChange {
    let (va, vb) = (a.value(id), b.value(id));
    let change = match (va, vb) {
        (Value::Number(x), Value::Number(y)) => y.checked_sub(*x).map(signed),
        _ => None,
    };
    CellChange { address: id.address(), label: id.label(), a: shown(va), b: shown(vb), change, changed: va != vb }
}

/// `+12`, `−3` (a true minus sign), `0`; exact, as written to the last place.
pub fn signed(delta: rust_decimal::Decimal) -> String {
    let delta = delta.normalize();
    if delta.is_zero() {
        "0".to_string()
    } else if delta.is_sign_negative() {
        format!("−{}", delta.abs())
    } else {
        format!("+{delta}")
    }
}

fn meta_changes(a: &Report, b: &Report) -> Vec<MetaChange> {
    let date = |r: &Report| r.meta.published_on.map_or_else(|| "未写明".to_string(), |d| d.chinese());
    let mut out = Vec::new();
    for (label, x, y) in [
        ("标题", crate::model::title(a), crate::model::title(b)),
        ("机关名称", a.meta.organ.trim().to_string(), b.meta.organ.trim().to_string()),
        ("公布日期", date(a), date(b)),
    ] {
        if x != y {
            out.push(MetaChange { label, a: x, b: y });
        }
    }
    out
}

/// A sentence as compared: its shape (X9's normalisation: whitespace
/// dropped, every digit one symbol; and a run of digits one symbol, so
/// that 8 件 and 10 件 have one shape) and the text without whitespace
/// (figures kept).
fn keys(sentence: &str) -> (Vec<char>, String) {
    (shape(sentence), sentence.chars().filter(|c| !c.is_whitespace()).collect())
}

fn shape(sentence: &str) -> Vec<char> {
    let mut chars = normalized(sentence);
    chars.dedup_by(|a, b| *a == '0' && *b == '0');
    chars
}

/// The sentences of a text, paragraph by paragraph, each with the
/// punctuation that ends it (so the sentences put together give the text).
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let starts: Vec<usize> = sentences(line).map(|s| s.as_ptr() as usize - line.as_ptr() as usize).collect();
            starts
                .iter()
                .enumerate()
                .map(|(i, &start)| line[start..starts.get(i + 1).copied().unwrap_or(line.len())].trim())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect()
}

fn prose(a: &Report, b: &Report, mode: Mode) -> Vec<SectionComparison> {
    // The earlier report's sentences, from every section: a sentence moved
    // to another section is still one written before.
    let mut exact: HashSet<String> = HashSet::new();
    let mut by_shape: HashMap<Vec<char>, &str> = HashMap::new();
    for key in READ {
        for sentence in a.sections.get(key).map(paragraphs).unwrap_or_default().into_iter().flatten() {
            let (shape, plain) = keys(sentence);
            by_shape.entry(shape).or_insert(sentence);
            exact.insert(plain);
        }
    }
    let mut later_shapes: HashSet<Vec<char>> = HashSet::new();
    let mut out = Vec::new();
    for key in READ {
        let (text_a, text_b) = (a.sections.get(key), b.sections.get(key));
        let present = |t: Option<&str>| t.is_some_and(|t| !t.trim().is_empty());
        if !present(text_a) && !present(text_b) {
            continue;
        }
        let paragraphs: Vec<Vec<Sentence>> = text_b
            .map(paragraphs)
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                p.into_iter()
                    .map(|sentence| {
                        let (shape, plain) = keys(sentence);
                        let earlier = by_shape.get(&shape).copied();
                        later_shapes.insert(shape);
                        let (status, before) = match earlier {
                            _ if exact.contains(&plain) => (SentenceStatus::Same, None),
                            Some(e) => (SentenceStatus::Figures, Some(e.to_string())),
                            None => (SentenceStatus::New, None),
                        };
                        Sentence { text: sentence.to_string(), status, before }
                    })
                    .collect()
            })
            .collect();
        out.push(SectionComparison {
            key: key.key(),
            heading: key.heading(),
            absent: paragraphs.is_empty(),
            paragraphs,
            removed: Vec::new(),
        });
    }
    if mode == Mode::Versions {
        // What the corrected version dropped, under the section it stood in.
        for section in &mut out {
            let Some(key) = READ.iter().copied().find(|k| k.key() == section.key) else { continue };
            let text_a = a.sections.get(key).map(paragraphs).unwrap_or_default();
            section.removed = text_a
                .into_iter()
                .flatten()
                .filter(|s| !later_shapes.contains(&shape(s)))
                .map(str::to_string)
                .collect();
        }
    }
    out
}

fn verdict(
    mode: Mode,
    cells: &[CellChange],
    changed: usize,
    meta: &[MetaChange],
    sections: &[SectionComparison],
) -> String {
    let all: Vec<&Sentence> = sections.iter().flat_map(|s| s.paragraphs.iter().flatten()).collect();
    let count = |status| all.iter().filter(|s| s.status == status).count();
    let (same, figures, new) =
        (count(SentenceStatus::Same), count(SentenceStatus::Figures), count(SentenceStatus::New));
    let removed: usize = sections.iter().map(|s| s.removed.len()).sum();
    match mode {
        Mode::YearOverYear => {
            let both = cells.iter().filter(|c| c.change.is_some()).count();
            format!(
                "三张表 {} 个数据格中 {changed} 个与上年不同（两年都有数字的 {both} 个）；正文 {} 句中 {} 句与上年相同（其中 {figures} 句仅数字不同），{new} 句为新写。",
                cells.len(),
                all.len(),
                same + figures
            )
        }
        Mode::Versions if changed == 0 && meta.is_empty() && figures + new + removed == 0 => {
            "两个版本内容相同：表格数据和正文均未改动。".to_string()
        }
        Mode::Versions => format!(
            "报告发布后被修改：表格 {changed} 个数据格改动，正文 {} 句新增或改写、{figures} 句数字有改动、{removed} 句删去{}。",
            new,
            if meta.is_empty() { String::new() } else { format!("，{} 处标题信息改动", meta.len()) }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::filled;

    fn report(organ: &str, year: i32) -> Report {
        let mut r = filled();
        r.meta.organ = organ.into();
        r.meta.year = Some(year);
        r
    }

    fn set(r: &mut Report, address: &str, value: Value) {
        r.set(CellId::from_address(address).unwrap(), value);
    }

    #[test]
    fn mode_from_the_years_and_the_organ_by_the_batch_names() {
        let a = report("某某市财政局", 2023);
        let b = report("某某市财政局", 2024);
        assert_eq!(compare(&a, &b).unwrap().mode, Mode::YearOverYear);
        // Given the other way round: still last year first.
        let c = compare(&b, &a).unwrap();
        assert_eq!((c.mode, c.year_a, c.year_b), (Mode::YearOverYear, 2023, 2024));
        assert_eq!(compare(&a, &a).unwrap().mode, Mode::Versions);
        // The batch's name matching: an abbreviation is the same organ.
        assert_eq!(compare(&a, &report("某某市 财政局", 2024)).unwrap().organ_note, None);
        let near = compare(&report("洪泽区人民政府", 2023), &report("淮安市洪泽区人民政府", 2024)).unwrap();
        assert!(near.organ_note.unwrap().contains("写法不同"));
        let other = compare(&a, &report("某某市教育局", 2024)).unwrap_err();
        assert!(other.0.contains("不是同一机关"), "{other}");
        let far = compare(&a, &report("某某市财政局", 2026)).unwrap_err();
        assert!(far.0.contains("既不相同也不相邻"), "{far}");
        let mut unnamed = report("", 2024);
        unnamed.meta.organ = " ".into();
        assert!(compare(&a, &unnamed).is_err());
    }

    #[test]
    fn cells_change_exactly_and_blank_stays_blank() {
        let mut a = report("某某市财政局", 2023);
        let mut b = report("某某市财政局", 2024);
        set(&mut a, "requests.new_received.total", Value::Number(34.into()));
        set(&mut b, "requests.new_received.total", Value::Number(46.into()));
        set(&mut a, "active.fees", Value::Number("1.25".parse().unwrap()));
        set(&mut b, "active.fees", Value::Number("0.2".parse().unwrap()));
        set(&mut a, "active.licensing", Value::Number(0.into()));
        set(&mut b, "active.licensing", Value::Blank);
        let c = compare(&a, &b).unwrap();
        let cell = |address: &str| c.cells.iter().find(|x| x.address == address).unwrap();
        let new = cell("requests.new_received.total");
        assert_eq!((new.a.as_deref(), new.b.as_deref(), new.change.as_deref()), (Some("34"), Some("46"), Some("+12")));
        assert_eq!(cell("active.fees").change.as_deref(), Some("−1.05"));
        let blank = cell("active.licensing");
        assert_eq!((blank.a.as_deref(), blank.b.as_deref(), blank.change.as_deref()), (Some("0"), None, None));
        assert!(blank.changed, "a blank is not 0");
        assert_eq!(c.cells.len(), crate::layout::CELL_COUNT);
        assert_eq!(c.changed_cells, 3);
        assert!(!cell("requests.carried_over.total").changed);
    }

    #[test]
    fn sentences_repeated_from_last_year_are_marked() {
        let mut a = report("某某市财政局", 2023);
        let mut b = report("某某市财政局", 2024);
        a.sections.overview = Some("本机关认真贯彻条例。全年主动公开信息 120 条。\n加强平台建设；".into());
        b.sections.overview = Some("本机关认真贯彻条例。全年主动公开信息 1350 条。\n新建了依申请公开系统！".into());
        let c = compare(&a, &b).unwrap();
        let overview = c.sections.iter().find(|s| s.key == "overview").unwrap();
        let marks: Vec<(&str, SentenceStatus)> =
            overview.paragraphs.iter().flatten().map(|s| (s.text.as_str(), s.status)).collect();
        assert_eq!(
            marks,
            [
                ("本机关认真贯彻条例。", SentenceStatus::Same),
                ("全年主动公开信息 1350 条。", SentenceStatus::Figures),
                ("新建了依申请公开系统！", SentenceStatus::New),
            ]
        );
        assert_eq!(overview.paragraphs.len(), 2);
        assert!(overview.removed.is_empty(), "year over year lists no removed sentences");
        // Versions: the dropped sentence is listed, the old figures shown.
        let mut b2 = a.clone();
        b2.sections.overview = Some("本机关认真贯彻条例。全年主动公开信息 135 条。".into());
        let v = compare(&a, &b2).unwrap();
        let overview = v.sections.iter().find(|s| s.key == "overview").unwrap();
        assert_eq!(overview.removed, ["加强平台建设；"]);
        assert_eq!(overview.paragraphs[0][1].before.as_deref(), Some("全年主动公开信息 120 条。"));
        assert!(v.verdict.starts_with("报告发布后被修改"), "{}", v.verdict);
        assert_eq!(compare(&a, &a).unwrap().verdict, "两个版本内容相同：表格数据和正文均未改动。");
    }

    #[test]
    fn versions_list_changed_heading_fields() {
        let a = report("某某市财政局", 2024);
        let mut b = a.clone();
        b.meta.published_on = crate::model::Date::new(2025, 3, 1);
        let c = compare(&a, &b).unwrap();
        assert_eq!(c.meta_changes.len(), 1);
        assert_eq!(c.meta_changes[0].label, "公布日期");
    }
}
