//! The library's module graph, drawn from the `crate::…` paths of each file
//! in `src/` (test modules left out), keeps its direction (issue 16):
//!
//! - no cycle between the top-level modules;
//! - readers do not depend on writers (`import` → `render`);
//! - rules see the report, not where it came from or where it goes
//!   (`rules` → `import`, `render`, `batch`);
//! - the core does not depend on its shells (the WebAssembly bindings
//!   `wasm*`, the command line's `src/cli/`).
//!
//! What a reader and a writer of one format share lives in `formats`;
//! the cell geometry of the official tables in `layout`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FORBIDDEN: &[(&str, &str, &str)] = &[
    ("import", "render", "a reader depends on a writer: move what both use to `formats`"),
    ("rules", "import", "a rule depends on a reader: the report is all a rule sees"),
    ("rules", "render", "a rule depends on a writer"),
    ("rules", "batch", "a rule depends on the batch"),
];

/// The bindings (`wasm`, `wasm_batch`, `wasm_office`, …): only they may
/// name each other.
fn is_shell(module: &str) -> bool {
    module == "wasm" || module.starts_with("wasm_")
}

fn sources(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/import/pdf/font.rs` → `import`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "main" && name != "lib").then(|| name.to_string())
}

/// The text of a file without its `#[cfg(test)]` items (test code may use
/// any module: the synthetic reports, a renderer for a round trip).
fn without_tests(text: &str) -> String {
    let mut kept = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            // Skip the attribute's item: to the end of its braces, or its `;`.
            let mut depth = 0i32;
            let mut opened = false;
            for line in lines.by_ref() {
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                opened |= line.contains('{');
                if (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        // Doc comments may cite any module.
        if !line.trim_start().starts_with("//") {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// The top-level modules a text names through `crate::name`, `crate::{a, b}` or `super::super::name`.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').map(|p| ident(p.trim())).filter(|n| !n.is_empty()));
        } else {
            names.insert(ident(rest));
        }
    }
    names
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(from) = module_of(&src, file) else { continue };
        let text = without_tests(&std::fs::read_to_string(file).unwrap());
        let to: Vec<String> = named_modules(&text).into_iter().filter(|m| modules.contains(m) && *m != from).collect();
        graph.entry(from).or_default().extend(to);
    }
    graph
}

#[test]
fn no_forbidden_direction() {
    let graph = graph();
    let mut wrong = Vec::new();
    for (from, to, why) in FORBIDDEN {
        if graph.get(*from).is_some_and(|edges| edges.contains(*to)) {
            wrong.push(format!("{from} → {to}: {why}"));
        }
    }
    for (from, edges) in &graph {
        for to in edges.iter().filter(|to| is_shell(to)) {
            if !is_shell(from) {
                wrong.push(format!("{from} → {to}: the core depends on the WebAssembly binding"));
            }
        }
        // `src/cli/` is the binary's (main.rs declares it): the library
        // cannot name it, and no binding may either.
        if edges.contains("cli") {
            wrong.push(format!("{from} → cli: the library depends on the command line"));
        }
    }
    assert!(wrong.is_empty(), "forbidden module dependencies:\n{}", wrong.join("\n"));
}

#[test]
fn no_cycle_between_modules() {
    let graph = graph();
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit<'a>(
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        module: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(start) = path.iter().position(|m| *m == module) {
            cycles.push(path[start..].iter().chain([&module]).copied().collect::<Vec<_>>().join(" → "));
            return;
        }
        if !done.insert(module) {
            return;
        }
        path.push(module);
        for next in graph.get(module).into_iter().flatten() {
            visit(graph, next, path, done, cycles);
        }
        path.pop();
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(&graph, module, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "module cycles:\n{}\n\ngraph: {graph:#?}", cycles.join("\n"));
}

#[test]
fn the_graph_is_read() {
    let graph = graph();
    // The reader of the test itself: known edges are seen, tests are not.
    assert!(graph["import"].contains("layout") && graph["rules"].contains("finding"), "{graph:#?}");
    assert_eq!(without_tests("a\n#[cfg(test)]\nmod tests {\n  use crate::x;\n}\nb\n"), "a\nb\n");
    assert_eq!(named_modules("use crate::{layout::CellId, model};"), ["layout", "model"].map(String::from).into());
}
