//! Reading: records by id, lists, and the views the school's screens and documents need.

use std::collections::HashMap;

use chrono::NaiveDate;
use daftar_domain::fees::InvoiceMoney;
use daftar_domain::*;
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, Params};
use serde::Serialize;
use serde_json::Value as Json;
use uuid::Uuid;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::values::row_record;
use crate::write::OutboxEntry;

fn select<T: Entity>() -> String {
    let names: Vec<&str> = T::COLUMNS.iter().map(|c| c.name).collect();
    format!("SELECT {} FROM {}", names.join(", "), T::TABLE)
}

pub(crate) fn decode<T: Entity>(values: Vec<Sql>) -> Result<T> {
    let map = row_record(T::COLUMNS, values)?;
    serde_json::from_value(Json::Object(map))
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", T::TABLE)))
}

/// Live records of `T` matching `clause`: a condition over the table's own columns,
/// optionally followed by `ORDER BY …` (and `LIMIT …`).
pub(crate) fn list_where<T: Entity, P: Params>(
    conn: &Connection,
    clause: &str,
    params: P,
) -> Result<Vec<T>> {
    // The last ORDER BY: one inside a subquery of the filter stays in the filter.
    let (filter, order) = match clause.rfind(" ORDER BY ") {
        Some(at) => clause.split_at(at),
        None => (clause, ""),
    };
    let sql = format!("{} WHERE deleted = 0 AND ({filter}){order}", select::<T>());
    let mut stmt = conn.prepare_cached(&sql)?;
    let n = T::COLUMNS.len();
    let rows = stmt.query_map(params, |row| {
        (0..n)
            .map(|i| row.get::<_, Sql>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    rows.map(|r| decode(r?)).collect()
}

pub(crate) fn find<T: Entity>(conn: &Connection, id: Uuid) -> Result<Option<T>> {
    Ok(list_where::<T, _>(conn, "id = ?1", [id.to_string()])?.pop())
}

pub(crate) fn get<T: Entity>(conn: &Connection, id: Uuid) -> Result<T> {
    find(conn, id)?.ok_or_else(|| StoreError::NotFound {
        entity: T::TABLE,
        id: id.to_string(),
    })
}

/// An academic year with its terms and holidays.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearDetail {
    pub year: AcademicYear,
    pub terms: Vec<Term>,
    pub holidays: Vec<Holiday>,
    pub school_days: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClassroomSummary {
    pub classroom: Classroom,
    pub grade: GradeLevel,
    pub students: i64,
    pub homeroom_teacher: Option<Staff>,
}

/// A student on a classroom's register for a date, with the mark already taken, if any.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RosterEntry {
    pub student_id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub status: Option<AttendanceStatus>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceSummary {
    pub present: i64,
    pub absent: i64,
    pub late: i64,
    pub excused: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EnrollmentDetail {
    pub enrollment: Enrollment,
    pub year_name: String,
    pub classroom: Classroom,
    pub grade: GradeLevel,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GuardianLink {
    pub link: StudentGuardian,
    pub guardian: Guardian,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultDetail {
    pub result: AssessmentResult,
    pub assessment: Assessment,
    pub subject: Subject,
    pub term: Term,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceDetail {
    pub invoice: Invoice,
    /// What was paid on it and stays there (payments and family credit moved in, less
    /// refunds and credit moved on).
    pub paid: i64,
    /// What its credit notes take off.
    pub credited: i64,
    pub refunded: i64,
    /// What is left to pay; below zero, the family's credit on it (a voided invoice owes
    /// back what was paid on it).
    pub balance: i64,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub refunds: Vec<Refund>,
    /// Family credit moved onto it or from it.
    pub credit_moved: Vec<CreditTransfer>,
    pub lines: Vec<InvoiceLine>,
}

/// Everything a student's profile shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StudentDetail {
    pub student: Student,
    pub guardians: Vec<GuardianLink>,
    pub enrollments: Vec<EnrollmentDetail>,
    /// Attendance this academic year.
    pub attendance: AttendanceSummary,
    pub results: Vec<ResultDetail>,
    pub invoices: Vec<InvoiceDetail>,
}

/// A student as exported: the record, this year's placement and the primary guardian.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StudentExportRow {
    pub student: Student,
    pub grade: Option<GradeLevel>,
    pub classroom: Option<Classroom>,
    pub guardian: Option<Guardian>,
}

pub(crate) fn current_year(conn: &Connection) -> Result<Option<AcademicYear>> {
    let mut years =
        list_where::<AcademicYear, _>(conn, "is_current = 1 ORDER BY start_date DESC", [])?;
    Ok(if years.is_empty() {
        None
    } else {
        Some(years.swap_remove(0))
    })
}

pub(crate) fn enrollment_of(
    conn: &Connection,
    student_id: Uuid,
    year_id: Uuid,
) -> Result<Option<Enrollment>> {
    find(conn, Enrollment::natural_id(student_id, year_id))
}

/// The guardians linked to a student, the primary one first.
pub(crate) fn guardian_links(conn: &Connection, student_id: Uuid) -> Result<Vec<GuardianLink>> {
    list_where::<StudentGuardian, _>(
        conn,
        "student_id = ?1 ORDER BY is_primary DESC, rowid",
        [student_id.to_string()],
    )?
    .into_iter()
    .map(|link| {
        Ok(GuardianLink {
            guardian: get(conn, link.guardian_id)?,
            link,
        })
    })
    .collect()
}

/// An invoice with its payments, credit notes, refunds and family credit moved (oldest
/// first) and what is left to pay.
pub(crate) fn invoice_detail(conn: &Connection, invoice: Invoice) -> Result<InvoiceDetail> {
    let id = || [invoice.id.to_string()];
    let payments: Vec<Payment> = list_where(
        conn,
        "invoice_id = ?1 ORDER BY paid_on, receipt_number",
        id(),
    )?;
    let credit_notes: Vec<CreditNote> =
        list_where(conn, "invoice_id = ?1 ORDER BY issued_on, number", id())?;
    let refunds: Vec<Refund> =
        list_where(conn, "invoice_id = ?1 ORDER BY refunded_on, number", id())?;
    let credit_moved: Vec<CreditTransfer> = list_where(
        conn,
        "(from_invoice_id = ?1 OR to_invoice_id = ?1) ORDER BY applied_on, rowid",
        id(),
    )?;
    let lines = lines_of(conn, invoice.id)?;
    let moved = |into: bool| -> i64 {
        credit_moved
            .iter()
            .filter(|t| (t.to_invoice_id == invoice.id) == into)
            .map(|t| t.amount)
            .sum()
    };
    let money = InvoiceMoney {
        amount: invoice.amount,
        voided: invoice.voided_on.is_some(),
        credited: credit_notes.iter().map(|c| c.amount).sum(),
        payments: payments.iter().map(|p| p.amount).sum(),
        refunds: refunds.iter().map(|r| r.amount).sum(),
        credit_in: moved(true),
        credit_out: moved(false),
    };
    Ok(InvoiceDetail {
        paid: money.paid(),
        credited: money.credited,
        refunded: money.refunds,
        balance: money.balance(),
        invoice,
        payments,
        credit_notes,
        refunds,
        credit_moved,
        lines,
    })
}

/// An invoice's lines in their order.
pub(crate) fn lines_of(conn: &Connection, invoice_id: Uuid) -> Result<Vec<InvoiceLine>> {
    list_where(
        conn,
        "invoice_id = ?1 ORDER BY position",
        [invoice_id.to_string()],
    )
}

/// Everything that moved on a stored invoice, in one query.
pub(crate) fn money_of(conn: &Connection, invoice: &Invoice) -> Result<InvoiceMoney> {
    let (credited, payments, refunds, credit_in, credit_out) = conn.query_row(
        "SELECT (SELECT COALESCE(SUM(amount), 0) FROM credit_notes WHERE invoice_id = ?1 AND deleted = 0),
                (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE invoice_id = ?1 AND deleted = 0),
                (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE invoice_id = ?1 AND deleted = 0),
                (SELECT COALESCE(SUM(amount), 0) FROM credit_transfers WHERE to_invoice_id = ?1 AND deleted = 0),
                (SELECT COALESCE(SUM(amount), 0) FROM credit_transfers WHERE from_invoice_id = ?1 AND deleted = 0)",
        [invoice.id.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(InvoiceMoney {
        amount: invoice.amount,
        voided: invoice.voided_on.is_some(),
        credited,
        payments,
        refunds,
        credit_in,
        credit_out,
    })
}

impl Store {
    pub fn get<T: Entity>(&self, id: Uuid) -> Result<T> {
        get(self.conn(), id)
    }

    pub fn find<T: Entity>(&self, id: Uuid) -> Result<Option<T>> {
        find(self.conn(), id)
    }

    /// Every live record of a table, in the order written.
    pub fn list<T: Entity>(&self) -> Result<Vec<T>> {
        list_where(self.conn(), "1 ORDER BY rowid", [])
    }

    /// How many live rows of `table` have `column` equal to `value`. Table and column
    /// come from code.
    pub fn count_where(
        &self,
        table: &'static str,
        column: &'static str,
        value: impl ToString,
    ) -> Result<i64> {
        let sql = format!("SELECT count(*) FROM {table} WHERE {column} = ?1 AND deleted = 0");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([value.to_string()], |r| r.get(0))?)
    }

    pub fn school(&self) -> Result<Option<School>> {
        Ok(self.list::<School>()?.into_iter().next())
    }

    pub fn current_year(&self) -> Result<Option<AcademicYear>> {
        current_year(self.conn())
    }

    pub fn years(&self) -> Result<Vec<YearDetail>> {
        let years = list_where::<AcademicYear, _>(self.conn(), "1 ORDER BY start_date", [])?;
        years
            .into_iter()
            .map(|year| {
                let terms = self.terms(year.id)?;
                let holidays = self.holidays(year.id)?;
                let school_days = calendar::school_days(&year, &holidays).len();
                Ok(YearDetail {
                    year,
                    terms,
                    holidays,
                    school_days,
                })
            })
            .collect()
    }

    pub fn terms(&self, year_id: Uuid) -> Result<Vec<Term>> {
        list_where(
            self.conn(),
            "year_id = ?1 ORDER BY ordinal",
            [year_id.to_string()],
        )
    }

    pub fn holidays(&self, year_id: Uuid) -> Result<Vec<Holiday>> {
        list_where(
            self.conn(),
            "year_id = ?1 ORDER BY start_date",
            [year_id.to_string()],
        )
    }

    pub fn grades(&self) -> Result<Vec<GradeLevel>> {
        list_where(self.conn(), "1 ORDER BY ordinal", [])
    }

    /// The year's classrooms in grade order, with how many students each has.
    pub fn classrooms(&self, year_id: Uuid) -> Result<Vec<ClassroomSummary>> {
        let grades = self.grades()?;
        let classrooms: Vec<Classroom> = list_where(
            self.conn(),
            "year_id = ?1 ORDER BY name_en",
            [year_id.to_string()],
        )?;
        let mut count = self.conn().prepare_cached(
            "SELECT COUNT(*) FROM enrollments WHERE classroom_id = ?1 AND deleted = 0 AND left_on IS NULL",
        )?;
        let mut out = Vec::with_capacity(classrooms.len());
        for classroom in classrooms {
            let grade = grades
                .iter()
                .find(|g| g.id == classroom.grade_id)
                .cloned()
                .ok_or_else(|| StoreError::NotFound {
                    entity: "grade_levels",
                    id: classroom.grade_id.to_string(),
                })?;
            let students = count.query_row([classroom.id.to_string()], |r| r.get(0))?;
            let homeroom_teacher = classroom
                .homeroom_teacher_id
                .map(|id| find(self.conn(), id))
                .transpose()?
                .flatten();
            out.push(ClassroomSummary {
                classroom,
                grade,
                students,
                homeroom_teacher,
            });
        }
        out.sort_by(|a, b| {
            (a.grade.ordinal, &a.classroom.name_en).cmp(&(b.grade.ordinal, &b.classroom.name_en))
        });
        Ok(out)
    }

    /// A classroom of a year by its English or Arabic name (case-insensitive) or its id.
    pub fn classroom_named(&self, year_id: Uuid, name: &str) -> Result<Option<Classroom>> {
        if let Ok(id) = Uuid::parse_str(name.trim()) {
            return self.find(id);
        }
        let mut found: Vec<Classroom> = list_where(
            self.conn(),
            "year_id = ?1 AND (lower(name_en) = lower(?2) OR name_ar = ?2)",
            (year_id.to_string(), name.trim()),
        )?;
        Ok(found.pop())
    }

    pub fn grade_named(&self, name: &str) -> Result<Option<GradeLevel>> {
        let mut found: Vec<GradeLevel> = list_where(
            self.conn(),
            "lower(name_en) = lower(?1) OR name_ar = ?1",
            [name.trim()],
        )?;
        Ok(found.pop())
    }

    pub fn student_by_admission_number(&self, number: &str) -> Result<Option<Student>> {
        Ok(list_where::<Student, _>(self.conn(), "admission_number = ?1", [number.trim()])?.pop())
    }

    /// The students enrolled in a classroom on a date, by English name, with the marks
    /// already taken for that date and period.
    pub fn roster(
        &self,
        classroom_id: Uuid,
        date: NaiveDate,
        period: u8,
    ) -> Result<Vec<RosterEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id, s.admission_number, s.name_ar, s.name_en, a.status, a.note
             FROM enrollments e
             JOIN students s ON s.id = e.student_id AND s.deleted = 0
             LEFT JOIN attendance a ON a.student_id = s.id AND a.date = ?2 AND a.period = ?3 AND a.deleted = 0
             WHERE e.classroom_id = ?1 AND e.deleted = 0
               AND e.enrolled_on <= ?2 AND (e.left_on IS NULL OR e.left_on >= ?2)
             ORDER BY s.name_en, s.admission_number",
        )?;
        let rows = stmt.query_map((classroom_id.to_string(), date.to_string(), period), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get(5)?,
            ))
        })?;
        rows.map(|row| {
            let (id, admission_number, name_ar, name_en, status, note) = row?;
            Ok(RosterEntry {
                student_id: parse_id(&id)?,
                admission_number,
                name_ar,
                name_en,
                status: status.map(|s| s.parse()).transpose()?,
                note,
            })
        })
        .collect()
    }

    pub fn attendance_summary(
        &self,
        student_id: Uuid,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<AttendanceSummary> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT status, COUNT(*) FROM attendance
             WHERE student_id = ?1 AND date BETWEEN ?2 AND ?3 AND period = 0 AND deleted = 0 GROUP BY status",
        )?;
        let mut summary = AttendanceSummary::default();
        let rows = stmt.query_map(
            (student_id.to_string(), from.to_string(), to.to_string()),
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )?;
        for row in rows {
            let (status, n) = row?;
            match status.parse()? {
                AttendanceStatus::Present => summary.present = n,
                AttendanceStatus::Absent => summary.absent = n,
                AttendanceStatus::Late => summary.late = n,
                AttendanceStatus::Excused => summary.excused = n,
            }
        }
        Ok(summary)
    }

    pub fn student_detail(&self, student_id: Uuid) -> Result<StudentDetail> {
        let conn = self.conn();
        let student: Student = get(conn, student_id)?;
        let sid = student_id.to_string();
        let guardians = guardian_links(conn, student_id)?;
        let mut enrollments = Vec::new();
        for enrollment in list_where::<Enrollment, _>(conn, "student_id = ?1", [&sid])? {
            let year: AcademicYear = get(conn, enrollment.year_id)?;
            let classroom: Classroom = get(conn, enrollment.classroom_id)?;
            let grade = get(conn, classroom.grade_id)?;
            enrollments.push(EnrollmentDetail {
                enrollment,
                year_name: year.name,
                classroom,
                grade,
            });
        }
        enrollments.sort_by_key(|e| std::cmp::Reverse(e.enrollment.enrolled_on));
        let attendance = match current_year(conn)? {
            Some(y) => self.attendance_summary(student_id, y.start_date, y.end_date)?,
            None => AttendanceSummary::default(),
        };
        let mut results = Vec::new();
        for result in list_where::<AssessmentResult, _>(conn, "student_id = ?1", [&sid])? {
            let assessment: Assessment = get(conn, result.assessment_id)?;
            let subject = get(conn, assessment.subject_id)?;
            let term = get(conn, assessment.term_id)?;
            results.push(ResultDetail {
                result,
                assessment,
                subject,
                term,
            });
        }
        results.sort_by(|a, b| {
            (a.term.ordinal, &a.subject.code, a.assessment.date).cmp(&(
                b.term.ordinal,
                &b.subject.code,
                b.assessment.date,
            ))
        });
        let invoices =
            list_where::<Invoice, _>(conn, "student_id = ?1 ORDER BY issued_on", [&sid])?
                .into_iter()
                .map(|invoice| invoice_detail(conn, invoice))
                .collect::<Result<_>>()?;
        Ok(StudentDetail {
            student,
            guardians,
            enrollments,
            attendance,
            results,
            invoices,
        })
    }

    pub fn invoice_balance(&self, invoice_id: Uuid) -> Result<i64> {
        let invoice: Invoice = self.get(invoice_id)?;
        Ok(money_of(self.conn(), &invoice)?.balance())
    }

    /// Every student with this year's grade and classroom and the primary guardian, in
    /// admission-number order.
    pub fn students_for_export(&self) -> Result<Vec<StudentExportRow>> {
        let conn = self.conn();
        let year = current_year(conn)?;
        let students: Vec<Student> = list_where(conn, "1 ORDER BY admission_number", [])?;
        // A few dozen classrooms and grades serve thousands of students: read them once.
        let classrooms: HashMap<Uuid, Classroom> = self
            .list::<Classroom>()?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let grades: HashMap<Uuid, GradeLevel> =
            self.grades()?.into_iter().map(|g| (g.id, g)).collect();
        let mut rows = Vec::with_capacity(students.len());
        for student in students {
            let placement = match &year {
                Some(y) => enrollment_of(conn, student.id, y.id)?,
                None => None,
            };
            let missing = |entity, id: Uuid| StoreError::NotFound {
                entity,
                id: id.to_string(),
            };
            let classroom = placement
                .map(|e| {
                    classrooms
                        .get(&e.classroom_id)
                        .cloned()
                        .ok_or_else(|| missing("classrooms", e.classroom_id))
                })
                .transpose()?;
            let grade = classroom
                .as_ref()
                .map(|c| {
                    grades
                        .get(&c.grade_id)
                        .cloned()
                        .ok_or_else(|| missing("grade_levels", c.grade_id))
                })
                .transpose()?;
            let link = list_where::<StudentGuardian, _>(
                conn,
                "student_id = ?1 ORDER BY is_primary DESC, rowid LIMIT 1",
                [student.id.to_string()],
            )?
            .pop();
            let guardian = link.map(|l| get(conn, l.guardian_id)).transpose()?;
            rows.push(StudentExportRow {
                student,
                grade,
                classroom,
                guardian,
            });
        }
        Ok(rows)
    }

    /// Local changes not yet acknowledged by the cloud (refused ones too), oldest first.
    pub fn outbox(&self, limit: usize) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, mutation_id, table_name, row_id, base_version, changes, hlc, user_id, device_id, created_at, state
             FROM outbox ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], outbox_entry)?;
        rows.map(|r| r?).collect()
    }

    pub fn outbox_len(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?)
    }

    /// How many live rows a table holds.
    pub fn count(&self, table: &TableSpec) -> Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM {} WHERE deleted = 0", table.name);
        Ok(self.conn().query_row(&sql, [], |r| r.get(0))?)
    }

    /// The sync columns of a row: version, hlc, updated_by, deleted.
    pub fn sync_state(
        &self,
        table: &TableSpec,
        id: Uuid,
    ) -> Result<Option<(i64, String, String, bool)>> {
        let sql = format!(
            "SELECT version, hlc, updated_by, deleted FROM {} WHERE id = ?1",
            table.name
        );
        Ok(self
            .conn()
            .query_row(&sql, [id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? != 0))
            })
            .optional()?)
    }
}

/// An outbox row read by `SELECT seq, mutation_id, table_name, row_id, base_version,
/// changes, hlc, user_id, device_id, created_at, state`.
pub(crate) fn outbox_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<OutboxEntry>> {
    let text = |i: usize| r.get::<_, String>(i);
    let (mutation_id, row_id, changes, user_id, device_id) =
        (text(1)?, text(3)?, text(5)?, text(7)?, text(8)?);
    let entry = (|| {
        Ok(OutboxEntry {
            seq: r.get(0)?,
            mutation_id: parse_id(&mutation_id)?,
            table: text(2)?,
            row_id: parse_id(&row_id)?,
            base_version: r.get(4)?,
            changes: serde_json::from_str(&changes)?,
            hlc: text(6)?,
            user_id: parse_id(&user_id)?,
            device_id: parse_id(&device_id)?,
            created_at: text(9)?,
            state: text(10)?,
        })
    })();
    Ok(entry)
}

pub(crate) fn parse_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(format!("id {text:?}: {e}")))
}
