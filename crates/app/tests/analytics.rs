//! The analytics views on a real demo school: figures that add up, drill-down levels, a
//! teacher limited to their own classes, the fees view refused to them, the threshold
//! setting, and exports read back (.xlsx through calamine, cell by cell; the PDF through
//! poppler's pdftotext).

use std::path::Path;

use calamine::{Data, Reader};
use daftar_app::*;
use daftar_domain::*;
use daftar_i18n::Localizer;
use uuid::Uuid;

fn demo(dir: &Path, lang: &str) -> App {
    demo_of(dir, lang, 240)
}

/// A demo school of `students`: 480 give a teacher classrooms of others beside their own.
fn demo_of(dir: &Path, lang: &str, students: usize) -> App {
    let mut app = App::open(dir, Localizer::new(lang, false).unwrap()).unwrap();
    app.create_demo(DemoOptions {
        students,
        seed: 21,
        year_start: 2025,
        until: None,
    })
    .unwrap();
    app
}

fn attendance(f: &Figures) -> &daftar_store::AttendanceFigures {
    match f {
        Figures::Attendance(a) => a,
        other => panic!("not attendance: {other:?}"),
    }
}

fn marks(f: &Figures) -> &daftar_store::MarksFigures {
    match f {
        Figures::Marks(m) => m,
        other => panic!("not marks: {other:?}"),
    }
}

#[test]
fn attendance_adds_up_and_drills_from_grade_to_classroom_to_student() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(dir.path(), "en");
    let admin = app.actor().unwrap();
    let school = app
        .analytics(
            &admin,
            AnalyticsView::Attendance,
            &AnalyticsFilter::default(),
        )
        .unwrap();
    assert_eq!(school.frame.level, Level::Grade);
    let f = attendance(&school.figures);
    assert!(f.totals.recorded() > 10_000, "{:?}", f.totals);
    let mut summed = daftar_store::StatusCounts::default();
    for g in &f.groups {
        summed.present += g.counts.present;
        summed.absent += g.counts.absent;
        summed.late += g.counts.late;
        summed.excused += g.counts.excused;
    }
    assert_eq!(summed, f.totals, "the grades add up to the school");
    let weekly: i64 = f.weeks.iter().map(|w| w.counts.recorded()).sum();
    assert_eq!(weekly, f.totals.recorded());
    assert!(
        f.weekdays.iter().all(|(d, _)| *d <= 4),
        "a Gulf week: Sunday to Thursday"
    );
    for c in &f.chronic {
        assert!(c.missed_percent >= DEFAULT_THRESHOLD);
    }
    let chart = &school.charts[0];
    assert_eq!(chart.drill, Some(Level::Classroom));
    assert_eq!(chart.labels.len(), f.groups.len());

    // By student over the whole school (the per-student pass streaming by student), the
    // students add up to the school too.
    let by_student = app
        .analytics(
            &admin,
            AnalyticsView::Attendance,
            &AnalyticsFilter {
                level: Some(Level::Student),
                ..Default::default()
            },
        )
        .unwrap();
    let students = &attendance(&by_student.figures).groups;
    assert!(students.len() > 100);
    let per_student: i64 = students.iter().map(|s| s.counts.recorded()).sum();
    assert_eq!(per_student, f.totals.recorded());
    assert_eq!(
        students.iter().map(|s| s.counts.late).sum::<i64>(),
        f.totals.late
    );

    // A grade's bar opens its classrooms, a classroom's bar its students.
    let grade = f.groups[0].group.id;
    let grade_view = app
        .analytics(
            &admin,
            AnalyticsView::Attendance,
            &AnalyticsFilter {
                grade: Some(grade),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(grade_view.frame.level, Level::Classroom);
    let classrooms = &attendance(&grade_view.figures).groups;
    assert!(!classrooms.is_empty());
    let in_grade: i64 = classrooms.iter().map(|c| c.counts.recorded()).sum();
    assert_eq!(in_grade, f.groups[0].counts.recorded());
    let classroom = classrooms[0].group.id;
    let class_view = app
        .analytics(
            &admin,
            AnalyticsView::Attendance,
            &AnalyticsFilter {
                classroom: Some(classroom),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(class_view.frame.level, Level::Student);
    assert_eq!(class_view.charts[0].drill, Some(Level::Student));
    let students = &attendance(&class_view.figures).groups;
    let student = students[0].group.id;
    assert!(app.student(&admin, &student.to_string()).is_ok());
    let in_class: i64 = students.iter().map(|s| s.counts.recorded()).sum();
    assert_eq!(in_class, classrooms[0].counts.recorded());

    // Dates that run backwards are refused with their own code.
    let backwards = app.analytics(
        &admin,
        AnalyticsView::Attendance,
        &AnalyticsFilter {
            from: chrono::NaiveDate::from_ymd_opt(2026, 3, 1),
            to: chrono::NaiveDate::from_ymd_opt(2026, 2, 1),
            ..Default::default()
        },
    );
    assert_eq!(backwards.unwrap_err().code(), "bad-date-range");
}

#[test]
fn a_teacher_sees_only_their_classes_and_subjects_and_no_fees() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_of(dir.path(), "en", 480);
    let admin = app.actor().unwrap();
    let teacher = app.explore_as(StaffRole::Teacher).unwrap();
    let year = app.current_year().unwrap().id;
    let mine = app
        .store()
        .teacher_classrooms(teacher.staff_id, year)
        .unwrap();
    assert!(!mine.is_empty());
    let reach = app.store().teacher_reach(teacher.staff_id, year).unwrap();

    let seen = app
        .analytics(
            &teacher,
            AnalyticsView::Attendance,
            &AnalyticsFilter::default(),
        )
        .unwrap();
    let seen_ids: Vec<Uuid> = seen.frame.classrooms.iter().map(|c| c.id).collect();
    assert_eq!(seen_ids.len(), mine.len());
    assert!(seen_ids.iter().all(|c| mine.contains(c)));
    let by_classroom = app
        .analytics(
            &teacher,
            AnalyticsView::Attendance,
            &AnalyticsFilter {
                level: Some(Level::Classroom),
                ..Default::default()
            },
        )
        .unwrap();
    for g in &attendance(&by_classroom.figures).groups {
        assert!(
            mine.contains(&g.group.id),
            "{} is not the teacher's",
            g.group.name_en
        );
    }
    let enrolled: Vec<Uuid> = reach.enrolled.iter().map(|(s, _)| *s).collect();
    for c in &attendance(&by_classroom.figures).chronic {
        assert!(enrolled.contains(&c.student.id));
    }

    let marks_view = app
        .analytics(
            &teacher,
            AnalyticsView::Marks,
            &AnalyticsFilter {
                level: Some(Level::Classroom),
                ..Default::default()
            },
        )
        .unwrap();
    let m = marks(&marks_view.figures);
    assert!(!m.groups.is_empty(), "the teacher's own marks are shown");
    for g in &m.groups {
        assert!(
            reach.teaches.contains(&(g.group.id, g.subject.id)),
            "{} {} is not taught by the teacher",
            g.group.name_en,
            g.subject.name_en
        );
    }
    // The whole school's marks hold more than the teacher's.
    let all_marks = app
        .analytics(&admin, AnalyticsView::Marks, &AnalyticsFilter::default())
        .unwrap();
    let count =
        |m: &daftar_store::MarksFigures| -> i64 { m.subjects.iter().map(|s| s.spread.count).sum() };
    assert!(count(marks(&all_marks.figures)) > count(m));

    // Another's classroom, and the fees, are refused by the policy.
    let all: Vec<Uuid> = app
        .classrooms(&admin)
        .unwrap()
        .iter()
        .map(|c| c.classroom.id)
        .collect();
    let other = *all.iter().find(|c| !mine.contains(c)).unwrap();
    let refused = app.analytics(
        &teacher,
        AnalyticsView::Attendance,
        &AnalyticsFilter {
            classroom: Some(other),
            ..Default::default()
        },
    );
    assert_eq!(refused.unwrap_err().code(), "not-allowed");
    let fees = app.analytics(&teacher, AnalyticsView::Fees, &AnalyticsFilter::default());
    assert_eq!(fees.unwrap_err().code(), "not-allowed");
    let glance = app.glance(&teacher).unwrap();
    assert!(glance.fees.is_none());
    assert!(glance.overdue.is_empty());
}

#[test]
fn the_chronic_threshold_is_the_schools_to_set_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path(), "en");
    let admin = app.actor().unwrap();
    assert_eq!(app.chronic_threshold().unwrap(), DEFAULT_THRESHOLD);
    let count = |app: &App| {
        attendance(
            &app.analytics(
                &admin,
                AnalyticsView::Attendance,
                &AnalyticsFilter::default(),
            )
            .unwrap()
            .figures,
        )
        .chronic
        .len()
    };
    let at_ten = count(&app);
    assert_eq!(app.set_chronic_threshold(&admin, "٥").unwrap(), 5.0);
    let at_five = count(&app);
    assert!(at_five >= at_ten);
    for bad in ["0", "150", "many", ""] {
        let refused = app.set_chronic_threshold(&admin, bad).unwrap_err();
        assert_eq!(refused.code(), "invalid-threshold", "{bad:?}");
    }
    assert_eq!(
        app.chronic_threshold().unwrap(),
        5.0,
        "a refused value changes nothing"
    );
    let office = app.explore_as(StaffRole::Office).unwrap();
    assert_eq!(
        app.set_chronic_threshold(&office, "20").unwrap_err().code(),
        "not-allowed"
    );
}

/// Every sheet of `path` holds the view's tables: names, headers and cells, numbers as
/// numbers.
fn assert_workbook_holds(path: &Path, analytics: &Analytics) {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let sheets = book.sheet_names().to_vec();
    assert_eq!(sheets.len(), analytics.tables.len());
    for (name, table) in sheets.iter().zip(&analytics.tables) {
        assert!(
            table.title.starts_with(name.as_str())
                || name.starts_with(&table.title[..table.title.len().min(28)]),
            "{name} for {}",
            table.title
        );
        let range = book.worksheet_range(name).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(header, table.header);
        assert_eq!(rows.len() - 1, table.rows.len(), "{name}");
        for (row, expected) in rows[1..].iter().zip(&table.rows) {
            for (index, cell) in expected.iter().enumerate() {
                let got = row.get(index).unwrap_or(&Data::Empty);
                match (cell, got) {
                    (Cell::Text(t), Data::String(s)) => assert_eq!(t, s),
                    (Cell::Number(n), Data::Float(f)) => assert_eq!(n, f, "{name}"),
                    (Cell::Empty, Data::Empty) => {}
                    (want, got) => panic!("{name}: {want:?} written as {got:?}"),
                }
            }
        }
    }
}

#[test]
fn every_view_exports_to_xlsx_csv_and_pdf_with_arabic_headers() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(dir.path(), "ar");
    let admin = app.actor().unwrap();
    for view in AnalyticsView::ALL {
        let analytics = app
            .analytics(&admin, view, &AnalyticsFilter::default())
            .unwrap();
        assert!(
            analytics.tables.iter().any(|t| !t.rows.is_empty()),
            "{view:?} is empty"
        );
        let xlsx = app
            .export_analytics(&admin, view, &AnalyticsFilter::default(), "xlsx")
            .unwrap();
        assert!(xlsx.path.starts_with(dir.path().join("exports")));
        assert_workbook_holds(&xlsx.path, &analytics);
        let csv = app
            .export_analytics(&admin, view, &AnalyticsFilter::default(), "csv")
            .unwrap();
        let text = std::fs::read_to_string(&csv.path).unwrap();
        let first = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_string();
        assert_eq!(first, analytics.tables[0].header.join(","));
    }
    let attendance = app
        .analytics(
            &admin,
            AnalyticsView::Attendance,
            &AnalyticsFilter::default(),
        )
        .unwrap();
    assert_eq!(attendance.tables[0].header[1], "حاضر");

    let pdf = app
        .export_analytics(
            &admin,
            AnalyticsView::Attendance,
            &AnalyticsFilter::default(),
            "pdf",
        )
        .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([pdf.path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in ["الحضور حسب الأسبوع", "الغياب المزمن", "نسبة الحضور"]
    {
        assert!(
            text.contains(expected),
            "{expected} not in the PDF:\n{text}"
        );
    }
    assert!(
        app.export_analytics(
            &admin,
            AnalyticsView::Marks,
            &AnalyticsFilter::default(),
            "doc"
        )
        .unwrap_err()
        .code()
            == "not-one-of"
    );
}

#[test]
fn the_dashboard_glance_links_to_what_needs_attention() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(dir.path(), "en");
    let admin = app.actor().unwrap();
    let glance = app.glance(&admin).unwrap();
    assert!(glance.fees.is_some());
    let year = app
        .analytics(
            &admin,
            AnalyticsView::Attendance,
            &AnalyticsFilter::default(),
        )
        .unwrap();
    assert_eq!(
        glance.chronic_count,
        attendance(&year.figures).chronic.len()
    );
    assert!(glance.chronic.len() <= 5);
    let fees = app
        .analytics(&admin, AnalyticsView::Fees, &AnalyticsFilter::default())
        .unwrap();
    match &fees.figures {
        Figures::Fees(f) => assert_eq!(glance.overdue_count, f.long_overdue.len()),
        other => panic!("{other:?}"),
    }
}
