//! Marks: the assessments of a classroom the actor may mark (a teacher: in the subjects
//! they teach there), a mark sheet with the classroom's students, and saving a sheet in one
//! transaction with every mark checked against the assessment's total.

use daftar_domain::policy;
use daftar_domain::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use daftar_reports as reports;

use crate::{App, Failure, Result};

/// One student's line on a mark sheet.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarkRow {
    pub student_id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub mark: Option<f64>,
    /// The subject's term percentage for this student with this mark, as the report card
    /// computes it (every marked assessment of the term, weighted).
    pub term_percent: Option<f64>,
    /// What the term's other assessments bring, for the sheet to work the term percentage
    /// out live as a mark is typed: their weighted score and their weight (of the marked).
    pub other_score: f64,
    pub other_weight: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarkSheet {
    pub assessment: Assessment,
    pub subject: Subject,
    pub rows: Vec<MarkRow>,
}

/// A mark as typed: empty clears it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarkInput {
    pub student_id: Uuid,
    pub mark: String,
}

/// An assessment as a teacher sets it (a quiz, a test, an exam): the term is the one its
/// date falls in unless given.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssessmentInput {
    /// The assessment being edited; none for a new one.
    #[serde(default)]
    pub id: Option<Uuid>,
    pub classroom_id: Uuid,
    pub subject_id: Uuid,
    #[serde(default)]
    pub term_id: Option<Uuid>,
    pub name_ar: String,
    pub name_en: String,
    /// As typed, either digits.
    pub total: String,
    /// Its share of the subject's term grade, in percent, as typed.
    pub weight: String,
    /// `YYYY-MM-DD` or `DD/MM/YYYY`.
    pub date: String,
}

fn number(field: &'static str, text: &str) -> Result<f64> {
    western_digits(text.trim())
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| {
            DomainError::InvalidFormat {
                field,
                value: text.chars().take(40).collect(),
            }
            .into()
        })
}

fn card_assessment(assessment: &Assessment, mark: Option<f64>) -> reports::CardAssessment {
    reports::CardAssessment {
        name: reports::Bilingual::new(&assessment.name_ar, &assessment.name_en),
        mark,
        total: assessment.total,
        weight: assessment.weight,
    }
}

/// The weighted score and the weight of the marked assessments, as
/// `reports::grading::subject_percent` sums them (a weight of 0 counts as 1).
fn weighted(assessments: &[reports::CardAssessment]) -> (f64, f64) {
    assessments
        .iter()
        .filter(|a| a.mark.is_some() && a.total > 0.0)
        .fold((0.0, 0.0), |(score, weight), a| {
            let w = if a.weight > 0.0 { a.weight } else { 1.0 };
            (score + a.mark.unwrap_or(0.0) / a.total * w, weight + w)
        })
}

fn marking(assessment: &Assessment) -> Target {
    Target {
        classroom: Some(assessment.classroom_id),
        subject: Some(assessment.subject_id),
        student: None,
    }
}

impl App {
    /// Sets (or edits) an assessment: a teacher for a subject they teach in that
    /// classroom. Refused in a locked term, and (editing) with a total below a mark given.
    pub fn save_assessment(
        &mut self,
        actor: &Actor,
        input: &AssessmentInput,
    ) -> Result<Assessment> {
        let target = Target {
            classroom: Some(input.classroom_id),
            subject: Some(input.subject_id),
            student: None,
        };
        self.allow(actor, Action::SetAssessments, target)?;
        if let Some(id) = input.id {
            // Moving an assessment needs the right to the one it was, too.
            let before: Assessment = self.store.get(id)?;
            self.allow(actor, Action::SetAssessments, marking(&before))?;
        }
        let date = crate::parse_date(&input.date).map_err(|_| {
            Failure::from(DomainError::InvalidFormat {
                field: "date",
                value: input.date.chars().take(40).collect(),
            })
        })?;
        let classroom: Classroom = self.store.get(input.classroom_id)?;
        let terms = self.store.terms(classroom.year_id)?;
        let term = match input.term_id {
            Some(id) => terms.iter().find(|t| t.id == id),
            None => terms
                .iter()
                .find(|t| t.start_date <= date && date <= t.end_date),
        }
        .ok_or_else(|| Failure::UnknownTerm(date.to_string()))?;
        let assessment = Assessment {
            id: input.id.unwrap_or_else(new_id),
            classroom_id: input.classroom_id,
            subject_id: input.subject_id,
            term_id: term.id,
            name_ar: input.name_ar.trim().to_string(),
            name_en: input.name_en.trim().to_string(),
            total: number("total", &input.total)?,
            weight: number("weight", &input.weight)?,
            date,
        };
        self.store
            .write(actor.staff_id, |w| w.save_assessment(&assessment))?;
        Ok(assessment)
    }

    /// Writes an assessment's mark sheet to `path` (`.xlsx`, else CSV): each student's
    /// admission number, names and mark (a number; blank when none), right to left in
    /// Arabic. Gives how many students.
    pub fn export_mark_sheet(
        &self,
        actor: &Actor,
        assessment: Uuid,
        path: &std::path::Path,
    ) -> Result<usize> {
        use crate::spreadsheet::Cell;
        let sheet = self.mark_sheet(actor, assessment)?;
        let rows: Vec<Vec<Cell>> = sheet
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.admission_number.clone()),
                    Cell::Text(r.name_ar.clone()),
                    Cell::Text(r.name_en.clone()),
                    r.mark.map_or(Cell::Text(String::new()), Cell::Number),
                ]
            })
            .collect();
        let header = ["admission_number", "name_ar", "name_en", "mark"].map(str::to_string);
        let arabic = self.messages.lang() == "ar";
        let name = if arabic {
            &sheet.assessment.name_ar
        } else {
            &sheet.assessment.name_en
        };
        crate::spreadsheet::write_table(path, name, &header, &rows, arabic)?;
        Ok(rows.len())
    }

    /// A classroom's assessments that the actor may enter marks for.
    pub fn assessments(&self, actor: &Actor, classroom: Uuid) -> Result<Vec<Assessment>> {
        self.allow(actor, Action::EnterMarks, Target::classroom(classroom))?;
        let reach = self.reach(actor)?;
        Ok(self
            .store
            .assessments_of(classroom)?
            .into_iter()
            .filter(|a| policy::check(actor.role, &reach, Action::EnterMarks, &marking(a)).is_ok())
            .collect())
    }

    pub fn mark_sheet(&self, actor: &Actor, assessment: Uuid) -> Result<MarkSheet> {
        let assessment: Assessment = self.store.get(assessment)?;
        self.allow(actor, Action::EnterMarks, marking(&assessment))?;
        let subject = self.store.get(assessment.subject_id)?;
        let marks: std::collections::HashMap<Uuid, Option<f64>> = self
            .store
            .results_of(assessment.id)?
            .into_iter()
            .map(|r| (r.student_id, r.mark))
            .collect();
        // The same subject's other assessments of the term in this classroom, each
        // student's marks in them.
        let mut others: std::collections::HashMap<Uuid, Vec<reports::CardAssessment>> =
            std::collections::HashMap::new();
        for other in self
            .store
            .assessments_of(assessment.classroom_id)?
            .into_iter()
            .filter(|a| {
                a.id != assessment.id
                    && a.subject_id == assessment.subject_id
                    && a.term_id == assessment.term_id
            })
        {
            for result in self.store.results_of(other.id)? {
                others
                    .entry(result.student_id)
                    .or_default()
                    .push(card_assessment(&other, result.mark));
            }
        }
        let rows = self
            .store
            .roster(assessment.classroom_id, assessment.date, 0)?
            .into_iter()
            .map(|r| {
                let mark = marks.get(&r.student_id).copied().flatten();
                let mut term = others.remove(&r.student_id).unwrap_or_default();
                let (other_score, other_weight) = weighted(&term);
                term.push(card_assessment(&assessment, mark));
                MarkRow {
                    mark,
                    term_percent: reports::grading::subject_percent(&term),
                    other_score,
                    other_weight,
                    student_id: r.student_id,
                    admission_number: r.admission_number,
                    name_ar: r.name_ar,
                    name_en: r.name_en,
                }
            })
            .collect();
        Ok(MarkSheet {
            assessment,
            subject,
            rows,
        })
    }

    /// Saves a mark sheet in one transaction: every mark is checked against the total.
    pub fn save_marks(
        &mut self,
        actor: &Actor,
        assessment: Uuid,
        marks: &[MarkInput],
    ) -> Result<usize> {
        let assessment: Assessment = self.store.get(assessment)?;
        self.allow(actor, Action::EnterMarks, marking(&assessment))?;
        let mut parsed = Vec::with_capacity(marks.len());
        for input in marks {
            let text = western_digits(input.mark.trim()).replace('\u{066B}', ".");
            let mark = if text.is_empty() {
                None
            } else {
                Some(
                    text.parse::<f64>()
                        .ok()
                        .filter(|m| m.is_finite())
                        .ok_or_else(|| {
                            Failure::InvalidMark(input.mark.chars().take(20).collect())
                        })?,
                )
            };
            parsed.push((input.student_id, mark));
        }
        let existing: std::collections::HashMap<Uuid, AssessmentResult> = self
            .store
            .results_of(assessment.id)?
            .into_iter()
            .map(|r| (r.student_id, r))
            .collect();
        Ok(self.store.write(actor.staff_id, |w| {
            let mut changed = 0;
            for (student, mark) in &parsed {
                let previous = existing.get(student);
                if previous.map(|p| p.mark) == Some(*mark) || (previous.is_none() && mark.is_none())
                {
                    continue;
                }
                w.save_result(&AssessmentResult {
                    id: AssessmentResult::natural_id(assessment.id, *student),
                    assessment_id: assessment.id,
                    student_id: *student,
                    mark: *mark,
                    remark: previous.and_then(|p| p.remark.clone()),
                })?;
                changed += 1;
            }
            Ok(changed)
        })?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz(total: f64, weight: f64, mark: Option<f64>) -> reports::CardAssessment {
        reports::CardAssessment {
            name: reports::Bilingual::new("اختبار", "Quiz"),
            mark,
            total,
            weight,
        }
    }

    #[test]
    fn the_sheets_live_sum_agrees_with_the_report_cards_percentage() {
        let term = [
            quiz(20.0, 30.0, Some(15.0)),
            quiz(50.0, 70.0, Some(40.0)),
            quiz(10.0, 0.0, None),
        ];
        let (score, weight) = weighted(&term);
        let card = reports::grading::subject_percent(&term).unwrap();
        assert!((score / weight * 100.0 - card).abs() < 1e-9);
        assert!((card - 78.5).abs() < 1e-9, "{card}");
        assert_eq!(weighted(&[quiz(10.0, 5.0, None)]), (0.0, 0.0));
    }
}
