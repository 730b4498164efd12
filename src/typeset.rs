//! What a Word draft's 版式 is, as the F rules ([`crate::rules::typesetting`])
//! judge it: each paragraph's text runs with the Chinese font and size they
//! are shown in, its line spacing, each section's paper and margins, and
//! whether the pages are numbered. Read by [`crate::import::docx_typeset`].

/// The font a run's Chinese text is shown in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Font {
    Named(String),
    /// A theme font: whatever the document's theme names (等线, 宋体…).
    Theme,
}

/// A run's look, as far as the levels of the style chain set it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Look {
    pub east_asia: Option<Font>,
    /// In half-points (`w:sz`): 三号 is 32.
    pub half_points: Option<u32>,
}

impl Look {
    /// `self` over `below`: what `self` sets wins, property by property.
    pub fn over(&self, below: &Look) -> Look {
        Look {
            east_asia: self.east_asia.clone().or_else(|| below.east_asia.clone()),
            half_points: self.half_points.or(below.half_points),
        }
    }
}

/// A paragraph's line spacing (`w:spacing/@w:line`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineSpacing {
    /// 固定值, in twips.
    Exact(u32),
    /// 最小值, in twips.
    AtLeast(u32),
    /// 多倍行距, in 240ths of a line (240: 单倍).
    Multiple(u32),
}

/// A run of text and its look.
#[derive(Clone, Debug)]
pub struct Run {
    pub text: String,
    pub look: Look,
}

/// A paragraph with text.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// Its place among the paragraphs with text (from 1), tables' included.
    pub number: u32,
    pub text: String,
    pub runs: Vec<Run>,
    pub in_table: bool,
    /// `None`: single spacing, Word's default.
    pub line: Option<LineSpacing>,
    /// Whether its lines snap to the section's line grid.
    pub snaps_to_grid: bool,
    pub centred: bool,
    /// A web page's menus, links or footer saved with the report (as the
    /// importers tell them): not the report's text, not judged.
    pub furniture: bool,
}

/// A section's page setup, in twips (`w:pgSz`, `w:pgMar`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageSetup {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub top: Option<i64>,
    pub bottom: Option<i64>,
    pub left: Option<i64>,
    pub right: Option<i64>,
    /// The line grid's pitch (`w:docGrid` of type lines), in twips.
    pub line_pitch: Option<u32>,
}

/// What the 版式 rules look at.
#[derive(Clone, Debug, Default)]
pub struct Typeset {
    pub paragraphs: Vec<Paragraph>,
    /// Each section's page setup, in order (the body's last one last).
    pub pages: Vec<PageSetup>,
    /// Whether a header or footer the sections use holds a PAGE field.
    pub page_numbers: bool,
}
