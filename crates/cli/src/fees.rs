//! `daftar fees`: the current year's invoices, one invoice with its payments, and
//! recording a payment, through the same use cases (and the same role policy) as the
//! window's fees screen.

use clap::{Subcommand, ValueEnum};
use daftar_app::{InvoiceQuery, PaymentInput};
use daftar_domain::PaymentMethod;

use crate::students::money;
use crate::{Context, out};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Method {
    Cash,
    Card,
    BankTransfer,
    Cheque,
}

impl From<Method> for PaymentMethod {
    fn from(method: Method) -> Self {
        match method {
            Method::Cash => PaymentMethod::Cash,
            Method::Card => PaymentMethod::Card,
            Method::BankTransfer => PaymentMethod::BankTransfer,
            Method::Cheque => PaymentMethod::Cheque,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// The current year's invoices, found by number, admission number or name.
    Invoices {
        #[arg(default_value = "")]
        query: String,
        /// Only those with a balance left.
        #[arg(long)]
        unpaid: bool,
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=500))]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// An invoice with its payments.
    Show { number: String },
    /// Record a payment on an invoice; the receipt number is this device's own series.
    Pay {
        #[arg(long)]
        invoice: String,
        /// In the currency's major units, as typed: 1250 or 1,250.50.
        #[arg(long)]
        amount: String,
        #[arg(long, value_enum, default_value = "cash")]
        method: Method,
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
    },
}

pub fn run(cx: &mut Context, command: &FeesCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        FeesCommand::Invoices {
            query,
            unpaid,
            limit,
            offset,
        } => {
            let (page, school) = cx.app.call(|a| {
                let query = InvoiceQuery {
                    text: query.clone(),
                    unpaid_only: *unpaid,
                    limit: *limit as usize,
                    offset: *offset as usize,
                };
                Ok((a.invoices(&actor, &query)?, a.school()?))
            })?;
            cx.out.show(&page, |o| {
                for row in &page.items {
                    out!(
                        "{:<12} {:<8} {:<30} {:>14}  {}: {}",
                        row.invoice.number,
                        row.admission_number,
                        o.name(&row.name_ar, &row.name_en),
                        money(row.invoice.amount, &school),
                        o.t("cli-balance", &[]),
                        money(row.balance, &school)
                    );
                }
            })
        }
        FeesCommand::Show { number } => {
            let (detail, school) = cx
                .app
                .call(|a| Ok((a.invoice(&actor, number)?, a.school()?)))?;
            cx.out.show(&detail, |o| {
                let i = &detail.invoice;
                out!(
                    "{}  {}  {} → {}",
                    i.number,
                    i.description,
                    i.issued_on,
                    i.due_on
                );
                out!(
                    "  {} / {}  {}: {}",
                    money(detail.paid, &school),
                    money(i.amount, &school),
                    o.t("cli-balance", &[]),
                    money(detail.balance, &school)
                );
                for p in &detail.payments {
                    out!(
                        "  {}  {}  {}  {}",
                        p.receipt_number,
                        p.paid_on,
                        money(p.amount, &school),
                        o.t(&format!("receipt-method-{}", p.method), &[])
                    );
                }
            })
        }
        FeesCommand::Pay {
            invoice,
            amount,
            method,
            date,
        } => {
            let (payment, school) = cx.app.call(|a| {
                let input = PaymentInput {
                    invoice: invoice.clone(),
                    amount: amount.clone(),
                    method: (*method).into(),
                    paid_on: date.clone(),
                };
                Ok((a.record_payment(&actor, &input)?, a.school()?))
            })?;
            cx.out.show(&payment, |o| {
                o.say(
                    "cli-payment-recorded",
                    &[
                        ("receipt", payment.receipt_number.clone()),
                        ("amount", money(payment.amount, &school)),
                        ("invoice", invoice.clone()),
                    ],
                )
            })
        }
    }
}
