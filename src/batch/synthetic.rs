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
/// Cities above the places: with them the generator names 22,400 distinct
/// organs (a province's batch).
const CITIES: &[&str] = &[
    "银川市",
    "石嘴山市",
    "吴忠市",
    "固原市",
    "中卫市",
    "兰州市",
    "天水市",
    "白银市",
    "武威市",
    "张掖市",
    "平凉市",
    "酒泉市",
    "庆阳市",
    "定西市",
    "陇南市",
    "西宁市",
    "海东市",
    "呼和浩特市",
    "包头市",
    "乌海市",
    "赤峰市",
    "通辽市",
    "鄂尔多斯市",
    "太原市",
    "大同市",
    "阳泉市",
    "长治市",
    "晋城市",
    "朔州市",
    "晋中市",
    "运城市",
    "忻州市",
    "临汾市",
    "吕梁市",
    "西安市",
    "铜川市",
    "宝鸡市",
    "咸阳市",
    "渭南市",
    "延安市",
];
const TOWNS: &[&str] = &["新庄集乡", "太阳山镇", "大河乡", "柳泉乡", "红寺堡镇"];

/// xorshift64*: small, fast and deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next_u64(&mut self) -> u64 {
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
    let place_index = index / organs_per_place;
    let place =
        format!("{}{}", CITIES[(place_index / PLACES.len()) % CITIES.len()], PLACES[place_index % PLACES.len()]);
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
    let forward = r.number(request_cell(row::CARRIED_FORWARD, 6));
    write_prose(&mut r, &mut rng, year, received, forward);
    // About one report in ten has an error, one in ten a prose figure that
    // contradicts its table (a warning).
    match rng.below(20) {
        0 => set(&mut r, review_cell(0, 4), rng.below(5) + 10),
        1 => r.set(request_cell(row::CARRIED_FORWARD, 0), Value::Blank),
        2 | 3 => {
            let overview = r.sections.overview.take().unwrap_or_default();
            let wrong = format!("共收到政府信息公开申请{}件", received + Decimal::ONE);
            r.sections.overview = Some(overview.replace(&format!("共收到政府信息公开申请{received}件"), &wrong));
        }
        _ => {}
    }
    r
}

/// Both sentences, in either order.
fn both(rng: &mut Rng, sentences: &[&str; 2]) -> String {
    let first = rng.below(2) as usize;
    format!("{}。{}", sentences[first], sentences[1 - first])
}

/// One of `choices`.
fn pick<'a>(rng: &mut Rng, choices: &[&'a str]) -> &'a str {
    choices[rng.below(choices.len() as u64) as usize]
}

/// Prose of the length and wording of published reports (the corpus:
/// 总体情况 about 1,300 characters in five parts, 问题 about 450, 其他 about
/// 250), with the figures of the tables where reports quote them.
fn write_prose(r: &mut Report, rng: &mut Rng, year: i32, received: Decimal, forward: Decimal) {
    let organ = r.meta.organ.clone();
    let issued = r.number(active::NORMATIVE_ISSUED);
    r.sections.preamble = Some(format!("本报告统计期限为{year}年1月1日至12月31日。"));
    let lead = pick(
        rng,
        &[
            "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，认真落实党中央、国务院关于全面推进政务公开工作的决策部署",
            "深入贯彻落实《中华人民共和国政府信息公开条例》，紧紧围绕中心工作和人民群众关切，持续深化政务公开，以公开促落实、强监管、优服务",
            "在上级党委、政府的坚强领导下，严格落实政务公开工作要点，不断提升政务公开标准化规范化水平，充分保障人民群众知情权、参与权、表达权和监督权",
        ],
    );
    let active_part = pick(
        rng,
        &[
            "聚焦优化营商环境、乡村振兴、民生保障等重点领域，及时准确发布权威信息，不断提高政府信息公开的深度和广度。加强政策解读，通过文字、图解、视频等多种形式，增强解读的针对性和可读性，主动回应社会关切。持续做好财政预决算、重大建设项目、公共资源配置等信息公开",
            "围绕年度重点工作，规范发布机构职能、规划计划、政策文件、财政资金、行政执法等信息，做到应公开尽公开。坚持政策文件与解读材料同步组织、同步审签、同步发布，解读形式更加丰富。积极开展政府开放日和在线访谈，畅通政民互动渠道",
            "紧扣群众关切，加大就业创业、教育医疗、社会救助、住房保障等民生领域信息公开力度，全面公开权责清单和办事指南。落实行政执法公示制度，及时公开行政许可、行政处罚等执法信息。强化政策文件解读，做到应解读尽解读",
        ],
    );
    let request_part = pick(
        rng,
        &[
            "严格执行依申请公开登记、审核、办理、答复、归档等工作流程，主动加强与申请人沟通，了解实际诉求，做到依法依规、按时答复",
            "进一步规范依申请公开办理工作，完善受理、交办、会商、审核、答复等环节，加强法律审核，提高答复质量，依法保障申请人合法权益",
        ],
    );
    let management = pick(
        rng,
        &[
            "严格落实“先审查、后公开”和“一事一审”制度，认真做好公文公开属性源头认定和保密审查，确保发布信息准确、安全。加强行政规范性文件管理，规范性文件统一登记、统一编号、统一公开",
            "健全政府信息发布审核机制，落实三级审核制度，防止泄露国家秘密和个人隐私。定期开展政府信息清理，对已公开信息进行动态调整和更新，确保信息时效性",
        ],
    );
    let platforms = pick(
        rng,
        &[
            "充分发挥政府网站政务公开第一平台作用，优化政府信息公开专栏设置，完善信息检索功能。加强政务新媒体规范管理，严格落实内容审核和安全管理制度，确保平台健康平稳运行",
            "持续优化政府门户网站信息公开专栏，规范栏目设置和内容保障，推进政务公开专区建设。加强政务新媒体日常监测，及时整改发现的问题，提升平台服务能力",
        ],
    );
    let oversight = pick(
        rng,
        &[
            "成立政务公开工作领导小组，明确分管领导和工作人员，将政务公开工作纳入年度绩效考核，定期开展自查和业务培训，全年未发生因政务公开工作引发的责任追究事项",
            "把政务公开工作纳入年度目标责任考核体系，建立社会评议机制，邀请群众代表对政务公开工作进行评议。组织开展业务培训，不断提升工作人员业务能力",
        ],
    );
    let more = [
        both(
            rng,
            &[
                "围绕年度重点任务，及时发布重大决策部署落实情况和重要政策执行情况，主动公开规划计划、统计数据、重大项目进展等信息，便于公众查阅和监督",
                "做好重大决策预公开，对涉及群众切身利益的重要政策措施，通过网站公开征求意见，及时反馈意见采纳情况，提升决策透明度和公众参与度",
            ],
        ),
        both(
            rng,
            &[
                "对申请内容不明确的，及时告知申请人补正；对不属于本机关公开职责的，告知申请人并说明理由，切实做到件件有回音",
                "建立依申请公开办理台账，实行专人负责、限时办结，对疑难复杂申请组织集体会商，确保答复内容合法合规、依据充分",
            ],
        ),
        both(
            rng,
            &[
                "按照政府信息公开指南和目录的要求，动态调整主动公开基本目录，做好政府信息公开指南的更新维护，方便公众获取政府信息",
                "推进政府信息管理规范化，做好历史信息的清理归档工作，对已失效、废止的规范性文件及时标注，确保公开信息的准确性和时效性",
            ],
        ),
        both(
            rng,
            &[
                "加强政府公报的编辑发布，做好电子版与纸质版同步公开，在政务服务大厅、档案馆、图书馆设置政府信息查阅点，满足群众多样化需求",
                "完善政府网站与政务新媒体的联动发布机制，重要信息同步推送，扩大政府信息的覆盖面和影响力，提升公众获取信息的便利度",
            ],
        ),
        both(
            rng,
            &[
                "加强对政务公开工作的日常监督检查，对检查发现的问题建立台账，明确整改时限，跟踪督促整改落实，推动政务公开工作常态长效",
                "将政务公开纳入干部培训内容，邀请专家开展专题辅导，组织经验交流，进一步提高各单位政务公开工作人员的履职能力和业务水平",
            ],
        ),
    ];
    r.sections.overview = Some(format!(
        "{year}年，{organ}{lead}，扎实推进政府信息公开各项工作。\
         （一）主动公开。{active_part}。{}，全年主动公开政府信息{}条。\
         （二）依申请公开。{request_part}。{}。全年共收到政府信息公开申请{received}件，结转下年度继续办理{forward}件。\
         （三）政府信息管理。{management}。{}，本年新制发行政规范性文件{issued}件。\
         （四）平台建设。{platforms}。{}。\
         （五）监督保障。{oversight}。{}。",
        more[0],
        200 + rng.below(2000),
        more[1],
        more[2],
        more[3],
        more[4],
    ));
    let problem = pick(
        rng,
        &[
            "政策解读的形式还比较单一，图解、视频等解读方式运用不够，解读内容的深度和可读性有待提高；部分工作人员业务能力仍有不足，对新形势下政务公开工作的认识还不够深入",
            "主动公开的内容还不够全面，部分领域信息更新不够及时；依申请公开答复的规范性有待加强，与申请人的沟通还需深入；基层政务公开标准化规范化建设仍有差距",
        ],
    );
    let plan = pick(
        rng,
        &[
            "一是丰富解读形式，综合运用图解、视频、问答等方式，提高政策解读质量；二是加强业务培训，组织工作人员学习《条例》和有关规定，提升依法公开能力；三是强化督促检查，定期通报问题并督促整改",
            "一是加大重点领域信息公开力度，及时更新各栏目内容；二是规范依申请公开办理流程，加强答复文书法律审核；三是深化基层政务公开标准化规范化建设，推动公开内容覆盖权力运行全流程",
        ],
    );
    r.sections.problems = Some(format!(
        "上年度年报所列问题均已完成整改，相关制度进一步健全。本年度工作中仍存在以下问题：{problem}。下一步，我们将采取以下改进措施：{plan}，不断提升政务公开工作水平。"
    ));
    r.sections.other = Some(format!(
        "（一）信息处理费收取情况。{year}年度未向申请人收取信息处理费。\
         （二）政务公开工作要点落实情况。{}按照上级政务公开工作要点的要求，细化工作任务，明确责任分工，各项任务均已按期完成。\
",
        r.meta.organ
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_report_per_organ_in_a_batch() {
        let mut organs: Vec<String> = (0..22_400).map(|i| report(7, i, 2025).meta.organ).collect();
        organs.sort();
        organs.dedup();
        assert_eq!(organs.len(), 22_400);
    }

    #[test]
    fn prose_of_real_length() {
        let r = report(7, 3, 2025);
        let chars = |s: &Option<String>| s.as_deref().unwrap_or_default().chars().count();
        let s = &r.sections;
        assert!((1000..1600).contains(&chars(&s.overview)), "{}", chars(&s.overview));
        assert!((200..500).contains(&chars(&s.problems)), "{}", chars(&s.problems));
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
