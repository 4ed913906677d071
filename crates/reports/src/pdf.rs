//! A page to draw on in points from the top-left corner (A4 portrait or landscape), and the
//! document that embeds the fonts and images its pages use.

use printpdf::{
    Color, DictItem, FontId, Line as PathLine, LinePoint, Mm, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem, TextMatrix,
    WindingOrder, XObjectId, XObjectTransform,
};

use crate::ReportError;
use crate::fonts::{self, Face};
use crate::text::{self, Dir, Line, Style};

pub const A4_WIDTH: f32 = 595.28;
pub const A4_HEIGHT: f32 = 841.89;

/// A colour as 0–255 RGB.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb8(pub u8, pub u8, pub u8);

pub const BLACK: Rgb8 = Rgb8(0x1a, 0x1a, 0x1a);
pub const GREY: Rgb8 = Rgb8(0x6b, 0x6b, 0x6b);
pub const RULE: Rgb8 = Rgb8(0xc8, 0xc8, 0xc8);
pub const SHADE: Rgb8 = Rgb8(0xee, 0xf2, 0xf0);
pub const ACCENT: Rgb8 = Rgb8(0x0b, 0x5d, 0x4b);
pub const WHITE: Rgb8 = Rgb8(0xff, 0xff, 0xff);

fn color(c: Rgb8) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// Where a line of text sits horizontally.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left(f32),
    Right(f32),
    Center(f32),
}

/// One page's drawing operations.
#[derive(Debug)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    ops: Vec<Op>,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            ops: Vec::new(),
        }
    }

    pub fn a4() -> Self {
        Page {
            width: A4_WIDTH,
            height: A4_HEIGHT,
            ops: Vec::new(),
        }
    }

    pub fn a4_landscape() -> Self {
        Page {
            width: A4_HEIGHT,
            height: A4_WIDTH,
            ops: Vec::new(),
        }
    }

    /// Draws a shaped line with its baseline `baseline` points from the top.
    pub fn line(&mut self, line: &Line, align: Align, baseline: f32, ink: Rgb8, fonts: &Fonts) {
        if line.glyphs.is_empty() {
            return;
        }
        let left = match align {
            Align::Left(x) => x,
            Align::Right(x) => x - line.width,
            Align::Center(x) => x - line.width / 2.0,
        };
        let y = self.height - baseline;
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFillColor { col: color(ink) });
        let mut current: Option<Face> = None;
        for glyph in &line.glyphs {
            if let Some(actual) = &glyph.actual {
                // The logical character of a mirrored bracket, so that extracted text reads
                // in order; only the bracket is wrapped (a whole line would be reversed).
                let mut utf16 = vec![0xFE, 0xFF];
                for unit in actual.encode_utf16() {
                    utf16.extend_from_slice(&unit.to_be_bytes());
                }
                let mut map = std::collections::BTreeMap::new();
                map.insert(
                    "ActualText".to_string(),
                    DictItem::String {
                        data: utf16,
                        literal: false,
                    },
                );
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".into(),
                    properties: DictItem::Dict { map },
                });
            }
            if current != Some(glyph.face) {
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(fonts.id(glyph.face)),
                    size: Pt(line.size),
                });
                current = Some(glyph.face);
            }
            self.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(left + glyph.x), Pt(y + glyph.rise)),
            });
            self.ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![printpdf::Codepoint {
                    gid: glyph.gid,
                    offset: 0.0,
                    cid: Some(glyph.text.clone()),
                }])],
            });
            if glyph.actual.is_some() {
                self.ops.push(Op::EndMarkedContent);
            }
        }
        self.ops.push(Op::EndTextSection);
    }

    /// Shapes and draws `text` on one line, shrinking it to `max_width` when given.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        text: &str,
        style: Style,
        dir: Dir,
        align: Align,
        baseline: f32,
        max_width: Option<f32>,
        ink: Rgb8,
        fonts: &Fonts,
    ) {
        let line = match max_width {
            Some(w) => text::fit(text, style, (style.size * 0.6).max(5.5), w, dir),
            None => text::shape_line(text, style, dir),
        };
        self.line(&line, align, baseline, ink, fonts);
    }

    /// Wraps `text` into lines no wider than `max_width`, a size smaller when that takes more
    /// than `max_lines`.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        text: &str,
        style: Style,
        dir: Dir,
        align: Align,
        top: f32,
        max_width: f32,
        max_lines: usize,
        ink: Rgb8,
        fonts: &Fonts,
    ) {
        let mut lines = text::wrap(text, style, max_width, dir);
        if lines.len() > max_lines {
            // Too long for the space: fall back to a smaller size rather than lose words.
            let smaller = Style {
                size: style.size * 0.85,
                ..style
            };
            lines = text::wrap(text, smaller, max_width, dir);
        }
        let mut baseline = top + style.size;
        for line in &lines {
            self.line(line, align, baseline, ink, fonts);
            baseline += line.size * 1.5;
        }
    }

    /// A rectangle from its top-left corner, filled and/or outlined.
    pub fn rect(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        fill: Option<Rgb8>,
        stroke: Option<(Rgb8, f32)>,
    ) {
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
            (None, None) => return,
        };
        self.ops.push(Op::SaveGraphicsState);
        if let Some(f) = fill {
            self.ops.push(Op::SetFillColor { col: color(f) });
        }
        if let Some((s, w)) = stroke {
            self.ops.push(Op::SetOutlineColor { col: color(s) });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(w) });
        }
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - top - height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// A straight rule between two points (from the top-left corner).
    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), ink: Rgb8, width: f32) {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(self.height - y),
            },
            bezier: false,
        };
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetOutlineColor { col: color(ink) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::DrawLine {
            line: PathLine {
                points: vec![point(from), point(to)],
                is_closed: false,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// An image scaled to fit a box from its top-left corner, centred in it.
    pub fn image(&mut self, image: &Image, x: f32, top: f32, width: f32, height: f32) {
        let (w, h) = (image.width as f32, image.height as f32);
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let scale = (width / w).min(height / h);
        let (drawn_w, drawn_h) = (w * scale, h * scale);
        let left = x + (width - drawn_w) / 2.0;
        let bottom = self.height - top - (height + drawn_h) / 2.0;
        // At 72 dpi one pixel is one point, so the scale is the size in points per pixel.
        self.ops.push(Op::UseXobject {
            id: image.id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(left)),
                translate_y: Some(Pt(bottom)),
                scale_x: Some(scale),
                scale_y: Some(scale),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
    }

    fn into_pdf_page(self) -> PdfPage {
        PdfPage::new(
            Mm::from(Pt(self.width)),
            Mm::from(Pt(self.height)),
            self.ops,
        )
    }
}

/// The fonts of one document, by face.
#[derive(Debug)]
pub struct Fonts {
    ids: Vec<FontId>,
}

impl Fonts {
    pub fn id(&self, face: Face) -> FontId {
        self.ids[face.index()].clone()
    }
}

/// An image added to a document.
#[derive(Debug, Clone)]
pub struct Image {
    id: XObjectId,
    width: usize,
    height: usize,
}

/// A finished PDF and its page count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// A PDF being built: fonts embedded once, pages added in order.
pub struct Document {
    pdf: PdfDocument,
    pub fonts: Fonts,
    pages: Vec<PdfPage>,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("pages", &self.pages.len())
            .finish()
    }
}

impl Document {
    pub fn new(title: &str) -> Self {
        let mut pdf = PdfDocument::new(title);
        pdf.metadata.info.creator = "Daftar".into();
        pdf.metadata.info.producer = "Daftar".into();
        let ids = Face::ALL
            .iter()
            .map(|&face| pdf.add_font(fonts::parsed(face)))
            .collect();
        Document {
            pdf,
            fonts: Fonts { ids },
            pages: Vec::new(),
        }
    }

    /// Adds a PNG or JPEG image (a school logo) for pages to draw.
    pub fn add_image(&mut self, bytes: &[u8]) -> Result<Image, ReportError> {
        let mut warnings = Vec::new();
        let raw = RawImage::decode_from_bytes(bytes, &mut warnings)
            .map_err(|e| ReportError::BadImage(e.chars().take(200).collect()))?;
        let (width, height) = (raw.width, raw.height);
        let id = self.pdf.add_image(&raw);
        Ok(Image { id, width, height })
    }

    pub fn push(&mut self, page: Page) {
        self.pages.push(page.into_pdf_page());
    }

    /// The finished PDF with the fonts subset to the glyphs used. Streams are deflated at
    /// a fast level: printpdf's own save uses the best (slowest) one, which took most of the
    /// time of a classroom's cards for a few percent of size.
    pub fn finish(mut self) -> Pdf {
        use std::io::Write as _;
        let pages = self.pages.len();
        let mut warnings = Vec::new();
        self.pdf.with_pages(std::mem::take(&mut self.pages));
        let options = PdfSaveOptions {
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let mut document = self.pdf.to_lopdf_document(&options, &mut warnings);
        for object in document.objects.values_mut() {
            if let lopdf::Object::Stream(stream) = object
                && stream.allows_compression
                && stream.dict.get(b"Filter").is_err()
            {
                let mut encoder =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
                // Writing to memory cannot fail.
                if encoder.write_all(&stream.content).is_ok()
                    && let Ok(deflated) = encoder.finish()
                    && deflated.len() < stream.content.len()
                {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(deflated);
                }
            }
        }
        let mut bytes = Vec::new();
        // Saving to memory cannot fail either.
        let _ = document.save_to(&mut bytes);
        Pdf { bytes, pages }
    }
}
