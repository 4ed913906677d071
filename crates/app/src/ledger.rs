//! A family's money: refunds, its credit (what was paid beyond an invoice) applied to what
//! it still owes, its account and statement, and the office's day and aging reports, on
//! screen, as PDF and as spreadsheets for the school's accountant. Office staff and
//! administrators.

use std::path::Path;

use chrono::NaiveDate;
use daftar_domain::fees::allocate_credit;
use daftar_domain::*;
use daftar_reports as reports;
use daftar_reports::Bilingual;
use daftar_store::{AgingRow, CashLine, EntryKind, FamilyAccount};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fees::{audited, parse_amount, within_limit};
use crate::printing::{Printed, file_stem, school_header, words, write_pdf};
use crate::session::today;
use crate::spreadsheet::Cell;
use crate::{App, Failure, Result};

/// A refund as the office enters it: the invoice's number, the amount in major units.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundInput {
    pub invoice: String,
    pub amount: String,
    pub method: PaymentMethod,
    #[serde(default)]
    pub reference: String,
    pub reason: String,
}

/// The day's takings: each payment and refund, and their totals.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CashDay {
    pub day: NaiveDate,
    pub lines: Vec<CashLine>,
    /// Payments less refunds, by method (in the order cash, card, transfer, cheque).
    pub by_method: Vec<(PaymentMethod, i64)>,
    pub total: i64,
}

/// What is outstanding on a day, by student and aging bucket, with the school's totals.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Aging {
    pub on: NaiveDate,
    pub rows: Vec<AgingRow>,
    pub totals: [i64; fees::AGING_BUCKETS],
    pub total: i64,
}

/// What the office exports for the accountant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum FeeExport {
    Invoices,
    Payments,
}

const METHODS: [PaymentMethod; 4] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::BankTransfer,
    PaymentMethod::Cheque,
];

impl App {
    /// The next number of this device's refund series (`RF-1A2B3C-00001`).
    pub(crate) fn next_refund_number(&self) -> Result<String> {
        let prefix = self.device_series("RF");
        let next = self.store.refunds_numbered(&prefix)? + 1;
        Ok(format!("{prefix}{next:05}"))
    }

    /// Pays back part of what was paid on an invoice (a voided one too), never more than was
    /// paid, numbered in this device's own series; audited.
    pub fn refund(&mut self, actor: &Actor, input: &RefundInput) -> Result<Refund> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let detail = self.invoice(actor, &input.invoice)?;
        let amount = parse_amount(&input.amount, school.currency_minor_digits)?;
        within_limit(
            "refund-above-paid",
            amount,
            detail.paid,
            school.currency_minor_digits,
        )?;
        let reference = Some(input.reference.trim().to_string()).filter(|r| !r.is_empty());
        if input.method != PaymentMethod::Cash
            && input.method != PaymentMethod::Card
            && reference.is_none()
        {
            return Err(DomainError::Required { field: "reference" }.into());
        }
        let refund = Refund {
            id: new_id(),
            number: self.next_refund_number()?,
            invoice_id: detail.invoice.id,
            amount,
            method: input.method,
            reference,
            reason: input.reason.trim().to_string(),
            refunded_on: today(),
            refunded_by: actor.staff_id,
        };
        self.store.write(actor.staff_id, |w| {
            w.record_refund(&refund)?;
            w.record_audit(&audited(
                actor,
                "invoice.refunded",
                format!(
                    "{} on {}: {} ({})",
                    refund.number, detail.invoice.number, refund.amount, refund.reason
                ),
            ))?;
            Ok(())
        })?;
        Ok(refund)
    }

    /// Applies the credit of a student's family (what was paid beyond some invoices) to what
    /// its invoices of the year still ask, oldest first; the transfers made. Two desktops
    /// applying the same credit write the same rows (their ids are the two invoices').
    pub fn apply_family_credit(
        &mut self,
        actor: &Actor,
        student: &str,
    ) -> Result<Vec<CreditTransfer>> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let student = self.find_student(student)?;
        let year = self.current_year()?;
        let transfers = self.store.write(actor.staff_id, |w| {
            credit_transfers(w, student.id, year.id, actor.staff_id)
        })?;
        if transfers.is_empty() {
            return Err(Failure::NoFamilyCredit);
        }
        Ok(transfers)
    }

    /// The account of a student's family this year: every child's invoices, credit notes,
    /// voids, payments and refunds with the running balance.
    pub fn family_account(&self, actor: &Actor, student: &str) -> Result<FamilyAccount> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let student = self.find_student(student)?;
        let year = self.current_year()?;
        Ok(self.store.family_account(student.id, year.id)?)
    }

    /// A family's statement of account as PDF: into `out`, or the data folder's `printed/`.
    pub fn print_statement(
        &self,
        actor: &Actor,
        student: &str,
        out: Option<&Path>,
    ) -> Result<Printed> {
        let account = self.family_account(actor, student)?;
        let school = self.school()?;
        let year = self.current_year()?;
        let name = |id: Uuid| {
            account
                .students
                .iter()
                .find(|s| s.id == id)
                .map(|s| Bilingual::new(&s.name_ar, &s.name_en))
                .unwrap_or_default()
        };
        let statement = reports::Statement {
            school: school_header(&school)?,
            year: year.name.clone(),
            issued_on: today(),
            guardian: account
                .guardian
                .as_ref()
                .map(|g| Bilingual::new(&g.name_ar, &g.name_en)),
            phone: account.guardian.as_ref().map(|g| g.phone.clone()),
            students: account
                .students
                .iter()
                .map(|s| {
                    (
                        Bilingual::new(&s.name_ar, &s.name_en),
                        s.admission_number.clone(),
                    )
                })
                .collect(),
            entries: account
                .entries
                .iter()
                .map(|e| reports::StatementEntry {
                    on: e.on,
                    kind: entry_kind(e.kind).into(),
                    number: e.number.clone(),
                    invoice_number: e.invoice_number.clone(),
                    student: name(e.student_id),
                    detail: e.detail.clone(),
                    debit: e.debit,
                    credit: e.credit,
                    balance: e.balance,
                })
                .collect(),
            balance: account.balance,
            due: account.due,
            credit: account.credit,
        };
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => {
                let first = account
                    .students
                    .first()
                    .map(|s| s.admission_number.as_str());
                self.printed_dir()?.join(format!(
                    "statement-{}.pdf",
                    file_stem(first.unwrap_or("family"))
                ))
            }
        };
        write_pdf(&out, &reports::statement(&statement, &words()?)?)
    }

    /// The payments and refunds of a day, by everyone or by one person (an id), with the
    /// totals by method.
    pub fn cash_day(&self, actor: &Actor, day: NaiveDate, staff: Option<Uuid>) -> Result<CashDay> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let lines = self.store.cash_day(day, staff)?;
        let by_method = METHODS
            .iter()
            .filter(|m| lines.iter().any(|l| l.method == **m))
            .map(|m| {
                (
                    *m,
                    lines
                        .iter()
                        .filter(|l| l.method == *m)
                        .map(CashLine::signed)
                        .sum(),
                )
            })
            .collect();
        let total = lines.iter().map(CashLine::signed).sum();
        Ok(CashDay {
            day,
            lines,
            by_method,
            total,
        })
    }

    /// The day's cash report as PDF, for closing the till.
    pub fn print_cash_report(
        &self,
        actor: &Actor,
        day: NaiveDate,
        staff: Option<Uuid>,
        out: Option<&Path>,
    ) -> Result<Printed> {
        let cash = self.cash_day(actor, day, staff)?;
        let school = self.school()?;
        let staff_name = match staff {
            Some(id) => self
                .store
                .find::<Staff>(id)?
                .map(|s| Bilingual::new(&s.name_ar, &s.name_en)),
            None => None,
        };
        let report = reports::CashReport {
            school: school_header(&school)?,
            day,
            staff: staff_name,
            entries: cash
                .lines
                .iter()
                .map(|l| reports::CashEntry {
                    number: l.number.clone(),
                    refund: l.refund,
                    invoice_number: l.invoice_number.clone(),
                    student: Bilingual::new(&l.student_ar, &l.student_en),
                    method: l.method.as_str().into(),
                    reference: l.reference.clone(),
                    amount: l.amount,
                    received_by: Bilingual::new(&l.staff_ar, &l.staff_en),
                })
                .collect(),
        };
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => self
                .printed_dir()?
                .join(format!("cash-{}.pdf", day.format("%Y-%m-%d"))),
        };
        write_pdf(&out, &reports::cash_report(&report, &words()?)?)
    }

    /// What this year's invoices still ask on `on`, by student and aging bucket.
    pub fn aging(&self, actor: &Actor, on: NaiveDate) -> Result<Aging> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let year = self.current_year()?;
        let rows = self.store.aging(year.id, on)?;
        let mut totals = [0; fees::AGING_BUCKETS];
        for row in &rows {
            for (total, value) in totals.iter_mut().zip(row.buckets) {
                *total += value;
            }
        }
        Ok(Aging {
            on,
            total: totals.iter().sum(),
            totals,
            rows,
        })
    }

    /// The aging report as PDF (A4 landscape).
    pub fn print_aging(&self, actor: &Actor, on: NaiveDate, out: Option<&Path>) -> Result<Printed> {
        let aging = self.aging(actor, on)?;
        let school = self.school()?;
        let year = self.current_year()?;
        let report = reports::AgingReport {
            school: school_header(&school)?,
            year: year.name.clone(),
            on,
            lines: aging
                .rows
                .iter()
                .map(|r| reports::AgingLine {
                    student: Bilingual::new(&r.student_ar, &r.student_en),
                    admission_number: r.admission_number.clone(),
                    grade: Bilingual::new(&r.grade_ar, &r.grade_en),
                    guardian: r
                        .guardian_ar
                        .as_ref()
                        .map(|ar| Bilingual::new(ar, r.guardian_en.as_deref().unwrap_or(ar))),
                    phone: r.phone.clone(),
                    buckets: r.buckets,
                    total: r.total,
                })
                .collect(),
        };
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => self
                .printed_dir()?
                .join(format!("aging-{}.pdf", on.format("%Y-%m-%d"))),
        };
        write_pdf(&out, &reports::aging(&report, &words()?)?)
    }

    /// This year's invoices or payments (and refunds, as negative amounts) as `.xlsx` or CSV
    /// for the school's accountant: amounts as numbers in major units, dates as dates.
    pub fn export_fees(&self, actor: &Actor, what: FeeExport, path: &Path) -> Result<usize> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let year = self.current_year()?;
        let scale = 10f64.powi(school.currency_minor_digits as i32);
        let major = |minor: i64| Cell::Number(minor as f64 / scale);
        let text = |t: &str| Cell::Text(t.to_string());
        let arabic = self.messages.lang() == "ar";
        let (header, rows): (&[&str], Vec<Vec<Cell>>) = match what {
            FeeExport::Invoices => (
                &[
                    "number",
                    "issued_on",
                    "due_on",
                    "admission_number",
                    "student_ar",
                    "student_en",
                    "description",
                    "net",
                    "vat",
                    "amount",
                    "credited",
                    "paid",
                    "balance",
                    "voided_on",
                    "currency",
                ],
                self.store
                    .fee_ledger(year.id)?
                    .into_iter()
                    .map(|(row, credited)| {
                        let i = &row.invoice;
                        vec![
                            text(&i.number),
                            text(&i.issued_on.to_string()),
                            text(&i.due_on.to_string()),
                            text(&row.admission_number),
                            text(&row.name_ar),
                            text(&row.name_en),
                            text(&i.description),
                            major(i.amount - i.vat_amount),
                            major(i.vat_amount),
                            major(i.amount),
                            major(credited),
                            major(row.paid),
                            major(row.balance),
                            text(&i.voided_on.map(|d| d.to_string()).unwrap_or_default()),
                            text(&school.currency),
                        ]
                    })
                    .collect(),
            ),
            FeeExport::Payments => (
                &[
                    "number",
                    "date",
                    "kind",
                    "invoice",
                    "admission_number",
                    "student_ar",
                    "student_en",
                    "method",
                    "reference",
                    "amount",
                    "received_by",
                    "currency",
                ],
                self.store
                    .year_takings(year.id)?
                    .into_iter()
                    .map(|(on, line)| {
                        let amount = line.signed();
                        vec![
                            text(&line.number),
                            text(&on.to_string()),
                            text(if line.refund { "refund" } else { "payment" }),
                            text(&line.invoice_number),
                            text(&line.admission_number),
                            text(&line.student_ar),
                            text(&line.student_en),
                            text(line.method.as_str()),
                            text(line.reference.as_deref().unwrap_or_default()),
                            major(amount),
                            text(&line.staff_en),
                            text(&school.currency),
                        ]
                    })
                    .collect(),
            ),
        };
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        let sheet = match what {
            FeeExport::Invoices => "invoices",
            FeeExport::Payments => "payments",
        };
        crate::spreadsheet::write_table(path, sheet, &header, &rows, arabic)?;
        Ok(rows.len())
    }
}

/// Moves a family's credit onto what its invoices of the year still ask, oldest first.
pub(crate) fn credit_transfers(
    w: &mut daftar_store::Writer,
    student: Uuid,
    year: Uuid,
    by: Uuid,
) -> daftar_store::Result<Vec<CreditTransfer>> {
    let account = w.family_account(student, year)?;
    let credits: Vec<(Uuid, i64)> = account
        .invoices
        .iter()
        .filter(|d| d.balance < 0)
        .map(|d| (d.invoice.id, -d.balance))
        .collect();
    let dues: Vec<(Uuid, i64)> = account
        .invoices
        .iter()
        .filter(|d| d.balance > 0 && d.invoice.voided_on.is_none())
        .map(|d| (d.invoice.id, d.balance))
        .collect();
    let mut made = Vec::new();
    for (from, to, amount) in allocate_credit(&credits, &dues) {
        let transfer = CreditTransfer {
            id: credit_transfer_id(from, to),
            from_invoice_id: from,
            to_invoice_id: to,
            amount,
            applied_on: today(),
            applied_by: by,
        };
        w.apply_credit(&transfer)?;
        made.push(transfer);
    }
    Ok(made)
}

/// The one id of the credit moved from one invoice to another.
pub fn credit_transfer_id(from: Uuid, to: Uuid) -> Uuid {
    Uuid::new_v5(&from, to.as_bytes())
}

fn entry_kind(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Invoice => "invoice",
        EntryKind::CreditNote => "credit_note",
        EntryKind::Void => "void",
        EntryKind::Payment => "payment",
        EntryKind::Refund => "refund",
    }
}
