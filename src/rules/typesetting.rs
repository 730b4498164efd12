//! F1–F9, the 版式 of a Word draft (GB/T 9704-2012 党政机关公文格式, as
//! published 年报 follow it): fonts and sizes of the title, the headings,
//! the text and the tables, line spacing, paper and margins, page numbers,
//! 落款 and date. Only a Word file shows how the report is set, so the
//! Word importer calls [`check`] with what it read
//! ([`crate::typeset`]); no other input gives them.
//!
//! Each rule gives at most one finding per document (one root cause: a
//! text set in 宋体 throughout is one finding naming the count and the
//! first places), at 提示: the content comes first.

use super::{Context, Rule};
use crate::finding::{Finding, Location, RuleCode, Severity};
use crate::layout::{normalize_label, TableId};
use crate::model::SectionKey;
use crate::typeset::{Font, LineSpacing, Look, PageSetup, Paragraph, Typeset};

/// The 版式 basis every F rule cites.
const BASIS: &str = "GB/T 9704-2012《党政机关公文格式》；国办公开办函〔2021〕30号（年报按公文格式发布）";

pub const F1: Rule = Rule {
    code: RuleCode::F1,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：标题应为方正小标宋简体二号",
    doc: "公文标题用 2 号小标宋体字（方正小标宋简体，22 磅），居中。只看 Word 文档；标题是正文第一个一级标题前写着“年度报告”的段落（及其上一行居中的机关名称）。",
    basis: BASIS,
    example: "标题“××局2024年政府信息公开工作年度报告”设为黑体小二。",
    check: only_in_a_word_draft,
};

pub const F2: Rule = Rule {
    code: RuleCode::F2,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：正文应为仿宋_GB2312三号",
    doc: "公文正文用 3 号仿宋体字（仿宋_GB2312 或仿宋，16 磅）。标题、一级标题、二级标题和表格以外的段落（含落款）都算正文；只看汉字所用的字体（w:eastAsia），数字和字母的字体不论。\
          全文的偏差合为一条提示，写明段数和前几处。",
    basis: BASIS,
    example: "正文全部是 Word 默认的宋体五号。",
    check: only_in_a_word_draft,
};

pub const F3: Rule = Rule {
    code: RuleCode::F3,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：一级标题应为黑体三号",
    doc: "结构层次序数第一层“一、”用黑体字，与正文同为 3 号（16 磅）。一级标题是“一、总体情况”至“六、其他需要报告的事项”等以“一、”式序号开头的短段落。",
    basis: BASIS,
    example: "“二、主动公开政府信息情况”与正文一样用了仿宋。",
    check: only_in_a_word_draft,
};

pub const F4: Rule = Rule {
    code: RuleCode::F4,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：二级标题应为楷体三号",
    doc: "结构层次序数第二层“（一）”用楷体字（楷体_GB2312 或楷体），3 号（16 磅）。只看段首“（一）……。”这一句（或整段不长的小标题），其后的正文仍用仿宋。",
    basis: BASIS,
    example: "“（一）主动公开情况。”设为黑体。",
    check: only_in_a_word_draft,
};

pub const F5: Rule = Rule {
    code: RuleCode::F5,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：正文行距应为固定值约 28–29 磅",
    doc: "公文每页 22 行，正文 3 号字时行距约 28.95 磅，通常设为固定值 28 至 29 磅（接受 27–30 磅）。多倍行距按字号估算（单倍约为字号的 1.3 倍；有文档网格时按网格行高）。",
    basis: BASIS,
    example: "正文设为 1.5 倍行距，每页只排得下 17 行。",
    check: only_in_a_word_draft,
};

pub const F6: Rule = Rule {
    code: RuleCode::F6,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：纸张应为 A4，页边距上 37、下 35、左 28、右 26 毫米",
    doc: "公文用 A4 纸（210 mm × 297 mm）；版心 156 mm × 225 mm，即天头（上白边）37 mm、下白边 35 mm、订口（左白边）28 mm、右白边 26 mm，允许误差 ±1 mm。\
          横向排版的节（放宽表格）只看纸张。",
    basis: BASIS,
    example: "页边距是 Word 默认的上下 25.4 mm、左右 31.8 mm。",
    check: only_in_a_word_draft,
};

pub const F7: Rule = Rule {
    code: RuleCode::F7,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：应有页码",
    doc:
        "公文页码用 4 号半角宋体阿拉伯数字，编排在版心下边缘之下，如“— 1 —”。页脚（或页眉）中没有页码域（PAGE）时提示。",
    basis: BASIS,
    example: "多页的年报没有页码，打印后无从排序。",
    check: only_in_a_word_draft,
};

pub const F8: Rule = Rule {
    code: RuleCode::F8,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：表格文字应为小五号至四号",
    doc: "年报的三张表列数多，表内文字通常用五号至小四号（10.5–12 磅），表四十五列时用小五号（9 磅）；接受 9–14 磅。\
          表格套用正文的三号字会挤破表格。",
    basis: BASIS,
    example: "表三的文字与正文一样是三号，一个单元格里只排得下两个字。",
    check: only_in_a_word_draft,
};

pub const F9: Rule = Rule {
    code: RuleCode::F9,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "版式：文末应有落款（发文机关署名）和成文日期",
    doc: "公文正文之后右空四字署发文机关名称，其下一行写成文日期（“2025年1月20日”，用阿拉伯数字）。年报的最后两行应为机关名称和日期。",
    basis: BASIS,
    example: "正文写完“六、其他需要报告的事项”就结束了，没有机关名称和日期。",
    check: only_in_a_word_draft,
};

fn only_in_a_word_draft(_: &Context, _: &mut Vec<Finding>) {}

/// How many places a finding names at most (the count says the rest).
const PLACES_NAMED: usize = 5;

/// The F findings of a Word draft, in rule order.
pub fn check(typeset: &Typeset) -> Vec<Finding> {
    let roles = roles(&typeset.paragraphs);
    let mut findings = Vec::new();
    let of = |role: fn(&Role) -> bool| typeset.paragraphs.iter().zip(&roles).filter(move |(_, r)| role(r));
    // F1–F4, F8: fonts and sizes by role.
    let title = deviations(of(|r| matches!(r, Role::Title)), |p, _| judge(p, .., &TITLE_FONT, 44..=44));
    findings.extend(finding(
        RuleCode::F1,
        "标题",
        "方正小标宋简体 二号（22 磅）",
        &title,
        "请把标题设为方正小标宋简体（或其他小标宋字体）二号、居中。",
    ));
    let body = deviations(of(|r| matches!(r, Role::Body | Role::Subheading(_))), |p, role| {
        let from = match role {
            Role::Subheading(end) => *end,
            _ => 0,
        };
        judge(p, from.., &BODY_FONT, 32..=32)
    });
    findings.extend(finding(
        RuleCode::F2,
        "正文",
        "仿宋_GB2312 三号（16 磅）",
        &body,
        "请选中正文，设为仿宋_GB2312（或仿宋）三号；修改“正文”样式可一次改全。",
    ));
    let headings = deviations(of(|r| matches!(r, Role::Heading)), |p, _| judge(p, .., &HEADING_FONT, 32..=32));
    findings.extend(finding(
        RuleCode::F3,
        "一级标题",
        "黑体 三号（16 磅）",
        &headings,
        "请把“一、”“二、”等一级标题设为黑体三号。",
    ));
    let subheadings = deviations(of(|r| matches!(r, Role::Subheading(_))), |p, role| match role {
        Role::Subheading(end) => judge(p, ..*end, &SUBHEADING_FONT, 32..=32),
        _ => None,
    });
    findings.extend(finding(
        RuleCode::F4,
        "二级标题",
        "楷体_GB2312 三号（16 磅）",
        &subheadings,
        "请把“（一）”“（二）”等二级标题设为楷体_GB2312（或楷体）三号，其后的正文仍用仿宋。",
    ));
    let spacing = deviations(of(|r| matches!(r, Role::Body | Role::Subheading(_))), |p, _| {
        line_deviation(p, typeset.pages.last().and_then(|s| s.line_pitch))
    });
    findings.extend(finding(
        RuleCode::F5,
        "正文",
        "固定值 28–29 磅",
        &spacing,
        "请选中正文，在“段落”中把行距设为固定值 28 磅（或 28.95 磅，每页 22 行）。",
    ));
    findings.extend(page_finding(&typeset.pages));
    if !typeset.page_numbers {
        findings.push(
            Finding::new(
                RuleCode::F7,
                Severity::Info,
                "文档没有页码：页脚中没有页码域。请在页脚插入页码（4 号宋体，格式“— 1 —”，单页居右、双页居左或居中）。",
            )
            .expected("页脚有页码")
            .actual("没有页码"),
        );
    }
    let tables = deviations(of(|r| matches!(r, Role::Table)), |p, _| judge(p, .., &[], 18..=28));
    findings.extend(finding(
        RuleCode::F8,
        "表格中",
        "小五号至四号（9–14 磅）",
        &tables,
        "请选中表格，把文字设为五号或小五号（10.5 或 9 磅）。",
    ));
    findings.extend(closing_finding(&typeset.paragraphs, &roles));
    findings
}

/// What a paragraph is, for the 版式.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Before the title (a cover, a document number), or a web page's
    /// menus and footer around the report: not judged.
    Front,
    Title,
    /// 一、…: a top-level heading.
    Heading,
    /// （一）…。 and the text after it: the heading ends at this byte.
    Subheading(usize),
    Body,
    Table,
}

/// Each paragraph's role: the title is the paragraph naming the 年度报告
/// before the first heading (with a centred line above it), else the
/// first paragraph when centred.
fn roles(paragraphs: &[Paragraph]) -> Vec<Role> {
    let outside: Vec<usize> = (0..paragraphs.len()).filter(|&i| !paragraphs[i].in_table).collect();
    let first_heading = outside.iter().position(|&i| heading(&paragraphs[i].text)).unwrap_or(outside.len());
    let named = outside[..first_heading].iter().position(|&i| {
        let text = paragraphs[i].text.trim();
        text.contains("年度报告") && text.chars().count() <= 80
    });
    let title = named.or_else(|| (first_heading > 0 && paragraphs[outside[0]].centred).then_some(0));
    let mut roles = vec![Role::Body; paragraphs.len()];
    for (i, p) in paragraphs.iter().enumerate() {
        if p.in_table {
            roles[i] = Role::Table;
        } else if heading(&p.text) {
            roles[i] = Role::Heading;
        } else if let Some(end) = subheading_end(&p.text) {
            roles[i] = Role::Subheading(end);
        }
    }
    for (i, p) in paragraphs.iter().enumerate() {
        if p.furniture {
            roles[i] = Role::Front;
        }
    }
    if let Some(t) = title {
        for &i in &outside[..t] {
            roles[i] = Role::Front;
        }
        roles[outside[t]] = Role::Title;
        // A title set over two lines: the organ, centred, just above.
        if let Some(&above) = t.checked_sub(1).map(|a| &outside[a]) {
            if paragraphs[above].centred && paragraphs[above].text.trim().chars().count() <= 40 {
                roles[above] = Role::Title;
            }
        }
    }
    roles
}

/// A top-level heading: “一、……” and short, or one of the report's six
/// written without its number (Word may number it in a list).
fn heading(text: &str) -> bool {
    let text = text.trim();
    if text.chars().count() > 40 {
        return false;
    }
    if let Some((number, _)) = text.split_once('、') {
        if !number.is_empty()
            && number.chars().count() <= 2
            && number.chars().all(|c| "一二三四五六七八九十".contains(c))
        {
            return true;
        }
    }
    let bare = normalize_label(text);
    let six = [SectionKey::Overview.heading(), SectionKey::Problems.heading(), SectionKey::Other.heading()]
        .into_iter()
        .chain(TableId::ALL.map(|t| t.heading()));
    !bare.is_empty() && six.filter_map(|h| h.split_once('、')).any(|(_, rest)| normalize_label(rest) == bare)
}

/// The byte length of a leading （一）…… heading: up to its first 。, or the
/// whole paragraph when it is short and has none.
fn subheading_end(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let rest = text[lead..].strip_prefix(['（', '('])?;
    let close = rest.find(['）', ')'])?;
    let number = &rest[..close];
    if number.is_empty() || number.chars().count() > 2 || !number.chars().all(|c| "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    match text.find('。') {
        Some(stop) if text[..stop].chars().count() <= 40 => Some(stop + '。'.len_utf8()),
        _ if text.trim().chars().count() <= 40 => Some(text.len()),
        _ => None,
    }
}

/// Font names a role accepts (any that contains one of these).
const TITLE_FONT: [&str; 2] = ["小标宋", "xiaobiaosong"];
const BODY_FONT: [&str; 2] = ["仿宋", "fangsong"];
const HEADING_FONT: [&str; 3] = ["黑体", "simhei", "heiti"];
const SUBHEADING_FONT: [&str; 3] = ["楷体", "kaiti", "simkai"];

/// The first run of `p` within `range` (bytes of its text) whose Chinese
/// font is not one of `fonts` (none: any) or whose size (half-points) is
/// outside `sizes`: how it looks.
fn judge(
    p: &Paragraph,
    range: impl std::ops::RangeBounds<usize>,
    fonts: &[&str],
    sizes: std::ops::RangeInclusive<u32>,
) -> Option<String> {
    let mut at = 0;
    for run in &p.runs {
        let start = at;
        at += run.text.len();
        if !range.contains(&start) || run.text.trim().is_empty() {
            continue;
        }
        let chinese = run.text.chars().any(is_han);
        let font_wrong = !fonts.is_empty() && chinese && !font_is(run.look.east_asia.as_ref(), fonts);
        if font_wrong || !sizes.contains(&half_points(&run.look)) {
            return Some(describe(&run.look, !fonts.is_empty()));
        }
    }
    None
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn font_is(font: Option<&Font>, accepted: &[&str]) -> bool {
    match font {
        Some(Font::Named(name)) => {
            let name = name.to_lowercase();
            accepted.iter().any(|a| name.contains(a))
        }
        _ => false,
    }
}

/// The size in half-points; unset anywhere, Word shows 10 pt.
fn half_points(look: &Look) -> u32 {
    look.half_points.unwrap_or(20)
}

/// `宋体 小四（12 磅）`, or the size alone.
fn describe(look: &Look, with_font: bool) -> String {
    let size = size_name(half_points(look));
    if !with_font {
        return size;
    }
    let font = match &look.east_asia {
        Some(Font::Named(name)) if !name.is_empty() => name.clone(),
        Some(Font::Theme) => "主题字体（如等线）".to_string(),
        _ => "未设字体（Word 默认）".to_string(),
    };
    format!("{font} {size}")
}

/// `三号（16 磅）`, `17 磅`.
fn size_name(half_points: u32) -> String {
    const NAMES: [(u32, &str); 16] = [
        (84, "初号"),
        (72, "小初"),
        (52, "一号"),
        (48, "小一"),
        (44, "二号"),
        (36, "小二"),
        (32, "三号"),
        (30, "小三"),
        (28, "四号"),
        (24, "小四"),
        (21, "五号"),
        (18, "小五"),
        (15, "六号"),
        (13, "小六"),
        (11, "七号"),
        (10, "八号"),
    ];
    let points = points(half_points * 10);
    match NAMES.iter().find(|(h, _)| *h == half_points) {
        Some((_, name)) => format!("{name}（{points} 磅）"),
        None => format!("{points} 磅"),
    }
}

/// Twentieths of a point as points: `16`, `10.5`, `28.95`.
fn points(twentieths: u32) -> String {
    let whole = twentieths / 20;
    let hundredths = twentieths % 20 * 5;
    match hundredths {
        0 => whole.to_string(),
        h if h % 10 == 0 => format!("{whole}.{}", h / 10),
        h => format!("{whole}.{h:02}"),
    }
}

/// Line spacing accepted for the text, in twips: 27–30 pt.
const LINE_TWIPS: std::ops::RangeInclusive<u32> = 540..=600;

/// How `p`'s line spacing differs from a fixed 27–30 pt, if it does;
/// `pitch` is the line grid's.
fn line_deviation(p: &Paragraph, pitch: Option<u32>) -> Option<String> {
    let size = p.runs.iter().find(|r| !r.text.trim().is_empty()).map_or(32, |r| half_points(&r.look));
    let (twips, name) = match p.line.unwrap_or(LineSpacing::Multiple(240)) {
        LineSpacing::Exact(t) => (t, "固定值"),
        LineSpacing::AtLeast(t) => (t, "最小值"),
        LineSpacing::Multiple(m) => {
            // Word's single line is about 1.3 × the font size (sz is in
            // half-points: twips = sz × 10); a grid rounds up to its pitch.
            let natural = (m as u64 * size as u64 * 13 / 240).min(u32::MAX as u64) as u32;
            let twips = match pitch.filter(|_| p.snaps_to_grid) {
                Some(pitch) => pitch.saturating_mul(natural.div_ceil(pitch).max(1)),
                None => natural,
            };
            if LINE_TWIPS.contains(&twips) {
                return None;
            }
            let times = points(m / 12);
            let times = if m == 240 { "单倍行距".to_string() } else { format!("{times} 倍行距") };
            return Some(format!("{times}（约 {} 磅）", points(twips)));
        }
    };
    (!LINE_TWIPS.contains(&twips)).then(|| format!("{name} {} 磅", points(twips)))
}

/// The paragraphs (with their roles) that `wrong` finds fault with, and how each looks.
fn deviations<'a>(
    paragraphs: impl Iterator<Item = (&'a Paragraph, &'a Role)>,
    wrong: impl Fn(&Paragraph, &Role) -> Option<String>,
) -> Vec<(&'a Paragraph, String)> {
    paragraphs.filter_map(|(p, role)| wrong(p, role).map(|how| (p, how))).collect()
}

/// One finding for every paragraph of a role set wrong: the count, the
/// first places, the first one's look as the actual value.
fn finding(code: RuleCode, what: &str, expected: &str, wrong: &[(&Paragraph, String)], fix: &str) -> Option<Finding> {
    let (_, how) = wrong.first()?;
    let places: Vec<String> = wrong.iter().take(PLACES_NAMED).map(|(p, how)| format!("{}为{how}", quote(p))).collect();
    let count = if wrong.len() > 1 { format!("有 {} 段", wrong.len()) } else { String::new() };
    let more = if wrong.len() > PLACES_NAMED { "等" } else { "" };
    let message = format!("{what}{count}不是公文格式要求的{expected}：{}{more}。{fix}", places.join("、"));
    Some(
        Finding::new(code, Severity::Info, message)
            .cells(wrong.iter().take(PLACES_NAMED).map(|(p, _)| Location::Paragraph(p.number)))
            .expected(expected)
            .actual(how),
    )
}

/// `第 12 段“本机关2024年……”`: the place, and the start of the text to find it by.
fn quote(p: &Paragraph) -> String {
    let text: String = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let start: String = text.chars().take(16).collect();
    let cut = if text.chars().count() > 16 { "……" } else { "" };
    format!("第 {} 段“{start}{cut}”", p.number)
}

/// A4, in twips, and the tolerance of sizes and margins (±1 mm).
const A4: (u32, u32) = (11906, 16838);
const ONE_MM: i64 = 57;
/// 上 37、下 35、左 28、右 26 mm, in twips.
const MARGINS: [(&str, i64); 4] = [("上", 2098), ("下", 1984), ("左", 1587), ("右", 1474)];

/// F6: the first section whose paper or margins are not the 公文's.
fn page_finding(pages: &[PageSetup]) -> Option<Finding> {
    let wrong: Vec<(usize, Vec<String>)> =
        pages.iter().enumerate().map(|(i, page)| (i, page_deviations(page))).filter(|(_, d)| !d.is_empty()).collect();
    let (index, deviations) = wrong.first()?;
    let section = if pages.len() > 1 { format!("第 {} 节的", index + 1) } else { String::new() };
    let more = if wrong.len() > 1 { format!("（共 {} 节不符）", wrong.len()) } else { String::new() };
    Some(
        Finding::new(
            RuleCode::F6,
            Severity::Info,
            format!(
                "{section}页面设置不是公文格式{more}：{}。请在“布局 → 页面设置”中选 A4 纸，页边距设为上 3.7 厘米、下 3.5 厘米、左 2.8 厘米、右 2.6 厘米。",
                deviations.join("，")
            ),
        )
        .expected("A4，上 37 下 35 左 28 右 26 mm")
        .actual(deviations.join("，")),
    )
}

fn page_deviations(page: &PageSetup) -> Vec<String> {
    let mut out = Vec::new();
    let (Some(width), Some(height)) = (page.width, page.height) else {
        out.push("没有设置纸张大小".to_string());
        return out;
    };
    let near = |a: u32, b: u32| (a as i64 - b as i64).abs() <= ONE_MM;
    let portrait = near(width, A4.0) && near(height, A4.1);
    let landscape = near(width, A4.1) && near(height, A4.0);
    if !portrait && !landscape {
        out.push(format!("纸张 {} × {} mm（不是 A4）", mm(width as i64), mm(height as i64)));
        return out;
    }
    if landscape {
        return out;
    }
    let set = [page.top, page.bottom, page.left, page.right];
    for ((side, wanted), value) in MARGINS.iter().zip(set) {
        match value {
            Some(v) if (v.abs() - wanted).abs() <= ONE_MM => {}
            Some(v) => out.push(format!("{side}边距 {} mm（应为 {} mm）", mm(v.abs()), mm(*wanted))),
            None => out.push(format!("{side}边距未设置（应为 {} mm）", mm(*wanted))),
        }
    }
    out
}

/// Twips as whole millimetres (rounded): 2098 → 37.
fn mm(twips: i64) -> i64 {
    (twips * 254 + 7200) / 14400
}

/// F9: the last lines outside the tables are the organ and the date.
fn closing_finding(paragraphs: &[Paragraph], roles: &[Role]) -> Option<Finding> {
    let text: Vec<&Paragraph> =
        paragraphs.iter().zip(roles).filter(|(_, r)| !matches!(r, Role::Table | Role::Front)).map(|(p, _)| p).collect();
    let last = *text.last()?;
    let dated = is_date_line(&last.text);
    let signed = dated
        && text.len() >= 2
        && text[text.len() - 2].text.trim().chars().count() <= 40
        && !heading(&text[text.len() - 2].text)
        && !is_date_line(&text[text.len() - 2].text);
    if signed {
        return None;
    }
    let missing = if dated { "发文机关署名（落款）" } else { "成文日期" };
    Some(
        Finding::new(
            RuleCode::F9,
            Severity::Info,
            format!(
                "文末没有{missing}：最后一段是{}。请在正文之后右空四字写发文机关名称，下一行写成文日期（如“2025年1月20日”）。",
                quote(last)
            ),
        )
        .cells([Location::Paragraph(last.number)])
        .expected("机关名称，下一行成文日期")
        .actual(format!("缺少{missing}")),
    )
}

/// `2025年1月20日`, `二〇二五年一月二十日`: a date alone on its line.
fn is_date_line(text: &str) -> bool {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    text.ends_with('日')
        && text.contains('年')
        && text.contains('月')
        && text.chars().count() <= 16
        && text.chars().all(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十年月日".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_points_are_said_as_people_say_them() {
        assert_eq!(size_name(32), "三号（16 磅）");
        assert_eq!(size_name(21), "五号（10.5 磅）");
        assert_eq!(size_name(34), "17 磅");
        assert_eq!(points(579), "28.95");
        assert_eq!(mm(2098), 37);
        assert_eq!(mm(1474), 26);
    }

    #[test]
    fn subheadings_and_dates_are_recognised() {
        assert_eq!(subheading_end("（一）主动公开情况。本机关……"), Some("（一）主动公开情况。".len()));
        assert_eq!(subheading_end("（二）依申请公开"), Some("（二）依申请公开".len()));
        assert_eq!(subheading_end("（2025）年"), None);
        assert!(heading("三、收到和处理政府信息公开申请情况"));
        assert!(!heading("三、本机关收到申请……".repeat(5).as_str()));
        assert!(is_date_line("2025年1月20日"));
        assert!(is_date_line("二〇二五年一月二十日"));
        assert!(!is_date_line("2025年1月20日，本机关"));
    }
}
