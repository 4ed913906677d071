//! The school calendar: which weekdays are school days, and whether a date is one.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::entities::{AcademicYear, Holiday};

const NAMES: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// The weekdays a school teaches on, written as `sun,mon,tue,wed,thu`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SchoolWeek(u8);

impl SchoolWeek {
    /// Sunday to Thursday: the Gulf week.
    pub const GULF: SchoolWeek = SchoolWeek(0b100_1111);
    /// Monday to Friday.
    pub const WESTERN: SchoolWeek = SchoolWeek(0b001_1111);

    pub fn from_days(days: &[Weekday]) -> Self {
        Self(
            days.iter()
                .fold(0, |mask, d| mask | 1 << d.num_days_from_monday()),
        )
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The days in the school's own order, starting from its first day.
    pub fn days(self) -> Vec<Weekday> {
        let start = if self.contains(Weekday::Sun) && !self.contains(Weekday::Sat) {
            Weekday::Sun
        } else {
            Weekday::Mon
        };
        (0..7)
            .map(|i| weekday_after(start, i))
            .filter(|d| self.contains(*d))
            .collect()
    }
}

fn weekday_after(start: Weekday, n: u32) -> Weekday {
    (0..n).fold(start, |d, _| d.succ())
}

impl fmt::Display for SchoolWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self
            .days()
            .into_iter()
            .map(|d| NAMES[d.num_days_from_monday() as usize].0)
            .collect();
        f.write_str(&names.join(","))
    }
}

impl FromStr for SchoolWeek {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut days = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let lower = part.to_ascii_lowercase();
            let day = NAMES
                .iter()
                .find(|(n, _)| *n == lower)
                .map(|(_, d)| *d)
                .ok_or_else(|| format!("unknown weekday {part:?}"))?;
            days.push(day);
        }
        Ok(Self::from_days(&days))
    }
}

impl Serialize for SchoolWeek {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SchoolWeek {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Why a date is not a school day.
#[derive(Debug, Clone, PartialEq)]
pub enum NotSchoolDay<'a> {
    OutsideYear,
    Weekend(Weekday),
    Holiday(&'a Holiday),
}

/// Whether `date` is a teaching day of `year`, given its holidays.
pub fn check_school_day<'a>(
    date: NaiveDate,
    year: &AcademicYear,
    holidays: &'a [Holiday],
) -> Result<(), NotSchoolDay<'a>> {
    if date < year.start_date || date > year.end_date {
        return Err(NotSchoolDay::OutsideYear);
    }
    if !year.school_week.contains(date.weekday()) {
        return Err(NotSchoolDay::Weekend(date.weekday()));
    }
    match holidays
        .iter()
        .find(|h| h.year_id == year.id && h.start_date <= date && date <= h.end_date)
    {
        Some(h) => Err(NotSchoolDay::Holiday(h)),
        None => Ok(()),
    }
}

/// Every school day of the year, in order.
pub fn school_days(year: &AcademicYear, holidays: &[Holiday]) -> Vec<NaiveDate> {
    year.start_date
        .iter_days()
        .take_while(|d| *d <= year.end_date)
        .filter(|d| check_school_day(*d, year, holidays).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn year() -> AcademicYear {
        AcademicYear {
            id: Uuid::from_u128(1),
            name: "2025/2026".into(),
            start_date: NaiveDate::from_ymd_opt(2025, 8, 31).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            school_week: SchoolWeek::GULF,
            is_current: true,
        }
    }

    #[test]
    fn gulf_week_reads_and_writes_in_school_order() {
        assert_eq!(SchoolWeek::GULF.to_string(), "sun,mon,tue,wed,thu");
        assert_eq!(
            "sun,mon,tue,wed,thu".parse::<SchoolWeek>().unwrap(),
            SchoolWeek::GULF
        );
        assert_eq!(SchoolWeek::WESTERN.to_string(), "mon,tue,wed,thu,fri");
        assert!("sun,funday".parse::<SchoolWeek>().is_err());
    }

    #[test]
    fn weekends_holidays_and_dates_outside_the_year_are_not_school_days() {
        let y = year();
        let holiday = Holiday {
            id: Uuid::from_u128(2),
            year_id: y.id,
            name_ar: "اليوم الوطني".into(),
            name_en: "National Day".into(),
            start_date: NaiveDate::from_ymd_opt(2025, 12, 2).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2025, 12, 3).unwrap(),
        };
        let hs = [holiday];
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert_eq!(check_school_day(d(9, 7), &y, &hs), Ok(())); // a Sunday
        assert_eq!(
            check_school_day(d(9, 5), &y, &hs),
            Err(NotSchoolDay::Weekend(Weekday::Fri))
        );
        assert_eq!(
            check_school_day(d(12, 2), &y, &hs),
            Err(NotSchoolDay::Holiday(&hs[0]))
        );
        assert_eq!(
            check_school_day(d(8, 1), &y, &hs),
            Err(NotSchoolDay::OutsideYear)
        );
        let days = school_days(&y, &hs);
        assert!(
            days.iter()
                .all(|d| d.weekday() != Weekday::Fri && d.weekday() != Weekday::Sat)
        );
        assert!(!days.contains(&d(12, 3)));
    }
}
