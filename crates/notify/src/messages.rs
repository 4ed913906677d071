//! The messages guardians receive, each kind with its priority (absences first), written in
//! the guardian's language from `locales/<lang>/notify.ftl`: a subject, a plain text body (the
//! SMS), and an HTML body for email with the unsubscribe line.

use daftar_i18n::{I18nError, Localizer};

/// What a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Absence,
    Late,
    FeeDue,
    FeeOverdue,
    ReportCards,
    Announcement,
    Digest,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Absence,
        Kind::Late,
        Kind::FeeDue,
        Kind::FeeOverdue,
        Kind::ReportCards,
        Kind::Announcement,
        Kind::Digest,
    ];

    /// Its name in messages' ids and in the queue.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Absence => "absence",
            Kind::Late => "late",
            Kind::FeeDue => "fee-due",
            Kind::FeeOverdue => "fee-overdue",
            Kind::ReportCards => "report-cards",
            Kind::Announcement => "announcement",
            Kind::Digest => "digest",
        }
    }

    /// Lower goes first: a parent hears of an absence before an announcement.
    pub fn priority(self) -> i16 {
        match self {
            Kind::Absence => 0,
            Kind::Late => 1,
            Kind::FeeOverdue => 2,
            Kind::FeeDue => 3,
            Kind::ReportCards => 4,
            Kind::Announcement => 5,
            Kind::Digest => 6,
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| text.chars().take(40).collect())
    }
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// "ar" or "en".
    pub language: &'static str,
    pub subject: String,
    /// The plain text: an email's text part, and the whole of an SMS.
    pub text: String,
    /// An email's HTML part, right to left for Arabic.
    pub html: String,
}

/// `kind`'s message in `language` with its facts (`student`, `date`, `amount`, `count`, …,
/// as each message names them); an email's unsubscribe address adds its line.
pub fn render(
    kind: Kind,
    language: &str,
    facts: &[(&str, String)],
    unsubscribe: Option<&str>,
) -> Result<Message, I18nError> {
    // Plain text: no bidi isolation marks, which an SMS would count and show.
    let words = Localizer::new(language, false)?;
    let id = format!("notify-{}", kind.as_str());
    let subject = words.message(&format!("{id}-subject"), facts);
    let text = words.message(&id, facts);
    let dir = if words.is_rtl() { "rtl" } else { "ltr" };
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body style=\"font-family: sans-serif\"><p>{body}</p>",
        lang = words.lang(),
        title = escape(&subject),
        body = escape(&text).replace('\n', "<br>"),
    );
    if let Some(link) = unsubscribe {
        let line = words.message("notify-unsubscribe", &[]);
        html.push_str(&format!(
            "<p style=\"color: #666; font-size: smaller\"><a href=\"{}\">{}</a></p>",
            escape(link),
            escape(&line)
        ));
    }
    html.push_str("</body></html>");
    Ok(Message {
        language: words.lang(),
        subject,
        text,
        html,
    })
}

/// Text as HTML shows it, nothing in it read as markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn every_kind_has_its_message_in_both_languages() {
        let all = facts(&[
            ("school", "Al Noor"),
            ("student", "Layla"),
            ("classroom", "5A"),
            ("date", "2026-12-03"),
            ("invoice", "F2026-2-1001"),
            ("amount", "10,525.00 AED"),
            ("days", "3"),
            ("term", "Term 1"),
            ("title", "Sports day"),
            ("body", "Thursday at 8"),
            ("count", "3"),
        ]);
        for lang in ["ar", "en"] {
            for kind in Kind::ALL {
                let message = render(kind, lang, &all, Some("https://school.example/u/x")).unwrap();
                let id = format!("notify-{}", kind.as_str());
                assert!(
                    !message.subject.is_empty() && !message.subject.contains(&id),
                    "{lang} {id}"
                );
                assert!(
                    !message.text.is_empty() && !message.text.contains(&id),
                    "{lang} {id}"
                );
                assert!(
                    !message.text.contains('\u{2068}'),
                    "no isolation marks in an SMS"
                );
                assert!(message.html.contains("https://school.example/u/x"));
            }
        }
        let ar = render(Kind::Absence, "ar", &all, None).unwrap();
        assert!(ar.text.contains("Layla") && ar.html.contains("dir=\"rtl\""));
        assert!(
            render(Kind::Absence, "en", &all, None)
                .unwrap()
                .html
                .contains("dir=\"ltr\"")
        );
    }

    #[test]
    fn arabic_counts_take_their_plural_forms_and_markup_is_escaped() {
        let digest = |count: &str| {
            render(
                Kind::Digest,
                "ar",
                &facts(&[("school", "النور"), ("count", count), ("date", "٣ ديسمبر")]),
                None,
            )
            .unwrap()
            .text
        };
        assert!(digest("1").contains("رسالة واحدة"), "{}", digest("1"));
        assert!(digest("2").contains("رسالتان"), "{}", digest("2"));
        assert!(digest("3").contains("3 رسائل"), "{}", digest("3"));
        assert!(digest("11").contains("11 رسالة"), "{}", digest("11"));
        let message = render(
            Kind::Announcement,
            "en",
            &facts(&[("school", "A & B"), ("title", "<b>x</b>"), ("body", "y")]),
            None,
        )
        .unwrap();
        assert!(
            message.html.contains("&lt;b&gt;x&lt;/b&gt;") && message.html.contains("A &amp; B")
        );
        assert!(
            message.text.contains("<b>x</b>"),
            "the text part is the text"
        );
    }

    #[test]
    fn absences_go_before_announcements() {
        let mut kinds = Kind::ALL.to_vec();
        kinds.sort_by_key(|k| k.priority());
        assert_eq!(kinds[0], Kind::Absence);
        assert!(Kind::Absence.priority() < Kind::Announcement.priority());
        assert_eq!("fee-due".parse::<Kind>(), Ok(Kind::FeeDue));
        assert!("nothing".parse::<Kind>().is_err());
    }
}
