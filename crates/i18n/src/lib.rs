//! Daftar's messages in Arabic and English: Fluent bundles built from locales/ at compile
//! time, a translator for coded errors, and digit shaping.

use std::collections::BTreeSet;

use daftar_domain::Coded;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/locale_files.rs"));

/// The languages Daftar speaks.
pub const LANGUAGES: &[&str] = &["en", "ar"];

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("unsupported language {0:?}; Daftar speaks {LANGUAGES:?}")]
    UnsupportedLanguage(String),
    #[error("locales/{lang}/{file} does not parse: {detail}")]
    BadMessages {
        lang: String,
        file: String,
        detail: String,
    },
}

/// Messages of one language, with English behind it for any id the language lacks.
pub struct Localizer {
    lang: &'static str,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish()
    }
}

/// `PLURAL($n)` gives the CLDR plural category of `$n` (zero, one, two, few, many, other)
/// from ICU4X. Fluent's own rules put Arabic 103 and 111 in "other" (they are "few" and
/// "many"), so Arabic messages select on `PLURAL($n)` rather than on `$n`.
fn add_plural_function(
    bundle: &mut FluentBundle<FluentResource>,
    lang: &str,
) -> Result<(), I18nError> {
    use icu_plurals::{PluralCategory, PluralRules};
    let locale: icu_locale_core::Locale = lang
        .parse()
        .map_err(|_| I18nError::UnsupportedLanguage(lang.into()))?;
    // Checked once here; built per call below because the rules are not Send (the
    // bundle is shared across threads) and building them from compiled data is cheap.
    PluralRules::try_new((&locale).into(), Default::default())
        .map_err(|_| I18nError::UnsupportedLanguage(lang.into()))?;
    bundle
        .add_function("PLURAL", move |positional, _named| {
            let count = match positional.first() {
                Some(FluentValue::Number(n)) => n.value,
                Some(FluentValue::String(s)) => match s.parse::<f64>() {
                    Ok(n) => n,
                    Err(_) => return FluentValue::Error,
                },
                _ => return FluentValue::Error,
            };
            // Counts are whole numbers here; fractions fall back to "other".
            let rules = PluralRules::try_new((&locale).into(), Default::default());
            let category = match rules {
                Ok(rules) if count.fract() == 0.0 && count >= 0.0 && count < u64::MAX as f64 => {
                    rules.category_for(count as u64)
                }
                _ => PluralCategory::Other,
            };
            FluentValue::from(match category {
                PluralCategory::Zero => "zero",
                PluralCategory::One => "one",
                PluralCategory::Two => "two",
                PluralCategory::Few => "few",
                PluralCategory::Many => "many",
                PluralCategory::Other => "other",
            })
        })
        .map_err(|e| I18nError::BadMessages {
            lang: lang.into(),
            file: "PLURAL".into(),
            detail: e.to_string(),
        })
}

fn bundle(lang: &str, isolate: bool) -> Result<FluentBundle<FluentResource>, I18nError> {
    let id: LanguageIdentifier = lang
        .parse()
        .map_err(|_| I18nError::UnsupportedLanguage(lang.into()))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(isolate);
    add_plural_function(&mut bundle, lang)?;
    for (file_lang, file, text) in LOCALE_FILES.iter().filter(|(l, _, _)| *l == lang) {
        let resource = FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
            I18nError::BadMessages {
                lang: file_lang.to_string(),
                file: file.to_string(),
                detail: format!("{errors:?}"),
            }
        })?;
        bundle
            .add_resource(resource)
            .map_err(|errors| I18nError::BadMessages {
                lang: file_lang.to_string(),
                file: file.to_string(),
                detail: format!("{errors:?}"),
            })?;
    }
    Ok(bundle)
}

impl Localizer {
    /// Messages in `lang` ("ar" or "en"). `isolate` wraps values in bidi isolation marks,
    /// which a UI wants around names and a terminal or PDF shaper does not.
    pub fn new(lang: &str, isolate: bool) -> Result<Self, I18nError> {
        let lang = *LANGUAGES
            .iter()
            .find(|l| **l == lang)
            .ok_or_else(|| I18nError::UnsupportedLanguage(lang.into()))?;
        let fallback = if lang == "en" {
            None
        } else {
            Some(bundle("en", isolate)?)
        };
        Ok(Self {
            lang,
            bundle: bundle(lang, isolate)?,
            fallback,
        })
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    pub fn is_rtl(&self) -> bool {
        self.lang == "ar"
    }

    /// The message `id` with its arguments; the id itself when no locale has it, so a
    /// missing message shows up instead of an empty label.
    pub fn message(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            // Whole numbers go in as numbers so that plural selection applies; text that only
            // looks numeric (an admission number "000123") stays text.
            match value.parse::<i64>() {
                Ok(n) if n.to_string() == *value => fluent_args.set(*name, FluentValue::from(n)),
                _ => fluent_args.set(*name, FluentValue::from(value.as_str())),
            }
        }
        for bundle in std::iter::once(&self.bundle).chain(self.fallback.as_ref()) {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                return text.into_owned();
            }
        }
        id.to_string()
    }

    /// The translated message of a coded error: the Fluent id `error-<code>`.
    pub fn error(&self, error: &dyn Coded) -> String {
        self.message(&format!("error-{}", error.code()), &error.args())
    }

    /// Western digits made Arabic-Indic, for a school that prefers them.
    pub fn arabic_indic_digits(text: &str) -> String {
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                _ => c,
            })
            .collect()
    }
}

/// The language a new install starts in: Arabic when the system's is Arabic, else English.
pub fn system_language() -> &'static str {
    let from_env = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    match from_env {
        Some(l) if l.starts_with("ar") => "ar",
        _ => "en",
    }
}

/// Every message id of a language, for checking that locales agree.
pub fn message_ids(lang: &str) -> BTreeSet<String> {
    LOCALE_FILES
        .iter()
        .filter(|(l, _, _)| *l == lang)
        .flat_map(|(_, _, text)| {
            text.lines()
                .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
                .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use daftar_domain::DomainError;

    #[test]
    fn every_language_has_every_message_id() {
        let en = message_ids("en");
        assert!(en.len() > 20, "{en:?}");
        for lang in LANGUAGES {
            let ids = message_ids(lang);
            let missing: Vec<_> = en.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&en).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn every_locale_file_parses() {
        for lang in LANGUAGES {
            Localizer::new(lang, false).unwrap();
        }
        assert!(matches!(
            Localizer::new("fr", false),
            Err(I18nError::UnsupportedLanguage(_))
        ));
    }

    #[test]
    fn errors_translate_with_their_values() {
        let err = DomainError::MarkOutOfRange {
            mark: 21.0,
            total: 20.0,
        };
        let en = Localizer::new("en", false).unwrap().error(&err);
        assert!(en.contains("21") && en.contains("20"), "{en}");
        let ar = Localizer::new("ar", false).unwrap().error(&err);
        assert!(
            ar.contains("21") && ar.contains("20") && ar.contains("العلامة"),
            "{ar}"
        );
    }

    #[test]
    fn every_domain_error_code_has_a_message() {
        let ids = message_ids("en");
        for code in [
            "field-required",
            "field-too-long",
            "invalid-choice",
            "invalid-format",
            "date-range-reversed",
            "value-out-of-range",
            "mark-out-of-range",
            "date-outside-year",
            "not-a-school-day",
            "school-holiday",
            "student-not-enrolled",
            "payment-above-balance",
            "amount-not-positive",
        ] {
            assert!(ids.contains(&format!("error-{code}")), "{code}");
        }
    }

    #[test]
    fn arabic_plurals_are_right_for_every_count() {
        let ar = Localizer::new("ar", false).unwrap();
        let expected = [
            (0, "لا علامات"),
            (1, "علامة واحدة"),
            (2, "علامتان"),
            (3, "3 علامات"),
            (10, "10 علامات"),
            (11, "11 علامة"),
            (99, "99 علامة"),
            (100, "100 علامة"),
            (102, "102 علامة"),
            (103, "103 علامات"),
            (111, "111 علامة"),
            (1003, "1003 علامات"),
        ];
        for (count, start) in expected {
            let text = ar.message("cli-marks-summary", &[("count", count.to_string())]);
            assert!(text.starts_with(start), "{count}: {text}");
        }
        // 103 is "few" and 111 "many", which fluent's own rules get wrong; "other" is
        // reached by 100 and 102.
        let rows = |n: i32| ar.message("error-import-rejected", &[("count", n.to_string())]);
        assert!(rows(103).contains("صفوف"), "{}", rows(103));
        assert!(rows(111).contains("صفًا"), "{}", rows(111));
        let en = Localizer::new("en", false).unwrap();
        assert_eq!(
            en.message("cli-marks-summary", &[("count", "1".into())]),
            "One mark recorded."
        );
        assert_eq!(
            en.message("cli-marks-summary", &[("count", "103".into())]),
            "103 marks recorded."
        );
    }

    #[test]
    fn every_sync_error_code_has_a_message() {
        for lang in ["en", "ar"] {
            let ids = message_ids(lang);
            for code in daftar_protocol::codes::ALL {
                assert!(ids.contains(&format!("error-{code}")), "{lang}: {code}");
            }
        }
    }

    #[test]
    fn numeric_looking_text_keeps_its_digits() {
        let en = Localizer::new("en", false).unwrap();
        let msg = en.message(
            "error-not-found",
            &[("entity", "students".into()), ("id", "000123".into())],
        );
        assert_eq!(msg, "No student with id “000123”.");
    }

    #[test]
    fn digits_can_be_arabic_indic() {
        assert_eq!(Localizer::arabic_indic_digits("18/20"), "١٨/٢٠");
    }
}
