//! An SMS's length as networks bill it: text that GSM-7 can spell (its basic set, with the
//! extension characters costing two septets) goes in 160-character segments, 153 each once
//! it is split; anything else, Arabic included, in UCS-2: 70 UTF-16 units, 67 once split.

/// How an SMS is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

/// A text's length and its segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segments {
    pub encoding: Encoding,
    /// Septets for GSM-7, UTF-16 code units for UCS-2.
    pub units: usize,
    pub segments: usize,
}

/// The GSM 03.38 basic character set.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Its extension table: each costs an escape and itself.
const GSM7_EXTENSION: &str = "^{}\\[~]|€\u{000C}";

fn septets(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// How `text` goes as an SMS.
pub fn segments(text: &str) -> Segments {
    let gsm: Option<usize> = text.chars().map(septets).sum();
    let (encoding, units, single, part) = match gsm {
        Some(units) => (Encoding::Gsm7, units, 160, 153),
        None => (Encoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let segments = match units {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    };
    Segments {
        encoding,
        units,
        segments,
    }
}

/// An SMS longer than a school allows, refused before it is queued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the message takes {segments} SMS segments; at most {max} are allowed")]
pub struct TooLong {
    pub segments: usize,
    pub max: usize,
}

impl TooLong {
    pub fn code(&self) -> &'static str {
        "sms-too-long"
    }
}

/// `text`'s segments, or why it may not go: more than `max` of them.
pub fn check_sms(text: &str, max: usize) -> Result<Segments, TooLong> {
    let found = segments(text);
    if found.segments > max {
        return Err(TooLong {
            segments: found.segments,
            max,
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_gsm7_and_arabic_is_ucs2_each_with_its_segment_sizes() {
        let one = "a".repeat(160);
        assert_eq!(
            segments(&one),
            Segments {
                encoding: Encoding::Gsm7,
                units: 160,
                segments: 1
            }
        );
        assert_eq!(segments(&"a".repeat(161)).segments, 2);
        assert_eq!(segments(&"a".repeat(306)).segments, 2);
        assert_eq!(segments(&"a".repeat(307)).segments, 3);
        // An extension character costs two septets.
        let euro = format!("{}€", "a".repeat(159));
        assert_eq!(segments(&euro).units, 161);
        assert_eq!(segments(&euro).segments, 2);
        let arabic = "غ".repeat(70);
        assert_eq!(
            segments(&arabic),
            Segments {
                encoding: Encoding::Ucs2,
                units: 70,
                segments: 1
            }
        );
        assert_eq!(segments(&"غ".repeat(71)).segments, 2);
        assert_eq!(segments(&"غ".repeat(134)).segments, 2);
        assert_eq!(segments(&"غ".repeat(135)).segments, 3);
        // One character outside GSM-7 makes the whole message UCS-2; an emoji is two units.
        assert_eq!(
            segments("Layla was absent today ✓").encoding,
            Encoding::Ucs2
        );
        assert_eq!(segments("😀").units, 2);
        assert_eq!(segments("").segments, 0);
        assert_eq!(check_sms(&"غ".repeat(134), 2).unwrap().segments, 2);
        assert_eq!(
            check_sms(&"غ".repeat(135), 2),
            Err(TooLong {
                segments: 3,
                max: 2
            })
        );
    }
}
