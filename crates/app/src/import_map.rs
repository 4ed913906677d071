//! Student files exported from other systems, made into Daftar's columns before they are
//! imported, so a school never reworks its spreadsheet first: which of the file's columns
//! give each of Daftar's (several joined, as a first, father's and family name), a default
//! for a column the file lacks, the file's date order (two-digit years too), its gender
//! values, and admission numbers from the school's sequence where the file has none. The
//! mapping is kept per source (the file's set of columns) and offered again next time.

use std::collections::BTreeMap;

use chrono::Datelike;
use daftar_domain::*;
use serde::{Deserialize, Serialize};

use crate::csv_io::CANONICAL_HEADER;
use crate::{App, Failure, Result};

/// How a file's columns become Daftar's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ImportMap {
    /// Daftar's column → the file's columns giving it, joined by a space when several.
    /// A Daftar column left out takes the file's column of the same name, if any.
    pub columns: BTreeMap<String, Vec<String>>,
    /// Daftar's column → the value of every row that has none (a nationality, a grade).
    pub defaults: BTreeMap<String, String>,
    /// How the file writes its dates (`dmy` or `mdy`; ISO dates read either way).
    pub date_order: Option<DateOrder>,
    /// The file's gender values → `male` or `female` (`ولد` → `male`).
    pub genders: BTreeMap<String, String>,
    /// Rows with no admission number get the school's next ones.
    pub number_missing: bool,
}

/// What a file offers before it is imported: its columns, its first rows, the mapping to
/// start from (the one saved for files with these columns, else the columns Daftar knows
/// by name), and the gender values the mapping does not place yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSource {
    pub columns: Vec<String>,
    pub sample: Vec<Vec<String>>,
    pub map: ImportMap,
    /// Whether `map` is the one saved for this source.
    pub saved: bool,
    pub unknown_genders: Vec<String>,
    /// Daftar's columns, in order, to map onto.
    pub targets: Vec<String>,
}

/// A date as written with `order`, made ISO; two-digit years are the latest century's that
/// is not in the future. `None` when it is no date.
pub fn date_in_order(text: &str, order: DateOrder, this_year: i32) -> Option<String> {
    let text = western_digits(text.trim());
    if let Ok(date) = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Some(date.to_string());
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (a, b, c): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    let (day, month) = match order {
        DateOrder::MonthDayYear => (b, a),
        _ => (a, b),
    };
    let year = if c < 100 {
        let century = this_year - this_year % 100;
        if century + c > this_year {
            century - 100 + c
        } else {
            century + c
        }
    } else {
        c
    };
    chrono::NaiveDate::from_ymd_opt(year, month, day).map(|d| d.to_string())
}

/// The admission number after `number`: its last run of digits counted up, its width kept.
fn after(number: &str) -> String {
    let digits = number.len() - number.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, tail) = number.split_at(number.len() - digits);
    let next = tail.parse::<u128>().unwrap_or(0) + 1;
    format!("{stem}{next:0width$}", width = tail.len())
}

fn source_key(columns: &[String]) -> String {
    let mut sorted: Vec<String> = columns.iter().map(|c| c.trim().to_lowercase()).collect();
    sorted.sort();
    format!(
        "import.map.{}",
        natural_id("import_source", &[&sorted.join("\u{1f}")])
    )
}

fn known_gender(value: &str) -> bool {
    matches!(
        search_key(value).as_str(),
        "m" | "f" | "male" | "female" | "ذكر" | "انثي"
    )
}

impl App {
    /// What a file (its text, CSV or already read from a spreadsheet) offers to import.
    pub fn import_source(&self, text: &str) -> Result<ImportSource> {
        let (columns, mut reader) = crate::csv_io::headed(text)?;
        let saved: Option<ImportMap> = self
            .store
            .setting(&source_key(&columns))?
            .and_then(|text| serde_json::from_str(&text).ok());
        let map = saved.clone().unwrap_or_else(|| ImportMap {
            columns: CANONICAL_HEADER
                .iter()
                .filter_map(|target| {
                    columns
                        .iter()
                        .find(|c| c.trim().eq_ignore_ascii_case(target))
                        .map(|c| (target.to_string(), vec![c.clone()]))
                })
                .collect(),
            ..ImportMap::default()
        });
        let gender_columns: Vec<usize> = map
            .columns
            .get("gender")
            .into_iter()
            .flatten()
            .filter_map(|name| columns.iter().position(|c| c == name))
            .collect();
        let mut sample = Vec::new();
        let mut unknown_genders: Vec<String> = Vec::new();
        for record in reader.records().take(10_000) {
            let record = record.map_err(|e| Failure::CsvUnreadable {
                line: e.position().map_or(0, |p| p.line()),
                detail: e.to_string(),
            })?;
            if sample.len() < 5 {
                sample.push(record.iter().map(str::to_string).collect());
            }
            for i in &gender_columns {
                let value = record.get(*i).unwrap_or("").trim();
                if !value.is_empty()
                    && !known_gender(value)
                    && !map.genders.contains_key(value)
                    && !unknown_genders.iter().any(|u| u == value)
                    && unknown_genders.len() < 20
                {
                    unknown_genders.push(value.to_string());
                }
            }
        }
        Ok(ImportSource {
            columns,
            sample,
            map,
            saved: saved.is_some(),
            unknown_genders,
            targets: CANONICAL_HEADER.iter().map(|c| c.to_string()).collect(),
        })
    }

    /// The file's text in Daftar's own columns, by `map` (kept for files with these
    /// columns). Values the map cannot make right are left as they are, for the import
    /// to report with their line.
    pub(crate) fn reshape(&mut self, text: &str, map: &ImportMap) -> Result<String> {
        let (header, mut reader) = crate::csv_io::headed(text)?;
        let position = |name: &str| -> Result<usize> {
            header
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| Failure::BadMapping(name.chars().take(60).collect()))
        };
        let mut sources: Vec<Vec<usize>> = Vec::new();
        for target in CANONICAL_HEADER {
            let named = match map.columns.get(target) {
                Some(names) => names
                    .iter()
                    .filter(|n| !n.trim().is_empty())
                    .map(|n| position(n))
                    .collect::<Result<Vec<_>>>()?,
                None => position(target).map(|i| vec![i]).unwrap_or_default(),
            };
            sources.push(named);
        }
        for target in map.columns.keys().chain(map.defaults.keys()) {
            if !CANONICAL_HEADER.contains(&target.as_str()) {
                return Err(Failure::BadMapping(target.chars().take(60).collect()));
            }
        }
        let order = map.date_order.unwrap_or(DateOrder::DayMonthYear);
        let this_year = crate::today().year();
        let mut next_number = match map.number_missing {
            true => Some(self.store.next_admission_number()?),
            false => None,
        };
        let mut out = csv::Writer::from_writer(Vec::new());
        let write_failed = |e: csv::Error| Failure::CsvUnreadable {
            line: 0,
            detail: e.to_string(),
        };
        out.write_record(CANONICAL_HEADER).map_err(write_failed)?;
        for record in reader.records() {
            let record = record.map_err(|e| Failure::CsvUnreadable {
                line: e.position().map_or(0, |p| p.line()),
                detail: e.to_string(),
            })?;
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let mut row: Vec<String> = Vec::with_capacity(CANONICAL_HEADER.len());
            for (target, columns) in CANONICAL_HEADER.iter().zip(&sources) {
                let joined = columns
                    .iter()
                    .filter_map(|i| record.get(*i))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut value = if joined.is_empty() {
                    map.defaults.get(*target).cloned().unwrap_or_default()
                } else {
                    joined
                };
                match *target {
                    "birth_date" if !value.is_empty() => {
                        if let Some(iso) = date_in_order(&value, order, this_year) {
                            value = iso;
                        }
                    }
                    "gender" => {
                        if let Some(mapped) = map.genders.get(value.trim()) {
                            value = mapped.clone();
                        }
                    }
                    "admission_number" if value.is_empty() => {
                        if let Some(number) = next_number.take() {
                            next_number = Some(after(&number));
                            value = number;
                        }
                    }
                    _ => {}
                }
                row.push(value);
            }
            out.write_record(&row).map_err(write_failed)?;
        }
        let bytes = out.into_inner().map_err(|e| Failure::CsvUnreadable {
            line: 0,
            detail: e.to_string(),
        })?;
        self.store.set_setting(
            &source_key(&header),
            &serde_json::to_string(map).map_err(daftar_store::StoreError::from)?,
        )?;
        String::from_utf8(bytes).map_err(|e| Failure::CsvUnreadable {
            line: 0,
            detail: e.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_the_files_order_with_two_digit_years() {
        let us = DateOrder::MonthDayYear;
        assert_eq!(
            date_in_order("12/06/93", us, 2026).as_deref(),
            Some("1993-12-06")
        );
        assert_eq!(
            date_in_order("12/06/19", us, 2026).as_deref(),
            Some("2019-12-06")
        );
        assert_eq!(
            date_in_order("٠٥/٠٣/٢٠١٨", DateOrder::DayMonthYear, 2026).as_deref(),
            Some("2018-03-05")
        );
        assert_eq!(
            date_in_order("2018-03-05", us, 2026).as_deref(),
            Some("2018-03-05")
        );
        assert_eq!(
            date_in_order("31/02/2018", DateOrder::DayMonthYear, 2026),
            None
        );
        assert_eq!(date_in_order("soon", us, 2026), None);
    }

    #[test]
    fn the_next_admission_number_keeps_its_shape() {
        assert_eq!(after("000481"), "000482");
        assert_eq!(after("S-099"), "S-100");
        assert_eq!(after("9"), "10");
    }
}
