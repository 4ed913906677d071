//! Fees: the current year's invoices, one invoice with its payments, recording a payment
//! (amounts typed in major units, kept in minor units) with this device's own receipt
//! series, and correcting an issued invoice, which is never edited: a credit note or a
//! void, each with its reason and audited. Office staff and administrators.

use daftar_domain::*;
use daftar_store::{InvoiceDetail, InvoiceQuery, InvoiceRow, Page};
use serde::Deserialize;
use uuid::Uuid;

use crate::session::today;
use crate::{App, Failure, Result};

/// A payment as the office enters it: the amount in the currency's major units as typed.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentInput {
    pub invoice: String,
    pub amount: String,
    pub method: PaymentMethod,
    #[serde(default)]
    pub paid_on: Option<String>,
    /// A cheque's number (required for a cheque) or a bank transfer's reference (required
    /// for one); a card payment's, if any.
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub cheque_bank: String,
    /// The date on the cheque, as typed.
    #[serde(default)]
    pub cheque_date: String,
    /// Take an amount beyond the balance: the invoice is paid and the rest is kept as the
    /// family's credit (for its next invoice).
    #[serde(default)]
    pub keep_surplus: bool,
}

/// An amount typed in major units ("1,250.5", "١٢٥٠٫٥") in minor units.
pub fn parse_amount(text: &str, minor_digits: u8) -> Result<i64> {
    let invalid = || Failure::InvalidAmount(text.chars().take(40).collect());
    let western: String = western_digits(text.trim())
        .chars()
        .filter(|c| *c != ',' && *c != '\u{066C}' && !c.is_whitespace())
        .map(|c| if c == '\u{066B}' { '.' } else { c })
        .collect();
    let (whole, fraction) = western.split_once('.').unwrap_or((&western, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > minor_digits as usize
        || whole.len() > 12
    {
        return Err(invalid());
    }
    let scale = 10i64.pow(minor_digits as u32);
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| invalid())?
    };
    let padded = format!("{fraction:0<width$}", width = minor_digits as usize);
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| invalid())?
    };
    let amount = whole * scale + fraction;
    if amount <= 0 {
        return Err(invalid());
    }
    Ok(amount)
}

impl App {
    pub fn invoices(&self, actor: &Actor, query: &InvoiceQuery) -> Result<Page<InvoiceRow>> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let year = self.current_year()?;
        Ok(self.store.invoices(year.id, query)?)
    }

    /// An invoice by number, with its payments.
    pub fn invoice(&self, actor: &Actor, number: &str) -> Result<InvoiceDetail> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        Ok(self.store.invoice_numbered(number)?.ok_or_else(|| {
            daftar_store::StoreError::NotFound {
                entity: "invoices",
                id: number.chars().take(40).collect(),
            }
        })?)
    }

    /// Records a payment on an invoice; the receipt number is this device's own series, so
    /// two offline desktops never give the same number.
    pub fn record_payment(&mut self, actor: &Actor, input: &PaymentInput) -> Result<Payment> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let detail = self.invoice(actor, &input.invoice)?;
        let amount = parse_amount(&input.amount, school.currency_minor_digits)?;
        let surplus = if input.keep_surplus && detail.invoice.voided_on.is_none() {
            (amount - detail.balance.max(0)).max(0)
        } else {
            0
        };
        within_balance(
            "payment-above-balance",
            amount - surplus,
            &detail,
            school.currency_minor_digits,
        )?;
        let paid_on = match input.paid_on.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => crate::parse_date(text)?,
            _ => today(),
        };
        let text = |value: &str| Some(value.trim().to_string()).filter(|v| !v.is_empty());
        let reference = text(&input.reference);
        let needs_reference = matches!(
            input.method,
            PaymentMethod::Cheque | PaymentMethod::BankTransfer
        );
        if needs_reference && reference.is_none() {
            return Err(DomainError::Required { field: "reference" }.into());
        }
        let cheque = input.method == PaymentMethod::Cheque;
        let cheque_date = match input.cheque_date.trim() {
            "" => None,
            _ if !cheque => None,
            typed => Some(
                crate::parse_date(typed).map_err(|_| DomainError::InvalidFormat {
                    field: "cheque_date",
                    value: typed.chars().take(40).collect(),
                })?,
            ),
        };
        let prefix = self.device_series("R");
        let next = self.store.receipts_numbered(&prefix)? + 1;
        let payment = Payment {
            id: Uuid::now_v7(),
            receipt_number: format!("{prefix}{next:05}"),
            invoice_id: detail.invoice.id,
            amount,
            paid_on,
            method: input.method,
            received_by: actor.staff_id,
            reference,
            cheque_bank: text(&input.cheque_bank).filter(|_| cheque),
            cheque_date,
            surplus,
        };
        self.store
            .write(actor.staff_id, |w| w.record_payment(&payment))?;
        Ok(payment)
    }
}

/// Refuses an amount above what a live invoice still asks, both written as the school
/// writes money (a voided one is left to the store, which refuses it as voided).
pub(crate) fn within_balance(
    code: &'static str,
    amount: i64,
    detail: &InvoiceDetail,
    digits: u8,
) -> Result<()> {
    if detail.invoice.voided_on.is_some() {
        return Ok(());
    }
    within_limit(code, amount, detail.balance, digits)
}

/// Refuses an amount above `limit` (what an invoice asks, what was paid on it), both
/// written as the school writes money.
pub(crate) fn within_limit(code: &'static str, amount: i64, limit: i64, digits: u8) -> Result<()> {
    if amount > limit {
        return Err(Failure::AboveBalance {
            code,
            amount: daftar_reports::grading::money(amount, digits),
            balance: daftar_reports::grading::money(limit, digits),
        });
    }
    Ok(())
}

/// The audit entry of something `actor` did now.
pub(crate) fn audited(actor: &Actor, action: &str, detail: String) -> AuditEntry {
    AuditEntry {
        id: new_id(),
        at: chrono::Utc::now(),
        user_id: actor.staff_id,
        device_id: actor.device,
        action: action.into(),
        detail,
    }
}

/// A credit note as the office enters it: the invoice's number, the amount in major units.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreditInput {
    pub invoice: String,
    pub amount: String,
    pub reason: String,
}

impl App {
    /// The prefix of this device's own series of `kind` (`R-1A2B3C-`), so two offline
    /// desktops never give the same number: from the random end of its id (a v7 id begins
    /// with its creation time, which desktops set up together share).
    pub(crate) fn device_series(&self, kind: &str) -> String {
        let device = self.store.device_id().simple().to_string();
        format!("{kind}-{}-", &device[device.len() - 6..].to_uppercase())
    }

    /// Voids an invoice nothing was paid on, with its reason; audited.
    pub fn void_invoice(&mut self, actor: &Actor, number: &str, reason: &str) -> Result<Invoice> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        if reason.trim().is_empty() {
            return Err(DomainError::Required { field: "reason" }.into());
        }
        let detail = self.invoice(actor, number)?;
        let invoice = self.store.write(actor.staff_id, |w| {
            let invoice = w.void_invoice(detail.invoice.id, today(), reason)?;
            w.record_audit(&audited(
                actor,
                "invoice.voided",
                format!("{} ({})", invoice.number, reason.trim()),
            ))?;
            Ok(invoice)
        })?;
        Ok(invoice)
    }

    /// Issues a credit note on an invoice (numbered in this device's own series), never
    /// more than what it still asks; audited.
    pub fn credit_invoice(&mut self, actor: &Actor, input: &CreditInput) -> Result<CreditNote> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let detail = self.invoice(actor, &input.invoice)?;
        let amount = parse_amount(&input.amount, school.currency_minor_digits)?;
        within_balance(
            "credit-above-balance",
            amount,
            &detail,
            school.currency_minor_digits,
        )?;
        let prefix = self.device_series("CN");
        let next = self.store.credit_notes_numbered(&prefix)? + 1;
        let note = CreditNote {
            id: new_id(),
            number: format!("{prefix}{next:05}"),
            invoice_id: detail.invoice.id,
            amount,
            reason: input.reason.trim().to_string(),
            issued_on: today(),
            issued_by: actor.staff_id,
        };
        self.store.write(actor.staff_id, |w| {
            w.issue_credit_note(&note)?;
            w.record_audit(&audited(
                actor,
                "invoice.credited",
                format!(
                    "{} on {}: {} ({})",
                    note.number, detail.invoice.number, note.amount, note.reason
                ),
            ))?;
            Ok(())
        })?;
        Ok(note)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("1,250.5", 2).unwrap(), 125_050);
        assert_eq!(parse_amount("١٢٥٠٫٥", 2).unwrap(), 125_050);
        assert_eq!(parse_amount("300", 0).unwrap(), 300);
        assert_eq!(parse_amount(".75", 2).unwrap(), 75);
        for bad in ["", "0", "-5", "1.234", "12a", "1.2.3", "9999999999999"] {
            assert!(parse_amount(bad, 2).is_err(), "{bad:?} accepted");
        }
    }
}
