//! The one role policy as the desktop applies it, against the policy's own table
//! (`daftar_domain::policy::spec`): every role × every action on a real demo school, through
//! the app's check with the teacher's reach read from the school, and through the use case
//! that does the action where one exists. A grant of `Own` must take the teacher's own
//! classroom and refuse another's.

use std::path::Path;

use daftar_app::*;
use daftar_domain::policy::{Grant, spec};
use daftar_domain::*;
use daftar_i18n::Localizer;
use uuid::Uuid;

fn demo(dir: &Path) -> App {
    let mut app = App::open(dir, Localizer::new("en", false).unwrap()).unwrap();
    app.create_demo(DemoOptions {
        students: 480,
        seed: 9,
        year_start: 2025,
        until: None,
    })
    .unwrap();
    app
}

/// What doing `action` through its use case gave: allowed, refused by the policy, or
/// there is no use case for it yet (the check alone then speaks for the app).
fn use_case(
    app: &mut App,
    admin: &Actor,
    me: &Actor,
    action: Action,
    classroom: Uuid,
) -> Option<bool> {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 6).unwrap();
    let student = app.register(admin, classroom, day, 0).unwrap()[0].student_id;
    let outcome: std::result::Result<(), Failure> = match action {
        Action::SeeStudents => app.student(me, &student.to_string()).map(drop),
        Action::EditStudents => {
            let name = app.find_student(&student.to_string()).unwrap().name_en;
            app.edit_student(me, &student.to_string(), &[("name_en".into(), name)])
                .map(drop)
        }
        Action::ManageClassrooms => app.year_classrooms(me, None).map(drop),
        Action::RunSchool => {
            let year = app.current_year().unwrap().id;
            app.make_year_current(me, year).map(drop)
        }
        Action::ManageFees => app.invoices(me, &InvoiceQuery::default()).map(drop),
        Action::TakeAttendance => app.register(me, classroom, day, 0).map(drop),
        Action::EnterMarks => app.assessments(me, classroom).map(drop),
        Action::Announce => app
            .post_announcement(
                me,
                &AnnouncementInput {
                    title_ar: "تنبيه".into(),
                    title_en: "Notice".into(),
                    body_ar: "نص".into(),
                    body_en: "Text".into(),
                    audience: None,
                    grade_id: None,
                    classroom_id: None,
                },
            )
            .map(drop),
        Action::PrintReports => app.report_cards(me, classroom, "1", day).map(drop),
        Action::SeeAnalytics => app
            .analytics(
                me,
                AnalyticsView::Attendance,
                &AnalyticsFilter {
                    classroom: Some(classroom),
                    ..Default::default()
                },
            )
            .map(drop),
        Action::RestoreBackups => match app.restore_backup(me, "no-such-backup.sqlite3") {
            Err(Failure::NotAllowed { .. }) => Err(Failure::NotAllowed {
                action,
                refusal: Refusal::Role(action),
            }),
            _ => Ok(()), // past the policy: the missing backup is another failure
        },
        Action::SetAssessments
        | Action::WriteRemarks
        | Action::WritePrincipalRemarks
        | Action::RecordAudit => return None,
    };
    match outcome {
        Ok(()) => Some(true),
        Err(Failure::NotAllowed { .. }) => Some(false),
        Err(other) => panic!("{} failed otherwise: {other}", action.as_str()),
    }
}

fn actor(app: &App) -> Actor {
    app.actor().unwrap()
}

#[test]
fn every_role_does_each_action_as_the_policy_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let admin = actor(&app);
    let all: Vec<Uuid> = app
        .classrooms(&admin)
        .unwrap()
        .iter()
        .map(|c| c.classroom.id)
        .collect();
    for &role in StaffRole::ALL {
        app.explore_as(role).unwrap();
        let me = actor(&app);
        assert_eq!(me.role, role);
        let mine: Vec<Uuid> = app
            .classrooms(&me)
            .unwrap()
            .iter()
            .map(|c| c.classroom.id)
            .collect();
        let own = mine[0];
        let other = *all.iter().find(|c| !mine.contains(c)).unwrap_or(&own);
        if role == StaffRole::Teacher {
            assert_ne!(
                own, other,
                "a teacher has classrooms of others to be refused"
            );
        }
        for &(action, ..) in spec::TABLE {
            let grant = spec::expected(role, action);
            let checked = |classroom| {
                app.allow(&me, action, Target::classroom(classroom))
                    .map_err(|f| f.code())
            };
            assert_eq!(
                checked(own).is_ok(),
                grant != Grant::No,
                "{role} {}",
                action.as_str()
            );
            assert_eq!(
                checked(other).is_ok(),
                grant == Grant::Yes || (grant == Grant::Own && role != StaffRole::Teacher),
                "{role} {} on another's classroom",
                action.as_str()
            );
            if let Some(done) = use_case(&mut app, &admin, &me, action, own) {
                assert_eq!(done, grant != Grant::No, "{role} doing {}", action.as_str());
            }
            if role == StaffRole::Teacher
                && grant == Grant::Own
                && let Some(done) = use_case(&mut app, &admin, &me, action, other)
            {
                assert!(
                    !done,
                    "a teacher doing {} in another's classroom",
                    action.as_str()
                );
            }
        }
    }
}

#[test]
fn a_refusal_says_what_and_why_in_the_persons_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    app.explore_as(StaffRole::Teacher).unwrap();
    let me = actor(&app);
    let refused = app.invoices(&me, &InvoiceQuery::default()).unwrap_err();
    let english = app.error(&refused);
    assert_eq!(english.code, "not-allowed");
    assert_eq!(english.message, "Your role does not give access to fees.");
    app.choose_language("ar").unwrap();
    // The window's messages isolate each part (bidi), which reads the same.
    let arabic = app
        .error(&refused)
        .message
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        arabic.contains("لا يتيح لك دورك الوصول إلى الرسوم"),
        "{arabic}"
    );
    app.choose_language("en").unwrap();

    let mine = app
        .classrooms(&actor(&app))
        .unwrap()
        .iter()
        .map(|c| c.classroom.id)
        .collect::<Vec<_>>();
    app.explore_as(StaffRole::Admin).unwrap();
    let stranger = app
        .classrooms(&actor(&app))
        .unwrap()
        .into_iter()
        .find(|c| !mine.contains(&c.classroom.id))
        .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 6).unwrap();
    let refused = app
        .register(&me, stranger.classroom.id, day, 0)
        .unwrap_err();
    assert_eq!(
        app.error(&refused)
            .message
            .replace(['\u{2068}', '\u{2069}'], ""),
        "Taking this register is only for your own classrooms."
    );
}
