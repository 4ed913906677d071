//! Who teaches what: the year's teaching assignments as a grid of classrooms by subjects
//! (one teacher a cell), the school's grade bands edited as a whole, and staff imported
//! from a CSV file.

use daftar_domain::setup::band_ranges;
use daftar_domain::*;
use serde::Serialize;
use uuid::Uuid;

use crate::{App, Failure, Result, RowError};

/// One cell of the grid: who teaches `subject_id` to `classroom_id`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssignmentCell {
    pub classroom_id: Uuid,
    pub subject_id: Uuid,
    pub staff_id: Uuid,
}

/// A year's teaching assignments: its classrooms down, the subjects across, the teachers
/// to choose from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssignmentGrid {
    pub year_id: Uuid,
    pub classrooms: Vec<Classroom>,
    pub subjects: Vec<Subject>,
    pub teachers: Vec<Staff>,
    pub cells: Vec<AssignmentCell>,
}

/// The header a staff file starts with; `role` is admin, office or teacher (blank:
/// teacher).
pub const STAFF_HEADER: &str = "name_ar,name_en,role,email,phone,national_id";

impl App {
    /// A subject by its code (any case) or id.
    pub fn subject_by_code(&self, code: &str) -> Result<Subject> {
        let code = code.trim();
        self.store
            .list::<Subject>()?
            .into_iter()
            .find(|s| s.code.eq_ignore_ascii_case(code) || s.id.to_string() == code)
            .ok_or_else(|| Failure::UnknownSubject(code.chars().take(40).collect()))
    }

    /// A member of staff by email, English or Arabic name, or id.
    pub fn staff_member(&self, key: &str) -> Result<Staff> {
        let key = key.trim();
        self.store
            .list::<Staff>()?
            .into_iter()
            .find(|s| {
                s.id.to_string() == key
                    || s.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(key))
                    || s.name_en.eq_ignore_ascii_case(key)
                    || s.name_ar == key
            })
            .ok_or_else(|| Failure::UnknownStaff(key.chars().take(60).collect()))
    }

    /// The teaching assignments of `year` (the current year).
    pub fn assignments(&self, actor: &Actor, year: Option<Uuid>) -> Result<AssignmentGrid> {
        self.allow(actor, Action::SeeStudents, Target::default())?;
        let year = match year {
            Some(id) => self.store.get::<AcademicYear>(id)?,
            None => self.current_year()?,
        };
        let classrooms: Vec<Classroom> = self
            .store
            .classrooms(year.id)?
            .into_iter()
            .map(|c| c.classroom)
            .collect();
        let mut subjects = self.store.list::<Subject>()?;
        subjects.sort_by(|a, b| a.code.cmp(&b.code));
        let mut teachers: Vec<Staff> = self
            .store
            .list::<Staff>()?
            .into_iter()
            .filter(|s| s.active && s.role != StaffRole::Office)
            .collect();
        teachers.sort_by(|a, b| a.name_en.cmp(&b.name_en));
        let cells = self
            .store
            .list::<TeachingAssignment>()?
            .into_iter()
            .filter(|a| classrooms.iter().any(|c| c.id == a.classroom_id))
            .map(|a| AssignmentCell {
                classroom_id: a.classroom_id,
                subject_id: a.subject_id,
                staff_id: a.staff_id,
            })
            .collect();
        Ok(AssignmentGrid {
            year_id: year.id,
            classrooms,
            subjects,
            teachers,
            cells,
        })
    }

    /// Sets who teaches `subject` to `classroom` (no one: `staff` none). The subject must
    /// be taught in the classroom's grade; the teacher before, if any, stops teaching it
    /// there. The assignment's id comes from its three parts, so two desktops making the
    /// same one make one record.
    pub fn assign_teacher(
        &mut self,
        actor: &Actor,
        classroom: Uuid,
        subject: Uuid,
        staff: Option<Uuid>,
    ) -> Result<Option<AssignmentCell>> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let room: Classroom = self.store.get(classroom)?;
        let taught: Subject = self.store.get(subject)?;
        if !taught.taught_in(room.grade_id) {
            let grade: GradeLevel = self.store.get(room.grade_id)?;
            return Err(Failure::NotTaughtInGrade {
                subject: taught.code,
                grade: grade.name_en,
            });
        }
        if let Some(id) = staff {
            let teacher: Staff = self.store.get(id)?;
            if !teacher.active {
                return Err(Failure::StaffInactive(teacher.name_en));
            }
        }
        let before: Vec<TeachingAssignment> = self
            .store
            .list::<TeachingAssignment>()?
            .into_iter()
            .filter(|a| a.classroom_id == classroom && a.subject_id == subject)
            .collect();
        let wanted = staff.map(|id| TeachingAssignment::new(id, classroom, subject));
        self.store.write(actor.staff_id, |w| {
            for old in before
                .iter()
                .filter(|a| Some(a.id) != wanted.as_ref().map(|w| w.id))
            {
                w.delete::<TeachingAssignment>(old.id)?;
            }
            if let Some(assignment) = &wanted {
                w.save_assignment(assignment)?;
            }
            Ok(())
        })?;
        Ok(wanted.map(|a| AssignmentCell {
            classroom_id: a.classroom_id,
            subject_id: a.subject_id,
            staff_id: a.staff_id,
        }))
    }

    /// The school's grade bands, lowest first, as ranges.
    pub fn grade_bands(&self) -> Result<Vec<BandRange>> {
        let bands = self.store.list::<GradeBand>()?;
        Ok(band_ranges(
            &bands
                .into_iter()
                .map(|b| (b.min_percent, b.label_ar, b.label_en))
                .collect::<Vec<_>>(),
        ))
    }

    /// Replaces the grade bands: they must cover 0–100 with no gap and no overlap.
    pub fn save_grade_bands(
        &mut self,
        actor: &Actor,
        bands: &[BandRange],
    ) -> Result<Vec<BandRange>> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        for band in bands {
            for (field, label) in [("label_ar", &band.label_ar), ("label_en", &band.label_en)] {
                if label.trim().is_empty() {
                    return Err(DomainError::Required { field }.into());
                }
            }
        }
        self.store
            .write(actor.staff_id, |w| w.replace_grade_bands(bands))?;
        self.grade_bands()
    }

    /// Writes the school's staff to `path` (`.xlsx`, else CSV) in the [`STAFF_HEADER`]
    /// columns, so the file imports back; gives how many.
    pub fn export_staff(&self, actor: &Actor, path: &std::path::Path) -> Result<usize> {
        self.allow(actor, Action::ManageClassrooms, Target::default())?;
        use crate::spreadsheet::Cell::Text;
        let mut staff = self.store.list::<Staff>()?;
        staff.sort_by(|a, b| a.name_en.cmp(&b.name_en));
        let rows: Vec<Vec<crate::spreadsheet::Cell>> = staff
            .iter()
            .map(|s| {
                vec![
                    Text(s.name_ar.clone()),
                    Text(s.name_en.clone()),
                    Text(s.role.as_str().into()),
                    Text(s.email.clone().unwrap_or_default()),
                    Text(s.phone.clone().unwrap_or_default()),
                    Text(s.national_id.clone().unwrap_or_default()),
                ]
            })
            .collect();
        let header: Vec<String> = STAFF_HEADER.split(',').map(str::to_string).collect();
        crate::spreadsheet::write_table(path, "staff", &header, &rows, false)?;
        Ok(rows.len())
    }

    /// Imports staff from a CSV file's text with the [`STAFF_HEADER`] columns: all rows or
    /// none, each bad row reported by its line. A row whose email (or, without one, both
    /// names) matches someone on file updates them. Gives (created, updated).
    pub fn import_staff(&mut self, actor: &Actor, text: &str) -> Result<(usize, usize)> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let existing = self.store.list::<Staff>()?;
        let (header, mut reader) = crate::csv_io::headed(text)?;
        let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(ar), Some(en)) = (column("name_ar"), column("name_en")) else {
            return Err(Failure::CsvHeader(STAFF_HEADER.into()));
        };
        let [role, email, phone, national_id] =
            ["role", "email", "phone", "national_id"].map(column);
        let mut rows: Vec<(u64, Staff, bool)> = Vec::new();
        let mut errors: Vec<RowError> = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let line = index as u64 + 2;
            let record = record.map_err(|e| Failure::CsvUnreadable {
                line,
                detail: e.to_string(),
            })?;
            let cell = |i: Option<usize>| {
                i.and_then(|i| record.get(i))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            let parsed = (|| -> Result<(Staff, bool)> {
                let name_ar = cell(Some(ar)).unwrap_or_default();
                let name_en = cell(Some(en)).unwrap_or_default();
                let email = cell(email).map(|e| e.to_ascii_lowercase());
                let known = existing.iter().find(|s| match &email {
                    Some(email) => {
                        s.email.as_deref().map(str::to_ascii_lowercase).as_ref() == Some(email)
                    }
                    None => s.name_en == name_en && s.name_ar == name_ar,
                });
                let staff = Staff {
                    id: known.map_or_else(new_id, |s| s.id),
                    name_ar,
                    name_en,
                    role: match cell(role) {
                        Some(role) => role.parse()?,
                        None => known.map_or(StaffRole::Teacher, |s| s.role),
                    },
                    email,
                    phone: cell(phone),
                    national_id: cell(national_id),
                    active: true,
                };
                staff.validate()?;
                Ok((staff, known.is_some()))
            })();
            match parsed {
                Ok((staff, known)) => {
                    if rows.iter().any(|(_, s, _)| s.id == staff.id && known) {
                        continue;
                    }
                    rows.push((line, staff, known));
                }
                Err(failure) => errors.push(self.row_error(line, &failure)),
            }
        }
        if !errors.is_empty() {
            return Err(Failure::ImportRejected(errors));
        }
        self.store.write(actor.staff_id, |w| {
            for (_, staff, _) in &rows {
                w.save_staff(staff)?;
            }
            Ok(())
        })?;
        let updated = rows.iter().filter(|(_, _, known)| *known).count();
        Ok((rows.len() - updated, updated))
    }
}
