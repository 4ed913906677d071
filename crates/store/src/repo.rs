//! The typed repositories: one method a kind of write, each checking the record against
//! the rows it refers to before handing it to the change-capturing [`Writer::put`].

use std::collections::HashMap;

use daftar_domain::fees::{check_credit_transfer, check_refund};
use daftar_domain::setup::{check_bands, check_capacity, check_terms, check_total, check_unlocked};
use daftar_domain::validate::{check_enrolled, check_mark, check_payment, check_school_date};
use daftar_domain::*;
use rusqlite::OptionalExtension;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::read::{enrollment_of, find, get, list_where, money_of};
use crate::write::{Change, Mode, Writer};

/// Rows that many writes of one transaction consult; small, and dropped with the writer.
#[derive(Debug, Default)]
pub(crate) struct Lookups {
    years: HashMap<Uuid, AcademicYear>,
    holidays: HashMap<Uuid, Vec<Holiday>>,
    classrooms: HashMap<Uuid, Classroom>,
    assessments: HashMap<Uuid, Assessment>,
}

fn dates_within(
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    year: &AcademicYear,
) -> Result<()> {
    for date in [start, end] {
        if date < year.start_date || date > year.end_date {
            return Err(DomainError::DateOutsideYear {
                date,
                year: year.name.clone(),
            }
            .into());
        }
    }
    Ok(())
}

impl Writer<'_> {
    fn year(&mut self, id: Uuid) -> Result<AcademicYear> {
        if let Some(y) = self.lookups.years.get(&id) {
            return Ok(y.clone());
        }
        let year: AcademicYear = get(&self.tx, id)?;
        self.lookups.years.insert(id, year.clone());
        Ok(year)
    }

    fn holidays(&mut self, year_id: Uuid) -> Result<Vec<Holiday>> {
        if let Some(h) = self.lookups.holidays.get(&year_id) {
            return Ok(h.clone());
        }
        let holidays: Vec<Holiday> = list_where(&self.tx, "year_id = ?1", [year_id.to_string()])?;
        self.lookups.holidays.insert(year_id, holidays.clone());
        Ok(holidays)
    }

    fn classroom(&mut self, id: Uuid) -> Result<Classroom> {
        if let Some(c) = self.lookups.classrooms.get(&id) {
            return Ok(c.clone());
        }
        let classroom: Classroom = get(&self.tx, id)?;
        self.lookups.classrooms.insert(id, classroom.clone());
        Ok(classroom)
    }

    fn assessment(&mut self, id: Uuid) -> Result<Assessment> {
        if let Some(a) = self.lookups.assessments.get(&id) {
            return Ok(a.clone());
        }
        let assessment: Assessment = get(&self.tx, id)?;
        self.lookups.assessments.insert(id, assessment.clone());
        Ok(assessment)
    }

    fn school_date(&mut self, date: chrono::NaiveDate, year_id: Uuid) -> Result<()> {
        let year = self.year(year_id)?;
        let holidays = self.holidays(year_id)?;
        Ok(check_school_date(date, &year, &holidays)?)
    }

    fn exists<T: Entity>(&self, id: Uuid) -> Result<()> {
        let sql = format!("SELECT 1 FROM {} WHERE id = ?1 AND deleted = 0", T::TABLE);
        let found: Option<i64> = self
            .tx
            .prepare_cached(&sql)?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?;
        found.map(|_| ()).ok_or_else(|| StoreError::NotFound {
            entity: T::TABLE,
            id: id.to_string(),
        })
    }

    pub fn get<T: Entity>(&self, id: Uuid) -> Result<T> {
        get(&self.tx, id)
    }

    pub fn find<T: Entity>(&self, id: Uuid) -> Result<Option<T>> {
        find(&self.tx, id)
    }

    /// How many live rows of `table` have `column` equal to `id`: what archiving the
    /// record `id` would leave pointing at nothing. Table and column come from code.
    pub fn uses(&self, table: &'static str, column: &'static str, id: Uuid) -> Result<u32> {
        let sql = format!("SELECT count(*) FROM {table} WHERE {column} = ?1 AND deleted = 0");
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([id.to_string()], |r| r.get(0))?)
    }

    /// The ids of the live rows of `table` whose `column` is `id`.
    pub fn ids_where(
        &self,
        table: &'static str,
        column: &'static str,
        id: Uuid,
    ) -> Result<Vec<Uuid>> {
        let sql = format!("SELECT id FROM {table} WHERE {column} = ?1 AND deleted = 0");
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let ids = stmt.query_map([id.to_string()], |r| r.get::<_, String>(0))?;
        ids.map(|id| {
            let id = id?;
            Uuid::parse_str(&id).map_err(|_| StoreError::Corrupt(format!("{table}: id {id}")))
        })
        .collect()
    }

    pub fn save_school(&mut self, school: &School) -> Result<Change> {
        self.put(school, Mode::Upsert)
    }

    /// Save a year; making it the current one makes every other year not current. New
    /// dates may not leave attendance already taken outside the year.
    pub fn save_year(&mut self, year: &AcademicYear) -> Result<Change> {
        year.validate()?;
        let outside: u32 = self.tx.query_row(
            "SELECT count(*) FROM attendance a JOIN classrooms c ON c.id = a.classroom_id
             WHERE c.year_id = ?1 AND a.deleted = 0 AND (a.date < ?2 OR a.date > ?3)",
            (
                year.id.to_string(),
                year.start_date.to_string(),
                year.end_date.to_string(),
            ),
            |r| r.get(0),
        )?;
        if outside > 0 {
            return Err(DomainError::DatesInUse { records: outside }.into());
        }
        self.lookups.years.remove(&year.id);
        let change = self.put_validated(year, Mode::Upsert)?;
        if year.is_current {
            let others: Vec<AcademicYear> = list_where(
                &self.tx,
                "is_current = 1 AND id != ?1",
                [year.id.to_string()],
            )?;
            for mut other in others {
                other.is_current = false;
                self.lookups.years.remove(&other.id);
                self.put(&other, Mode::Update)?;
            }
        }
        Ok(change)
    }

    pub fn save_term(&mut self, term: &Term) -> Result<Change> {
        term.validate()?;
        let year = self.year(term.year_id)?;
        dates_within(term.start_date, term.end_date, &year)?;
        let others: Vec<Term> = list_where(&self.tx, "year_id = ?1", [term.year_id.to_string()])?;
        check_terms(term, &others)?;
        self.put_validated(term, Mode::Upsert)
    }

    pub fn save_holiday(&mut self, holiday: &Holiday) -> Result<Change> {
        holiday.validate()?;
        let year = self.year(holiday.year_id)?;
        dates_within(holiday.start_date, holiday.end_date, &year)?;
        self.lookups.holidays.remove(&holiday.year_id);
        self.put_validated(holiday, Mode::Upsert)
    }

    pub fn save_grade(&mut self, grade: &GradeLevel) -> Result<Change> {
        self.put(grade, Mode::Upsert)
    }

    pub fn save_classroom(&mut self, classroom: &Classroom) -> Result<Change> {
        self.year(classroom.year_id)?;
        self.exists::<GradeLevel>(classroom.grade_id)?;
        if let Some(teacher) = classroom.homeroom_teacher_id {
            self.exists::<Staff>(teacher)?;
        }
        let students: u32 = self.tx.query_row(
            "SELECT count(*) FROM enrollments WHERE classroom_id = ?1 AND deleted = 0 AND left_on IS NULL",
            [classroom.id.to_string()],
            |r| r.get(0),
        )?;
        check_capacity(classroom, students)?;
        self.lookups.classrooms.remove(&classroom.id);
        self.put(classroom, Mode::Upsert)
    }

    /// Save a subject; its code is the school's own and unique (in any case).
    pub fn save_subject(&mut self, subject: &Subject) -> Result<Change> {
        subject.validate()?;
        for id in subject.grades() {
            self.exists::<GradeLevel>(id)?;
        }
        let taken: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT id FROM subjects WHERE upper(code) = upper(?1) AND deleted = 0 AND id != ?2",
            )?
            .query_row((subject.code.trim(), subject.id.to_string()), |r| r.get(0))
            .optional()?;
        if taken.is_some() {
            return Err(DomainError::DuplicateSubjectCode {
                code: subject.code.trim().to_string(),
            }
            .into());
        }
        self.put_validated(subject, Mode::Upsert)
    }

    /// Archive a grade level (a tombstone); refused while a classroom is in it.
    pub fn archive_grade(&mut self, id: Uuid) -> Result<Change> {
        let grade: GradeLevel = self.get(id)?;
        let classrooms: u32 = self.tx.query_row(
            "SELECT count(*) FROM classrooms WHERE grade_id = ?1 AND deleted = 0",
            [id.to_string()],
            |r| r.get(0),
        )?;
        if classrooms > 0 {
            return Err(DomainError::GradeInUse {
                grade: grade.name_en,
                classrooms,
            }
            .into());
        }
        self.delete::<GradeLevel>(id)
    }

    pub fn save_staff(&mut self, staff: &Staff) -> Result<Change> {
        self.put(staff, Mode::Upsert)
    }

    pub fn save_assignment(&mut self, assignment: &TeachingAssignment) -> Result<Change> {
        self.exists::<Staff>(assignment.staff_id)?;
        self.classroom(assignment.classroom_id)?;
        self.exists::<Subject>(assignment.subject_id)?;
        self.put(assignment, Mode::Upsert)
    }

    fn check_admission_number(&self, student: &Student) -> Result<()> {
        let other: Option<String> = self
            .tx
            .prepare_cached("SELECT id FROM students WHERE admission_number = ?1 AND deleted = 0 AND id != ?2 LIMIT 1")?
            .query_row((student.admission_number.trim(), student.id.to_string()), |r| r.get(0))
            .optional()?;
        match other {
            Some(_) => Err(StoreError::DuplicateAdmissionNumber {
                number: student.admission_number.clone(),
            }),
            None => Ok(()),
        }
    }

    pub fn create_student(&mut self, student: &Student) -> Result<Change> {
        student.validate()?;
        self.check_admission_number(student)?;
        self.put_validated(student, Mode::Insert)
    }

    pub fn update_student(&mut self, student: &Student) -> Result<Change> {
        student.validate()?;
        self.check_admission_number(student)?;
        self.put_validated(student, Mode::Update)
    }

    /// The guardians linked to a student, the primary one first.
    pub fn guardians_of(&self, student_id: Uuid) -> Result<Vec<crate::GuardianLink>> {
        crate::read::guardian_links(&self.tx, student_id)
    }

    /// A guardian whose phone has the same digits, however it is spaced.
    pub fn guardian_by_phone(&self, phone: &str) -> Result<Option<Guardian>> {
        let digits = phone_digits(phone);
        if digits.chars().count() < 3 {
            return Ok(None);
        }
        let candidates: Vec<Guardian> = list_where(
            &self.tx,
            "rowid IN (SELECT rowid FROM guardians_trigram WHERE guardians_trigram MATCH ?1)",
            [format!("\"{digits}\"")],
        )?;
        Ok(candidates
            .into_iter()
            .find(|g| phone_digits(&g.phone) == digits))
    }

    pub fn save_guardian(&mut self, guardian: &Guardian) -> Result<Change> {
        self.put(guardian, Mode::Upsert)
    }

    pub fn link_guardian(&mut self, link: &StudentGuardian) -> Result<Change> {
        self.exists::<Student>(link.student_id)?;
        self.exists::<Guardian>(link.guardian_id)?;
        self.put(link, Mode::Upsert)
    }

    /// Enroll a student for a year; a second enrollment in the same year is refused (move
    /// the student with [`Writer::update_enrollment`] instead).
    pub fn enroll(&mut self, enrollment: &Enrollment) -> Result<Change> {
        enrollment.validate()?;
        let student: Student = self.get(enrollment.student_id)?;
        let year = self.year(enrollment.year_id)?;
        let classroom = self.classroom(enrollment.classroom_id)?;
        if enrollment.id != Enrollment::natural_id(enrollment.student_id, enrollment.year_id)
            || classroom.year_id != year.id
        {
            return Err(DomainError::InvalidFormat {
                field: "enrollment",
                value: enrollment.id.to_string(),
            }
            .into());
        }
        if enrollment_of(&self.tx, enrollment.student_id, enrollment.year_id)?.is_some() {
            return Err(StoreError::DuplicateEnrollment {
                student: student.admission_number,
                year: year.name,
            });
        }
        dates_within(
            enrollment.enrolled_on,
            enrollment.left_on.unwrap_or(enrollment.enrolled_on),
            &year,
        )?;
        self.put_validated(enrollment, Mode::Insert)
    }

    pub fn update_enrollment(&mut self, enrollment: &Enrollment) -> Result<Change> {
        enrollment.validate()?;
        let year = self.year(enrollment.year_id)?;
        let classroom = self.classroom(enrollment.classroom_id)?;
        if classroom.year_id != year.id {
            return Err(DomainError::InvalidFormat {
                field: "classroom_id",
                value: classroom.id.to_string(),
            }
            .into());
        }
        dates_within(
            enrollment.enrolled_on,
            enrollment.left_on.unwrap_or(enrollment.enrolled_on),
            &year,
        )?;
        self.put_validated(enrollment, Mode::Update)
    }

    /// Record a student's attendance: only for a school day of the classroom's year, and only
    /// for a student enrolled in that classroom on that day.
    pub fn save_attendance(&mut self, record: &Attendance) -> Result<Change> {
        record.validate()?;
        if record.id != Attendance::natural_id(record.student_id, record.date, record.period) {
            return Err(DomainError::InvalidFormat {
                field: "attendance",
                value: record.id.to_string(),
            }
            .into());
        }
        let classroom = self.classroom(record.classroom_id)?;
        self.school_date(record.date, classroom.year_id)?;
        let enrollment = enrollment_of(&self.tx, record.student_id, classroom.year_id)?;
        if enrollment
            .as_ref()
            .is_none_or(|e| !(e.classroom_id == record.classroom_id && e.covers(record.date)))
        {
            let student: Option<Student> = self.find(record.student_id)?;
            let label =
                student.map_or_else(|| record.student_id.to_string(), |s| s.admission_number);
            check_enrolled(record, enrollment.as_ref(), &label, &classroom.name_en)?;
        }
        self.put_validated(record, Mode::Upsert)
    }

    pub fn save_assessment(&mut self, assessment: &Assessment) -> Result<Change> {
        assessment.validate()?;
        let classroom = self.classroom(assessment.classroom_id)?;
        self.exists::<Subject>(assessment.subject_id)?;
        let term: Term = self.get(assessment.term_id)?;
        if term.year_id != classroom.year_id {
            return Err(DomainError::InvalidFormat {
                field: "term_id",
                value: term.id.to_string(),
            }
            .into());
        }
        self.school_date(assessment.date, classroom.year_id)?;
        check_unlocked(&term)?;
        if let Some(before) = self.find::<Assessment>(assessment.id)? {
            // Moving an assessment out of a locked term changes that term's marks too.
            if before.term_id != term.id {
                check_unlocked(&self.get::<Term>(before.term_id)?)?;
            }
        }
        let highest: Option<f64> = self.tx.query_row(
            "SELECT max(mark) FROM results WHERE assessment_id = ?1 AND deleted = 0",
            [assessment.id.to_string()],
            |r| r.get(0),
        )?;
        check_total(assessment, highest)?;
        self.lookups.assessments.remove(&assessment.id);
        self.put_validated(assessment, Mode::Upsert)
    }

    /// Record a mark: within the assessment's total, for a student of its classroom.
    pub fn save_result(&mut self, result: &AssessmentResult) -> Result<Change> {
        result.validate()?;
        if result.id != AssessmentResult::natural_id(result.assessment_id, result.student_id) {
            return Err(DomainError::InvalidFormat {
                field: "result",
                value: result.id.to_string(),
            }
            .into());
        }
        let assessment = self.assessment(result.assessment_id)?;
        check_mark(result.mark, &assessment)?;
        check_unlocked(&self.get::<Term>(assessment.term_id)?)?;
        let classroom = self.classroom(assessment.classroom_id)?;
        let enrolled = enrollment_of(&self.tx, result.student_id, classroom.year_id)?
            .is_some_and(|e| e.classroom_id == classroom.id);
        if !enrolled {
            let student: Student = self.get(result.student_id)?;
            return Err(DomainError::NotEnrolled {
                student: student.admission_number,
                classroom: classroom.name_en,
                date: assessment.date,
            }
            .into());
        }
        self.put_validated(result, Mode::Upsert)
    }

    /// A student's term remarks: one row per student and term, for a student of the classroom.
    pub fn save_term_remark(&mut self, remark: &TermRemark) -> Result<Change> {
        remark.validate()?;
        if remark.id != TermRemark::natural_id(remark.student_id, remark.term_id) {
            return Err(DomainError::InvalidFormat {
                field: "term_remark",
                value: remark.id.to_string(),
            }
            .into());
        }
        let term: Term = self.get(remark.term_id)?;
        let classroom = self.classroom(remark.classroom_id)?;
        let enrolled = enrollment_of(&self.tx, remark.student_id, classroom.year_id)?
            .is_some_and(|e| e.classroom_id == classroom.id && classroom.year_id == term.year_id);
        if !enrolled {
            let student: Student = self.get(remark.student_id)?;
            return Err(DomainError::NotEnrolled {
                student: student.admission_number,
                classroom: classroom.name_en,
                date: term.end_date,
            }
            .into());
        }
        self.put_validated(remark, Mode::Upsert)
    }

    pub fn save_grade_band(&mut self, band: &GradeBand) -> Result<Change> {
        self.put(band, Mode::Upsert)
    }

    /// Replace the school's grade bands with `ranges`, which must cover 0–100 once: the
    /// bands kept are updated in place (by their lower bound), the others archived.
    pub fn replace_grade_bands(&mut self, ranges: &[BandRange]) -> Result<()> {
        let ranges = check_bands(ranges)?;
        let existing: Vec<GradeBand> = list_where(&self.tx, "1 = 1", [])?;
        let mut kept = Vec::new();
        for range in &ranges {
            let id = existing
                .iter()
                .find(|b| (b.min_percent - range.min).abs() < 1e-9)
                .map_or_else(new_id, |b| b.id);
            kept.push(id);
            self.put(
                &GradeBand {
                    id,
                    min_percent: range.min,
                    label_ar: range.label_ar.trim().to_string(),
                    label_en: range.label_en.trim().to_string(),
                },
                Mode::Upsert,
            )?;
        }
        for band in existing.iter().filter(|b| !kept.contains(&b.id)) {
            self.delete::<GradeBand>(band.id)?;
        }
        Ok(())
    }

    pub fn save_fee_structure(&mut self, fee: &FeeStructure) -> Result<Change> {
        self.year(fee.year_id)?;
        if let Some(grade) = fee.grade_id {
            self.exists::<GradeLevel>(grade)?;
        }
        self.put(fee, Mode::Upsert)
    }

    pub fn save_invoice(&mut self, invoice: &Invoice) -> Result<Change> {
        self.exists::<Student>(invoice.student_id)?;
        self.year(invoice.year_id)?;
        if let Some(fee) = invoice.fee_structure_id {
            self.exists::<FeeStructure>(fee)?;
        }
        // An invoice may not shrink below what has already been paid on it.
        let paid = match self.find::<Invoice>(invoice.id)? {
            Some(stored) => money_of(&self.tx, &stored)?.paid(),
            None => 0,
        };
        if invoice.amount < paid {
            return Err(DomainError::PaymentAboveBalance {
                amount: paid,
                balance: invoice.amount,
            }
            .into());
        }
        self.put(invoice, Mode::Upsert)
    }

    /// What a live invoice still asks; a voided one is refused.
    fn live_balance(&self, invoice_id: Uuid) -> Result<i64> {
        let invoice: Invoice = self.get(invoice_id)?;
        if invoice.voided_on.is_some() {
            return Err(DomainError::InvoiceVoided {
                number: invoice.number,
            }
            .into());
        }
        Ok(money_of(&self.tx, &invoice)?.due())
    }

    /// Records a refund of what was paid on an invoice (voided or not), never more.
    pub fn record_refund(&mut self, refund: &Refund) -> Result<Change> {
        refund.validate()?;
        let invoice: Invoice = self.get(refund.invoice_id)?;
        check_refund(refund.amount, money_of(&self.tx, &invoice)?.paid())?;
        self.put_validated(refund, Mode::Insert)
    }

    /// Moves family credit from an invoice paid beyond what it asks to a live one of the
    /// same family (the caller checks the family), never more than either; moving the same
    /// credit again adds to the one transfer between the two.
    pub fn apply_credit(&mut self, transfer: &CreditTransfer) -> Result<Change> {
        transfer.validate()?;
        let from: Invoice = self.get(transfer.from_invoice_id)?;
        let surplus = money_of(&self.tx, &from)?.surplus();
        let due = self.live_balance(transfer.to_invoice_id)?;
        check_credit_transfer(transfer.amount, surplus, due)?;
        let mut row = transfer.clone();
        if let Some(earlier) = self.find::<CreditTransfer>(transfer.id)? {
            row.amount += earlier.amount;
        }
        self.put_validated(&row, Mode::Upsert)
    }

    /// Record a payment: never on a voided invoice, never more than what is still owed
    /// unless it pays it all and keeps the rest, knowingly, as the family's credit.
    pub fn record_payment(&mut self, payment: &Payment) -> Result<Change> {
        payment.validate()?;
        let balance = self.live_balance(payment.invoice_id)?;
        check_payment(payment.amount - payment.surplus, balance)?;
        if payment.surplus > 0 && payment.amount - payment.surplus != balance {
            return Err(DomainError::PaymentAboveBalance {
                amount: payment.amount,
                balance,
            }
            .into());
        }
        self.put_validated(payment, Mode::Insert)
    }

    /// Voids an invoice that nothing was paid on (a paid one is credited instead), with its
    /// reason; voiding it again changes nothing.
    pub fn void_invoice(
        &mut self,
        invoice_id: Uuid,
        on: chrono::NaiveDate,
        reason: &str,
    ) -> Result<Invoice> {
        let mut invoice: Invoice = self.get(invoice_id)?;
        if invoice.voided_on.is_some() {
            return Ok(invoice);
        }
        if money_of(&self.tx, &invoice)?.paid() > 0 {
            return Err(DomainError::InvoiceHasPayments {
                number: invoice.number,
            }
            .into());
        }
        invoice.voided_on = Some(on);
        invoice.void_reason = Some(reason.trim().to_string());
        self.put(&invoice, Mode::Update)?;
        Ok(invoice)
    }

    /// Issues a credit note on a live invoice: never more than what it still asks.
    pub fn issue_credit_note(&mut self, note: &CreditNote) -> Result<Change> {
        note.validate()?;
        let balance = self.live_balance(note.invoice_id)?;
        if note.amount > balance {
            return Err(DomainError::CreditAboveBalance {
                amount: note.amount,
                balance,
            }
            .into());
        }
        self.put_validated(note, Mode::Insert)
    }

    pub fn save_announcement(&mut self, announcement: &Announcement) -> Result<Change> {
        if let Some(classroom) = announcement.classroom_id {
            self.classroom(classroom)?;
        }
        self.put(announcement, Mode::Upsert)
    }

    pub fn record_audit(&mut self, entry: &AuditEntry) -> Result<Change> {
        self.put(entry, Mode::Insert)
    }
}
