//! Attendance: a classroom's register for a day (or a period) with the marks already taken,
//! and saving a whole register in one transaction, everyone not marked otherwise present.
//! A teacher takes the registers of their own classrooms.

use chrono::{NaiveDate, Utc};
use daftar_domain::*;
use daftar_store::RosterEntry;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{App, Failure, Result};

/// A register as it is saved: the students not present with their marks (a student given
/// as present, or not given, is present); period 0 is the whole day.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterMarks {
    pub classroom: Uuid,
    pub date: NaiveDate,
    #[serde(default)]
    pub period: u8,
    pub marks: Vec<(Uuid, AttendanceStatus)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterSaved {
    pub classroom: String,
    pub date: NaiveDate,
    pub present: usize,
    pub absent: usize,
    pub late: usize,
    pub excused: usize,
    /// Marks that are new or different from what was saved before.
    pub changed: usize,
}

/// A classroom's register for one day, as a person types it on the command line: the
/// classroom by name, students by id or admission number; everyone not listed is present.
#[derive(Debug, Clone, Default)]
pub struct RegisterInput {
    pub classroom: String,
    pub date: NaiveDate,
    pub period: u8,
    pub absent: Vec<String>,
    pub late: Vec<String>,
    pub excused: Vec<String>,
}

impl RegisterInput {
    /// The register as [`App::save_register`] takes it, each name looked up.
    pub fn resolve(&self, app: &App) -> Result<RegisterMarks> {
        let classroom = app.classroom(&self.classroom)?.id;
        let mut marks = Vec::new();
        for (keys, status) in [
            (&self.absent, AttendanceStatus::Absent),
            (&self.late, AttendanceStatus::Late),
            (&self.excused, AttendanceStatus::Excused),
        ] {
            for key in keys.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
                marks.push((app.find_student(key)?.id, status));
            }
        }
        Ok(RegisterMarks {
            classroom,
            date: self.date,
            period: self.period,
            marks,
        })
    }
}

impl App {
    /// A classroom's register for a day and period, with the marks already taken.
    pub fn register(
        &self,
        actor: &Actor,
        classroom: Uuid,
        date: NaiveDate,
        period: u8,
    ) -> Result<Vec<RosterEntry>> {
        self.allow(actor, Action::TakeAttendance, Target::classroom(classroom))?;
        Ok(self.store.roster(classroom, date, period)?)
    }

    /// Saves a classroom's register: the students in `register.marks` with their marks,
    /// everyone else on the roster present; one transaction.
    pub fn save_register(
        &mut self,
        actor: &Actor,
        register: &RegisterMarks,
    ) -> Result<RegisterSaved> {
        self.allow(
            actor,
            Action::TakeAttendance,
            Target::classroom(register.classroom),
        )?;
        let classroom: Classroom = self.store.get(register.classroom)?;
        let (date, period) = (register.date, register.period);
        let roster = self.store.roster(classroom.id, date, period)?;
        let mut marks: Vec<(Uuid, AttendanceStatus)> = roster
            .iter()
            .map(|r| (r.student_id, AttendanceStatus::Present))
            .collect();
        let mut marked = std::collections::HashSet::new();
        for &(student, status) in &register.marks {
            if !marked.insert(student) {
                let student: Student = self.store.get(student)?;
                return Err(Failure::StudentTwice(student.admission_number));
            }
            match marks.iter_mut().find(|(id, _)| *id == student) {
                Some(mark) => mark.1 = status,
                None => {
                    // Not on this register: let the store say why in its own words.
                    marks.push((student, status));
                }
            }
        }
        let user = actor.staff_id;
        let taken_at = Utc::now();
        let changed = self.store.write(user, |w| {
            let mut changed = 0;
            for (student, status) in &marks {
                let previous: Option<Attendance> =
                    w.find(Attendance::natural_id(*student, date, period))?;
                if previous
                    .as_ref()
                    .is_some_and(|p| p.status == *status && p.classroom_id == classroom.id)
                {
                    continue; // the same mark again: keep who took it and when
                }
                w.save_attendance(&Attendance {
                    id: Attendance::natural_id(*student, date, period),
                    student_id: *student,
                    classroom_id: classroom.id,
                    date,
                    period,
                    status: *status,
                    taken_by: user,
                    taken_at,
                    note: previous.and_then(|p| p.note),
                })?;
                changed += 1;
            }
            Ok(changed)
        })?;
        let count = |s| marks.iter().filter(|(_, st)| *st == s).count();
        Ok(RegisterSaved {
            classroom: classroom.name_en.clone(),
            date,
            present: count(AttendanceStatus::Present),
            absent: count(AttendanceStatus::Absent),
            late: count(AttendanceStatus::Late),
            excused: count(AttendanceStatus::Excused),
            changed,
        })
    }
}
