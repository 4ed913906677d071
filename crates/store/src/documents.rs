//! Reading what printed documents need, in a few queries each: a classroom's term for its
//! report cards, a classroom's month for its register, a payment for its receipt.

use std::collections::HashMap;

use chrono::NaiveDate;
use daftar_domain::*;
use uuid::Uuid;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::read::{AttendanceSummary, get, guardian_links, list_where};

/// A classroom's term: its students, subjects, assessments, marks, attendance and remarks.
#[derive(Debug, Clone)]
pub struct ClassroomTerm {
    pub school: School,
    pub year: AcademicYear,
    pub term: Term,
    pub classroom: Classroom,
    pub grade: GradeLevel,
    pub homeroom_teacher: Option<Staff>,
    /// Students enrolled in the classroom at any time during the term, by English name.
    pub students: Vec<Student>,
    /// Subjects taught in the classroom or assessed in it this term, by code.
    pub subjects: Vec<Subject>,
    /// This term's assessments of the classroom, by date.
    pub assessments: Vec<Assessment>,
    pub results: Vec<AssessmentResult>,
    /// Daily attendance (period 0) in the classroom during the term, by student.
    pub attendance: HashMap<Uuid, AttendanceSummary>,
    pub remarks: Vec<TermRemark>,
    /// The grade scale, highest band first.
    pub bands: Vec<GradeBand>,
}

/// A classroom's month: who was enrolled, the school days and the daily marks.
#[derive(Debug, Clone)]
pub struct ClassroomMonth {
    pub school: School,
    pub year: AcademicYear,
    pub classroom: Classroom,
    pub grade: GradeLevel,
    pub homeroom_teacher: Option<Staff>,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Students enrolled on any day of the month, by English name.
    pub students: Vec<Student>,
    /// The school days of the month (weekends and holidays left out).
    pub school_days: Vec<NaiveDate>,
    /// Daily attendance (period 0) of the month.
    pub attendance: Vec<Attendance>,
}

/// A payment with what its receipt prints.
#[derive(Debug, Clone)]
pub struct PaymentReceipt {
    pub school: School,
    pub payment: Payment,
    pub invoice: Invoice,
    pub student: Student,
    pub classroom: Option<Classroom>,
    pub guardian: Option<Guardian>,
    pub received_by: Option<Staff>,
    /// Paid on the invoice before this payment (earlier date, or same date and earlier number).
    pub paid_before: i64,
    /// The paid invoice's lines, for the VAT it carries.
    pub lines: Vec<InvoiceLine>,
}

impl Store {
    fn school_required(&self) -> Result<School> {
        self.school()?.ok_or_else(|| StoreError::NotFound {
            entity: "schools",
            id: "(none yet)".into(),
        })
    }

    fn students_enrolled(
        &self,
        classroom_id: Uuid,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Student>> {
        list_where::<Student, _>(
            self.conn(),
            "id IN (SELECT e.student_id FROM enrollments e WHERE e.classroom_id = ?1 AND e.deleted = 0
                    AND e.enrolled_on <= ?3 AND (e.left_on IS NULL OR e.left_on >= ?2))
             ORDER BY name_en, admission_number",
            (classroom_id.to_string(), from.to_string(), to.to_string()),
        )
    }

    fn homeroom(&self, classroom: &Classroom) -> Result<Option<Staff>> {
        classroom
            .homeroom_teacher_id
            .map(|id| self.find::<Staff>(id))
            .transpose()
            .map(Option::flatten)
    }

    /// Everything the report cards of `classroom_id` for `term_id` print.
    pub fn classroom_term(&self, classroom_id: Uuid, term_id: Uuid) -> Result<ClassroomTerm> {
        let conn = self.conn();
        let classroom: Classroom = get(conn, classroom_id)?;
        let term: Term = get(conn, term_id)?;
        let year: AcademicYear = get(conn, term.year_id)?;
        let grade: GradeLevel = get(conn, classroom.grade_id)?;
        let (c, t) = (classroom_id.to_string(), term_id.to_string());
        let assessments = list_where::<Assessment, _>(
            conn,
            "classroom_id = ?1 AND term_id = ?2 ORDER BY date, name_en",
            (&c, &t),
        )?;
        let subjects = list_where::<Subject, _>(
            conn,
            "id IN (SELECT subject_id FROM teaching_assignments WHERE classroom_id = ?1 AND deleted = 0
                    UNION SELECT subject_id FROM assessments WHERE classroom_id = ?1 AND term_id = ?2 AND deleted = 0)
             ORDER BY code",
            (&c, &t),
        )?;
        let results = list_where::<AssessmentResult, _>(
            conn,
            "assessment_id IN (SELECT id FROM assessments WHERE classroom_id = ?1 AND term_id = ?2 AND deleted = 0)",
            (&c, &t),
        )?;
        let remarks =
            list_where::<TermRemark, _>(conn, "classroom_id = ?1 AND term_id = ?2", (&c, &t))?;
        let mut attendance: HashMap<Uuid, AttendanceSummary> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT student_id, status, COUNT(*) FROM attendance
             WHERE classroom_id = ?1 AND date BETWEEN ?2 AND ?3 AND period = 0 AND deleted = 0
             GROUP BY student_id, status",
        )?;
        let rows = stmt.query_map(
            (&c, term.start_date.to_string(), term.end_date.to_string()),
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?;
        for row in rows {
            let (student, status, n) = row?;
            let student: Uuid = student
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("attendance student id {student}")))?;
            let summary = attendance.entry(student).or_default();
            match status.parse()? {
                AttendanceStatus::Present => summary.present += n,
                AttendanceStatus::Absent => summary.absent += n,
                AttendanceStatus::Late => summary.late += n,
                AttendanceStatus::Excused => summary.excused += n,
            }
        }
        let mut bands = self.list::<GradeBand>()?;
        bands.sort_by(|a, b| b.min_percent.total_cmp(&a.min_percent));
        Ok(ClassroomTerm {
            school: self.school_required()?,
            students: self.students_enrolled(classroom_id, term.start_date, term.end_date)?,
            homeroom_teacher: self.homeroom(&classroom)?,
            year,
            term,
            classroom,
            grade,
            subjects,
            assessments,
            results,
            attendance,
            remarks,
            bands,
        })
    }

    /// Everything the attendance register of `classroom_id` for the month starting
    /// `first_day` prints.
    pub fn classroom_month(
        &self,
        classroom_id: Uuid,
        first_day: NaiveDate,
    ) -> Result<ClassroomMonth> {
        let conn = self.conn();
        let classroom: Classroom = get(conn, classroom_id)?;
        let year: AcademicYear = get(conn, classroom.year_id)?;
        let grade: GradeLevel = get(conn, classroom.grade_id)?;
        let last_day = first_day
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first_day);
        let holidays = self.holidays(year.id)?;
        let school_days = calendar::school_days(&year, &holidays)
            .into_iter()
            .filter(|d| first_day <= *d && *d <= last_day)
            .collect();
        let attendance = list_where::<Attendance, _>(
            conn,
            "classroom_id = ?1 AND date BETWEEN ?2 AND ?3 AND period = 0",
            (
                classroom_id.to_string(),
                first_day.to_string(),
                last_day.to_string(),
            ),
        )?;
        Ok(ClassroomMonth {
            school: self.school_required()?,
            students: self.students_enrolled(classroom_id, first_day, last_day)?,
            homeroom_teacher: self.homeroom(&classroom)?,
            year,
            classroom,
            grade,
            first_day,
            last_day,
            school_days,
            attendance,
        })
    }

    /// A payment by id, with what its receipt prints.
    pub fn payment_receipt(&self, payment_id: Uuid) -> Result<PaymentReceipt> {
        let conn = self.conn();
        let payment: Payment = get(conn, payment_id)?;
        let invoice: Invoice = get(conn, payment.invoice_id)?;
        let student: Student = get(conn, invoice.student_id)?;
        let paid_before: i64 = conn.query_row(
            "SELECT COALESCE(SUM(amount), 0) FROM payments
             WHERE invoice_id = ?1 AND deleted = 0 AND id <> ?2
               AND (paid_on < ?3 OR (paid_on = ?3 AND receipt_number < ?4))",
            (
                invoice.id.to_string(),
                payment.id.to_string(),
                payment.paid_on.to_string(),
                &payment.receipt_number,
            ),
            |r| r.get(0),
        )?;
        let classroom = match crate::read::enrollment_of(conn, student.id, invoice.year_id)? {
            Some(e) => self.find::<Classroom>(e.classroom_id)?,
            None => None,
        };
        let guardian = guardian_links(conn, student.id)?
            .into_iter()
            .next()
            .map(|g| g.guardian);
        Ok(PaymentReceipt {
            school: self.school_required()?,
            received_by: self.find::<Staff>(payment.received_by)?,
            lines: crate::read::lines_of(conn, invoice.id)?,
            payment,
            invoice,
            student,
            classroom,
            guardian,
            paid_before,
        })
    }

    /// A payment by its receipt number.
    pub fn payment_by_receipt_number(&self, number: &str) -> Result<Option<Payment>> {
        Ok(list_where::<Payment, _>(self.conn(), "receipt_number = ?1", [number.trim()])?.pop())
    }
}
