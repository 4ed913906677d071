//! The registry: finding students (a teacher: those of their own classrooms), a student's
//! profile, editing students and guardians field by field, a new student with this year's
//! classroom and a first guardian in one transaction, another guardian for a student, the
//! next free admission number to offer, and importing and exporting students as CSV.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use daftar_domain::*;
use daftar_store::{Page, Sort, StoreError, StudentDetail, StudentHit, Writer};
use serde::Deserialize;
use uuid::Uuid;

use crate::session::today;
use crate::{App, Failure, ImportOptions, ImportReport, Result, Work, csv_io, parse_date};

/// What a student search asks for, as a person gives it: classroom and grade by name.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct StudentSearch {
    pub text: String,
    pub grade: Option<String>,
    pub classroom: Option<String>,
    pub status: Option<StudentStatus>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    /// Only students with no classroom in this academic year.
    pub unplaced_in: Option<Uuid>,
    /// Only students with a name still to complete (one the school does not require).
    pub incomplete: bool,
    pub sort: Sort,
    pub descending: bool,
    pub limit: usize,
    pub offset: usize,
}

/// Fields of a student that [`App::edit_student`] accepts.
pub const STUDENT_FIELDS: &[&str] = &[
    "admission_number",
    "name_ar",
    "name_en",
    "gender",
    "birth_date",
    "national_id",
    "nationality",
    "status",
    "classroom",
];

/// Fields of a guardian that [`App::edit_guardian`] accepts.
pub const GUARDIAN_FIELDS: &[&str] = &[
    "name_ar",
    "name_en",
    "phone",
    "email",
    "address",
    "national_id",
    "preferred_language",
];

/// A new student as the registry's form gives it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewStudent {
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub gender: Gender,
    /// As typed: `YYYY-MM-DD` or `DD/MM/YYYY`, either digits.
    pub birth_date: String,
    #[serde(default)]
    pub national_id: String,
    pub nationality: String,
    /// This year's classroom, if placed now.
    #[serde(default)]
    pub classroom: Option<Uuid>,
    #[serde(default)]
    pub guardian: Option<NewGuardian>,
}

/// A guardian as the form gives it; a phone already on file links that guardian instead
/// (brothers and sisters share their parents).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewGuardian {
    pub name_ar: String,
    pub name_en: String,
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub national_id: String,
    pub relation: GuardianRelation,
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl NewGuardian {
    fn guardian(&self) -> Result<Guardian> {
        let guardian = Guardian {
            id: new_id(),
            name_ar: self.name_ar.trim().to_string(),
            name_en: self.name_en.trim().to_string(),
            phone: self.phone.trim().to_string(),
            email: optional(&self.email),
            address: optional(&self.address),
            national_id: optional(&self.national_id),
            preferred_language: None,
        };
        guardian.validate()?;
        Ok(guardian)
    }
}

/// A date field as typed, or a failure naming that field.
fn date_field(field: &'static str, text: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|_| {
        DomainError::InvalidFormat {
            field,
            value: text.chars().take(40).collect(),
        }
        .into()
    })
}

/// Links `guardian` to a student: the one on file with the same phone when there is one,
/// else `guardian`, saved. A student's first guardian is the primary one.
fn link_guardian(
    w: &mut Writer<'_>,
    student: Uuid,
    guardian: Guardian,
    relation: GuardianRelation,
) -> Result<()> {
    let links = w.guardians_of(student)?;
    let guardian = match w.guardian_by_phone(&guardian.phone)? {
        Some(known) => known,
        None => {
            w.save_guardian(&guardian)
                .map_err(|e| Failure::from(e).in_part("guardian"))?;
            guardian
        }
    };
    if !links.iter().any(|l| l.guardian.id == guardian.id) {
        w.link_guardian(&StudentGuardian::new(
            student,
            guardian.id,
            relation,
            links.is_empty(),
        ))?;
    }
    Ok(())
}

impl App {
    /// Refuses a student without a name the school requires (its profile's `student_names`).
    pub(crate) fn check_student_names(&self, student: &Student) -> Result<()> {
        match self
            .school()?
            .student_names
            .required_missing(&student.name_ar, &student.name_en)
        {
            Some(field) => Err(DomainError::Required { field }.into()),
            None => Ok(()),
        }
    }

    /// The admission number after the highest numeric one, for a new student's form.
    pub fn next_admission_number(&self, actor: &Actor) -> Result<String> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        Ok(self.store.next_admission_number()?)
    }

    /// Creates a student, placed in this year's `classroom` and linked to a first guardian
    /// when given; all or nothing.
    pub fn create_student(&mut self, actor: &Actor, input: &NewStudent) -> Result<StudentDetail> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        let student = Student {
            id: new_id(),
            admission_number: input.admission_number.trim().to_string(),
            name_ar: input.name_ar.trim().to_string(),
            name_en: input.name_en.trim().to_string(),
            gender: input.gender,
            birth_date: date_field("birth_date", &input.birth_date)?,
            national_id: optional(&input.national_id),
            nationality: input.nationality.trim().to_ascii_uppercase(),
            status: StudentStatus::Active,
        };
        student.validate()?;
        self.check_student_names(&student)?;
        let placement = match input.classroom {
            Some(id) => {
                let year = self.current_year()?;
                let classroom: Classroom = self.store.get(id)?;
                if classroom.year_id != year.id {
                    return Err(Failure::WrongYear(classroom.name_en));
                }
                Some((year, classroom))
            }
            None => None,
        };
        let guardian = input
            .guardian
            .as_ref()
            .map(|g| g.guardian().map(|guardian| (guardian, g.relation)))
            .transpose()
            .map_err(|f| f.in_part("guardian"))?;
        if let Some((_, classroom)) = &placement {
            self.check_capacity(classroom, &[student.id])?;
        }
        self.store.write_with(actor.staff_id, |w| -> Result<()> {
            w.create_student(&student)?;
            if let Some((year, classroom)) = &placement {
                let from = today().clamp(year.start_date, year.end_date);
                w.enroll(&Enrollment::new(student.id, year.id, classroom.id, from))?;
            }
            if let Some((guardian, relation)) = guardian {
                link_guardian(w, student.id, guardian, relation)?;
            }
            Ok(())
        })?;
        Ok(self.store.student_detail(student.id)?)
    }

    /// Links another guardian to a student (one on file with the same phone, else a new
    /// one); the first guardian is the primary one.
    pub fn add_guardian(
        &mut self,
        actor: &Actor,
        student: &str,
        input: &NewGuardian,
    ) -> Result<StudentDetail> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        let student = self.find_student(student)?;
        let guardian = input.guardian().map_err(|f| f.in_part("guardian"))?;
        self.store.write_with(actor.staff_id, |w| {
            link_guardian(w, student.id, guardian, input.relation)
        })?;
        Ok(self.store.student_detail(student.id)?)
    }

    /// Students the actor may see (a teacher: those placed in their own classrooms this
    /// year), found by name in either script, admission number or national id.
    pub fn find_students(&self, actor: &Actor, search: &StudentSearch) -> Result<Page<StudentHit>> {
        self.school()?;
        self.allow(actor, Action::SeeStudents, Target::default())?;
        let within = match actor.role {
            StaffRole::Teacher => Some(self.reach(actor)?.classrooms),
            _ => None,
        };
        let filter = daftar_store::StudentFilter {
            grade_id: search
                .grade
                .as_deref()
                .map(|g| self.grade(g))
                .transpose()?
                .map(|g| g.id),
            classroom_id: search
                .classroom
                .as_deref()
                .map(|c| self.classroom(c))
                .transpose()?
                .map(|c| c.id),
            status: search.status,
            gender: search.gender,
            nationality: search.nationality.clone(),
            within,
            unplaced_in: search.unplaced_in,
            incomplete: search.incomplete,
        };
        let query = daftar_store::SearchQuery {
            text: search.text.chars().take(200).collect(),
            limit: if search.limit == 0 { 20 } else { search.limit },
            offset: search.offset,
        };
        Ok(self
            .store
            .search_students(&query, &filter, search.sort, search.descending)?)
    }

    /// A student by id or admission number, whoever asks (for resolving what a person
    /// typed; the use cases check the actor).
    pub fn find_student(&self, key: &str) -> Result<Student> {
        let key = key.trim();
        let found = match Uuid::parse_str(key) {
            Ok(id) => self.store.find::<Student>(id)?,
            Err(_) => self.store.student_by_admission_number(key)?,
        };
        found.ok_or_else(|| {
            StoreError::NotFound {
                entity: "students",
                id: key.chars().take(60).collect(),
            }
            .into()
        })
    }

    /// A student's profile, if the actor may see the student (a teacher: one placed in
    /// their classrooms).
    pub fn student(&self, actor: &Actor, key: &str) -> Result<StudentDetail> {
        let student = self.find_student(key)?;
        self.allow(actor, Action::SeeStudents, Target::student(student.id))?;
        Ok(self.store.student_detail(student.id)?)
    }

    /// Edits a guardian (by id) field by field; an empty value clears an optional field.
    pub fn edit_guardian(
        &mut self,
        actor: &Actor,
        id: &str,
        fields: &[(String, String)],
    ) -> Result<Guardian> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        let id = Uuid::parse_str(id.trim())
            .map_err(|_| Failure::InvalidId(id.chars().take(40).collect()))?;
        let mut guardian: Guardian = self.store.get(id)?;
        for (field, value) in fields {
            let value = value.trim();
            let optional = || (!value.is_empty()).then(|| value.to_string());
            match field.trim() {
                "name_ar" => guardian.name_ar = value.to_string(),
                "name_en" => guardian.name_en = value.to_string(),
                "phone" => guardian.phone = value.to_string(),
                "email" => guardian.email = optional(),
                "address" => guardian.address = optional(),
                "national_id" => guardian.national_id = optional(),
                "preferred_language" => {
                    guardian.preferred_language = match value {
                        "" => None,
                        code => Some(code.to_ascii_lowercase().parse().map_err(|_| {
                            DomainError::InvalidFormat {
                                field: "preferred_language",
                                value: code.chars().take(40).collect(),
                            }
                        })?),
                    }
                }
                other => {
                    return Err(Failure::UnknownField {
                        field: other.chars().take(40).collect(),
                        allowed: GUARDIAN_FIELDS.join(", "),
                    });
                }
            }
        }
        self.store
            .write(actor.staff_id, |w| w.save_guardian(&guardian))?;
        Ok(guardian)
    }

    /// Changes a student's fields (`field=value`); `classroom` moves the student within the
    /// current year. All changes land together or none does.
    pub fn edit_student(
        &mut self,
        actor: &Actor,
        key: &str,
        fields: &[(String, String)],
    ) -> Result<StudentDetail> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        let mut student = self.find_student(key)?;
        let mut move_to = None;
        for (field, value) in fields {
            let value = value.trim();
            let text = || value.to_string();
            match field.trim() {
                "admission_number" => student.admission_number = text(),
                "name_ar" => student.name_ar = text(),
                "name_en" => student.name_en = text(),
                "gender" => student.gender = value.parse()?,
                "birth_date" => student.birth_date = parse_date(value)?,
                "national_id" => student.national_id = (!value.is_empty()).then(text),
                "nationality" => student.nationality = value.to_ascii_uppercase(),
                "status" => student.status = value.parse()?,
                "classroom" => move_to = Some(self.classroom(value)?),
                other => {
                    return Err(Failure::UnknownField {
                        field: other.chars().take(40).collect(),
                        allowed: STUDENT_FIELDS.join(", "),
                    });
                }
            }
        }
        self.check_student_names(&student)?;
        if move_to.is_some() {
            self.allow(actor, Action::ManageClassrooms, Target::default())?;
        }
        let year = move_to.as_ref().map(|_| self.current_year()).transpose()?;
        self.store.write(actor.staff_id, |w| {
            w.update_student(&student)?;
            if let (Some(classroom), Some(year)) = (&move_to, &year) {
                match w.find::<Enrollment>(Enrollment::natural_id(student.id, year.id))? {
                    Some(mut enrollment) => {
                        enrollment.classroom_id = classroom.id;
                        w.update_enrollment(&enrollment)?;
                    }
                    None => {
                        let today = Utc::now()
                            .date_naive()
                            .clamp(year.start_date, year.end_date);
                        w.enroll(&Enrollment::new(student.id, year.id, classroom.id, today))?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(self.store.student_detail(student.id)?)
    }

    /// Imports students from a CSV file's text (`name` says which file, for messages), its
    /// rows written with progress on `work` and cancellable (nothing is written then).
    pub fn import_students(
        &mut self,
        actor: &Actor,
        name: &str,
        text: &str,
        options: &ImportOptions,
        work: &Work,
    ) -> Result<ImportReport> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        match &options.map {
            Some(map) => {
                let text = self.reshape(text, map)?;
                csv_io::import_text(self, actor, name, &text, options, work)
            }
            None => csv_io::import_text(self, actor, name, text, options, work),
        }
    }

    /// Undoes this desktop's last student import (see [`csv_io::undo_last`]).
    pub fn undo_last_import(&mut self, actor: &Actor) -> Result<crate::ImportUndone> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        csv_io::undo_last(self, actor)
    }

    /// Exports every student to a CSV file that imports again as it is.
    pub fn export_students(&self, actor: &Actor, path: &Path) -> Result<usize> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        csv_io::export(self, path)
    }
}
