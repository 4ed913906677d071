//! Fee plans and the invoicing run: a year's plans per grade with their items (amount, VAT
//! category, instalments), the year's fee policy (sibling discounts, the cap, the late fee),
//! students' discounts, and issuing one instalment's invoices to every enrolled student,
//! previewed before anything is written and idempotent (the invoices' ids are natural, so
//! two offline desktops running it issue the same invoices).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use daftar_domain::fees::{
    DiscountRule, Instalment, LineInput, WHOLE_BP, check_instalments, format_instalments,
    parse_instalments, price_lines, sibling_bp, split_evenly, vat_bp,
};
use daftar_domain::*;
use daftar_store::{Billable, fee_plan_id, fee_policy_id, plan_invoice_id, plan_line_id};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fees::parse_amount;
use crate::{App, Failure, Result, parse_date};

/// A plan as its form gives it: for a year (else the current one) and a grade (else every
/// grade without a plan of its own).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeePlanInput {
    #[serde(default)]
    pub year_id: Option<Uuid>,
    #[serde(default)]
    pub grade_id: Option<Uuid>,
    pub name_ar: String,
    pub name_en: String,
}

/// An instalment as typed: its due date in the school's order, and its amount in major
/// units, or empty to share the item's amount evenly with the other empty ones.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstalmentInput {
    pub due_on: String,
    #[serde(default)]
    pub amount: String,
}

/// An item as its form gives it; amounts in major units as typed.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeeItemInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    pub plan_id: Uuid,
    pub kind: String,
    pub name_ar: String,
    pub name_en: String,
    pub amount: String,
    pub vat: String,
    pub instalments: Vec<InstalmentInput>,
}

/// The year's fee rules as typed: percentages ("10", "12.5") and the late fee in major units.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeePolicyInput {
    #[serde(default)]
    pub year_id: Option<Uuid>,
    pub sibling_second: String,
    pub sibling_later: String,
    pub discount_cap: String,
    #[serde(default)]
    pub late_fee: String,
    #[serde(default)]
    pub late_fee_grace_days: i64,
}

/// A discount as granted: a percentage, a fixed sum in major units, or both.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscountInput {
    pub student: String,
    pub kind: String,
    #[serde(default)]
    pub percent: String,
    #[serde(default)]
    pub amount: String,
    /// A kind of fee it is limited to; every fee when empty.
    #[serde(default)]
    pub applies_to: String,
    /// The instalment it is limited to; every one when 0.
    #[serde(default)]
    pub instalment: i64,
    pub reason: String,
}

/// An item with its instalments read out and its VAT rate in the school's country.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeeItemView {
    pub item: FeeItem,
    pub instalments: Vec<InstalmentView>,
    pub vat_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstalmentView {
    pub due_on: NaiveDate,
    pub amount: i64,
}

/// A plan with its grade and items, and what it charges in all before VAT.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeePlanView {
    pub plan: FeePlan,
    pub grade: Option<GradeLevel>,
    pub items: Vec<FeeItemView>,
    pub total: i64,
    /// How many instalments its longest item has.
    pub instalments: i64,
}

/// What to run: one instalment, for a year (else the current one) and optionally one grade.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoicingRun {
    #[serde(default)]
    pub year_id: Option<Uuid>,
    #[serde(default)]
    pub grade_id: Option<Uuid>,
    pub instalment: i64,
    /// Say what it would do and write nothing.
    #[serde(default)]
    pub preview: bool,
    /// The invoices' date, inside the year; today when empty.
    #[serde(default)]
    pub issued_on: Option<String>,
}

/// One student's invoice of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunInvoice {
    pub student_id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub number: String,
    pub gross: i64,
    pub discount: i64,
    pub vat: i64,
    pub total: i64,
    /// `new`, or `issued` when an earlier run (on any desktop) issued it.
    pub outcome: String,
}

/// What a run did, or (a preview) would do: counts, totals of the new invoices, and the
/// invoices themselves (the first 500).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunReport {
    pub preview: bool,
    pub instalment: i64,
    pub students: usize,
    pub issued: usize,
    pub already_issued: usize,
    /// Students whose plan has nothing due this instalment, or whose discounts leave nothing.
    pub nothing_due: usize,
    /// Students of grades with no plan (and no plan for every grade).
    pub without_plan: usize,
    pub gross: i64,
    pub discount: i64,
    pub vat: i64,
    pub total: i64,
    pub invoices: Vec<RunInvoice>,
}

const RUN_ROWS_SHOWN: usize = 500;

/// An item with its instalments read out.
type ItemDue = (FeeItem, Vec<Instalment>);

/// What charging late fees did (or, as a preview, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LateFeeReport {
    pub preview: bool,
    /// Late-fee invoices issued now (or to be).
    pub charged: usize,
    /// Overdue instalments already charged, by any desktop.
    pub already_charged: usize,
    pub total: i64,
    /// The numbers of the overdue invoices charged now (the first 500).
    pub invoices: Vec<String>,
}

/// A percentage as typed ("10", "12.5", "١٠٪") in basis points, 0 to 100%.
pub fn parse_percent(field: &'static str, text: &str) -> Result<i64> {
    let cleaned: String = western_digits(text.trim())
        .chars()
        .filter(|c| !matches!(c, '%' | '\u{066A}') && !c.is_whitespace())
        .map(|c| if c == '\u{066B}' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Ok(0);
    }
    let bad = || DomainError::InvalidFormat {
        field,
        value: text.chars().take(20).collect(),
    };
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.len() > 3
        || fraction.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad().into());
    }
    let bp = whole.parse::<i64>().unwrap_or(0) * 100
        + format!("{fraction:0<2}")
            .parse::<i64>()
            .map_err(|_| bad())?;
    if bp > WHOLE_BP {
        return Err(DomainError::OutOfRange {
            field,
            value: format!("{}%", text.trim()),
            min: "0%".into(),
            max: "100%".into(),
        }
        .into());
    }
    Ok(bp)
}

fn choice<T: std::str::FromStr<Err = DomainError>>(field: &'static str, text: &str) -> Result<T> {
    text.parse::<T>().map_err(|e| match e {
        DomainError::InvalidChoice { value, allowed, .. } => DomainError::InvalidChoice {
            field,
            value,
            allowed,
        }
        .into(),
        other => other.into(),
    })
}

/// The policy a year has until the school sets one: no sibling discount, no cap below
/// 100%, no late fee.
fn default_policy(year_id: Uuid) -> FeePolicy {
    FeePolicy {
        id: fee_policy_id(year_id),
        year_id,
        sibling_second_bp: 0,
        sibling_later_bp: 0,
        discount_cap_bp: WHOLE_BP,
        late_fee: 0,
        late_fee_grace_days: 0,
    }
}

/// An amount as typed, a refusal of it named for `field` (a fee is above zero).
fn fee_amount(field: &'static str, text: &str, digits: u8) -> Result<i64> {
    parse_amount(text, digits).map_err(|failure| match failure {
        Failure::InvalidAmount(_) => DomainError::AmountNotPositive { field }.into(),
        other => other,
    })
}

impl App {
    /// The year's policy as set, else the defaults.
    fn policy_of(&self, year_id: Uuid) -> Result<FeePolicy> {
        Ok(self
            .store
            .fee_policy(year_id)?
            .unwrap_or_else(|| default_policy(year_id)))
    }

    /// Issues invoices with their lines in one transaction; gives how many were new (one a
    /// run meant to issue may have come in from another desktop's sync meanwhile). A
    /// family's credit (paid beyond an earlier invoice) goes onto its new invoices.
    fn issue_all(
        &mut self,
        actor: &Actor,
        invoices: &[(Invoice, Vec<InvoiceLine>)],
    ) -> Result<usize> {
        if invoices.is_empty() {
            return Ok(0);
        }
        Ok(self.store.write(actor.staff_id, |w| {
            let mut issued = 0;
            for (invoice, lines) in invoices {
                issued += usize::from(w.issue_invoice(invoice, lines)?);
            }
            let year = invoices[0].0.year_id;
            let mut families = std::collections::HashSet::new();
            for student in w.students_with_credit(year)? {
                // One application a family: its first child's covers them all.
                let account = w.family_account(student, year)?;
                if families.insert(account.students.first().map(|s| s.id)) {
                    crate::ledger::credit_transfers(w, student, year, actor.staff_id)?;
                }
            }
            Ok(issued)
        })?)
    }

    /// A year's fee plans with their items, each grade's first.
    pub fn fee_plans(&self, actor: &Actor, year: Option<Uuid>) -> Result<Vec<FeePlanView>> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let year = self.year_or_current(year)?;
        let grades: HashMap<Uuid, GradeLevel> = self
            .store
            .grades()?
            .into_iter()
            .map(|g| (g.id, g))
            .collect();
        let mut plans: Vec<FeePlanView> = self
            .store
            .fee_plans(year.id)?
            .into_iter()
            .map(|(plan, items)| {
                let items = items
                    .into_iter()
                    .map(|item| {
                        let instalments = parse_instalments(&item.instalments)?
                            .into_iter()
                            .map(|i| InstalmentView {
                                due_on: i.due_on,
                                amount: i.amount,
                            })
                            .collect();
                        Ok(FeeItemView {
                            vat_bp: vat_bp(item.vat, &school.country),
                            item,
                            instalments,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(FeePlanView {
                    grade: plan.grade_id.and_then(|g| grades.get(&g).cloned()),
                    total: items.iter().map(|i| i.item.amount).sum(),
                    instalments: items
                        .iter()
                        .map(|i| i.instalments.len() as i64)
                        .max()
                        .unwrap_or(0),
                    plan,
                    items,
                })
            })
            .collect::<Result<_>>()?;
        plans.sort_by_key(|p| (p.grade.is_none(), p.grade.as_ref().map(|g| g.ordinal)));
        Ok(plans)
    }

    /// Creates or renames the plan of a year and grade (one per pair).
    pub fn save_fee_plan(&mut self, actor: &Actor, input: &FeePlanInput) -> Result<FeePlan> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let year = self.year_or_current(input.year_id)?;
        let plan = FeePlan {
            id: fee_plan_id(year.id, input.grade_id),
            year_id: year.id,
            grade_id: input.grade_id,
            name_ar: input.name_ar.trim().to_string(),
            name_en: input.name_en.trim().to_string(),
        };
        self.store
            .write(actor.staff_id, |w| w.save_fee_plan(&plan))?;
        Ok(plan)
    }

    /// Creates or edits an item of a plan: its amount, VAT category and instalments, which
    /// must fall due within the plan's year and add up to the amount (instalments typed
    /// without an amount share what the others leave evenly).
    pub fn save_fee_item(&mut self, actor: &Actor, input: &FeeItemInput) -> Result<FeeItem> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let digits = school.currency_minor_digits;
        let plan: FeePlan = self.store.get(input.plan_id)?;
        let year: AcademicYear = self.store.get(plan.year_id)?;
        let kind: FeeKind = choice("kind", &input.kind)?;
        let vat: VatCategory = choice("vat", &input.vat)?;
        let amount = fee_amount("amount", &input.amount, digits)?;
        let mut typed: Vec<(NaiveDate, Option<i64>)> = Vec::new();
        for instalment in &input.instalments {
            let due = parse_date(&instalment.due_on).map_err(|_| DomainError::InvalidFormat {
                field: "instalments",
                value: instalment.due_on.chars().take(40).collect(),
            })?;
            let share = match instalment.amount.trim() {
                "" => None,
                text => Some(fee_amount("instalments", text, digits)?),
            };
            typed.push((due, share));
        }
        typed.sort_by_key(|(due, _)| *due);
        let fixed: i64 = typed.iter().filter_map(|(_, a)| *a).sum();
        let open: Vec<NaiveDate> = typed
            .iter()
            .filter(|(_, a)| a.is_none())
            .map(|(d, _)| *d)
            .collect();
        let mut shared = split_evenly(amount - fixed, &open).into_iter();
        let instalments: Vec<Instalment> = typed
            .iter()
            .map(|(due_on, share)| Instalment {
                due_on: *due_on,
                amount: share.unwrap_or_else(|| shared.next().map_or(0, |s| s.amount)),
            })
            .collect();
        check_instalments(
            amount,
            &instalments,
            (year.start_date, year.end_date),
            &year.name,
        )?;
        let position = match input.id {
            Some(id) => self.store.get::<FeeItem>(id)?.position,
            None => self.store.count_where(FeeItem::TABLE, "plan_id", plan.id)?,
        };
        let item = FeeItem {
            id: input.id.unwrap_or_else(new_id),
            plan_id: plan.id,
            kind,
            name_ar: input.name_ar.trim().to_string(),
            name_en: input.name_en.trim().to_string(),
            amount,
            vat,
            instalments: format_instalments(&instalments),
            position,
        };
        self.store
            .write(actor.staff_id, |w| w.save_fee_item(&item))?;
        Ok(item)
    }

    /// Archives an item (a tombstone); invoices already issued keep their lines.
    pub fn archive_fee_item(&mut self, actor: &Actor, id: Uuid) -> Result<()> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        self.store.get::<FeeItem>(id)?;
        self.store
            .write(actor.staff_id, |w| w.delete::<FeeItem>(id).map(drop))?;
        Ok(())
    }

    /// The year's fee policy, or the defaults until one is set.
    pub fn fee_policy(&self, actor: &Actor, year: Option<Uuid>) -> Result<FeePolicy> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let year = self.year_or_current(year)?;
        self.policy_of(year.id)
    }

    pub fn save_fee_policy(&mut self, actor: &Actor, input: &FeePolicyInput) -> Result<FeePolicy> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let year = self.year_or_current(input.year_id)?;
        let late_fee = match input.late_fee.trim() {
            "" | "0" => 0,
            text => parse_amount(text, school.currency_minor_digits)?,
        };
        let policy = FeePolicy {
            id: fee_policy_id(year.id),
            year_id: year.id,
            sibling_second_bp: parse_percent("sibling_second", &input.sibling_second)?,
            sibling_later_bp: parse_percent("sibling_later", &input.sibling_later)?,
            discount_cap_bp: match input.discount_cap.trim() {
                "" => WHOLE_BP,
                text => parse_percent("discount_cap", text)?,
            },
            late_fee,
            late_fee_grace_days: input.late_fee_grace_days,
        };
        self.store
            .write(actor.staff_id, |w| w.save_fee_policy(&policy))?;
        Ok(policy)
    }

    /// Grants a student a discount for the current year, with its reason and granter.
    pub fn grant_discount(&mut self, actor: &Actor, input: &DiscountInput) -> Result<Discount> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let year = self.current_year()?;
        let student = self.find_student(&input.student)?;
        let applies_to = match input.applies_to.trim() {
            "" => None,
            text => Some(choice::<FeeKind>("applies_to", text)?),
        };
        let amount = match input.amount.trim() {
            "" => 0,
            text => parse_amount(text, school.currency_minor_digits)?,
        };
        let discount = Discount {
            id: new_id(),
            student_id: student.id,
            year_id: year.id,
            kind: choice("kind", &input.kind)?,
            percent_bp: parse_percent("percent", &input.percent)?,
            amount,
            applies_to,
            instalment: input.instalment.max(0),
            reason: input.reason.trim().to_string(),
            granted_by: actor.staff_id,
            granted_on: crate::today(),
        };
        self.store
            .write(actor.staff_id, |w| w.save_discount(&discount))?;
        Ok(discount)
    }

    /// A student's discounts this year.
    pub fn discounts(&self, actor: &Actor, student: &str) -> Result<Vec<Discount>> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let year = self.current_year()?;
        let student = self.find_student(student)?;
        Ok(self.store.discounts(year.id, Some(student.id))?)
    }

    /// Issues (or, as a preview, prices) one instalment's invoices to every student enrolled
    /// in the year (of one grade, if given) under their grade's plan, else the plan for every
    /// grade: each line its instalment of an item, the sibling discount by the family's
    /// eldest-first order, the student's own discounts, VAT per line. An invoice issued
    /// before (by any desktop) is left as it is, so running twice issues nothing new.
    pub fn run_invoicing(&mut self, actor: &Actor, run: &InvoicingRun) -> Result<RunReport> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let school = self.school()?;
        let year = self.year_or_current(run.year_id)?;
        // Each item's instalments read once for the whole run.
        let plans: Vec<(FeePlan, Vec<ItemDue>)> = self
            .store
            .fee_plans(year.id)?
            .into_iter()
            .map(|(plan, items)| {
                let items = items
                    .into_iter()
                    .map(|item| {
                        let instalments = parse_instalments(&item.instalments)?;
                        Ok((item, instalments))
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok((plan, items))
            })
            .collect::<Result<_>>()?;
        if plans.is_empty() {
            return Err(Failure::NoFeePlan(year.name.clone()));
        }
        if run.instalment < 1 {
            return Err(DomainError::OutOfRange {
                field: "instalment",
                value: run.instalment.to_string(),
                min: "1".into(),
                max: plans
                    .iter()
                    .flat_map(|(_, items)| items.iter())
                    .map(|(_, instalments)| instalments.len())
                    .max()
                    .unwrap_or(1)
                    .to_string(),
            }
            .into());
        }
        let policy = self.policy_of(year.id)?;
        let students = self.store.billable_students(year.id)?;
        let places = family_places(&students);
        let mut discounts: HashMap<Uuid, Vec<Discount>> = HashMap::new();
        for d in self.store.discounts(year.id, None)? {
            discounts.entry(d.student_id).or_default().push(d);
        }
        let plan_for = |grade: Uuid| {
            plans
                .iter()
                .find(|(p, _)| p.grade_id == Some(grade))
                .or_else(|| plans.iter().find(|(p, _)| p.grade_id.is_none()))
        };
        let today = match run.issued_on.as_deref().map(str::trim) {
            None | Some("") => crate::today(),
            Some(text) => {
                let date = parse_date(text)?;
                if date < year.start_date || date > year.end_date {
                    return Err(DomainError::DateOutsideYear {
                        date,
                        year: year.name.clone(),
                    }
                    .into());
                }
                date
            }
        };
        let n = run.instalment;
        let mut report = RunReport {
            preview: run.preview,
            instalment: n,
            students: 0,
            issued: 0,
            already_issued: 0,
            nothing_due: 0,
            without_plan: 0,
            gross: 0,
            discount: 0,
            vat: 0,
            total: 0,
            invoices: Vec::new(),
        };
        let mut to_issue: Vec<(Invoice, Vec<InvoiceLine>)> = Vec::new();
        for student in students
            .iter()
            .filter(|s| run.grade_id.is_none_or(|g| g == s.grade_id))
        {
            report.students += 1;
            let Some((plan, items)) = plan_for(student.grade_id) else {
                report.without_plan += 1;
                continue;
            };
            let due: Vec<(&FeeItem, Instalment)> = items
                .iter()
                .filter_map(|(item, instalments)| {
                    instalments.get(n as usize - 1).map(|i| (item, *i))
                })
                .collect();
            if due.is_empty() {
                report.nothing_due += 1;
                continue;
            }
            let id = plan_invoice_id(student.student_id, plan.id, n);
            let mut rules: Vec<DiscountRule> = Vec::new();
            let sibling = sibling_bp(
                places.get(&student.student_id).copied().unwrap_or(1),
                policy.sibling_second_bp,
                policy.sibling_later_bp,
            );
            if sibling > 0 {
                rules.push(DiscountRule {
                    kind: DiscountKind::Sibling,
                    percent_bp: sibling,
                    amount: 0,
                    applies_to: Some(FeeKind::Tuition),
                });
            }
            for d in discounts.get(&student.student_id).into_iter().flatten() {
                if d.instalment == 0 || d.instalment == n {
                    rules.push(DiscountRule {
                        kind: d.kind,
                        percent_bp: d.percent_bp,
                        amount: d.amount,
                        applies_to: d.applies_to,
                    });
                }
            }
            let inputs: Vec<LineInput> = due
                .iter()
                .map(|(item, i)| LineInput {
                    kind: item.kind,
                    gross: i.amount,
                    vat: item.vat,
                })
                .collect();
            let priced = price_lines(&inputs, &rules, policy.discount_cap_bp, &school.country);
            let total: i64 = priced.iter().map(|l| l.total).sum();
            if total <= 0 {
                report.nothing_due += 1;
                continue;
            }
            let lines: Vec<InvoiceLine> = due
                .iter()
                .zip(&priced)
                .enumerate()
                .map(|(position, ((item, _), amounts))| InvoiceLine {
                    id: plan_line_id(student.student_id, item.id, n),
                    invoice_id: id,
                    item_id: Some(item.id),
                    kind: item.kind,
                    name_ar: item.name_ar.clone(),
                    name_en: item.name_en.clone(),
                    position: position as i64,
                    gross: amounts.gross,
                    discount: amounts.discount,
                    net: amounts.net,
                    vat: item.vat,
                    vat_bp: amounts.vat_bp,
                    vat_amount: amounts.vat,
                    total: amounts.total,
                })
                .collect();
            let vat: i64 = lines.iter().map(|l| l.vat_amount).sum();
            let due_on = due.iter().map(|(_, i)| i.due_on).min().unwrap_or(today);
            let invoice = Invoice {
                id,
                number: format!(
                    "F{}-{}-{}",
                    year.start_date.year(),
                    n,
                    student.admission_number
                ),
                student_id: student.student_id,
                year_id: year.id,
                fee_structure_id: None,
                description: format!("{} · {n}", plan.name_en)
                    .chars()
                    .take(daftar_domain::validate::NAME_MAX)
                    .collect(),
                amount: total,
                // An instalment invoiced after it fell due is due at once.
                issued_on: today,
                due_on: due_on.max(today),
                plan_id: Some(plan.id),
                instalment: n,
                vat_amount: vat,
                voided_on: None,
                void_reason: None,
            };
            let issued_before = self.store.invoice_issued(id)?;
            let gross: i64 = lines.iter().map(|l| l.gross).sum();
            let discount: i64 = lines.iter().map(|l| l.discount).sum();
            if issued_before {
                report.already_issued += 1;
            } else {
                report.issued += 1;
                report.gross += gross;
                report.discount += discount;
                report.vat += vat;
                report.total += total;
            }
            if report.invoices.len() < RUN_ROWS_SHOWN {
                report.invoices.push(RunInvoice {
                    student_id: student.student_id,
                    admission_number: student.admission_number.clone(),
                    name_ar: student.name_ar.clone(),
                    name_en: student.name_en.clone(),
                    number: invoice.number.clone(),
                    gross,
                    discount,
                    vat,
                    total,
                    outcome: if issued_before { "issued" } else { "new" }.into(),
                });
            }
            if !issued_before {
                to_issue.push((invoice, lines));
            }
        }
        if !run.preview {
            let issued = self.issue_all(actor, &to_issue)?;
            report.already_issued += report.issued - issued;
            report.issued = issued;
        }
        Ok(report)
    }
}

impl App {
    /// Charges the year's late fee once on each instalment invoice still unpaid past its
    /// due date and the policy's days of grace: a late-fee invoice of its own (exempt from
    /// VAT, as a penalty rather than a supply), numbered after the invoice (`…-L`), its id
    /// natural so that two desktops charge it once.
    pub fn charge_late_fees(&mut self, actor: &Actor, preview: bool) -> Result<LateFeeReport> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let year = self.current_year()?;
        let policy = self.policy_of(year.id)?;
        let today = crate::today();
        let mut report = LateFeeReport {
            preview,
            charged: 0,
            already_charged: 0,
            total: 0,
            invoices: Vec::new(),
        };
        if policy.late_fee <= 0 {
            return Ok(report);
        }
        let mut to_issue = Vec::new();
        for invoice in self.store.list::<Invoice>()? {
            let overdue = invoice.year_id == year.id
                && invoice.instalment > 0
                && daftar_domain::fees::late_fee(
                    invoice.due_on,
                    today,
                    policy.late_fee,
                    policy.late_fee_grace_days,
                ) > 0;
            if !overdue || self.store.invoice_balance(invoice.id)? <= 0 {
                continue;
            }
            let id = natural_id("late_fee", &[&invoice.id.to_string()]);
            if self.store.invoice_issued(id)? {
                report.already_charged += 1;
                continue;
            }
            let line = InvoiceLine {
                id: natural_id("late_fee_line", &[&invoice.id.to_string()]),
                invoice_id: id,
                item_id: None,
                kind: FeeKind::LateFee,
                name_ar: "غرامة تأخير".into(),
                name_en: "Late fee".into(),
                position: 0,
                gross: policy.late_fee,
                discount: 0,
                net: policy.late_fee,
                vat: VatCategory::Exempt,
                vat_bp: 0,
                vat_amount: 0,
                total: policy.late_fee,
            };
            let late = Invoice {
                id,
                number: format!("{}-L", invoice.number),
                student_id: invoice.student_id,
                year_id: year.id,
                fee_structure_id: None,
                description: format!("Late fee · {}", invoice.number),
                amount: policy.late_fee,
                issued_on: today,
                due_on: today,
                plan_id: invoice.plan_id,
                instalment: 0,
                vat_amount: 0,
                voided_on: None,
                void_reason: None,
            };
            report.charged += 1;
            report.total += policy.late_fee;
            if report.invoices.len() < RUN_ROWS_SHOWN {
                report.invoices.push(invoice.number.clone());
            }
            to_issue.push((late, vec![line]));
        }
        if !preview {
            let issued = self.issue_all(actor, &to_issue)?;
            report.already_charged += report.charged - issued;
            report.total = policy.late_fee * issued as i64;
            report.charged = issued;
        }
        Ok(report)
    }
}

/// Each student's place among their family's enrolled children, eldest first (1 for the
/// eldest or an only child; students with no guardian are only children).
fn family_places(students: &[Billable]) -> HashMap<Uuid, usize> {
    let mut seen: HashMap<Uuid, usize> = HashMap::new();
    students
        .iter()
        .map(|s| {
            let place = match s.family {
                Some(family) => {
                    let count = seen.entry(family).or_insert(0);
                    *count += 1;
                    *count
                }
                None => 1,
            };
            (s.student_id, place)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_read_in_either_digits_and_bounded() {
        assert_eq!(parse_percent("p", "10").unwrap(), 1_000);
        assert_eq!(parse_percent("p", "12.5%").unwrap(), 1_250);
        assert_eq!(parse_percent("p", "١٠٪").unwrap(), 1_000);
        assert_eq!(parse_percent("p", "").unwrap(), 0);
        assert_eq!(parse_percent("p", "100").unwrap(), WHOLE_BP);
        assert!(matches!(
            parse_percent("p", "120"),
            Err(Failure::Store(daftar_store::StoreError::Invalid(
                DomainError::OutOfRange { .. }
            )))
        ));
        assert!(parse_percent("p", "ten").is_err());
        assert!(parse_percent("p", "1.234").is_err());
    }

    #[test]
    fn a_familys_children_take_their_places_eldest_first() {
        let family = Uuid::from_u128(7);
        let child = |n: u128, family: Option<Uuid>| Billable {
            student_id: Uuid::from_u128(n),
            admission_number: n.to_string(),
            name_ar: String::new(),
            name_en: String::new(),
            birth_date: NaiveDate::from_ymd_opt(2015, 1, n as u32).unwrap(),
            grade_id: Uuid::nil(),
            family,
        };
        let places = family_places(&[
            child(1, Some(family)),
            child(2, None),
            child(3, Some(family)),
            child(4, Some(family)),
        ]);
        assert_eq!(places[&Uuid::from_u128(1)], 1);
        assert_eq!(places[&Uuid::from_u128(2)], 1);
        assert_eq!(places[&Uuid::from_u128(3)], 2);
        assert_eq!(places[&Uuid::from_u128(4)], 3);
    }
}
