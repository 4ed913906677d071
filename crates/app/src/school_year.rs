//! A school year's calendar: the month as the school sees it (school days, weekends and
//! holidays, with the count of school days per term), holidays imported from a CSV file,
//! and a term's marks locked once its report cards are out (and unlocked, both audited).

use chrono::{Datelike, NaiveDate, Utc};
use daftar_domain::setup::{month_days, term_school_days};
use daftar_domain::*;
use serde::Serialize;
use uuid::Uuid;

use crate::{App, Failure, Result, parse_date};

/// A term and how many school days it has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermDays {
    pub term: Term,
    pub school_days: u32,
}

/// One month of a year's calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthCalendar {
    pub year: AcademicYear,
    /// The month's first day.
    pub month: NaiveDate,
    pub days: Vec<CalendarDay>,
    pub terms: Vec<TermDays>,
    /// The months the year spans, their first days, for moving between them.
    pub months: Vec<NaiveDate>,
}

/// The header a holidays file starts with (`end_date` may be left out or blank for a
/// single day).
pub const HOLIDAY_HEADER: &str = "name_ar,name_en,start_date,end_date";

fn first_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

impl App {
    /// An academic year by its name (`2026-2027`) or id.
    pub fn year_named(&self, name: &str) -> Result<AcademicYear> {
        let name = western_digits(name.trim());
        self.store
            .list::<AcademicYear>()?
            .into_iter()
            .find(|y| y.name == name || y.id.to_string() == name)
            .ok_or_else(|| Failure::UnknownYear(name.chars().take(40).collect()))
    }

    pub(crate) fn year_or_current(&self, year: Option<Uuid>) -> Result<AcademicYear> {
        match year {
            Some(id) => Ok(self.store.get::<AcademicYear>(id)?),
            None => self.current_year(),
        }
    }

    /// A month of `year` (the current year) as the school sees it: `month` given by any of
    /// its days, else today's month inside the year, else the year's first.
    pub fn calendar(&self, year: Option<Uuid>, month: Option<NaiveDate>) -> Result<MonthCalendar> {
        let year = self.year_or_current(year)?;
        let terms = self.store.terms(year.id)?;
        let holidays = self.store.holidays(year.id)?;
        let today = crate::today();
        let month = first_of(month.unwrap_or(
            if year.start_date <= today && today <= year.end_date {
                today
            } else {
                year.start_date
            },
        ));
        let mut months = Vec::new();
        let mut at = first_of(year.start_date);
        while at <= year.end_date && months.len() < 36 {
            months.push(at);
            at = at
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(year.end_date.succ_opt().unwrap_or(year.end_date));
        }
        Ok(MonthCalendar {
            days: month_days(month, &year, &terms, &holidays),
            terms: terms
                .iter()
                .map(|term| TermDays {
                    school_days: term_school_days(term, &year, &holidays),
                    term: term.clone(),
                })
                .collect(),
            months,
            month,
            year,
        })
    }

    /// Imports holidays into `year` (the current year) from a CSV file's text with the
    /// [`HOLIDAY_HEADER`] columns: all rows or none; each bad row is reported by its line.
    /// A row matching a holiday already there (same dates and English name) is left.
    pub fn import_holidays(
        &mut self,
        actor: &Actor,
        year: Option<Uuid>,
        text: &str,
    ) -> Result<usize> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let year = self.year_or_current(year)?;
        let existing = self.store.holidays(year.id)?;
        let (header, mut reader) = crate::csv_io::headed(text)?;
        let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(ar), Some(en), Some(start)) =
            (column("name_ar"), column("name_en"), column("start_date"))
        else {
            return Err(Failure::CsvHeader(HOLIDAY_HEADER.into()));
        };
        let end = column("end_date");
        let mut holidays = Vec::new();
        let mut errors = Vec::new();
        for (index, row) in reader.records().enumerate() {
            let line = index as u64 + 2;
            let row = row.map_err(|e| Failure::CsvUnreadable {
                line,
                detail: e.to_string(),
            })?;
            let cell = |i: usize| row.get(i).unwrap_or("").to_string();
            let parsed = (|| -> Result<Holiday> {
                let start_date = parse_date(&cell(start))?;
                let end_text = end.map(cell).unwrap_or_default();
                let end_date = if end_text.is_empty() {
                    start_date
                } else {
                    parse_date(&end_text)?
                };
                let holiday = Holiday {
                    id: new_id(),
                    year_id: year.id,
                    name_ar: cell(ar),
                    name_en: cell(en),
                    start_date,
                    end_date,
                };
                holiday.validate()?;
                Ok(holiday)
            })();
            match parsed {
                Ok(h) => holidays.push((line, h)),
                Err(failure) => errors.push(self.row_error(line, &failure)),
            }
        }
        if !errors.is_empty() {
            return Err(Failure::ImportRejected(errors));
        }
        let fresh: Vec<(u64, Holiday)> = holidays
            .into_iter()
            .filter(|(_, h)| {
                !existing.iter().any(|e| {
                    e.start_date == h.start_date
                        && e.end_date == h.end_date
                        && e.name_en == h.name_en
                })
            })
            .collect();
        let count = fresh.len();
        let mut refused = Vec::new();
        self.store
            .write_with(actor.staff_id, |w| {
                for (line, holiday) in &fresh {
                    if let Err(e) = w.attempt(|w| w.save_holiday(holiday).map(drop)) {
                        refused.push((*line, Failure::Store(e)));
                    }
                }
                if refused.is_empty() {
                    Ok(())
                } else {
                    Err(Failure::ImportRejected(Vec::new()))
                }
            })
            .map_err(|failure| match failure {
                Failure::ImportRejected(_) => Failure::ImportRejected(
                    refused
                        .iter()
                        .map(|(line, f)| self.row_error(*line, f))
                        .collect(),
                ),
                other => other,
            })?;
        Ok(count)
    }

    /// Locks (or unlocks) a term's marks: locked, neither its marks nor its assessments
    /// change, on this desktop or (pushed from any) in the cloud. Audited either way.
    pub fn lock_term(&mut self, actor: &Actor, term: Uuid, locked: bool) -> Result<Term> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let mut term: Term = self.store.get(term)?;
        if term.marks_locked == locked {
            return Ok(term);
        }
        term.marks_locked = locked;
        let device = actor.device;
        self.store.write(actor.staff_id, |w| {
            w.save_term(&term)?;
            w.record_audit(&AuditEntry {
                id: new_id(),
                at: Utc::now(),
                user_id: actor.staff_id,
                device_id: device,
                action: if locked {
                    "term.locked"
                } else {
                    "term.unlocked"
                }
                .into(),
                detail: format!("{} ({})", term.name_en, term.id),
            })?;
            Ok(())
        })?;
        Ok(term)
    }
}
