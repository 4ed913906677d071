//! The school set-up's rules across records: terms that do not overlap, a week with a
//! school day, grade bands that cover 0–100 exactly once, a classroom no smaller than its
//! class, a total no lower than its marks, a locked term; and the month calendar.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{NotSchoolDay, SchoolWeek, check_school_day};
use crate::entities::{AcademicYear, Assessment, Classroom, Holiday, Term};
use crate::error::DomainError;

/// A term may not share a day with another term of its year.
pub fn check_terms(term: &Term, others: &[Term]) -> Result<(), DomainError> {
    for other in others
        .iter()
        .filter(|o| o.id != term.id && o.year_id == term.year_id)
    {
        if term.start_date <= other.end_date && other.start_date <= term.end_date {
            return Err(DomainError::TermsOverlap {
                term: term.name_en.clone(),
                other: other.name_en.clone(),
            });
        }
    }
    Ok(())
}

pub fn check_week(week: SchoolWeek) -> Result<(), DomainError> {
    if week.is_empty() {
        return Err(DomainError::WeekWithoutSchoolDay);
    }
    Ok(())
}

/// One grade band as a person sets it: from `min` up to (not including) `max` percent;
/// the top band includes 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BandRange {
    pub min: f64,
    pub max: f64,
    pub label_ar: String,
    pub label_en: String,
}

fn percent(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Bands must chain from 0 to 100 with neither a gap nor an overlap; returned lowest
/// first.
pub fn check_bands(bands: &[BandRange]) -> Result<Vec<BandRange>, DomainError> {
    let mut sorted = bands.to_vec();
    sorted.sort_by(|a, b| a.min.total_cmp(&b.min));
    for band in &sorted {
        for (field, value) in [("min_percent", band.min), ("max_percent", band.max)] {
            if !value.is_finite() || !(0.0..=100.0).contains(&value) {
                return Err(DomainError::OutOfRange {
                    field,
                    value: value.to_string(),
                    min: "0".into(),
                    max: "100".into(),
                });
            }
        }
        if band.max <= band.min {
            return Err(DomainError::DateRangeReversed {
                start_field: "min_percent",
                end_field: "max_percent",
            });
        }
        if band.label_ar.trim().is_empty() {
            return Err(DomainError::Required { field: "label_ar" });
        }
        if band.label_en.trim().is_empty() {
            return Err(DomainError::Required { field: "label_en" });
        }
    }
    let mut reached = 0.0;
    for band in &sorted {
        if band.min > reached + 1e-9 {
            return Err(DomainError::BandsGap {
                from: percent(reached),
                to: percent(band.min),
            });
        }
        if band.min < reached - 1e-9 {
            return Err(DomainError::BandsOverlap {
                percent: percent(band.min),
            });
        }
        reached = band.max;
    }
    if reached < 100.0 - 1e-9 {
        return Err(DomainError::BandsGap {
            from: percent(reached),
            to: "100".into(),
        });
    }
    Ok(sorted)
}

/// The ranges of stored bands (each holds only its lower bound; the next one's is its top).
pub fn band_ranges(mins: &[(f64, String, String)]) -> Vec<BandRange> {
    let mut sorted = mins.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let tops: Vec<f64> = sorted.iter().skip(1).map(|b| b.0).chain([100.0]).collect();
    sorted
        .into_iter()
        .zip(tops)
        .map(|((min, label_ar, label_en), max)| BandRange {
            min,
            max,
            label_ar,
            label_en,
        })
        .collect()
}

pub fn check_capacity(classroom: &Classroom, students: u32) -> Result<(), DomainError> {
    if classroom.capacity < students {
        return Err(DomainError::CapacityBelowClassSize {
            classroom: classroom.name_en.clone(),
            capacity: classroom.capacity,
            students,
        });
    }
    Ok(())
}

/// An assessment's total may not fall below a mark already given in it.
pub fn check_total(assessment: &Assessment, highest: Option<f64>) -> Result<(), DomainError> {
    match highest {
        Some(highest) if highest > assessment.total => Err(DomainError::TotalBelowMarks {
            total: assessment.total,
            highest,
        }),
        _ => Ok(()),
    }
}

/// Marks of a locked term may not change.
pub fn check_unlocked(term: &Term) -> Result<(), DomainError> {
    if term.marks_locked {
        return Err(DomainError::TermLocked {
            term: term.name_en.clone(),
        });
    }
    Ok(())
}

/// What a day is for the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum DayKind {
    School,
    Weekend,
    Holiday,
    /// Before the year starts or after it ends.
    OutsideYear,
}

/// One day of a month calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    /// The holiday's names, on a holiday.
    pub holiday_ar: Option<String>,
    pub holiday_en: Option<String>,
    /// The term's ordinal the day falls in, if any.
    pub term: Option<u8>,
}

/// Every day of `month` (its first day given) as the school sees it.
pub fn month_days(
    month: NaiveDate,
    year: &AcademicYear,
    terms: &[Term],
    holidays: &[Holiday],
) -> Vec<CalendarDay> {
    let first = month.with_day(1).unwrap_or(month);
    first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .map(|date| {
            let (kind, holiday) = match check_school_day(date, year, holidays) {
                Ok(()) => (DayKind::School, None),
                Err(NotSchoolDay::OutsideYear) => (DayKind::OutsideYear, None),
                Err(NotSchoolDay::Weekend(_)) => (DayKind::Weekend, None),
                Err(NotSchoolDay::Holiday(h)) => (DayKind::Holiday, Some(h)),
            };
            CalendarDay {
                date,
                kind,
                holiday_ar: holiday.map(|h| h.name_ar.clone()),
                holiday_en: holiday.map(|h| h.name_en.clone()),
                term: terms
                    .iter()
                    .find(|t| t.start_date <= date && date <= t.end_date)
                    .map(|t| t.ordinal),
            }
        })
        .collect()
}

/// How many school days a term has, given the year's week and holidays.
pub fn term_school_days(term: &Term, year: &AcademicYear, holidays: &[Holiday]) -> u32 {
    term.start_date
        .iter_days()
        .take_while(|d| *d <= term.end_date)
        .filter(|d| check_school_day(*d, year, holidays).is_ok())
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Coded;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn year() -> AcademicYear {
        AcademicYear {
            id: Uuid::from_u128(1),
            name: "2026/2027".into(),
            start_date: d(2026, 9, 1),
            end_date: d(2027, 6, 30),
            school_week: SchoolWeek::GULF,
            is_current: true,
        }
    }

    fn term(ordinal: u8, start: NaiveDate, end: NaiveDate) -> Term {
        Term {
            id: Uuid::from_u128(100 + u128::from(ordinal)),
            year_id: Uuid::from_u128(1),
            ordinal,
            name_ar: format!("الفصل {ordinal}"),
            name_en: format!("Term {ordinal}"),
            start_date: start,
            end_date: end,
            marks_locked: false,
        }
    }

    fn band(min: f64, max: f64) -> BandRange {
        BandRange {
            min,
            max,
            label_ar: "ممتاز".into(),
            label_en: "Excellent".into(),
        }
    }

    #[test]
    fn terms_that_share_a_day_overlap() {
        let first = term(1, d(2026, 9, 1), d(2027, 1, 15));
        let touching = term(2, d(2027, 1, 15), d(2027, 6, 30));
        let after = term(2, d(2027, 1, 16), d(2027, 6, 30));
        assert_eq!(
            check_terms(&touching, std::slice::from_ref(&first))
                .unwrap_err()
                .to_string(),
            "the term Term 2 overlaps Term 1"
        );
        assert!(check_terms(&after, std::slice::from_ref(&first)).is_ok());
        // A term is not compared with itself when edited.
        assert!(check_terms(&first, std::slice::from_ref(&first)).is_ok());
    }

    #[test]
    fn a_week_needs_a_school_day() {
        assert_eq!(
            check_week("".parse().unwrap()),
            Err(DomainError::WeekWithoutSchoolDay)
        );
        assert!(check_week(SchoolWeek::WESTERN).is_ok());
    }

    #[test]
    fn bands_cover_zero_to_one_hundred_once() {
        let ok = check_bands(&[band(50.0, 100.0), band(0.0, 50.0)]).unwrap();
        assert_eq!(ok[0].min, 0.0, "sorted lowest first");
        assert_eq!(
            check_bands(&[band(0.0, 60.0), band(50.0, 100.0)]),
            Err(DomainError::BandsOverlap {
                percent: "50".into()
            })
        );
        assert_eq!(
            check_bands(&[band(0.0, 40.0), band(50.0, 100.0)]),
            Err(DomainError::BandsGap {
                from: "40".into(),
                to: "50".into()
            })
        );
        assert_eq!(
            check_bands(&[band(10.0, 100.0)]),
            Err(DomainError::BandsGap {
                from: "0".into(),
                to: "10".into()
            })
        );
        assert_eq!(
            check_bands(&[band(0.0, 89.5)]),
            Err(DomainError::BandsGap {
                from: "89.5".into(),
                to: "100".into()
            })
        );
        assert!(matches!(
            check_bands(&[band(0.0, 120.0)]),
            Err(DomainError::OutOfRange { .. })
        ));
        assert_eq!(check_bands(&[]).unwrap_err().code(), "bands-gap");
    }

    #[test]
    fn stored_bands_read_back_as_ranges() {
        let ranges = band_ranges(&[
            (90.0, "ممتاز".into(), "Excellent".into()),
            (0.0, "راسب".into(), "Fail".into()),
        ]);
        assert_eq!((ranges[0].min, ranges[0].max), (0.0, 90.0));
        assert_eq!((ranges[1].min, ranges[1].max), (90.0, 100.0));
        assert!(check_bands(&ranges).is_ok());
    }

    #[test]
    fn a_total_below_a_mark_and_a_locked_term_are_refused() {
        let assessment = Assessment {
            id: Uuid::from_u128(9),
            classroom_id: Uuid::from_u128(2),
            subject_id: Uuid::from_u128(3),
            term_id: Uuid::from_u128(101),
            name_ar: "اختبار".into(),
            name_en: "Quiz".into(),
            total: 10.0,
            weight: 10.0,
            date: d(2026, 10, 1),
        };
        assert_eq!(
            check_total(&assessment, Some(18.0))
                .unwrap_err()
                .to_string(),
            "a mark of 18 is above the total 10"
        );
        assert!(check_total(&assessment, Some(10.0)).is_ok());
        assert!(check_total(&assessment, None).is_ok());
        let mut locked = term(1, d(2026, 9, 1), d(2027, 1, 15));
        assert!(check_unlocked(&locked).is_ok());
        locked.marks_locked = true;
        assert_eq!(
            check_unlocked(&locked).unwrap_err().to_string(),
            "the marks of Term 1 are locked"
        );
    }

    #[test]
    fn the_month_calendar_knows_weekends_holidays_and_terms() {
        let year = year();
        let terms = [term(1, d(2026, 9, 1), d(2027, 1, 15))];
        let holidays = [Holiday {
            id: Uuid::from_u128(7),
            year_id: year.id,
            name_ar: "اليوم الوطني".into(),
            name_en: "National Day".into(),
            start_date: d(2026, 12, 2),
            end_date: d(2026, 12, 3),
        }];
        let days = month_days(d(2026, 12, 15), &year, &terms, &holidays);
        assert_eq!(days.len(), 31);
        assert_eq!(days[0].kind, DayKind::School); // Tuesday 1 December
        assert_eq!(days[1].kind, DayKind::Holiday);
        assert_eq!(days[1].holiday_en.as_deref(), Some("National Day"));
        assert_eq!(days[3].kind, DayKind::Weekend); // Friday
        assert_eq!(days[0].term, Some(1));
        let august = month_days(d(2026, 8, 1), &year, &terms, &holidays);
        assert!(august.iter().all(|day| day.kind == DayKind::OutsideYear));
        // September 2026 to 15 January 2027, Sunday to Thursday, less the two days off.
        assert_eq!(term_school_days(&terms[0], &year, &holidays), 96);
    }
}
