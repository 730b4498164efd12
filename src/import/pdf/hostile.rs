//! Hostile PDFs (issue #14, items 3, 4 and 9), built here, small: each
//! must end in a report or a Chinese error within bounded work — never a
//! stack overflow, an allocation failure or a panic.

use super::budget::{MAX_INFLATED_BYTES, MAX_OPERATORS};
use super::import;
use lopdf::{dictionary, Document, Object, Stream};

/// A document whose pages draw `contents` (one stream object shared by
/// every page), with `font` as /F1 and `xobjects` as the page resources.
fn document(pages: usize, contents: Stream, font: Option<lopdf::Dictionary>, xobjects: lopdf::Dictionary) -> Vec<u8> {
    document_with(pages, contents, font, |_| xobjects)
}

/// [`document`], its XObjects added by `xobjects` (which may add objects).
fn document_with(
    pages: usize,
    contents: Stream,
    font: Option<lopdf::Dictionary>,
    xobjects: impl FnOnce(&mut Document) -> lopdf::Dictionary,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let xobjects = xobjects(&mut doc);
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(contents);
    let mut resources = dictionary! { "XObject" => xobjects };
    if let Some(font) = font {
        let font_id = doc.add_object(font);
        resources.set("Font", dictionary! { "F1" => font_id });
    }
    let resources_id = doc.add_object(resources);
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Contents" => content_id,
                "Resources" => resources_id,
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn zlib(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn compressed(data: &[u8]) -> Stream {
    Stream::new(dictionary! { "Filter" => "FlateDecode" }, zlib(data))
}

/// A zlib stream inflating to `n` zero bytes, written directly (fixed
/// Huffman codes: one literal, then matches of 258 at distance 1), so
/// building it costs next to nothing.
fn zeros_bomb(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.len;
            self.len += bits;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u64, bits: u32) {
            let reversed = (0..bits).fold(0, |acc, i| acc | ((code >> i) & 1) << (bits - 1 - i));
            self.put(reversed, bits);
        }
    }
    let mut b = Bits { out: vec![0x78, 0x01], acc: 0, len: 0 };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    for _ in 0..(n - 1) / 258 {
        b.code(0xc5, 8); // length code 285 (258)
        b.code(0, 5); // distance code 0 (1)
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out.extend([0, 0, 0, 0]); // adler32 (wrong: a tail a reader forgives)
    b.out
}

fn text_font() -> lopdf::Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
}

#[test]
fn a_form_drawing_itself_does_not_overflow_the_stack() {
    // X1's content is `/X1 Do` with /X1 itself in its resources; X2 and X3
    // draw each other; the page draws both.
    let bytes = document_with(1, Stream::new(dictionary! {}, b"/X1 Do /X2 Do".to_vec()), Some(text_font()), |doc| {
        let (x1, x2, x3) = (doc.new_object_id(), doc.new_object_id(), doc.new_object_id());
        for (id, content, name, target) in
            [(x1, &b"/X1 Do"[..], "X1", x1), (x2, b"/X3 Do BT /F1 9 Tf (x) Tj ET", "X3", x3), (x3, b"/X2 Do", "X2", x2)]
        {
            let form = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 9.into(), 9.into()],
                    "Resources" => dictionary! {
                        "XObject" => dictionary! { name => target },
                        "Font" => dictionary! { "F1" => text_font() },
                    },
                },
                content.to_vec(),
            );
            doc.objects.insert(id, Object::Stream(form));
        }
        dictionary! { "X1" => x1, "X2" => x2 }
    });
    // Drawn once each, up to the cycle: the `x` is read (not a report), no crash.
    let e = import(&bytes).unwrap_err();
    assert!(e.message.contains("没有找到年度报告"), "{e}");
}

#[test]
fn two_million_saves_cost_no_memory() {
    let content = b"q ".repeat(2_000_000);
    let bytes = document(1, compressed(&content), None, dictionary! {});
    assert!(bytes.len() < 20_000, "{}", bytes.len());
    let e = import(&bytes).unwrap_err();
    assert!(e.message.contains("没有可读取的文字"), "{e}");
}

#[test]
fn a_stream_inflating_past_the_budget_is_refused() {
    let bomb = zeros_bomb(2 * MAX_INFLATED_BYTES);
    assert!(bomb.len() < 3_000_000);
    let bytes = document(1, Stream::new(dictionary! { "Filter" => "FlateDecode" }, bomb), None, dictionary! {});
    let e = import(&bytes).unwrap_err();
    assert!(e.message.contains("解压"), "{e}");
}

#[test]
fn an_object_stream_bomb_is_refused_before_lopdf_inflates_it() {
    let page = document(1, Stream::new(dictionary! {}, b"".to_vec()), None, dictionary! {});
    // An object stream appended to a valid file, inflating past the budget.
    let mut bytes = page;
    let bomb = zeros_bomb(2 * MAX_INFLATED_BYTES);
    bytes.extend_from_slice(
        format!("\n99 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n", bomb.len())
            .as_bytes(),
    );
    bytes.extend_from_slice(&bomb);
    bytes.extend_from_slice(b"\nendstream\nendobj\n");
    let e = import(&bytes).unwrap_err();
    assert!(e.message.contains("解压"), "{e}");
}

#[test]
fn pages_sharing_a_huge_stream_stop_at_the_operator_budget() {
    let content = b"0 0 m 1 1 l ".repeat(100_000); // 200 000 path operators
    let per_page = 200_000u64;
    let pages = (MAX_OPERATORS / per_page + 2) as usize;
    let bytes = document(pages, compressed(&content), None, dictionary! {});
    assert!(bytes.len() < 60_000, "{}", bytes.len());
    let e = import(&bytes).unwrap_err();
    assert!(e.message.contains("绘制指令"), "{e}");
}

#[test]
fn absurd_font_numbers_do_not_panic() {
    let fonts = [
        dictionary! { "Type" => "Font", "Subtype" => "TrueType", "FirstChar" => 4294967295i64, "LastChar" => 4294967295i64,
        "Widths" => vec![Object::Integer(500)] },
        dictionary! { "Type" => "Font", "Subtype" => "TrueType", "FirstChar" => -5, "Widths" => vec![Object::Real(f32::MAX)],
        "Encoding" => dictionary! { "Differences" => vec![Object::Integer(i64::MAX), "uniFFFFFFFF".into(), Object::Integer(-1), "a".into()] } },
        dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! { "W" => vec![Object::Integer(0), Object::Integer(i64::MAX), Object::Integer(-3)], "DW" => Object::Real(f32::NAN) })] },
        dictionary! { "Type" => "Font", "Subtype" => "Type3", "FontMatrix" => vec![Object::Real(f32::INFINITY)] },
    ];
    for font in fonts {
        let content = b"BT /F1 1e308 Tf 3.4e38 0 0 3.4e38 0 0 Tm (ABC) Tj [(A) -99999999999 (B)] TJ ET";
        let bytes = document(1, Stream::new(dictionary! {}, content.to_vec()), Some(font), dictionary! {});
        let _ = import(&bytes);
    }
}

#[test]
fn garbage_operands_and_unbalanced_states_are_harmless() {
    let content =
        b"Q Q Q ET BT ] ) > } Tj TJ ' \" cm Tm Td re S f BI /W 4 ID \x00\x01 EI Do /Nope Do 1 2 3 4 5 6 7 8 9 cm";
    let bytes = document(1, Stream::new(dictionary! {}, content.to_vec()), Some(text_font()), dictionary! {});
    let _ = import(&bytes);
}

/// Byte mutations of a real PDF whose streams are stored uncompressed (so
/// that the mutations reach the content operators, fonts and CMaps): the
/// interpretation, which has no panic guard in the browser, never panics.
#[test]
fn mutated_pages_never_panic_in_the_interpretation() {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf-zoo/hongsibao-2025.libreoffice-narrow-break.pdf");
    let mut doc = Document::load(path).unwrap();
    doc.decompress();
    let mut plain = Vec::new();
    doc.save_to(&mut plain).unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..12 {
        let mut bytes = plain.clone();
        for _ in 0..200 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = b"0123456789-.[]()<>/ TJTfcmreBTETqQDo"[(next() % 36) as usize];
        }
        // lopdf's own parsing is guarded; what follows must not panic.
        let Ok(Ok(doc)) = std::panic::catch_unwind(|| Document::load_mem(&bytes)) else { continue };
        let mut extractor = super::extract::Extractor::new(&doc);
        let _ = extractor.run();
        let _ = super::page_blocks(&extractor.pages);
    }
}
