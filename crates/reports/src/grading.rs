//! Term grades from marks: a subject's weighted percentage, the overall average, the grade
//! band and the class rank. Pure, so the printed numbers are tested on their own.

use crate::model::{Band, CardAssessment, CardSubject};

/// The subject's percentage: each marked assessment's share of its total, weighted. Missing
/// marks are left out (they are printed as missing, not as zero). `None` with no marks.
pub fn subject_percent(assessments: &[CardAssessment]) -> Option<f64> {
    let (mut score, mut weight) = (0.0, 0.0);
    for a in assessments {
        if let Some(mark) = a.mark
            && a.total > 0.0
        {
            let w = if a.weight > 0.0 { a.weight } else { 1.0 };
            score += mark / a.total * w;
            weight += w;
        }
    }
    (weight > 0.0).then(|| score / weight * 100.0)
}

/// Marks obtained and marks possible over the marked assessments.
pub fn subject_total(assessments: &[CardAssessment]) -> Option<(f64, f64)> {
    let marked: Vec<_> = assessments.iter().filter(|a| a.mark.is_some()).collect();
    if marked.is_empty() {
        return None;
    }
    Some((
        marked.iter().filter_map(|a| a.mark).sum(),
        marked.iter().map(|a| a.total).sum(),
    ))
}

/// The average of the subjects' percentages (subjects without marks left out).
pub fn overall_percent(subjects: &[CardSubject]) -> Option<f64> {
    let percents: Vec<f64> = subjects
        .iter()
        .filter_map(|s| subject_percent(&s.assessments))
        .collect();
    (!percents.is_empty()).then(|| percents.iter().sum::<f64>() / percents.len() as f64)
}

/// The band a percentage falls in; `bands` highest first.
pub fn band(percent: f64, bands: &[Band]) -> Option<&Band> {
    // Rounded as printed, so that 89.96 printed "90.0" gets the 90 band.
    let shown = (percent * 10.0).round() / 10.0;
    bands.iter().find(|b| shown >= b.min_percent)
}

/// Competition ranks ("1, 2, 2, 4") of the students with an average; equal to one decimal
/// place is a tie, as the card prints one decimal.
pub fn ranks(averages: &[Option<f64>]) -> Vec<Option<u32>> {
    let rounded: Vec<Option<i64>> = averages
        .iter()
        .map(|a| a.map(|v| (v * 10.0).round() as i64))
        .collect();
    rounded
        .iter()
        .map(|mine| {
            mine.map(|m| 1 + rounded.iter().flatten().filter(|other| **other > m).count() as u32)
        })
        .collect()
}

/// A mark as printed: whole numbers without decimals, halves and tenths with one.
pub fn number(value: f64) -> String {
    let tenth = (value * 10.0).round() / 10.0;
    if tenth.fract() == 0.0 {
        format!("{tenth:.0}")
    } else {
        format!("{tenth:.1}")
    }
}

/// An amount in minor units as "1,250.00".
pub fn money(minor: i64, digits: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    let unit = 10u64.pow(u32::from(digits));
    let whole = (minor / unit).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if digits == 0 {
        format!("{sign}{grouped}")
    } else {
        format!(
            "{sign}{grouped}.{:0width$}",
            minor % unit,
            width = usize::from(digits)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bilingual;

    fn a(mark: Option<f64>, total: f64, weight: f64) -> CardAssessment {
        CardAssessment {
            name: Bilingual::new("ا", "a"),
            mark,
            total,
            weight,
        }
    }

    #[test]
    fn weighted_percent_leaves_missing_marks_out() {
        let marks = [a(Some(18.0), 20.0, 20.0), a(Some(40.0), 50.0, 30.0)];
        // (0.9 * 20 + 0.8 * 30) / 50 = 0.84
        assert!((subject_percent(&marks).unwrap() - 84.0).abs() < 1e-9);
        let with_missing = [a(Some(18.0), 20.0, 20.0), a(None, 50.0, 30.0)];
        assert!((subject_percent(&with_missing).unwrap() - 90.0).abs() < 1e-9);
        assert_eq!(subject_percent(&[a(None, 20.0, 50.0)]), None);
        assert_eq!(subject_total(&with_missing), Some((18.0, 20.0)));
        assert_eq!(subject_total(&[]), None);
    }

    #[test]
    fn bands_and_ranks() {
        let bands = vec![
            Band {
                min_percent: 90.0,
                label: Bilingual::new("ممتاز", "Excellent"),
            },
            Band {
                min_percent: 0.0,
                label: Bilingual::new("مقبول", "Pass"),
            },
        ];
        assert_eq!(band(89.96, &bands).unwrap().label.en, "Excellent");
        assert_eq!(band(89.94, &bands).unwrap().label.en, "Pass");
        assert_eq!(
            ranks(&[Some(80.0), Some(90.0), None, Some(80.04), Some(70.0)]),
            [Some(2), Some(1), None, Some(2), Some(4)]
        );
    }

    #[test]
    fn numbers_and_money_as_printed() {
        assert_eq!(number(18.0), "18");
        assert_eq!(number(18.5), "18.5");
        assert_eq!(number(86.66666), "86.7");
        assert_eq!(money(125_000, 2), "1,250.00");
        assert_eq!(money(5, 2), "0.05");
        assert_eq!(money(1_234_567, 0), "1,234,567");
        assert_eq!(money(-1_000_050, 3), "-1,000.050");
    }
}
