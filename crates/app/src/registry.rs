//! Creating students and guardians from the window's forms: a new student with this year's
//! classroom and a first guardian in one transaction, another guardian for a student, and
//! the next free admission number to offer.

use chrono::NaiveDate;
use daftar_domain::*;
use daftar_store::{StudentDetail, Writer};
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::desk::today;
use crate::{App, Area, Failure, Result, parse_date};

/// A new student as the registry's form gives it.
#[derive(Debug, Clone, Deserialize, TS)]
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
#[derive(Debug, Clone, Deserialize, TS)]
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
    /// The admission number after the highest numeric one, for a new student's form.
    pub fn next_admission_number(&self) -> Result<String> {
        self.require(Area::Registry)?;
        Ok(self.store.next_admission_number()?)
    }

    /// Creates a student, placed in this year's `classroom` and linked to a first guardian
    /// when given; all or nothing.
    pub fn create_student(&mut self, input: &NewStudent) -> Result<StudentDetail> {
        self.require(Area::Registry)?;
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
        let user = self.user()?;
        self.store.write_with(user, |w| -> Result<()> {
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
    pub fn add_guardian(&mut self, student: &str, input: &NewGuardian) -> Result<StudentDetail> {
        self.require(Area::Registry)?;
        let student = self.find_student(student)?;
        let guardian = input.guardian().map_err(|f| f.in_part("guardian"))?;
        let user = self.user()?;
        self.store.write_with(user, |w| {
            link_guardian(w, student.id, guardian, input.relation)
        })?;
        Ok(self.store.student_detail(student.id)?)
    }
}
