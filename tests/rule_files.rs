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

/// The files under `dir`, recursively.
fn sources(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The codes of the findings a text makes: `Finding::new(RuleCode::S3, …`
/// (a test module, at a file's end, left out: tests make findings of any code).
fn codes_made(text: &str) -> Vec<String> {
    let code = text.find("#[cfg(test)]\nmod tests").map_or(text, |end| &text[..end]);
    code.match_indices("Finding::new(")
        .filter_map(|(i, call)| {
            let rest = code[i + call.len()..].trim_start();
            let rest = rest.strip_prefix("crate::finding::").or_else(|| rest.strip_prefix("crate::")).unwrap_or(rest);
            let rest = rest.strip_prefix("RuleCode::")?;
            Some(rest.chars().take_while(char::is_ascii_alphanumeric).collect())
        })
        .collect()
}

/// Every finding of a code is made in the file the table names for it:
/// the importers and the batch call the constructors there.
#[test]
fn findings_are_made_in_their_rules_file() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let module = std::fs::read_to_string(src.join("rules/mod.rs")).unwrap();
    let file_of = |code: &str| -> Option<String> {
        module.lines().filter_map(|l| l.strip_prefix("//! | ")).find_map(|row| {
            let mut cells = row.split(" | ");
            let codes: Vec<&str> = cells.next()?.split(", ").collect();
            let file = cells.next()?.trim_matches('`');
            codes.contains(&code).then(|| format!("rules/{file}"))
        })
    };
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut made = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        for code in codes_made(&text) {
            made += 1;
            let home = file_of(&code);
            assert_eq!(home.as_deref(), Some(name.as_str()), "a {code} finding is made in src/{name}");
        }
    }
    assert!(made > 40, "the scan found only {made} findings made: has the constructor changed?");
}
