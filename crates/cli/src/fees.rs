//! `daftar fees`: fee plans and their items, the year's fee policy, discounts, the
//! invoicing run, the current year's invoices, one invoice with its payments, and recording
//! a payment, through the same use cases (and the same role policy) as the window's fees
//! screens.

use clap::{Subcommand, ValueEnum};
use daftar_app::{
    App, DiscountInput, EntryKind, FeeExport, FeeItemInput, FeePlanInput, FeePolicyInput,
    InstalmentInput, InvoiceQuery, InvoicingRun, PaymentInput, RefundInput,
};
use daftar_domain::PaymentMethod;

use crate::students::money;
use crate::{Context, date_or_today, out};

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
    /// The current year's fee plans with their items and instalments.
    Plans,
    /// Create or rename the current year's plan for a grade (or, without one, every grade
    /// that has no plan of its own).
    Plan {
        /// The grade's name or id.
        #[arg(long)]
        grade: Option<String>,
        #[arg(long)]
        name_ar: String,
        #[arg(long)]
        name_en: String,
    },
    /// Add an item to a plan (or edit one with --id): its amount, VAT category and due
    /// dates. `--due 2026-09-01` shares the amount evenly with the other bare dates;
    /// `--due 2026-09-01=4000` fixes that instalment's amount.
    Item {
        /// The plan's grade (name or id); the plan for every grade when left out.
        #[arg(long)]
        grade: Option<String>,
        #[arg(long)]
        id: Option<uuid::Uuid>,
        /// tuition, books, uniform, transport, activities or custom.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name_ar: String,
        #[arg(long)]
        name_en: String,
        /// In the currency's major units: 30000 or 30,000.00.
        #[arg(long)]
        amount: String,
        /// standard, zero or exempt.
        #[arg(long)]
        vat: String,
        #[arg(long = "due", required = true)]
        due: Vec<String>,
    },
    /// Set the current year's fee policy.
    Policy {
        /// The second child's discount on tuition, a percentage.
        #[arg(long, default_value = "0")]
        sibling_second: String,
        /// The third and later children's.
        #[arg(long, default_value = "0")]
        sibling_later: String,
        /// The most all discounts together take off a fee, a percentage.
        #[arg(long, default_value = "100")]
        cap: String,
        /// Charged on an instalment unpaid past its grace days, in major units.
        #[arg(long, default_value = "0")]
        late_fee: String,
        #[arg(long, default_value_t = 0)]
        grace_days: i64,
    },
    /// Grant a student a discount for the current year.
    Discount {
        /// Id or admission number.
        #[arg(long)]
        student: String,
        /// sibling, staff_child, scholarship or one_off.
        #[arg(long)]
        kind: String,
        #[arg(long, default_value = "")]
        percent: String,
        /// A fixed sum, in major units.
        #[arg(long, default_value = "")]
        amount: String,
        /// Only fees of this kind (tuition, …).
        #[arg(long, default_value = "")]
        applies_to: String,
        /// Only this instalment.
        #[arg(long, default_value_t = 0)]
        instalment: i64,
        #[arg(long)]
        reason: String,
    },
    /// Issue one instalment's invoices to every enrolled student (of one grade). Running
    /// it again issues nothing new.
    Run {
        #[arg(long)]
        instalment: i64,
        #[arg(long)]
        grade: Option<String>,
        /// Say what it would issue, and write nothing.
        #[arg(long)]
        preview: bool,
        /// The invoices' date [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Correct an issued invoice with a credit note (numbered in this device's series).
    Credit {
        #[arg(long)]
        invoice: String,
        /// In major units, at most what the invoice still asks.
        #[arg(long)]
        amount: String,
        #[arg(long)]
        reason: String,
    },
    /// Void an invoice nothing was paid on.
    Void {
        #[arg(long)]
        invoice: String,
        #[arg(long)]
        reason: String,
    },
    /// Charge the year's late fee on every instalment unpaid past its grace days (once).
    LateFees {
        #[arg(long)]
        preview: bool,
    },
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
        /// A cheque's number or a bank transfer's reference (required for either).
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long, default_value = "")]
        cheque_bank: String,
        #[arg(long, default_value = "")]
        cheque_date: String,
        /// Take an amount beyond the balance, the rest kept as the family's credit.
        #[arg(long)]
        keep_surplus: bool,
    },
    /// Pay back part of what was paid on an invoice (never more than was paid).
    Refund {
        #[arg(long)]
        invoice: String,
        /// In major units.
        #[arg(long)]
        amount: String,
        #[arg(long, value_enum, default_value = "cash")]
        method: Method,
        /// A transfer's or cheque's reference (required for either).
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long)]
        reason: String,
    },
    /// Apply a family's credit (paid beyond some invoices) to what its invoices still ask.
    ApplyCredit {
        /// Any child's id or admission number.
        #[arg(long)]
        student: String,
    },
    /// A family's account this year: every child's invoices, credits, payments and
    /// refunds, with the running balance.
    Account {
        /// Any child's id or admission number.
        student: String,
    },
    /// A day's payments and refunds, with the totals by method.
    Cash {
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// Only what this person took (staff id).
        #[arg(long)]
        staff: Option<uuid::Uuid>,
    },
    /// What this year's invoices still ask, by student and by how long past due.
    Aging {
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// This year's invoices, or payments and refunds, for the accountant.
    Export {
        #[arg(value_enum)]
        what: ExportWhat,
        /// FILE.xlsx, or any other name for CSV.
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportWhat {
    Invoices,
    Payments,
}

/// A grade by name or id, for a plan.
fn grade_id(app: &App, grade: &Option<String>) -> daftar_app::Result<Option<uuid::Uuid>> {
    grade
        .as_deref()
        .map(|g| match uuid::Uuid::parse_str(g.trim()) {
            Ok(id) => Ok(id),
            Err(_) => app.grade(g).map(|g| g.id),
        })
        .transpose()
}

pub fn run(cx: &mut Context, command: &FeesCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        FeesCommand::Plans => {
            let (plans, school) = cx
                .app
                .call(|a| Ok((a.fee_plans(&actor, None)?, a.school()?)))?;
            cx.out.show(&plans, |o| {
                for view in &plans {
                    let grade = view.grade.as_ref().map_or_else(
                        || o.t("cli-every-grade", &[]),
                        |g| o.name(&g.name_ar, &g.name_en).to_string(),
                    );
                    out!(
                        "{}  ({grade})  {}",
                        o.name(&view.plan.name_ar, &view.plan.name_en),
                        money(view.total, &school)
                    );
                    for item in &view.items {
                        out!(
                            "  {:<24} {:>14}  {} {}%  ({})",
                            o.name(&item.item.name_ar, &item.item.name_en),
                            money(item.item.amount, &school),
                            o.t("cli-vat", &[]),
                            item.vat_bp as f64 / 100.0,
                            item.item.vat
                        );
                        for (n, i) in item.instalments.iter().enumerate() {
                            out!(
                                "      {}. {}  {}",
                                n + 1,
                                i.due_on,
                                money(i.amount, &school)
                            );
                        }
                    }
                }
            })
        }
        FeesCommand::Plan {
            grade,
            name_ar,
            name_en,
        } => {
            let plan = cx.app.call(|a| {
                let input = FeePlanInput {
                    year_id: None,
                    grade_id: grade_id(a, grade)?,
                    name_ar: name_ar.clone(),
                    name_en: name_en.clone(),
                };
                a.save_fee_plan(&actor, &input)
            })?;
            cx.out.show(&plan, |o| {
                o.say(
                    "cli-saved",
                    &[("name", o.name(&plan.name_ar, &plan.name_en).to_string())],
                )
            })
        }
        FeesCommand::Item {
            grade,
            id,
            kind,
            name_ar,
            name_en,
            amount,
            vat,
            due,
        } => {
            let item = cx.app.call(|a| {
                let year = a.current_year()?;
                let input = FeeItemInput {
                    id: *id,
                    plan_id: daftar_app::fee_plan_id(year.id, grade_id(a, grade)?),
                    kind: kind.clone(),
                    name_ar: name_ar.clone(),
                    name_en: name_en.clone(),
                    amount: amount.clone(),
                    vat: vat.clone(),
                    instalments: due
                        .iter()
                        .map(|d| {
                            let (date, amount) = d.split_once('=').unwrap_or((d, ""));
                            InstalmentInput {
                                due_on: date.trim().to_string(),
                                amount: amount.trim().to_string(),
                            }
                        })
                        .collect(),
                };
                a.save_fee_item(&actor, &input)
            })?;
            cx.out.show(&item, |o| {
                o.say(
                    "cli-saved",
                    &[("name", o.name(&item.name_ar, &item.name_en).to_string())],
                )
            })
        }
        FeesCommand::Policy {
            sibling_second,
            sibling_later,
            cap,
            late_fee,
            grace_days,
        } => {
            let policy = cx.app.call(|a| {
                let input = FeePolicyInput {
                    year_id: None,
                    sibling_second: sibling_second.clone(),
                    sibling_later: sibling_later.clone(),
                    discount_cap: cap.clone(),
                    late_fee: late_fee.clone(),
                    late_fee_grace_days: *grace_days,
                };
                a.save_fee_policy(&actor, &input)
            })?;
            cx.out.show(&policy, |o| {
                o.say("cli-saved", &[("name", o.t("cli-fee-policy", &[]))])
            })
        }
        FeesCommand::Discount {
            student,
            kind,
            percent,
            amount,
            applies_to,
            instalment,
            reason,
        } => {
            let discount = cx.app.call(|a| {
                let input = DiscountInput {
                    student: student.clone(),
                    kind: kind.clone(),
                    percent: percent.clone(),
                    amount: amount.clone(),
                    applies_to: applies_to.clone(),
                    instalment: *instalment,
                    reason: reason.clone(),
                };
                a.grant_discount(&actor, &input)
            })?;
            cx.out.show(&discount, |o| {
                o.say("cli-saved", &[("name", discount.reason.clone())])
            })
        }
        FeesCommand::Credit {
            invoice,
            amount,
            reason,
        } => {
            let (note, school) = cx.app.call(|a| {
                let input = daftar_app::CreditInput {
                    invoice: invoice.clone(),
                    amount: amount.clone(),
                    reason: reason.clone(),
                };
                Ok((a.credit_invoice(&actor, &input)?, a.school()?))
            })?;
            cx.out.show(&note, |o| {
                o.say(
                    "cli-credited",
                    &[
                        ("number", note.number.clone()),
                        ("amount", money(note.amount, &school)),
                        ("invoice", invoice.clone()),
                    ],
                )
            })
        }
        FeesCommand::Void { invoice, reason } => {
            let voided = cx.app.call(|a| a.void_invoice(&actor, invoice, reason))?;
            cx.out.show(&voided, |o| {
                o.say("cli-voided", &[("invoice", voided.number.clone())])
            })
        }
        FeesCommand::LateFees { preview } => {
            let (report, school) = cx
                .app
                .call(|a| Ok((a.charge_late_fees(&actor, *preview)?, a.school()?)))?;
            cx.out.show(&report, |o| {
                o.say(
                    if report.preview {
                        "cli-late-fees-preview"
                    } else {
                        "cli-late-fees-done"
                    },
                    &[
                        ("charged", report.charged.to_string()),
                        ("already", report.already_charged.to_string()),
                        ("total", money(report.total, &school)),
                    ],
                )
            })
        }
        FeesCommand::Run {
            instalment,
            grade,
            preview,
            date,
        } => {
            let (report, school) = cx.app.call(|a| {
                let run = InvoicingRun {
                    year_id: None,
                    grade_id: grade_id(a, grade)?,
                    instalment: *instalment,
                    preview: *preview,
                    issued_on: date.clone(),
                };
                Ok((a.run_invoicing(&actor, &run)?, a.school()?))
            })?;
            cx.out.show(&report, |o| {
                for i in &report.invoices {
                    out!(
                        "{:<18} {:<8} {:<30} {:>14}  {}",
                        i.number,
                        i.admission_number,
                        o.name(&i.name_ar, &i.name_en),
                        money(i.total, &school),
                        i.outcome
                    );
                }
                o.say(
                    if report.preview {
                        "cli-run-preview"
                    } else {
                        "cli-run-done"
                    },
                    &[
                        ("issued", report.issued.to_string()),
                        ("already", report.already_issued.to_string()),
                        ("nothing", report.nothing_due.to_string()),
                        ("unplanned", report.without_plan.to_string()),
                        ("total", money(report.total, &school)),
                        ("vat", money(report.vat, &school)),
                        ("discount", money(report.discount, &school)),
                    ],
                )
            })
        }
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
                if let (Some(on), Some(reason)) = (i.voided_on, &i.void_reason) {
                    out!(
                        "  {}",
                        o.t(
                            "cli-invoice-voided",
                            &[("date", on.to_string()), ("reason", reason.clone())]
                        )
                    );
                }
                for line in &detail.lines {
                    out!(
                        "  {:<24} {:>14}  -{:>12}  {} {}%: {:>12}  = {:>14}",
                        o.name(&line.name_ar, &line.name_en),
                        money(line.gross, &school),
                        money(line.discount, &school),
                        o.t("cli-vat", &[]),
                        line.vat_bp as f64 / 100.0,
                        money(line.vat_amount, &school),
                        money(line.total, &school)
                    );
                }
                for c in &detail.credit_notes {
                    out!(
                        "  {}  {}  -{}  {}",
                        c.number,
                        c.issued_on,
                        money(c.amount, &school),
                        c.reason
                    );
                }
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
            reference,
            cheque_bank,
            cheque_date,
            keep_surplus,
        } => {
            let (payment, school) = cx.app.call(|a| {
                let input = PaymentInput {
                    invoice: invoice.clone(),
                    amount: amount.clone(),
                    method: (*method).into(),
                    paid_on: date.clone(),
                    reference: reference.clone(),
                    cheque_bank: cheque_bank.clone(),
                    cheque_date: cheque_date.clone(),
                    keep_surplus: *keep_surplus,
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
        FeesCommand::Refund {
            invoice,
            amount,
            method,
            reference,
            reason,
        } => {
            let (refund, school) = cx.app.call(|a| {
                let input = RefundInput {
                    invoice: invoice.clone(),
                    amount: amount.clone(),
                    method: (*method).into(),
                    reference: reference.clone(),
                    reason: reason.clone(),
                };
                Ok((a.refund(&actor, &input)?, a.school()?))
            })?;
            cx.out.show(&refund, |o| {
                o.say(
                    "cli-refund-recorded",
                    &[
                        ("number", refund.number.clone()),
                        ("amount", money(refund.amount, &school)),
                        ("invoice", invoice.clone()),
                    ],
                )
            })
        }
        FeesCommand::ApplyCredit { student } => {
            let (transfers, school) = cx
                .app
                .call(|a| Ok((a.apply_family_credit(&actor, student)?, a.school()?)))?;
            let total: i64 = transfers.iter().map(|t| t.amount).sum();
            cx.out.show(&transfers, |o| {
                o.say(
                    "cli-credit-applied",
                    &[
                        ("amount", money(total, &school)),
                        ("count", transfers.len().to_string()),
                    ],
                )
            })
        }
        FeesCommand::Account { student } => {
            let (account, school) = cx
                .app
                .call(|a| Ok((a.family_account(&actor, student)?, a.school()?)))?;
            cx.out.show(&account, |o| {
                if let Some(g) = &account.guardian {
                    out!("{}  {}", o.name(&g.name_ar, &g.name_en), g.phone);
                }
                for s in &account.students {
                    out!(
                        "  {}  {}",
                        s.admission_number,
                        o.name(&s.name_ar, &s.name_en)
                    );
                }
                for e in &account.entries {
                    let kind = match e.kind {
                        EntryKind::Invoice => "invoice",
                        EntryKind::CreditNote => "credit_note",
                        EntryKind::Void => "void",
                        EntryKind::Payment => "payment",
                        EntryKind::Refund => "refund",
                    };
                    out!(
                        "{}  {:<12} {:<18} {:>14} {:>14} {:>14}",
                        e.on,
                        kind,
                        e.number,
                        if e.debit > 0 {
                            money(e.debit, &school)
                        } else {
                            String::new()
                        },
                        if e.credit > 0 {
                            money(e.credit, &school)
                        } else {
                            String::new()
                        },
                        money(e.balance, &school)
                    );
                }
                o.say(
                    "cli-family-balance",
                    &[
                        ("balance", money(account.balance, &school)),
                        ("due", money(account.due, &school)),
                        ("credit", money(account.credit, &school)),
                    ],
                )
            })
        }
        FeesCommand::Cash { date, staff } => {
            let day = date_or_today(date)?;
            let (cash, school) = cx
                .app
                .call(|a| Ok((a.cash_day(&actor, day, *staff)?, a.school()?)))?;
            cx.out.show(&cash, |o| {
                for l in &cash.lines {
                    let amount = l.signed();
                    out!(
                        "{:<18} {:<16} {:<10} {:<14} {:>14}  {}",
                        l.number,
                        l.invoice_number,
                        l.admission_number,
                        l.method,
                        money(amount, &school),
                        o.name(&l.staff_ar, &l.staff_en)
                    );
                }
                for (method, total) in &cash.by_method {
                    out!("{:<14} {:>14}", method, money(*total, &school));
                }
                o.say("cli-cash-total", &[("total", money(cash.total, &school))])
            })
        }
        FeesCommand::Aging { date } => {
            let on = date_or_today(date)?;
            let (aging, school) = cx.app.call(|a| Ok((a.aging(&actor, on)?, a.school()?)))?;
            cx.out.show(&aging, |o| {
                for r in &aging.rows {
                    out!(
                        "{:<10} {:<28} {}  = {}",
                        r.admission_number,
                        o.name(&r.student_ar, &r.student_en),
                        r.buckets
                            .iter()
                            .map(|b| format!("{:>12}", money(*b, &school)))
                            .collect::<Vec<_>>()
                            .join(" "),
                        money(r.total, &school)
                    );
                }
                o.say(
                    "cli-aging-total",
                    &[
                        ("total", money(aging.total, &school)),
                        ("students", aging.rows.len().to_string()),
                    ],
                )
            })
        }
        FeesCommand::Export { what, out } => {
            let what = match what {
                ExportWhat::Invoices => FeeExport::Invoices,
                ExportWhat::Payments => FeeExport::Payments,
            };
            let rows = cx.app.call(|a| a.export_fees(&actor, what, out))?;
            cx.out.show(&rows, |o| {
                o.say(
                    "cli-exported",
                    &[
                        ("count", rows.to_string()),
                        ("file", out.display().to_string()),
                    ],
                )
            })
        }
    }
}
