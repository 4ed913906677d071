//! Layout shared by the documents: a frame that mirrors left and right for an Arabic-first
//! school, the bilingual header, and text direction by content.

use crate::ReportError;
use crate::model::{Bilingual, Lang, SchoolHeader};
use crate::pdf::{ACCENT, Align, BLACK, Document, Fonts, GREY, Image, Page};
use crate::text::{Dir, Style};

/// Positions given from the start side (the primary language's): mirrored when that is
/// Arabic, so the same layout code serves both orders.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: f32,
    pub primary: Lang,
}

impl Frame {
    pub fn new(width: f32, primary: Lang) -> Self {
        Frame { width, primary }
    }

    fn mirrored(&self) -> bool {
        self.primary == Lang::Ar
    }

    /// The left edge on the page of a box `w` wide starting `x` from the start side.
    pub fn left(&self, x: f32, w: f32) -> f32 {
        if self.mirrored() {
            self.width - x - w
        } else {
            x
        }
    }

    /// Text whose start-side edge is at `x`.
    pub fn at_start(&self, x: f32) -> Align {
        if self.mirrored() {
            Align::Right(self.width - x)
        } else {
            Align::Left(x)
        }
    }

    /// Text whose end-side edge is at `x` (from the start side).
    pub fn at_end(&self, x: f32) -> Align {
        if self.mirrored() {
            Align::Left(self.width - x)
        } else {
            Align::Right(x)
        }
    }

    pub fn centered(&self, x: f32) -> Align {
        if self.mirrored() {
            Align::Center(self.width - x)
        } else {
            Align::Center(x)
        }
    }

    /// Text in `lang` aligned to its own reading start inside a cell from `x`, `w` wide.
    pub fn in_cell(&self, lang: Lang, x: f32, w: f32, pad: f32) -> Align {
        let left = self.left(x, w);
        match lang {
            Lang::Ar => Align::Right(left + w - pad),
            Lang::En => Align::Left(left + pad),
        }
    }
}

pub fn dir(lang: Lang) -> Dir {
    Dir::of_language(lang.code())
}

/// The language of free text (a remark), for its direction and alignment: Arabic when its
/// first strong character is right-to-left.
pub fn lang_of_text(text: &str) -> Lang {
    match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Rtl => Lang::Ar,
        _ => Lang::En,
    }
}

/// Draws the bilingual header (school names on each side, logo between, title below) and
/// returns where content may start.
#[allow(clippy::too_many_arguments)]
pub fn header(
    page: &mut Page,
    frame: &Frame,
    school: &SchoolHeader,
    logo: Option<&Image>,
    title: &Bilingual,
    margin: f32,
    fonts: &Fonts,
) -> f32 {
    let (p, s) = (school.primary, school.primary.other());
    let half = (frame.width - 2.0 * margin - 90.0) / 2.0;
    if let Some(logo) = logo {
        page.image(logo, frame.width / 2.0 - 30.0, margin - 6.0, 60.0, 60.0);
    }
    page.text(
        school.name.get(p),
        Style::bold(15.0),
        dir(p),
        frame.at_start(margin),
        margin + 16.0,
        Some(half),
        BLACK,
        fonts,
    );
    page.text(
        school.name.get(s),
        Style::bold(12.5),
        dir(s),
        frame.at_end(frame.width - margin),
        margin + 16.0,
        Some(half),
        BLACK,
        fonts,
    );
    page.text(
        title.get(p),
        Style::bold(12.0),
        dir(p),
        frame.at_start(margin),
        margin + 40.0,
        Some(half),
        ACCENT,
        fonts,
    );
    page.text(
        title.get(s),
        Style::regular(11.0),
        dir(s),
        frame.at_end(frame.width - margin),
        margin + 40.0,
        Some(half),
        ACCENT,
        fonts,
    );
    let rule = margin + 62.0;
    page.rule((margin, rule), (frame.width - margin, rule), ACCENT, 1.2);
    rule + 10.0
}

/// A label above a value, both in one language, aligned to that language's start in a cell.
#[allow(clippy::too_many_arguments)]
pub fn labelled(
    page: &mut Page,
    frame: &Frame,
    lang: Lang,
    label: &str,
    value: &str,
    x: f32,
    w: f32,
    top: f32,
    fonts: &Fonts,
) {
    let align = frame.in_cell(lang, x, w, 0.0);
    page.text(
        label,
        Style::regular(7.5),
        dir(lang),
        align,
        top + 8.0,
        Some(w),
        GREY,
        fonts,
    );
    page.text(
        value,
        Style::bold(10.5),
        dir(lang),
        align,
        top + 21.0,
        Some(w),
        BLACK,
        fonts,
    );
}

/// Loads the school's logo into the document, when it has one.
pub fn logo(document: &mut Document, school: &SchoolHeader) -> Result<Option<Image>, ReportError> {
    school
        .logo
        .as_deref()
        .map(|bytes| document.add_image(bytes))
        .transpose()
}
