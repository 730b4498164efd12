//! The tokens of a PDF content stream (and of a CMap, which uses the same
//! syntax): numbers, names, strings, arrays, dictionaries skipped, and
//! operators. Streaming — one token at a time over the bytes — so a
//! stream of two million `q` costs no memory, and without recursion, so
//! nesting cannot exhaust the stack.

/// An operand of an operator.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand<'a> {
    Number(f64),
    Name(&'a [u8]),
    /// A string's bytes (escapes resolved).
    Str(Vec<u8>),
    /// An array of numbers and strings (nested arrays are flattened: only
    /// `TJ` and CMaps read arrays, and neither nests them).
    Array(Vec<Operand<'a>>),
    /// A dictionary (inline properties of `BDC`): skipped, kept as a marker.
    Dict,
    Other,
}

impl Operand<'_> {
    pub fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// One token.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
}

/// Most elements kept in one array (a `TJ` of a long line has hundreds).
const MAX_ARRAY: usize = 100_000;

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.data.get(self.pos).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// The next token; `None` at the end.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_space();
            let &b = self.data.get(self.pos)?;
            match b {
                b'[' => {
                    self.pos += 1;
                    return Some(Token::Operand(self.array()));
                }
                b']' | b')' | b'>' | b'{' | b'}' => {
                    // Stray delimiter: skipped.
                    self.pos += 1;
                }
                _ => {
                    if let Some(op) = self.operand() {
                        return Some(Token::Operand(op));
                    }
                    let run = self.regular_run();
                    if run.is_empty() {
                        self.pos += 1;
                        continue;
                    }
                    return Some(Token::Operator(run));
                }
            }
        }
    }

    /// An operand starting here other than an array, if there is one.
    fn operand(&mut self) -> Option<Operand<'a>> {
        let &b = self.data.get(self.pos)?;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Operand::Name(self.regular_run()))
            }
            b'(' => {
                self.pos += 1;
                Some(Operand::Str(self.literal_string()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dictionary();
                Some(Operand::Dict)
            }
            b'<' => {
                self.pos += 1;
                Some(Operand::Str(self.hex_string()))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let start = self.pos;
                let run = self.regular_run();
                match parse_number(run) {
                    Some(n) => Some(Operand::Number(n)),
                    None => {
                        self.pos = start;
                        None
                    }
                }
            }
            _ => None,
        }
    }

    fn array(&mut self) -> Operand<'a> {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            let Some(&b) = self.data.get(self.pos) else { break };
            match b {
                b']' => {
                    self.pos += 1;
                    break;
                }
                // Nested arrays are flattened (their brackets ignored).
                b'[' | b')' | b'>' | b'{' | b'}' => self.pos += 1,
                _ => match self.operand() {
                    Some(op) if items.len() < MAX_ARRAY => items.push(op),
                    Some(_) => {}
                    None => {
                        // An operator inside an array (`true`, `null`, or garbage).
                        if self.regular_run().is_empty() {
                            self.pos += 1;
                        } else if items.len() < MAX_ARRAY {
                            items.push(Operand::Other);
                        }
                    }
                },
            }
        }
        Operand::Array(items)
    }

    fn skip_dictionary(&mut self) {
        // Counts `<<`/`>>`, skipping strings (which may hold either).
        let mut depth = 0usize;
        while let Some(&b) = self.data.get(self.pos) {
            match b {
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    depth += 1;
                    self.pos += 2;
                }
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    depth = depth.saturating_sub(1);
                    self.pos += 2;
                    if depth == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.pos += 1;
                    self.literal_string();
                }
                _ => self.pos += 1,
            }
        }
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_value(b) else { continue };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// After `ID`: skips an inline image's data up to its `EI`.
    pub fn skip_inline_image(&mut self) {
        // One white-space byte follows ID, then binary data; EI is
        // preceded by white space and followed by white space or the end.
        self.pos += 1;
        while self.pos + 1 < self.data.len() {
            if self.data[self.pos] == b'E'
                && self.data[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(self.data[self.pos - 1])
                && self.data.get(self.pos + 2).is_none_or(|&b| is_white(b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

fn parse_number(run: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(run).ok()?;
    // PDF numbers have no exponent; some writers emit `--1` or `1.2.3`.
    let text = text.trim_start_matches('+');
    let text = if text.starts_with("--") { &text[1..] } else { text };
    let n: f64 = text.parse().ok().or_else(|| {
        let end = text.char_indices().skip(1).find(|&(_, c)| !(c.is_ascii_digit() || c == '.')).map(|(i, _)| i)?;
        text[..end].parse().ok()
    })?;
    n.is_finite().then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &[u8]) -> Vec<Token<'_>> {
        let mut lx = Lexer::new(s);
        std::iter::from_fn(|| lx.next_token()).collect()
    }

    #[test]
    fn reads_operands_and_operators() {
        let t = tokens(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm [(a\\(b\\)) -250 <4E2D>] TJ ET % note\n q");
        assert_eq!(t[0], Token::Operator(b"BT"));
        assert_eq!(t[1], Token::Operand(Operand::Name(b"F1")));
        assert_eq!(t[2], Token::Operand(Operand::Number(12.0)));
        assert_eq!(t[9], Token::Operand(Operand::Number(-0.5)));
        assert_eq!(
            t[11],
            Token::Operand(Operand::Array(vec![
                Operand::Str(b"a(b)".to_vec()),
                Operand::Number(-250.0),
                Operand::Str(vec![0x4e, 0x2d])
            ]))
        );
        assert_eq!(t.last(), Some(&Token::Operator(b"q")));
    }

    #[test]
    fn nesting_costs_no_stack() {
        let deep = b"[".repeat(1_000_000);
        assert_eq!(tokens(&deep).len(), 1);
        let deep = b"<<".repeat(1_000_000);
        assert_eq!(tokens(&deep).len(), 1);
        let deep = b"(".repeat(1_000_000);
        assert_eq!(tokens(&deep).len(), 1);
    }
}
