//! The use cases on a real data folder: the demo school, import and export, attendance,
//! edits, and errors as a person reads them.

use std::path::Path;

use chrono::NaiveDate;
use daftar_app::*;
use daftar_domain::entities::table;
use daftar_domain::*;
use daftar_i18n::Localizer;

/// A student file imported as the CLI imports it: read, then the one import use case.
fn import_students(
    app: &mut App,
    path: &std::path::Path,
    options: &ImportOptions,
) -> daftar_app::Result<ImportReport> {
    let (name, text) = read_import_file(path)?;
    let actor = app.actor()?;
    app.import_students(&actor, &name, &text, options, &Work::default())
}
/// A register as the CLI types it, saved through the one register use case.
fn mark_attendance(app: &mut App, input: &RegisterInput) -> daftar_app::Result<RegisterSaved> {
    let register = input.resolve(app)?;
    let actor = app.actor()?;
    app.save_register(&actor, &register)
}

/// The actor of the session the data folder opens now.
fn actor(app: &App) -> Actor {
    app.actor().unwrap()
}

fn open(dir: &Path, lang: &str) -> App {
    App::open(dir, Localizer::new(lang, false).unwrap()).unwrap()
}

fn small_school(dir: &Path, seed: u64) -> (App, DemoSummary) {
    let mut app = open(dir, "en");
    let summary = app
        .create_demo(DemoOptions {
            students: 64,
            seed,
            year_start: 2025,
            until: None,
        })
        .unwrap();
    (app, summary)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_same_seed_makes_the_same_school_and_another_seed_another() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (a, sa) = small_school(dirs[0].path(), 7);
    let (b, sb) = small_school(dirs[1].path(), 7);
    let (c, _) = small_school(dirs[2].path(), 8);
    assert_eq!(sa, sb);
    let export = |app: &App, dir: &Path| {
        let file = dir.join("out.csv");
        app.export_students(&actor(app), &file).unwrap();
        std::fs::read(file).unwrap()
    };
    assert_eq!(export(&a, dirs[0].path()), export(&b, dirs[1].path()));
    assert_ne!(export(&a, dirs[0].path()), export(&c, dirs[2].path()));
    let ids = |app: &App| {
        app.find_students(
            &actor(app),
            &StudentSearch {
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .iter()
        .map(|s| s.id)
        .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
}

#[test]
fn the_demo_school_has_the_standard_shape() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, s) = small_school(dir.path(), 1);
    assert_eq!((s.students, s.subjects, s.school_days), (64, 15, 180));
    assert_eq!(s.classrooms, 2);
    assert_eq!(s.attendance, 64 * 180);
    assert_eq!(s.results, 64 * 15 * 4);
    assert_eq!(s.assessments, 2 * 15 * 4);
    assert_eq!(s.invoices, 64 * 3);
    let years = app.years().unwrap();
    assert_eq!(years.len(), 1);
    let year = &years[0];
    assert_eq!(year.school_days, 180);
    assert_eq!(year.year.school_week, SchoolWeek::GULF);
    assert_eq!(year.terms.len(), 2);
    assert!(year.holidays.iter().any(|h| h.name_en == "National Day"));
    assert_eq!(
        app.store().outbox_len().unwrap() as usize,
        s.rows,
        "every generated row is a local change"
    );

    // Mostly present, with some absence; marks with a spread.
    let store = app.store();
    let attendance: Vec<Attendance> = store.list().unwrap();
    let absent = attendance
        .iter()
        .filter(|a| a.status == AttendanceStatus::Absent)
        .count() as f64
        / attendance.len() as f64;
    assert!((0.01..0.10).contains(&absent), "absence rate {absent}");
    let results: Vec<AssessmentResult> = store.list().unwrap();
    let assessments: Vec<Assessment> = store.list().unwrap();
    let shares: Vec<f64> = results
        .iter()
        .filter_map(|r| {
            r.mark.map(|m| {
                m / assessments
                    .iter()
                    .find(|a| a.id == r.assessment_id)
                    .unwrap()
                    .total
            })
        })
        .collect();
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    let sd = (shares.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / shares.len() as f64).sqrt();
    assert!(
        (0.6..0.85).contains(&mean) && sd > 0.08,
        "mean {mean} sd {sd}"
    );
    let payments: Vec<Payment> = store.list().unwrap();
    let invoices: Vec<Invoice> = store.list().unwrap();
    let partly = invoices.iter().filter(|i| {
        let paid: i64 = payments
            .iter()
            .filter(|p| p.invoice_id == i.id)
            .map(|p| p.amount)
            .sum();
        paid > 0 && paid < i.amount
    });
    assert!(partly.count() > 0, "some invoices are partly paid");
}

#[test]
fn a_demo_as_of_a_day_stops_the_records_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), "en");
    let s = app
        .create_demo(DemoOptions::as_of(d(2025, 10, 15), 40, 3))
        .unwrap();
    let attendance: Vec<Attendance> = app.store().list().unwrap();
    assert!(attendance.iter().all(|a| a.date < d(2025, 10, 15)));
    assert!(s.attendance > 0 && s.attendance < 40 * 180);
    assert_eq!(app.current_year().unwrap().name, "2025/2026");
    let err = app
        .call(|a| a.create_demo(DemoOptions::standard()))
        .unwrap_err();
    assert_eq!(err.code, "school-exists");
}

#[test]
fn an_export_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = small_school(dir.path(), 2);
    let file = dir.path().join("students.csv");
    assert_eq!(app.export_students(&actor(&app), &file).unwrap(), 64);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with(&CANONICAL_HEADER.join(",")));
    let outbox = app.pending_changes().unwrap();
    let report = import_students(&mut app, &file, &ImportOptions::default()).unwrap();
    assert_eq!(
        (
            report.rows,
            report.created,
            report.updated,
            report.unchanged
        ),
        (64, 0, 0, 64)
    );
    // Only the import's own audit entry is new.
    assert_eq!(app.pending_changes().unwrap(), outbox + 1);
    let again = dir.path().join("again.csv");
    app.export_students(&actor(&app), &again).unwrap();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

const HEADER: &str = "admission_number,name_ar,name_en,gender,birth_date,national_id,nationality,grade,classroom,guardian_name,guardian_phone";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn importing_a_valid_file_creates_students_enrollments_and_guardians() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = small_school(dir.path(), 4);
    let file = write(
        dir.path(),
        "new.csv",
        &format!(
            "\u{feff}{HEADER}\n\
             900001,لَيلى حسن,Layla Hassan,female,2016-02-29,,JO,Grade 1,1A,حسن علي,+962 79 123 4567\n\
             900002,يوسف حسن,Yousef Hassan,M,١٥/٠٣/٢٠١٥,784-2015-1234567-1,jo,,,حسن علي,+962791234567\n\
             900003,Tom,Tom Baker,f,2014-01-01,,GB,Grade 2,2A,Jane Baker,07700 900123\n"
        ),
    );
    let report = import_students(&mut app, &file, &ImportOptions::default()).unwrap();
    assert_eq!(
        (report.created, report.updated, report.skipped.len()),
        (3, 0, 0)
    );
    let layla = app.student(&actor(&app), "900001").unwrap();
    assert_eq!(layla.student.name_ar, "لَيلى حسن", "kept exactly as typed");
    assert_eq!(layla.enrollments[0].classroom.name_en, "1A");
    let yousef = app.student(&actor(&app), "900002").unwrap();
    assert_eq!(yousef.student.birth_date, d(2015, 3, 15));
    assert_eq!(yousef.student.nationality, "JO");
    assert!(yousef.enrollments.is_empty());
    // Siblings with the same phone, however spaced, share one guardian.
    assert_eq!(
        layla.guardians[0].guardian.id,
        yousef.guardians[0].guardian.id
    );
    let tom = app.student(&actor(&app), "900003").unwrap();
    assert_eq!(tom.guardians[0].guardian.name_en, "Jane Baker");
    let found = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                text: "ليلي".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.items[0].admission_number, "900001");
}

#[test]
fn a_file_with_bad_rows_is_refused_whole_with_every_line_explained() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = small_school(dir.path(), 5);
    let before = app.pending_changes().unwrap();
    let existing = app
        .find_students(&actor(&app), &StudentSearch::default())
        .unwrap()
        .items[0]
        .admission_number
        .clone();
    let file = write(
        dir.path(),
        "bad.csv",
        &format!(
            "{HEADER}\n\
             900010,سالم,Salem,male,2015-01-01,,AE,,,,\n\
             900011,مها,Maha,unknown,2015-01-01,,AE,,,,\n\
             900012,نادر,Nader,male,01-2015-01,,AE,,,,\n\
             900013,,Nameless,male,2015-01-01,,AE,,,,\n\
             900010,سالم,Salem again,male,2015-01-01,,AE,,,,\n\
             900014,رهف,Rahaf,female,2015-01-01,,AE,Grade 1,9Z,,\n\
             900015,جود,Joud,female,2015-01-01,,UAE,,,,\n\
             900016,ريان,Rayan,male,2015-01-01,,AE,,,ولي,\n\
             900017,too,few,fields\n\
             {existing}-x,باسل,Basel,male,2015-01-01,,AE,Grade 12,,,\n"
        ),
    );
    let err = app
        .call(|a| import_students(a, &file, &ImportOptions::default()))
        .unwrap_err();
    assert_eq!(err.code, "import-rejected");
    let lines: Vec<(u64, &str)> = err
        .details
        .iter()
        .map(|r| (r.line, r.code.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (3, "invalid-choice"),
            (4, "invalid-date"),
            (5, "field-required"),
            (6, "duplicate-in-file"),
            (7, "unknown-classroom"),
            (8, "invalid-format"),
            (9, "field-required"),
            (10, "csv-unreadable"),
            (11, "unknown-grade"),
        ]
    );
    assert!(
        err.details[0].message.starts_with("Line 3:"),
        "{}",
        err.details[0].message
    );
    assert_eq!(app.pending_changes().unwrap(), before, "nothing imported");
    assert!(app.call(|a| a.student(&a.actor()?, "900010")).is_err());

    let report = import_students(
        &mut app,
        &file,
        &ImportOptions {
            skip_invalid: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(report.created, 1);
    assert_eq!(report.skipped.len(), 9);
    assert_eq!(
        app.student(&actor(&app), "900010").unwrap().student.name_en,
        "Salem"
    );
}

#[test]
fn other_headers_are_mapped_and_missing_columns_named() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = small_school(dir.path(), 6);
    let file = write(
        dir.path(),
        "mapped.csv",
        "Student No,Arabic Name,English Name,Sex,DOB,Country\n700001,هيا,Haya,female,2016-05-05,QA\n",
    );
    let err = app
        .call(|a| import_students(a, &file, &ImportOptions::default()))
        .unwrap_err();
    assert_eq!(err.code, "csv-header");
    assert!(err.message.contains("admission_number"), "{}", err.message);
    let mappings = [
        "Student No=admission_number",
        "Arabic Name=name_ar",
        "english name=name_en",
        "Sex=gender",
        "DOB=birth_date",
        "Country=nationality",
    ]
    .map(String::from)
    .to_vec();
    let report = import_students(
        &mut app,
        &file,
        &ImportOptions {
            mappings,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(report.created, 1);
    let bad = ImportOptions {
        mappings: vec!["Student No".into()],
        ..ImportOptions::default()
    };
    assert_eq!(
        app.call(|a| import_students(a, &file, &bad))
            .unwrap_err()
            .code,
        "bad-mapping"
    );
    let bad = ImportOptions {
        mappings: vec!["Student No=shoe_size".into()],
        ..ImportOptions::default()
    };
    assert_eq!(
        app.call(|a| import_students(a, &file, &bad))
            .unwrap_err()
            .code,
        "bad-mapping"
    );
}

#[test]
fn unreadable_files_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = small_school(dir.path(), 6);
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(
        &latin1,
        [HEADER.as_bytes(), b"\n1,\xE9,x,male,2015-01-01,,AE,,,,\n"].concat(),
    )
    .unwrap();
    let err = app
        .call(|a| import_students(a, &latin1, &ImportOptions::default()))
        .unwrap_err();
    assert_eq!(err.code, "csv-unreadable");
    assert!(err.message.contains("Line 2"), "{}", err.message);
    let missing = dir.path().join("nope.csv");
    assert_eq!(
        app.call(|a| import_students(a, &missing, &ImportOptions::default()))
            .unwrap_err()
            .code,
        "storage"
    );
    let empty = write(dir.path(), "empty.csv", "");
    assert_eq!(
        app.call(|a| import_students(a, &empty, &ImportOptions::default()))
            .unwrap_err()
            .code,
        "csv-header"
    );
}

#[test]
fn a_register_saves_once_and_reopens_with_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), "en");
    app.create_demo(DemoOptions {
        students: 64,
        seed: 9,
        year_start: 2025,
        until: Some(d(2025, 9, 30)),
    })
    .unwrap();
    let day = d(2025, 10, 1); // a Wednesday, not yet taken
    let roster = app
        .register(&actor(&app), app.classroom("1A").unwrap().id, day, 0)
        .unwrap();
    assert!(roster.iter().all(|r| r.status.is_none()));
    let absent = roster[0].admission_number.clone();
    let late = roster[1].student_id.to_string();
    let input = RegisterInput {
        classroom: "1A".into(),
        date: day,
        period: 0,
        absent: vec![absent.clone()],
        late: vec![late],
        excused: vec![],
    };
    let saved = mark_attendance(&mut app, &input).unwrap();
    assert_eq!(
        (saved.present, saved.absent, saved.late, saved.changed),
        (roster.len() - 2, 1, 1, roster.len())
    );
    let outbox = app.pending_changes().unwrap();
    assert_eq!(
        mark_attendance(&mut app, &input).unwrap().changed,
        0,
        "saving the same register again changes nothing"
    );
    assert_eq!(app.pending_changes().unwrap(), outbox);
    let reopened = app
        .register(&actor(&app), app.classroom("1A").unwrap().id, day, 0)
        .unwrap();
    assert_eq!(reopened[0].status, Some(AttendanceStatus::Absent));
    assert_eq!(reopened[1].status, Some(AttendanceStatus::Late));
    assert!(
        reopened[2..]
            .iter()
            .all(|r| r.status == Some(AttendanceStatus::Present))
    );

    let twice = RegisterInput {
        late: vec![absent.clone()],
        ..input.clone()
    };
    assert_eq!(
        app.call(|a| mark_attendance(a, &twice)).unwrap_err().code,
        "student-twice"
    );
    let other_class = app
        .register(&actor(&app), app.classroom("2A").unwrap().id, day, 0)
        .unwrap()[0]
        .admission_number
        .clone();
    let stranger = RegisterInput {
        absent: vec![other_class],
        ..input.clone()
    };
    assert_eq!(
        app.call(|a| mark_attendance(a, &stranger))
            .unwrap_err()
            .code,
        "student-not-enrolled"
    );
    let friday = RegisterInput {
        date: d(2025, 10, 3),
        ..input.clone()
    };
    assert_eq!(
        app.call(|a| mark_attendance(a, &friday)).unwrap_err().code,
        "not-a-school-day"
    );
    let nowhere = RegisterInput {
        classroom: "99Z".into(),
        ..input
    };
    assert_eq!(
        app.call(|a| mark_attendance(a, &nowhere)).unwrap_err().code,
        "unknown-classroom"
    );
}

#[test]
fn editing_a_student_validates_every_field_and_moves_classrooms() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = small_school(dir.path(), 10);
    let pupils = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                classroom: Some("1A".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let key = pupils.items[0].admission_number.clone();
    let set = |app: &mut App, field: &str, value: &str| {
        app.call(|a| a.edit_student(&a.actor()?, &key, &[(field.to_string(), value.to_string())]))
    };
    assert_eq!(
        set(&mut app, "gender", "x").unwrap_err().code,
        "invalid-choice"
    );
    assert_eq!(
        set(&mut app, "birth_date", "yesterday").unwrap_err().code,
        "invalid-date"
    );
    assert_eq!(
        set(&mut app, "name_en", " ").unwrap_err().code,
        "field-required"
    );
    assert_eq!(
        set(&mut app, "nationality", "Emirati").unwrap_err().code,
        "invalid-format"
    );
    assert_eq!(
        set(&mut app, "colour", "red").unwrap_err().code,
        "unknown-field"
    );
    assert_eq!(
        set(&mut app, "classroom", "9Z").unwrap_err().code,
        "unknown-classroom"
    );
    let other = pupils.items[1].admission_number.clone();
    assert_eq!(
        set(&mut app, "admission_number", &other).unwrap_err().code,
        "duplicate-admission-number"
    );
    let detail = set(&mut app, "classroom", "2A").unwrap();
    assert_eq!(detail.enrollments[0].classroom.name_en, "2A");
    let detail = app
        .edit_student(
            &actor(&app),
            &key,
            &[
                ("status".into(), "withdrawn".into()),
                ("national_id".into(), "".into()),
            ],
        )
        .unwrap();
    assert_eq!(detail.student.status, StudentStatus::Withdrawn);
    assert_eq!(detail.student.national_id, None);
    assert_eq!(
        app.call(|a| a.student(&a.actor()?, "no-such-student"))
            .unwrap_err()
            .code,
        "not-found"
    );
}

#[test]
fn errors_reach_people_in_their_language() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _) = small_school(dir.path(), 11);
    let mut app = open(dir.path(), "ar");
    let input = RegisterInput {
        classroom: "1A".into(),
        date: d(2025, 12, 2),
        ..Default::default()
    };
    let err = app.call(|a| mark_attendance(a, &input)).unwrap_err();
    assert_eq!(err.code, "school-holiday");
    assert!(
        err.message.contains("عطلة") && err.message.contains("اليوم الوطني"),
        "{}",
        err.message
    );
    let empty = tempfile::tempdir().unwrap();
    let mut none = open(empty.path(), "ar");
    let err = none.call(|a| a.classrooms(&a.actor()?)).unwrap_err();
    assert_eq!(err.code, "no-school");
    assert!(err.message.contains("daftar demo"));
}

#[test]
fn search_filters_by_names_of_grade_and_classroom() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = small_school(dir.path(), 12);
    let all = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(all.total, 64);
    let in_1a = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                classroom: Some("1a".into()),
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    let by_arabic = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                classroom: Some("١ أ".into()),
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(in_1a.total, by_arabic.total);
    let grade1 = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                grade: Some("Grade 1".into()),
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(grade1.total, in_1a.total);
    assert_eq!(
        app.call(|a| a.find_students(
            &a.actor()?,
            &StudentSearch {
                grade: Some("Grade 99".into()),
                ..Default::default()
            }
        ))
        .unwrap_err()
        .code,
        "unknown-grade"
    );
    // Query syntax of the search engine is only ever text.
    for hostile in [
        "\"",
        "*",
        "a\" OR \"b",
        "NEAR(",
        "^",
        "'; DROP TABLE students; --",
        &"ب".repeat(5000),
    ] {
        app.find_students(
            &actor(&app),
            &StudentSearch {
                text: hostile.into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    assert_eq!(app.store().count(table("students").unwrap()).unwrap(), 64);
}

#[test]
fn the_window_exports_each_list_into_the_exports_folder_for_whom_may_see_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), "en");
    // Enough classrooms that a teacher has some of them only.
    let summary = app
        .create_demo(DemoOptions {
            students: 480,
            seed: 9,
            year_start: 2025,
            until: None,
        })
        .unwrap();
    let admin = app.explore_as(StaffRole::Admin).unwrap();
    let exports = dir.path().join("exports");

    let students = app
        .export(&admin, &ExportRequest::Students, ExportFormat::Xlsx)
        .unwrap();
    assert_eq!(students.rows, summary.students);
    assert!(students.path.starts_with(&exports), "{:?}", students.path);
    assert_eq!(
        students.path.extension().and_then(|e| e.to_str()),
        Some("xlsx")
    );
    let (_, text) = read_import_file(&students.path).unwrap();
    assert_eq!(
        text.lines().count(),
        summary.students + 1,
        "a header and a row each"
    );

    let staff = app
        .export(&admin, &ExportRequest::Staff, ExportFormat::Csv)
        .unwrap();
    assert_eq!(staff.rows, app.store().list::<Staff>().unwrap().len());
    assert!(
        std::fs::read_to_string(&staff.path)
            .unwrap()
            .contains("name_ar,name_en,role")
    );

    let teacher = app.explore_as(StaffRole::Teacher).unwrap();
    let theirs = app.classrooms(&teacher).unwrap();
    let room = &theirs[0].classroom;
    let assessment = app.assessments(&teacher, room.id).unwrap()[0].id;
    let marks = app
        .export(
            &teacher,
            &ExportRequest::MarkSheet { assessment },
            ExportFormat::Xlsx,
        )
        .unwrap();
    assert_eq!(marks.rows as i64, theirs[0].students);
    let name = marks
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(name.starts_with("marks-"), "{name}");

    let month = ExportRequest::MonthAttendance {
        classroom: room.id,
        month: "2025-10".into(),
    };
    let attendance = app.export(&teacher, &month, ExportFormat::Csv).unwrap();
    assert!(
        attendance
            .path
            .to_string_lossy()
            .ends_with(&format!("attendance-{}-2025-10.csv", room.name_en))
    );
    assert!(attendance.rows > 0);

    // Another teacher's classroom, and the school's lists, are not a teacher's to export.
    let other = app
        .classrooms(&admin)
        .unwrap()
        .into_iter()
        .find(|c| !theirs.iter().any(|t| t.classroom.id == c.classroom.id))
        .unwrap();
    let before = std::fs::read_dir(&exports).unwrap().count();
    for request in [
        ExportRequest::Students,
        ExportRequest::MonthAttendance {
            classroom: other.classroom.id,
            month: "2025-10".into(),
        },
    ] {
        let failure = app
            .export(&teacher, &request, ExportFormat::Xlsx)
            .unwrap_err();
        assert_eq!(app.error(&failure).code, "not-allowed", "{request:?}");
    }
    assert_eq!(std::fs::read_dir(&exports).unwrap().count(), before);

    // The register to sign goes to the printed folder.
    let printed = app
        .print_register(&teacher, room.id, "2025-10", None)
        .unwrap();
    assert!(printed.files[0].starts_with(dir.path().join("printed")));
    assert!(printed.pages >= 1);
}
