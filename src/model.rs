//! The report model of DATA-MODEL.md: meta, prose sections and the 200 value
//! cells of the three official tables.
//!
//! The cells live in one flat array indexed by [`CellId`]; which cell is
//! which (address, labels, kind) is defined once in [`crate::layout`].

use crate::layout::{self, CellId, CELL_COUNT};
use rust_decimal::Decimal;

/// The `schema` value of the 2021 national format.
pub const SCHEMA_2021: &str = "gov-info-annual-report/2021";

/// One value cell as the source gave it. A blank cell is not a zero: the
/// rules read it as 0 for arithmetic but tell the user it was left blank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Value {
    /// Empty, `—`, `-`, `/` or JSON `null`.
    #[default]
    Blank,
    /// An exact decimal number (counts are integers, 万元 keeps its digits).
    Number(Decimal),
    /// Text that is not a number, kept as given so the user sees what was
    /// there (e.g. `251000元`); the domain rules report it.
    Text(String),
}

impl Value {
    /// The value for arithmetic: blanks and text read as 0.
    pub fn number_or_zero(&self) -> Decimal {
        match self {
            Value::Number(n) => *n,
            _ => Decimal::ZERO,
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Blank)
    }

    /// Reads one cell as written in a source (text, CSV, a spreadsheet
    /// cell): blank markers become [`Value::Blank`], numbers (with
    /// thousands separators or full-width digits) become exact decimals,
    /// anything else is kept as text.
    pub fn parse(raw: &str) -> Value {
        if let Some(n) = parse_short_plain_decimal(raw) {
            return Value::Number(n);
        }
        if raw.contains('\0') {
            // NUL, which no reader sees (a browser drops it from a page), is
            // not kept: an export holding it would not read back as text.
            return Value::parse(&raw.replace('\0', ""));
        }
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}');
        if is_blank_marker(trimmed) {
            return Value::Blank;
        }
        match parse_decimal(trimmed) {
            Some(n) => Value::Number(n),
            None => Value::Text(trimmed.to_string()),
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Blank => Ok(()),
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// The markers that published reports use for an empty cell.
fn is_blank_marker(s: &str) -> bool {
    matches!(s, "" | "—" | "——" | "-" | "--" | "－" | "/" | "／" | "–" | "―" | "一一" | "\\")
}

/// Largest magnitude accepted in a cell. Far beyond any real report, and
/// small enough that sums of all 200 cells cannot overflow a `Decimal`.
const MAX_CELL_VALUE: i64 = 1_000_000_000_000_000;

/// Parses an exact decimal: ASCII or full-width digits, an optional sign,
/// one decimal point and `,` thousands separators. Rejects exponents,
/// `NaN`, and values beyond [`MAX_CELL_VALUE`].
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    if let Some(n) = parse_short_plain_decimal(s) {
        return Some(n);
    }
    // Plain ASCII digits with at most one point: no copy needed.
    if !s.is_empty()
        && s.len() <= 28
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && s.bytes().filter(|&b| b == b'.').count() <= 1
        && !s.starts_with('.')
        && !s.ends_with('.')
    {
        let n: Decimal = s.parse().ok()?;
        return (n <= Decimal::from(MAX_CELL_VALUE)).then_some(n);
    }
    let mut normal = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '，' | ',' | ' ' | '\u{a0}' => continue,
            _ => c,
        };
        normal.push(c);
    }
    let body = normal.strip_prefix(['+', '-']).unwrap_or(&normal);
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit())
        && !body.starts_with('.')
        && !body.ends_with('.');
    if !valid || body.len() > 40 {
        return None;
    }
    let n: Decimal = normal.trim_start_matches('+').parse().ok()?;
    (n.abs() <= Decimal::from(MAX_CELL_VALUE)).then_some(n)
}

/// The form nearly every cell has — up to 18 ASCII digits, 15 before the point, with at most one
/// point inside, like `34` or `1271.38998` — read straight into a mantissa
/// and a scale (so `1.50` keeps its two places). Anything else is `None`
/// and goes to the general parser.
fn parse_short_plain_decimal(s: &str) -> Option<Decimal> {
    let bytes = s.as_bytes();
    if bytes.is_empty() || bytes.len() > 19 || bytes[0] == b'.' || bytes[bytes.len() - 1] == b'.' {
        return None;
    }
    let (mut mantissa, mut digits, mut scale, mut point) = (0u64, 0u32, 0u32, false);
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                scale += u32::from(point);
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    // At most 15 digits before the point stays below MAX_CELL_VALUE (10^15).
    (digits <= 18 && digits - scale <= 15).then(|| Decimal::from_i128_with_scale(i128::from(mantissa), scale))
}

/// 机关类型 (`meta.organ_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrganKind {
    /// 人民政府: publishes by 3月31日 and must cover 考核/社会评议/责任追究.
    Government,
    /// 政府部门: publishes by 1月31日.
    Department,
    /// 乡镇/街道.
    Township,
    Other,
}

impl OrganKind {
    pub const ALL: [OrganKind; 4] =
        [OrganKind::Government, OrganKind::Department, OrganKind::Township, OrganKind::Other];

    pub fn key(self) -> &'static str {
        match self {
            OrganKind::Government => "government",
            OrganKind::Department => "department",
            OrganKind::Township => "township",
            OrganKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<OrganKind> {
        OrganKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            OrganKind::Government => "人民政府",
            OrganKind::Department => "政府部门",
            OrganKind::Township => "乡镇/街道",
            OrganKind::Other => "其他",
        }
    }

    /// Guesses the kind from the organ's name (used when a source does not say).
    pub fn guess(organ: &str) -> Option<OrganKind> {
        let organ = organ.trim();
        if organ.is_empty() {
            return None;
        }
        if ["街道办事处", "街道", "乡", "镇", "乡人民政府", "镇人民政府"].iter().any(|s| organ.ends_with(s))
        {
            Some(OrganKind::Township)
        } else if organ.ends_with("人民政府") || organ.ends_with("管委会") && organ.contains("实验区") {
            Some(OrganKind::Government)
        } else if ["局", "委员会", "办公室", "委", "厅", "署", "中心"].iter().any(|s| organ.ends_with(s)) {
            Some(OrganKind::Department)
        } else {
            None
        }
    }
}

/// The years a report can be of (`meta.year`): every importer, the form
/// and the CLI accept these and no others, so that whatever one reads, the
/// others read back.
pub const REPORT_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Parses a report year (“2025”, “2025年”) within [`REPORT_YEARS`].
pub fn parse_year(text: &str) -> Option<i32> {
    let year: i32 = text.trim().trim_end_matches('年').parse().ok()?;
    REPORT_YEARS.contains(&year).then_some(year)
}

/// A calendar date (`meta.published_on`), validated, without a time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1900..=2200).contains(&year)).then_some(Date { year, month, day })
    }

    /// Parses ISO `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?;
        let m = parts.next()?;
        let d = parts.next()?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// `2025年3月1日`, as a report and a notice write dates.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`,
    /// proleptic Gregorian); `None` outside the years [`Date::new`] takes.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date::new(i32::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?, month, day)
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_unix_days`]).
    fn unix_days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` later (a notice's reply date).
    pub fn plus_days(self, days: i64) -> Option<Date> {
        Date::from_unix_days(self.unix_days() + days)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `meta`: who reports, for which year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// 机关名称; empty when unknown.
    pub organ: String,
    pub organ_kind: Option<OrganKind>,
    /// 统计年度.
    pub year: Option<i32>,
    pub title: Option<String>,
    pub published_on: Option<Date>,
}

/// The prose parts. `None` means the section is absent from the source;
/// `Some("")` means its heading is there with nothing under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sections {
    pub preamble: Option<String>,
    /// 一、总体情况
    pub overview: Option<String>,
    /// 五、存在的主要问题及改进情况
    pub problems: Option<String>,
    /// 六、其他需要报告的事项
    pub other: Option<String>,
    /// Text under 二 beside table 二 (explanations of its figures).
    pub active_note: Option<String>,
    /// Text under 三 beside table 三.
    pub requests_note: Option<String>,
    /// Text under 四 beside table 四.
    pub review_note: Option<String>,
}

/// The prose sections by their DATA-MODEL key, for generic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKey {
    Preamble,
    Overview,
    Problems,
    Other,
    ActiveNote,
    RequestsNote,
    ReviewNote,
}

impl SectionKey {
    pub const ALL: [SectionKey; 7] = [
        SectionKey::Preamble,
        SectionKey::Overview,
        SectionKey::Problems,
        SectionKey::Other,
        SectionKey::ActiveNote,
        SectionKey::RequestsNote,
        SectionKey::ReviewNote,
    ];

    /// The three headings of the format that hold prose: 一, 五, 六.
    pub const HEADED: [SectionKey; 3] = [SectionKey::Overview, SectionKey::Problems, SectionKey::Other];

    pub fn key(self) -> &'static str {
        match self {
            SectionKey::Preamble => "preamble",
            SectionKey::Overview => "overview",
            SectionKey::Problems => "problems",
            SectionKey::Other => "other",
            SectionKey::ActiveNote => "active_note",
            SectionKey::RequestsNote => "requests_note",
            SectionKey::ReviewNote => "review_note",
        }
    }

    /// The note written beside a table (under its heading, outside it).
    pub fn note_of(table: layout::TableId) -> SectionKey {
        match table {
            layout::TableId::Active => SectionKey::ActiveNote,
            layout::TableId::Requests => SectionKey::RequestsNote,
            layout::TableId::ReviewLitigation => SectionKey::ReviewNote,
        }
    }

    /// The table a note stands beside, for the notes.
    pub fn table(self) -> Option<layout::TableId> {
        match self {
            SectionKey::ActiveNote => Some(layout::TableId::Active),
            SectionKey::RequestsNote => Some(layout::TableId::Requests),
            SectionKey::ReviewNote => Some(layout::TableId::ReviewLitigation),
            _ => None,
        }
    }

    /// Whether the format's template has no such part (the preamble and the
    /// notes beside the tables): absent is then normal, not a gap.
    pub fn is_optional(self) -> bool {
        !SectionKey::HEADED.contains(&self)
    }

    /// The Chinese name of the part for people (导语, the heading, or the
    /// heading with （表外说明） for a note).
    pub fn label(self) -> &'static str {
        match self {
            SectionKey::Preamble => "导语",
            SectionKey::ActiveNote => "二、主动公开政府信息情况（表外说明）",
            SectionKey::RequestsNote => "三、收到和处理政府信息公开申请情况（表外说明）",
            SectionKey::ReviewNote => "四、政府信息公开行政复议、行政诉讼情况（表外说明）",
            other => other.heading(),
        }
    }

    /// The address used in findings, e.g. `sections.overview`.
    pub const fn address(self) -> &'static str {
        match self {
            SectionKey::Preamble => "sections.preamble",
            SectionKey::Overview => "sections.overview",
            SectionKey::Problems => "sections.problems",
            SectionKey::Other => "sections.other",
            SectionKey::ActiveNote => "sections.active_note",
            SectionKey::RequestsNote => "sections.requests_note",
            SectionKey::ReviewNote => "sections.review_note",
        }
    }

    /// The section at an address, e.g. `sections.overview`.
    pub fn from_address(address: &str) -> Option<SectionKey> {
        SectionKey::ALL.into_iter().find(|k| k.address() == address)
    }

    /// The canonical heading (FORMAT.md §1); the preamble has none, a note
    /// stands under its table's heading.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKey::Preamble => "",
            SectionKey::Overview => "一、总体情况",
            SectionKey::Problems => "五、存在的主要问题及改进情况",
            SectionKey::Other => "六、其他需要报告的事项",
            note => note.table().map_or("", |t| t.heading()),
        }
    }
}

impl Sections {
    pub fn get(&self, key: SectionKey) -> Option<&str> {
        match key {
            SectionKey::Preamble => self.preamble.as_deref(),
            SectionKey::Overview => self.overview.as_deref(),
            SectionKey::Problems => self.problems.as_deref(),
            SectionKey::Other => self.other.as_deref(),
            SectionKey::ActiveNote => self.active_note.as_deref(),
            SectionKey::RequestsNote => self.requests_note.as_deref(),
            SectionKey::ReviewNote => self.review_note.as_deref(),
        }
    }

    pub fn get_mut(&mut self, key: SectionKey) -> &mut Option<String> {
        match key {
            SectionKey::Preamble => &mut self.preamble,
            SectionKey::Overview => &mut self.overview,
            SectionKey::Problems => &mut self.problems,
            SectionKey::Other => &mut self.other,
            SectionKey::ActiveNote => &mut self.active_note,
            SectionKey::RequestsNote => &mut self.requests_note,
            SectionKey::ReviewNote => &mut self.review_note,
        }
    }
}

/// One annual report in the 2021 national format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Always [`SCHEMA_2021`] for now; a new national format gets a new value.
    pub schema: String,
    pub meta: Meta,
    pub sections: Sections,
    values: Vec<Value>,
    /// What blank cells held when they were not empty (`—`, `／`, `/`…),
    /// by cell index: the findings say what was typed, not just "blank".
    blank_marks: Vec<(usize, String)>,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            schema: SCHEMA_2021.to_string(),
            meta: Meta::default(),
            sections: Sections::default(),
            values: vec![Value::Blank; CELL_COUNT],
            blank_marks: Vec::new(),
        }
    }
}

impl Report {
    /// An empty report: every cell blank, no prose.
    pub fn new() -> Report {
        Report::default()
    }

    pub fn value(&self, id: CellId) -> &Value {
        &self.values[id.index()]
    }

    pub fn set(&mut self, id: CellId, value: Value) {
        if !self.blank_marks.is_empty() {
            self.blank_marks.retain(|(i, _)| *i != id.index());
        }
        self.values[id.index()] = value;
    }

    /// Sets a cell from its text as written in a source ([`Value::parse`]),
    /// keeping what a blank held (`—`, `／`) for the findings to show.
    pub fn set_parsed(&mut self, id: CellId, raw: &str) {
        if raw.contains('\0') {
            // The mark too is kept without NUL ([`Value::parse`] drops it).
            return self.set_parsed(id, &raw.replace('\0', ""));
        }
        let value = Value::parse(raw);
        // Only a blank keeps what it held; a number (nearly every cell) needs no trimming.
        let mark = value
            .is_blank()
            .then(|| raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'))
            .filter(|mark| !mark.is_empty());
        self.set(id, value);
        if let Some(mark) = mark {
            self.blank_marks.push((id.index(), mark.to_string()));
        }
    }

    /// What a blank cell held, when it was not empty (`—`, `／`, `/`…).
    pub fn blank_mark(&self, id: CellId) -> Option<&str> {
        self.blank_marks.iter().find(|(i, _)| *i == id.index()).map(|(_, m)| m.as_str())
    }

    /// The value for arithmetic (blank and text read as 0).
    pub fn number(&self, id: CellId) -> Decimal {
        self.value(id).number_or_zero()
    }

    /// All cells with their ids, in layout order.
    pub fn cells(&self) -> impl Iterator<Item = (CellId, &Value)> {
        layout::all_cells().map(move |id| (id, self.value(id)))
    }

    /// Whether every cell of `table` is blank (the table was not filled in).
    pub fn table_is_blank(&self, table: layout::TableId) -> bool {
        table.cells().all(|id| self.value(id).is_blank())
    }
}

/// A field of `meta`: its address (`meta.year`) and its Chinese name (also
/// the label of the Excel template's 基本信息 sheet), defined once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetaField {
    Organ,
    OrganKind,
    Year,
    Title,
    PublishedOn,
}

impl MetaField {
    pub const ALL: [MetaField; 5] =
        [MetaField::Organ, MetaField::OrganKind, MetaField::Year, MetaField::Title, MetaField::PublishedOn];

    /// The address findings and the CSV long format use: `meta.year`.
    pub const fn address(self) -> &'static str {
        match self {
            MetaField::Organ => "meta.organ",
            MetaField::OrganKind => "meta.organ_kind",
            MetaField::Year => "meta.year",
            MetaField::Title => "meta.title",
            MetaField::PublishedOn => "meta.published_on",
        }
    }

    /// The key inside `meta`: `year`.
    pub fn key(self) -> &'static str {
        &self.address()["meta.".len()..]
    }

    /// The Chinese name: 统计年度.
    pub const fn label(self) -> &'static str {
        match self {
            MetaField::Organ => "机关名称",
            MetaField::OrganKind => "机关类型",
            MetaField::Year => "统计年度",
            MetaField::Title => "报告标题",
            MetaField::PublishedOn => "发布日期",
        }
    }

    /// The field at an address, e.g. `meta.year`.
    pub fn from_address(address: &str) -> Option<MetaField> {
        MetaField::ALL.into_iter().find(|f| f.address() == address)
    }
}

/// The title as published, or the conventional one built from organ and year.
pub fn title(report: &Report) -> String {
    if let Some(title) = report.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return without_stray_spaces(title.trim());
    }
    let organ = report.meta.organ.trim();
    let organ = if organ.is_empty() { "〔机关名称〕" } else { organ };
    match report.meta.year {
        Some(year) => format!("{organ}{year}年政府信息公开工作年度报告"),
        None => format!("{organ}政府信息公开工作年度报告"),
    }
}

/// Chinese text without the spaces a PDF's text layer leaves between Chinese
/// and figures (“红寺堡区 2025 年” → “红寺堡区2025年”): a space goes when
/// a Chinese character is on one side and a Chinese character or a digit on
/// the other. Spaces between Latin words stay.
fn without_stray_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let chinese = |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = chars[..i].iter().rev().find(|c| **c != ' ');
            let after = chars[i + 1..].iter().find(|c| **c != ' ');
            if let (Some(&b), Some(&a)) = (before, after) {
                let joinable = |x: char| chinese(x) || x.is_ascii_digit();
                if (chinese(b) || chinese(a)) && joinable(b) && joinable(a) {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_stray_spaces() {
        assert_eq!(
            without_stray_spaces("红寺堡区 2025 年政府信息公开工作年度报告"),
            "红寺堡区2025年政府信息公开工作年度报告"
        );
        assert_eq!(without_stray_spaces("Hello World 报告"), "Hello World 报告");
        assert_eq!(without_stray_spaces("2025 2026"), "2025 2026");
    }

    #[test]
    fn parses_cells_exactly() {
        assert_eq!(Value::parse(" 1271.38998 "), Value::Number("1271.38998".parse().unwrap()));
        assert_eq!(Value::parse("1,234"), Value::Number(1234.into()));
        assert_eq!(Value::parse("１２"), Value::Number(12.into()));
        assert_eq!(Value::parse("—"), Value::Blank);
        assert_eq!(Value::parse("/"), Value::Blank);
        assert_eq!(Value::parse(""), Value::Blank);
        assert_eq!(Value::parse("-3"), Value::Number((-3).into()));
        assert_eq!(Value::parse("251000元"), Value::Text("251000元".into()));
        assert_eq!(Value::parse("1e5"), Value::Text("1e5".into()));
        assert_eq!(Value::parse("99999999999999999999999"), Value::Text("99999999999999999999999".into()));
        assert_eq!(Value::parse(".5"), Value::Text(".5".into()));
        assert_eq!(Value::parse("1\x002"), Value::Number(12.into()));
        assert_eq!(Value::parse("件\0"), Value::Text("件".into()));
        let mut report = Report::new();
        let id = CellId::from_address("active.licensing").unwrap();
        report.set_parsed(id, "/\0");
        assert!(report.value(id).is_blank());
        assert_eq!(report.blank_mark(id), Some("/"));
    }

    #[test]
    fn short_plain_decimals_read_as_the_general_parser_reads_them() {
        for s in [
            "0",
            "007",
            "34",
            "1.50",
            "0.0",
            "1271.38998",
            "999999999999999",
            "9999999999999999",
            "123456789012345.678",
            "12345678901234567.8",
            "1.2.3",
            "1e5",
        ] {
            let general = s.parse::<Decimal>().ok().filter(|n| *n <= Decimal::from(MAX_CELL_VALUE));
            let fast = parse_short_plain_decimal(s);
            if let Some(fast) = fast {
                assert_eq!(Some(fast), general, "{s}");
                assert_eq!(fast.to_string(), general.unwrap().to_string(), "{s}");
            }
        }
        assert!(parse_short_plain_decimal("1.2.3").is_none());
        assert!(parse_short_plain_decimal("1000000000000000000").is_none());
    }

    #[test]
    fn keeps_trailing_zeros() {
        assert_eq!(Value::parse("1.50").to_string(), "1.50");
    }

    #[test]
    fn validates_dates() {
        assert_eq!(Date::parse_iso("2026-01-31").unwrap().to_string(), "2026-01-31");
        assert!(Date::parse_iso("2026-02-30").is_none());
        assert!(Date::parse_iso("2026-1-3x").is_none());
    }
}
