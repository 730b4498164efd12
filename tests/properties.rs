//! Property tests over generated reports (a small seeded generator, so a
//! failure is reproducible from the printed seed):
//! - every export re-imports to the same report;
//! - the arithmetic rules agree with an independent recomputation;
//! - a generated consistent report passes every identity;
//! - hostile text is inert in the HTML.

use nianbao::layout::{all_cells, request_cell, review_cell, CellKind};
use nianbao::model::{OrganKind, Report, Value};
use nianbao::render::{html, to_csv, to_json_string};
use nianbao::CheckOptions;
use rust_decimal::Decimal;

const CASES: u64 = 300;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "=HYPERLINK(\"http://evil\")",
    "+1-2",
    "@SUM(A1)",
    "-cmd",
    "'=1",
    "a,b\n\"c\"",
    "表三「总计」& <b>粗</b>",
    "　全角空格　",
    "",
];

fn text(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(3) + 1 {
        s.push_str(rng.pick(HOSTILE));
        s.push_str(rng.pick(&["收到申请12件。", "无行政复议案件。", "\n\n", "考核", ""]));
    }
    s
}

fn value(rng: &mut Rng, kind: CellKind) -> Value {
    match rng.below(10) {
        0 => Value::Blank,
        1 => Value::Text(rng.pick(HOSTILE).to_string()).normalized(),
        _ => match kind {
            CellKind::Count => Value::Number(Decimal::from(rng.below(50))),
            CellKind::Money => Value::Number(Decimal::new(rng.below(10_000_000) as i64, rng.below(6) as u32)),
        },
    }
}

trait Normalized {
    fn normalized(self) -> Value;
}

impl Normalized for Value {
    /// What a text cell reads back as: text that parses as blank or a number
    /// is that, so generate only what a source could hold.
    fn normalized(self) -> Value {
        match self {
            Value::Text(t) => Value::parse(&t),
            v => v,
        }
    }
}

fn report(rng: &mut Rng) -> Report {
    let mut r = Report::new();
    r.meta.organ = text(rng).replace('\n', " ").trim().to_string();
    r.meta.organ_kind = if rng.below(4) == 0 { None } else { Some(rng.pick(&OrganKind::ALL)) };
    r.meta.year = Some(2021 + rng.below(6) as i32);
    r.meta.title = (rng.below(2) == 0).then(|| text(rng).replace('\n', " "));
    for key in nianbao::model::SectionKey::ALL {
        *r.sections.get_mut(key) = (rng.below(3) > 0).then(|| text(rng));
    }
    for id in all_cells() {
        r.set(id, value(rng, id.kind()));
    }
    r
}

fn each_case(mut property: impl FnMut(u64, &mut Rng)) {
    for seed in 1..=CASES {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        property(seed, &mut rng);
    }
}

#[test]
fn every_export_reimports_to_the_same_report() {
    each_case(|seed, rng| {
        let original = report(rng);
        for (name, bytes) in [("r.json", to_json_string(&original)), ("r.csv", to_csv(&original))] {
            let again =
                nianbao::import(bytes.as_bytes(), Some(name)).unwrap_or_else(|e| panic!("seed {seed} {name}: {e}"));
            assert_eq!(again.report, original, "seed {seed}: {name} round trip");
        }
    });
}

/// The identities of FORMAT.md §3.3 and §4.2, recomputed here from the
/// layout functions alone: (left cells, right cells).
fn identities() -> Vec<(Vec<nianbao::layout::CellId>, Vec<nianbao::layout::CellId>)> {
    let mut all = Vec::new();
    for c in 0..7 {
        all.push((vec![request_cell(0, c), request_cell(1, c)], vec![request_cell(23, c), request_cell(24, c)]));
        all.push((vec![request_cell(23, c)], (2..23).map(|r| request_cell(r, c)).collect()));
    }
    for r in 0..25 {
        all.push((vec![request_cell(r, 6)], (0..6).map(|c| request_cell(r, c)).collect()));
    }
    for g in 0..3 {
        all.push((vec![review_cell(g, 4)], (0..4).map(|c| review_cell(g, c)).collect()));
    }
    all
}

fn judged(report: &Report, cells: &[nianbao::layout::CellId]) -> bool {
    cells.iter().all(|&id| match report.value(id) {
        Value::Blank => true,
        Value::Number(n) => !n.is_sign_negative() && n.fract().is_zero(),
        Value::Text(_) => false,
    }) && !cells.iter().all(|&id| report.value(id).is_blank())
}

#[test]
fn arithmetic_findings_agree_with_a_recomputation() {
    each_case(|seed, rng| {
        let report = report(rng);
        let failing = identities().iter().any(|(l, r)| {
            let cells: Vec<_> = l.iter().chain(r).copied().collect();
            let sum = |c: &[nianbao::layout::CellId]| c.iter().map(|&id| report.number(id)).sum::<Decimal>();
            judged(&report, &cells) && sum(l) != sum(r)
        });
        let found = nianbao::check(&report, &CheckOptions::default()).iter().any(|f| f.rule.as_str().starts_with('A'));
        assert_eq!(found, failing, "seed {seed}");
    });
}

#[test]
fn consistent_reports_pass_every_identity() {
    each_case(|seed, rng| {
        let mut r = Report::new();
        let n = |rng: &mut Rng| Decimal::from(rng.below(20));
        for c in 0..6 {
            let carried_over = n(rng);
            let mut results = Decimal::ZERO;
            for row in 2..23 {
                let v = if rng.below(3) == 0 { n(rng) } else { Decimal::ZERO };
                r.set(request_cell(row, c), Value::Number(v));
                results += v;
            }
            let carried_forward = n(rng);
            let new = results + carried_forward - carried_over;
            let (new, carried_over) =
                if new.is_sign_negative() { (Decimal::ZERO, results + carried_forward) } else { (new, carried_over) };
            r.set(request_cell(0, c), Value::Number(new));
            r.set(request_cell(1, c), Value::Number(carried_over));
            r.set(request_cell(23, c), Value::Number(results));
            r.set(request_cell(24, c), Value::Number(carried_forward));
        }
        for row in 0..25 {
            let total: Decimal = (0..6).map(|c| r.number(request_cell(row, c))).sum();
            r.set(request_cell(row, 6), Value::Number(total));
        }
        for g in 0..3 {
            let parts: Vec<Decimal> = (0..4).map(|_| n(rng)).collect();
            for (c, v) in parts.iter().enumerate() {
                r.set(review_cell(g, c), Value::Number(*v));
            }
            r.set(review_cell(g, 4), Value::Number(parts.iter().sum()));
        }
        let a: Vec<_> = nianbao::check(&r, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule.as_str().starts_with('A'))
            .collect();
        assert!(a.is_empty(), "seed {seed}: {a:#?}");
    });
}

/// Every element and attribute the renderer may emit; anything else came
/// from the input.
const ALLOWED_TAGS: &[&str] = &[
    "!doctype", "html", "head", "meta", "title", "style", "body", "article", "header", "section", "h1", "h2", "h3",
    "p", "br", "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "td", "th", "div", "span",
];
const ALLOWED_ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "id",
    "data-cell",
    "data-label",
    "data-severity",
    "data-related",
    "title",
    "rowspan",
    "colspan",
    "scope",
    "html",
];

/// The start tags of an HTML document with their attribute names, read the
/// way a browser tokenizer would (quoted values may contain `>`).
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') {
            continue;
        }
        let name: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
        if name.is_empty() {
            continue;
        }
        let mut attributes = Vec::new();
        let mut chars = rest[name.len()..].char_indices().peekable();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '>' => {
                    end = name.len() + i + 1;
                    break;
                }
                '=' => {
                    while chars.peek().is_some_and(|(_, d)| d.is_whitespace()) {
                        chars.next();
                    }
                    match chars.peek().map(|&(_, d)| d) {
                        Some(q @ ('"' | '\'')) => {
                            chars.next();
                            for (_, d) in chars.by_ref() {
                                if d == q {
                                    break;
                                }
                            }
                        }
                        _ => {
                            while chars.peek().is_some_and(|(_, d)| !d.is_whitespace() && *d != '>') {
                                chars.next();
                            }
                        }
                    }
                }
                c if c.is_alphabetic() || c == '-' => {
                    let mut attribute = String::from(c);
                    while let Some(&(_, d)) = chars.peek() {
                        if d.is_alphanumeric() || d == '-' {
                            attribute.push(d);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    attributes.push(attribute.to_lowercase());
                }
                _ => {}
            }
        }
        out.push((name.to_lowercase(), attributes));
        // Raw text elements: skip their content.
        rest = &rest[end.min(rest.len())..];
        if name.eq_ignore_ascii_case("style") {
            rest = rest.find("</style>").map_or("", |i| &rest[i..]);
        }
    }
    out
}

#[test]
fn the_tag_scanner_sees_injections() {
    let found = tags(r#"<p title="<b>">x</p><img src=x onerror=alert(1)><a href='javascript:x'>"#);
    let names: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, ["p", "img", "a"]);
    assert_eq!(found[1].1, ["src", "onerror"]);
}

#[test]
fn hostile_text_is_inert_in_html() {
    each_case(|seed, rng| {
        let report = report(rng);
        let findings = nianbao::check(&report, &CheckOptions::default());
        let page = html::document(&report, &findings);
        for (tag, attributes) in tags(&page) {
            assert!(ALLOWED_TAGS.contains(&tag.as_str()), "seed {seed}: element <{tag}>");
            for attribute in attributes {
                assert!(
                    ALLOWED_ATTRIBUTES.contains(&attribute.as_str()),
                    "seed {seed}: attribute {attribute} on <{tag}>"
                );
            }
        }
    });
}

#[test]
fn csv_export_never_starts_a_cell_with_a_formula() {
    each_case(|seed, rng| {
        let csv = to_csv(&report(rng));
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv.as_bytes());
        for record in reader.records() {
            let record = record.unwrap();
            let value = record.get(1).unwrap_or_default();
            let is_number = nianbao::model::parse_decimal(value).is_some();
            assert!(is_number || !value.starts_with(['=', '+', '-', '@']), "seed {seed}: {value:?}");
        }
    });
}
