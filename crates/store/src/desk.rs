//! Reads the desktop's screens need beyond single records: one day's attendance across
//! classrooms, fee totals and invoice lists, the classrooms a teacher teaches, the
//! announcements a person should see.

use chrono::NaiveDate;
use daftar_domain::*;
use rusqlite::types::Value as Sql;
use serde::Serialize;
use uuid::Uuid;

use crate::InvoiceDetail;
use crate::Store;
use crate::error::Result;
use crate::read::{invoice_detail, list_where, parse_id};
use crate::search::Page;

/// A student not present on a day, for the dashboard.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Absentee {
    pub student_id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub classroom_ar: String,
    pub classroom_en: String,
    pub status: AttendanceStatus,
}

/// One day's whole-day registers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceDay {
    pub date: NaiveDate,
    pub present: i64,
    pub absent: i64,
    pub late: i64,
    pub excused: i64,
    /// Classrooms whose register was taken that day, of `classrooms`.
    pub taken: i64,
    pub classrooms: i64,
    pub absentees: Vec<Absentee>,
}

/// What a year's invoices come to, in the currency's minor units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeeTotals {
    pub invoiced: i64,
    pub paid: i64,
    pub outstanding: i64,
    /// Invoices past their due date with something left to pay.
    pub overdue: i64,
}

/// An invoice in a list, with its student and what is left to pay.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceRow {
    pub invoice: Invoice,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub paid: i64,
    pub balance: i64,
}

/// Which invoices a list shows.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceQuery {
    /// Invoice number, admission number or a student's name (as search keys match).
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub unpaid_only: bool,
    #[serde(default)]
    pub limit: usize,
    #[serde(default)]
    pub offset: usize,
}

/// `?N, ?M, …` for `ids`, each pushed onto `params`; `NULL` for none, so that an empty
/// `IN (…)` matches nothing.
pub(crate) fn id_list(ids: &[Uuid], params: &mut Vec<Sql>) -> String {
    let marks: Vec<String> = ids
        .iter()
        .map(|id| {
            params.push(Sql::Text(id.to_string()));
            format!("?{}", params.len())
        })
        .collect();
    if marks.is_empty() {
        "NULL".into()
    } else {
        marks.join(", ")
    }
}

impl Store {
    /// The classrooms of `year_id` a member of staff teaches: as homeroom teacher or by a
    /// teaching assignment.
    pub fn teacher_classrooms(&self, staff_id: Uuid, year_id: Uuid) -> Result<Vec<Uuid>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id FROM classrooms c
             WHERE c.deleted = 0 AND c.year_id = ?2 AND (c.homeroom_teacher_id = ?1 OR EXISTS (
                 SELECT 1 FROM teaching_assignments t
                 WHERE t.classroom_id = c.id AND t.staff_id = ?1 AND t.deleted = 0))
             ORDER BY c.name_en",
        )?;
        let rows = stmt.query_map((staff_id.to_string(), year_id.to_string()), |r| {
            r.get::<_, String>(0)
        })?;
        rows.map(|id| parse_id(&id?)).collect()
    }

    /// What a teacher works with in a year, for the role policy: their classrooms (taught
    /// or homeroom), the (classroom, subject) pairs they teach, and the students enrolled in
    /// those classrooms.
    pub fn teacher_reach(&self, staff_id: Uuid, year_id: Uuid) -> Result<Reach> {
        let classrooms = self.teacher_classrooms(staff_id, year_id)?;
        let conn = self.conn();
        let mut teaches = std::collections::HashSet::new();
        let mut stmt = conn.prepare_cached(
            "SELECT t.classroom_id, t.subject_id FROM teaching_assignments t
             JOIN classrooms c ON c.id = t.classroom_id AND c.deleted = 0 AND c.year_id = ?2
             WHERE t.staff_id = ?1 AND t.deleted = 0",
        )?;
        let rows = stmt.query_map((staff_id.to_string(), year_id.to_string()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (classroom, subject) = row?;
            teaches.insert((parse_id(&classroom)?, parse_id(&subject)?));
        }
        let mut enrolled = std::collections::HashSet::new();
        let mut params = Vec::new();
        let within = id_list(&classrooms, &mut params);
        let mut stmt = conn.prepare(&format!(
            "SELECT student_id, classroom_id FROM enrollments
             WHERE deleted = 0 AND classroom_id IN ({within})"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (student, classroom) = row?;
            enrolled.insert((parse_id(&student)?, parse_id(&classroom)?));
        }
        Ok(Reach {
            classrooms,
            teaches,
            enrolled,
        })
    }

    /// The latest day on or before `day` with any whole-day register taken.
    pub fn last_register_day(&self, day: NaiveDate) -> Result<Option<NaiveDate>> {
        let text: Option<String> = self.conn().query_row(
            "SELECT MAX(date) FROM attendance WHERE date <= ?1 AND period = 0 AND deleted = 0",
            [day.to_string()],
            |r| r.get(0),
        )?;
        Ok(text.and_then(|t| t.parse().ok()))
    }

    /// Whole-day attendance on `date` across `classrooms` (of the current year).
    pub fn attendance_day(&self, date: NaiveDate, classrooms: &[Uuid]) -> Result<AttendanceDay> {
        let conn = self.conn();
        let mut params = Vec::new();
        let within = id_list(classrooms, &mut params);
        params.push(Sql::Text(date.to_string()));
        let day = params.len();
        let mut day_total = AttendanceDay {
            date,
            present: 0,
            absent: 0,
            late: 0,
            excused: 0,
            taken: 0,
            classrooms: classrooms.len() as i64,
            absentees: Vec::new(),
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT status, COUNT(*) FROM attendance
             WHERE classroom_id IN ({within}) AND date = ?{day} AND period = 0 AND deleted = 0
             GROUP BY status"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (status, n) = row?;
            match status.parse()? {
                AttendanceStatus::Present => day_total.present = n,
                AttendanceStatus::Absent => day_total.absent = n,
                AttendanceStatus::Late => day_total.late = n,
                AttendanceStatus::Excused => day_total.excused = n,
            }
        }
        day_total.taken = conn.query_row(
            &format!(
                "SELECT COUNT(DISTINCT classroom_id) FROM attendance
                 WHERE classroom_id IN ({within}) AND date = ?{day} AND period = 0 AND deleted = 0"
            ),
            rusqlite::params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare(&format!(
            "SELECT s.id, s.admission_number, s.name_ar, s.name_en, c.name_ar, c.name_en, a.status
             FROM attendance a
             JOIN students s ON s.id = a.student_id
             JOIN classrooms c ON c.id = a.classroom_id
             WHERE a.classroom_id IN ({within}) AND a.date = ?{day} AND a.period = 0
               AND a.deleted = 0 AND a.status <> 'present'
             ORDER BY c.name_en, s.name_en"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        for row in rows {
            let (id, admission_number, name_ar, name_en, classroom_ar, classroom_en, status) = row?;
            day_total.absentees.push(Absentee {
                student_id: parse_id(&id)?,
                admission_number,
                name_ar,
                name_en,
                classroom_ar,
                classroom_en,
                status: status.parse()?,
            });
        }
        Ok(day_total)
    }

    /// What the invoices of `year_id` come to on `today`.
    pub fn fee_totals(&self, year_id: Uuid, today: NaiveDate) -> Result<FeeTotals> {
        Ok(self.conn().query_row(
            "WITH per_invoice AS (
                 SELECT m.amount - m.credited AS amount, i.due_on, m.paid
                 FROM invoices i JOIN invoice_money m ON m.invoice_id = i.id
                 WHERE i.year_id = ?1 AND i.deleted = 0 AND i.voided_on IS NULL)
             SELECT COALESCE(SUM(amount), 0), COALESCE(SUM(paid), 0),
                    COALESCE(SUM(amount - paid), 0),
                    COALESCE(SUM(due_on < ?2 AND amount > paid), 0)
             FROM per_invoice",
            (year_id.to_string(), today.to_string()),
            |r| {
                Ok(FeeTotals {
                    invoiced: r.get(0)?,
                    paid: r.get(1)?,
                    outstanding: r.get(2)?,
                    overdue: r.get(3)?,
                })
            },
        )?)
    }

    /// Invoices of `year_id`, those due first first, matching `query`.
    pub fn invoices(&self, year_id: Uuid, query: &InvoiceQuery) -> Result<Page<InvoiceRow>> {
        let limit = query.limit.clamp(1, 500);
        let mut params = vec![Sql::Text(year_id.to_string())];
        let mut conditions = vec!["i.year_id = ?1".to_string(), "i.deleted = 0".to_string()];
        let text = query.text.trim();
        if !text.is_empty() {
            let key = search_key(text);
            params.push(Sql::Text(text.to_string()));
            let exact = params.len();
            params.push(Sql::Text(format!("%{key}%")));
            let like = params.len();
            params.push(Sql::Text(format!("{}%", text.to_uppercase())));
            let prefix = params.len();
            conditions.push(format!(
                "(i.number = ?{exact} OR i.number LIKE ?{prefix} OR s.admission_number = ?{exact} OR s.search_key LIKE ?{like})"
            ));
        }
        if query.unpaid_only {
            conditions.push("balance > 0".into());
        }
        let sql = format!(
            "SELECT {}, s.admission_number, s.name_ar, s.name_en, m.paid, COUNT(*) OVER (), m.balance
             FROM invoices i
             JOIN invoice_money m ON m.invoice_id = i.id
             JOIN students s ON s.id = i.student_id
             WHERE {}
             ORDER BY i.due_on, i.number LIMIT {limit} OFFSET {}",
            Invoice::COLUMNS
                .iter()
                .map(|c| format!("i.{}", c.name))
                .collect::<Vec<_>>()
                .join(", "),
            conditions.join(" AND "),
            query.offset
        );
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let n = Invoice::COLUMNS.len();
        let mut total = 0;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let values = (0..n)
                .map(|i| r.get::<_, Sql>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((
                values,
                r.get::<_, String>(n)?,
                r.get::<_, String>(n + 1)?,
                r.get::<_, String>(n + 2)?,
                r.get::<_, i64>(n + 3)?,
                r.get::<_, i64>(n + 4)?,
                r.get::<_, i64>(n + 5)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (values, admission_number, name_ar, name_en, paid, count, balance) = row?;
            total = count;
            let invoice: Invoice = crate::read::decode(values)?;
            items.push(InvoiceRow {
                balance,
                invoice,
                admission_number,
                name_ar,
                name_en,
                paid,
            });
        }
        Ok(Page {
            items,
            total,
            offset: query.offset,
            limit,
        })
    }

    /// An invoice by its number, with its payments.
    pub fn invoice_numbered(&self, number: &str) -> Result<Option<InvoiceDetail>> {
        list_where::<Invoice, _>(self.conn(), "number = ?1", [number.trim()])?
            .pop()
            .map(|invoice| invoice_detail(self.conn(), invoice))
            .transpose()
    }

    /// Announcements for everyone, for staff, or for one of `classrooms`, newest first.
    pub fn announcements_for(&self, classrooms: Option<&[Uuid]>) -> Result<Vec<Announcement>> {
        let all: Vec<Announcement> = list_where(
            self.conn(),
            "1 = 1 ORDER BY published_on DESC, rowid DESC",
            [],
        )?;
        Ok(all
            .into_iter()
            .filter(|a| match (classrooms, a.classroom_id) {
                (Some(mine), Some(id)) => mine.contains(&id),
                _ => true,
            })
            .collect())
    }

    /// The ids of `year_id`'s classrooms.
    pub fn classroom_ids(&self, year_id: Uuid) -> Result<Vec<Uuid>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM classrooms WHERE year_id = ?1 AND deleted = 0")?;
        let rows = stmt.query_map([year_id.to_string()], |r| r.get::<_, String>(0))?;
        rows.map(|id| parse_id(&id?)).collect()
    }

    /// The first active member of staff with `role`, preferring a homeroom teacher who
    /// teaches few classrooms: a class teacher (for a demo's "explore as").
    pub fn first_staff_with_role(&self, role: StaffRole) -> Result<Option<Staff>> {
        let mut staff: Vec<Staff> = list_where(
            self.conn(),
            "role = ?1 AND active = 1 ORDER BY (SELECT COUNT(*) FROM classrooms c \
             WHERE c.homeroom_teacher_id = staff.id AND c.deleted = 0) DESC, \
             (SELECT COUNT(DISTINCT t.classroom_id) FROM teaching_assignments t \
             WHERE t.staff_id = staff.id AND t.deleted = 0), name_en",
            [role.as_str()],
        )?;
        Ok(if staff.is_empty() {
            None
        } else {
            Some(staff.swap_remove(0))
        })
    }

    /// A classroom's assessments, by term and date.
    pub fn assessments_of(&self, classroom_id: Uuid) -> Result<Vec<Assessment>> {
        list_where(
            self.conn(),
            "classroom_id = ?1 ORDER BY term_id, date, name_en",
            [classroom_id.to_string()],
        )
    }

    /// The marks entered for an assessment.
    pub fn results_of(&self, assessment_id: Uuid) -> Result<Vec<AssessmentResult>> {
        list_where(
            self.conn(),
            "assessment_id = ?1",
            [assessment_id.to_string()],
        )
    }

    /// How many receipts this device has numbered with `prefix`, to number the next one.
    pub fn receipts_numbered(&self, prefix: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM payments WHERE receipt_number LIKE ?1 || '%'",
            [prefix],
            |r| r.get(0),
        )?)
    }

    /// How many credit notes this device has numbered with `prefix`, to number the next.
    pub fn credit_notes_numbered(&self, prefix: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM credit_notes WHERE number LIKE ?1 || '%'",
            [prefix],
            |r| r.get(0),
        )?)
    }

    /// Copies the whole database, consistently, to `out` while it stays open.
    pub fn backup_to(&self, out: &std::path::Path) -> Result<()> {
        let mut target = rusqlite::Connection::open(out)?;
        let backup = rusqlite::backup::Backup::new(self.conn(), &mut target)?;
        backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        Ok(())
    }

    /// Replaces this database's contents with a backup's (one of this device's, already
    /// brought to this schema), through SQLite's online backup in one step. The device keeps
    /// its identity and its clock: stamps issued after the backup was taken are never issued
    /// again.
    pub fn restore_from(&mut self, backup: &std::path::Path) -> Result<()> {
        let source = rusqlite::Connection::open_with_flags(
            backup,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        {
            let restore = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            restore.run_to_completion(i32::MAX, std::time::Duration::ZERO, None)?;
        }
        let keep = [
            ("device_id", self.device_id.to_string()),
            ("hlc", self.hlc.last().to_string()),
        ];
        for (key, value) in keep {
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )?;
        }
        Ok(())
    }
}
