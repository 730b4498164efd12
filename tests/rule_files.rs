//! Every rule code leads to one file: the `rules` module doc's table names,
//! for each code of the catalogue, the file that defines its `Rule`.

use nianbao::rules::RULES;
use std::path::Path;

#[test]
fn the_rules_table_names_the_file_of_every_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let module = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
    let rows: Vec<(Vec<&str>, &str)> = module
        .lines()
        .filter_map(|l| l.strip_prefix("//! | "))
        .filter_map(|row| {
            let mut cells = row.split(" | ");
            let codes = cells.next()?.split(", ").collect();
            Some((codes, cells.next()?.trim_matches('`')))
        })
        .collect();
    for rule in RULES {
        let code = rule.code.as_str();
        let named: Vec<&str> = rows.iter().filter(|(codes, _)| codes.contains(&code)).map(|(_, f)| *f).collect();
        assert_eq!(named.len(), 1, "{code}: the rules module doc names {named:?}");
        let text = std::fs::read_to_string(dir.join(named[0])).unwrap_or_default();
        assert!(text.contains(&format!("code: RuleCode::{code},")), "{code}: not defined in src/rules/{}", named[0]);
    }
    let listed: usize = rows.iter().map(|(codes, _)| codes.len()).sum();
    assert_eq!(listed, RULES.len() + 1, "one row per code (and the header's `code`)");
}
