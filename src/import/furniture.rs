//! A portal's furniture around a published report: the source and time
//! line, share buttons, 全真版/文字版 switches, font-size and print links,
//! breadcrumbs and the site's footer. Saved pages and their plain text
//! carry it; it is not part of the report, so the preamble starts at the
//! report's own first sentence and the last section ends with its own text.

/// Lines that start like this are furniture (the page's metadata lines).
const PREFIXES: [&str; 22] = [
    "来源：",
    "来源:",
    "信息来源",
    "时间：",
    "发布时间",
    "发布日期",
    "浏览次数",
    "点击数",
    "点击量",
    "访问量",
    "阅读量",
    "字号",
    "【字体",
    "字体：",
    "当前位置",
    "您当前的位置",
    "您现在的位置",
    "您的位置",
    "所在位置",
    "分享到",
    "索引号",
    "责任编辑",
];

/// Words a furniture line is made of (a line of nothing else is furniture).
const WORDS: [&str; 41] = [
    "微信",
    "微博",
    "QQ空间",
    "QQ",
    "全真版",
    "文字版",
    "文件下载",
    "附件下载",
    "下载",
    "相关链接",
    "大",
    "中",
    "小",
    "打印",
    "打印本页",
    "关闭",
    "关闭窗口",
    "收藏",
    "分享",
    "首页",
    "返回顶部",
    "扫一扫",
    "文字解读",
    "图片解读",
    "视频解读",
    "政策解读",
    "【打印】",
    "【关闭】",
    "【打印本页】",
    "【关闭窗口】",
    "【大】",
    "【中】",
    "【小】",
    "[打印]",
    "[关闭]",
    ">",
    "›",
    "»",
    "|",
    "/",
    "-",
];

/// Lines that end a report on a portal page: what follows is the site's.
const ENDS: [&str; 17] = [
    "附件下载",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "【打印本页】",
    "上一篇",
    "下一篇",
    "相关链接",
    "相关阅读",
    "相关文章",
    "相关文件",
    "网站标识码",
    "版权所有",
    "主办单位",
    "网站地图",
];

/// Whether a line is the portal's furniture, not the report's text.
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().nth(80).is_some() {
        return false;
    }
    if PREFIXES.iter().any(|p| line.starts_with(p)) {
        return true;
    }
    // “首页 > 政务公开 > 年报”: a breadcrumb.
    let crumbs: Vec<&str> = line.split(['>', '›', '»']).map(str::trim).collect();
    if crumbs.len() >= 3
        && !line.contains('<')
        && crumbs.iter().all(|c| {
            !c.is_empty() && c.chars().nth(30).is_none() && c.chars().all(|ch| ch.is_alphanumeric() || ch == ' ')
        })
    {
        return true;
    }
    let words = line.split(|c: char| c.is_whitespace() || c == '　').filter(|w| !w.is_empty());
    words.clone().next().is_some()
        && words.map(|w| w.trim_end_matches(['：', ':'])).all(|w| WORDS.contains(&w) || w.is_empty())
}

/// Whether a line closes the report: the site's links and footer follow.
pub fn ends_report(line: &str) -> bool {
    let line = line.trim().trim_start_matches(['【', '[']);
    line.chars().nth(60).is_none()
        && (ENDS.iter().any(|e| line.starts_with(e.trim_start_matches('【'))) || line == "关闭" || line == "打印")
}

/// A page number line: “- 4 -”, “— 4 —”, “4”, “第 4 页”.
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－'));
    let inner = inner.strip_prefix('第').and_then(|s| s.strip_suffix('页')).unwrap_or(inner);
    let inner = inner.split(['/', '共']).next().unwrap_or(inner);
    !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_portal_furniture() {
        for line in [
            "来源：平潭综合实验区管委会办公室 时间：2025-03-10 15:35",
            "微信 微博 QQ空间",
            "全真版",
            "文字版",
            "文件下载",
            "相关链接：",
            "字号：大 中 小",
            "【打印】 【关闭】",
            "首页 > 政务公开 > 政府信息公开年报",
            "当前位置：",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        assert!(!is_furniture("本报告根据《中华人民共和国政府信息公开条例》编制。"));
        assert!(!is_furniture("2024年，平潭综合实验区坚持以习近平新时代中国特色社会主义思想为指导。"));
        assert!(!is_furniture("<script>alert(1)</script> & \"标题\" ]]> @SUM(A1)"));
        assert!(!is_furniture("正文]]>]]>。"));
        assert!(ends_report("扫一扫在手机上查看当前页面"));
        assert!(ends_report("关闭"));
        assert!(ends_report("【打印本页】"));
        assert!(!ends_report("2024年，无收取信息处理费情况。"));
    }
}
