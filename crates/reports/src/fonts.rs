//! The bundled OFL fonts (Noto Naskh Arabic for Arabic, Noto Sans for Latin and digits),
//! loaded once per process for shaping and for embedding.

use std::sync::OnceLock;

use harfrust::{Direction, Script, ShapePlan, ShaperFont};

/// A face of the bundled fonts: script family and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    ArabicRegular,
    ArabicBold,
    LatinRegular,
    LatinBold,
}

impl Face {
    pub const ALL: [Face; 4] = [
        Face::ArabicRegular,
        Face::ArabicBold,
        Face::LatinRegular,
        Face::LatinBold,
    ];

    pub fn new(arabic: bool, bold: bool) -> Self {
        match (arabic, bold) {
            (true, false) => Face::ArabicRegular,
            (true, true) => Face::ArabicBold,
            (false, false) => Face::LatinRegular,
            (false, true) => Face::LatinBold,
        }
    }

    pub fn is_arabic(self) -> bool {
        matches!(self, Face::ArabicRegular | Face::ArabicBold)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::ArabicRegular => include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf"),
            Face::ArabicBold => include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf"),
            Face::LatinRegular => include_bytes!("../fonts/NotoSans-Regular.ttf"),
            Face::LatinBold => include_bytes!("../fonts/NotoSans-Bold.ttf"),
        }
    }
}

/// One face ready for shaping: the font, its units per em and a shaping plan per direction
/// (building a plan is the costly part of shaping, so it is done once).
pub struct LoadedFace {
    pub face: Face,
    pub font: &'static harfrust::Font,
    pub units_per_em: f32,
    pub ltr: ShapePlan,
    pub rtl: ShapePlan,
}

impl std::fmt::Debug for LoadedFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedFace")
            .field("face", &self.face)
            .finish()
    }
}

impl LoadedFace {
    pub fn plan(&self, direction: Direction) -> &ShapePlan {
        if direction == Direction::RightToLeft {
            &self.rtl
        } else {
            &self.ltr
        }
    }

    pub fn shaper(&self) -> ShaperFont<'static, 'static> {
        ShaperFont::new(self.font)
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.font.charmap().map_unicode(c).is_some()
    }
}

static FACES: OnceLock<Vec<LoadedFace>> = OnceLock::new();
static FONTS: OnceLock<Vec<harfrust::Font>> = OnceLock::new();
static PARSED: OnceLock<Vec<printpdf::ParsedFont>> = OnceLock::new();

fn fonts() -> &'static [harfrust::Font] {
    FONTS.get_or_init(|| {
        Face::ALL
            .iter()
            // The files are compiled in and known good; a failure here is a broken build.
            .map(|face| harfrust::Font::new(face.bytes(), 0).expect("bundled font parses"))
            .collect()
    })
}

/// The faces, loaded on first use.
pub fn faces() -> &'static [LoadedFace] {
    FACES.get_or_init(|| {
        Face::ALL
            .iter()
            .map(|&face| {
                let font = &fonts()[face.index()];
                let script = Some(if face.is_arabic() {
                    Script::ARABIC
                } else {
                    Script::LATIN
                });
                let plan = |direction| ShapePlan::new(font, direction, script, None, &[]);
                LoadedFace {
                    face,
                    font,
                    units_per_em: f32::from(font.units_per_em()),
                    ltr: plan(Direction::LeftToRight),
                    rtl: plan(Direction::RightToLeft),
                }
            })
            .collect()
    })
}

pub fn face(face: Face) -> &'static LoadedFace {
    &faces()[face.index()]
}

/// The faces parsed for embedding in a PDF (printpdf subsets them at save time).
pub fn parsed(face: Face) -> &'static printpdf::ParsedFont {
    &PARSED.get_or_init(|| {
        Face::ALL
            .iter()
            .map(|face| {
                let mut warnings = Vec::new();
                printpdf::ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
                    .expect("bundled font parses for embedding")
            })
            .collect()
    })[face.index()]
}
