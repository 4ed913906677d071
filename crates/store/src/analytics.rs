//! The analytics views' figures: attendance, marks, fees and enrollment over a scope of
//! classrooms and dates, each computed by a few SQL aggregations over covering indexes
//! (client migration 11), never by loading rows into Rust.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value as Sql;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Store;
use crate::desk::id_list;
use crate::error::Result;
use crate::read::parse_id;

/// What the figures are broken down by: the drill-down's levels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    #[default]
    Grade,
    Classroom,
    Student,
}

/// Which records a view counts: the classrooms of a year the actor may see (already
/// narrowed by the grade and classroom filters), and the dates, term and subject.
#[derive(Debug, Clone)]
pub struct Scope {
    pub year_id: Uuid,
    /// The classrooms counted.
    pub classrooms: Vec<Uuid>,
    /// Every classroom of the year the actor may see, for grade averages: a classroom is
    /// compared with its whole grade even when the view is narrowed to it.
    pub visible: Vec<Uuid>,
    /// No grade or classroom filter and an actor who sees the whole school: fees also count
    /// the invoices of students not placed in a classroom.
    pub whole_school: bool,
    /// A teacher's (classroom, subject) pairs: their marks views hold only these.
    pub teaches: Option<Vec<(Uuid, Uuid)>>,
    pub subject_id: Option<Uuid>,
    pub term_id: Option<Uuid>,
    /// The term before `term_id`, for drops in a student's average.
    pub previous_term_id: Option<Uuid>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub level: Level,
}

/// A grade, classroom, student or subject in a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Named {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
}

/// A student in a list, with the classroom they are in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StudentRef {
    pub id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub classroom_ar: String,
    pub classroom_en: String,
}

/// Whole-day registers by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusCounts {
    pub present: i64,
    pub absent: i64,
    pub late: i64,
    pub excused: i64,
}

impl StatusCounts {
    pub fn recorded(&self) -> i64 {
        self.present + self.absent + self.late + self.excused
    }

    /// Days missed: absent, excused or not (chronic absence counts both).
    pub fn missed(&self) -> i64 {
        self.absent + self.excused
    }

    /// The share of registers where the student was in school (present or late), in
    /// percent; `None` with nothing recorded.
    pub fn rate(&self) -> Option<f64> {
        let recorded = self.recorded();
        (recorded > 0).then(|| (self.present + self.late) as f64 * 100.0 / recorded as f64)
    }

    fn add(&mut self, other: &StatusCounts) {
        self.present += other.present;
        self.absent += other.absent;
        self.late += other.late;
        self.excused += other.excused;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayCounts {
    pub date: NaiveDate,
    pub counts: StatusCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupCounts {
    pub group: Named,
    pub counts: StatusCounts,
}

/// A student's registers over the range, for chronic absence and lateness.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StudentAttendance {
    pub student: StudentRef,
    pub counts: StatusCounts,
    /// Days missed as a share of the days recorded, in percent.
    pub missed_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceFigures {
    pub totals: StatusCounts,
    /// School days with a register, in order.
    pub days: Vec<DayCounts>,
    /// Weeks by the date of their first school day's week start (`week_starts`' day).
    pub weeks: Vec<DayCounts>,
    /// By weekday, 0 Sunday to 6 Saturday (only days with registers).
    pub weekdays: Vec<(u32, StatusCounts)>,
    pub groups: Vec<GroupCounts>,
    /// Students at or above the threshold of days missed, the most absent first.
    pub chronic: Vec<StudentAttendance>,
    /// The students late most often (at most 10).
    pub frequent_late: Vec<StudentAttendance>,
}

/// A distribution of percentages: a box plot's five numbers (nearest rank) and a
/// histogram of ten bins (0–9.99, …, 90–100).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Spread {
    pub count: i64,
    pub mean: f64,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub bins: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubjectSpread {
    pub subject: Named,
    pub spread: Spread,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssessmentSpread {
    pub assessment: Named,
    pub subject: Named,
    pub classroom: Named,
    pub date: NaiveDate,
    pub spread: Spread,
}

/// A group's average in a subject beside its grade's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupAverage {
    pub group: Named,
    pub subject: Named,
    pub average: f64,
    pub students: i64,
    pub grade_average: f64,
}

/// A student at risk: below the pass mark in two or more subjects, or more than 15 points
/// below their previous term's average.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StudentMarks {
    pub student: StudentRef,
    pub average: f64,
    pub previous: Option<f64>,
    pub failing: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarksFigures {
    pub subjects: Vec<SubjectSpread>,
    pub assessments: Vec<AssessmentSpread>,
    /// Each group at the scope's level (a student's own average at the student level) by
    /// subject.
    pub groups: Vec<GroupAverage>,
    pub at_risk: Vec<StudentMarks>,
    /// The ten best averages.
    pub top: Vec<StudentMarks>,
}

/// A points drop from the previous term beyond which a student is at risk.
pub const AT_RISK_DROP: f64 = 15.0;

/// Money in the currency's minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Money {
    /// Invoiced, less credit notes (voided invoices count nothing).
    pub billed: i64,
    /// Payments and credit moved in, less refunds and credit moved out.
    pub collected: i64,
    pub outstanding: i64,
    pub overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthMoney {
    /// `YYYY-MM`.
    pub month: String,
    pub billed: i64,
    pub collected: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupMoney {
    pub group: Named,
    pub money: Money,
}

/// An invoice long overdue, for the "needs attention" list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OverdueInvoice {
    pub invoice_id: Uuid,
    pub number: String,
    pub student: StudentRef,
    pub due_on: NaiveDate,
    pub days_overdue: i64,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeesFigures {
    pub totals: Money,
    /// Billed by the month invoices were issued; collected by the month money moved.
    pub months: Vec<MonthMoney>,
    /// Outstanding by aging bucket (not due, 1–30, 31–60, 61–90, over 90 days), with the
    /// number of invoices in each.
    pub aging: Vec<(i64, i64)>,
    pub groups: Vec<GroupMoney>,
    /// Invoices 60 or more days overdue, the oldest first.
    pub long_overdue: Vec<OverdueInvoice>,
}

/// Days past due from which an invoice needs attention.
pub const LONG_OVERDUE_DAYS: i64 = 60;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupEnrollment {
    pub group: Named,
    pub enrolled: i64,
    pub male: i64,
    pub female: i64,
    pub capacity: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthMoves {
    pub month: String,
    pub admitted: i64,
    pub withdrawn: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EnrollmentFigures {
    pub enrolled: i64,
    pub capacity: i64,
    pub groups: Vec<GroupEnrollment>,
    /// Nationality codes by count, the largest first.
    pub nationalities: Vec<(String, i64)>,
    pub months: Vec<MonthMoves>,
}

/// The SQL that names a group at a level: its id, Arabic and English names, from the
/// classroom `c` (joined to its grade `g`) and the student `s`.
fn group_columns(level: Level) -> &'static str {
    match level {
        Level::Grade => "g.id, g.name_ar, g.name_en",
        Level::Classroom => "c.id, c.name_ar, c.name_en",
        Level::Student => "s.id, s.name_ar, s.name_en",
    }
}

fn group_order(level: Level) -> &'static str {
    match level {
        Level::Grade => "MIN(g.ordinal), g.name_en",
        Level::Classroom => "MIN(g.ordinal), c.name_en",
        Level::Student => "s.name_en, s.admission_number",
    }
}

fn named(r: &rusqlite::Row, at: usize) -> rusqlite::Result<(String, String, String)> {
    Ok((r.get(at)?, r.get(at + 1)?, r.get(at + 2)?))
}

fn to_named((id, name_ar, name_en): (String, String, String)) -> Result<Named> {
    Ok(Named {
        id: parse_id(&id)?,
        name_ar,
        name_en,
    })
}

/// `s.id, s.admission_number, s.name_ar, s.name_en, c.name_ar, c.name_en`, read back.
const STUDENT_COLUMNS: &str =
    "s.id, s.admission_number, s.name_ar, s.name_en, c.name_ar, c.name_en";

type StudentCols = (String, String, String, String, String, String);

fn student_cols(r: &rusqlite::Row, at: usize) -> rusqlite::Result<StudentCols> {
    Ok((
        r.get(at)?,
        r.get(at + 1)?,
        r.get(at + 2)?,
        r.get(at + 3)?,
        r.get(at + 4)?,
        r.get(at + 5)?,
    ))
}

fn to_student(cols: StudentCols) -> Result<StudentRef> {
    Ok(StudentRef {
        id: parse_id(&cols.0)?,
        admission_number: cols.1,
        name_ar: cols.2,
        name_en: cols.3,
        classroom_ar: cols.4,
        classroom_en: cols.5,
    })
}

fn counts(r: &rusqlite::Row, at: usize) -> rusqlite::Result<StatusCounts> {
    Ok(StatusCounts {
        present: r.get(at)?,
        absent: r.get(at + 1)?,
        late: r.get(at + 2)?,
        excused: r.get(at + 3)?,
    })
}

/// The attendance view's first pass: registers counted by classroom, day and status, in
/// the order of the covering index `attendance_day_registers`.
fn day_pass_sql(within: &str) -> String {
    format!(
        "SELECT a.classroom_id, a.date, a.status, COUNT(*)
         FROM attendance a
         WHERE a.deleted = 0 AND a.period = 0 AND a.classroom_id IN ({within})
           AND a.date BETWEEN ?1 AND ?2
         GROUP BY a.classroom_id, a.date, a.status"
    )
}

/// From how many classrooms the per-student pass streams through the index by student
/// rather than seeking each classroom's registers and sorting them by student.
const STREAM_BY_STUDENT: usize = 8;

/// The second pass: each student's registers summed, with their names.
fn student_pass_sql(within: &str, classrooms: usize) -> String {
    let index = if classrooms >= STREAM_BY_STUDENT {
        "INDEXED BY attendance_student_days"
    } else {
        ""
    };
    format!(
        "SELECT {STUDENT_COLUMNS}, p.present, p.absent, p.late, p.excused
         FROM (SELECT a.student_id, MAX(a.classroom_id) AS classroom_id,
                      SUM(a.status = 'present') AS present, SUM(a.status = 'absent') AS absent,
                      SUM(a.status = 'late') AS late, SUM(a.status = 'excused') AS excused
               FROM attendance a {index}
               WHERE a.deleted = 0 AND a.period = 0 AND a.classroom_id IN ({within})
                 AND a.date BETWEEN ?1 AND ?2
               GROUP BY a.student_id) p
         JOIN students s ON s.id = p.student_id
         JOIN classrooms c ON c.id = p.classroom_id
         ORDER BY s.name_en, s.admission_number"
    )
}

/// The first day of the week `date` falls in, weeks starting on `week_start`
/// (0 Sunday … 6 Saturday).
pub fn week_of(date: NaiveDate, week_start: u32) -> NaiveDate {
    let weekday = date.weekday().num_days_from_sunday();
    let back = (weekday + 7 - week_start) % 7;
    date - chrono::Days::new(back as u64)
}

impl Store {
    /// The attendance view over `scope`: two passes over the registers' index, one by
    /// (classroom, day) and one by student. `threshold` is the share of days missed, in
    /// percent, from which a student is chronically absent; weeks start on `week_start`.
    pub fn attendance_figures(
        &self,
        scope: &Scope,
        threshold: f64,
        week_start: u32,
    ) -> Result<AttendanceFigures> {
        let conn = self.conn();
        let mut params = vec![
            Sql::Text(scope.from.to_string()),
            Sql::Text(scope.to.to_string()),
        ];
        let within = id_list(&scope.classrooms, &mut params);
        // Per classroom, day and status: tens of thousands of rows at most, counted in the
        // index's own order and summed below into days, weeks, weekdays and groups.
        let mut stmt = conn.prepare_cached(&day_pass_sql(&within))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut totals = StatusCounts::default();
        let mut days: std::collections::BTreeMap<NaiveDate, StatusCounts> = Default::default();
        let mut weeks: std::collections::BTreeMap<NaiveDate, StatusCounts> = Default::default();
        let mut weekdays: [Option<StatusCounts>; 7] = [None; 7];
        let mut by_classroom: HashMap<String, StatusCounts> = HashMap::new();
        for row in rows {
            let (classroom, date, status, count) = row?;
            let mut c = StatusCounts::default();
            match status.as_str() {
                "present" => c.present = count,
                "absent" => c.absent = count,
                "late" => c.late = count,
                "excused" => c.excused = count,
                _ => continue,
            }
            let date = parse_date(&date)?;
            totals.add(&c);
            days.entry(date).or_default().add(&c);
            weeks.entry(week_of(date, week_start)).or_default().add(&c);
            weekdays[date.weekday().num_days_from_sunday() as usize]
                .get_or_insert_default()
                .add(&c);
            by_classroom.entry(classroom).or_default().add(&c);
        }

        // Per student: chronic absence, lateness, and the student level's groups.
        let students = self.student_attendance(scope)?;

        let groups = match scope.level {
            Level::Student => students
                .iter()
                .map(|s| GroupCounts {
                    group: Named {
                        id: s.student.id,
                        name_ar: s.student.name_ar.clone(),
                        name_en: s.student.name_en.clone(),
                    },
                    counts: s.counts,
                })
                .collect(),
            level => {
                let mut groups: Vec<GroupCounts> = Vec::new();
                for (group, classrooms) in self.classroom_groups(&scope.classrooms, level)? {
                    let mut c = StatusCounts::default();
                    for classroom in classrooms {
                        if let Some(found) = by_classroom.get(classroom.to_string().as_str()) {
                            c.add(found);
                        }
                    }
                    groups.push(GroupCounts { group, counts: c });
                }
                groups
            }
        };

        let chronic = chronic_of(&students, threshold);
        let mut frequent_late: Vec<StudentAttendance> =
            students.into_iter().filter(|s| s.counts.late > 0).collect();
        frequent_late.sort_by(|a, b| {
            b.counts
                .late
                .cmp(&a.counts.late)
                .then_with(|| a.student.name_en.cmp(&b.student.name_en))
        });
        frequent_late.truncate(10);

        Ok(AttendanceFigures {
            totals,
            days: days
                .into_iter()
                .map(|(date, counts)| DayCounts { date, counts })
                .collect(),
            weeks: weeks
                .into_iter()
                .map(|(date, counts)| DayCounts { date, counts })
                .collect(),
            weekdays: (0..7u32)
                .zip(weekdays)
                .filter_map(|(d, c)| c.map(|c| (d, c)))
                .collect(),
            groups,
            chronic,
            frequent_late,
        })
    }

    /// Each student's whole-day registers over the scope, by name.
    fn student_attendance(&self, scope: &Scope) -> Result<Vec<StudentAttendance>> {
        let mut params = vec![
            Sql::Text(scope.from.to_string()),
            Sql::Text(scope.to.to_string()),
        ];
        let within = id_list(&scope.classrooms, &mut params);
        let mut stmt = self
            .conn()
            .prepare_cached(&student_pass_sql(&within, scope.classrooms.len()))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((student_cols(r, 0)?, counts(r, 6)?))
        })?;
        let mut students = Vec::new();
        for row in rows {
            let (cols, c) = row?;
            let missed_percent = c.missed() as f64 * 100.0 / c.recorded().max(1) as f64;
            students.push(StudentAttendance {
                student: to_student(cols)?,
                counts: c,
                missed_percent,
            });
        }
        Ok(students)
    }

    /// The students at or above `threshold` percent of days missed over the scope, the most
    /// absent first: the attendance view's chronic list alone, for the dashboard.
    pub fn chronic_absence(&self, scope: &Scope, threshold: f64) -> Result<Vec<StudentAttendance>> {
        Ok(chronic_of(&self.student_attendance(scope)?, threshold))
    }

    /// `classrooms` gathered into their groups at `level` (grade or classroom), in the
    /// grades' order.
    fn classroom_groups(
        &self,
        classrooms: &[Uuid],
        level: Level,
    ) -> Result<Vec<(Named, Vec<Uuid>)>> {
        let mut params = Vec::new();
        let within = id_list(classrooms, &mut params);
        let group = group_columns(level);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {group}, group_concat(c.id) FROM classrooms c
             JOIN grade_levels g ON g.id = c.grade_id
             WHERE c.id IN ({within})
             GROUP BY 1, 2, 3 ORDER BY {}",
            group_order(level)
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((named(r, 0)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (group, ids) = row?;
            let ids = ids.split(',').map(parse_id).collect::<Result<Vec<_>>>()?;
            out.push((to_named(group)?, ids));
        }
        Ok(out)
    }

    /// The marks view of a term: subjects' and assessments' spreads, groups against their
    /// grade, students at risk and the top ten. Percentages are each subject's weighted
    /// share of its marked assessments, as report cards print them; `pass_mark` is the
    /// lowest percentage that passes.
    pub fn marks_figures(&self, scope: &Scope, pass_mark: f64) -> Result<MarksFigures> {
        let Some(term) = scope.term_id else {
            return Ok(MarksFigures {
                subjects: Vec::new(),
                assessments: Vec::new(),
                groups: Vec::new(),
                at_risk: Vec::new(),
                top: Vec::new(),
            });
        };
        let conn = self.conn();
        // A spread of `score` per `key` in `source`, nearest-rank quartiles by window.
        let spread_sql = |source: &str, key: &str| {
            format!(
                "WITH src AS ({source}),
                 ranked AS (SELECT {key} AS k, score,
                                   ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY score) AS rn,
                                   COUNT(*) OVER (PARTITION BY {key}) AS n FROM src),
                 box AS (SELECT k, MAX(n) AS n, AVG(score) AS mean, MIN(score) AS lo,
                                MAX(CASE WHEN rn = (n + 3) / 4 THEN score END) AS q1,
                                MAX(CASE WHEN rn = (n + 1) / 2 THEN score END) AS median,
                                MAX(CASE WHEN rn = (3 * n + 3) / 4 THEN score END) AS q3,
                                MAX(score) AS hi
                         FROM ranked GROUP BY k),
                 bins AS (SELECT k, group_concat(bin || ':' || c) AS bins
                          FROM (SELECT k, MIN(CAST(score / 10 AS INTEGER), 9) AS bin,
                                       COUNT(*) AS c FROM ranked GROUP BY 1, 2)
                          GROUP BY k)
                 SELECT box.*, bins.bins FROM box JOIN bins ON bins.k = box.k"
            )
        };
        let read_spread = |r: &rusqlite::Row, at: usize| -> rusqlite::Result<(Spread, String)> {
            Ok((
                Spread {
                    count: r.get(at)?,
                    mean: r.get(at + 1)?,
                    min: r.get(at + 2)?,
                    q1: r.get(at + 3)?,
                    median: r.get(at + 4)?,
                    q3: r.get(at + 5)?,
                    max: r.get(at + 6)?,
                    bins: vec![0; 10],
                },
                r.get(at + 7)?,
            ))
        };
        let fill_bins = |spread: &mut Spread, bins: &str| {
            for part in bins.split(',') {
                if let Some((bin, count)) = part.split_once(':')
                    && let (Ok(bin), Ok(count)) = (bin.parse::<usize>(), count.parse::<i64>())
                    && bin < 10
                {
                    spread.bins[bin] = count;
                }
            }
        };

        // Subjects.
        let mut params = Vec::new();
        let source = scored_sql(scope, term, &scope.classrooms, &mut params);
        let mut stmt = conn.prepare_cached(&format!(
            "WITH spread AS ({}) SELECT sub.id, sub.name_ar, sub.name_en, spread.n, spread.mean,
                    spread.lo, spread.q1, spread.median, spread.q3, spread.hi, spread.bins
             FROM spread JOIN subjects sub ON sub.id = spread.k ORDER BY sub.code",
            spread_sql(&source, "subject_id")
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((named(r, 0)?, read_spread(r, 3)?))
        })?;
        let mut subjects = Vec::new();
        for row in rows {
            let (subject, (mut spread, bins)) = row?;
            fill_bins(&mut spread, &bins);
            subjects.push(SubjectSpread {
                subject: to_named(subject)?,
                spread,
            });
        }

        // Assessments: each mark's own percentage.
        let mut params = vec![Sql::Text(term.to_string())];
        let within = id_list(&scope.classrooms, &mut params);
        let filters = assessment_filters(scope, &mut params);
        let source = format!(
            "SELECT a.id AS assessment_id, ROUND(r.mark * 100.0 / a.total, 6) AS score
             FROM assessments a
             JOIN results r ON r.assessment_id = a.id AND r.deleted = 0 AND r.mark IS NOT NULL
             WHERE a.deleted = 0 AND a.total > 0 AND a.term_id = ?1
               AND a.classroom_id IN ({within}){filters}"
        );
        let mut stmt = conn.prepare_cached(&format!(
            "WITH spread AS ({}) SELECT a.id, a.name_ar, a.name_en, sub.id, sub.name_ar, sub.name_en,
                    c.id, c.name_ar, c.name_en, a.date, spread.n, spread.mean, spread.lo,
                    spread.q1, spread.median, spread.q3, spread.hi, spread.bins
             FROM spread JOIN assessments a ON a.id = spread.k
             JOIN subjects sub ON sub.id = a.subject_id
             JOIN classrooms c ON c.id = a.classroom_id
             ORDER BY sub.code, a.date, c.name_en, a.name_en",
            spread_sql(&source, "assessment_id")
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                named(r, 0)?,
                named(r, 3)?,
                named(r, 6)?,
                r.get::<_, String>(9)?,
                read_spread(r, 10)?,
            ))
        })?;
        let mut assessments = Vec::new();
        for row in rows {
            let (assessment, subject, classroom, date, (mut spread, bins)) = row?;
            fill_bins(&mut spread, &bins);
            assessments.push(AssessmentSpread {
                assessment: to_named(assessment)?,
                subject: to_named(subject)?,
                classroom: to_named(classroom)?,
                date: parse_date(&date)?,
                spread,
            });
        }

        // Groups against their grade: the grade's average over every visible classroom.
        let mut params = Vec::new();
        let source = scored_sql(scope, term, &scope.visible, &mut params);
        let counted = id_list(&scope.classrooms, &mut params);
        let group = group_columns(scope.level);
        let mut stmt = conn.prepare_cached(&format!(
            "WITH sc AS ({source}),
             grade_avg AS (SELECT c.grade_id, sc.subject_id, AVG(sc.score) AS avg
                           FROM sc JOIN classrooms c ON c.id = sc.classroom_id
                           GROUP BY 1, 2)
             SELECT {group}, sub.id, sub.name_ar, sub.name_en, AVG(sc.score),
                    COUNT(DISTINCT sc.student_id), MAX(ga.avg)
             FROM sc JOIN classrooms c ON c.id = sc.classroom_id
             JOIN grade_levels g ON g.id = c.grade_id
             JOIN students s ON s.id = sc.student_id
             JOIN subjects sub ON sub.id = sc.subject_id
             JOIN grade_avg ga ON ga.grade_id = c.grade_id AND ga.subject_id = sc.subject_id
             WHERE sc.classroom_id IN ({counted})
             GROUP BY 1, 2, 3, sub.id ORDER BY {}, sub.code",
            group_order(scope.level)
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                named(r, 0)?,
                named(r, 3)?,
                r.get::<_, f64>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, f64>(8)?,
            ))
        })?;
        let mut groups = Vec::new();
        for row in rows {
            let (group, subject, average, students, grade_average) = row?;
            groups.push(GroupAverage {
                group: to_named(group)?,
                subject: to_named(subject)?,
                average,
                students,
                grade_average,
            });
        }

        let ranked = self.ranked_students(scope, term, pass_mark)?;
        let top: Vec<StudentMarks> = ranked.iter().take(10).cloned().collect();
        let at_risk = at_risk_of(ranked);
        Ok(MarksFigures {
            subjects,
            assessments,
            groups,
            at_risk,
            top,
        })
    }

    /// Each student's average over their subjects in `term`, the best first, with the one
    /// of the term before and how many subjects are below `pass_mark`.
    fn ranked_students(
        &self,
        scope: &Scope,
        term: Uuid,
        pass_mark: f64,
    ) -> Result<Vec<StudentMarks>> {
        let mut params = Vec::new();
        let now = scored_sql(scope, term, &scope.classrooms, &mut params);
        let before = match scope.previous_term_id {
            // The previous term's average wherever the student was then placed.
            Some(previous) => scored_sql(scope, previous, &scope.visible, &mut params),
            None => "SELECT NULL AS student_id, NULL AS subject_id, NULL AS classroom_id,
                            NULL AS score WHERE 0"
                .into(),
        };
        params.push(Sql::Real(pass_mark));
        let pass_at = params.len();
        let mut stmt = self.conn().prepare_cached(&format!(
            "WITH now AS ({now}), before AS ({before}),
             per_student AS (SELECT student_id, MAX(classroom_id) AS classroom_id,
                                    AVG(score) AS average,
                                    SUM(score < ?{pass_at}) AS failing
                             FROM now GROUP BY student_id),
             earlier AS (SELECT student_id, AVG(score) AS average FROM before GROUP BY student_id)
             SELECT {STUDENT_COLUMNS}, p.average, e.average, p.failing
             FROM per_student p
             JOIN students s ON s.id = p.student_id
             JOIN classrooms c ON c.id = p.classroom_id
             LEFT JOIN earlier e ON e.student_id = p.student_id
             ORDER BY p.average DESC, s.name_en"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                student_cols(r, 0)?,
                r.get::<_, f64>(6)?,
                r.get::<_, Option<f64>>(7)?,
                r.get::<_, i64>(8)?,
            ))
        })?;
        let mut ranked = Vec::new();
        for row in rows {
            let (cols, average, previous, failing) = row?;
            ranked.push(StudentMarks {
                student: to_student(cols)?,
                average,
                previous,
                failing,
            });
        }
        Ok(ranked)
    }

    /// The students at risk in the scope's term: the marks view's list alone, for the
    /// dashboard.
    pub fn students_at_risk(&self, scope: &Scope, pass_mark: f64) -> Result<Vec<StudentMarks>> {
        match scope.term_id {
            Some(term) => Ok(at_risk_of(self.ranked_students(scope, term, pass_mark)?)),
            None => Ok(Vec::new()),
        }
    }

    /// The fees view: a year's invoices due within the scope's dates, of the students
    /// placed in its classrooms (or every invoice, for the whole school), on `today`.
    pub fn fees_figures(&self, scope: &Scope, today: NaiveDate) -> Result<FeesFigures> {
        let conn = self.conn();
        let (inv, params) = invoices_in_scope(scope, today);
        let totals = self.fee_money(scope, today)?;

        let aging_rows: Vec<(i64, i64, i64)> = conn
            .prepare_cached(&format!(
                "WITH inv AS ({inv})
                 SELECT CASE WHEN late <= 0 THEN 0 WHEN late <= 30 THEN 1 WHEN late <= 60 THEN 2
                             WHEN late <= 90 THEN 3 ELSE 4 END AS bucket,
                        SUM(balance), COUNT(*)
                 FROM inv WHERE balance > 0 GROUP BY bucket"
            ))?
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut aging = vec![(0, 0); 5];
        for (bucket, amount, count) in aging_rows {
            aging[bucket as usize] = (amount, count);
        }

        // Billed by issue month; collected by the month each payment or refund was made.
        let months_rows: Vec<(String, i64, i64)> = conn
            .prepare_cached(&format!(
                "WITH inv AS ({inv}),
                 moved AS (
                     SELECT substr(i.issued_on, 1, 7) AS month, i.billed AS billed, 0 AS collected
                     FROM inv i
                     UNION ALL
                     SELECT substr(p.paid_on, 1, 7), 0, p.amount FROM payments p
                     JOIN inv i ON i.id = p.invoice_id WHERE p.deleted = 0
                     UNION ALL
                     SELECT substr(f.refunded_on, 1, 7), 0, -f.amount FROM refunds f
                     JOIN inv i ON i.id = f.invoice_id WHERE f.deleted = 0
                     UNION ALL
                     SELECT substr(t.applied_on, 1, 7), 0, t.amount FROM credit_transfers t
                     JOIN inv i ON i.id = t.to_invoice_id WHERE t.deleted = 0
                     UNION ALL
                     SELECT substr(t.applied_on, 1, 7), 0, -t.amount FROM credit_transfers t
                     JOIN inv i ON i.id = t.from_invoice_id WHERE t.deleted = 0)
                 SELECT month, SUM(billed), SUM(collected) FROM moved GROUP BY month ORDER BY month"
            ))?
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let months = months_rows
            .into_iter()
            .map(|(month, billed, collected)| MonthMoney {
                month,
                billed,
                collected,
            })
            .collect();

        let group = group_columns(scope.level);
        let mut stmt = conn.prepare_cached(&format!(
            "WITH inv AS ({inv})
             SELECT {group}, {MONEY_SUMS}
             FROM inv JOIN classrooms c ON c.id = inv.classroom_id
             JOIN grade_levels g ON g.id = c.grade_id
             JOIN students s ON s.id = inv.student_id
             GROUP BY 1, 2, 3 ORDER BY {}",
            group_order(scope.level)
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((named(r, 0)?, read_money(r, 3)?))
        })?;
        let mut groups = Vec::new();
        for row in rows {
            let (group, money) = row?;
            groups.push(GroupMoney {
                group: to_named(group)?,
                money,
            });
        }

        let long_overdue = self.long_overdue(scope, today)?;
        Ok(FeesFigures {
            totals,
            months,
            aging,
            groups,
            long_overdue,
        })
    }

    /// What the scope's invoices come to: billed, collected, outstanding, overdue.
    pub fn fee_money(&self, scope: &Scope, today: NaiveDate) -> Result<Money> {
        let (inv, params) = invoices_in_scope(scope, today);
        Ok(self
            .conn()
            .prepare_cached(&format!("WITH inv AS ({inv}) SELECT {MONEY_SUMS} FROM inv"))?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| {
                read_money(r, 0)
            })?)
    }

    /// The scope's invoices [`LONG_OVERDUE_DAYS`] or more past due with something owed, the
    /// oldest first.
    pub fn long_overdue(&self, scope: &Scope, today: NaiveDate) -> Result<Vec<OverdueInvoice>> {
        let (inv, params) = invoices_in_scope(scope, today);
        let mut stmt = self.conn().prepare_cached(&format!(
            "WITH inv AS ({inv})
             SELECT inv.id, inv.number, {STUDENT_COLUMNS}, inv.due_on, inv.late, inv.balance
             FROM inv JOIN students s ON s.id = inv.student_id
             LEFT JOIN classrooms c ON c.id = inv.classroom_id
             WHERE inv.balance > 0 AND inv.late >= {LONG_OVERDUE_DAYS}
             ORDER BY inv.late DESC, inv.number"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                (
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                ),
                r.get::<_, String>(8)?,
                r.get::<_, i64>(9)?,
                r.get::<_, i64>(10)?,
            ))
        })?;
        let mut long_overdue = Vec::new();
        for row in rows {
            let (id, number, cols, due_on, days_overdue, balance) = row?;
            long_overdue.push(OverdueInvoice {
                invoice_id: parse_id(&id)?,
                number,
                student: to_student(cols)?,
                due_on: parse_date(&due_on)?,
                days_overdue,
                balance,
            });
        }
        Ok(long_overdue)
    }

    /// The enrollment view: who is placed in the scope's classrooms on its last day, by
    /// group, gender and nationality, against capacity; admissions and withdrawals by month
    /// within its dates.
    pub fn enrollment_figures(&self, scope: &Scope) -> Result<EnrollmentFigures> {
        let conn = self.conn();
        let mut params = vec![
            Sql::Text(scope.year_id.to_string()),
            Sql::Text(scope.from.to_string()),
            Sql::Text(scope.to.to_string()),
        ];
        let within = id_list(&scope.classrooms, &mut params);
        // Placed on the scope's last day: enrolled by then and not yet left.
        let placed = format!(
            "SELECT e.student_id, e.classroom_id FROM enrollments e
             WHERE e.year_id = ?1 AND e.deleted = 0 AND e.classroom_id IN ({within})
               AND e.enrolled_on <= ?3 AND (e.left_on IS NULL OR e.left_on > ?3)"
        );
        let level = match scope.level {
            // Enrollment is counted by group: a student is one of a classroom.
            Level::Student => Level::Classroom,
            level => level,
        };
        let group = group_columns(level);
        // Capacity comes from every classroom of the group, placed students or not.
        let mut stmt = conn.prepare_cached(&format!(
            "WITH placed AS ({placed}),
             per_classroom AS (
                 SELECT c.id AS classroom_id, c.capacity,
                        (SELECT COUNT(*) FROM placed p WHERE p.classroom_id = c.id) AS enrolled,
                        (SELECT COUNT(*) FROM placed p JOIN students s ON s.id = p.student_id
                          WHERE p.classroom_id = c.id AND s.gender = 'male') AS male,
                        (SELECT COUNT(*) FROM placed p JOIN students s ON s.id = p.student_id
                          WHERE p.classroom_id = c.id AND s.gender = 'female') AS female
                 FROM classrooms c WHERE c.id IN ({within}))
             SELECT {group}, SUM(pc.enrolled), SUM(pc.male), SUM(pc.female), SUM(pc.capacity)
             FROM per_classroom pc JOIN classrooms c ON c.id = pc.classroom_id
             JOIN grade_levels g ON g.id = c.grade_id
             GROUP BY 1, 2, 3 ORDER BY {}",
            group_order(level)
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((named(r, 0)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })?;
        let mut groups = Vec::new();
        for row in rows {
            let (group, enrolled, male, female, capacity) = row?;
            groups.push(GroupEnrollment {
                group: to_named(group)?,
                enrolled,
                male,
                female,
                capacity,
            });
        }
        let nationalities: Vec<(String, i64)> = conn
            .prepare_cached(&format!(
                "WITH placed AS ({placed})
                 SELECT s.nationality, COUNT(*) FROM placed p JOIN students s ON s.id = p.student_id
                 GROUP BY 1 ORDER BY 2 DESC, 1"
            ))?
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let moves: Vec<(String, i64, i64)> = conn
            .prepare_cached(&format!(
                "WITH moves AS (
                     SELECT substr(e.enrolled_on, 1, 7) AS month, 1 AS admitted, 0 AS withdrawn
                     FROM enrollments e
                     WHERE e.year_id = ?1 AND e.deleted = 0 AND e.classroom_id IN ({within})
                       AND e.enrolled_on BETWEEN ?2 AND ?3
                     UNION ALL
                     SELECT substr(e.left_on, 1, 7), 0, 1 FROM enrollments e
                     WHERE e.year_id = ?1 AND e.deleted = 0 AND e.classroom_id IN ({within})
                       AND e.left_on BETWEEN ?2 AND ?3)
                 SELECT month, SUM(admitted), SUM(withdrawn) FROM moves
                 GROUP BY month ORDER BY month"
            ))?
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(EnrollmentFigures {
            enrolled: groups.iter().map(|g| g.enrolled).sum(),
            capacity: groups.iter().map(|g| g.capacity).sum(),
            groups,
            nationalities,
            months: moves
                .into_iter()
                .map(|(month, admitted, withdrawn)| MonthMoves {
                    month,
                    admitted,
                    withdrawn,
                })
                .collect(),
        })
    }

    /// What SQLite plans for the attendance view's two passes, one line per step: the
    /// benches and tests check that no step scans the attendance table itself.
    pub fn attendance_plans(&self, scope: &Scope) -> Result<Vec<String>> {
        let mut params = vec![
            Sql::Text(scope.from.to_string()),
            Sql::Text(scope.to.to_string()),
        ];
        let within = id_list(&scope.classrooms, &mut params);
        let mut out = Vec::new();
        for sql in [
            day_pass_sql(&within),
            student_pass_sql(&within, scope.classrooms.len()),
        ] {
            let mut stmt = self.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
                r.get::<_, String>(3)
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }
}

/// Each student's percentage in each subject of a term, in any classroom of
/// `pool`; the subject filter and a teacher's pairs apply. Percentages are rounded to
/// six places, so that equal shares reached by different sums compare equal.
/// The assessments a marks view holds beyond their term and classrooms: the subject filter,
/// and a teacher's (classroom, subject) pairs; its parameters pushed onto `params`.
fn assessment_filters(scope: &Scope, params: &mut Vec<Sql>) -> String {
    let mut filters = String::new();
    if let Some(subject) = scope.subject_id {
        params.push(Sql::Text(subject.to_string()));
        filters.push_str(&format!(" AND a.subject_id = ?{}", params.len()));
    }
    if let Some(pairs) = &scope.teaches {
        let marks: Vec<String> = pairs
            .iter()
            .map(|(c, s)| {
                params.push(Sql::Text(format!("{c}/{s}")));
                format!("?{}", params.len())
            })
            .collect();
        let marks = if marks.is_empty() {
            "NULL".into()
        } else {
            marks.join(", ")
        };
        filters.push_str(&format!(
            " AND a.classroom_id || '/' || a.subject_id IN ({marks})"
        ));
    }
    filters
}

fn scored_sql(scope: &Scope, term: Uuid, pool: &[Uuid], params: &mut Vec<Sql>) -> String {
    params.push(Sql::Text(term.to_string()));
    let term_at = params.len();
    let within = id_list(pool, params);
    let filters = assessment_filters(scope, params);
    format!(
        "SELECT r.student_id, a.subject_id, a.classroom_id,
                    ROUND(SUM(r.mark / a.total * (CASE WHEN a.weight > 0 THEN a.weight ELSE 1 END))
                    * 100.0 / SUM(CASE WHEN a.weight > 0 THEN a.weight ELSE 1 END), 6) AS score
             FROM assessments a
             JOIN results r ON r.assessment_id = a.id AND r.deleted = 0 AND r.mark IS NOT NULL
             WHERE a.deleted = 0 AND a.total > 0 AND a.term_id = ?{term_at}
               AND a.classroom_id IN ({within}){filters}
             GROUP BY r.student_id, a.subject_id, a.classroom_id"
    )
}

/// `inv`: each invoice of the scope (due within its dates; of students placed in its
/// classrooms, unless the whole school) with what moved on it, where its student sits, and
/// how many days late it is on `today`; and its parameters.
fn invoices_in_scope(scope: &Scope, today: NaiveDate) -> (String, Vec<Sql>) {
    let mut params = vec![
        Sql::Text(scope.year_id.to_string()),
        Sql::Text(scope.from.to_string()),
        Sql::Text(scope.to.to_string()),
        Sql::Text(today.to_string()),
    ];
    let placed = if scope.whole_school {
        String::new()
    } else {
        format!(
            "AND e.classroom_id IN ({})",
            id_list(&scope.classrooms, &mut params)
        )
    };
    let inv = format!(
        "SELECT i.id, i.number, i.student_id, i.issued_on, i.due_on, e.classroom_id,
                CASE WHEN m.voided THEN 0 ELSE m.amount - m.credited END AS billed,
                m.paid, m.balance,
                CAST(julianday(?4) - julianday(i.due_on) AS INTEGER) AS late
         FROM invoices i JOIN invoice_money m ON m.invoice_id = i.id
         LEFT JOIN enrollments e ON e.student_id = i.student_id AND e.year_id = ?1
                                 AND e.deleted = 0
         WHERE i.year_id = ?1 AND i.deleted = 0 AND i.due_on BETWEEN ?2 AND ?3 {placed}"
    );
    (inv, params)
}

const MONEY_SUMS: &str = "SUM(billed), SUM(paid), SUM(MAX(balance, 0)),
     SUM(CASE WHEN late > 0 THEN MAX(balance, 0) ELSE 0 END)";

fn read_money(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Money> {
    Ok(Money {
        billed: r.get::<_, Option<i64>>(at)?.unwrap_or(0),
        collected: r.get::<_, Option<i64>>(at + 1)?.unwrap_or(0),
        outstanding: r.get::<_, Option<i64>>(at + 2)?.unwrap_or(0),
        overdue: r.get::<_, Option<i64>>(at + 3)?.unwrap_or(0),
    })
}

/// Below the pass mark in two or more subjects, or more than [`AT_RISK_DROP`] points below
/// the term before; the most failing first, then the lowest.
fn at_risk_of(ranked: Vec<StudentMarks>) -> Vec<StudentMarks> {
    let mut at_risk: Vec<StudentMarks> = ranked
        .into_iter()
        .filter(|s| s.failing >= 2 || s.previous.is_some_and(|p| p - s.average > AT_RISK_DROP))
        .collect();
    at_risk.sort_by(|a, b| {
        b.failing
            .cmp(&a.failing)
            .then_with(|| a.average.total_cmp(&b.average))
    });
    at_risk
}

/// The chronically absent of `students`: missed at least `threshold` percent of their days.
fn chronic_of(students: &[StudentAttendance], threshold: f64) -> Vec<StudentAttendance> {
    let mut chronic: Vec<StudentAttendance> = students
        .iter()
        .filter(|s| s.counts.missed() > 0 && s.missed_percent >= threshold)
        .cloned()
        .collect();
    chronic.sort_by(|a, b| {
        b.missed_percent
            .total_cmp(&a.missed_percent)
            .then_with(|| a.student.name_en.cmp(&b.student.name_en))
    });
    chronic
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    text.parse()
        .map_err(|_| crate::StoreError::Corrupt(format!("a date that is not one: {text}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_the_schools_first_day() {
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(week_of(thursday, 0), sunday);
        assert_eq!(week_of(thursday, 1), monday);
        assert_eq!(
            week_of(sunday, 1),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }

    #[test]
    fn the_rate_counts_late_as_in_school_and_missed_counts_excused() {
        let c = StatusCounts {
            present: 6,
            absent: 1,
            late: 2,
            excused: 1,
        };
        assert_eq!(c.recorded(), 10);
        assert_eq!(c.missed(), 2);
        assert_eq!(c.rate(), Some(80.0));
        assert_eq!(StatusCounts::default().rate(), None);
    }
}
