//! A document's words in both languages, from locales/ through daftar-i18n, and its dates in
//! the Gregorian and the Hijri (Umm al-Qura, ICU4X) calendars.

use chrono::{Datelike, NaiveDate};
use daftar_i18n::Localizer;
use icu_calendar::Date;
use icu_calendar::cal::Hijri;

use crate::ReportError;
use crate::model::{Bilingual, Lang};

/// The Arabic and English messages.
#[derive(Debug)]
pub struct Words {
    ar: Localizer,
    en: Localizer,
}

impl Words {
    pub fn new() -> Result<Self, ReportError> {
        // Values are bidi-isolated, so "2025-0007" after Arabic words keeps its order (the
        // shaper orders by the marks and does not draw them).
        let load =
            |lang| Localizer::new(lang, true).map_err(|e| ReportError::Messages(e.to_string()));
        Ok(Words {
            ar: load("ar")?,
            en: load("en")?,
        })
    }

    pub fn localizer(&self, lang: Lang) -> &Localizer {
        match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
        }
    }

    pub fn get(&self, lang: Lang, id: &str) -> String {
        self.localizer(lang).message(id, &[])
    }

    /// A message in Arabic and in English.
    pub fn both(&self, id: &str) -> Bilingual {
        Bilingual::new(self.get(Lang::Ar, id), self.get(Lang::En, id))
    }

    pub fn with(&self, lang: Lang, id: &str, args: &[(&str, String)]) -> String {
        self.localizer(lang).message(id, args)
    }

    /// "21 November 2026" / "21 نوفمبر 2026".
    pub fn gregorian(&self, lang: Lang, date: NaiveDate) -> String {
        self.with(
            lang,
            "report-date",
            &[
                ("day", date.day().to_string()),
                ("month", self.get(lang, &format!("month-{}", date.month()))),
                ("year", date.year().to_string()),
            ],
        )
    }

    /// "30 Jumada al-Ula 1448 AH" / "30 جمادى الأولى 1448 هـ".
    pub fn hijri(&self, lang: Lang, date: NaiveDate) -> String {
        match hijri(date) {
            Some((year, month, day)) => self.with(
                lang,
                "report-hijri-date",
                &[
                    ("day", day.to_string()),
                    ("month", self.get(lang, &format!("hijri-month-{month}"))),
                    ("year", year.to_string()),
                ],
            ),
            None => String::new(),
        }
    }

    /// A month and year: "November 2026".
    pub fn month(&self, lang: Lang, date: NaiveDate) -> String {
        self.with(
            lang,
            "register-month",
            &[
                ("month", self.get(lang, &format!("month-{}", date.month()))),
                ("year", date.year().to_string()),
            ],
        )
    }
}

/// The Umm al-Qura date (year, month, day) of a Gregorian date.
pub fn hijri(date: NaiveDate) -> Option<(i32, u8, u8)> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    let gregorian = Date::try_new_gregorian(date.year(), month, day).ok()?;
    let hijri = gregorian.to_calendar(Hijri::new_umm_al_qura());
    Some((
        hijri.era_year().year,
        hijri.month().ordinal,
        hijri.day_of_month().0,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn umm_al_qura_dates() {
        assert_eq!(hijri(date(2026, 11, 20)), Some((1448, 6, 10)));
        // 1 Ramadan 1447 fell on 18 February 2026 in Umm al-Qura.
        assert_eq!(hijri(date(2026, 2, 18)), Some((1447, 9, 1)));
    }

    /// Without the isolation marks around values.
    fn plain(text: String) -> String {
        text.replace(['\u{2068}', '\u{2069}'], "")
    }

    #[test]
    fn dates_in_both_languages() {
        let words = Words::new().unwrap();
        let d = date(2026, 11, 20);
        assert_eq!(plain(words.gregorian(Lang::En, d)), "20 November 2026");
        assert_eq!(plain(words.gregorian(Lang::Ar, d)), "20 نوفمبر 2026");
        assert_eq!(plain(words.hijri(Lang::Ar, d)), "10 جمادى الآخرة 1448 هـ");
        assert_eq!(
            plain(words.hijri(Lang::En, d)),
            "10 Jumada al-Akhirah 1448 AH"
        );
    }

    #[test]
    fn arabic_day_counts_take_the_right_plural() {
        let words = Words::new().unwrap();
        let days = |n: u32| plain(words.with(Lang::Ar, "report-days", &[("count", n.to_string())]));
        assert_eq!(days(0), "لا أيام");
        assert_eq!(days(1), "يوم واحد");
        assert_eq!(days(2), "يومان");
        assert_eq!(days(3), "3 أيام");
        assert_eq!(days(11), "11 يومًا");
        assert_eq!(days(100), "100 يوم");
        // Fluent's own rules put these two in "other".
        assert_eq!(days(103), "103 أيام");
        assert_eq!(days(111), "111 يومًا");
        let en = |n: u32| plain(words.with(Lang::En, "report-days", &[("count", n.to_string())]));
        assert_eq!(en(1), "1 day");
        assert_eq!(en(45), "45 days");
    }
}
