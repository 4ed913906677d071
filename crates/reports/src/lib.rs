//! Daftar's printed documents as PDF: bilingual report cards, fee receipts, tax invoices and
//! monthly attendance registers. Arabic is shaped (harfrust) and ordered (unicode-bidi) here, glyphs
//! are placed by id with their text in the ToUnicode map, and the bundled OFL fonts are
//! subset into each file.

mod accounts;
pub mod amounts;
mod analytics;
mod card;
pub mod fonts;
pub mod grading;
mod layout;
pub mod model;
pub mod pdf;
mod receipt;
mod register;
mod table;
mod tax_invoice;
pub mod text;
pub mod words;

pub use analytics::{AnalyticsReport, ChartDrawing, TableDrawing};
pub use model::*;
pub use words::Words;

use pdf::Document;
pub use pdf::Pdf;

/// What can go wrong printing; each with a stable code for `{code, message}`.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the school logo is not a PNG or JPEG image: {0}")]
    BadImage(String),
    #[error("the document's messages did not load: {0}")]
    Messages(String),
    #[error("there is nothing to print: {0}")]
    Nothing(&'static str),
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::BadImage(_) => "bad-logo",
            ReportError::Messages(_) => "internal",
            ReportError::Nothing(_) => "nothing-to-print",
        }
    }
}

/// All the cards in one PDF, a page per student.
pub fn report_cards(cards: &ReportCards, words: &Words) -> Result<Pdf, ReportError> {
    if cards.cards.is_empty() {
        return Err(ReportError::Nothing("no students"));
    }
    let mut document = Document::new(&words.get(cards.school.primary, "report-card-title"));
    let logo = layout::logo(&mut document, &cards.school)?;
    for card in &cards.cards {
        let page = card::draw(cards, card, logo.as_ref(), words, &document.fonts);
        document.push(page);
    }
    Ok(document.finish())
}

/// One PDF per card, in the order of the cards.
pub fn report_card_files(cards: &ReportCards, words: &Words) -> Result<Vec<Pdf>, ReportError> {
    cards
        .cards
        .iter()
        .map(|card| {
            let single = ReportCards {
                cards: vec![card.clone()],
                ..cards.clone()
            };
            report_cards(&single, words)
        })
        .collect()
}

/// A fee receipt on one A5 page.
pub fn receipt(receipt: &Receipt, words: &Words) -> Result<Pdf, ReportError> {
    let mut document = Document::new(&words.get(receipt.school.primary, "receipt-title"));
    let logo = layout::logo(&mut document, &receipt.school)?;
    let page = receipt::draw(receipt, logo.as_ref(), words, &document.fonts);
    document.push(page);
    Ok(document.finish())
}

/// A tax invoice on one A4 page.
pub fn tax_invoice(invoice: &TaxInvoice, words: &Words) -> Result<Pdf, ReportError> {
    let mut document = Document::new(&words.get(invoice.school.primary, "tax-invoice-title"));
    let logo = layout::logo(&mut document, &invoice.school)?;
    let page = tax_invoice::draw(invoice, logo.as_ref(), words, &document.fonts);
    document.push(page);
    Ok(document.finish())
}

/// A classroom's monthly register, as many A4 landscape pages as it needs.
pub fn register(register: &Register, words: &Words) -> Result<Pdf, ReportError> {
    let mut document = Document::new(&words.get(register.school.primary, "register-title"));
    let logo = layout::logo(&mut document, &register.school)?;
    for page in register::draw(register, logo.as_ref(), words, &document.fonts) {
        document.push(page);
    }
    Ok(document.finish())
}

/// A table document (statement, cash report, aging) as many pages as it needs.
fn table_pdf(table: &table::Table, words: &Words) -> Result<Pdf, ReportError> {
    let mut document = Document::new(table.title.get(table.school.primary));
    let logo = layout::logo(&mut document, table.school)?;
    for page in table::draw(table, logo.as_ref(), words, &document.fonts) {
        document.push(page);
    }
    Ok(document.finish())
}

/// A family's statement of account for a year.
pub fn statement(statement: &Statement, words: &Words) -> Result<Pdf, ReportError> {
    table_pdf(&accounts::statement(statement, words), words)
}

/// A day's cash report, for closing the till.
pub fn cash_report(report: &CashReport, words: &Words) -> Result<Pdf, ReportError> {
    table_pdf(&accounts::cash_report(report, words), words)
}

/// What is outstanding by how long past due, on A4 landscape.
pub fn aging(report: &AgingReport, words: &Words) -> Result<Pdf, ReportError> {
    table_pdf(&accounts::aging(report, words), words)
}

/// An analytics view printed: its charts as vector drawings, then its tables.
pub fn analytics(report: &AnalyticsReport, _words: &Words) -> Result<Pdf, ReportError> {
    let mut document = Document::new(&report.title);
    for page in analytics::draw(report, &document.fonts) {
        document.push(page);
    }
    Ok(document.finish())
}
