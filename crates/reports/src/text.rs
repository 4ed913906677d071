//! Text set for print: bidi ordering (unicode-bidi), a font per script, shaping (harfrust),
//! widths, fitting and line wrapping. A shaped line is its glyphs in visual order, each with
//! the logical text it stands for, so the PDF's text extracts in reading order.

use harfrust::{Buffer, ClusterLevel, Direction, ShapeOptions};
use unicode_bidi::{BidiInfo, Level};

use crate::fonts::{self, Face};

/// The paragraph direction text is laid out in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    pub fn of_language(lang: &str) -> Self {
        if lang == "ar" { Dir::Rtl } else { Dir::Ltr }
    }
}

/// Size and weight of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
}

impl Style {
    pub const fn regular(size: f32) -> Self {
        Style { size, bold: false }
    }

    pub const fn bold(size: f32) -> Self {
        Style { size, bold: true }
    }
}

/// A glyph placed on a line: `x` from the line's left edge and `rise` above the baseline,
/// in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: Face,
    pub gid: u16,
    pub x: f32,
    pub rise: f32,
    /// The text this glyph shows, for the ToUnicode map: the same for a glyph id across a
    /// document (a mirrored bracket gives the bracket it looks like).
    pub text: String,
    /// The logical text when it differs from what the glyph looks like (a bracket mirrored
    /// in right-to-left text), written as ActualText around the glyph.
    pub actual: Option<String>,
}

/// One shaped line, glyphs in visual (left-to-right) order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    pub width: f32,
    pub size: f32,
}

fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Bidi controls steer ordering and are not drawn.
fn is_bidi_control(c: char) -> bool {
    matches!(c as u32, 0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069)
}

fn mirrored(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => return None,
    })
}

/// The face a character is drawn with: Arabic letters from the Arabic font; spaces and
/// punctuation inside Arabic stay with it; everything else from the Latin font, falling back
/// to whichever font has the glyph.
fn face_for(c: char, previous: Option<Face>, bold: bool) -> Face {
    let arabic = Face::new(true, bold);
    let latin = Face::new(false, bold);
    if is_arabic(c) {
        return arabic;
    }
    let neutral = c.is_whitespace() || (c.is_ascii_punctuation() && mirrored(c).is_none());
    if neutral && previous == Some(arabic) && fonts::face(arabic).has_glyph(c) {
        return arabic;
    }
    if fonts::face(latin).has_glyph(c) {
        latin
    } else if fonts::face(arabic).has_glyph(c) {
        arabic
    } else {
        latin
    }
}

/// Shapes one run of one face and direction, appending its glyphs at `pen`.
fn shape_segment(
    text: &str,
    face: Face,
    direction: Direction,
    style: Style,
    pen: &mut f32,
    out: &mut Vec<Glyph>,
) {
    let loaded = fonts::face(face);
    let scale = style.size / loaded.units_per_em;
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.set_direction(direction);
    buffer.set_script(loaded.plan(direction).script());
    buffer.set_cluster_level(ClusterLevel::MonotoneCharacters);
    let shaper = loaded.shaper();
    if harfrust::shape(
        &shaper,
        &mut buffer,
        ShapeOptions::new().plan(Some(loaded.plan(direction))),
    )
    .is_err()
    {
        return;
    }
    let infos = buffer.glyph_infos();
    let positions = buffer.glyph_positions();
    // A cluster's text runs from its start to the next cluster start in logical order.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| -> &str {
        let next = starts
            .iter()
            .find(|&&s| s > start)
            .copied()
            .unwrap_or(text.len());
        text.get(start..next).unwrap_or("")
    };
    let mut seen = std::collections::HashSet::new();
    let first = out.len();
    let mut marks = Vec::with_capacity(infos.len());
    for (info, pos) in infos.iter().zip(positions) {
        marks.push(pos.x_advance == 0 && pos.y_offset != 0);
        let start = info.cluster as usize;
        let first = seen.insert(start);
        let logical = if first { cluster_text(start) } else { "" };
        let mut chars = logical.chars();
        let (shown, actual) = match (chars.next(), chars.next()) {
            (Some(c), None) if direction == Direction::RightToLeft => match mirrored(c) {
                Some(m) => (m.to_string(), Some(c.to_string())),
                None => (logical.to_string(), None),
            },
            _ => (logical.to_string(), None),
        };
        out.push(Glyph {
            face,
            gid: u16::try_from(info.glyph_id).unwrap_or(0),
            x: *pen + pos.x_offset as f32 * scale,
            rise: pos.y_offset as f32 * scale,
            text: shown,
            actual,
        });
        *pen += pos.x_advance as f32 * scale;
    }
    marks_after_bases(
        &mut out[first..],
        &marks,
        direction == Direction::RightToLeft,
    );
}

/// Puts each base glyph before its raised marks in right-to-left text, where shaping gives
/// the marks first. Glyphs are placed absolutely, so this only changes the drawing order,
/// and drawn after its base an extractor folds a mark into the base's character (drawn
/// first, a raised mark would start a line of its own).
fn marks_after_bases(glyphs: &mut [Glyph], marks: &[bool], rtl: bool) {
    if !rtl {
        return;
    }
    let mut i = 0;
    while i < glyphs.len() {
        if !marks[i] {
            i += 1;
            continue;
        }
        let mut base = i;
        while base < glyphs.len() && marks[base] {
            base += 1;
        }
        if base < glyphs.len() {
            glyphs[i..=base].rotate_right(1);
        }
        i = base + 1;
    }
}

/// Lines shaped lately, by text, size, weight and direction: labels, subject names and
/// grades repeat on every card of a batch, and shaping them again was most of a card's time.
type ShapeKey = (String, u32, bool, Dir);

thread_local! {
    static SHAPED: std::cell::RefCell<std::collections::HashMap<ShapeKey, Line>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Shapes `text` as one line in a paragraph of direction `base`.
pub fn shape_line(text: &str, style: Style, base: Dir) -> Line {
    let key = (text.to_string(), style.size.to_bits(), style.bold, base);
    if let Some(line) = SHAPED.with(|cache| cache.borrow().get(&key).cloned()) {
        return line;
    }
    let line = shape_uncached(text, style, base);
    SHAPED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= 20_000 {
            cache.clear();
        }
        cache.insert(key, line.clone());
    });
    line
}

fn shape_uncached(text: &str, style: Style, base: Dir) -> Line {
    let mut line = Line {
        glyphs: Vec::new(),
        width: 0.0,
        size: style.size,
    };
    if text.is_empty() {
        return line;
    }
    let level = match base {
        Dir::Rtl => Level::rtl(),
        Dir::Ltr => Level::ltr(),
    };
    let info = BidiInfo::new(text, Some(level));
    let mut pen = 0.0;
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let direction = if rtl {
                Direction::RightToLeft
            } else {
                Direction::LeftToRight
            };
            // Split the run where the face changes, in logical order; a dropped control
            // (an isolate's edge) also starts a new segment, so letters never join across it.
            let mut segments: Vec<(Face, String)> = Vec::new();
            let mut previous = None;
            for c in text[run.clone()].chars() {
                if is_bidi_control(c) || c == '\n' || c == '\r' {
                    previous = None;
                    continue;
                }
                let face = face_for(c, previous, style.bold);
                match segments.last_mut() {
                    Some((f, s)) if *f == face && previous.is_some() => s.push(c),
                    _ => segments.push((face, c.to_string())),
                }
                previous = Some(face);
            }
            if rtl {
                segments.reverse();
            }
            for (face, segment) in segments {
                shape_segment(&segment, face, direction, style, &mut pen, &mut line.glyphs);
            }
        }
    }
    line.width = pen;
    line
}

/// Width of `text` in points.
pub fn width(text: &str, style: Style, base: Dir) -> f32 {
    shape_line(text, style, base).width
}

/// `text` on one line no wider than `max_width`: the size shrinks down to `min_size`, then
/// the text is cut with an ellipsis.
pub fn fit(text: &str, style: Style, min_size: f32, max_width: f32, base: Dir) -> Line {
    let mut size = style.size;
    loop {
        let line = shape_line(text, Style { size, ..style }, base);
        if line.width <= max_width {
            return line;
        }
        if size <= min_size {
            break;
        }
        // Width is close to proportional to size; the small step covers rounding in shaping.
        size = (size * max_width / line.width)
            .min(size - 0.05)
            .max(min_size);
    }
    let style = Style {
        size: min_size,
        ..style
    };
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let cut: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        let line = shape_line(&cut, style, base);
        if line.width <= max_width {
            return line;
        }
    }
    shape_line("", style, base)
}

/// `text` broken into lines no wider than `max_width`, at spaces (a word longer than a line
/// is broken between characters). Newlines start new lines.
pub fn wrap(text: &str, style: Style, max_width: f32, base: Dir) -> Vec<Line> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut current = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if width(&candidate, style, base) <= max_width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(shape_line(&current, style, base));
            }
            current = String::new();
            for c in word.chars() {
                let longer = format!("{current}{c}");
                if !current.is_empty() && width(&longer, style, base) > max_width {
                    lines.push(shape_line(&current, style, base));
                    current = c.to_string();
                } else {
                    current = longer;
                }
            }
        }
        lines.push(shape_line(&current, style, base));
    }
    lines
}

/// Wraps `text` in first-strong isolation marks, so a name or number keeps its own direction
/// inside a sentence of the other script.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logical(line: &Line) -> String {
        line.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn arabic_is_joined_and_right_to_left() {
        let line = shape_line("محمد", Style::regular(12.0), Dir::Rtl);
        assert!(line.width > 10.0);
        assert!(line.glyphs.iter().all(|g| g.face == Face::ArabicRegular));
        // Visual order is the reverse of logical order for Arabic letters.
        assert_eq!(logical(&line), "دمحم");
        // Joined forms are different glyphs from the isolated letters.
        let isolated = shape_line("م", Style::regular(12.0), Dir::Rtl);
        assert_ne!(isolated.glyphs[0].gid, line.glyphs.last().unwrap().gid);
    }

    #[test]
    fn numbers_keep_their_order_inside_arabic() {
        let line = shape_line("العلامة 18/20", Style::regular(10.0), Dir::Rtl);
        let text = logical(&line);
        // The number stays "18/20" left to right, placed to the left of the Arabic word.
        assert!(text.starts_with("18/20"), "{text}");
        let year = shape_line("السنة 2025/2026", Style::regular(10.0), Dir::Rtl);
        assert!(logical(&year).starts_with("2025/2026"));
    }

    #[test]
    fn brackets_mirror_in_right_to_left_text() {
        let line = shape_line("5 (أ)", Style::regular(10.0), Dir::Rtl);
        // Visually: "(" shape, أ, ")" shape, space, 5; the logical brackets are kept aside.
        let shown: Vec<&str> = line.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(shown, ["(", "أ", ")", " ", "5"]);
        let actual: Vec<Option<&str>> = line.glyphs.iter().map(|g| g.actual.as_deref()).collect();
        assert_eq!(actual, [Some(")"), None, Some("("), None, None]);
        // The glyph drawn for a logical "(" in Arabic is the one drawn for ")" in English.
        let english = shape_line(")", Style::regular(10.0), Dir::Ltr);
        assert_eq!(line.glyphs[2].gid, english.glyphs[0].gid);
    }

    #[test]
    fn english_in_an_arabic_line_and_arabic_in_an_english_line() {
        let mixed = shape_line("Grade 5 الصف", Style::regular(10.0), Dir::Ltr);
        assert!(logical(&mixed).starts_with("Grade 5 "));
        assert!(mixed.glyphs.iter().any(|g| g.face == Face::ArabicRegular));
        assert!(mixed.glyphs.iter().any(|g| g.face == Face::LatinRegular));
        let percent = shape_line("95%", Style::regular(10.0), Dir::Rtl);
        // A percent sign joins the number it follows (rule W5), so it reads "95%" as typed.
        assert_eq!(logical(&percent), "95%");
    }

    #[test]
    fn isolation_marks_are_not_drawn() {
        let line = shape_line(&isolate("Sara"), Style::regular(10.0), Dir::Rtl);
        assert_eq!(logical(&line), "Sara");
    }

    #[test]
    fn wrapping_and_fitting_respect_the_width() {
        let remark = "طالب مجتهد ومتعاون، يشارك في الصف بانتظام ويحتاج إلى مزيد من التدريب على مسائل الكسور والهندسة.";
        let lines = wrap(remark, Style::regular(10.0), 150.0, Dir::Rtl);
        assert!(lines.len() >= 3, "{}", lines.len());
        assert!(lines.iter().all(|l| l.width <= 150.0));
        let all: String = lines
            .iter()
            .map(|l| logical(l).chars().rev().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            all.split_whitespace().count(),
            remark.split_whitespace().count()
        );
        let long = "Maximilian Alexander Wolfgang Johannes Christopher Featherstonehaugh";
        let fitted = fit(long, Style::regular(12.0), 7.0, 120.0, Dir::Ltr);
        assert!(fitted.width <= 120.0);
        assert!(fitted.size < 12.0);
    }
}
