//! The desktop's use cases on a real data folder: who may reach what, a teacher's own
//! classrooms, registers and mark sheets as the window saves them, payments and receipts,
//! backups, and the window's settings.

use std::path::Path;

use daftar_app::*;
use daftar_domain::*;
use daftar_i18n::Localizer;

/// The actor of the session the data folder opens now.
fn actor(app: &App) -> Actor {
    app.actor().unwrap()
}

/// On the demo school, a new session as its first member of staff with `role`.
fn explore(app: &mut App, role: StaffRole) -> Me {
    app.explore_as(role).unwrap();
    app.me(&actor(app)).unwrap().unwrap()
}

fn demo(dir: &Path) -> App {
    let mut app = App::open(dir, Localizer::new("en", false).unwrap()).unwrap();
    app.create_demo(DemoOptions {
        students: 480,
        seed: 11,
        year_start: 2025,
        until: None,
    })
    .unwrap();
    app
}

#[test]
fn a_teacher_reaches_their_own_classrooms_and_is_refused_fees_and_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let admin = explore(&mut app, StaffRole::Admin);
    let everyone = app
        .find_students(&actor(&app), &StudentSearch::default())
        .unwrap()
        .total;
    assert!(
        app.invoices(&actor(&app), &InvoiceQuery::default())
            .unwrap()
            .total
            > 0
    );

    let teacher = explore(&mut app, StaffRole::Teacher);
    assert_eq!(teacher.role, StaffRole::Teacher);
    assert!(!teacher.classrooms.is_empty());
    assert!(teacher.classrooms.len() < admin.classrooms.len());
    for refused in [
        app.invoices(&actor(&app), &InvoiceQuery::default())
            .map(|_| ()),
        app.edit_student(&actor(&app), "100001", &[("name_en".into(), "X".into())])
            .map(|_| ()),
    ] {
        let failure = refused.unwrap_err();
        assert_eq!(failure.code(), "not-allowed", "{failure}");
    }
    let message = app
        .error(&Failure::NotAllowed {
            action: Action::ManageFees,
            refusal: Refusal::Role(Action::ManageFees),
        })
        .message;
    assert!(message.contains("fees"), "{message}");

    // Searches, profiles and registers stop at the teacher's classrooms.
    let mine = app
        .find_students(&actor(&app), &StudentSearch::default())
        .unwrap();
    assert!(mine.total > 0 && mine.total < everyone);
    let hits = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(hits.items.iter().all(|h| {
        h.classroom_id
            .is_some_and(|c| teacher.classrooms.contains(&c))
    }));
    let year = app.current_year().unwrap();
    let other = app
        .store()
        .classrooms(year.id)
        .unwrap()
        .into_iter()
        .find(|c| !teacher.classrooms.contains(&c.classroom.id))
        .unwrap();
    let refused = app
        .register(&actor(&app), other.classroom.id, year.start_date, 0)
        .unwrap_err();
    assert_eq!(refused.code(), "not-allowed");
    // Found as the school's administrator would find them.
    let admin = Actor {
        role: StaffRole::Admin,
        ..actor(&app)
    };
    let stranger = app
        .find_students(
            &admin,
            &StudentSearch {
                classroom: Some(other.classroom.name_en.clone()),
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .items[0]
        .id;
    assert_eq!(
        app.student(&actor(&app), &stranger.to_string())
            .unwrap_err()
            .code(),
        "not-allowed"
    );
}

#[test]
fn a_register_saved_from_the_window_reopens_with_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let me = explore(&mut app, StaffRole::Teacher);
    let classroom = me.classrooms[0];
    let year = app.current_year().unwrap();
    let day = app
        .store()
        .last_register_day(year.end_date)
        .unwrap()
        .unwrap();
    let roster = app.register(&actor(&app), classroom, day, 0).unwrap();
    assert!(
        roster.iter().all(|r| r.status.is_some()),
        "the demo took it"
    );
    let mut marks: Vec<_> = roster
        .iter()
        .map(|r| (r.student_id, AttendanceStatus::Present))
        .collect();
    marks[0].1 = AttendanceStatus::Absent;
    marks[1].1 = AttendanceStatus::Late;
    let saved = app
        .save_register(
            &actor(&app),
            &RegisterMarks {
                classroom,
                date: day,
                period: 0,
                marks,
            },
        )
        .unwrap();
    assert_eq!((saved.absent, saved.late), (1, 1));
    let again = app.register(&actor(&app), classroom, day, 0).unwrap();
    assert_eq!(again[0].status, Some(AttendanceStatus::Absent));
    assert_eq!(again[1].status, Some(AttendanceStatus::Late));
    assert!(
        again[2..]
            .iter()
            .all(|r| r.status == Some(AttendanceStatus::Present))
    );
    let board = app.dashboard(&actor(&app)).unwrap();
    let taken = board.attendance.unwrap();
    assert_eq!(taken.date, day);
    assert!(
        taken
            .absentees
            .iter()
            .any(|a| a.student_id == roster[0].student_id)
    );
    assert!(board.fees.is_none(), "a teacher's dashboard has no fees");
}

#[test]
fn a_mark_sheet_is_checked_against_its_total_and_saved_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let me = explore(&mut app, StaffRole::Teacher);
    let (classroom, assessment) = me
        .classrooms
        .iter()
        .find_map(|c| Some((*c, app.assessments(&actor(&app), *c).ok()?.pop()?)))
        .unwrap();
    let sheet = app.mark_sheet(&actor(&app), assessment.id).unwrap();
    assert_eq!(sheet.assessment.classroom_id, classroom);
    let first = sheet.rows[0].student_id;
    let second = sheet.rows[1].student_id;
    let over = format!("{}", assessment.total + 1.0);
    let refused = app
        .save_marks(
            &actor(&app),
            assessment.id,
            &[
                MarkInput {
                    student_id: first,
                    mark: "1".into(),
                },
                MarkInput {
                    student_id: second,
                    mark: over,
                },
            ],
        )
        .unwrap_err();
    assert_eq!(refused.code(), "mark-out-of-range", "{refused}");
    assert_eq!(
        app.save_marks(
            &actor(&app),
            assessment.id,
            &[MarkInput {
                student_id: first,
                mark: "abc".into()
            }]
        )
        .unwrap_err()
        .code(),
        "invalid-mark"
    );
    let unchanged = app.mark_sheet(&actor(&app), assessment.id).unwrap();
    assert_eq!(unchanged.rows[0].mark, sheet.rows[0].mark, "nothing saved");

    let changed = app
        .save_marks(
            &actor(&app),
            assessment.id,
            &[
                MarkInput {
                    student_id: first,
                    mark: "١".into(),
                },
                MarkInput {
                    student_id: second,
                    mark: String::new(),
                },
            ],
        )
        .unwrap();
    assert!(changed >= 1);
    let after = app.mark_sheet(&actor(&app), assessment.id).unwrap();
    assert_eq!(after.rows[0].mark, Some(1.0));
    assert_eq!(after.rows[1].mark, None);
    // The sheet's history: who changed whose mark, newest first, from this desktop.
    let history = app.mark_sheet_history(&actor(&app), assessment.id).unwrap();
    assert!(!history.from_cloud, "never connected");
    let newest = &history.changes[0];
    assert!(newest.entry.pending);
    assert!(!newest.entry.who.is_empty());
    let firsts: Vec<&str> = history
        .changes
        .iter()
        .filter(|c| c.student_id == first)
        .flat_map(|c| c.entry.fields.iter())
        .filter(|f| f.field == "mark")
        .map(|f| f.new.as_str())
        .collect();
    assert_eq!(firsts.first(), Some(&"1.0"), "{firsts:?}");
    // Whoever may not enter the marks does not see their history either.
    let office = app.explore_as(StaffRole::Office).unwrap();
    let refused = app.mark_sheet_history(&office, assessment.id).unwrap_err();
    assert_eq!(refused.code(), "not-allowed");
}

#[test]
fn the_office_records_a_payment_numbered_by_this_desktop_and_prints_its_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    app.explore_as(StaffRole::Office).unwrap();
    let unpaid = app
        .invoices(
            &actor(&app),
            &InvoiceQuery {
                unpaid_only: true,
                limit: 5,
                ..Default::default()
            },
        )
        .unwrap();
    let row = &unpaid.items[0];
    assert!(row.balance > 0);
    let minor = app.school().unwrap().currency_minor_digits;
    let over = format!("{}", (row.balance + 1) as f64 / 10f64.powi(minor as i32));
    let refused = app
        .record_payment(
            &actor(&app),
            &PaymentInput {
                invoice: row.invoice.number.clone(),
                amount: over,
                method: PaymentMethod::Cash,
                paid_on: None,
                reference: String::new(),
                cheque_bank: String::new(),
                cheque_date: String::new(),
                keep_surplus: false,
            },
        )
        .unwrap_err();
    assert_eq!(refused.code(), "payment-above-balance");
    let first = app
        .record_payment(
            &actor(&app),
            &PaymentInput {
                invoice: row.invoice.number.clone(),
                amount: "1".into(),
                method: PaymentMethod::Card,
                paid_on: None,
                reference: String::new(),
                cheque_bank: String::new(),
                cheque_date: String::new(),
                keep_surplus: false,
            },
        )
        .unwrap();
    let second = app
        .record_payment(
            &actor(&app),
            &PaymentInput {
                invoice: row.invoice.number.clone(),
                amount: "1".into(),
                method: PaymentMethod::Cash,
                paid_on: None,
                reference: String::new(),
                cheque_bank: String::new(),
                cheque_date: String::new(),
                keep_surplus: false,
            },
        )
        .unwrap();
    assert_ne!(first.receipt_number, second.receipt_number);
    assert!(first.receipt_number.starts_with("R-"));
    let detail = app.invoice(&actor(&app), &row.invoice.number).unwrap();
    assert_eq!(detail.balance, row.balance - 2 * 10i64.pow(minor as u32));
    let printed = app
        .print_receipt(&actor(&app), &second.receipt_number, None)
        .unwrap();
    assert_eq!(printed.pages, 1);
    assert!(printed.files[0].starts_with(dir.path().join("printed")));
    assert!(std::fs::metadata(&printed.files[0]).unwrap().len() > 1000);
}

#[test]
fn settings_and_backups_stay_with_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    assert_eq!(app.session(&actor(&app)).unwrap().digits, Digits::Western);
    app.set_digits(Digits::ArabicIndic).unwrap();
    app.choose_language("ar").unwrap();
    assert_eq!(
        app.choose_language("fr").unwrap_err().code(),
        "unknown-language"
    );
    let backup = app.backup_now().unwrap();
    drop(app);
    let reopened = Desktop::open(dir.path()).unwrap();
    let session = reopened.call(|app, me| app.session(me)).unwrap();
    assert_eq!(session.language, "ar");
    assert_eq!(session.digits, Digits::ArabicIndic);
    assert!(session.demo);
    assert_eq!(students_in_backup(Path::new(&backup)), 480);
}

/// The backup is a whole database: opened as a data folder of its own, it has the school.
fn students_in_backup(path: &Path) -> i64 {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(path, dir.path().join(DATABASE_FILE)).unwrap();
    let app = App::open(dir.path(), Localizer::new("en", false).unwrap()).unwrap();
    app.find_students(
        &actor(&app),
        &StudentSearch {
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap()
    .total
}

#[test]
fn desktop_notifications_tell_of_others_announcements_conflicts_and_refusals_unless_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    explore(&mut app, StaffRole::Office);
    let clerk = actor(&app);
    let quiet = daftar_app::RoundSummary::default();
    // The first round only learns what is already there: old announcements are not news.
    assert_eq!(app.desktop_alerts(&clerk, &quiet).unwrap(), vec![]);
    // The principal posts one (as a pull would bring it); the office's own is not news.
    explore(&mut app, StaffRole::Admin);
    let principal = actor(&app);
    let post = |title: &str| AnnouncementInput {
        title_ar: "إعلان".into(),
        title_en: title.into(),
        body_ar: "نص".into(),
        body_en: "Thursday at eight.".into(),
        audience: None,
        grade_id: None,
        classroom_id: None,
    };
    app.post_announcement(&principal, &post("Sports day"))
        .unwrap();
    explore(&mut app, StaffRole::Office);
    app.post_announcement(&clerk, &post("My own")).unwrap();
    let round = daftar_app::RoundSummary {
        pulled: 1,
        conflicts: 2,
        rejected: 1,
        ..Default::default()
    };
    let alerts = app.desktop_alerts(&clerk, &round).unwrap();
    let titles: Vec<&str> = alerts.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "New announcement: Sports day",
            "2 of your changes met other desktops'",
            "The cloud refused one of your changes",
        ]
    );
    assert_eq!(alerts[0].body, "Thursday at eight.");
    assert!(alerts[1].body.contains("Sync"));
    // Told once; and switched off, nothing at all.
    assert_eq!(app.desktop_alerts(&clerk, &quiet).unwrap(), vec![]);
    assert!(app.desktop_alerts_on().unwrap());
    app.set_desktop_alerts(false).unwrap();
    assert!(!app.desktop_alerts_on().unwrap());
    explore(&mut app, StaffRole::Admin);
    app.post_announcement(&principal, &post("Exams")).unwrap();
    explore(&mut app, StaffRole::Office);
    assert_eq!(app.desktop_alerts(&clerk, &round).unwrap(), vec![]);
    app.set_desktop_alerts(true).unwrap();
    assert_eq!(
        app.desktop_alerts(&clerk, &quiet).unwrap(),
        vec![],
        "what came while they were off is not told later"
    );
}
