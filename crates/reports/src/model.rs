//! What the documents print, as plain data: filled by the app from the store, so rendering
//! needs no database and is tested on its own.

use chrono::NaiveDate;

/// The two languages a document speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }
}

/// A text in Arabic and in English.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bilingual {
    pub ar: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(ar: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            ar: ar.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`, or in the other script where a school left it empty (a
    /// school may require only one script of its students' names).
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::Ar => (&self.ar, &self.en),
            Lang::En => (&self.en, &self.ar),
        };
        if wanted.trim().is_empty() {
            other
        } else {
            wanted
        }
    }
}

/// The school as every document's header shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolHeader {
    pub name: Bilingual,
    pub principal: Bilingual,
    /// PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    /// The language on the start side (Arabic: the right); the other sits beside it.
    pub primary: Lang,
    pub currency: String,
    pub currency_minor_digits: u8,
}

/// One band of the grade scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub min_percent: f64,
    pub label: Bilingual,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CardAssessment {
    pub name: Bilingual,
    /// `None`: no mark (yet, or excused).
    pub mark: Option<f64>,
    pub total: f64,
    /// Share of the subject's grade, in percent.
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CardSubject {
    pub name: Bilingual,
    pub assessments: Vec<CardAssessment>,
}

/// Days of a term by attendance mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AttendanceCounts {
    pub present: u32,
    pub absent: u32,
    pub late: u32,
    pub excused: u32,
}

/// One student's report card for a term.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportCard {
    pub student_name: Bilingual,
    pub admission_number: String,
    pub classroom: Bilingual,
    /// Such as "2025/2026".
    pub year: String,
    pub term: Bilingual,
    pub subjects: Vec<CardSubject>,
    /// (rank, of how many) when the school prints ranks.
    pub rank: Option<(u32, u32)>,
    pub attendance: AttendanceCounts,
    pub teacher_remark: Option<String>,
    pub principal_remark: Option<String>,
    pub homeroom_teacher: Option<Bilingual>,
}

/// Report cards printed together, sharing the school and grade scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportCards {
    pub school: SchoolHeader,
    /// Highest band first.
    pub bands: Vec<Band>,
    pub issued_on: NaiveDate,
    pub cards: Vec<ReportCard>,
}

/// What a fee receipt prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub school: SchoolHeader,
    pub receipt_number: String,
    pub paid_on: NaiveDate,
    pub student_name: Bilingual,
    pub admission_number: String,
    pub classroom: Option<Bilingual>,
    pub guardian: Option<Bilingual>,
    pub invoice_number: String,
    pub description: String,
    /// "cash", "card", "bank_transfer" or "cheque".
    pub method: String,
    /// Amounts in the currency's minor units.
    pub invoice_amount: i64,
    pub paid_before: i64,
    pub amount: i64,
    pub received_by: Option<Bilingual>,
    /// A cheque's number, a transfer's reference.
    pub reference: Option<String>,
    /// The paid invoice's VAT by rate; empty for an invoice outside VAT.
    pub vat: Vec<VatShare>,
    pub tax_number: Option<String>,
}

/// A tax invoice: the seller with its tax registration number, the student billed, each
/// line with its VAT, and what was credited and paid since.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxInvoice {
    pub school: SchoolHeader,
    pub tax_number: Option<String>,
    pub address: Option<String>,
    pub number: String,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub student_name: Bilingual,
    pub admission_number: String,
    pub guardian: Option<Bilingual>,
    pub lines: Vec<TaxLine>,
    /// Amounts in the currency's minor units.
    pub credited: i64,
    pub paid: i64,
    pub voided: bool,
    /// The Saudi simplified tax invoice's QR payload (base64 TLV), drawn when present.
    pub qr: Option<String>,
}

/// A line of a tax invoice: gross − discount = net; net × rate = VAT; net + VAT = total.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxLine {
    pub name: Bilingual,
    pub gross: i64,
    pub discount: i64,
    pub net: i64,
    /// In basis points (500 = 5%).
    pub vat_bp: i64,
    /// Exempt from VAT (rather than taxed at 0%).
    pub exempt: bool,
    pub vat: i64,
    pub total: i64,
}

/// What a receipt shows of VAT: the VAT the paid invoice carries at each rate.
#[derive(Debug, Clone, PartialEq)]
pub struct VatShare {
    /// In basis points; `exempt` lines are outside VAT.
    pub vat_bp: i64,
    pub exempt: bool,
    pub net: i64,
    pub vat: i64,
}

/// One entry of a family's statement of account.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementEntry {
    pub on: NaiveDate,
    /// "invoice", "credit_note", "void", "payment" or "refund".
    pub kind: String,
    pub number: String,
    pub invoice_number: String,
    pub student: Bilingual,
    pub detail: String,
    pub debit: i64,
    pub credit: i64,
    pub balance: i64,
}

/// A family's statement of account for a year: every invoice, credit, payment and refund
/// of all its children, with the running balance.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub school: SchoolHeader,
    pub year: String,
    pub issued_on: NaiveDate,
    pub guardian: Option<Bilingual>,
    pub phone: Option<String>,
    pub students: Vec<(Bilingual, String)>,
    pub entries: Vec<StatementEntry>,
    /// The family's balance (below zero, its credit), what its invoices still ask, and its
    /// credit on invoices paid beyond them.
    pub balance: i64,
    pub due: i64,
    pub credit: i64,
}

/// A payment or refund in a day's cash report.
#[derive(Debug, Clone, PartialEq)]
pub struct CashEntry {
    pub number: String,
    pub refund: bool,
    pub invoice_number: String,
    pub student: Bilingual,
    /// "cash", "card", "bank_transfer" or "cheque".
    pub method: String,
    pub reference: Option<String>,
    pub amount: i64,
    pub received_by: Bilingual,
}

/// A day's takings for closing the till: each payment and refund, then the totals by method
/// and by the person who took them.
#[derive(Debug, Clone, PartialEq)]
pub struct CashReport {
    pub school: SchoolHeader,
    pub day: NaiveDate,
    /// The one person the report is for, when it is not for everyone.
    pub staff: Option<Bilingual>,
    pub entries: Vec<CashEntry>,
}

/// A student's amounts outstanding in the aging report.
#[derive(Debug, Clone, PartialEq)]
pub struct AgingLine {
    pub student: Bilingual,
    pub admission_number: String,
    pub grade: Bilingual,
    pub guardian: Option<Bilingual>,
    pub phone: Option<String>,
    /// Not yet due, 1–30, 31–60, 61–90 and over 90 days past due.
    pub buckets: [i64; 5],
    pub total: i64,
}

/// What is outstanding on a day, by how long past due.
#[derive(Debug, Clone, PartialEq)]
pub struct AgingReport {
    pub school: SchoolHeader,
    pub year: String,
    pub on: NaiveDate,
    pub lines: Vec<AgingLine>,
}

/// A day's attendance mark in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Present,
    Absent,
    Late,
    Excused,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RegisterRow {
    pub name: Bilingual,
    pub admission_number: String,
    /// One entry per school day of the register, `None` where no mark was taken.
    pub marks: Vec<Option<Mark>>,
}

/// A classroom's monthly attendance register.
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    pub school: SchoolHeader,
    pub classroom: Bilingual,
    pub year: String,
    /// The month, as its first day.
    pub month: NaiveDate,
    pub school_days: Vec<NaiveDate>,
    pub rows: Vec<RegisterRow>,
    pub homeroom_teacher: Option<Bilingual>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_left_empty_in_one_script_reads_in_the_other() {
        let both = Bilingual::new("ليلى", "Layla");
        assert_eq!((both.get(Lang::Ar), both.get(Lang::En)), ("ليلى", "Layla"));
        let arabic_only = Bilingual::new("ليلى", " ");
        assert_eq!(arabic_only.get(Lang::En), "ليلى");
        assert_eq!(Bilingual::new("", "Layla").get(Lang::Ar), "Layla");
    }
}
