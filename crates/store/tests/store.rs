//! The store against a real SQLite file: migrations, change capture, atomicity, validation
//! and search.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use daftar_domain::*;
use daftar_store::*;
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct School {
    _dir: tempfile::TempDir,
    store: Store,
    user: Uuid,
    year: AcademicYear,
    term: Term,
    class_a: Classroom,
    class_b: Classroom,
    subject: Subject,
    assessment: Assessment,
    sara: Student,
    omar: Student,
    invoice: Invoice,
}

fn student(number: &str, ar: &str, en: &str, gender: Gender) -> Student {
    Student {
        id: new_id(),
        admission_number: number.into(),
        name_ar: ar.into(),
        name_en: en.into(),
        gender,
        birth_date: d(2014, 5, 1),
        national_id: None,
        nationality: "AE".into(),
        status: StudentStatus::Active,
    }
}

/// A small school: one year (Sunday to Thursday, with a holiday), two classrooms, two
/// students in 5A, one assessment out of 20 and one invoice of 1000.
fn school() -> School {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("school.sqlite3"), Arc::new(SystemClock)).unwrap();
    let user = new_id();
    let year = AcademicYear {
        id: new_id(),
        name: "2025/2026".into(),
        start_date: d(2025, 8, 31),
        end_date: d(2026, 6, 30),
        school_week: SchoolWeek::GULF,
        is_current: true,
    };
    let term = Term {
        id: new_id(),
        year_id: year.id,
        ordinal: 1,
        name_ar: "الفصل الأول".into(),
        name_en: "First semester".into(),
        start_date: d(2025, 8, 31),
        end_date: d(2026, 1, 15),
        marks_locked: false,
    };
    let grade = GradeLevel {
        id: new_id(),
        ordinal: 5,
        name_ar: "الصف الخامس".into(),
        name_en: "Grade 5".into(),
    };
    let classroom = |name_en: &str, name_ar: &str| Classroom {
        id: new_id(),
        year_id: year.id,
        grade_id: grade.id,
        name_ar: name_ar.into(),
        name_en: name_en.into(),
        homeroom_teacher_id: None,
        capacity: 30,
        room: None,
    };
    let class_a = classroom("5A", "٥ أ");
    let class_b = classroom("5B", "٥ ب");
    let subject = Subject {
        id: new_id(),
        code: "MATH".into(),
        name_ar: "الرياضيات".into(),
        name_en: "Mathematics".into(),
        weight: 1.0,
        grade_ids: String::new(),
    };
    let assessment = Assessment {
        id: new_id(),
        classroom_id: class_a.id,
        subject_id: subject.id,
        term_id: term.id,
        name_ar: "اختبار قصير".into(),
        name_en: "Quiz 1".into(),
        total: 20.0,
        weight: 25.0,
        date: d(2025, 10, 5),
    };
    let sara = student("S-1001", "سَارَة أحمد", "Sara Ahmed", Gender::Female);
    let omar = student("S-1002", "عُمَر إبراهيم", "Omar Ibrahim", Gender::Male);
    let invoice = Invoice {
        id: new_id(),
        number: "INV-1".into(),
        student_id: sara.id,
        year_id: year.id,
        fee_structure_id: None,
        description: "Tuition".into(),
        amount: 1000,
        issued_on: d(2025, 9, 1),
        due_on: d(2025, 10, 1),
        plan_id: None,
        instalment: 0,
        vat_amount: 0,
        voided_on: None,
        void_reason: None,
    };
    store
        .write(user, |w| {
            w.save_year(&year)?;
            w.save_term(&term)?;
            w.save_holiday(&Holiday {
                id: new_id(),
                year_id: year.id,
                name_ar: "اليوم الوطني".into(),
                name_en: "National Day".into(),
                start_date: d(2025, 12, 2),
                end_date: d(2025, 12, 3),
            })?;
            w.save_grade(&grade)?;
            w.save_classroom(&class_a)?;
            w.save_classroom(&class_b)?;
            w.save_subject(&subject)?;
            w.save_assessment(&assessment)?;
            for s in [&sara, &omar] {
                w.create_student(s)?;
                w.enroll(&Enrollment::new(s.id, year.id, class_a.id, d(2025, 8, 31)))?;
            }
            w.save_invoice(&invoice)?;
            Ok(())
        })
        .unwrap();
    School {
        _dir: dir,
        store,
        user,
        year,
        term,
        class_a,
        class_b,
        subject,
        assessment,
        sara,
        omar,
        invoice,
    }
}

fn attendance(
    student: Uuid,
    classroom: Uuid,
    date: NaiveDate,
    status: AttendanceStatus,
) -> Attendance {
    Attendance {
        id: Attendance::natural_id(student, date, 0),
        student_id: student,
        classroom_id: classroom,
        date,
        period: 0,
        status,
        taken_by: Uuid::nil(),
        taken_at: Utc::now(),
        note: None,
    }
}

fn result(s: &School, student: Uuid, mark: Option<f64>) -> AssessmentResult {
    AssessmentResult {
        id: AssessmentResult::natural_id(s.assessment.id, student),
        assessment_id: s.assessment.id,
        student_id: student,
        mark,
        remark: None,
    }
}

fn code(e: StoreError) -> &'static str {
    e.code()
}

// ---- migrations -------------------------------------------------------------------------

#[test]
fn an_empty_database_migrates_to_every_table_the_domain_declares() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    drop(Store::open(&path, Arc::new(SystemClock)).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    for table in daftar_domain::entities::TABLES {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                table.name
            ))
            .unwrap();
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for column in table.columns {
            assert!(
                columns.contains(&column.name.to_string()),
                "{}.{}",
                table.name,
                column.name
            );
        }
        for sync in ["version", "col_versions", "hlc", "updated_by", "deleted"] {
            assert!(columns.contains(&sync.to_string()), "{}.{sync}", table.name);
        }
        let declared = table.columns.len()
            + 5
            + usize::from(["students", "guardians", "staff"].contains(&table.name));
        assert_eq!(
            columns.len(),
            declared,
            "{} has columns the domain does not know",
            table.name
        );
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite3");
    drop(Store::open(&path, Arc::new(SystemClock)).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let err = Store::open(&path, Arc::new(SystemClock)).unwrap_err();
    assert_eq!(err.code(), "newer-database");
    assert!(
        matches!(err, StoreError::NewerDatabase { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION + 1);
}

#[test]
fn reopening_keeps_the_device_and_a_clock_that_only_moves_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("school.sqlite3");
    let clock = Arc::new(ManualClock::new(5_000_000));
    let mut store = Store::open(&path, clock.clone()).unwrap();
    let device = store.device_id();
    store
        .write(Uuid::nil(), |w| {
            w.save_grade(&GradeLevel {
                id: new_id(),
                ordinal: 1,
                name_ar: "أ".into(),
                name_en: "A".into(),
            })
        })
        .unwrap();
    let before = store.last_hlc();
    drop(store);
    clock.set(1_000); // the PC's clock was set back
    let mut store = Store::open(&path, clock).unwrap();
    assert_eq!(store.device_id(), device);
    assert_eq!(store.last_hlc(), before);
    store
        .write(Uuid::nil(), |w| {
            w.save_grade(&GradeLevel {
                id: new_id(),
                ordinal: 2,
                name_ar: "ب".into(),
                name_en: "B".into(),
            })
        })
        .unwrap();
    assert!(store.last_hlc() > before);
}

// ---- change capture ------------------------------------------------------------------------

#[test]
fn every_write_records_exactly_one_outbox_entry_with_the_changed_columns() {
    let mut s = school();
    let before = s.store.outbox_len().unwrap();
    let student = student("S-2000", "ليلى", "Layla", Gender::Female);
    let change = s
        .store
        .write(s.user, |w| w.create_student(&student))
        .unwrap();
    assert_eq!(change, Change::Inserted);
    assert_eq!(s.store.outbox_len().unwrap(), before + 1);
    let entry = s.store.outbox(10_000).unwrap().pop().unwrap();
    assert_eq!(
        (entry.table.as_str(), entry.row_id, entry.base_version),
        ("students", student.id, 0)
    );
    assert_eq!(entry.changes["name_ar"], "ليلى");
    assert_eq!(
        entry.changes.len(),
        Student::COLUMNS.len() - 1,
        "every column but the id"
    );
    assert_eq!(
        (entry.user_id, entry.device_id),
        (s.user, s.store.device_id())
    );

    let mut edited = student.clone();
    edited.name_en = "Laila".into();
    assert_eq!(
        s.store
            .write(s.user, |w| w.update_student(&edited))
            .unwrap(),
        Change::Updated
    );
    let entry = s.store.outbox(10_000).unwrap().pop().unwrap();
    assert_eq!(entry.changes.len(), 1);
    assert_eq!(entry.changes["name_en"], "Laila");
    assert_eq!(s.store.outbox_len().unwrap(), before + 2);

    // Writing the same values again changes nothing and records nothing.
    assert_eq!(
        s.store
            .write(s.user, |w| w.update_student(&edited))
            .unwrap(),
        Change::Unchanged
    );
    assert_eq!(s.store.outbox_len().unwrap(), before + 2);

    assert_eq!(
        s.store
            .write(s.user, |w| w.delete::<Student>(student.id))
            .unwrap(),
        Change::Deleted
    );
    let entry = s.store.outbox(10_000).unwrap().pop().unwrap();
    assert_eq!(entry.changes["deleted"], true);
    assert_eq!(s.store.outbox_len().unwrap(), before + 3);
    assert!(s.store.find::<Student>(student.id).unwrap().is_none());
    let (version, hlc, updated_by, deleted) = s
        .store
        .sync_state(entities::table("students").unwrap(), student.id)
        .unwrap()
        .unwrap();
    assert_eq!(version, 0);
    assert_eq!(hlc, entry.hlc);
    assert_eq!(updated_by, format!("{}/{}", s.user, s.store.device_id()));
    assert!(deleted, "a delete leaves a tombstone");
}

#[test]
fn a_failed_write_leaves_neither_rows_nor_outbox_entries() {
    let mut s = school();
    let outbox = s.store.outbox_len().unwrap();
    let students = s.store.count(entities::table("students").unwrap()).unwrap();
    let newcomer = student("S-3000", "نور", "Nour", Gender::Female);
    let too_high = result(&s, s.sara.id, Some(25.0));
    let err = s
        .store
        .write(s.user, |w| {
            w.create_student(&newcomer)?;
            w.save_result(&too_high)
        })
        .unwrap_err();
    assert_eq!(code(err), "mark-out-of-range");
    assert_eq!(s.store.outbox_len().unwrap(), outbox);
    assert_eq!(
        s.store.count(entities::table("students").unwrap()).unwrap(),
        students
    );
    assert!(s.store.find::<Student>(newcomer.id).unwrap().is_none());
}

#[test]
fn hlc_stamps_increase_across_writes() {
    let mut s = school();
    let entries = s.store.outbox(10_000).unwrap();
    let stamps: Vec<Hlc> = entries.iter().map(|e| e.hlc.parse().unwrap()).collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]));
    let last = s.store.last_hlc();
    let mark = result(&s, s.sara.id, Some(18.0));
    s.store.write(s.user, |w| w.save_result(&mark)).unwrap();
    assert!(s.store.last_hlc() > last);
}

// ---- validation ----------------------------------------------------------------------------

#[test]
fn marks_above_the_total_or_below_zero_are_refused() {
    let mut s = school();
    let [above, below, full, none] =
        [Some(20.5), Some(-0.5), Some(20.0), None].map(|m| result(&s, s.sara.id, m));
    assert_eq!(
        code(
            s.store
                .write(s.user, |w| w.save_result(&above))
                .unwrap_err()
        ),
        "mark-out-of-range"
    );
    assert_eq!(
        code(
            s.store
                .write(s.user, |w| w.save_result(&below))
                .unwrap_err()
        ),
        "mark-out-of-range"
    );
    assert_eq!(
        s.store.write(s.user, |w| w.save_result(&full)).unwrap(),
        Change::Inserted
    );
    assert_eq!(
        s.store.write(s.user, |w| w.save_result(&none)).unwrap(),
        Change::Updated
    );
}

#[test]
fn attendance_for_a_student_not_enrolled_in_that_classroom_is_refused() {
    let mut s = school();
    let monday = d(2025, 10, 6);
    let err = s
        .store
        .write(s.user, |w| {
            w.save_attendance(&attendance(
                s.sara.id,
                s.class_b.id,
                monday,
                AttendanceStatus::Present,
            ))
        })
        .unwrap_err();
    assert_eq!(code(err), "student-not-enrolled");
    // Enrolled from later in the year: not yet on that date.
    let late_joiner = student("S-4000", "يوسف", "Yousef", Gender::Male);
    s.store
        .write(s.user, |w| {
            w.create_student(&late_joiner)?;
            w.enroll(&Enrollment::new(
                late_joiner.id,
                s.year.id,
                s.class_a.id,
                d(2025, 11, 2),
            ))
        })
        .unwrap();
    let err = s
        .store
        .write(s.user, |w| {
            w.save_attendance(&attendance(
                late_joiner.id,
                s.class_a.id,
                monday,
                AttendanceStatus::Present,
            ))
        })
        .unwrap_err();
    assert_eq!(code(err), "student-not-enrolled");
    assert!(
        s.store
            .write(s.user, |w| w.save_attendance(&attendance(
                s.sara.id,
                s.class_a.id,
                monday,
                AttendanceStatus::Present
            )))
            .is_ok()
    );
}

#[test]
fn attendance_outside_the_year_on_weekends_and_on_holidays_is_refused() {
    let mut s = school();
    let cases = [
        (d(2026, 7, 5), "date-outside-year"),
        (d(2025, 8, 28), "date-outside-year"),
        (d(2025, 10, 10), "not-a-school-day"), // a Friday
        (d(2025, 10, 11), "not-a-school-day"), // a Saturday
        (d(2025, 12, 2), "school-holiday"),
    ];
    for (date, expected) in cases {
        let err = s
            .store
            .write(s.user, |w| {
                w.save_attendance(&attendance(
                    s.sara.id,
                    s.class_a.id,
                    date,
                    AttendanceStatus::Absent,
                ))
            })
            .unwrap_err();
        assert_eq!(code(err), expected, "{date}");
    }
    assert_eq!(
        s.store.outbox_len().unwrap(),
        s.store.outbox(100_000).unwrap().len() as i64
    );
}

#[test]
fn attendance_with_an_id_other_than_its_natural_key_is_refused() {
    let mut s = school();
    let mut record = attendance(
        s.sara.id,
        s.class_a.id,
        d(2025, 10, 6),
        AttendanceStatus::Late,
    );
    record.id = new_id();
    assert_eq!(
        code(
            s.store
                .write(s.user, |w| w.save_attendance(&record))
                .unwrap_err()
        ),
        "invalid-format"
    );
}

#[test]
fn a_duplicate_admission_number_is_refused_on_create_and_on_edit() {
    let mut s = school();
    let copy = student("S-1001", "آخر", "Another", Gender::Male);
    let err = s
        .store
        .write(s.user, |w| w.create_student(&copy))
        .unwrap_err();
    assert!(matches!(&err, StoreError::DuplicateAdmissionNumber { number } if number == "S-1001"));
    let mut omar = s.omar.clone();
    omar.admission_number = "S-1001".into();
    assert_eq!(
        code(
            s.store
                .write(s.user, |w| w.update_student(&omar))
                .unwrap_err()
        ),
        "duplicate-admission-number"
    );
    // Keeping one's own number is no duplicate.
    let mut sara = s.sara.clone();
    sara.name_en = "Sarah Ahmed".into();
    assert_eq!(
        s.store.write(s.user, |w| w.update_student(&sara)).unwrap(),
        Change::Updated
    );
}

#[test]
fn a_second_enrollment_in_the_same_year_is_refused() {
    let mut s = school();
    let err = s
        .store
        .write(s.user, |w| {
            w.enroll(&Enrollment::new(
                s.sara.id,
                s.year.id,
                s.class_b.id,
                d(2025, 9, 1),
            ))
        })
        .unwrap_err();
    assert_eq!(code(err), "duplicate-enrollment");
    // Moving her to 5B is an update of the one enrollment.
    let mut moved = s
        .store
        .find::<Enrollment>(Enrollment::natural_id(s.sara.id, s.year.id))
        .unwrap()
        .unwrap();
    moved.classroom_id = s.class_b.id;
    assert_eq!(
        s.store
            .write(s.user, |w| w.update_enrollment(&moved))
            .unwrap(),
        Change::Updated
    );
}

#[test]
fn a_payment_above_the_invoice_balance_is_refused() {
    let mut s = school();
    let payment = |amount| Payment {
        id: new_id(),
        receipt_number: format!("R-{amount}"),
        invoice_id: s.invoice.id,
        amount,
        paid_on: d(2025, 9, 10),
        method: PaymentMethod::Cash,
        received_by: Uuid::nil(),
        reference: None,
        cheque_bank: None,
        cheque_date: None,
        surplus: 0,
    };
    s.store
        .write(s.user, |w| w.record_payment(&payment(600)))
        .unwrap();
    assert_eq!(s.store.invoice_balance(s.invoice.id).unwrap(), 400);
    let err = s
        .store
        .write(s.user, |w| w.record_payment(&payment(401)))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Invalid(DomainError::PaymentAboveBalance {
            amount: 401,
            balance: 400
        })
    ));
    assert_eq!(
        code(
            s.store
                .write(s.user, |w| w.record_payment(&payment(0)))
                .unwrap_err()
        ),
        "amount-not-positive"
    );
    s.store
        .write(s.user, |w| w.record_payment(&payment(400)))
        .unwrap();
    assert_eq!(s.store.invoice_balance(s.invoice.id).unwrap(), 0);
    let mut smaller = s.invoice.clone();
    smaller.amount = 900;
    assert_eq!(
        code(
            s.store
                .write(s.user, |w| w.save_invoice(&smaller))
                .unwrap_err()
        ),
        "payment-above-balance"
    );
}

#[test]
fn unknown_ids_are_refused() {
    let mut s = school();
    let ghost = new_id();
    assert_eq!(
        code(s.store.get::<Student>(ghost).unwrap_err()),
        "not-found"
    );
    let err = s
        .store
        .write(s.user, |w| {
            w.enroll(&Enrollment::new(
                ghost,
                s.year.id,
                s.class_a.id,
                d(2025, 9, 1),
            ))
        })
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::NotFound {
            entity: "students",
            ..
        }
    ));
    let mut room = s.class_a.clone();
    room.id = new_id();
    room.grade_id = ghost;
    assert!(matches!(
        s.store
            .write(s.user, |w| w.save_classroom(&room))
            .unwrap_err(),
        StoreError::NotFound {
            entity: "grade_levels",
            ..
        }
    ));
    let mut a = s.assessment.clone();
    a.subject_id = ghost;
    assert!(matches!(
        s.store
            .write(s.user, |w| w.save_assessment(&a))
            .unwrap_err(),
        StoreError::NotFound {
            entity: "subjects",
            ..
        }
    ));
    let mut sara = s.sara.clone();
    sara.id = ghost;
    sara.admission_number = "S-9".into();
    assert!(matches!(
        s.store
            .write(s.user, |w| w.update_student(&sara))
            .unwrap_err(),
        StoreError::NotFound { .. }
    ));
    assert_eq!(
        code(
            s.store
                .write(s.user, |w| w.delete::<Invoice>(ghost))
                .unwrap_err()
        ),
        "not-found"
    );
    let _ = (&s.term, &s.subject);
}

#[test]
fn re_saving_a_register_with_the_same_marks_records_nothing_new() {
    let mut s = school();
    let day = d(2025, 10, 7);
    let marks = [
        (s.sara.id, AttendanceStatus::Present),
        (s.omar.id, AttendanceStatus::Absent),
    ];
    let save = |store: &mut Store, marks: &[(Uuid, AttendanceStatus)]| {
        store
            .write(Uuid::nil(), |w| {
                marks
                    .iter()
                    .map(|(id, st)| w.save_attendance(&attendance(*id, s.class_a.id, day, *st)))
                    .collect::<Result<Vec<_>>>()
            })
            .unwrap()
    };
    assert_eq!(
        save(&mut s.store, &marks),
        vec![Change::Inserted, Change::Inserted]
    );
    let outbox = s.store.outbox_len().unwrap();
    // taken_at differs on every save, so an unchanged register still re-stamps it; only a
    // status change matters to the person.
    let changes = save(
        &mut s.store,
        &[
            (s.sara.id, AttendanceStatus::Present),
            (s.omar.id, AttendanceStatus::Late),
        ],
    );
    assert_eq!(changes, vec![Change::Updated, Change::Updated]);
    assert_eq!(s.store.outbox_len().unwrap(), outbox + 2);
    let roster = s.store.roster(s.class_a.id, day, 0).unwrap();
    let omar = roster.iter().find(|r| r.student_id == s.omar.id).unwrap();
    assert_eq!(omar.status, Some(AttendanceStatus::Late));
}

// ---- search --------------------------------------------------------------------------------

fn names(page: &Page<StudentHit>) -> Vec<&str> {
    page.items.iter().map(|h| h.name_en.as_str()).collect()
}

fn find(s: &School, text: &str) -> Page<StudentHit> {
    s.store
        .search_students(
            &SearchQuery {
                text: text.into(),
                limit: 50,
                offset: 0,
            },
            &StudentFilter::default(),
            Sort::NameEn,
            false,
        )
        .unwrap()
}

#[test]
fn search_finds_arabic_names_with_or_without_tashkeel_and_hamza() {
    let mut s = school();
    s.store
        .write(s.user, |w| {
            w.create_student(&student(
                "S-1003",
                "أحمد محمود",
                "Ahmad Mahmoud",
                Gender::Male,
            ))?;
            w.create_student(&student(
                "S-1004",
                "فاطِمة الزَّهراء",
                "Fatima Alzahraa",
                Gender::Female,
            ))?;
            w.create_student(&student("S-1005", "مصطفى", "Mostafa", Gender::Male))
        })
        .unwrap();
    assert_eq!(names(&find(&s, "ساره")), ["Sara Ahmed"]); // typed without tashkeel, ة as ه
    assert_eq!(names(&find(&s, "سَارَة")), ["Sara Ahmed"]);
    assert_eq!(names(&find(&s, "احمد")), ["Ahmad Mahmoud", "Sara Ahmed"]); // أحمد typed as احمد
    assert_eq!(names(&find(&s, "ابراهيم")), ["Omar Ibrahim"]); // إبراهيم
    assert_eq!(names(&find(&s, "فاطمه")), ["Fatima Alzahraa"]);
    assert_eq!(names(&find(&s, "الزهراء")), ["Fatima Alzahraa"]);
    assert_eq!(names(&find(&s, "مصطفي")), ["Mostafa"]); // ى typed as ي
    // The stored names are exactly as typed.
    let fatima = find(&s, "fatima").items.pop().unwrap();
    assert_eq!(fatima.name_ar, "فاطِمة الزَّهراء");
}

#[test]
fn search_matches_latin_names_mixed_scripts_numbers_and_short_prefixes() {
    let mut s = school();
    let mut zoe = student("S-1010", "زوي", "Zoë Müller", Gender::Female);
    zoe.national_id = Some("784-2014-1234567-1".into());
    s.store.write(s.user, |w| w.create_student(&zoe)).unwrap();
    assert_eq!(names(&find(&s, "zoe muller")), ["Zoë Müller"]);
    assert_eq!(names(&find(&s, "ZOE")), ["Zoë Müller"]);
    assert_eq!(names(&find(&s, "omar إبراهيم")), ["Omar Ibrahim"]); // mixed scripts
    assert_eq!(names(&find(&s, "S-1002")), ["Omar Ibrahim"]); // admission number
    assert_eq!(names(&find(&s, "١٠٠٢")), ["Omar Ibrahim"]); // in Arabic-Indic digits
    assert_eq!(names(&find(&s, "1234567")), ["Zoë Müller"]); // national id
    assert_eq!(names(&find(&s, "om")), ["Omar Ibrahim"]); // two letters: a word prefix
    assert_eq!(names(&find(&s, "ع")), ["Omar Ibrahim"]);
    assert!(find(&s, "xyzzy").items.is_empty());
    assert_eq!(find(&s, "").total, 3);
}

#[test]
fn search_filters_sorts_and_paginates() {
    let mut s = school();
    let mut kids = Vec::new();
    for i in 0..25 {
        let mut k = student(
            &format!("K-{i:03}"),
            &format!("طالب {i}"),
            &format!("Pupil {i:02}"),
            if i % 2 == 0 {
                Gender::Male
            } else {
                Gender::Female
            },
        );
        if i == 3 {
            k.status = StudentStatus::Withdrawn;
            k.nationality = "SA".into();
        }
        kids.push(k);
    }
    s.store
        .write(s.user, |w| {
            for k in &kids {
                w.create_student(k)?;
                w.enroll(&Enrollment::new(
                    k.id,
                    s.year.id,
                    s.class_b.id,
                    d(2025, 9, 1),
                ))?;
            }
            Ok(())
        })
        .unwrap();
    let query = |text: &str, limit, offset| SearchQuery {
        text: text.into(),
        limit,
        offset,
    };
    let in_b = StudentFilter {
        classroom_id: Some(s.class_b.id),
        ..Default::default()
    };
    let page = s
        .store
        .search_students(&query("", 10, 0), &in_b, Sort::NameEn, false)
        .unwrap();
    assert_eq!((page.total, page.items.len()), (25, 10));
    assert_eq!(page.items[0].name_en, "Pupil 00");
    assert_eq!(page.items[0].classroom_en.as_deref(), Some("5B"));
    let last = s
        .store
        .search_students(&query("", 10, 20), &in_b, Sort::NameEn, false)
        .unwrap();
    assert_eq!(
        names(&last),
        ["Pupil 20", "Pupil 21", "Pupil 22", "Pupil 23", "Pupil 24"]
    );
    let beyond = s
        .store
        .search_students(&query("", 10, 40), &in_b, Sort::NameEn, false)
        .unwrap();
    assert_eq!((beyond.total, beyond.items.len()), (25, 0));
    let desc = s
        .store
        .search_students(&query("pupil", 3, 0), &in_b, Sort::AdmissionNumber, true)
        .unwrap();
    assert_eq!(names(&desc), ["Pupil 24", "Pupil 23", "Pupil 22"]);
    let girls = StudentFilter {
        gender: Some(Gender::Female),
        classroom_id: Some(s.class_b.id),
        ..Default::default()
    };
    assert_eq!(
        s.store
            .search_students(&query("", 50, 0), &girls, Sort::NameEn, false)
            .unwrap()
            .total,
        12
    );
    let withdrawn = StudentFilter {
        status: Some(StudentStatus::Withdrawn),
        ..Default::default()
    };
    assert_eq!(
        names(
            &s.store
                .search_students(&query("", 50, 0), &withdrawn, Sort::NameEn, false)
                .unwrap()
        ),
        ["Pupil 03"]
    );
    let saudi = StudentFilter {
        nationality: Some("sa".into()),
        ..Default::default()
    };
    assert_eq!(
        s.store
            .search_students(&query("", 50, 0), &saudi, Sort::NameEn, false)
            .unwrap()
            .total,
        1
    );
    let grade = s.store.classrooms(s.year.id).unwrap()[0].grade.id;
    let by_grade = StudentFilter {
        grade_id: Some(grade),
        ..Default::default()
    };
    assert_eq!(
        s.store
            .search_students(&query("", 50, 0), &by_grade, Sort::NameEn, false)
            .unwrap()
            .total,
        27
    );
    let arabic_sorted = s
        .store
        .search_students(
            &query("", 3, 0),
            &StudentFilter::default(),
            Sort::NameAr,
            false,
        )
        .unwrap();
    assert_eq!(arabic_sorted.items[0].name_ar, "سَارَة أحمد");
}

#[test]
fn renaming_a_student_updates_the_search_index() {
    let mut s = school();
    let mut omar = s.omar.clone();
    omar.name_ar = "عمرو".into();
    omar.name_en = "Amr".into();
    s.store.write(s.user, |w| w.update_student(&omar)).unwrap();
    assert!(find(&s, "omar").items.is_empty());
    assert_eq!(names(&find(&s, "عمرو")), ["Amr"]);
    s.store
        .write(s.user, |w| w.delete::<Student>(omar.id))
        .unwrap();
    assert!(find(&s, "amr").items.is_empty());
}

#[test]
fn guardians_and_staff_are_searchable() {
    let mut s = school();
    let guardian = Guardian {
        id: new_id(),
        name_ar: "خالد الهاشمي".into(),
        name_en: "Khalid Al Hashimi".into(),
        phone: "+971 50 111 2222".into(),
        email: None,
        address: None,
        national_id: None,
        preferred_language: None,
    };
    let teacher = Staff {
        id: new_id(),
        name_ar: "مريم يوسف".into(),
        name_en: "Maryam Yousef".into(),
        role: StaffRole::Teacher,
        email: Some("maryam@school.example".into()),
        phone: None,
        national_id: None,
        active: true,
    };
    s.store
        .write(s.user, |w| {
            w.save_guardian(&guardian)?;
            w.link_guardian(&StudentGuardian::new(
                s.sara.id,
                guardian.id,
                GuardianRelation::Father,
                true,
            ))?;
            w.save_staff(&teacher)
        })
        .unwrap();
    let q = |text: &str| SearchQuery {
        text: text.into(),
        limit: 10,
        offset: 0,
    };
    assert_eq!(
        s.store.search_guardians(&q("الهاشمى")).unwrap().items[0].id,
        guardian.id
    );
    assert_eq!(
        s.store.search_guardians(&q("501112222")).unwrap().total,
        1,
        "a phone typed without its spaces"
    );
    assert_eq!(s.store.search_guardians(&q("5550000")).unwrap().total, 0);
    assert_eq!(s.store.search_guardians(&q("2222")).unwrap().total, 1);
    assert_eq!(
        s.store
            .search_staff(&q("مريم"), Some(StaffRole::Teacher))
            .unwrap()
            .items[0]
            .detail,
        "teacher"
    );
    assert_eq!(
        s.store
            .search_staff(&q("مريم"), Some(StaffRole::Office))
            .unwrap()
            .total,
        0
    );
    let detail = s.store.student_detail(s.sara.id).unwrap();
    assert_eq!(detail.guardians[0].guardian.name_en, "Khalid Al Hashimi");
    assert_eq!(detail.enrollments[0].classroom.name_en, "5A");
    assert_eq!(detail.invoices[0].balance, 1000);
}

// ---- school set-up ----------------------------------------------------------------------

#[test]
fn set_up_records_that_break_the_school_rules_are_refused_and_nothing_is_written() {
    let mut s = school();
    let user = s.user;
    let before = s.store.outbox_len().unwrap();
    let refused = |s: &mut School, work: &dyn Fn(&mut Writer) -> Result<Change>| {
        code(s.store.write(user, |w| work(w)).unwrap_err())
    };

    // A second term sharing a day with the first.
    let mut second = s.term.clone();
    second.id = new_id();
    second.ordinal = 2;
    second.name_en = "Term 2".into();
    second.start_date = d(2026, 1, 15);
    second.end_date = d(2026, 5, 30);
    assert_eq!(refused(&mut s, &|w| w.save_term(&second)), "terms-overlap");

    // A capacity below the two students already in 5A.
    let mut small = s.class_a.clone();
    small.capacity = 1;
    assert_eq!(
        refused(&mut s, &|w| w.save_classroom(&small)),
        "capacity-below-class-size"
    );

    // A second subject with the same code, in another case.
    let twin = Subject {
        id: new_id(),
        code: "math".into(),
        name_ar: "رياضيات ٢".into(),
        name_en: "Maths again".into(),
        weight: 1.0,
        grade_ids: String::new(),
    };
    assert_eq!(
        refused(&mut s, &|w| w.save_subject(&twin)),
        "duplicate-subject-code"
    );

    // The grade of 5A and 5B.
    let grade = s.class_a.grade_id;
    assert_eq!(refused(&mut s, &|w| w.archive_grade(grade)), "grade-in-use");

    // A total below a mark already given.
    let sara = s.sara.id;
    let mark = result(&s, sara, Some(18.0));
    s.store.write(user, |w| w.save_result(&mark)).unwrap();
    let after_mark = s.store.outbox_len().unwrap();
    let mut lower = s.assessment.clone();
    lower.total = 10.0;
    assert_eq!(
        refused(&mut s, &|w| w.save_assessment(&lower)),
        "total-below-marks"
    );

    // A locked term's marks and assessments.
    let mut locked = s.term.clone();
    locked.marks_locked = true;
    s.store.write(user, |w| w.save_term(&locked)).unwrap();
    let after_lock = s.store.outbox_len().unwrap();
    let changed = result(&s, sara, Some(19.0));
    assert_eq!(refused(&mut s, &|w| w.save_result(&changed)), "term-locked");
    let renamed = Assessment {
        name_en: "Quiz one".into(),
        ..s.assessment.clone()
    };
    assert_eq!(
        refused(&mut s, &|w| w.save_assessment(&renamed)),
        "term-locked"
    );

    // A year whose new dates would leave attendance outside it.
    locked.marks_locked = false;
    s.store.write(user, |w| w.save_term(&locked)).unwrap();
    let day = d(2025, 10, 6);
    let mark_day = attendance(sara, s.class_a.id, day, AttendanceStatus::Present);
    s.store
        .write(user, |w| w.save_attendance(&mark_day))
        .unwrap();
    let mut shorter = s.year.clone();
    shorter.start_date = d(2025, 10, 7);
    assert_eq!(refused(&mut s, &|w| w.save_year(&shorter)), "dates-in-use");
    let mut no_days = s.year.clone();
    no_days.school_week = "".parse().unwrap();
    assert_eq!(
        refused(&mut s, &|w| w.save_year(&no_days)),
        "week-without-school-day"
    );

    // Only the writes that were allowed reached the outbox: a mark, a lock, an unlock, a
    // register.
    assert_eq!(after_mark, before + 1);
    assert_eq!(after_lock, after_mark + 1);
    assert_eq!(s.store.outbox_len().unwrap(), after_lock + 2);
}

#[test]
fn grade_bands_are_replaced_whole_and_must_cover_zero_to_one_hundred() {
    let mut s = school();
    let band = |min: f64, max: f64, en: &str| BandRange {
        min,
        max,
        label_ar: format!("فئة {en}"),
        label_en: en.into(),
    };
    let gap = [band(0.0, 50.0, "Fail"), band(60.0, 100.0, "Pass")];
    let refused = s
        .store
        .write(s.user, |w| w.replace_grade_bands(&gap))
        .unwrap_err();
    assert_eq!(code(refused), "bands-gap");
    assert!(s.store.list::<GradeBand>().unwrap().is_empty());

    let first = [band(0.0, 50.0, "Fail"), band(50.0, 100.0, "Pass")];
    s.store
        .write(s.user, |w| w.replace_grade_bands(&first))
        .unwrap();
    let kept = s.store.list::<GradeBand>().unwrap();
    let fail_id = kept.iter().find(|b| b.min_percent == 0.0).unwrap().id;
    let second = [
        band(0.0, 50.0, "Needs support"),
        band(50.0, 90.0, "Pass"),
        band(90.0, 100.0, "Excellent"),
    ];
    s.store
        .write(s.user, |w| w.replace_grade_bands(&second))
        .unwrap();
    let mut now = s.store.list::<GradeBand>().unwrap();
    now.sort_by(|a, b| a.min_percent.total_cmp(&b.min_percent));
    assert_eq!(now.len(), 3);
    assert_eq!(now[0].id, fail_id, "a band kept is updated in place");
    assert_eq!(now[0].label_en, "Needs support");
    assert_eq!(now[2].min_percent, 90.0);
}
