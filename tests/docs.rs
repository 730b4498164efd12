//! The documents in `docs/` describe the code as it is: every key of the
//! data model is in DATA-MODEL.md, every section of FORMAT.md the code
//! cites exists, and the documents a clone needs are there.

use nianbao::layout::all_cells;
use nianbao::model::{OrganKind, SectionKey};
use std::path::Path;

fn doc(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The words written in backticks (`a.b.{c,d}` gives a, b, c and d).
fn keys_in(text: &str) -> std::collections::BTreeSet<String> {
    let text: String = text.split("```").step_by(2).collect::<Vec<_>>().join(" ");
    text.split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|code| code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map(str::to_string))
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn data_model_names_every_key_the_code_uses() {
    let keys = keys_in(&doc("DATA-MODEL.md"));
    let mut missing: Vec<String> = Vec::new();
    for id in all_cells() {
        missing.extend(id.address().split('.').filter(|k| !keys.contains(*k)).map(str::to_string));
    }
    for kind in [OrganKind::Government, OrganKind::Department, OrganKind::Township, OrganKind::Other] {
        missing.extend((!keys.contains(kind.key())).then(|| kind.key().to_string()));
    }
    for key in SectionKey::ALL {
        missing.extend((!keys.contains(key.key())).then(|| key.key().to_string()));
    }
    for meta in ["organ", "organ_kind", "year", "title", "published_on", "schema"] {
        missing.extend((!keys.contains(meta)).then(|| meta.to_string()));
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "docs/DATA-MODEL.md does not name: {missing:?}");
}

#[test]
fn every_cited_section_of_the_format_exists() {
    let format = doc("FORMAT.md");
    let headings: Vec<&str> = format.lines().filter(|l| l.starts_with('#')).collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut cited = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("FORMAT.md §") {
                    let number: String = text[i + "FORMAT.md §".len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '.')
                        .collect();
                    cited.push((path.display().to_string(), number.trim_end_matches('.').to_string()));
                }
            }
        }
    }
    assert!(!cited.is_empty());
    for (file, number) in cited {
        let whole = format!("## {number}. ");
        let sub = format!(" {number} ");
        assert!(
            headings.iter().any(|h| h.starts_with(&whole) || h.starts_with(&format!("###{sub}"))),
            "{file} cites FORMAT.md §{number}, which docs/FORMAT.md does not have"
        );
    }
}

#[test]
fn the_design_document_is_there() {
    let design = doc("DESIGN.md");
    assert!(design.contains("tests/module_graph.rs") && design.contains("FORMAT.md"));
}
