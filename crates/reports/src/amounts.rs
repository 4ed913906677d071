//! What a tax invoice writes about its money: an amount in words in English and in Arabic
//! (whole units and the minor ones, each with its currency noun in the form its count
//! takes), and the Saudi simplified tax invoice's QR payload (ZATCA phase 1: five TLV
//! fields, base64).

/// A currency's nouns: English singular and plural; Arabic singular, dual, plural (3–10)
/// and accusative singular (11–99), and whether the Arabic noun is feminine (its numbers
/// 3–10 then take the masculine form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    pub en: (&'static str, &'static str),
    pub ar: ArabicNoun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArabicNoun {
    pub singular: &'static str,
    pub dual: &'static str,
    pub plural: &'static str,
    pub accusative: &'static str,
    pub feminine: bool,
}

const fn ar(
    singular: &'static str,
    dual: &'static str,
    plural: &'static str,
    accusative: &'static str,
    feminine: bool,
) -> ArabicNoun {
    ArabicNoun {
        singular,
        dual,
        plural,
        accusative,
        feminine,
    }
}

/// The whole and minor nouns of a currency (ISO 4217); a neutral "unit" for one we do not
/// know.
pub fn nouns(currency: &str) -> (Noun, Noun) {
    let fils = Noun {
        en: ("fils", "fils"),
        ar: ar("فلس", "فلسان", "فلوس", "فلسًا", false),
    };
    let riyal = |en: (&'static str, &'static str)| Noun {
        en,
        ar: ar("ريال", "ريالان", "ريالات", "ريالًا", false),
    };
    let dinar = |en: (&'static str, &'static str)| Noun {
        en,
        ar: ar("دينار", "ديناران", "دنانير", "دينارًا", false),
    };
    match currency.to_ascii_uppercase().as_str() {
        "AED" => (
            Noun {
                en: ("dirham", "dirhams"),
                ar: ar("درهم", "درهمان", "دراهم", "درهمًا", false),
            },
            fils,
        ),
        "SAR" => (
            riyal(("riyal", "riyals")),
            Noun {
                en: ("halala", "halalas"),
                ar: ar("هللة", "هللتان", "هللات", "هللة", true),
            },
        ),
        "QAR" => (
            riyal(("riyal", "riyals")),
            Noun {
                en: ("dirham", "dirhams"),
                ar: ar("درهم", "درهمان", "دراهم", "درهمًا", false),
            },
        ),
        "OMR" => (
            riyal(("rial", "rials")),
            Noun {
                en: ("baisa", "baisa"),
                ar: ar("بيسة", "بيستان", "بيسات", "بيسة", true),
            },
        ),
        "KWD" | "BHD" | "JOD" | "IQD" | "TND" => (dinar(("dinar", "dinars")), fils),
        _ => (
            Noun {
                en: ("unit", "units"),
                ar: ar("وحدة", "وحدتان", "وحدات", "وحدة", true),
            },
            Noun {
                en: ("cent", "cents"),
                ar: ar("جزء", "جزآن", "أجزاء", "جزءًا", false),
            },
        ),
    }
}

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn english_below_thousand(n: u64) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut parts = Vec::new();
    if hundreds > 0 {
        parts.push(format!("{} hundred", EN_ONES[hundreds as usize]));
    }
    if rest > 0 {
        let words = if rest < 20 {
            EN_ONES[rest as usize].to_string()
        } else if rest % 10 == 0 {
            EN_TENS[(rest / 10) as usize].to_string()
        } else {
            format!(
                "{}-{}",
                EN_TENS[(rest / 10) as usize],
                EN_ONES[(rest % 10) as usize]
            )
        };
        parts.push(words);
    }
    parts.join(" and ")
}

/// A whole number in English words: 1,250 is "one thousand two hundred and fifty".
pub fn english_number(n: u64) -> String {
    if n == 0 {
        return "zero".into();
    }
    let scales = [
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    let mut rest = n;
    let mut parts = Vec::new();
    for (scale, name) in scales {
        if rest >= scale {
            parts.push(format!("{} {name}", english_below_thousand(rest / scale)));
            rest %= scale;
        }
    }
    if rest > 0 {
        parts.push(english_below_thousand(rest));
    }
    parts.join(" ")
}

fn english_counted(n: u64, noun: (&str, &str)) -> String {
    format!(
        "{} {}",
        english_number(n),
        if n == 1 { noun.0 } else { noun.1 }
    )
}

/// An amount in minor units in English words, as a tax invoice writes it:
/// "one thousand two hundred and fifty dirhams and fifty fils only".
pub fn english_amount(minor: i64, digits: u8, currency: &str) -> String {
    let (whole_noun, minor_noun) = nouns(currency);
    let scale = 10u64.pow(u32::from(digits));
    let value = minor.unsigned_abs();
    let (whole, part) = (value / scale, value % scale);
    let mut text = english_counted(whole, whole_noun.en);
    if part > 0 {
        text.push_str(" and ");
        text.push_str(&english_counted(part, minor_noun.en));
    }
    if minor < 0 {
        text.insert_str(0, "minus ");
    }
    format!("{text} only")
}

/// 1 to 10 in Arabic, in the form that counts a masculine noun (the feminine-looking one:
/// ثلاثة دراهم) or a feminine noun (ثلاث هللات).
fn arabic_unit(n: u64, for_feminine: bool) -> &'static str {
    const FOR_MASCULINE: [&str; 11] = [
        "",
        "واحد",
        "اثنان",
        "ثلاثة",
        "أربعة",
        "خمسة",
        "ستة",
        "سبعة",
        "ثمانية",
        "تسعة",
        "عشرة",
    ];
    const FOR_FEMININE: [&str; 11] = [
        "",
        "واحدة",
        "اثنتان",
        "ثلاث",
        "أربع",
        "خمس",
        "ست",
        "سبع",
        "ثماني",
        "تسع",
        "عشر",
    ];
    if for_feminine {
        FOR_FEMININE[n as usize]
    } else {
        FOR_MASCULINE[n as usize]
    }
}

fn arabic_below_hundred(n: u64, feminine: bool) -> String {
    const TENS: [&str; 10] = [
        "",
        "",
        "عشرون",
        "ثلاثون",
        "أربعون",
        "خمسون",
        "ستون",
        "سبعون",
        "ثمانون",
        "تسعون",
    ];
    match n {
        0 => String::new(),
        1..=10 => arabic_unit(n, feminine).to_string(),
        11 => if feminine {
            "إحدى عشرة"
        } else {
            "أحد عشر"
        }
        .to_string(),
        12 => if feminine {
            "اثنتا عشرة"
        } else {
            "اثنا عشر"
        }
        .to_string(),
        13..=19 => format!(
            "{} {}",
            arabic_unit(n - 10, feminine),
            if feminine { "عشرة" } else { "عشر" }
        ),
        _ if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        _ => format!(
            "{} و{}",
            arabic_unit(n % 10, feminine),
            TENS[(n / 10) as usize]
        ),
    }
}

fn arabic_below_thousand(n: u64, feminine: bool) -> String {
    const HUNDREDS: [&str; 10] = [
        "",
        "مائة",
        "مائتان",
        "ثلاثمائة",
        "أربعمائة",
        "خمسمائة",
        "ستمائة",
        "سبعمائة",
        "ثمانمائة",
        "تسعمائة",
    ];
    let (hundreds, rest) = (n / 100, n % 100);
    let mut parts = Vec::new();
    if hundreds > 0 {
        parts.push(HUNDREDS[hundreds as usize].to_string());
    }
    if rest > 0 {
        parts.push(arabic_below_hundred(rest, feminine));
    }
    parts.join(" و")
}

/// A group of thousands or millions counted in Arabic: ألف، ألفان، ثلاثة آلاف، أحد عشر
/// ألفًا، مائة ألف.
fn arabic_scale(count: u64, scale: &ArabicNoun) -> String {
    match count {
        1 => scale.singular.to_string(),
        2 => scale.dual.to_string(),
        _ => {
            let rest = count % 100;
            let noun = match rest {
                3..=10 => scale.plural,
                11..=99 => scale.accusative,
                _ => scale.singular,
            };
            format!("{} {noun}", arabic_below_thousand(count, scale.feminine))
        }
    }
}

/// A whole number in Arabic words, counting a masculine or feminine noun:
/// 1,250 is "ألف ومائتان وخمسون".
pub fn arabic_number(n: u64, feminine: bool) -> String {
    if n == 0 {
        return "صفر".into();
    }
    let scales = [
        (
            1_000_000_000,
            ar("مليار", "ملياران", "مليارات", "مليارًا", false),
        ),
        (1_000_000, ar("مليون", "مليونان", "ملايين", "مليونًا", false)),
        (1_000, ar("ألف", "ألفان", "آلاف", "ألفًا", false)),
    ];
    let mut rest = n;
    let mut parts = Vec::new();
    for (scale, noun) in scales {
        if rest >= scale {
            parts.push(arabic_scale(rest / scale, &noun));
            rest %= scale;
        }
    }
    if rest > 0 {
        parts.push(arabic_below_thousand(rest, feminine));
    }
    parts.join(" و")
}

/// A count with its noun in the form the count takes: درهم واحد، درهمان، ثلاثة دراهم،
/// أحد عشر درهمًا، مائة درهم.
fn arabic_counted(n: u64, noun: &ArabicNoun) -> String {
    match n {
        0 => format!("صفر {}", noun.singular),
        1 => format!("{} {}", noun.singular, arabic_unit(1, noun.feminine)),
        2 => noun.dual.to_string(),
        _ => {
            let form = match n % 100 {
                3..=10 => noun.plural,
                11..=99 => noun.accusative,
                _ => noun.singular,
            };
            format!("{} {form}", arabic_number(n, noun.feminine))
        }
    }
}

/// An amount in minor units in Arabic words, as a tax invoice writes it:
/// "فقط ألف ومائتان وخمسون درهمًا وخمسون فلسًا لا غير".
pub fn arabic_amount(minor: i64, digits: u8, currency: &str) -> String {
    let (whole_noun, minor_noun) = nouns(currency);
    let scale = 10u64.pow(u32::from(digits));
    let value = minor.unsigned_abs();
    let (whole, part) = (value / scale, value % scale);
    let mut text = arabic_counted(whole, &whole_noun.ar);
    if part > 0 {
        text.push_str(" و");
        text.push_str(&arabic_counted(part, &minor_noun.ar));
    }
    if minor < 0 {
        text.insert_str(0, "سالب ");
    }
    format!("فقط {text} لا غير")
}

/// The QR payload of a Saudi simplified tax invoice (ZATCA phase 1): seller's name, VAT
/// registration number, the invoice's time stamp (ISO 8601), the total with VAT and the VAT,
/// each a TLV field (tag 1–5, length in bytes, UTF-8 value), base64-encoded.
pub fn zatca_qr_payload(
    seller: &str,
    vat_number: &str,
    timestamp: &str,
    total_with_vat: &str,
    vat_total: &str,
) -> String {
    let mut bytes = Vec::new();
    for (tag, value) in [seller, vat_number, timestamp, total_with_vat, vat_total]
        .into_iter()
        .enumerate()
    {
        // A field is at most 255 bytes: longer values are cut at a character boundary.
        let mut end = value.len().min(255);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        bytes.push(tag as u8 + 1);
        bytes.push(end as u8);
        bytes.extend_from_slice(&value.as_bytes()[..end]);
    }
    base64(&bytes)
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_amounts_read_as_an_invoice_writes_them() {
        assert_eq!(english_number(0), "zero");
        assert_eq!(english_number(15), "fifteen");
        assert_eq!(english_number(42), "forty-two");
        assert_eq!(english_number(100), "one hundred");
        assert_eq!(english_number(1_250), "one thousand two hundred and fifty");
        assert_eq!(english_number(2_001_007), "two million one thousand seven");
        assert_eq!(
            english_amount(125_050, 2, "AED"),
            "one thousand two hundred and fifty dirhams and fifty fils only"
        );
        assert_eq!(english_amount(100, 2, "SAR"), "one riyal only");
        assert_eq!(
            english_amount(1_001, 3, "KWD"),
            "one dinar and one fils only"
        );
    }

    #[test]
    fn arabic_amounts_take_the_form_their_count_needs() {
        assert_eq!(arabic_number(1_250, false), "ألف ومائتان وخمسون");
        assert_eq!(arabic_number(21, false), "واحد وعشرون");
        assert_eq!(arabic_number(2_000, false), "ألفان");
        assert_eq!(arabic_number(3_000, false), "ثلاثة آلاف");
        assert_eq!(arabic_number(11_000, false), "أحد عشر ألفًا");
        assert_eq!(arabic_number(100_000, false), "مائة ألف");
        assert_eq!(arabic_number(2_500_000, false), "مليونان وخمسمائة ألف");
        assert_eq!(arabic_number(13, true), "ثلاث عشرة");
        assert_eq!(
            arabic_amount(125_050, 2, "AED"),
            "فقط ألف ومائتان وخمسون درهمًا وخمسون فلسًا لا غير"
        );
        assert_eq!(arabic_amount(100, 2, "AED"), "فقط درهم واحد لا غير");
        assert_eq!(arabic_amount(200, 2, "AED"), "فقط درهمان لا غير");
        assert_eq!(arabic_amount(500, 2, "AED"), "فقط خمسة دراهم لا غير");
        assert_eq!(arabic_amount(10_000, 2, "AED"), "فقط مائة درهم لا غير");
        // Halalas are feminine: three of them take the masculine-looking number.
        assert_eq!(
            arabic_amount(1_003, 2, "SAR"),
            "فقط عشرة ريالات وثلاث هللات لا غير"
        );
    }

    #[test]
    fn the_saudi_qr_payload_is_five_tlv_fields_in_base64() {
        // ZATCA's own example: seller "Bobs Records", VAT 310122393500003.
        let payload = zatca_qr_payload(
            "Bobs Records",
            "310122393500003",
            "2022-04-25T15:30:00Z",
            "1000.00",
            "150.00",
        );
        assert_eq!(
            payload,
            "AQxCb2JzIFJlY29yZHMCDzMxMDEyMjM5MzUwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDowMFoEBzEwMDAuMDAFBjE1MC4wMA=="
        );
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        // Arabic names count their bytes, not their characters.
        let arabic = zatca_qr_payload("مدرسة", "1", "t", "1", "0");
        assert!(arabic.starts_with("AQrZhdiv2LHYs9ip"), "{arabic}");
    }
}
