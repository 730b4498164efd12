//! Realistic synthetic reports for benchmarks and demonstrations: a
//! deterministic generator (same seed, same reports), consistent reports
//! with some errors injected as they occur in real ones.

use crate::layout::{active, request_cell, request_row as row, review_cell, CellId};
use crate::model::{OrganKind, Report, Value};
use rust_decimal::Decimal;

const UNITS: &[&str] = &[
    "发展和改革局",
    "教育局",
    "公安分局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境分局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "农业农村局",
    "商务局",
    "文化旅游广电局",
    "卫生健康局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
];
const PLACES: &[&str] = &[
    "红寺堡区",
    "利通区",
    "青铜峡市",
    "盐池县",
    "同心县",
    "兴庆区",
    "金凤区",
    "西夏区",
    "永宁县",
    "贺兰县",
    "灵武市",
    "大武口区",
    "惠农区",
    "平罗县",
    "原州区",
    "西吉县",
    "隆德县",
    "泾源县",
    "彭阳县",
    "沙坡头区",
];
const TOWNS: &[&str] = &["新庄集乡", "太阳山镇", "大河乡", "柳泉乡", "红寺堡镇"];

/// xorshift64*: small, fast and deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

fn set(r: &mut Report, id: CellId, n: u64) {
    r.set(id, Value::Number(Decimal::from(n)));
}

/// Report number `index` of a synthetic batch for `year`: a department,
/// township or government of one of twenty places, a different organ for
/// each of the first 560 indices (as in a real batch, one report per organ
/// and year). About one in five has an injected error (a wrong total, a
/// blank cell or prose contradicting the tables).
pub fn report(seed: u64, index: usize, year: i32) -> Report {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x1000_0001));
    let mut r = Report::new();
    // Place by place (as a district's batch): its government, its towns,
    // then its departments.
    let organs_per_place = 1 + TOWNS.len() + UNITS.len();
    let place = PLACES[(index / organs_per_place) % PLACES.len()];
    let (organ, kind) = match index % organs_per_place {
        0 => (format!("{place}人民政府"), OrganKind::Government),
        k if k <= TOWNS.len() => (format!("{place}{}", TOWNS[k - 1]), OrganKind::Township),
        k => (format!("{place}{}", UNITS[k - 1 - TOWNS.len()]), OrganKind::Department),
    };
    r.meta.title = Some(format!("{organ}{year}年政府信息公开工作年度报告"));
    r.meta.organ = organ;
    r.meta.organ_kind = Some(kind);
    r.meta.year = Some(year);
    let scale = if kind == OrganKind::Government { 40 } else { 8 };
    set(&mut r, active::RULES_ISSUED, 0);
    set(&mut r, active::RULES_REPEALED, 0);
    set(&mut r, active::RULES_IN_FORCE, 0);
    let issued = rng.below(6);
    let repealed = rng.below(3);
    set(&mut r, active::NORMATIVE_ISSUED, issued);
    set(&mut r, active::NORMATIVE_REPEALED, repealed);
    set(&mut r, active::NORMATIVE_IN_FORCE, 10 + issued + rng.below(30));
    set(&mut r, active::LICENSING, rng.below(5000));
    set(&mut r, active::PENALTIES, rng.below(1000));
    set(&mut r, active::COERCIVE_MEASURES, rng.below(60));
    r.set(active::FEES, Value::Number(Decimal::new(rng.below(10_000_000) as i64, 4)));
    for c in 0..6 {
        let weight = if c == 0 { scale } else { scale / 8 + 1 };
        let mut results = 0;
        for result_row in row::FIRST_RESULT..=row::LAST_RESULT {
            let n = if rng.below(4) == 0 { rng.below(weight) } else { 0 };
            set(&mut r, request_cell(result_row, c), n);
            results += n;
        }
        let forward = rng.below(3);
        let over = rng.below(forward + results + 1).min(results + forward);
        set(&mut r, request_cell(row::NEW_RECEIVED, c), results + forward - over);
        set(&mut r, request_cell(row::CARRIED_OVER, c), over);
        set(&mut r, request_cell(row::RESULTS_TOTAL, c), results);
        set(&mut r, request_cell(row::CARRIED_FORWARD, c), forward);
    }
    for request_row in 0..25 {
        let total: Decimal = (0..6).map(|c| r.number(request_cell(request_row, c))).sum();
        r.set(request_cell(request_row, 6), Value::Number(total));
    }
    for g in 0..3 {
        let mut total = 0;
        for c in 0..4 {
            let n = if rng.below(3) == 0 { rng.below(3) } else { 0 };
            set(&mut r, review_cell(g, c), n);
            total += n;
        }
        set(&mut r, review_cell(g, 4), total);
    }
    let received = r.number(request_cell(row::NEW_RECEIVED, 6));
    r.sections.preamble = Some(format!("本报告统计期限为{year}年1月1日至12月31日。"));
    r.sections.overview = Some(format!(
        "{year}年，{}认真贯彻落实《中华人民共和国政府信息公开条例》，共收到政府信息公开申请{received}件，均已按时答复。\
         将政务公开工作纳入年度考核。",
        r.meta.organ
    ));
    r.sections.problems = Some(
        "上年度所列问题已完成整改。存在的主要问题：政策解读形式较为单一。改进措施：丰富解读形式，加强培训。"
            .to_string(),
    );
    r.sections.other = Some("本年度未收取信息处理费。".to_string());
    match rng.below(10) {
        0 => set(&mut r, review_cell(0, 4), rng.below(5) + 10),
        1 => r.set(request_cell(row::CARRIED_FORWARD, 0), Value::Blank),
        2 => {
            r.sections.overview =
                Some(format!("{year}年，共收到政府信息公开申请{}件，均已按时答复。", received + Decimal::ONE))
        }
        _ => {}
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_report_per_organ_in_a_batch() {
        let mut organs: Vec<String> = (0..560).map(|i| report(7, i, 2025).meta.organ).collect();
        organs.sort();
        organs.dedup();
        assert_eq!(organs.len(), 560);
    }

    #[test]
    fn deterministic_and_mostly_consistent() {
        assert_eq!(report(7, 3, 2025), report(7, 3, 2025));
        let clean = (0..200)
            .filter(|&i| {
                crate::check(&report(7, i, 2025), &Default::default())
                    .iter()
                    .all(|f| f.severity != crate::Severity::Error)
            })
            .count();
        assert!((120..200).contains(&clean), "{clean} of 200 without errors");
    }
}
