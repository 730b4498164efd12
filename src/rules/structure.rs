//! S1, S2, S3, S7, S8: the structure of a report — its parts, its tables,
//! the labels of a published document, who reports for which year, and
//! text in its tables that a reader does not see as it is read.
//!
//! The importers of documents (Word, Excel, text, web pages, PDF) report
//! what they read: headings in another wording (S1), tables they could not
//! read (S2), altered labels (S3), hidden or generated text in tables
//! (S8). The rules themselves report, for every
//! format alike, what the report lacks: a part with no text (S1), a table
//! left entirely blank (S2), no organ or no year (S7). A report with none
//! of these at all is one S7 error saying it is empty, not five findings.
//! Every finding of these codes is made here, the importers' too: they
//! call the constructors below with what they read.

use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::{CellId, TableId};
use crate::model::{MetaField, SectionKey};

pub const S1: Rule = Rule {
    code: RuleCode::S1,
    severity: Severity::Error,
    title: "六个部分齐全、顺序正确，标题用规范写法",
    doc: "年报由六部分组成：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；\
          四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。\
          缺少部分或顺序错乱是错误；标题用了常见的其他写法（如“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”）时给出提示。",
    basis: "国办公开办函〔2021〕30号：年报内容不能遗漏",
    example: "第四部分标题写成“四、被申请行政复议、提起行政诉讼情况”。",
    also: &[Severity::Info],
    from_year: None,
    check: check_s1,
};

pub const S2: Rule = Rule {
    code: RuleCode::S2,
    severity: Severity::Error,
    title: "表二、表三、表四齐全，且能按官方格式读取",
    doc: "第二、三、四部分各有一张官方格式的表格。整张表没有填写（全部空白）时报告为缺失（没有发生的事项应填 0）。\
          从网页、文本或 PDF 读取年报时，找不到某张表，\
          或表格的行列与官方格式对不上（增删了行列、换成了别的表样）时，这张表不读入、不猜测，报告为缺失并说明原因。\
          2020 年度及以前按 2019 年试行格式编制的报告，其旧表样不读入时只作提示。",
    basis: "国办公开办函〔2021〕30号附件格式：年报内容不能遗漏",
    example: "网页上的表三被拆成了图片，或多出一列“法人或其他组织小计”。",
    also: &[Severity::Info],
    from_year: None,
    check: check_s2,
};

pub const S3: Rule = Rule {
    code: RuleCode::S3,
    severity: Severity::Warning,
    title: "表格的行、列标签与官方格式一致",
    doc: "三张表的每个行、列标签都应与官方格式一致（全角、半角括号与空格的差别不计）。\
          标签被改动或有错字但位置可以确定时，照常读取数据并给出警告，列出规范写法。",
    basis: "国办公开办函〔2021〕30号附件格式",
    example: "“2.其他法律行政法规禁止公开”写成“2.其他法律行政止公开”。",
    also: &[],
    from_year: None,
    check: reported_by_importers,
};

pub const S6: Rule = Rule {
    code: RuleCode::S6,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "连写在一起的数字能唯一拆分",
    doc: "从网站抓取的文本里，表格的单元格常常连在一起（如“一、本年新收政府信息公开申请数量21710000218”）。\
          读取时按每行的格数、不以 0 开头、表三每行总计等于各列之和、表三的列勾稽关系、表四各组总计等于各项之和，\
          以及正文中的数字拆分。只有一种拆法时照常读取；有几种拆法，或没有一种拆法合乎勾稽关系时，\
          按最可能的拆法读取，并在这里列出这一行和其他可能的读法，请对照原文核对。",
    basis: "国办公开办函〔2021〕30号附件格式：表格各格分别填报",
    example: "表二“行政规范性文件”一行连写为“6233440”，可以读作 62、33、440，也可以读作 6、233、440。",
    check: reported_by_importers,
};

pub const S8: Rule = Rule {
    code: RuleCode::S8,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "表格中没有隐藏的文字或由样式生成的文字",
    doc: "读者看到的数字才是报告的数字。网页中看不见的文字（display:none、visibility:hidden、字号为 0、hidden 属性）\
          和 Word 中的隐藏文字（w:vanish）不读入；网页样式表用 ::before、::after 的 content 生成的文字也不读入。\
          表格中有这样的内容时，显示出来的数字可能与读取的不同（例如隐藏的“2”加上样式生成的“0”，读者看到 0，文字却是 2），\
          这里逐格列出，请对照原文核对，并删除隐藏内容和样式生成的内容。不在表二、表三、表四数字格中的（标签、\
          没有读入的表格、加在整行或整张表上的样式）作为整份报告的一条警告。",
    basis: "国办公开办函〔2021〕30号附件格式：表格各格分别填报；所填即所见",
    example: "网页表四某格写成 <span style=\"font-size:0\">2</span>，样式表又以 td::before { content: \"0\" } 显示 0。",
    check: reported_by_importers,
};

pub const S7: Rule = Rule {
    code: RuleCode::S7,
    severity: Severity::Error,
    title: "写明报告机关和报告年度",
    doc: "年报是某一机关某一年度的报告：机关名称和统计年度都应写明（JSON 的 meta.organ、meta.year，\
          表格的“机关名称”“统计年度”，已发布报告的标题和落款）。缺少时无法判断按时公布、跨年度衔接和报送情况。",
    basis: "《中华人民共和国政府信息公开条例》第四十九条、第五十条",
    example: "JSON 中没有 meta.organ；网页标题没有年份，正文也没有写统计年度。",
    also: &[],
    from_year: None,
    check: check_s7,
};

/// S3, S6 and S8 are found while reading a document (the report holds
/// neither its labels nor how its figures were written): the importers
/// make them with [`altered_label`], [`figures_in_doubt`],
/// [`hidden_in_cells`] and [`hidden_elsewhere`].
fn reported_by_importers(_: &Context, _: &mut Vec<Finding>) {}

/// S1 (info) for a heading in another wording than the format's: `section`
/// is the part it heads, if it holds prose (a table's heading has no
/// location of its own).
pub fn heading_alias(written: &str, canonical: &str, section: Option<SectionKey>) -> Finding {
    Finding::new(
        RuleCode::S1,
        Severity::Info,
        format!("标题“{written}”不是规范写法，规范标题为“{canonical}”（国办公开办函〔2021〕30号）。"),
    )
    .cells(section)
    .expected(canonical)
    .actual(written)
}

/// S2 for a table a document importer could not read, and why: an error,
/// or a note (`severity` info) for an old year's table in the 2019 layout.
pub fn table_not_read(table: TableId, severity: Severity, reason: &str) -> Finding {
    Finding::new(
        RuleCode::S2,
        severity,
        format!("未能读取{}（{}）：{reason}。这张表的数据没有读入，不参与核对。", table.short_name(), table.heading()),
    )
    .expected(table.heading())
    .actual("未找到")
}

/// S3 for an altered label of `table`: `place` says where (`第 3 行`…),
/// `cells` are the value cells of the row or column it labels.
pub fn altered_label(table: TableId, place: &str, official: &str, written: &str, cells: Vec<CellId>) -> Finding {
    let shown = if written.is_empty() { "空白".to_string() } else { format!("“{written}”") };
    Finding::new(
        RuleCode::S3,
        Severity::Warning,
        format!(
            "{}的标签与官方格式不一致：{place}为{shown}，规范写法为“{official}”（国办公开办函〔2021〕30号）。数据已按官方位置读取，请改用规范的标签文字。",
            table.short_name(),
        ),
    )
    .cells(cells)
    .expected(official)
    .actual(written)
}

/// How the figures of one row that ran together were cut (S6).
pub struct FiguresInDoubt<'a> {
    pub table: TableId,
    /// The row's official label.
    pub row: &'a str,
    pub cells: &'a [CellId],
    /// The figures as they ran together.
    pub run: &'a str,
    pub chosen: &'a [String],
    /// Other readings, most plausible first.
    pub alternatives: &'a [Vec<String>],
    /// Whether the chosen reading satisfies the row's own sums.
    pub consistent: bool,
}

/// S6 for a cutting in doubt: which row, how it was read, what else it
/// could be.
pub fn figures_in_doubt(doubt: &FiguresInDoubt) -> Finding {
    let list = |parts: &[String]| parts.join("、");
    let others: Vec<String> = doubt.alternatives.iter().map(|a| list(a)).collect();
    // 表四's fifteen figures are read as one run (three groups), not row by row.
    let (place, sums, what) = match doubt.table {
        TableId::ReviewLitigation => (format!("{}的", doubt.table.short_name()), "每组的总计", "这些数字"),
        _ => (format!("{}「{}」行的", doubt.table.short_name(), doubt.row), "这一行的总计", "这一行"),
    };
    let how = if doubt.consistent {
        "可以有不止一种拆法，已按最可能的读作".to_string()
    } else {
        format!("没有一种拆法能使{sums}等于各项之和（报告本身的合计可能有误），已按最接近的读作")
    };
    Finding::new(
        RuleCode::S6,
        Severity::Warning,
        format!(
            "{place}数字连写在一起（“{}”），{how} {}；也可能是 {}。请对照原文核对{what}。",
            doubt.run,
            list(doubt.chosen),
            others.join("；或 ")
        ),
    )
    .cells(doubt.cells.iter().copied())
    .actual(doubt.run)
}

/// S8 for the cells of one table whose source hides text or has a style
/// sheet add some (each with the text read): the figure a reader sees may
/// not be the one read.
pub fn hidden_in_cells(cells: &[(CellId, String)]) -> Finding {
    let shown = |text: &str| if text.trim().is_empty() { "空白".to_string() } else { format!("“{text}”") };
    let named: Vec<String> =
        cells.iter().take(5).map(|(id, text)| format!("{}（读作{}）", id.label(), shown(text))).collect();
    let more = if cells.len() > 5 { format!("等 {} 格", cells.len()) } else { String::new() };
    let finding = Finding::new(
        RuleCode::S8,
        Severity::Warning,
        format!(
            "{}{more}含有隐藏的文字或由样式生成的文字，显示出来的数字可能与读取的不同：\
             请删除隐藏内容和样式生成的内容，让显示的就是所填的数字，再重新检查。",
            named.join("、"),
        ),
    )
    .cells(cells.iter().map(|&(id, _)| id));
    match cells {
        [(_, text)] => finding.actual(text),
        _ => finding,
    }
}

/// S8 for hidden or generated text in the tables that no figure of the
/// three tables holds (a label, a table that was not read, a style sheet
/// adding text to rows or whole tables): no cell can be named.
pub fn hidden_elsewhere() -> Finding {
    Finding::new(
        RuleCode::S8,
        Severity::Warning,
        "文件的表格中有隐藏的文字或由样式生成的文字（不在表二、表三、表四的数字格中，如标签、整行或没有读入的表格）：\
         显示出来的表格可能与读取的不同，请对照原文核对，并删除隐藏内容和样式生成的内容。",
    )
}

/// The parts whose text the model holds (二、三、四 are the tables).
const PARTS_WITH_TEXT: [SectionKey; 3] = [SectionKey::Overview, SectionKey::Problems, SectionKey::Other];

/// A report with no organ, no year, no text and no figure: one cause, one
/// finding (S7's).
pub fn is_empty(report: &crate::model::Report) -> bool {
    report.meta.organ.trim().is_empty()
        && report.meta.year.is_none()
        && SectionKey::ALL.into_iter().all(|k| report.sections.get(k).is_none_or(|t| t.trim().is_empty()))
        && TableId::ALL.into_iter().all(|t| report.table_is_blank(t))
}

/// One error naming every part without text.
fn check_s1(context: &Context, findings: &mut Vec<Finding>) {
    if is_empty(context.report) {
        return;
    }
    let sections = &context.report.sections;
    let missing: Vec<SectionKey> =
        PARTS_WITH_TEXT.into_iter().filter(|&k| sections.get(k).is_none_or(|t| t.trim().is_empty())).collect();
    if missing.is_empty() {
        return;
    }
    let named: Vec<String> = missing.iter().map(|k| format!("“{}”", k.heading())).collect();
    findings.push(
        Finding::new(
            RuleCode::S1,
            Severity::Error,
            format!("报告缺少{}：没有内容。年报的六个部分都要写，没有可写的事项也应写明“无”及原因。", named.join("、")),
        )
        .cells(missing.iter().copied())
        .expected("六个部分齐全")
        .actual(format!("缺少 {} 个部分", missing.len())),
    );
}

/// One error per table left entirely blank (a table of “—” marks is
/// filled in, if not with numbers: D1 says so).
fn check_s2(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    if is_empty(report) {
        return;
    }
    for table in TableId::ALL {
        if !report.table_is_blank(table) || table.cells().any(|id| report.blank_mark(id).is_some()) {
            continue;
        }
        findings.push(
            Finding::new(
                RuleCode::S2,
                Severity::Error,
                format!(
                    "{}（{}）没有填写：整张表空白。没有发生的事项请填 0，不要留空。",
                    table.short_name(),
                    table.heading()
                ),
            )
            .cells(table.cells())
            .expected(table.heading())
            .actual("未填写"),
        );
    }
}

/// One error for a missing organ, year or both.
fn check_s7(context: &Context, findings: &mut Vec<Finding>) {
    if is_empty(context.report) {
        findings.push(
            Finding::new(
                RuleCode::S7,
                Severity::Error,
                "报告是空的：没有机关名称、年度和正文，三张表也全部空白。请确认选择的是填好的年度报告。",
            )
            .cells([MetaField::Organ, MetaField::Year])
            .expected("填好的年度报告")
            .actual("空白"),
        );
        return;
    }
    let meta = &context.report.meta;
    let no_organ = meta.organ.trim().is_empty();
    let no_year = meta.year.is_none();
    let (what, cells): (&str, &[MetaField]) = match (no_organ, no_year) {
        (false, false) => return,
        (true, false) => ("机关名称", &[MetaField::Organ]),
        (false, true) => ("报告年度（统计年度）", &[MetaField::Year]),
        (true, true) => ("机关名称和报告年度", &[MetaField::Organ, MetaField::Year]),
    };
    findings.push(
        Finding::new(
            RuleCode::S7,
            Severity::Error,
            format!("没有写明{what}。请在基本信息中填写，或在标题、落款中写明（如“某某局2025年政府信息公开工作年度报告”）。"),
        )
        .cells(cells.iter().copied())
        .expected(what)
        .actual("未写明"),
    );
}
