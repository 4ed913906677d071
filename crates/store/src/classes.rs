//! Reads for placing students in classrooms: a classroom's class list and where each
//! student of a year is placed, for assigning students and promoting a classroom.

use std::collections::HashMap;

use chrono::NaiveDate;
use daftar_domain::*;
use rusqlite::OptionalExtension;
use serde::Serialize;
use uuid::Uuid;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::read::{list_where, parse_id};

/// A student on a classroom's list for its year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClassMember {
    pub student_id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub gender: Gender,
    pub status: StudentStatus,
    pub enrolled_on: NaiveDate,
    /// The last day in the classroom, when the student left during the year.
    pub left_on: Option<NaiveDate>,
}

impl Store {
    /// Everyone ever placed in `classroom_id` this year, by English name.
    pub fn class_list(&self, classroom_id: Uuid) -> Result<Vec<ClassMember>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id, s.admission_number, s.name_ar, s.name_en, s.gender, s.status,
                    e.enrolled_on, e.left_on
             FROM enrollments e JOIN students s ON s.id = e.student_id AND s.deleted = 0
             WHERE e.classroom_id = ?1 AND e.deleted = 0
             ORDER BY s.name_en COLLATE NOCASE, s.admission_number",
        )?;
        let mut rows = stmt.query([classroom_id.to_string()])?;
        let corrupt = |e: chrono::ParseError| StoreError::Corrupt(format!("enrollment date: {e}"));
        let mut members = Vec::new();
        while let Some(r) = rows.next()? {
            members.push(ClassMember {
                student_id: parse_id(&r.get::<_, String>(0)?)?,
                admission_number: r.get(1)?,
                name_ar: r.get(2)?,
                name_en: r.get(3)?,
                gender: r.get::<_, String>(4)?.parse()?,
                status: r.get::<_, String>(5)?.parse()?,
                enrolled_on: r.get::<_, String>(6)?.parse().map_err(corrupt)?,
                left_on: r
                    .get::<_, Option<String>>(7)?
                    .map(|d| d.parse().map_err(corrupt))
                    .transpose()?,
            });
        }
        Ok(members)
    }

    /// The admission number after the highest all-digit one ("1" in a new school), with
    /// as many digits as that one.
    pub fn next_admission_number(&self) -> Result<String> {
        let highest: Option<String> = self
            .conn()
            .query_row(
                "SELECT admission_number FROM students
             WHERE deleted = 0 AND admission_number != '' AND admission_number NOT GLOB '*[^0-9]*'
             ORDER BY length(admission_number) DESC, admission_number DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match highest {
            Some(number) => {
                let next = number.parse::<u128>().unwrap_or(0) + 1;
                format!("{next:0width$}", width = number.len())
            }
            None => "1".to_string(),
        })
    }

    /// Each student's enrollment in `year_id`, by student.
    pub fn placements(&self, year_id: Uuid) -> Result<HashMap<Uuid, Enrollment>> {
        let enrollments: Vec<Enrollment> =
            list_where(self.conn(), "year_id = ?1", [year_id.to_string()])?;
        Ok(enrollments.into_iter().map(|e| (e.student_id, e)).collect())
    }
}
