//! S1, S2, S3: the structure of a published document — headings and table
//! labels. These are read by the importers of documents (Word, Excel, text,
//! web pages, PDF), which report them; structured data (JSON, CSV) has no
//! headings or labels to check.

use super::{Context, Rule};
use crate::finding::{Finding, Severity};

pub const S1: Rule = Rule {
    code: "S1",
    severity: Severity::Error,
    title: "六个部分齐全、顺序正确，标题用规范写法",
    doc: "年报由六部分组成：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；\
          四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。\
          缺少部分或顺序错乱是错误；标题用了常见的其他写法（如“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”）时给出提示。",
    basis: "国办公开办函〔2021〕30号：年报内容不能遗漏",
    example: "第四部分标题写成“四、被申请行政复议、提起行政诉讼情况”。",
    also: &[Severity::Info],
    from_year: None,
    check: reported_by_importers,
};

pub const S2: Rule = Rule {
    code: "S2",
    severity: Severity::Error,
    title: "表二、表三、表四齐全，且能按官方格式读取",
    doc: "第二、三、四部分各有一张官方格式的表格。从网页、文本或 PDF 读取年报时，找不到某张表，\
          或表格的行列与官方格式对不上（增删了行列、换成了别的表样）时，这张表不读入、不猜测，报告为缺失并说明原因。\
          2020 年度及以前按 2019 年试行格式编制的报告，其旧表样不读入时只作提示。",
    basis: "国办公开办函〔2021〕30号附件格式：年报内容不能遗漏",
    example: "网页上的表三被拆成了图片，或多出一列“法人或其他组织小计”。",
    also: &[Severity::Info],
    from_year: None,
    check: reported_by_importers,
};

pub const S3: Rule = Rule {
    code: "S3",
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
    code: "S6",
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

fn reported_by_importers(_: &Context, _: &mut Vec<Finding>) {}
