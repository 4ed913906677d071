//! Classrooms and enrollment on a real data folder: placing students within a classroom's
//! capacity, opening next year like this one, promoting a classroom (some repeating, some
//! leaving) and graduating the last grade; new students with a guardian shared by siblings;
//! restoring a backup; a batch of report cards cancelled part way.

use std::path::Path;

use daftar_app::*;
use daftar_domain::*;
use daftar_i18n::Localizer;

/// The actor of the session the data folder opens now.
fn actor(app: &App) -> Actor {
    app.actor().unwrap()
}

fn demo(dir: &Path) -> App {
    let mut app = App::open(dir, Localizer::new("en", false).unwrap()).unwrap();
    app.create_demo(DemoOptions {
        students: 120,
        seed: 5,
        year_start: 2025,
        until: None,
    })
    .unwrap();
    app.explore_as(StaffRole::Admin).unwrap();
    app
}

fn classroom<'a>(view: &'a YearClassrooms, name: &str) -> &'a ClassroomSummary {
    view.classrooms
        .iter()
        .find(|c| c.classroom.name_en == name)
        .unwrap_or_else(|| panic!("no classroom {name}"))
}

fn new_student(number: &str, name: &str, phone: Option<&str>) -> NewStudent {
    NewStudent {
        admission_number: number.into(),
        name_ar: "سارة".into(),
        name_en: name.into(),
        gender: Gender::Female,
        birth_date: "١٥/٠٣/٢٠١٦".into(),
        national_id: String::new(),
        nationality: "ae".into(),
        classroom: None,
        guardian: phone.map(|phone| NewGuardian {
            name_ar: "ليلى".into(),
            name_en: "Layla".into(),
            phone: phone.into(),
            email: String::new(),
            address: String::new(),
            national_id: String::new(),
            relation: GuardianRelation::Mother,
        }),
    }
}

#[test]
fn new_students_are_created_placed_and_linked_to_a_guardian_their_siblings_share() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let number = app.next_admission_number(&actor(&app)).unwrap();
    assert_eq!(number, "100121", "after the demo's 100001..100120");
    let view = app.year_classrooms(&actor(&app), None).unwrap();
    let target = classroom(&view, "1A").clone();

    let mut input = new_student(&number, "Sara Haddad", Some("+971 50 123 4567"));
    input.classroom = Some(target.classroom.id);
    let sara = app.create_student(&actor(&app), &input).unwrap();
    assert_eq!(sara.student.birth_date.to_string(), "2016-03-15");
    assert_eq!(sara.student.nationality, "AE");
    assert_eq!(sara.guardians.len(), 1);
    assert!(sara.guardians[0].link.is_primary);
    assert_eq!(sara.enrollments.len(), 1);
    assert_eq!(
        sara.enrollments[0].enrollment.classroom_id,
        target.classroom.id
    );

    // A sibling with the same phone, spaced differently, shares the guardian on file.
    let brother = app
        .create_student(
            &actor(&app),
            &new_student(
                &app.next_admission_number(&actor(&app)).unwrap(),
                "Omar Haddad",
                Some("+97150 1234567"),
            ),
        )
        .unwrap();
    assert_eq!(
        brother.guardians[0].guardian.id,
        sara.guardians[0].guardian.id
    );

    // Each bad field is named, so the window shows the message beside it; nothing lands.
    let students = app
        .find_students(&actor(&app), &StudentSearch::default())
        .unwrap()
        .total;
    type Spoil = fn(&mut NewStudent);
    let cases: [(Spoil, &str); 5] = [
        (|s| s.name_en = "  ".into(), "name_en"),
        (|s| s.birth_date = "31/02/2016".into(), "birth_date"),
        (|s| s.nationality = "UAE".into(), "nationality"),
        (|s| s.admission_number = "100001".into(), "admission_number"),
        (
            |s| s.guardian.as_mut().unwrap().phone = "call me".into(),
            "guardian.phone",
        ),
    ];
    for (spoil, field) in cases {
        let mut bad = new_student("900001", "Bad", Some("+971 50 999 0000"));
        spoil(&mut bad);
        let error = app
            .call(|app| app.create_student(&app.actor()?, &bad))
            .unwrap_err();
        assert_eq!(error.field.as_deref(), Some(field), "{error:?}");
        assert!(!error.message.is_empty());
    }
    assert_eq!(
        app.find_students(&actor(&app), &StudentSearch::default())
            .unwrap()
            .total,
        students
    );

    // Another guardian for Sara; the first stays the primary one.
    let father = NewGuardian {
        name_ar: "يوسف".into(),
        name_en: "Yousef".into(),
        phone: "+971 55 765 4321".into(),
        email: "yousef@example.com".into(),
        address: String::new(),
        national_id: String::new(),
        relation: GuardianRelation::Father,
    };
    let sara = app
        .add_guardian(&actor(&app), &sara.student.id.to_string(), &father)
        .unwrap();
    assert_eq!(sara.guardians.len(), 2);
    assert_eq!(
        sara.guardians.iter().filter(|g| g.link.is_primary).count(),
        1
    );

    // Office staff may register students; teachers may not.
    app.explore_as(StaffRole::Teacher).unwrap();
    let refused = app
        .create_student(&actor(&app), &new_student("900002", "No", None))
        .unwrap_err();
    assert_eq!(refused.code(), "not-allowed");
}

#[test]
fn students_are_placed_within_capacity_and_moved_between_classrooms() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let view = app.year_classrooms(&actor(&app), None).unwrap();
    assert_eq!(view.unplaced, 0, "the demo places everyone");
    let first = classroom(&view, "1A").clone();

    let mut input = new_student("777001", "New One", None);
    let a = app.create_student(&actor(&app), &input).unwrap().student.id;
    input.admission_number = "777002".into();
    input.name_en = "New Two".into();
    let b = app.create_student(&actor(&app), &input).unwrap().student.id;
    assert_eq!(app.year_classrooms(&actor(&app), None).unwrap().unplaced, 2);
    let unplaced = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                unplaced_in: Some(view.year.id),
                ..Default::default()
            },
        )
        .unwrap();
    let mut found: Vec<_> = unplaced.items.iter().map(|h| h.id).collect();
    found.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(found, expected);

    let placed = app
        .assign_students(
            &actor(&app),
            &AssignInput {
                classroom: first.classroom.id,
                students: vec![a, b, a],
            },
        )
        .unwrap();
    assert_eq!(
        placed,
        Assigned {
            placed: 2,
            moved: 0,
            unchanged: 0
        }
    );
    assert_eq!(app.year_classrooms(&actor(&app), None).unwrap().unplaced, 0);
    let list = app.class_list(&actor(&app), first.classroom.id).unwrap();
    assert_eq!(list.len() as i64, first.students + 2);

    // Moving one to another classroom of the year.
    let other = classroom(&view, "2A").clone();
    let moved = app
        .assign_students(
            &actor(&app),
            &AssignInput {
                classroom: other.classroom.id,
                students: vec![a],
            },
        )
        .unwrap();
    assert_eq!(
        moved,
        Assigned {
            placed: 0,
            moved: 1,
            unchanged: 0
        }
    );
    let detail = app.student(&actor(&app), &a.to_string()).unwrap();
    assert_eq!(detail.enrollments.len(), 1, "one enrollment a year");
    assert_eq!(
        detail.enrollments[0].enrollment.classroom_id,
        other.classroom.id
    );

    // A classroom never holds more than its capacity: refused whole, nothing moved.
    let crowd: Vec<_> = app
        .find_students(
            &actor(&app),
            &StudentSearch {
                limit: 100,
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .iter()
        .map(|h| h.id)
        .collect();
    let failure = app
        .assign_students(
            &actor(&app),
            &AssignInput {
                classroom: first.classroom.id,
                students: crowd,
            },
        )
        .unwrap_err();
    assert_eq!(failure.code(), "classroom-full");
    assert_eq!(
        app.class_list(&actor(&app), first.classroom.id)
            .unwrap()
            .len(),
        list.len() - 1
    );
}

#[test]
fn next_year_opens_like_this_one_and_a_classroom_is_promoted_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let this_year = app.year_classrooms(&actor(&app), None).unwrap();
    assert!(this_year.next_year.is_none());
    let from = classroom(&this_year, "3A").clone();

    // Promotion needs next year first; office staff may not open it.
    assert_eq!(
        app.promotion_plan(&actor(&app), from.classroom.id)
            .unwrap_err()
            .code(),
        "no-next-year"
    );
    app.explore_as(StaffRole::Office).unwrap();
    assert_eq!(
        app.open_next_year(&actor(&app)).unwrap_err().code(),
        "not-allowed"
    );
    app.explore_as(StaffRole::Admin).unwrap();
    let next = app.open_next_year(&actor(&app)).unwrap();
    assert_eq!(next.year.name, "2026/2027");
    assert!(!next.year.is_current);
    assert_eq!(next.classrooms.len(), this_year.classrooms.len());
    assert!(next.classrooms.iter().all(|c| c.students == 0));
    assert_eq!(
        app.open_next_year(&actor(&app)).unwrap().year.id,
        next.year.id,
        "opened once"
    );
    let terms = app.store().terms(next.year.id).unwrap();
    assert_eq!(
        terms.len(),
        app.store().terms(this_year.year.id).unwrap().len()
    );

    // The plan: 3A goes to 4A; one student repeats in next year's 3A; one leaves.
    app.explore_as(StaffRole::Office).unwrap();
    let plan = app.promotion_plan(&actor(&app), from.classroom.id).unwrap();
    let four_a = classroom(&next, "4A").classroom.id;
    let three_a = classroom(&next, "3A").classroom.id;
    assert_eq!(plan.proposed, Some(four_a));
    assert_eq!(plan.repeat_in, Some(three_a));
    assert!(!plan.final_grade);
    assert_eq!(plan.targets[0].grade.ordinal, 4, "the next grade's first");
    assert_eq!(plan.students.len() as i64, from.students);
    let repeating = plan.students[0].member.student_id;
    let leaving = plan.students[1].member.student_id;
    let promoted = app
        .promote(
            &actor(&app),
            &PromotionInput {
                classroom: from.classroom.id,
                target: plan.proposed,
                repeat: vec![repeating],
                skip: vec![leaving],
            },
        )
        .unwrap();
    assert_eq!(promoted.promoted as i64, from.students - 2);
    assert_eq!(promoted.repeating, 1);
    assert_eq!(promoted.skipped, 1);
    let after = app
        .year_classrooms(&actor(&app), Some(next.year.id))
        .unwrap();
    assert_eq!(classroom(&after, "4A").students, from.students - 2);
    assert_eq!(classroom(&after, "3A").students, 1);
    assert_eq!(
        after.unplaced,
        this_year_students(&mut app) - (from.students - 1)
    );
    let history = app
        .student(&actor(&app), &repeating.to_string())
        .unwrap()
        .enrollments;
    assert_eq!(history.len(), 2, "this year's and next year's");

    // Again, now everyone goes up: the one repeating is moved, nobody is doubled.
    let again = app
        .promote(
            &actor(&app),
            &PromotionInput {
                classroom: from.classroom.id,
                target: Some(four_a),
                repeat: vec![],
                skip: vec![],
            },
        )
        .unwrap();
    assert_eq!(again.promoted as i64, from.students);
    let after = app
        .year_classrooms(&actor(&app), Some(next.year.id))
        .unwrap();
    assert_eq!(classroom(&after, "4A").students, from.students);
    assert_eq!(classroom(&after, "3A").students, 0);

    // The last grade graduates.
    let last = this_year
        .classrooms
        .iter()
        .max_by_key(|c| c.grade.ordinal)
        .unwrap()
        .clone();
    let plan = app.promotion_plan(&actor(&app), last.classroom.id).unwrap();
    assert!(plan.final_grade && plan.proposed.is_none());
    let done = app
        .promote(
            &actor(&app),
            &PromotionInput {
                classroom: last.classroom.id,
                target: None,
                repeat: vec![],
                skip: vec![],
            },
        )
        .unwrap();
    assert_eq!(done.graduated as i64, last.students);
    let graduate = app
        .student(
            &actor(&app),
            &plan.students[0].member.student_id.to_string(),
        )
        .unwrap();
    assert_eq!(graduate.student.status, StudentStatus::Graduated);
    // A class that is not the last grade's needs somewhere to go.
    let missing = app
        .promote(
            &actor(&app),
            &PromotionInput {
                classroom: from.classroom.id,
                target: None,
                repeat: vec![],
                skip: vec![],
            },
        )
        .unwrap_err();
    assert_eq!(missing.code(), "field-required");

    // At the year's turn an administrator makes next year current.
    app.explore_as(StaffRole::Admin).unwrap();
    app.make_year_current(&actor(&app), next.year.id).unwrap();
    assert_eq!(app.current_year().unwrap().id, next.year.id);
    assert_eq!(
        app.year_classrooms(&actor(&app), None).unwrap().year.id,
        next.year.id
    );
}

fn this_year_students(app: &mut App) -> i64 {
    app.find_students(
        &actor(app),
        &StudentSearch {
            status: Some(StudentStatus::Active),
            ..Default::default()
        },
    )
    .unwrap()
    .total
}

#[test]
fn a_backup_is_restored_and_the_school_as_it_was_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path());
    let taken = app.backup_now().unwrap();
    let name = Path::new(&taken)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let edited = app
        .edit_student(
            &actor(&app),
            "100001",
            &[("name_en".into(), "Changed After".into())],
        )
        .unwrap();
    assert_eq!(edited.student.name_en, "Changed After");
    let hlc = app.store().last_hlc();

    // Office staff may not; an unknown name is refused.
    app.explore_as(StaffRole::Office).unwrap();
    assert_eq!(
        app.restore_backup(&actor(&app), &name).unwrap_err().code(),
        "not-allowed"
    );
    app.explore_as(StaffRole::Admin).unwrap();
    assert_eq!(
        app.restore_backup(&actor(&app), "../daftar.sqlite3")
            .unwrap_err()
            .code(),
        "storage"
    );

    app.restore_backup(&actor(&app), &name).unwrap();
    let back = app.student(&actor(&app), "100001").unwrap();
    assert_ne!(back.student.name_en, "Changed After");
    assert!(
        app.store().last_hlc() >= hlc,
        "the device's clock never goes back"
    );
    // The school as it was before the restore is itself a backup now.
    let backups = app.backups().unwrap();
    assert_eq!(backups.len(), 2, "{backups:?}");
    assert!(!dir.path().join("backups/restoring.sqlite3.tmp").exists());
    // Writing goes on normally after it.
    app.edit_student(
        &actor(&app),
        "100001",
        &[("name_en".into(), "After Restore".into())],
    )
    .unwrap();
    // And reopening the folder finds the restored school.
    drop(app);
    let app = App::open(dir.path(), Localizer::new("en", false).unwrap()).unwrap();
    assert_eq!(
        app.student(&actor(&app), "100001").unwrap().student.name_en,
        "After Restore"
    );
}

#[test]
fn a_cancelled_batch_of_report_cards_leaves_no_files() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(dir.path());
    drop(app);
    let desktop = Desktop::open(dir.path()).unwrap();
    desktop.explore_as(StaffRole::Admin).unwrap();
    let printed = desktop.print_term_cards("1").unwrap();
    let classrooms = desktop.call(|app, me| app.classrooms(me)).unwrap().len();
    assert_eq!(printed.files.len(), classrooms);
    assert!(printed.files.iter().all(|f| f.exists()));
    assert_eq!(desktop.work_progress(), None, "ended");

    // Cancelled from another thread while it runs: stopped between classrooms, its files
    // removed; those of the finished batch stay.
    for file in &printed.files {
        std::fs::remove_file(file).unwrap();
    }
    std::thread::scope(|scope| {
        let run = scope.spawn(|| desktop.print_term_cards("1"));
        while desktop.work_progress().is_none_or(|p| p.done < 2) {
            std::thread::yield_now();
        }
        assert!(desktop.cancel_work());
        let error = run.join().unwrap().unwrap_err();
        assert_eq!(error.code, "cancelled");
    });
    assert!(printed.files.iter().all(|f| !f.exists()));
    assert_eq!(desktop.work_progress(), None);
}

#[test]
fn an_import_from_the_window_reports_progress_and_a_cancel_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let desktop = Desktop::open(dir.path()).unwrap();
    let mut text = CANONICAL_HEADER.join(",") + "\n";
    for n in 0..3000 {
        text.push_str(&format!(
            "{},طالب {n},Student {n},female,2015-01-01,,AE,,,Parent {n},+971 50 {n:07}\n",
            800_000 + n
        ));
    }
    let before = desktop
        .call(|app, me| app.find_students(me, &StudentSearch::default()))
        .unwrap()
        .total;

    std::thread::scope(|scope| {
        let run = scope.spawn(|| {
            desktop.call_work(|app, me, work| {
                app.import_students(me, "new.csv", &text, &ImportOptions::skipping(false), work)
            })
        });
        while desktop.work_progress().is_none_or(|p| p.done < 50) {
            std::thread::yield_now();
        }
        let progress = desktop.work_progress().unwrap();
        assert_eq!((progress.task.as_str(), progress.total), ("import", 3000));
        assert!(desktop.cancel_work());
        assert_eq!(run.join().unwrap().unwrap_err().code, "cancelled");
    });
    let after = |d: &Desktop| {
        d.call(|app, me| app.find_students(me, &StudentSearch::default()))
            .unwrap()
            .total
    };
    assert_eq!(after(&desktop), before, "a cancelled import writes nothing");
    assert_eq!(desktop.work_progress(), None);

    let report = desktop
        .call_work(|app, me, work| {
            app.import_students(me, "new.csv", &text, &ImportOptions::skipping(false), work)
        })
        .unwrap();
    assert_eq!(report.created, 3000);
    assert_eq!(after(&desktop), before + 3000);
}
