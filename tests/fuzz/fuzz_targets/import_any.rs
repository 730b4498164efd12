//! Every importer on arbitrary bytes: the first byte picks the file name
//! the importer is told (so each format's detection and parser is reached),
//! the rest is the content. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "r.json", "r.csv", "r.md", "r.txt", "r.html", "r.htm", "r.pdf", "r.docx", "r.xlsx", "r", "r.bin",
];

fuzz_target!(
    init: {
        // lopdf may panic on hostile PDFs; the importer catches that
        // (a damaged file). libFuzzer's hook would abort even on a caught
        // panic: keep the default unwinding. An uncaught panic still
        // reaches libfuzzer-sys, which aborts: that is a crash.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let Some((&pick, content)) = data.split_first() else { return };
        let name = NAMES[pick as usize % NAMES.len()];
        let _ = nianbao::import(content, Some(name));
    }
);
