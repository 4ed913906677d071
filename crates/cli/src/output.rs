//! One way out of the CLI: a result printed as JSON (`--json`) or as text in the chosen
//! language (`--lang`), names in the script of that language; a reader that went away
//! (`daftar … | head`) ends the program quietly instead of a panic.

use daftar_i18n::Localizer;
use serde::Serialize;

/// Prints a line to standard output, quietly ending the program if nobody reads it.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}
pub(crate) use out;

/// How results are written: JSON or text, and the text's language.
#[derive(Debug)]
pub struct Output {
    pub json: bool,
    messages: Localizer,
}

impl Output {
    pub fn new(json: bool, messages: Localizer) -> Self {
        Output { json, messages }
    }

    /// A message by Fluent id with its arguments.
    pub fn t(&self, id: &str, args: &[(&str, String)]) -> String {
        self.messages.message(id, args)
    }

    /// A line of text: the message `id` with its arguments.
    pub fn say(&self, id: &str, args: &[(&str, String)]) {
        out!("{}", self.t(id, args));
    }

    /// Whether text is Arabic.
    pub fn arabic(&self) -> bool {
        self.messages.lang() == "ar"
    }

    /// A bilingual name in the text's language (the other one when it is empty).
    pub fn name<'a>(&self, ar: &'a str, en: &'a str) -> &'a str {
        match (self.arabic(), ar.is_empty(), en.is_empty()) {
            (true, false, _) | (false, _, true) => ar,
            _ => en,
        }
    }

    /// The result: as JSON with `--json`, else as `text` writes it.
    pub fn show<T: Serialize>(&self, value: &T, text: impl FnOnce(&Output)) -> anyhow::Result<()> {
        if self.json {
            out!("{}", serde_json::to_string_pretty(value)?);
        } else {
            text(self);
        }
        Ok(())
    }
}
