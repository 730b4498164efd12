//! The pages of a PDF as positioned characters and ruling segments: a walk
//! over each page's content operators (text state, graphics state, paths,
//! forms), written for hostile files — streaming tokens, no recursion
//! without a depth limit, every byte inflated and every operator charged
//! to the file's [`Budget`].

use super::budget::{Budget, Exceeded, MAX_FORM_DEPTH, MAX_PAGES, MAX_SAVED_STATES};
use super::font::Font;
use super::lexer::{Lexer, Operand, Token};
use super::stream_bytes;
use super::{Char, Page, Segment};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

use crate::limits::{PDF_MAX_CHARS as MAX_CHARS, PDF_MAX_SEGMENTS_PER_PAGE as MAX_SEGMENTS};
/// Most path points held before a painting operator.
const MAX_PATH_OPS: usize = 100_000;

/// An affine matrix `[a b c d e f]` (row vector convention of PDF).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`: first self, then other.
    fn then(&self, other: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from(ops: &[Operand]) -> Option<Matrix> {
        let n: Vec<f64> = ops.iter().map(Operand::number).collect::<Option<_>>()?;
        let m: [f64; 6] = n.try_into().ok()?;
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

#[derive(Clone)]
struct TextState {
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
}

impl Default for TextState {
    fn default() -> Self {
        TextState { font: None, size: 0.0, char_spacing: 0.0, word_spacing: 0.0, scaling: 1.0, leading: 0.0, rise: 0.0 }
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    text: TextState,
}

enum PathOp {
    Move(f64, f64),
    Line(f64, f64),
    Curve(f64, f64),
    Rect(f64, f64, f64, f64),
    Close,
}

/// The walk over one document.
pub struct Extractor<'d> {
    doc: &'d Document,
    pub budget: Budget,
    fonts: HashMap<ObjectId, Rc<Font>>,
    chars: usize,
    pub pages: Vec<Page>,
}

/// The resources in effect: the page's, or a form's own.
type Resources<'d> = Option<&'d Dictionary>;

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

impl<'d> Extractor<'d> {
    pub fn new(doc: &'d Document) -> Extractor<'d> {
        Extractor { doc, budget: Budget::default(), fonts: HashMap::new(), chars: 0, pages: Vec::new() }
    }

    /// Reads every page (at most [`MAX_PAGES`]).
    pub fn run(&mut self) -> Result<(), Exceeded> {
        let doc = self.doc;
        for (n, page_id) in doc.page_iter().enumerate() {
            if n >= MAX_PAGES {
                return Err(Exceeded::Pages);
            }
            self.pages.push(Page::default());
            let Ok(page) = doc.get_dictionary(page_id) else { continue };
            let resources = page_resources(doc, page);
            let mut content = Vec::new();
            match page.get(b"Contents").ok().and_then(|o| deref(doc, o)) {
                Some(Object::Stream(s)) => content = stream_bytes(s, &mut self.budget)?,
                Some(Object::Array(parts)) => {
                    for part in parts.iter().take(10_000) {
                        if let Some(Object::Stream(s)) = deref(doc, part) {
                            content.extend(stream_bytes(s, &mut self.budget)?);
                            content.push(b'\n');
                        }
                    }
                }
                _ => {}
            }
            let mut forms = Vec::new();
            self.walk(&content, resources, State { ctm: Matrix::IDENTITY, text: TextState::default() }, &mut forms)?;
        }
        Ok(())
    }

    fn font(&mut self, resources: Resources<'d>, name: &[u8]) -> Result<Option<Rc<Font>>, Exceeded> {
        let doc = self.doc;
        let Some(fonts) = resources.and_then(|r| r.get(b"Font").ok()).and_then(|o| deref(doc, o)) else {
            return Ok(None);
        };
        let Ok(fonts) = fonts.as_dict() else { return Ok(None) };
        let Ok(entry) = fonts.get(name) else { return Ok(None) };
        let Ok((id, object)) = doc.dereference(entry) else { return Ok(None) };
        let Ok(dict) = object.as_dict() else { return Ok(None) };
        if let Some(font) = id.and_then(|id| self.fonts.get(&id)) {
            return Ok(Some(font.clone()));
        }
        let font = Rc::new(Font::load(doc, dict, &mut self.budget)?);
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        Ok(Some(font))
    }

    /// Runs one content stream. `forms`: the forms being drawn (a form
    /// that draws itself, directly or not, is skipped).
    fn walk(
        &mut self,
        content: &[u8],
        resources: Resources<'d>,
        start: State,
        forms: &mut Vec<ObjectId>,
    ) -> Result<(), Exceeded> {
        let mut lexer = Lexer::new(content);
        let mut operands: Vec<Operand> = Vec::new();
        let mut state = start;
        let mut saved: Vec<State> = Vec::new();
        let mut unsaved_depth = 0usize;
        let mut path: Vec<PathOp> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        while let Some(token) = lexer.next_token() {
            let op = match token {
                Token::Operand(o) => {
                    if operands.len() < 64 {
                        operands.push(o);
                    }
                    continue;
                }
                Token::Operator(op) => op,
            };
            self.budget.operator()?;
            let num = |i: usize| operands.get(i).and_then(Operand::number).filter(|v| v.is_finite());
            match op {
                b"q" => {
                    if saved.len() < MAX_SAVED_STATES {
                        saved.push(state.clone());
                    } else {
                        unsaved_depth += 1;
                    }
                }
                b"Q" => {
                    if unsaved_depth > 0 {
                        unsaved_depth -= 1;
                    } else if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = Matrix::from(&operands) {
                        state.ctm = m.then(&state.ctm);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    if let (Some(Operand::Name(name)), Some(size)) = (operands.first(), num(1)) {
                        state.text.font = self.font(resources, name)?;
                        state.text.size = size;
                    }
                }
                b"Tc" => state.text.char_spacing = num(0).unwrap_or(0.0),
                b"Tw" => state.text.word_spacing = num(0).unwrap_or(0.0),
                b"Tz" => state.text.scaling = num(0).unwrap_or(100.0) / 100.0,
                b"TL" => state.text.leading = num(0).unwrap_or(0.0),
                b"Ts" => state.text.rise = num(0).unwrap_or(0.0),
                b"Td" | b"TD" => {
                    if let (Some(x), Some(y)) = (num(0), num(1)) {
                        if op == b"TD" {
                            state.text.leading = -y;
                        }
                        tlm = Matrix::translate(x, y).then(&tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from(&operands) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -state.text.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"\"" {
                        if let (Some(aw), Some(ac)) = (num(0), num(1)) {
                            state.text.word_spacing = aw;
                            state.text.char_spacing = ac;
                        }
                    }
                    if op != b"Tj" && op != b"TJ" {
                        tlm = Matrix::translate(0.0, -state.text.leading).then(&tlm);
                        tm = tlm;
                    }
                    match operands.last() {
                        Some(Operand::Str(s)) => self.show(s, &state, &mut tm),
                        Some(Operand::Array(items)) if op == b"TJ" => {
                            for item in items {
                                match item {
                                    Operand::Str(s) => self.show(s, &state, &mut tm),
                                    Operand::Number(n) => {
                                        let tx = -n / 1000.0 * state.text.size * state.text.scaling;
                                        if tx.is_finite() {
                                            tm = Matrix::translate(tx, 0.0).then(&tm);
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                b"m" | b"l" => {
                    if let (Some(x), Some(y)) = (num(0), num(1)) {
                        if path.len() < MAX_PATH_OPS {
                            path.push(if op == b"m" { PathOp::Move(x, y) } else { PathOp::Line(x, y) });
                        }
                    }
                }
                b"c" | b"v" | b"y" => {
                    let n = operands.len();
                    if let (Some(x), Some(y)) = (num(n.wrapping_sub(2)), num(n.wrapping_sub(1))) {
                        if path.len() < MAX_PATH_OPS {
                            path.push(PathOp::Curve(x, y));
                        }
                    }
                }
                b"re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (num(0), num(1), num(2), num(3)) {
                        if path.len() < MAX_PATH_OPS {
                            path.push(PathOp::Rect(x, y, w, h));
                        }
                    }
                }
                b"h" if path.len() < MAX_PATH_OPS => path.push(PathOp::Close),
                b"S" | b"s" => {
                    if op == b"s" {
                        path.push(PathOp::Close);
                    }
                    self.add_path(&state.ctm, &path, false);
                    path.clear();
                }
                b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    if op.starts_with(b"b") {
                        path.push(PathOp::Close);
                    }
                    self.add_path(&state.ctm, &path, true);
                    path.clear();
                }
                b"n" => path.clear(),
                b"ID" => lexer.skip_inline_image(),
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        self.draw_form(resources, name, &state, forms)?;
                    }
                }
                _ => {}
            }
            operands.clear();
        }
        Ok(())
    }

    /// `Do` of a form XObject: its content drawn with its matrix and resources.
    fn draw_form(
        &mut self,
        resources: Resources<'d>,
        name: &[u8],
        state: &State,
        forms: &mut Vec<ObjectId>,
    ) -> Result<(), Exceeded> {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| r.get(b"XObject").ok()).and_then(|o| deref(doc, o)) else {
            return Ok(());
        };
        let Ok(entry) = xobjects.as_dict().and_then(|d| d.get(name)) else { return Ok(()) };
        let Ok((Some(id), Object::Stream(form))) = doc.dereference(entry) else { return Ok(()) };
        if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return Ok(());
        }
        if forms.contains(&id) || forms.len() >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let content = stream_bytes(form, &mut self.budget)?;
        let matrix = match form.dict.get(b"Matrix").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Array(m)) => {
                let ops: Vec<Operand> = m
                    .iter()
                    .map(|o| match deref(doc, o) {
                        Some(Object::Integer(i)) => Operand::Number(*i as f64),
                        Some(Object::Real(r)) => Operand::Number(f64::from(*r)),
                        _ => Operand::Other,
                    })
                    .collect();
                Matrix::from(&ops).unwrap_or(Matrix::IDENTITY)
            }
            _ => Matrix::IDENTITY,
        };
        let own = form.dict.get(b"Resources").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok());
        let inner = State { ctm: matrix.then(&state.ctm), text: state.text.clone() };
        forms.push(id);
        let result = self.walk(&content, own.or(resources), inner, forms);
        forms.pop();
        result
    }

    /// Shows a string: one [`Char`] per glyph, the text matrix advanced.
    fn show(&mut self, bytes: &[u8], state: &State, tm: &mut Matrix) {
        let Some(font) = state.text.font.clone() else { return };
        let ts = &state.text;
        let mut chars = Vec::new();
        font.glyphs(bytes, |g| {
            // Trm = [Th 0 0 1 0 rise] × Tm × CTM (font size kept apart, as a size).
            let trm = Matrix([ts.scaling, 0.0, 0.0, 1.0, 0.0, ts.rise]).then(tm).then(&state.ctm);
            let [a, b, c, d, x, y] = trm.0;
            let size = ts.size.abs() * ((a * a + b * b).sqrt() * (c * c + d * d).sqrt()).sqrt();
            let text = horizontal_forms(g.text);
            if !text.is_empty() && x.is_finite() && y.is_finite() && size.is_finite() {
                let w = if g.width > 0.0 { g.width * size } else { size * 0.5 };
                chars.push(Char { x, y, w, size: size.max(1.0), text });
            }
            let spacing = ts.char_spacing + if g.space { ts.word_spacing } else { 0.0 };
            let tx = (g.width * ts.size + spacing) * ts.scaling;
            if tx.is_finite() {
                *tm = Matrix::translate(tx, 0.0).then(tm);
            }
        });
        let room = MAX_CHARS.saturating_sub(self.chars);
        chars.truncate(room);
        self.chars += chars.len();
        if let Some(page) = self.pages.last_mut() {
            page.chars.extend(chars);
        }
    }

    fn add_path(&mut self, ctm: &Matrix, path: &[PathOp], filled: bool) {
        let Some(page) = self.pages.last_mut() else { return };
        let mut add = |(x1, y1): (f64, f64), (x2, y2): (f64, f64)| {
            if page.segments.len() >= MAX_SEGMENTS
                || !(x1.is_finite() && y1.is_finite() && x2.is_finite() && y2.is_finite())
            {
                return;
            }
            let (dx, dy) = ((x2 - x1).abs(), (y2 - y1).abs());
            if dy < 1.0 && dx > 1.0 {
                page.segments.push(Segment { horizontal: true, at: (y1 + y2) / 2.0, a: x1.min(x2), b: x1.max(x2) });
            } else if dx < 1.0 && dy > 1.0 {
                page.segments.push(Segment { horizontal: false, at: (x1 + x2) / 2.0, a: y1.min(y2), b: y1.max(y2) });
            }
        };
        let mut current = (0.0, 0.0);
        let mut start = (0.0, 0.0);
        for op in path {
            match *op {
                PathOp::Move(x, y) => {
                    current = ctm.apply(x, y);
                    start = current;
                }
                PathOp::Line(x, y) => {
                    let next = ctm.apply(x, y);
                    add(current, next);
                    current = next;
                }
                PathOp::Curve(x, y) => current = ctm.apply(x, y),
                PathOp::Rect(x, y, w, h) => {
                    let corners = [ctm.apply(x, y), ctm.apply(x + w, y), ctm.apply(x + w, y + h), ctm.apply(x, y + h)];
                    let (x1, y1) = corners[0];
                    let (x2, y2) = corners[2];
                    let (wd, ht) = ((x2 - x1).abs(), (y2 - y1).abs());
                    if filled && wd < 3.0 && ht > 1.0 {
                        // A thin filled bar is a rule (Word and Chromium draw borders so).
                        add(((x1 + x2) / 2.0, y1), ((x1 + x2) / 2.0, y2));
                    } else if filled && ht < 3.0 && wd > 1.0 {
                        add((x1, (y1 + y2) / 2.0), (x2, (y1 + y2) / 2.0));
                    } else if !filled {
                        for k in 0..4 {
                            add(corners[k], corners[(k + 1) % 4]);
                        }
                    }
                    current = (x1, y1);
                    start = current;
                }
                PathOp::Close => {
                    add(current, start);
                    current = start;
                }
            }
        }
    }
}

/// Text set vertically (a row-group label in a browser's `writing-mode:
/// vertical-rl`) is drawn with the vertical presentation forms (︵ for （,
/// ︑ for 、): the characters a reader reads.
fn horizontal_forms(text: String) -> String {
    const VERTICAL: &str = "，、。：；！？〖〗…";
    const CJK_VERTICAL: &str = "‥—–__（）｛｝〔〕【】《》〈〉「」『』";
    if !text.chars().any(|c| matches!(c, '\u{fe10}'..='\u{fe19}' | '\u{fe30}'..='\u{fe44}')) {
        return text;
    }
    text.chars()
        .map(|c| match c as u32 {
            cp @ 0xfe10..=0xfe19 => VERTICAL.chars().nth((cp - 0xfe10) as usize).unwrap_or(c),
            cp @ 0xfe30..=0xfe44 => CJK_VERTICAL.chars().nth((cp - 0xfe30) as usize).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A page's resources, inherited from its parents when not its own.
fn page_resources<'d>(doc: &'d Document, page: &'d Dictionary) -> Resources<'d> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(Object::Dictionary(r)) = node.get(b"Resources").ok().and_then(|o| deref(doc, o)) {
            return Some(r);
        }
        node = node.get(b"Parent").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())?;
    }
    None
}
