//! The fee ledger read as an office reads it: a family's account (every invoice, credit
//! note, void, payment and refund of all its children in a year, with the running balance),
//! a day's takings for closing the till, and the aging of what is outstanding.
//!
//! A family is a primary guardian (as the invoicing run's sibling discounts count it): the
//! students whose first guardian link is theirs. A student with no guardian is a family of
//! one. Family credit moved between a family's own invoices nets to nothing in its account:
//! the entries leave it out, and each invoice's own detail shows it.

use chrono::NaiveDate;
use daftar_domain::*;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::InvoiceDetail;
use crate::Store;
use crate::error::{Result, StoreError};
use crate::read::{get, guardian_links, invoice_detail, list_where, parse_id};

/// What one entry of an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Invoice,
    CreditNote,
    Void,
    Payment,
    Refund,
}

/// One line of a family's statement: what raised (debit) or lowered (credit) what the
/// family owes, and the balance after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountEntry {
    pub on: NaiveDate,
    pub kind: EntryKind,
    /// The document's own number (invoice, credit note, receipt, refund).
    pub number: String,
    pub invoice_number: String,
    pub student_id: Uuid,
    /// The invoice's description, a payment's method and reference, a correction's reason.
    pub detail: String,
    pub debit: i64,
    pub credit: i64,
    pub balance: i64,
}

/// A family's account for a year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FamilyAccount {
    pub guardian: Option<Guardian>,
    /// The family's children billed or enrolled, eldest first.
    pub students: Vec<Student>,
    /// Each invoice with what moved on it, due first first.
    pub invoices: Vec<InvoiceDetail>,
    /// Oldest first, the running balance in each.
    pub entries: Vec<AccountEntry>,
    /// What the family owes in all: the sum of its invoices' balances (below zero, credit).
    pub balance: i64,
    /// What its invoices ask still, and the credit it has on invoices paid beyond them.
    pub due: i64,
    pub credit: i64,
}

/// A payment or refund taken on a day, for the till.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CashLine {
    /// The receipt's or the refund's number.
    pub number: String,
    pub refund: bool,
    pub invoice_number: String,
    pub admission_number: String,
    pub student_ar: String,
    pub student_en: String,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    pub amount: i64,
    pub staff_id: Uuid,
    pub staff_ar: String,
    pub staff_en: String,
}

impl CashLine {
    /// What it did to the till: a payment's amount in, a refund's out.
    pub fn signed(&self) -> i64 {
        if self.refund {
            -self.amount
        } else {
            self.amount
        }
    }
}

/// One student's amounts outstanding by aging bucket
/// ([`daftar_domain::fees::aging_bucket`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgingRow {
    pub student_id: Uuid,
    pub admission_number: String,
    pub student_ar: String,
    pub student_en: String,
    pub grade_ar: String,
    pub grade_en: String,
    pub guardian_ar: Option<String>,
    pub guardian_en: Option<String>,
    pub phone: Option<String>,
    /// Not yet due, 1–30, 31–60, 61–90 and over 90 days past due.
    pub buckets: [i64; fees::AGING_BUCKETS],
    pub total: i64,
}

/// The first guardian link of a student, as families are counted.
const FAMILY_OF: &str = "(SELECT sg.guardian_id FROM student_guardians sg
                          WHERE sg.student_id = s.id AND sg.deleted = 0
                          ORDER BY sg.is_primary DESC, sg.rowid LIMIT 1)";

impl Store {
    /// The account of a student's family for a year.
    pub fn family_account(&self, student_id: Uuid, year_id: Uuid) -> Result<FamilyAccount> {
        family_account(self.conn(), student_id, year_id)
    }

    /// The payments and refunds taken on a day (by one person, or everyone), in number order.
    pub fn cash_day(&self, day: NaiveDate, staff: Option<Uuid>) -> Result<Vec<CashLine>> {
        Ok(takings(
            self.conn(),
            "x.on_day = ?1 AND (?2 IS NULL OR x.staff_id = ?2)",
            (day.to_string(), staff.map(|s| s.to_string())),
        )?
        .into_iter()
        .map(|(_, line)| line)
        .collect())
    }

    /// Every payment and refund on a year's invoices, by day and number.
    pub fn year_takings(&self, year_id: Uuid) -> Result<Vec<(NaiveDate, CashLine)>> {
        takings(self.conn(), "i.year_id = ?1", [year_id.to_string()])
    }

    /// Every invoice of a year with its student, what was credited and paid and what it
    /// still asks, by number: the accountant's export.
    pub fn fee_ledger(&self, year_id: Uuid) -> Result<Vec<(crate::InvoiceRow, i64)>> {
        let sql = format!(
            "SELECT {}, s.admission_number, s.name_ar, s.name_en, m.paid, m.balance, m.credited
             FROM invoices i
             JOIN invoice_money m ON m.invoice_id = i.id
             JOIN students s ON s.id = i.student_id
             WHERE i.year_id = ?1 AND i.deleted = 0
             ORDER BY i.number",
            Invoice::COLUMNS
                .iter()
                .map(|c| format!("i.{}", c.name))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let n = Invoice::COLUMNS.len();
        let rows = stmt.query_map([year_id.to_string()], |r| {
            let values = (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((
                values,
                (
                    r.get::<_, String>(n)?,
                    r.get::<_, String>(n + 1)?,
                    r.get::<_, String>(n + 2)?,
                ),
                (
                    r.get::<_, i64>(n + 3)?,
                    r.get::<_, i64>(n + 4)?,
                    r.get::<_, i64>(n + 5)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (values, (admission_number, name_ar, name_en), (paid, balance, credited)) = row?;
            out.push((
                crate::InvoiceRow {
                    invoice: crate::read::decode(values)?,
                    admission_number,
                    name_ar,
                    name_en,
                    paid,
                    balance,
                },
                credited,
            ));
        }
        Ok(out)
    }

    /// How many refunds carry a number starting with `prefix` (this device's series).
    pub fn refunds_numbered(&self, prefix: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM refunds WHERE number LIKE ?1 || '%'",
            [prefix],
            |r| r.get(0),
        )?)
    }
}

impl crate::Writer<'_> {
    /// The students of a year with credit on some invoice (paid beyond what it asks).
    pub fn students_with_credit(&self, year_id: Uuid) -> Result<Vec<Uuid>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT i.student_id FROM invoices i
             JOIN invoice_money m ON m.invoice_id = i.id
             WHERE i.year_id = ?1 AND i.deleted = 0 AND m.balance < 0",
        )?;
        let ids = stmt.query_map([year_id.to_string()], |r| r.get::<_, String>(0))?;
        ids.map(|id| parse_id(&id?)).collect()
    }

    /// A family's account as this write sees it.
    pub fn family_account(&self, student_id: Uuid, year_id: Uuid) -> Result<FamilyAccount> {
        family_account(&self.tx, student_id, year_id)
    }
}

fn family_account(conn: &Connection, student_id: Uuid, year_id: Uuid) -> Result<FamilyAccount> {
    let guardian = guardian_links(conn, student_id)?
        .into_iter()
        .next()
        .map(|link| link.guardian);
    let students: Vec<Student> = match &guardian {
        Some(g) => list_where(
            conn,
            &format!(
                "id IN (SELECT s.id FROM students s WHERE {FAMILY_OF} = ?1) ORDER BY birth_date, admission_number"
            ),
            [g.id.to_string()],
        )?,
        None => vec![get(conn, student_id)?],
    };
    let ids: Vec<String> = students.iter().map(|s| s.id.to_string()).collect();
    let ids_json = serde_json::to_string(&ids)?;
    let invoices: Vec<Invoice> = list_where(
        conn,
        "year_id = ?1 AND student_id IN (SELECT value FROM json_each(?2)) ORDER BY due_on, number",
        (year_id.to_string(), &ids_json),
    )?;
    let mut details = Vec::with_capacity(invoices.len());
    for invoice in invoices {
        details.push(invoice_detail(conn, invoice)?);
    }
    let mut entries = Vec::new();
    for detail in &details {
        let invoice = &detail.invoice;
        let entry = |on, kind, number: &str, detail: String, debit, credit| AccountEntry {
            on,
            kind,
            number: number.to_string(),
            invoice_number: invoice.number.clone(),
            student_id: invoice.student_id,
            detail,
            debit,
            credit,
            balance: 0,
        };
        entries.push(entry(
            invoice.issued_on,
            EntryKind::Invoice,
            &invoice.number,
            invoice.description.clone(),
            invoice.amount,
            0,
        ));
        for note in &detail.credit_notes {
            entries.push(entry(
                note.issued_on,
                EntryKind::CreditNote,
                &note.number,
                note.reason.clone(),
                0,
                note.amount,
            ));
        }
        if let Some(on) = invoice.voided_on {
            entries.push(entry(
                on,
                EntryKind::Void,
                &invoice.number,
                invoice.void_reason.clone().unwrap_or_default(),
                0,
                invoice.amount - detail.credited,
            ));
        }
        for payment in &detail.payments {
            entries.push(entry(
                payment.paid_on,
                EntryKind::Payment,
                &payment.receipt_number,
                payment.reference.clone().unwrap_or_default(),
                0,
                payment.amount,
            ));
        }
        for refund in &detail.refunds {
            entries.push(entry(
                refund.refunded_on,
                EntryKind::Refund,
                &refund.number,
                refund.reason.clone(),
                refund.amount,
                0,
            ));
        }
    }
    // Oldest first; on one day, what was billed before what was paid.
    entries.sort_by(|a, b| (a.on, a.kind as u8, &a.number).cmp(&(b.on, b.kind as u8, &b.number)));
    let mut running = 0;
    for entry in &mut entries {
        running += entry.debit - entry.credit;
        entry.balance = running;
    }
    let balance = details.iter().map(|d| d.balance).sum();
    let due = details.iter().map(|d| d.balance.max(0)).sum();
    let credit = details.iter().map(|d| (-d.balance).max(0)).sum();
    Ok(FamilyAccount {
        guardian,
        students,
        invoices: details,
        entries,
        balance,
        due,
        credit,
    })
}

/// Payments and refunds (with the day of each) matching `filter` over `x` (the payment or
/// refund, its `on_day` and `staff_id`) and `i` (its invoice), refunds after payments, by
/// number.
fn takings<P: rusqlite::Params>(
    conn: &Connection,
    filter: &str,
    params: P,
) -> Result<Vec<(NaiveDate, CashLine)>> {
    let sql = format!(
        "SELECT x.number, x.refund, i.number, s.admission_number, s.name_ar, s.name_en,
                x.method, x.reference, x.amount, x.staff_id,
                COALESCE(st.name_ar, ''), COALESCE(st.name_en, ''), x.on_day
         FROM (SELECT receipt_number AS number, 0 AS refund, invoice_id, method, reference,
                      amount, received_by AS staff_id, paid_on AS on_day
                 FROM payments WHERE deleted = 0
               UNION ALL
               SELECT number, 1, invoice_id, method, reference, amount, refunded_by, refunded_on
                 FROM refunds WHERE deleted = 0) x
         JOIN invoices i ON i.id = x.invoice_id
         JOIN students s ON s.id = i.student_id
         LEFT JOIN staff st ON st.id = x.staff_id
         WHERE {filter}
         ORDER BY x.on_day, x.refund, x.number"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ),
            (
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, String>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, String>(12)?,
            ),
        ))
    })?;
    let mut lines = Vec::new();
    for row in rows {
        let (
            (number, refund, invoice, admission, student_ar, student_en),
            (method, reference, amount, staff_id, staff_ar, staff_en, day),
        ) = row?;
        let on =
            NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| StoreError::InvalidValue {
                column: "paid_on".into(),
                value: day.clone(),
            })?;
        lines.push((
            on,
            CashLine {
                number,
                refund,
                invoice_number: invoice,
                admission_number: admission,
                student_ar,
                student_en,
                method: method.parse()?,
                reference,
                amount,
                staff_id: parse_id(&staff_id)?,
                staff_ar,
                staff_en,
            },
        ));
    }
    Ok(lines)
}

impl Store {
    /// What each student of a year still owes on `on`, by aging bucket, the largest first:
    /// one aggregation over the ledger view.
    pub fn aging(&self, year_id: Uuid, on: NaiveDate) -> Result<Vec<AgingRow>> {
        // The buckets of daftar_domain::fees::aging_bucket.
        let sql = format!(
            "WITH owed AS (
                 SELECT i.student_id, m.balance,
                        CAST(julianday(?2) - julianday(i.due_on) AS INTEGER) AS late
                 FROM invoices i JOIN invoice_money m ON m.invoice_id = i.id
                 WHERE i.year_id = ?1 AND i.deleted = 0 AND m.balance > 0),
             per_student AS (
                 SELECT student_id,
                        SUM(CASE WHEN late <= 0 THEN balance ELSE 0 END) AS b0,
                        SUM(CASE WHEN late BETWEEN 1 AND 30 THEN balance ELSE 0 END) AS b1,
                        SUM(CASE WHEN late BETWEEN 31 AND 60 THEN balance ELSE 0 END) AS b2,
                        SUM(CASE WHEN late BETWEEN 61 AND 90 THEN balance ELSE 0 END) AS b3,
                        SUM(CASE WHEN late > 90 THEN balance ELSE 0 END) AS b4,
                        SUM(balance) AS total
                 FROM owed GROUP BY student_id)
             SELECT s.id, s.admission_number, s.name_ar, s.name_en,
                    COALESCE(g.name_ar, ''), COALESCE(g.name_en, ''),
                    gu.name_ar, gu.name_en, gu.phone,
                    p.b0, p.b1, p.b2, p.b3, p.b4, p.total
             FROM per_student p
             JOIN students s ON s.id = p.student_id
             LEFT JOIN enrollments e ON e.student_id = s.id AND e.year_id = ?1 AND e.deleted = 0
             LEFT JOIN classrooms c ON c.id = e.classroom_id
             LEFT JOIN grade_levels g ON g.id = c.grade_id
             LEFT JOIN guardians gu ON gu.id = {FAMILY_OF}
             ORDER BY p.total DESC, s.admission_number"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map((year_id.to_string(), on.to_string()), |r| {
            let row = AgingRow {
                student_id: Uuid::nil(),
                admission_number: r.get(1)?,
                student_ar: r.get(2)?,
                student_en: r.get(3)?,
                grade_ar: r.get(4)?,
                grade_en: r.get(5)?,
                guardian_ar: r.get(6)?,
                guardian_en: r.get(7)?,
                phone: r.get(8)?,
                buckets: [r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
                total: r.get(14)?,
            };
            Ok((r.get::<_, String>(0)?, row))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, mut row) = row?;
            row.student_id = parse_id(&id)?;
            out.push(row);
        }
        Ok(out)
    }
}
