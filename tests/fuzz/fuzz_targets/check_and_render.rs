//! The whole path on arbitrary input: import, check, render every format,
//! and re-import the JSON and CSV exports, which must give the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::render::{html, markdown, to_csv, to_json_string};
use nianbao::CheckOptions;

fuzz_target!(
    init: {
        // lopdf may panic on hostile PDFs; the importer catches that
        // (a damaged file). libFuzzer's hook would abort even on a caught
        // panic: keep the default unwinding. An uncaught panic still
        // reaches libfuzzer-sys, which aborts: that is a crash.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let Ok(imported) = nianbao::import(data, None) else { return };
        let report = &imported.report;
        let findings = nianbao::check_imported(&imported, &CheckOptions::with_previous(Some(report)));
        let _ = html::document(report, &findings);
        let _ = markdown::to_markdown(report);
        for (name, text) in [("r.json", to_json_string(report)), ("r.csv", to_csv(report))] {
            let again = nianbao::import(text.as_bytes(), Some(name)).expect("an export re-imports");
            assert_eq!(&again.report, report, "{name} round trip");
        }
    }
);
