//! What the reader and the writer of one format agree on: sheet names and
//! labels (XLSX), style ids and document properties (DOCX), quoting and
//! formula escaping (CSV). A neutral home, so that importers never depend
//! on renderers (tests/module_graph.rs).

pub mod csv;
#[cfg(feature = "office")]
pub mod docx;
#[cfg(feature = "office")]
pub mod xlsx;
