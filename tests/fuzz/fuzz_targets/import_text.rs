//! The text importer alone on arbitrary bytes: an error or a report, never a
//! panic (a panic the importer itself catches is tolerated, see import_any).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let _ = nianbao::import::text::import(data);
    }
);
