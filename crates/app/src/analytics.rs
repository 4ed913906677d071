//! The analytics area: attendance, marks, fees and enrollment for a scope a person picks
//! (year, term, grade, classroom, subject, dates), limited by the one policy to what their
//! role sees; each view's charts and tables in their language, and exported as `.xlsx`,
//! CSV or a printed PDF. The window, the CLI and the dashboard all read these.

use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use daftar_domain::*;
use daftar_reports as reports;
use daftar_store::{
    AttendanceFigures, EnrollmentFigures, FeesFigures, Level, MarksFigures, Named, Scope,
    StatusCounts, StudentAttendance, StudentMarks,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::exports::EXPORTS_DIR;
use crate::printing::{Printed, school_header, write_pdf};
use crate::spreadsheet::{Cell, Table, write_tables};
use crate::{Actor, App, Exported, Failure, Result};

/// The setting holding the chronic-absence threshold, in percent of days missed.
const THRESHOLD_SETTING: &str = "analytics.chronic-threshold";
/// Chronic absence as schools commonly define it: a tenth of school days missed.
pub const DEFAULT_THRESHOLD: f64 = 10.0;
/// The pass mark when the school's grade bands do not give one.
const DEFAULT_PASS_MARK: f64 = 50.0;
/// How many of each list the dashboard's "needs attention" shows.
const GLANCE_LIST: usize = 5;

/// One of the analytics views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum AnalyticsView {
    Attendance,
    Marks,
    Fees,
    Enrollment,
}

impl AnalyticsView {
    pub const ALL: [AnalyticsView; 4] = [
        AnalyticsView::Attendance,
        AnalyticsView::Marks,
        AnalyticsView::Fees,
        AnalyticsView::Enrollment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AnalyticsView::Attendance => "attendance",
            AnalyticsView::Marks => "marks",
            AnalyticsView::Fees => "fees",
            AnalyticsView::Enrollment => "enrollment",
        }
    }
}

impl FromStr for AnalyticsView {
    type Err = Failure;

    fn from_str(text: &str) -> Result<Self> {
        AnalyticsView::ALL
            .into_iter()
            .find(|v| v.as_str() == text.trim())
            .ok_or_else(|| Failure::NotOneOf {
                value: text.chars().take(40).collect(),
                allowed: "attendance, marks, fees, enrollment".into(),
            })
    }
}

/// What a person narrowed a view to; anything left out takes its default (the current
/// year and term, the whole school, the year's dates).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct AnalyticsFilter {
    pub year: Option<Uuid>,
    pub term: Option<Uuid>,
    pub grade: Option<Uuid>,
    pub classroom: Option<Uuid>,
    pub subject: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub level: Option<Level>,
}

/// A classroom to pick, with its grade so the picker can follow the grade filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClassroomChoice {
    pub id: Uuid,
    pub grade_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
}

/// The filters as resolved, and what each may be set to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnalyticsFrame {
    pub year: Uuid,
    pub years: Vec<Named>,
    pub term: Option<Uuid>,
    pub terms: Vec<Named>,
    pub grade: Option<Uuid>,
    pub grades: Vec<Named>,
    pub classroom: Option<Uuid>,
    pub classrooms: Vec<ClassroomChoice>,
    pub subject: Option<Uuid>,
    pub subjects: Vec<Named>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub level: Level,
    /// Chronic absence from this share of days missed, in percent.
    pub threshold: f64,
    pub pass_mark: f64,
    pub currency: String,
    pub minor_digits: u8,
}

/// A view's own figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "view", rename_all = "kebab-case")]
pub enum Figures {
    Attendance(AttendanceFigures),
    Marks(MarksFigures),
    Fees(FeesFigures),
    Enrollment(EnrollmentFigures),
}

/// What a chart's values measure, for its axis and its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Count,
    Percent,
    /// In the currency's major units.
    Money,
}

/// A chart's shape: bars (one per series in each category) or box plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    Bars,
    Boxes,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A box plot's five numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoxStats {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// A chart as the window draws it and the PDF prints it: categories in reading order,
/// each with the record a click on it opens (`drill`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub kind: ChartKind,
    pub unit: Unit,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub boxes: Vec<BoxStats>,
    /// What a category opens: the group one level down (or the student's profile).
    pub drill: Option<Level>,
    pub keys: Vec<Option<Uuid>>,
}

/// What kind of number a table's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    Text,
    Count,
    Percent,
    Money,
    Date,
}

/// A table with the same numbers as a chart (and some more), for reading, copying and
/// exporting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnalyticsTable {
    pub id: String,
    pub title: String,
    pub header: Vec<String>,
    pub kinds: Vec<ColumnKind>,
    #[cfg_attr(feature = "ts", ts(type = "Array<Array<string | number | null>>"))]
    pub rows: Vec<Vec<Cell>>,
    /// The record each row is about (a group or a student), for opening it.
    pub keys: Vec<Option<Uuid>>,
}

/// A view computed: its filters, figures, charts and tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Analytics {
    pub view: AnalyticsView,
    pub title: String,
    pub frame: AnalyticsFrame,
    pub figures: Figures,
    pub charts: Vec<Chart>,
    pub tables: Vec<AnalyticsTable>,
}

/// The dashboard's small charts and its "needs attention" list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Glance {
    /// The last four weeks' attendance, a week a bar.
    pub weeks: Chart,
    /// This term's fees (for those who see fees).
    pub fees: Option<Chart>,
    pub chronic: Vec<StudentAttendance>,
    pub chronic_count: usize,
    pub at_risk: Vec<StudentMarks>,
    pub at_risk_count: usize,
    pub overdue: Vec<daftar_store::OverdueInvoice>,
    pub overdue_count: usize,
    pub threshold: f64,
    pub currency: String,
    pub minor_digits: u8,
}

/// What a scope resolved from a filter holds besides the store's scope.
struct Resolved {
    scope: Scope,
    frame: AnalyticsFrame,
    week_start: u32,
}

fn named(id: Uuid, ar: &str, en: &str) -> Named {
    Named {
        id,
        name_ar: ar.to_string(),
        name_en: en.to_string(),
    }
}

impl App {
    pub fn chronic_threshold(&self) -> Result<f64> {
        Ok(self
            .store
            .setting(THRESHOLD_SETTING)?
            .and_then(|text| text.parse::<f64>().ok())
            .unwrap_or(DEFAULT_THRESHOLD))
    }

    /// Sets the share of school days missed, in percent (1–100), from which a student is
    /// chronically absent. Administrators only: it is the school's definition.
    pub fn set_chronic_threshold(&mut self, actor: &Actor, percent: &str) -> Result<f64> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let value = western_digits(percent.trim())
            .trim_end_matches('%')
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && (1.0..=100.0).contains(v))
            .ok_or_else(|| Failure::InvalidThreshold(percent.chars().take(20).collect()))?;
        self.store
            .set_setting(THRESHOLD_SETTING, &value.to_string())?;
        Ok(value)
    }

    /// The lowest percentage that passes: the bottom of the second-lowest grade band.
    pub(crate) fn pass_mark(&self) -> Result<f64> {
        let bands = self.grade_bands()?;
        Ok(match bands.len() {
            0 | 1 => DEFAULT_PASS_MARK,
            _ => bands[1].min,
        })
    }

    /// A view for `actor` narrowed by `filter`. Teachers see their own classrooms (and, for
    /// marks, the subjects they teach there); the fees view also needs the fees permission.
    pub fn analytics(
        &self,
        actor: &Actor,
        view: AnalyticsView,
        filter: &AnalyticsFilter,
    ) -> Result<Analytics> {
        self.allow(actor, Action::SeeAnalytics, Target::default())?;
        if view == AnalyticsView::Fees {
            self.allow(actor, Action::ManageFees, Target::default())?;
        }
        let resolved = self.analytics_scope(actor, view, filter)?;
        let scope = &resolved.scope;
        let figures = match view {
            AnalyticsView::Attendance => Figures::Attendance(self.store.attendance_figures(
                scope,
                resolved.frame.threshold,
                resolved.week_start,
            )?),
            AnalyticsView::Marks => {
                Figures::Marks(self.store.marks_figures(scope, resolved.frame.pass_mark)?)
            }
            AnalyticsView::Fees => Figures::Fees(self.store.fees_figures(scope, crate::today())?),
            AnalyticsView::Enrollment => Figures::Enrollment(self.store.enrollment_figures(scope)?),
        };
        let words = Words { app: self };
        let charts = words.charts(&figures, &resolved.frame);
        let tables = words.tables(&figures, &resolved.frame);
        Ok(Analytics {
            view,
            title: self.t(&format!("analytics-view-{}", view.as_str())),
            frame: resolved.frame,
            figures,
            charts,
            tables,
        })
    }

    /// The filter made into a scope: the year and its classrooms the actor may see,
    /// narrowed by grade and classroom; the term and the one before it; the dates.
    fn analytics_scope(
        &self,
        actor: &Actor,
        view: AnalyticsView,
        filter: &AnalyticsFilter,
    ) -> Result<Resolved> {
        let school = self.school()?;
        let years = self.store.years()?;
        let year = match filter.year {
            Some(id) => years
                .iter()
                .find(|y| y.year.id == id)
                .map(|y| y.year.clone())
                .ok_or_else(|| Failure::UnknownYear(id.to_string()))?,
            None => self.current_year()?,
        };
        let teacher = actor.role == StaffRole::Teacher;
        let all: Vec<Classroom> = self
            .store
            .list::<Classroom>()?
            .into_iter()
            .filter(|c| c.year_id == year.id)
            .collect();
        let visible: Vec<Classroom> = if teacher {
            let mine = self.store.teacher_classrooms(actor.staff_id, year.id)?;
            all.into_iter().filter(|c| mine.contains(&c.id)).collect()
        } else {
            all
        };
        let mut grades = self.store.list::<GradeLevel>()?;
        grades.sort_by_key(|g| (g.ordinal, g.name_en.clone()));
        grades.retain(|g| visible.iter().any(|c| c.grade_id == g.id));
        if let Some(grade) = filter.grade
            && !grades.iter().any(|g| g.id == grade)
        {
            return Err(Failure::UnknownGrade(grade.to_string()));
        }
        if let Some(classroom) = filter.classroom {
            let found: Classroom = self.store.get(classroom)?;
            if found.year_id != year.id {
                return Err(Failure::UnknownClassroom(found.name_en));
            }
            self.allow(actor, Action::SeeAnalytics, Target::classroom(classroom))?;
        }
        let counted: Vec<Uuid> = visible
            .iter()
            .filter(|c| filter.grade.is_none_or(|g| c.grade_id == g))
            .filter(|c| filter.classroom.is_none_or(|id| c.id == id))
            .map(|c| c.id)
            .collect();

        let mut terms = self.store.terms(year.id)?;
        terms.sort_by_key(|t| t.ordinal);
        let today = crate::today();
        let term = match filter.term {
            Some(id) => Some(
                terms
                    .iter()
                    .find(|t| t.id == id)
                    .cloned()
                    .ok_or_else(|| Failure::UnknownTerm(id.to_string()))?,
            ),
            // The term under way, else the last one begun, else the first.
            None => terms
                .iter()
                .find(|t| t.start_date <= today && today <= t.end_date)
                .or_else(|| terms.iter().rev().find(|t| t.start_date <= today))
                .or_else(|| terms.first())
                .cloned(),
        };
        let previous = term.as_ref().and_then(|t| {
            terms
                .iter()
                .filter(|o| o.ordinal < t.ordinal)
                .max_by_key(|o| o.ordinal)
                .map(|o| o.id)
        });
        // A named term narrows the dates to it; otherwise the whole year.
        let (mut from, mut to) = match (&term, filter.term) {
            (Some(t), Some(_)) => (t.start_date, t.end_date),
            _ => (year.start_date, year.end_date),
        };
        if let Some(f) = filter.from {
            from = f;
        }
        if let Some(t) = filter.to {
            to = t;
        }
        if from > to {
            return Err(Failure::BadDateRange {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        // Enrollment counts who is placed on the last day, and today's is the last known.
        if view == AnalyticsView::Enrollment && filter.to.is_none() && from <= today && today < to {
            to = today;
        }

        let mut subjects = self.store.list::<Subject>()?;
        subjects.sort_by(|a, b| a.code.cmp(&b.code));
        let teaches = if teacher {
            let reach = self.store.teacher_reach(actor.staff_id, year.id)?;
            let mut pairs: Vec<(Uuid, Uuid)> = reach.teaches.into_iter().collect();
            pairs.sort();
            subjects.retain(|s| pairs.iter().any(|(_, subject)| *subject == s.id));
            Some(pairs)
        } else {
            None
        };
        if let Some(subject) = filter.subject
            && !subjects.iter().any(|s| s.id == subject)
        {
            return Err(Failure::UnknownSubject(subject.to_string()));
        }
        let level = filter.level.unwrap_or(if filter.classroom.is_some() {
            Level::Student
        } else if filter.grade.is_some() {
            Level::Classroom
        } else {
            Level::Grade
        });
        let week_start = year
            .school_week
            .days()
            .first()
            .map(|d| d.num_days_from_sunday())
            .unwrap_or(0);
        let frame = AnalyticsFrame {
            year: year.id,
            years: years
                .iter()
                .map(|y| named(y.year.id, &y.year.name, &y.year.name))
                .collect(),
            term: term.as_ref().map(|t| t.id),
            terms: terms
                .iter()
                .map(|t| named(t.id, &t.name_ar, &t.name_en))
                .collect(),
            grade: filter.grade,
            grades: grades
                .iter()
                .map(|g| named(g.id, &g.name_ar, &g.name_en))
                .collect(),
            classroom: filter.classroom,
            classrooms: visible
                .iter()
                .map(|c| ClassroomChoice {
                    id: c.id,
                    grade_id: c.grade_id,
                    name_ar: c.name_ar.clone(),
                    name_en: c.name_en.clone(),
                })
                .collect(),
            subject: filter.subject,
            subjects: subjects
                .iter()
                .map(|s| named(s.id, &s.name_ar, &s.name_en))
                .collect(),
            from,
            to,
            level,
            threshold: self.chronic_threshold()?,
            pass_mark: self.pass_mark()?,
            currency: school.currency.clone(),
            minor_digits: school.currency_minor_digits,
        };
        Ok(Resolved {
            scope: Scope {
                year_id: year.id,
                classrooms: counted,
                visible: visible.iter().map(|c| c.id).collect(),
                whole_school: !teacher && filter.grade.is_none() && filter.classroom.is_none(),
                teaches,
                subject_id: filter.subject,
                term_id: term.map(|t| t.id),
                previous_term_id: previous,
                from,
                to,
                level,
            },
            frame,
            week_start,
        })
    }

    /// The dashboard's small charts and "needs attention": the last four weeks of
    /// registers, this term's fees, and the chronic absentees, students at risk and invoices
    /// 60 days overdue in the actor's reach.
    pub fn glance(&self, actor: &Actor) -> Result<Glance> {
        self.allow(actor, Action::SeeAnalytics, Target::default())?;
        let today = crate::today();
        let words = Words { app: self };
        let attendance_filter = AnalyticsFilter {
            from: Some(today - chrono::Days::new(27)),
            to: Some(today),
            ..Default::default()
        };
        let resolved =
            self.analytics_scope(actor, AnalyticsView::Attendance, &attendance_filter)?;
        let recent = self.store.attendance_figures(
            &resolved.scope,
            resolved.frame.threshold,
            resolved.week_start,
        )?;
        let weeks = words.week_chart(&recent, "glance-weeks");
        // Chronic absence over the year so far, not the last four weeks only; each list
        // alone, not its whole view.
        let year = self.analytics_scope(
            actor,
            AnalyticsView::Attendance,
            &AnalyticsFilter::default(),
        )?;
        let chronic = self
            .store
            .chronic_absence(&year.scope, year.frame.threshold)?;
        let at_risk = self
            .store
            .students_at_risk(&year.scope, year.frame.pass_mark)?;
        let sees_fees = policy::may(actor.role, Action::ManageFees);
        let (fees, overdue) = if sees_fees {
            let term_filter = AnalyticsFilter {
                term: year.frame.term,
                ..Default::default()
            };
            let term = self.analytics_scope(actor, AnalyticsView::Fees, &term_filter)?;
            let this_term = self.store.fee_money(&term.scope, today)?;
            let overdue = self.store.long_overdue(&year.scope, today)?;
            (
                Some(words.term_fees_chart(&this_term, &term.frame)),
                overdue,
            )
        } else {
            (None, Vec::new())
        };
        Ok(Glance {
            weeks,
            fees,
            chronic_count: chronic.len(),
            chronic: chronic.into_iter().take(GLANCE_LIST).collect(),
            at_risk_count: at_risk.len(),
            at_risk: at_risk.into_iter().take(GLANCE_LIST).collect(),
            overdue_count: overdue.len(),
            overdue: overdue.into_iter().take(GLANCE_LIST).collect(),
            threshold: year.frame.threshold,
            currency: year.frame.currency,
            minor_digits: year.frame.minor_digits,
        })
    }

    /// Writes a computed view to `path`: `.xlsx` (a sheet per table), `.csv` (its first
    /// table) or `.pdf` (its charts drawn and every table), chosen by the name.
    pub fn write_analytics(&self, analytics: &Analytics, path: &Path) -> Result<usize> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let rows = analytics.tables.iter().map(|t| t.rows.len()).sum();
        match ext.as_str() {
            "pdf" => {
                self.print_analytics(analytics, path)?;
            }
            "xlsx" | "csv" => {
                let tables: Vec<Table> = analytics
                    .tables
                    .iter()
                    .map(|t| Table {
                        sheet: t.title.clone(),
                        header: t.header.clone(),
                        rows: t.rows.clone(),
                        formats: t
                            .kinds
                            .iter()
                            .map(|k| self.cell_format(*k, analytics))
                            .collect(),
                    })
                    .collect();
                write_tables(path, &tables, self.messages.lang() == "ar")?;
            }
            _ => {
                return Err(Failure::NotOneOf {
                    value: ext,
                    allowed: "xlsx, csv, pdf".into(),
                });
            }
        }
        Ok(rows)
    }

    fn cell_format(&self, kind: ColumnKind, analytics: &Analytics) -> Option<String> {
        match kind {
            ColumnKind::Percent => Some("0.0".into()),
            ColumnKind::Money => Some(match analytics.frame.minor_digits {
                0 => "#,##0".to_string(),
                digits => format!("#,##0.{}", "0".repeat(digits as usize)),
            }),
            ColumnKind::Count => Some("0".into()),
            ColumnKind::Text | ColumnKind::Date => None,
        }
    }

    /// Computes a view and writes it into the data folder's exports folder as `ext`
    /// (`xlsx`, `csv` or `pdf`), named for the view and the day.
    pub fn export_analytics(
        &self,
        actor: &Actor,
        view: AnalyticsView,
        filter: &AnalyticsFilter,
        ext: &str,
    ) -> Result<Exported> {
        let ext = ext.trim().to_ascii_lowercase();
        if !matches!(ext.as_str(), "xlsx" | "csv" | "pdf") {
            return Err(Failure::NotOneOf {
                value: ext.chars().take(10).collect(),
                allowed: "xlsx, csv, pdf".into(),
            });
        }
        let analytics = self.analytics(actor, view, filter)?;
        let path = self.folder(EXPORTS_DIR)?.join(format!(
            "analytics-{}-{}.{ext}",
            view.as_str(),
            crate::today().format("%Y-%m-%d")
        ));
        let rows = self.write_analytics(&analytics, &path)?;
        Ok(Exported { path, rows })
    }

    /// The view printed: its title and filters, each chart drawn as vectors, each table.
    fn print_analytics(&self, analytics: &Analytics, out: &Path) -> Result<Printed> {
        let school = self.school()?;
        let lang = if self.messages.lang() == "ar" {
            reports::Lang::Ar
        } else {
            reports::Lang::En
        };
        let frame = &analytics.frame;
        let mut header = school_header(&school)?;
        header.primary = lang;
        let pick = |list: &[Named], id: Option<Uuid>| {
            id.and_then(|id| list.iter().find(|n| n.id == id))
                .map(|n| self.pick_name(&n.name_ar, &n.name_en))
        };
        let mut facts = vec![
            (
                self.t("analytics-filter-year"),
                pick(&frame.years, Some(frame.year)).unwrap_or_default(),
            ),
            (
                self.t("analytics-filter-dates"),
                format!("{} – {}", frame.from, frame.to),
            ),
        ];
        if analytics.view == AnalyticsView::Marks
            && let Some(term) = pick(&frame.terms, frame.term)
        {
            facts.push((self.t("analytics-filter-term"), term));
        }
        if let Some(grade) = pick(&frame.grades, frame.grade) {
            facts.push((self.t("analytics-filter-grade"), grade));
        }
        if let Some(classroom) = frame
            .classroom
            .and_then(|id| frame.classrooms.iter().find(|c| c.id == id))
        {
            facts.push((
                self.t("analytics-filter-classroom"),
                self.pick_name(&classroom.name_ar, &classroom.name_en),
            ));
        }
        if let Some(subject) = pick(&frame.subjects, frame.subject) {
            facts.push((self.t("analytics-filter-subject"), subject));
        }
        let report = reports::AnalyticsReport {
            school: header,
            title: analytics.title.clone(),
            facts,
            charts: analytics
                .charts
                .iter()
                .map(|c| reports::ChartDrawing {
                    title: c.title.clone(),
                    boxes: c.kind == ChartKind::Boxes,
                    percent: c.unit == Unit::Percent,
                    labels: c.labels.clone(),
                    series: c
                        .series
                        .iter()
                        .map(|s| (s.name.clone(), s.values.clone()))
                        .collect(),
                    five: c
                        .boxes
                        .iter()
                        .map(|b| [b.min, b.q1, b.median, b.q3, b.max])
                        .collect(),
                })
                .collect(),
            tables: analytics
                .tables
                .iter()
                .map(|t| reports::TableDrawing {
                    title: t.title.clone(),
                    header: t.header.clone(),
                    figures: t.kinds.iter().map(|k| *k != ColumnKind::Text).collect(),
                    rows: t
                        .rows
                        .iter()
                        .map(|row| {
                            row.iter()
                                .zip(&t.kinds)
                                .map(|(cell, kind)| shown(cell, *kind, frame.minor_digits))
                                .collect()
                        })
                        .collect(),
                    empty: self.t("analytics-empty"),
                })
                .collect(),
        };
        let pdf = reports::analytics(&report, &crate::printing::words()?)?;
        write_pdf(out, &pdf)
    }

    fn t(&self, id: &str) -> String {
        self.messages.message(id, &[])
    }
}

/// A cell as printed: numbers rounded as their kind is read.
fn shown(cell: &Cell, kind: ColumnKind, minor_digits: u8) -> String {
    match (cell, kind) {
        (Cell::Number(n), ColumnKind::Percent) => format!("{n:.1}%"),
        (Cell::Number(n), ColumnKind::Money) => format!("{n:.*}", minor_digits as usize),
        (Cell::Number(n), _) if n.fract() == 0.0 => format!("{}", *n as i64),
        (Cell::Number(n), _) => format!("{n:.1}"),
        (Cell::Text(t), _) => t.clone(),
        (Cell::Empty, _) => String::new(),
    }
}

/// Builds the charts and tables in the person's language.
struct Words<'a> {
    app: &'a App,
}

fn rate(c: &StatusCounts) -> Option<f64> {
    c.rate().map(round1)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn num(v: i64) -> Cell {
    Cell::Number(v as f64)
}

fn maybe(v: Option<f64>) -> Cell {
    v.map(Cell::Number).unwrap_or(Cell::Empty)
}

impl Words<'_> {
    fn t(&self, id: &str) -> String {
        self.app.t(id)
    }

    fn with(&self, id: &str, args: &[(&str, String)]) -> String {
        self.app.messages.message(id, args)
    }

    fn name(&self, n: &Named) -> String {
        self.app.pick_name(&n.name_ar, &n.name_en)
    }

    fn student(&self, s: &daftar_store::StudentRef) -> String {
        self.app.pick_name(&s.name_ar, &s.name_en)
    }

    fn classroom(&self, s: &daftar_store::StudentRef) -> String {
        self.app.pick_name(&s.classroom_ar, &s.classroom_en)
    }

    fn level_column(&self, level: Level) -> String {
        self.t(match level {
            Level::Grade => "analytics-col-grade",
            Level::Classroom => "analytics-col-classroom",
            Level::Student => "analytics-col-student",
        })
    }

    fn weekday(&self, day: u32) -> String {
        self.with("analytics-weekday", &[("day", day.to_string())])
    }

    fn bucket(&self, bucket: usize) -> String {
        self.with("analytics-bucket", &[("bucket", bucket.to_string())])
    }

    fn money(&self, amount: i64, frame: &AnalyticsFrame) -> f64 {
        amount as f64 / 10f64.powi(frame.minor_digits as i32)
    }

    fn table(
        &self,
        id: &str,
        columns: &[(&str, ColumnKind)],
        first: Option<String>,
        rows: Vec<(Option<Uuid>, Vec<Cell>)>,
    ) -> AnalyticsTable {
        let mut header: Vec<String> = columns.iter().map(|(c, _)| self.t(c)).collect();
        if let Some(first) = first {
            header[0] = first;
        }
        let (keys, rows) = rows.into_iter().unzip();
        AnalyticsTable {
            id: id.to_string(),
            title: self.t(&format!("analytics-table-{id}")),
            header,
            kinds: columns.iter().map(|(_, k)| *k).collect(),
            rows,
            keys,
        }
    }

    fn drill(level: Level) -> Option<Level> {
        Some(match level {
            Level::Grade => Level::Classroom,
            Level::Classroom | Level::Student => Level::Student,
        })
    }

    fn chart(&self, id: &str, unit: Unit, labels: Vec<String>, series: Vec<Series>) -> Chart {
        Chart {
            id: id.to_string(),
            title: self.t(&format!("analytics-chart-{id}")),
            kind: ChartKind::Bars,
            unit,
            keys: vec![None; labels.len()],
            labels,
            series,
            boxes: Vec::new(),
            drill: None,
        }
    }

    fn series(&self, id: &str, values: Vec<Option<f64>>) -> Series {
        Series {
            name: self.t(id),
            values,
        }
    }

    fn week_chart(&self, f: &AttendanceFigures, id: &str) -> Chart {
        self.chart(
            id,
            Unit::Percent,
            f.weeks
                .iter()
                .map(|w| w.date.format("%-d/%-m").to_string())
                .collect(),
            vec![self.series(
                "analytics-col-rate",
                f.weeks.iter().map(|w| rate(&w.counts)).collect(),
            )],
        )
    }

    fn term_fees_chart(&self, totals: &daftar_store::Money, frame: &AnalyticsFrame) -> Chart {
        self.chart(
            "glance-fees",
            Unit::Money,
            vec![
                self.t("analytics-col-billed"),
                self.t("analytics-col-collected"),
                self.t("analytics-col-outstanding"),
                self.t("analytics-col-overdue"),
            ],
            vec![
                self.series(
                    "analytics-col-amount",
                    [
                        totals.billed,
                        totals.collected,
                        totals.outstanding,
                        totals.overdue,
                    ]
                    .into_iter()
                    .map(|v| Some(self.money(v, frame)))
                    .collect(),
                ),
            ],
        )
    }

    fn charts(&self, figures: &Figures, frame: &AnalyticsFrame) -> Vec<Chart> {
        let level = frame.level;
        match figures {
            Figures::Attendance(f) => {
                let mut groups = self.chart(
                    "attendance-groups",
                    Unit::Percent,
                    f.groups.iter().map(|g| self.name(&g.group)).collect(),
                    vec![self.series(
                        "analytics-col-rate",
                        f.groups.iter().map(|g| rate(&g.counts)).collect(),
                    )],
                );
                groups.drill = Self::drill(level);
                groups.keys = f.groups.iter().map(|g| Some(g.group.id)).collect();
                vec![
                    groups,
                    self.week_chart(f, "attendance-weeks"),
                    self.chart(
                        "attendance-weekdays",
                        Unit::Count,
                        f.weekdays.iter().map(|(d, _)| self.weekday(*d)).collect(),
                        vec![
                            self.series(
                                "analytics-col-absent",
                                f.weekdays
                                    .iter()
                                    .map(|(_, c)| Some(c.absent as f64))
                                    .collect(),
                            ),
                            self.series(
                                "analytics-col-late",
                                f.weekdays
                                    .iter()
                                    .map(|(_, c)| Some(c.late as f64))
                                    .collect(),
                            ),
                        ],
                    ),
                ]
            }
            Figures::Marks(f) => {
                // A bar pair per group: its subjects' averages against its grade's, averaged
                // over the subjects (the table gives each subject).
                let mut per_group: Vec<(Named, f64, f64, usize)> = Vec::new();
                for g in &f.groups {
                    match per_group.iter_mut().find(|(n, ..)| n.id == g.group.id) {
                        Some((_, average, grade, n)) => {
                            *average += g.average;
                            *grade += g.grade_average;
                            *n += 1;
                        }
                        None => per_group.push((g.group.clone(), g.average, g.grade_average, 1)),
                    }
                }
                let mut groups = self.chart(
                    "marks-groups",
                    Unit::Percent,
                    per_group.iter().map(|(n, ..)| self.name(n)).collect(),
                    vec![
                        self.series(
                            "analytics-col-average",
                            per_group
                                .iter()
                                .map(|(_, a, _, n)| Some(round1(a / *n as f64)))
                                .collect(),
                        ),
                        self.series(
                            "analytics-col-grade-average",
                            per_group
                                .iter()
                                .map(|(_, _, g, n)| Some(round1(g / *n as f64)))
                                .collect(),
                        ),
                    ],
                );
                groups.drill = Self::drill(level);
                groups.keys = per_group.iter().map(|(n, ..)| Some(n.id)).collect();
                let mut boxes = self.chart(
                    "marks-subjects",
                    Unit::Percent,
                    f.subjects.iter().map(|s| self.name(&s.subject)).collect(),
                    Vec::new(),
                );
                boxes.kind = ChartKind::Boxes;
                boxes.boxes = f
                    .subjects
                    .iter()
                    .map(|s| BoxStats {
                        min: round1(s.spread.min),
                        q1: round1(s.spread.q1),
                        median: round1(s.spread.median),
                        q3: round1(s.spread.q3),
                        max: round1(s.spread.max),
                    })
                    .collect();
                let mut bins = [0i64; 10];
                for s in &f.subjects {
                    for (sum, b) in bins.iter_mut().zip(&s.spread.bins) {
                        *sum += b;
                    }
                }
                let histogram = self.chart(
                    "marks-histogram",
                    Unit::Count,
                    (0..10)
                        .map(|b| format!("{}–{}", b * 10, if b == 9 { 100 } else { b * 10 + 9 }))
                        .collect(),
                    vec![self.series(
                        "analytics-col-marks",
                        bins.iter().map(|b| Some(*b as f64)).collect(),
                    )],
                );
                vec![groups, boxes, histogram]
            }
            Figures::Fees(f) => {
                let mut groups = self.chart(
                    "fees-groups",
                    Unit::Money,
                    f.groups.iter().map(|g| self.name(&g.group)).collect(),
                    vec![
                        self.series(
                            "analytics-col-collected",
                            f.groups
                                .iter()
                                .map(|g| Some(self.money(g.money.collected, frame)))
                                .collect(),
                        ),
                        self.series(
                            "analytics-col-outstanding",
                            f.groups
                                .iter()
                                .map(|g| Some(self.money(g.money.outstanding, frame)))
                                .collect(),
                        ),
                    ],
                );
                groups.drill = Self::drill(level);
                groups.keys = f.groups.iter().map(|g| Some(g.group.id)).collect();
                vec![
                    self.chart(
                        "fees-months",
                        Unit::Money,
                        f.months.iter().map(|m| m.month.clone()).collect(),
                        vec![
                            self.series(
                                "analytics-col-billed",
                                f.months
                                    .iter()
                                    .map(|m| Some(self.money(m.billed, frame)))
                                    .collect(),
                            ),
                            self.series(
                                "analytics-col-collected",
                                f.months
                                    .iter()
                                    .map(|m| Some(self.money(m.collected, frame)))
                                    .collect(),
                            ),
                        ],
                    ),
                    self.chart(
                        "fees-aging",
                        Unit::Money,
                        (0..5).map(|b| self.bucket(b)).collect(),
                        vec![
                            self.series(
                                "analytics-col-outstanding",
                                f.aging
                                    .iter()
                                    .map(|(a, _)| Some(self.money(*a, frame)))
                                    .collect(),
                            ),
                        ],
                    ),
                    groups,
                ]
            }
            Figures::Enrollment(f) => {
                let mut groups = self.chart(
                    "enrollment-groups",
                    Unit::Count,
                    f.groups.iter().map(|g| self.name(&g.group)).collect(),
                    vec![
                        self.series(
                            "analytics-col-students",
                            f.groups.iter().map(|g| Some(g.enrolled as f64)).collect(),
                        ),
                        self.series(
                            "analytics-col-capacity",
                            f.groups.iter().map(|g| Some(g.capacity as f64)).collect(),
                        ),
                    ],
                );
                groups.drill = match level {
                    Level::Grade => Some(Level::Classroom),
                    _ => None,
                };
                groups.keys = f.groups.iter().map(|g| Some(g.group.id)).collect();
                vec![
                    groups,
                    self.chart(
                        "enrollment-months",
                        Unit::Count,
                        f.months.iter().map(|m| m.month.clone()).collect(),
                        vec![
                            self.series(
                                "analytics-col-admitted",
                                f.months.iter().map(|m| Some(m.admitted as f64)).collect(),
                            ),
                            self.series(
                                "analytics-col-withdrawn",
                                f.months.iter().map(|m| Some(m.withdrawn as f64)).collect(),
                            ),
                        ],
                    ),
                    self.chart(
                        "enrollment-nationalities",
                        Unit::Count,
                        f.nationalities
                            .iter()
                            .take(8)
                            .map(|(n, _)| n.clone())
                            .collect(),
                        vec![
                            self.series(
                                "analytics-col-students",
                                f.nationalities
                                    .iter()
                                    .take(8)
                                    .map(|(_, c)| Some(*c as f64))
                                    .collect(),
                            ),
                        ],
                    ),
                ]
            }
        }
    }

    fn tables(&self, figures: &Figures, frame: &AnalyticsFrame) -> Vec<AnalyticsTable> {
        use ColumnKind::*;
        let level = self.level_column(frame.level);
        let counts = |c: &StatusCounts| {
            vec![
                num(c.present),
                num(c.absent),
                num(c.late),
                num(c.excused),
                maybe(rate(c)),
            ]
        };
        let status_columns = [
            ("analytics-col-present", Count),
            ("analytics-col-absent", Count),
            ("analytics-col-late", Count),
            ("analytics-col-excused", Count),
            ("analytics-col-rate", Percent),
        ];
        let with_first = |first: (&'static str, ColumnKind)| {
            let mut columns = vec![first];
            columns.extend(status_columns);
            columns
        };
        let student_cells = |s: &daftar_store::StudentRef| {
            vec![
                Cell::Text(self.student(s)),
                Cell::Text(s.admission_number.clone()),
                Cell::Text(self.classroom(s)),
            ]
        };
        let student_columns = [
            ("analytics-col-student", Text),
            ("analytics-col-admission", Text),
            ("analytics-col-classroom", Text),
        ];
        let columns = |rest: &[(&'static str, ColumnKind)]| {
            let mut all = student_columns.to_vec();
            all.extend_from_slice(rest);
            all
        };
        match figures {
            Figures::Attendance(f) => vec![
                self.table(
                    "attendance-groups",
                    &with_first(("analytics-col-level", Text)),
                    Some(level),
                    f.groups
                        .iter()
                        .map(|g| {
                            let mut row = vec![Cell::Text(self.name(&g.group))];
                            row.extend(counts(&g.counts));
                            (Some(g.group.id), row)
                        })
                        .collect(),
                ),
                self.table(
                    "attendance-weeks",
                    &with_first(("analytics-col-week", Date)),
                    None,
                    f.weeks
                        .iter()
                        .map(|w| {
                            let mut row = vec![Cell::Text(w.date.to_string())];
                            row.extend(counts(&w.counts));
                            (None, row)
                        })
                        .collect(),
                ),
                self.table(
                    "attendance-weekdays",
                    &with_first(("analytics-col-weekday", Text)),
                    None,
                    f.weekdays
                        .iter()
                        .map(|(d, c)| {
                            let mut row = vec![Cell::Text(self.weekday(*d))];
                            row.extend(counts(c));
                            (None, row)
                        })
                        .collect(),
                ),
                self.table(
                    "attendance-chronic",
                    &columns(&[
                        ("analytics-col-days", Count),
                        ("analytics-col-missed", Count),
                        ("analytics-col-missed-share", Percent),
                    ]),
                    None,
                    f.chronic
                        .iter()
                        .map(|s| {
                            let mut row = student_cells(&s.student);
                            row.extend([
                                num(s.counts.recorded()),
                                num(s.counts.missed()),
                                Cell::Number(round1(s.missed_percent)),
                            ]);
                            (Some(s.student.id), row)
                        })
                        .collect(),
                ),
                self.table(
                    "attendance-late",
                    &columns(&[("analytics-col-days", Count), ("analytics-col-late", Count)]),
                    None,
                    f.frequent_late
                        .iter()
                        .map(|s| {
                            let mut row = student_cells(&s.student);
                            row.extend([num(s.counts.recorded()), num(s.counts.late)]);
                            (Some(s.student.id), row)
                        })
                        .collect(),
                ),
            ],
            Figures::Marks(f) => {
                let marks_row = |s: &StudentMarks| {
                    let mut row = student_cells(&s.student);
                    row.extend([
                        Cell::Number(round1(s.average)),
                        maybe(s.previous.map(round1)),
                        num(s.failing),
                    ]);
                    (Some(s.student.id), row)
                };
                let marks_columns = columns(&[
                    ("analytics-col-average", Percent),
                    ("analytics-col-previous", Percent),
                    ("analytics-col-failing", Count),
                ]);
                vec![
                    self.table(
                        "marks-groups",
                        &[
                            ("analytics-col-level", Text),
                            ("analytics-col-subject", Text),
                            ("analytics-col-average", Percent),
                            ("analytics-col-grade-average", Percent),
                            ("analytics-col-difference", Percent),
                            ("analytics-col-students", Count),
                        ],
                        Some(level),
                        f.groups
                            .iter()
                            .map(|g| {
                                (
                                    Some(g.group.id),
                                    vec![
                                        Cell::Text(self.name(&g.group)),
                                        Cell::Text(self.name(&g.subject)),
                                        Cell::Number(round1(g.average)),
                                        Cell::Number(round1(g.grade_average)),
                                        Cell::Number(round1(g.average - g.grade_average)),
                                        num(g.students),
                                    ],
                                )
                            })
                            .collect(),
                    ),
                    self.table(
                        "marks-subjects",
                        &[
                            ("analytics-col-subject", Text),
                            ("analytics-col-count", Count),
                            ("analytics-col-mean", Percent),
                            ("analytics-col-min", Percent),
                            ("analytics-col-q1", Percent),
                            ("analytics-col-median", Percent),
                            ("analytics-col-q3", Percent),
                            ("analytics-col-max", Percent),
                        ],
                        None,
                        f.subjects
                            .iter()
                            .map(|s| {
                                let p = &s.spread;
                                (
                                    Some(s.subject.id),
                                    vec![
                                        Cell::Text(self.name(&s.subject)),
                                        num(p.count),
                                        Cell::Number(round1(p.mean)),
                                        Cell::Number(round1(p.min)),
                                        Cell::Number(round1(p.q1)),
                                        Cell::Number(round1(p.median)),
                                        Cell::Number(round1(p.q3)),
                                        Cell::Number(round1(p.max)),
                                    ],
                                )
                            })
                            .collect(),
                    ),
                    self.table(
                        "marks-at-risk",
                        &marks_columns,
                        None,
                        f.at_risk.iter().map(marks_row).collect(),
                    ),
                    self.table(
                        "marks-top",
                        &marks_columns,
                        None,
                        f.top.iter().map(marks_row).collect(),
                    ),
                    self.table(
                        "marks-assessments",
                        &[
                            ("analytics-col-assessment", Text),
                            ("analytics-col-subject", Text),
                            ("analytics-col-classroom", Text),
                            ("analytics-col-date", Date),
                            ("analytics-col-count", Count),
                            ("analytics-col-mean", Percent),
                            ("analytics-col-min", Percent),
                            ("analytics-col-median", Percent),
                            ("analytics-col-max", Percent),
                        ],
                        None,
                        f.assessments
                            .iter()
                            .map(|a| {
                                (
                                    Some(a.assessment.id),
                                    vec![
                                        Cell::Text(self.name(&a.assessment)),
                                        Cell::Text(self.name(&a.subject)),
                                        Cell::Text(self.name(&a.classroom)),
                                        Cell::Text(a.date.to_string()),
                                        num(a.spread.count),
                                        Cell::Number(round1(a.spread.mean)),
                                        Cell::Number(round1(a.spread.min)),
                                        Cell::Number(round1(a.spread.median)),
                                        Cell::Number(round1(a.spread.max)),
                                    ],
                                )
                            })
                            .collect(),
                    ),
                ]
            }
            Figures::Fees(f) => {
                let money = |v: i64| Cell::Number(self.money(v, frame));
                vec![
                    self.table(
                        "fees-months",
                        &[
                            ("analytics-col-month", Text),
                            ("analytics-col-billed", Money),
                            ("analytics-col-collected", Money),
                        ],
                        None,
                        f.months
                            .iter()
                            .map(|m| {
                                (
                                    None,
                                    vec![
                                        Cell::Text(m.month.clone()),
                                        money(m.billed),
                                        money(m.collected),
                                    ],
                                )
                            })
                            .collect(),
                    ),
                    self.table(
                        "fees-aging",
                        &[
                            ("analytics-col-bucket", Text),
                            ("analytics-col-outstanding", Money),
                            ("analytics-col-invoices", Count),
                        ],
                        None,
                        f.aging
                            .iter()
                            .enumerate()
                            .map(|(b, (amount, count))| {
                                (
                                    None,
                                    vec![Cell::Text(self.bucket(b)), money(*amount), num(*count)],
                                )
                            })
                            .collect(),
                    ),
                    self.table(
                        "fees-groups",
                        &[
                            ("analytics-col-level", Text),
                            ("analytics-col-billed", Money),
                            ("analytics-col-collected", Money),
                            ("analytics-col-outstanding", Money),
                            ("analytics-col-overdue", Money),
                            ("analytics-col-collected-share", Percent),
                        ],
                        Some(level),
                        f.groups
                            .iter()
                            .map(|g| {
                                let m = &g.money;
                                let share = (m.billed > 0)
                                    .then(|| round1(m.collected as f64 * 100.0 / m.billed as f64));
                                (
                                    Some(g.group.id),
                                    vec![
                                        Cell::Text(self.name(&g.group)),
                                        money(m.billed),
                                        money(m.collected),
                                        money(m.outstanding),
                                        money(m.overdue),
                                        maybe(share),
                                    ],
                                )
                            })
                            .collect(),
                    ),
                    self.table(
                        "fees-overdue",
                        &[
                            ("analytics-col-invoice", Text),
                            ("analytics-col-student", Text),
                            ("analytics-col-admission", Text),
                            ("analytics-col-classroom", Text),
                            ("analytics-col-due", Date),
                            ("analytics-col-days-overdue", Count),
                            ("analytics-col-outstanding", Money),
                        ],
                        None,
                        f.long_overdue
                            .iter()
                            .map(|o| {
                                (
                                    Some(o.student.id),
                                    vec![
                                        Cell::Text(o.number.clone()),
                                        Cell::Text(self.student(&o.student)),
                                        Cell::Text(o.student.admission_number.clone()),
                                        Cell::Text(self.classroom(&o.student)),
                                        Cell::Text(o.due_on.to_string()),
                                        num(o.days_overdue),
                                        money(o.balance),
                                    ],
                                )
                            })
                            .collect(),
                    ),
                ]
            }
            Figures::Enrollment(f) => vec![
                self.table(
                    "enrollment-groups",
                    &[
                        ("analytics-col-level", Text),
                        ("analytics-col-students", Count),
                        ("analytics-col-male", Count),
                        ("analytics-col-female", Count),
                        ("analytics-col-capacity", Count),
                        ("analytics-col-capacity-use", Percent),
                    ],
                    Some(self.level_column(match frame.level {
                        Level::Student => Level::Classroom,
                        level => level,
                    })),
                    f.groups
                        .iter()
                        .map(|g| {
                            let used = (g.capacity > 0)
                                .then(|| round1(g.enrolled as f64 * 100.0 / g.capacity as f64));
                            (
                                Some(g.group.id),
                                vec![
                                    Cell::Text(self.name(&g.group)),
                                    num(g.enrolled),
                                    num(g.male),
                                    num(g.female),
                                    num(g.capacity),
                                    maybe(used),
                                ],
                            )
                        })
                        .collect(),
                ),
                self.table(
                    "enrollment-nationalities",
                    &[
                        ("analytics-col-nationality", Text),
                        ("analytics-col-students", Count),
                    ],
                    None,
                    f.nationalities
                        .iter()
                        .map(|(n, c)| (None, vec![Cell::Text(n.clone()), num(*c)]))
                        .collect(),
                ),
                self.table(
                    "enrollment-months",
                    &[
                        ("analytics-col-month", Text),
                        ("analytics-col-admitted", Count),
                        ("analytics-col-withdrawn", Count),
                    ],
                    None,
                    f.months
                        .iter()
                        .map(|m| {
                            (
                                None,
                                vec![
                                    Cell::Text(m.month.clone()),
                                    num(m.admitted),
                                    num(m.withdrawn),
                                ],
                            )
                        })
                        .collect(),
                ),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_parse_from_their_names_and_refuse_others() {
        for view in AnalyticsView::ALL {
            assert_eq!(view.as_str().parse::<AnalyticsView>().unwrap(), view);
        }
        assert!("money".parse::<AnalyticsView>().is_err());
    }

    #[test]
    fn cells_print_as_their_kind_reads() {
        assert_eq!(shown(&Cell::Number(81.25), ColumnKind::Percent, 2), "81.2%");
        assert_eq!(
            shown(&Cell::Number(1500.5), ColumnKind::Money, 2),
            "1500.50"
        );
        assert_eq!(shown(&Cell::Number(12.0), ColumnKind::Count, 2), "12");
        assert_eq!(shown(&Cell::Empty, ColumnKind::Percent, 2), "");
    }
}
