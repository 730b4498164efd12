//! The Word document nianbao writes ([`crate::render::docx`]) and reads
//! back ([`crate::import::docx`]): the paragraph styles that mark its parts
//! and the custom document properties that keep the meta.

/// Paragraph style ids.
pub const STYLE_TITLE: &str = "nbTitle";
pub const STYLE_HEADING: &str = "nbHeading1";
pub const STYLE_BODY: &str = "nbBody";
pub const STYLE_TABLE: &str = "nbTable";
pub const STYLE_SIGNATURE: &str = "nbSignature";

/// Prefix of the custom document properties holding the meta.
pub const PROPERTY_PREFIX: &str = "nianbao.";
