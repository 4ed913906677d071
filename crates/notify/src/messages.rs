//! The messages guardians receive, each kind with its priority (absences first), written in
//! the guardian's language from `locales/<lang>/notify.ftl`: a subject, a plain text body (the
//! SMS), and an HTML body for email with the unsubscribe line; and a guardian's daily digest
//! of the messages a school gathers instead of sending each alone.

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
    let mut html = page(&words, &subject, &[&text]);
    if let Some(link) = unsubscribe {
        html = with_unsubscribe(&html, words.lang(), link)?;
    }
    Ok(Message {
        language: words.lang(),
        subject,
        text,
        html,
    })
}

/// An email's HTML: its paragraphs, right to left for Arabic.
fn page(words: &Localizer, title: &str, paragraphs: &[&str]) -> String {
    let dir = if words.is_rtl() { "rtl" } else { "ltr" };
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body style=\"font-family: sans-serif\">",
        lang = words.lang(),
        title = escape(title),
    );
    for paragraph in paragraphs {
        html.push_str(&format!(
            "<p>{}</p>",
            escape(paragraph).replace('\n', "<br>")
        ));
    }
    html.push_str("</body></html>");
    html
}

/// `html` with the line that unsubscribes at `link` at its foot, in `language`.
pub fn with_unsubscribe(html: &str, language: &str, link: &str) -> Result<String, I18nError> {
    let words = Localizer::new(language, false)?;
    let line = format!(
        "<p style=\"color: #666; font-size: smaller\"><a href=\"{}\">{}</a></p></body>",
        escape(link),
        escape(&words.message("notify-unsubscribe", &[]))
    );
    Ok(match html.rfind("</body>") {
        Some(at) => format!("{}{}{}", &html[..at], line, &html[at + "</body>".len()..]),
        None => format!("{html}{line}"),
    })
}

/// One of the messages a digest gathers: its subject and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gathered {
    pub subject: String,
    pub text: String,
}

/// A guardian's daily digest of `items` in `language`: the email holds every message in
/// full; the SMS (its `text`) lists their subjects, as many as fit in `max_sms_segments`
/// with a count of the rest.
pub fn digest(
    language: &str,
    school: &str,
    date: &str,
    items: &[Gathered],
    max_sms_segments: usize,
) -> Result<Message, I18nError> {
    let words = Localizer::new(language, false)?;
    let facts = [
        ("school", school.to_string()),
        ("date", date.to_string()),
        ("count", items.len().to_string()),
    ];
    let subject = words.message("notify-digest-subject", &facts);
    let heading = words.message("notify-digest", &facts);
    let mut text = heading.clone();
    for (shown, item) in items.iter().enumerate() {
        let line = format!("\n- {}", item.subject);
        let rest = items.len() - shown - 1;
        let more = if rest > 0 {
            format!(
                "\n{}",
                words.message("notify-digest-more", &[("count", rest.to_string())])
            )
        } else {
            String::new()
        };
        if crate::sms::check_sms(&format!("{text}{line}{more}"), max_sms_segments).is_err() {
            text.push_str(&format!(
                "\n{}",
                words.message("notify-digest-more", &[("count", (rest + 1).to_string())])
            ));
            break;
        }
        text.push_str(&line);
    }
    let mut paragraphs = vec![heading.as_str()];
    let full: Vec<String> = items
        .iter()
        .map(|i| format!("{}\n{}", i.subject, i.text))
        .collect();
    paragraphs.extend(full.iter().map(String::as_str));
    Ok(Message {
        language: words.lang(),
        html: page(&words, &subject, &paragraphs),
        subject,
        text,
    })
}

/// Text as HTML shows it, nothing in it read as markup.
pub fn escape(text: &str) -> String {
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

    #[test]
    fn a_digest_lists_what_fits_in_an_sms_and_holds_everything_in_its_email() {
        let items: Vec<Gathered> = (1..=12)
            .map(|n| Gathered {
                subject: format!("Announcement number {n} about the school trip"),
                text: format!("Full text {n}"),
            })
            .collect();
        let message = digest("en", "Al Noor", "2026-12-03", &items, 2).unwrap();
        assert!(
            crate::check_sms(&message.text, 2).is_ok(),
            "{}",
            message.text
        );
        assert!(
            message
                .text
                .starts_with("Al Noor: 12 messages for you on 2026-12-03.")
        );
        assert!(message.text.contains("- Announcement number 1 about"));
        assert!(message.text.contains("more"), "{}", message.text);
        assert!(!message.text.contains("number 12 "), "{}", message.text);
        assert!(message.html.contains("Full text 12") && message.html.contains("Full text 1<"));
        let arabic = digest("ar", "النور", "٣", &items[..2], 3).unwrap();
        assert!(arabic.text.contains("رسالتان"), "{}", arabic.text);
        assert!(arabic.html.contains("dir=\"rtl\""));
        let with = with_unsubscribe(&arabic.html, "ar", "https://x.example/u?a=1&b=2").unwrap();
        assert!(with.contains("إيقاف هذه الرسائل") && with.contains("a=1&amp;b=2"));
        assert!(with.ends_with("</body></html>"), "{with}");
    }
}
