//! Every limit on the work and memory one input may cost, in one place.
//!
//! Every input is untrusted: a file of a few KB can describe a grid of a
//! billion cells (a merged region, a table of empty rows) or inflate to
//! gigabytes. The limits below bound what is *built* from a file, not only
//! its size, so that reading any one file costs at most a few hundred MB of
//! memory and a second or so of work, and a batch survives any file in it
//! (the file is listed as unreadable, with the reason, and the others are
//! checked). The README's security section (安全) states them for users.
//!
//! The official report is small: three tables of at most 30 × 15 cells,
//! six sections of prose, a few pages. Every limit is far above what a
//! real report needs (the published corpus uses well under 1 % of each).

/// Largest file read (a report PDF is a few MB; a JSON a few KB).
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

// --- Tables, whatever the format --------------------------------------

/// Most table slots (cells, merged parts included) built from one file, all
/// sheets and tables together. A slot costs ~32 bytes: 1 M slots ≈ 32 MB.
/// The three official tables have ~1 000.
pub const MAX_TABLE_SLOTS: usize = 1_000_000;
/// Most rows and columns of one table or sheet (the tables are 30 × 15).
pub const MAX_TABLE_ROWS: usize = 5_000;
pub const MAX_TABLE_COLUMNS: usize = 200;

// --- Office files (Word, Excel): zip archives of XML ---------------------

/// Most entries an Office archive may have (a DOCX has ~10, an XLSX ~15).
pub const MAX_OFFICE_ENTRIES: usize = 2_000;
/// Largest uncompressed part read (document.xml of a long report is < 2 MB).
pub const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;
/// Most bytes inflated from one Office file in all (parts read twice count
/// twice: a workbook naming one worksheet 200 times is bounded here).
pub const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest XML nesting accepted.
pub const MAX_XML_DEPTH: usize = 200;
/// Most XML elements in one part (~100 bytes each in memory).
pub const MAX_XML_ELEMENTS: usize = 1_000_000;

// --- PDF -------------------------------------------------------------------

/// Most bytes inflated from all the streams of one PDF together (a long
/// report's content streams and fonts inflate to a few MB).
pub const PDF_MAX_INFLATED_BYTES: u64 = 96 * 1024 * 1024;
/// Most content operators run over one PDF (a 6-page report runs ~20 000;
/// a form or a stream drawn on every page counts each time it is drawn).
pub const PDF_MAX_OPERATORS: u64 = 3_000_000;
/// Most pages read.
pub const PDF_MAX_PAGES: usize = 500;
/// Deepest nesting of forms drawn inside forms (real files nest 2 or 3; a
/// form drawing itself is cut at once).
pub const PDF_MAX_FORM_DEPTH: usize = 12;
/// Deepest graphics state saves kept (deeper saves are counted, not stored).
pub const PDF_MAX_SAVED_STATES: usize = 256;
/// Most characters kept from one PDF (a long report has ~30 000).
pub const PDF_MAX_CHARS: usize = 2_000_000;
/// Most ruling segments kept per page (a page of tables has a few hundred).
pub const PDF_MAX_SEGMENTS_PER_PAGE: usize = 20_000;

// --- Web pages and text ---------------------------------------------------

/// Most HTML elements kept (a long saved page has ~10 000).
pub const MAX_HTML_NODES: usize = 1_000_000;
/// Deepest HTML nesting kept; deeper elements are flattened into their parent.
pub const MAX_HTML_DEPTH: usize = 256;
/// Largest rowspan/colspan accepted (the official tables span at most 15).
pub const MAX_HTML_SPAN: usize = 100;
/// Most lines of a text or Markdown report (a long report has a few hundred).
pub const MAX_TEXT_LINES: usize = 200_000;

// --- Batches: folders and zips of reports ---------------------------------

/// Most files taken from one zip of reports.
pub const MAX_ZIP_FILES: usize = 5_000;
/// Most bytes unpacked from one zip of reports in all.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Largest zip of reports read from a folder (a zip is read whole to list it).
pub const MAX_ZIP_BYTES: u64 = 512 * 1024 * 1024;
/// Deepest folder walked below the one given.
pub const MAX_WALK_DEPTH: usize = 16;

// --- Names -----------------------------------------------------------------

/// Longest organ or unit name compared (the longest real names are ~40
/// characters); longer names are cut here before matching, so that
/// matching a list of units costs linear work whatever a name holds.
pub const MAX_NAME_CHARS: usize = 200;
