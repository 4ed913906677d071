//! The search key of a name or number: what is stored beside the text as typed and what a
//! query is reduced to, so that محمد finds مُحَمَّد, احمد finds أحمد and ١٢٣ finds 123.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Reduce text to its search key: tashkeel, tatweel and Latin accents removed; hamza
/// carriers, alef forms, alef maqsura and taa marbuta folded; Arabic-Indic digits made
/// Western; Latin lower-cased; runs of spaces and punctuation made one space.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // NFD splits أ into ا + hamza above, é into e + acute, so dropping combining marks
    // does most of the folding; the letters with no decomposition are mapped below.
    for c in text.nfd() {
        if is_combining_mark(c) || is_arabic_mark(c) {
            continue;
        }
        let folded = match c {
            '\u{0640}' => continue, // tatweel
            'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
            'ى' | 'ئ' | 'ی' | 'ې' => 'ي',
            'ؤ' => 'و',
            'ة' | 'ۃ' => 'ه',
            'ک' => 'ك',
            'ء' => continue, // a lone hamza is spelt inconsistently; drop it like the marks
            c if western_digit(c).is_some() => western_digit(c).unwrap_or(c),
            c if c.is_alphanumeric() => c,
            _ => {
                pending_space = !out.is_empty();
                continue;
            }
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(folded.to_lowercase());
    }
    out
}

/// The Western digit of an Arabic-Indic or Extended Arabic-Indic digit.
fn western_digit(c: char) -> Option<char> {
    let value = match c {
        '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
        '\u{06F0}'..='\u{06F9}' => c as u32 - 0x06F0,
        _ => return None,
    };
    char::from_digit(value, 10)
}

/// `text` with Arabic-Indic digits made Western and nothing else changed: for dates and
/// numbers typed on an Arabic keyboard.
pub fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| western_digit(c).unwrap_or(c))
        .collect()
}

/// The digits of a phone number in Western form, without spacing or punctuation, so two
/// ways of writing one number compare equal.
pub fn phone_digits(phone: &str) -> String {
    search_key(phone).replace(' ', "")
}

/// Arabic marks that Unicode does not class as combining in every version, plus the
/// Quranic annotation signs.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn tashkeel_and_tatweel_are_removed() {
        assert_eq!(search_key("مُحَمَّد"), search_key("محمد"));
        assert_eq!(search_key("مـحـمـد"), "محمد");
        assert_eq!(search_key("عَبْدُ ٱللَّٰه"), "عبد الله");
    }

    #[test]
    fn hamza_and_alef_forms_fold() {
        for form in ["أحمد", "إحمد", "آحمد", "ٱحمد", "احمد"] {
            assert_eq!(search_key(form), "احمد", "{form}");
        }
        assert_eq!(search_key("مؤمن"), "مومن");
        assert_eq!(search_key("هانئ"), "هاني");
        assert_eq!(search_key("مصطفى"), "مصطفي");
        assert_eq!(search_key("فاطمة"), "فاطمه");
    }

    #[test]
    fn digits_fold_to_western() {
        assert_eq!(search_key("٢٠٢٥/١٢٣"), "2025 123");
        assert_eq!(search_key("۱۲۳"), "123");
    }

    #[test]
    fn digits_and_phones_compare_however_written() {
        assert_eq!(super::western_digits("١٥/٠٣/٢٠١٥"), "15/03/2015");
        assert_eq!(
            super::phone_digits("+971 50 123-4567"),
            super::phone_digits("٠٠٩٧١٥٠١٢٣٤٥٦٧")[2..]
        );
    }

    #[test]
    fn latin_case_and_accents_fold() {
        assert_eq!(search_key("José ÁLVAREZ"), "jose alvarez");
        assert_eq!(
            search_key("Zoë  Müller-Lüdenscheidt"),
            "zoe muller ludenscheidt"
        );
    }

    #[test]
    fn mixed_scripts_keep_both() {
        assert_eq!(search_key("  Ahmad أحمد  S-1024 "), "ahmad احمد s 1024");
    }

    #[test]
    fn nothing_but_marks_gives_an_empty_key() {
        assert_eq!(search_key("ـَُ - "), "");
    }
}
