//! Classrooms and enrollment: placing students in a year's classrooms, opening the next
//! academic year like this one, promoting a classroom into it (or graduating it), and
//! making a year the current one. Each is one transaction.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use daftar_domain::*;
use daftar_store::{ClassMember, ClassroomSummary, Writer};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::session::today;
use crate::{App, Failure, Result};

/// A year's classrooms as the enrollment screen shows them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearClassrooms {
    /// Every year the school has, oldest first.
    pub years: Vec<AcademicYear>,
    pub year: AcademicYear,
    pub classrooms: Vec<ClassroomSummary>,
    /// Active students with no classroom in `year`.
    pub unplaced: i64,
    /// The year after `year`, once the school has opened it.
    pub next_year: Option<AcademicYear>,
}

/// Students to place in a classroom (moved there if placed elsewhere that year).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssignInput {
    pub classroom: Uuid,
    pub students: Vec<Uuid>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assigned {
    /// Students who had no classroom that year.
    pub placed: usize,
    /// Students moved from another classroom.
    pub moved: usize,
    /// Students already there.
    pub unchanged: usize,
}

/// What promoting a classroom would do, for a person to check and adjust first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PromotionPlan {
    pub from: ClassroomSummary,
    pub next_year: AcademicYear,
    /// Next year's classrooms, the next grade's first.
    pub targets: Vec<ClassroomSummary>,
    /// The classroom proposed: the same place in the next grade; none from the last grade,
    /// whose students graduate.
    pub proposed: Option<Uuid>,
    /// Where a student kept back repeats the year: this classroom's counterpart next year.
    pub repeat_in: Option<Uuid>,
    pub final_grade: bool,
    pub students: Vec<PromotionRow>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PromotionRow {
    pub member: ClassMember,
    /// The student's classroom next year, when already placed.
    pub placed_next: Option<Uuid>,
}

/// A promotion as a person settled it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PromotionInput {
    pub classroom: Uuid,
    /// Next year's classroom for the class; none graduates a final-grade class.
    pub target: Option<Uuid>,
    /// Students who repeat the year (placed in the plan's `repeat_in`).
    #[serde(default)]
    pub repeat: Vec<Uuid>,
    /// Students left out: leaving the school, or to be placed later.
    #[serde(default)]
    pub skip: Vec<Uuid>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Promoted {
    pub promoted: usize,
    pub repeating: usize,
    pub graduated: usize,
    /// Students left out, and those who had left the classroom or the school.
    pub skipped: usize,
}

/// The name of the year after one called `name` running from `start` to `end`: the years
/// in it moved on by one ("2026/2027" → "2027/2028"), else its dates' years.
pub fn next_year_name(name: &str, start: NaiveDate, end: NaiveDate) -> String {
    let years = start.year()..=end.year();
    let mut out = String::new();
    let mut moved = false;
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, moved: &mut bool| {
        match digits.parse::<i32>() {
            Ok(y) if digits.len() == 4 && years.contains(&y) => {
                out.push_str(&(y + 1).to_string());
                *moved = true;
            }
            // "2026-27": the short form of a year already moved on.
            Ok(y) if digits.len() == 2 && *moved && years.clone().any(|full| full % 100 == y) => {
                out.push_str(&format!("{:02}", (y + 1) % 100));
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for c in name.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, &mut moved);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, &mut moved);
    if moved {
        out
    } else if start.year() == end.year() {
        (start.year() + 1).to_string()
    } else {
        format!("{}/{}", start.year() + 1, end.year() + 1)
    }
}

/// A date a year on (29 February becomes 28 February).
fn a_year_on(date: NaiveDate) -> NaiveDate {
    date.checked_add_months(Months::new(12)).unwrap_or(date)
}

/// Where `classroom` sits among its grade's classrooms (by English name), so 5B's place in
/// grade 6 is 6B's.
fn place_in_grade(classroom: &Classroom, all: &[ClassroomSummary]) -> usize {
    all.iter()
        .filter(|c| c.classroom.grade_id == classroom.grade_id)
        .position(|c| c.classroom.id == classroom.id)
        .unwrap_or(0)
}

/// The classroom of `grade` at `place` among `all` (the grade's last when it has fewer).
fn at_place(grade: Uuid, place: usize, all: &[ClassroomSummary]) -> Option<Uuid> {
    let of_grade: Vec<&ClassroomSummary> = all
        .iter()
        .filter(|c| c.classroom.grade_id == grade)
        .collect();
    of_grade
        .get(place)
        .or(of_grade.last())
        .map(|c| c.classroom.id)
}

/// Places `student` in `classroom` for `year`: enrolls, or moves the year's enrollment.
/// Whether the student was placed, moved or already there.
fn place(
    w: &mut Writer<'_>,
    student: Uuid,
    classroom: Uuid,
    year: &AcademicYear,
    from: NaiveDate,
    tally: &mut Assigned,
) -> Result<()> {
    match w.find::<Enrollment>(Enrollment::natural_id(student, year.id))? {
        Some(e) if e.classroom_id == classroom && e.left_on.is_none() => tally.unchanged += 1,
        Some(mut e) => {
            e.classroom_id = classroom;
            e.left_on = None;
            w.update_enrollment(&e)?;
            tally.moved += 1;
        }
        None => {
            w.enroll(&Enrollment::new(student, year.id, classroom, from))?;
            tally.placed += 1;
        }
    }
    Ok(())
}

/// The year that follows `year` among `years`.
fn next_after(years: &[AcademicYear], year: &AcademicYear) -> Option<AcademicYear> {
    years
        .iter()
        .filter(|y| y.start_date > year.end_date)
        .min_by_key(|y| y.start_date)
        .cloned()
}

impl App {
    /// The school's years, oldest first (the records alone, without their calendars).
    fn years_in_order(&self) -> Result<Vec<AcademicYear>> {
        let mut years: Vec<AcademicYear> = self.store.list()?;
        years.sort_by_key(|y| y.start_date);
        Ok(years)
    }

    /// A year's classrooms (the current year's when none is named) with their counts.
    pub fn year_classrooms(&self, actor: &Actor, year: Option<Uuid>) -> Result<YearClassrooms> {
        self.allow(actor, Action::ManageClassrooms, Target::default())?;
        let year = match year {
            Some(id) => self.store.get::<AcademicYear>(id)?,
            None => self.current_year()?,
        };
        let years = self.years_in_order()?;
        let next_year = next_after(&years, &year);
        let unplaced = self
            .find_students(
                actor,
                &crate::StudentSearch {
                    status: Some(StudentStatus::Active),
                    unplaced_in: Some(year.id),
                    limit: 1,
                    ..Default::default()
                },
            )?
            .total;
        Ok(YearClassrooms {
            classrooms: self.store.classrooms(year.id)?,
            years,
            year,
            unplaced,
            next_year,
        })
    }

    /// The students of a classroom, those who left it included.
    pub fn class_list(&self, actor: &Actor, classroom: Uuid) -> Result<Vec<ClassMember>> {
        self.allow(actor, Action::ManageClassrooms, Target::default())?;
        self.store.get::<Classroom>(classroom)?;
        Ok(self.store.class_list(classroom)?)
    }

    /// Places students in a classroom for its year, within its capacity; one transaction.
    pub fn assign_students(&mut self, actor: &Actor, input: &AssignInput) -> Result<Assigned> {
        self.allow(actor, Action::ManageClassrooms, Target::default())?;
        let classroom: Classroom = self.store.get(input.classroom)?;
        let year: AcademicYear = self.store.get(classroom.year_id)?;
        let mut students: Vec<Uuid> = Vec::new();
        for id in &input.students {
            if !students.contains(id) {
                self.store.get::<Student>(*id)?;
                students.push(*id);
            }
        }
        self.check_capacity(&classroom, &students)?;
        let from = today().clamp(year.start_date, year.end_date);
        let user = actor.staff_id;
        self.store.write_with(user, |w| {
            let mut tally = Assigned::default();
            for student in &students {
                place(w, *student, classroom.id, &year, from, &mut tally)?;
            }
            Ok(tally)
        })
    }

    /// Fails when placing `students` in `classroom` would take it over its capacity.
    pub(crate) fn check_capacity(&self, classroom: &Classroom, students: &[Uuid]) -> Result<()> {
        let there: HashSet<Uuid> = self
            .store
            .class_list(classroom.id)?
            .into_iter()
            .filter(|m| m.left_on.is_none())
            .map(|m| m.student_id)
            .collect();
        let after = there.len() + students.iter().filter(|s| !there.contains(s)).count();
        if after > classroom.capacity as usize {
            return Err(Failure::ClassroomFull {
                classroom: self.named(&classroom.name_ar, &classroom.name_en),
                capacity: classroom.capacity,
                students: after,
            });
        }
        Ok(())
    }

    /// A name in the language of the person reading, or the other script where it is empty.
    fn named(&self, ar: &str, en: &str) -> String {
        let (wanted, other) = if self.messages.lang() == "ar" {
            (ar, en)
        } else {
            (en, ar)
        };
        if wanted.trim().is_empty() {
            other
        } else {
            wanted
        }
        .to_string()
    }

    /// Opens the year after the current one, like it: the same classrooms (names, grades,
    /// capacities, homeroom teachers), teaching assignments and terms, a year on. Holidays
    /// are not copied: most move with the Hijri calendar. Once opened, it is given back as
    /// it is.
    pub fn open_next_year(&mut self, actor: &Actor) -> Result<YearClassrooms> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let current = self.current_year()?;
        if let Some(next) = next_after(&self.years_in_order()?, &current) {
            return self.year_classrooms(actor, Some(next.id));
        }
        let next = AcademicYear {
            id: new_id(),
            name: next_year_name(&current.name, current.start_date, current.end_date),
            start_date: a_year_on(current.start_date),
            end_date: a_year_on(current.end_date),
            school_week: current.school_week,
            is_current: false,
        };
        let terms = self.store.terms(current.id)?;
        let classrooms = self.store.classrooms(current.id)?;
        let assignments: Vec<TeachingAssignment> = self.store.list()?;
        let user = actor.staff_id;
        self.store.write_with(user, |w| -> Result<()> {
            w.save_year(&next)?;
            for term in &terms {
                w.save_term(&Term {
                    id: new_id(),
                    year_id: next.id,
                    start_date: a_year_on(term.start_date),
                    end_date: a_year_on(term.end_date).min(next.end_date),
                    marks_locked: false,
                    ..term.clone()
                })?;
            }
            for summary in &classrooms {
                let old = &summary.classroom;
                let copy = Classroom {
                    id: new_id(),
                    year_id: next.id,
                    ..old.clone()
                };
                w.save_classroom(&copy)?;
                for a in assignments.iter().filter(|a| a.classroom_id == old.id) {
                    w.save_assignment(&TeachingAssignment::new(a.staff_id, copy.id, a.subject_id))?;
                }
            }
            Ok(())
        })?;
        self.year_classrooms(actor, Some(next.id))
    }

    /// Makes `year` the school's current year (every other year stops being current).
    pub fn make_year_current(&mut self, actor: &Actor, year: Uuid) -> Result<AcademicYear> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let mut year: AcademicYear = self.store.get(year)?;
        year.is_current = true;
        let user = actor.staff_id;
        self.store.write(user, |w| w.save_year(&year))?;
        Ok(year)
    }

    /// What promoting `classroom` into the following year would do.
    pub fn promotion_plan(&self, actor: &Actor, classroom: Uuid) -> Result<PromotionPlan> {
        self.allow(actor, Action::ManageClassrooms, Target::default())?;
        let year: AcademicYear = self
            .store
            .get(self.store.get::<Classroom>(classroom)?.year_id)?;
        let this_year = self.store.classrooms(year.id)?;
        let from = this_year
            .iter()
            .find(|c| c.classroom.id == classroom)
            .cloned()
            .ok_or_else(|| Failure::WrongYear(classroom.to_string()))?;
        let next_year = next_after(&self.years_in_order()?, &year)
            .ok_or_else(|| Failure::NoNextYear(year.name.clone()))?;
        let targets_all = self.store.classrooms(next_year.id)?;
        let grades = self.store.grades()?;
        let next_grade = grades
            .iter()
            .filter(|g| g.ordinal > from.grade.ordinal)
            .min_by_key(|g| g.ordinal);
        let place = place_in_grade(&from.classroom, &this_year);
        let proposed = next_grade.and_then(|g| at_place(g.id, place, &targets_all));
        let repeat_in = at_place(from.grade.id, place, &targets_all);
        // The next grade's classrooms first: where a class usually goes.
        let mut targets = targets_all;
        targets.sort_by_key(|c| Some(c.grade.id) != next_grade.map(|g| g.id));
        let placed = self.store.placements(next_year.id)?;
        let students = self
            .store
            .class_list(classroom)?
            .into_iter()
            .map(|member| PromotionRow {
                placed_next: placed.get(&member.student_id).map(|e| e.classroom_id),
                member,
            })
            .collect();
        Ok(PromotionPlan {
            from,
            next_year,
            targets,
            proposed,
            repeat_in,
            final_grade: next_grade.is_none(),
            students,
        })
    }

    /// Promotes a classroom as settled: its active students into `target` next year (or
    /// graduated from the last grade), those kept back into the plan's `repeat_in`, those
    /// skipped left unplaced. Students already placed next year are moved. One transaction.
    pub fn promote(&mut self, actor: &Actor, input: &PromotionInput) -> Result<Promoted> {
        let plan = self.promotion_plan(actor, input.classroom)?;
        let year = plan.next_year.clone();
        let target = match input.target {
            Some(id) => {
                let classroom: Classroom = self.store.get(id)?;
                if classroom.year_id != year.id {
                    return Err(Failure::WrongYear(
                        self.named(&classroom.name_ar, &classroom.name_en),
                    ));
                }
                Some(classroom)
            }
            None if plan.final_grade => None,
            None => return Err(DomainError::Required { field: "target" }.into()),
        };
        let repeat_in = match plan.repeat_in {
            Some(id) => Some(self.store.get::<Classroom>(id)?),
            None => None,
        };
        let mut moving: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        let mut graduating = Vec::new();
        let mut outcome = Promoted::default();
        for row in &plan.students {
            let m = &row.member;
            let id = m.student_id;
            if m.left_on.is_some() || m.status != StudentStatus::Active || input.skip.contains(&id)
            {
                outcome.skipped += 1;
            } else if input.repeat.contains(&id) {
                let to = repeat_in
                    .as_ref()
                    .ok_or_else(|| Failure::NoNextYear(plan.from.classroom.name_en.clone()))?;
                moving.entry(to.id).or_default().push(id);
                outcome.repeating += 1;
            } else if let Some(to) = &target {
                moving.entry(to.id).or_default().push(id);
                outcome.promoted += 1;
            } else {
                graduating.push(id);
                outcome.graduated += 1;
            }
        }
        for (classroom, students) in &moving {
            self.check_capacity(&self.store.get(*classroom)?, students)?;
        }
        let user = actor.staff_id;
        self.store.write_with(user, |w| -> Result<()> {
            let mut tally = Assigned::default();
            for (classroom, students) in &moving {
                for student in students {
                    place(w, *student, *classroom, &year, year.start_date, &mut tally)?;
                }
            }
            for id in &graduating {
                let mut student: Student = w.get(*id)?;
                student.status = StudentStatus::Graduated;
                w.update_student(&student)?;
            }
            Ok(())
        })?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_next_years_name_moves_its_years_on() {
        let (start, end) = (date(2026, 8, 30), date(2027, 7, 31));
        assert_eq!(next_year_name("2026/2027", start, end), "2027/2028");
        assert_eq!(next_year_name("Year 2026-27", start, end), "Year 2027-28");
        assert_eq!(next_year_name("العام ٢٠٢٦", start, end), "2027/2028");
        assert_eq!(
            next_year_name("2026", date(2026, 1, 5), date(2026, 12, 20)),
            "2027"
        );
        assert_eq!(next_year_name("Cohort 12", start, end), "2027/2028");
    }

    #[test]
    fn a_year_on_keeps_the_day_or_the_month_end() {
        assert_eq!(a_year_on(date(2026, 8, 30)), date(2027, 8, 30));
        assert_eq!(a_year_on(date(2028, 2, 29)), date(2029, 2, 28));
    }
}
