//! Fee plans, a year's fee policy, students' discounts and the invoices a plan issues: their
//! writes, each checked against the rows it refers to, and the reads an invoicing run needs.

use chrono::NaiveDate;
use daftar_domain::fees::{check_instalments, parse_instalments};
use daftar_domain::*;
use rusqlite::OptionalExtension;
use serde::Serialize;
use uuid::Uuid;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::read::{get, list_where};
use crate::write::{Change, Mode, Writer};

/// The id of a year's plan for a grade (or for every grade): one per pair, the same on
/// every desktop.
pub fn fee_plan_id(year_id: Uuid, grade_id: Option<Uuid>) -> Uuid {
    let grade = grade_id.map_or_else(|| "every-grade".to_string(), |g| g.to_string());
    natural_id("fee_plan", &[&year_id.to_string(), &grade])
}

/// The id of a year's fee policy.
pub fn fee_policy_id(year_id: Uuid) -> Uuid {
    natural_id("fee_policy", &[&year_id.to_string()])
}

/// The id of the invoice a plan issues a student for an instalment, the same on every
/// desktop, so two offline runs issue the same invoice once.
pub fn plan_invoice_id(student_id: Uuid, plan_id: Uuid, instalment: i64) -> Uuid {
    natural_id(
        "plan_invoice",
        &[
            &student_id.to_string(),
            &plan_id.to_string(),
            &instalment.to_string(),
        ],
    )
}

/// The id of an invoice's line for a plan item.
pub fn plan_line_id(student_id: Uuid, item_id: Uuid, instalment: i64) -> Uuid {
    natural_id(
        "plan_invoice_line",
        &[
            &student_id.to_string(),
            &item_id.to_string(),
            &instalment.to_string(),
        ],
    )
}

/// A student an invoicing run may bill: enrolled in the year, with their grade and family
/// (their primary guardian, else any guardian).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Billable {
    pub student_id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub birth_date: NaiveDate,
    pub grade_id: Uuid,
    pub family: Option<Uuid>,
}

impl Writer<'_> {
    /// A plan for a year and grade: one per pair (its id is [`fee_plan_id`]).
    pub fn save_fee_plan(&mut self, plan: &FeePlan) -> Result<Change> {
        get::<AcademicYear>(&self.tx, plan.year_id)?;
        if let Some(grade) = plan.grade_id {
            get::<GradeLevel>(&self.tx, grade)?;
        }
        if plan.id != fee_plan_id(plan.year_id, plan.grade_id) {
            return Err(StoreError::AlreadyExists {
                entity: FeePlan::TABLE,
                id: plan.id.to_string(),
            });
        }
        self.put(plan, Mode::Upsert)
    }

    /// An item of a live plan, its instalments due within the plan's year.
    pub fn save_fee_item(&mut self, item: &FeeItem) -> Result<Change> {
        item.validate()?;
        let plan: FeePlan = get(&self.tx, item.plan_id)?;
        let year: AcademicYear = get(&self.tx, plan.year_id)?;
        let instalments = parse_instalments(&item.instalments)?;
        check_instalments(
            item.amount,
            &instalments,
            (year.start_date, year.end_date),
            &year.name,
        )?;
        self.put_validated(item, Mode::Upsert)
    }

    pub fn save_fee_policy(&mut self, policy: &FeePolicy) -> Result<Change> {
        get::<AcademicYear>(&self.tx, policy.year_id)?;
        if policy.id != fee_policy_id(policy.year_id) {
            return Err(StoreError::AlreadyExists {
                entity: FeePolicy::TABLE,
                id: policy.id.to_string(),
            });
        }
        self.put(policy, Mode::Upsert)
    }

    pub fn save_discount(&mut self, discount: &Discount) -> Result<Change> {
        get::<Student>(&self.tx, discount.student_id)?;
        get::<AcademicYear>(&self.tx, discount.year_id)?;
        self.put(discount, Mode::Upsert)
    }

    /// Issues an invoice with its lines, unless it was issued already (its id is natural):
    /// `false` then, and nothing is written. The lines must add up to its total and VAT.
    pub fn issue_invoice(&mut self, invoice: &Invoice, lines: &[InvoiceLine]) -> Result<bool> {
        if invoice_exists(&self.tx, invoice.id)? {
            return Ok(false);
        }
        let total: i64 = lines.iter().map(|l| l.total).sum();
        let vat: i64 = lines.iter().map(|l| l.vat_amount).sum();
        if total != invoice.amount || vat != invoice.vat_amount {
            return Err(StoreError::Invalid(DomainError::InvalidFormat {
                field: "invoice",
                value: format!(
                    "lines {total} (VAT {vat}) for a total of {} (VAT {})",
                    invoice.amount, invoice.vat_amount
                ),
            }));
        }
        invoice.validate()?;
        get::<Student>(&self.tx, invoice.student_id)?;
        if let Some(plan) = invoice.plan_id {
            get::<FeePlan>(&self.tx, plan)?;
        }
        self.put_validated(invoice, Mode::Insert)?;
        for line in lines {
            if line.invoice_id != invoice.id {
                return Err(StoreError::Corrupt(format!(
                    "a line of {} given for {}",
                    line.invoice_id, invoice.id
                )));
            }
            self.put(line, Mode::Insert)?;
        }
        Ok(true)
    }
}

/// Whether an invoice with this id was ever issued (a voided one counts: its id stays
/// taken, so a run never issues it again).
fn invoice_exists(conn: &rusqlite::Connection, id: Uuid) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM invoices WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

impl Store {
    /// A year's plans, each with its live items in their order.
    pub fn fee_plans(&self, year_id: Uuid) -> Result<Vec<(FeePlan, Vec<FeeItem>)>> {
        let plans: Vec<FeePlan> = list_where(
            self.conn(),
            "year_id = ?1 ORDER BY name_en",
            [year_id.to_string()],
        )?;
        plans
            .into_iter()
            .map(|plan| {
                let items: Vec<FeeItem> = list_where(
                    self.conn(),
                    "plan_id = ?1 ORDER BY position, name_en",
                    [plan.id.to_string()],
                )?;
                Ok((plan, items))
            })
            .collect()
    }

    pub fn fee_policy(&self, year_id: Uuid) -> Result<Option<FeePolicy>> {
        self.find(fee_policy_id(year_id))
    }

    /// A year's discounts, or one student's.
    pub fn discounts(&self, year_id: Uuid, student_id: Option<Uuid>) -> Result<Vec<Discount>> {
        match student_id {
            Some(student) => list_where(
                self.conn(),
                "year_id = ?1 AND student_id = ?2 ORDER BY granted_on",
                [year_id.to_string(), student.to_string()],
            ),
            None => list_where(
                self.conn(),
                "year_id = ?1 ORDER BY granted_on",
                [year_id.to_string()],
            ),
        }
    }

    /// The students enrolled in a year (in any of its classrooms, still there), with their
    /// grade and family, eldest first.
    pub fn billable_students(&self, year_id: Uuid) -> Result<Vec<Billable>> {
        let sql = "SELECT s.id, s.admission_number, s.name_ar, s.name_en, s.birth_date, c.grade_id,
                (SELECT sg.guardian_id FROM student_guardians sg
                  WHERE sg.student_id = s.id AND sg.deleted = 0
                  ORDER BY sg.is_primary DESC, sg.rowid LIMIT 1)
             FROM enrollments e
             JOIN students s ON s.id = e.student_id AND s.deleted = 0
             JOIN classrooms c ON c.id = e.classroom_id
            WHERE e.year_id = ?1 AND e.deleted = 0 AND e.left_on IS NULL
              AND s.status = 'active'
            GROUP BY s.id
            ORDER BY s.birth_date, s.admission_number";
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map([year_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let uuid = |text: &str| {
            Uuid::parse_str(text).map_err(|_| StoreError::InvalidValue {
                column: "id".into(),
                value: text.chars().take(40).collect(),
            })
        };
        let mut out = Vec::new();
        for row in rows {
            let (id, number, name_ar, name_en, birth, grade, family) = row?;
            out.push(Billable {
                student_id: uuid(&id)?,
                admission_number: number,
                name_ar,
                name_en,
                birth_date: NaiveDate::parse_from_str(&birth, "%Y-%m-%d").map_err(|_| {
                    StoreError::InvalidValue {
                        column: "birth_date".into(),
                        value: birth.clone(),
                    }
                })?,
                grade_id: uuid(&grade)?,
                family: family.as_deref().map(uuid).transpose()?,
            });
        }
        Ok(out)
    }

    /// An invoice's lines in their order.
    pub fn invoice_lines(&self, invoice_id: Uuid) -> Result<Vec<InvoiceLine>> {
        crate::read::lines_of(self.conn(), invoice_id)
    }

    /// Whether an invoice with this id was ever issued.
    pub fn invoice_issued(&self, id: Uuid) -> Result<bool> {
        invoice_exists(self.conn(), id)
    }
}
