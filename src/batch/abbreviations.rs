//! The short names staff use for organs (卫健委, 发改委, 人社局 …), as data:
//! names are compared in their full form, so `县卫健委` is found in
//! `青山县卫生健康委员会` and `平潭综合实验区管委会` in `平潭综合实验区`.
//!
//! Each entry is (short form, full form). A short form is replaced only
//! where it stands as written; the full forms are the official names'
//! wording. Longer short forms come first where one contains another
//! (发展改革委 before 发改委 is not needed: neither contains the other).

/// (short form, full form), longest short forms first within a family.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("卫健委", "卫生健康委员会"),
    ("卫健局", "卫生健康局"),
    ("发展改革委", "发展和改革委员会"),
    ("发展改革局", "发展和改革局"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("住建局", "住房和城乡建设局"),
    ("住建委", "住房和城乡建设委员会"),
    ("住建厅", "住房和城乡建设厅"),
    ("市监局", "市场监督管理局"),
    ("市场监管局", "市场监督管理局"),
    ("管委会", "管理委员会"),
    ("政府办公室", "人民政府办公室"),
    ("政府办", "人民政府办公室"),
    ("自然资源局", "自然资源和规划局"),
    ("自规局", "自然资源和规划局"),
    ("生态环境局", "生态环境局"),
    ("农业农村局", "农业农村局"),
    ("交通局", "交通运输局"),
    ("文旅局", "文化和旅游局"),
    ("文广旅局", "文化广电和旅游局"),
    ("医保局", "医疗保障局"),
    ("应急局", "应急管理局"),
    ("教体局", "教育和体育局"),
    ("退役军人局", "退役军人事务局"),
    ("民宗局", "民族宗教事务局"),
    ("城管局", "城市管理局"),
    ("水务局", "水务局"),
    ("司法局", "司法局"),
];

/// Organ-type endings that name the body behind a place (a 管委会 reports
/// as its zone: `平潭综合实验区管理委员会` is `平潭综合实验区`).
const BODY_ENDINGS: &[&str] = &["管理委员会"];

/// `name` (already normalised: letters and digits) in its full form: each
/// short form replaced by the full one (`自然资源局` and
/// `自然资源和规划局` meet at the longer), and a trailing 管理委员会 dropped.
pub fn expanded(name: &[char]) -> Vec<char> {
    let text: String = name.iter().collect();
    // Most names hold no short form: nothing to copy.
    if !ABBREVIATIONS.iter().any(|(short, _)| text.contains(short))
        && !text.contains("政府")
        && !BODY_ENDINGS.iter().any(|ending| text.ends_with(ending))
    {
        return name.to_vec();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text.as_str();
    'scan: while !rest.is_empty() {
        for (short, full) in ABBREVIATIONS {
            if rest.starts_with(full) {
                out.push_str(full);
                rest = &rest[full.len()..];
                continue 'scan;
            }
            if rest.starts_with(short) {
                // `…人民政府办公室` read from `政府办公室` on: already whole.
                let head = full.strip_suffix(short).filter(|head| out.ends_with(head));
                out.push_str(if head.is_some() { short } else { full });
                rest = &rest[short.len()..];
                continue 'scan;
            }
        }
        // 县政府 is 县人民政府 (人民政府办公室 is handled above).
        if rest.starts_with("政府") && !out.ends_with("人民") {
            out.push_str("人民政府");
            rest = &rest["政府".len()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // `县人民政府办` gave 人民 twice.
    while out.contains("人民人民") {
        out = out.replace("人民人民", "人民");
    }
    for ending in BODY_ENDINGS {
        if out.len() > ending.len() && out.ends_with(ending) {
            out.truncate(out.len() - ending.len());
        }
    }
    out.chars().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::coverage::name_match;

    fn full(name: &str) -> String {
        expanded(&name.chars().collect::<Vec<_>>()).into_iter().collect()
    }

    #[test]
    fn short_forms_are_written_out() {
        assert_eq!(full("县卫健委"), "县卫生健康委员会");
        assert_eq!(full("市发改委"), "市发展和改革委员会");
        assert_eq!(full("市发展改革委"), "市发展和改革委员会");
        assert_eq!(full("区人社局"), "区人力资源和社会保障局");
        assert_eq!(full("县住建局"), "县住房和城乡建设局");
        assert_eq!(full("区市监局"), "区市场监督管理局");
        assert_eq!(full("平潭综合实验区管委会"), "平潭综合实验区");
        assert_eq!(full("平潭综合实验区管理委员会"), "平潭综合实验区");
        assert_eq!(full("县政府办"), "县人民政府办公室");
        assert_eq!(full("县政府"), "县人民政府");
        assert_eq!(full("县人民政府"), "县人民政府");
        assert_eq!(full("县人民政府办公室"), "县人民政府办公室");
        assert_eq!(full("县人民政府办"), "县人民政府办公室");
        assert_eq!(full("县自然资源局"), "县自然资源和规划局");
        // Full names stay as they are.
        assert_eq!(full("青山县卫生健康委员会"), "青山县卫生健康委员会");
        assert_eq!(full("红寺堡区统计局"), "红寺堡区统计局");
    }

    #[test]
    fn short_names_find_their_reports() {
        for (unit, organ) in [
            ("县卫健委", "青山县卫生健康委员会"),
            ("平潭综合实验区管委会", "平潭综合实验区"),
            ("平潭综合实验区管理委员会", "平潭综合实验区"),
            ("区发改委", "红寺堡区发展和改革委员会"),
            ("区发展改革委", "红寺堡区发展和改革委员会"),
            ("区人社局", "红寺堡区人力资源和社会保障局"),
            ("县住建局", "青山县住房和城乡建设局"),
            ("县市监局", "青山县市场监督管理局"),
            ("县政府办", "青山县人民政府办公室"),
            ("县自然资源局", "青山县自然资源和规划局"),
            ("青山县政府", "青山县人民政府"),
        ] {
            assert!(name_match(unit, organ).is_some(), "{unit} / {organ}");
        }
        // Still different organs.
        for (unit, organ) in [("县卫健委", "青山县教育局"), ("统计局", "审计局"), ("县政府办", "青山县人民政府")]
        {
            assert!(name_match(unit, organ).is_none(), "{unit} / {organ}");
        }
    }
}
