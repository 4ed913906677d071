//! A real school from zero on a real data folder: started offline, set up record by
//! record through the one generic set-up path (as the window and `daftar setup` drive it),
//! with every refusal coded, translated and leaving nothing written.

use std::path::Path;

use chrono::NaiveDate;
use daftar_app::*;
use daftar_domain::*;
use daftar_i18n::Localizer;
use uuid::Uuid;

fn open(dir: &Path, lang: &str) -> App {
    App::open(dir, Localizer::new(lang, false).unwrap()).unwrap()
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The code and message of a refusal, as a person reads it.
macro_rules! refused {
    ($app:expr, $result:expr $(,)?) => {{
        let failure = $result.expect_err("refused");
        let error = $app.error(&failure);
        (error.code, error.message)
    }};
}

fn new_school() -> NewSchool {
    NewSchool {
        name_ar: "مدرسة النور".into(),
        name_en: "Al Noor School".into(),
        country: "ae".into(),
        currency: String::new(),
        primary_language: Language::Arabic,
        admin_name_ar: "سارة الكعبي".into(),
        admin_name_en: "Sara Al Kaabi".into(),
        admin_email: "sara@alnoor.example".into(),
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A started school with a current year of two terms, a grade, a classroom, a subject
/// and a teacher: (app, admin, year, grade, classroom, subject, teacher).
struct Started {
    app: App,
    admin: Actor,
    year: Uuid,
    grade: Uuid,
    classroom: Uuid,
    subject: Uuid,
    teacher: Uuid,
}

fn started(dir: &Path) -> Started {
    let mut app = open(dir, "en");
    let admin = app.start_school(&new_school()).unwrap();
    let year = app
        .setup_save(
            &admin,
            SetupKind::Year,
            None,
            None,
            &fields(&[
                ("name", "2026-2027"),
                ("start_date", "2026-08-30"),
                ("end_date", "2027-06-30"),
            ]),
        )
        .unwrap()
        .id;
    for (ar, en, start, end) in [
        ("الفصل الأول", "Term 1", "2026-08-30", "2026-12-10"),
        ("الفصل الثاني", "Term 2", "2027-01-03", "2027-06-30"),
    ] {
        app.setup_save(
            &admin,
            SetupKind::Term,
            None,
            None,
            &fields(&[
                ("name_ar", ar),
                ("name_en", en),
                ("start_date", start),
                ("end_date", end),
            ]),
        )
        .unwrap();
    }
    let grade = app
        .setup_save(
            &admin,
            SetupKind::Grade,
            None,
            None,
            &fields(&[("name_ar", "الصف الأول"), ("name_en", "Grade 1")]),
        )
        .unwrap()
        .id;
    let classroom = app
        .setup_save(
            &admin,
            SetupKind::Classroom,
            None,
            None,
            &fields(&[
                ("grade_id", &grade.to_string()),
                ("name_ar", "١أ"),
                ("name_en", "1A"),
                ("capacity", "٢٥"),
                ("room", "B-12"),
            ]),
        )
        .unwrap()
        .id;
    let subject = app
        .setup_save(
            &admin,
            SetupKind::Subject,
            None,
            None,
            &fields(&[
                ("code", "MATH"),
                ("name_ar", "الرياضيات"),
                ("name_en", "Mathematics"),
                ("weight", "2"),
                ("grade_ids", &grade.to_string()),
            ]),
        )
        .unwrap()
        .id;
    let teacher = app
        .setup_save(
            &admin,
            SetupKind::Staff,
            None,
            None,
            &fields(&[
                ("name_ar", "خالد"),
                ("name_en", "Khalid"),
                ("email", "khalid@alnoor.example"),
            ]),
        )
        .unwrap()
        .id;
    Started {
        app,
        admin,
        year,
        grade,
        classroom,
        subject,
        teacher,
    }
}

#[test]
fn a_new_school_starts_offline_with_its_administrator_at_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), "en");
    let admin = app.start_school(&new_school()).unwrap();
    assert_eq!(admin.role, StaffRole::Admin);
    let school = app.school().unwrap();
    assert_eq!(
        (
            school.country.as_str(),
            school.currency.as_str(),
            school.currency_minor_digits
        ),
        ("AE", "AED", 2)
    );
    let session = app.session(&admin).unwrap();
    assert!(!session.demo);
    assert_eq!(session.me.unwrap().name_en, "Sara Al Kaabi");
    // Bands to start from, which cover 0–100.
    let bands = app.grade_bands().unwrap();
    assert_eq!(bands.len(), 5);
    assert_eq!((bands[0].min, bands.last().unwrap().max), (0.0, 100.0));
    // Everything waits in the outbox for a first sync.
    assert!(app.pending_changes().unwrap() >= 7);
    let (code, _) = refused!(app, app.clone_start());
    assert_eq!(code, "school-exists");
    // The checklist leads on from the profile.
    let steps = app.setup_checklist(&admin).unwrap();
    let open: Vec<&str> = steps
        .iter()
        .filter(|s| !s.done)
        .map(|s| s.item.as_str())
        .collect();
    assert_eq!(open[..3], ["profile", "year", "terms"]);
    assert!(steps.iter().any(|s| s.item == "staff" && s.count == 1));
}

trait StartAgain {
    fn clone_start(&mut self) -> daftar_app::Result<Actor>;
}

impl StartAgain for App {
    fn clone_start(&mut self) -> daftar_app::Result<Actor> {
        self.start_school(&new_school())
    }
}

#[test]
fn the_profile_is_edited_field_by_field_and_the_currency_brings_its_digits() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let id = s.app.school().unwrap().id;
    let saved = s
        .app
        .setup_save(
            &s.admin,
            SetupKind::School,
            Some(id),
            None,
            &fields(&[
                ("currency", "omr"),
                ("address", "Muscat"),
                ("phone", "+968 2412 3456"),
                ("tax_number", "OM1100223344"),
                ("school_week", "sun,mon,tue,wed,thu"),
                ("date_order", "dmy"),
                ("rank_enabled", "yes"),
            ]),
        )
        .unwrap();
    assert_eq!(saved.values["currency"], "OMR");
    assert_eq!(saved.values["currency_minor_digits"], "3");
    assert_eq!(saved.values["rank_enabled"], "true");
    let school = s.app.school().unwrap();
    assert_eq!(school.tax_number.as_deref(), Some("OM1100223344"));
    assert_eq!(
        school.name_en, "Al Noor School",
        "untouched fields keep their values"
    );
    // A week naming no weekday, a bad field, an unknown field: refused, nothing kept.
    let (code, _) = refused!(
        s.app,
        s.app.setup_save(
            &s.admin,
            SetupKind::School,
            Some(id),
            None,
            &fields(&[("school_week", "fun"), ("address", "Elsewhere")]),
        ),
    );
    assert_eq!(code, "invalid-format");
    let (code, _) = refused!(
        s.app,
        s.app.setup_save(
            &s.admin,
            SetupKind::School,
            Some(id),
            None,
            &fields(&[("colour", "blue")]),
        ),
    );
    assert_eq!(code, "unknown-field");
    assert_eq!(s.app.school().unwrap().address.as_deref(), Some("Muscat"));
}

#[test]
fn the_logo_is_scaled_to_fit_and_a_file_that_is_no_picture_is_refused_in_arabic() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let photo = image::RgbImage::from_fn(2400, 1600, |x, y| {
        let v = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) as u8;
        image::Rgb([v, v.wrapping_mul(3), (x / 7) as u8])
    });
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(photo)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let school = s.app.set_logo(&s.admin, jpeg.get_ref()).unwrap();
    let logo = school.logo_png.unwrap();
    assert!(logo.len() <= daftar_domain::validate::LOGO_BASE64_MAX);
    let ar = open(dir.path(), "ar");
    let failure = s
        .app
        .set_logo(&s.admin, b"%PDF-1.7 not a picture")
        .unwrap_err();
    let error = ar.error(&failure);
    assert_eq!(error.code, "not-an-image");
    assert!(error.message.contains("ليس صورة"), "{}", error.message);
    assert_eq!(
        s.app.school().unwrap().logo_png.as_deref(),
        Some(logo.as_str())
    );
}

#[test]
fn terms_may_not_overlap_and_dates_that_attendance_needs_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let before = s.app.pending_changes().unwrap();
    let (code, message) = refused!(
        s.app,
        s.app.setup_save(
            &s.admin,
            SetupKind::Term,
            None,
            None,
            &fields(&[
                ("name_ar", "ث"),
                ("name_en", "Term 3"),
                ("start_date", "2026-12-01"),
                ("end_date", "2027-01-10"),
            ]),
        ),
    );
    assert_eq!(code, "terms-overlap");
    assert!(message.contains("Term 1"), "{message}");
    let (code, _) = refused!(
        s.app,
        s.app.setup_save(
            &s.admin,
            SetupKind::Term,
            None,
            None,
            &fields(&[
                ("name_ar", "ث"),
                ("name_en", "Term 3"),
                ("start_date", "2027-07-01"),
                ("end_date", "2027-07-20"),
            ]),
        ),
    );
    assert_eq!(code, "date-outside-year");
    assert_eq!(s.app.pending_changes().unwrap(), before);
    let terms = s.app.setup_list(&s.admin, SetupKind::Term, None).unwrap();
    assert_eq!(terms.records.len(), 2);
    assert_eq!(terms.records[1].values["ordinal"], "2");
    // A register taken in September holds the year's start where it is.
    let student = Student {
        id: new_id(),
        admission_number: "A-1".into(),
        name_ar: "ليلى".into(),
        name_en: "Layla".into(),
        gender: Gender::Female,
        birth_date: d(2019, 3, 1),
        national_id: None,
        nationality: "AE".into(),
        status: StudentStatus::Active,
    };
    let (year, classroom) = (s.year, s.classroom);
    s.app
        .store()
        .write(s.admin.staff_id, |w| {
            w.create_student(&student)?;
            w.enroll(&Enrollment::new(
                student.id,
                year,
                classroom,
                d(2026, 8, 30),
            ))?;
            w.save_attendance(&Attendance {
                id: Attendance::natural_id(student.id, d(2026, 9, 1), 0),
                student_id: student.id,
                classroom_id: classroom,
                date: d(2026, 9, 1),
                period: 0,
                status: AttendanceStatus::Present,
                taken_by: Uuid::nil(),
                taken_at: chrono::Utc::now(),
                note: None,
            })?;
            Ok(())
        })
        .unwrap();
    let (code, message) = refused!(
        s.app,
        s.app.setup_save(
            &s.admin,
            SetupKind::Year,
            Some(s.year),
            None,
            &fields(&[("start_date", "2026-09-06")]),
        ),
    );
    assert_eq!(code, "dates-in-use");
    assert!(message.contains('1'), "{message}");
    // The classroom's capacity cannot drop below its one student, nor can it be archived.
    let (code, _) = refused!(
        s.app,
        s.app.setup_save(
            &s.admin,
            SetupKind::Classroom,
            Some(s.classroom),
            None,
            &fields(&[("capacity", "0")]),
        ),
    );
    assert_eq!(code, "capacity-below-class-size");
    let (code, message) = refused!(
        s.app,
        s.app
            .setup_archive(&s.admin, SetupKind::Classroom, s.classroom),
    );
    assert_eq!(code, "record-in-use");
    assert!(message.contains("students placed"), "{message}");
    let (code, _) = refused!(
        s.app,
        s.app.setup_archive(&s.admin, SetupKind::Grade, s.grade),
    );
    assert_eq!(code, "grade-in-use");
}

#[test]
fn holidays_are_typed_or_imported_and_the_calendar_counts_school_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    // One day, no end given.
    let national = s
        .app
        .setup_save(
            &s.admin,
            SetupKind::Holiday,
            None,
            None,
            &fields(&[
                ("name_ar", "اليوم الوطني"),
                ("name_en", "National Day"),
                ("start_date", "02/12/2026"),
            ]),
        )
        .unwrap();
    assert_eq!(national.values["end_date"], "2026-12-02");
    let bad = "name_ar,name_en,start_date,end_date\nعطلة,Winter break,2026-12-13,2027-01-02\nخطأ,Broken,2026-13-40,\n";
    let failure = s.app.import_holidays(&s.admin, None, bad).unwrap_err();
    let error = s.app.error(&failure);
    assert_eq!(error.code, "import-rejected");
    assert_eq!(
        error.details.iter().map(|r| r.line).collect::<Vec<_>>(),
        [3]
    );
    assert_eq!(
        s.app
            .setup_list(&s.admin, SetupKind::Holiday, None)
            .unwrap()
            .records
            .len(),
        1
    );
    let good = "name_ar,name_en,start_date,end_date\nعطلة الشتاء,Winter break,2026-12-13,2027-01-02\nاليوم الوطني,National Day,2026-12-02,\n";
    assert_eq!(
        s.app.import_holidays(&s.admin, None, good).unwrap(),
        1,
        "the day already there is kept once"
    );
    let december = s.app.calendar(None, Some(d(2026, 12, 25))).unwrap();
    assert_eq!(december.days.len(), 31);
    let day = |n: u32| december.days[n as usize - 1].clone();
    assert_eq!(day(2).kind, DayKind::Holiday);
    assert_eq!(day(2).holiday_en.as_deref(), Some("National Day"));
    assert_eq!(day(4).kind, DayKind::Weekend, "a Friday");
    assert_eq!(day(3).kind, DayKind::School);
    assert_eq!(day(3).term, Some(1));
    assert_eq!(day(20).kind, DayKind::Holiday);
    assert_eq!(december.months.len(), 11);
    // Term 1: 30 Aug – 10 Dec 2026, Sunday to Thursday, less National Day.
    let expected = d(2026, 8, 30)
        .iter_days()
        .take_while(|x| *x <= d(2026, 12, 10))
        .filter(|x| {
            !matches!(
                chrono::Datelike::weekday(x),
                chrono::Weekday::Fri | chrono::Weekday::Sat
            )
        })
        .count() as u32
        - 1;
    assert_eq!(december.terms[0].school_days, expected);
}

#[test]
fn subjects_grades_assignments_and_bands_are_checked_before_they_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let (code, _) = refused!(
        s.app,
        s.app.setup_save(
            &s.admin,
            SetupKind::Subject,
            None,
            None,
            &fields(&[
                ("code", "math"),
                ("name_ar", "ر"),
                ("name_en", "Maths again"),
            ]),
        ),
    );
    assert_eq!(code, "duplicate-subject-code");
    let failure = s
        .app
        .setup_save(
            &s.admin,
            SetupKind::Subject,
            None,
            None,
            &fields(&[
                ("code", "math"),
                ("name_ar", "ر"),
                ("name_en", "Maths again"),
            ]),
        )
        .unwrap_err();
    assert_eq!(failure.field().as_deref(), Some("code"));
    // A subject of another grade is not taught in 1A.
    let grade2 = s
        .app
        .setup_save(
            &s.admin,
            SetupKind::Grade,
            None,
            None,
            &fields(&[("name_ar", "الصف الثاني"), ("name_en", "Grade 2")]),
        )
        .unwrap();
    assert_eq!(grade2.values["ordinal"], "2");
    let science = s
        .app
        .setup_save(
            &s.admin,
            SetupKind::Subject,
            None,
            None,
            &fields(&[
                ("code", "SCI"),
                ("name_ar", "العلوم"),
                ("name_en", "Science"),
                ("weight", "1.5"),
                ("grade_ids", &grade2.id.to_string()),
            ]),
        )
        .unwrap();
    let (code, _) = refused!(
        s.app,
        s.app
            .assign_teacher(&s.admin, s.classroom, science.id, Some(s.teacher)),
    );
    assert_eq!(code, "not-taught-in-grade");
    // The grid: one teacher a cell, the next replacing the one before.
    s.app
        .assign_teacher(&s.admin, s.classroom, s.subject, Some(s.teacher))
        .unwrap();
    let other = s
        .app
        .setup_save(
            &s.admin,
            SetupKind::Staff,
            None,
            None,
            &fields(&[("name_ar", "منى"), ("name_en", "Mona")]),
        )
        .unwrap()
        .id;
    s.app
        .assign_teacher(&s.admin, s.classroom, s.subject, Some(other))
        .unwrap();
    let grid = s.app.assignments(&s.admin, None).unwrap();
    assert_eq!(grid.cells.len(), 1);
    assert_eq!(grid.cells[0].staff_id, other);
    assert_eq!(grid.classrooms.len(), 1);
    // Mona teaches, so she cannot be archived; Khalid no longer does.
    let (code, _) = refused!(
        s.app,
        s.app.setup_archive(&s.admin, SetupKind::Staff, other),
    );
    assert_eq!(code, "record-in-use");
    s.app
        .setup_archive(&s.admin, SetupKind::Staff, s.teacher)
        .unwrap();
    assert!(
        s.app
            .setup_list(&s.admin, SetupKind::Staff, None)
            .unwrap()
            .records
            .iter()
            .all(|r| r.id != s.teacher)
    );
    // Bands with a gap are refused whole.
    let band = |min: f64, max: f64, en: &str| BandRange {
        min,
        max,
        label_ar: en.into(),
        label_en: en.into(),
    };
    let (code, message) = refused!(
        s.app,
        s.app
            .save_grade_bands(&s.admin, &[band(0.0, 50.0, "F"), band(60.0, 100.0, "P")]),
    );
    assert_eq!(code, "bands-gap");
    assert!(message.contains("50"), "{message}");
    let saved = s
        .app
        .save_grade_bands(&s.admin, &[band(0.0, 50.0, "F"), band(50.0, 100.0, "P")])
        .unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(s.app.grade_bands().unwrap(), saved);
}

#[test]
fn staff_import_reports_bad_lines_and_updates_by_email() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let bad = "name_ar,name_en,role,email,phone,national_id\nمريم,Maryam,teacher,maryam@alnoor.example,,\nعلي,Ali,janitor,,,\n";
    let failure = s.app.import_staff(&s.admin, bad).unwrap_err();
    let error = s.app.error(&failure);
    assert_eq!(error.code, "import-rejected");
    assert_eq!(error.details[0].line, 3);
    let good = "name_ar,name_en,role,email\nمريم,Maryam,teacher,maryam@alnoor.example\nخالد,Khalid Saeed,,KHALID@alnoor.example\n";
    assert_eq!(s.app.import_staff(&s.admin, good).unwrap(), (1, 1));
    let khalid: Staff = s.app.store().get(s.teacher).unwrap();
    assert_eq!(khalid.name_en, "Khalid Saeed");
    assert_eq!(khalid.role, StaffRole::Teacher);
}

#[test]
fn a_teacher_sets_a_quiz_in_their_subject_and_a_locked_term_keeps_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    s.app
        .assign_teacher(&s.admin, s.classroom, s.subject, Some(s.teacher))
        .unwrap();
    let teacher = Actor {
        staff_id: s.teacher,
        role: StaffRole::Teacher,
        device: s.admin.device,
    };
    let quiz = |id: Option<Uuid>, total: &str| AssessmentInput {
        id,
        classroom_id: s.classroom,
        subject_id: s.subject,
        term_id: None,
        name_ar: "اختبار قصير".into(),
        name_en: "Quiz 1".into(),
        total: total.into(),
        weight: "10".into(),
        date: "15/10/2026".into(),
    };
    let set = s.app.save_assessment(&teacher, &quiz(None, "٢٠")).unwrap();
    assert_eq!(set.total, 20.0);
    let terms = s.app.setup_list(&s.admin, SetupKind::Term, None).unwrap();
    assert_eq!(
        set.term_id, terms.records[0].id,
        "the term its date falls in"
    );
    // Office staff may not set one, nor edit the school's set-up.
    let office = Actor {
        staff_id: Uuid::nil(),
        role: StaffRole::Office,
        device: s.admin.device,
    };
    let (code, _) = refused!(s.app, s.app.save_assessment(&office, &quiz(None, "20")));
    assert_eq!(code, "not-allowed");
    let (code, _) = refused!(
        s.app,
        s.app.setup_save(
            &office,
            SetupKind::Subject,
            None,
            None,
            &fields(&[("code", "ART")]),
        ),
    );
    assert_eq!(code, "not-allowed");
    assert!(
        !s.app
            .setup_list(&office, SetupKind::Subject, None)
            .unwrap()
            .editable
    );
    assert!(
        s.app
            .setup_list(&office, SetupKind::Classroom, None)
            .unwrap()
            .editable
    );
    // Locked: the quiz stays as it is until an administrator unlocks the term.
    let term = set.term_id;
    let (code, _) = refused!(s.app, s.app.lock_term(&teacher, term, true));
    assert_eq!(code, "not-allowed");
    assert!(s.app.lock_term(&s.admin, term, true).unwrap().marks_locked);
    let (code, _) = refused!(
        s.app,
        s.app.save_assessment(&teacher, &quiz(Some(set.id), "25")),
    );
    assert_eq!(code, "term-locked");
    s.app.lock_term(&s.admin, term, false).unwrap();
    assert_eq!(
        s.app
            .save_assessment(&teacher, &quiz(Some(set.id), "25"))
            .unwrap()
            .total,
        25.0
    );
    let audit: Vec<String> = s
        .app
        .store()
        .list::<AuditEntry>()
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(
        audit.contains(&"term.locked".to_string()) && audit.contains(&"term.unlocked".to_string())
    );
}

/// Another system's export: its own column names, names in three columns, US dates with
/// two-digit years, its own gender words, no admission numbers and no nationality.
fn foreign_sheet(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        [
            "First Name",
            "Father",
            "Family",
            "الاسم",
            "DOB",
            "Sex",
            "Class",
            "Parent",
            "Mobile",
        ],
        [
            "Layla",
            "Omar",
            "Haddad",
            "ليلى عمر حداد",
            "03/14/19",
            "بنت",
            "1A",
            "Omar Haddad",
            "0501112233",
        ],
        [
            "Sami",
            "",
            "Nasser",
            "سامي ناصر",
            "11/02/18",
            "ولد",
            "1A",
            "Huda Nasser",
            "0504445566",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn another_systems_spreadsheet_is_mapped_previewed_imported_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let file = dir.path().join("export.xlsx");
    foreign_sheet(&file);
    let (_, text) = read_import_file(&file).unwrap();
    let source = s.app.import_source(&text).unwrap();
    assert_eq!(source.columns[0], "First Name");
    assert!(!source.saved);
    assert_eq!(
        source.unknown_genders,
        Vec::<String>::new(),
        "no gender column is mapped yet"
    );
    let cols = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let mut map = ImportMap {
        number_missing: true,
        date_order: Some(DateOrder::MonthDayYear),
        ..ImportMap::default()
    };
    map.columns
        .insert("name_en".into(), cols(&["First Name", "Father", "Family"]));
    map.columns.insert("name_ar".into(), cols(&["الاسم"]));
    map.columns.insert("birth_date".into(), cols(&["DOB"]));
    map.columns.insert("gender".into(), cols(&["Sex"]));
    map.columns.insert("classroom".into(), cols(&["Class"]));
    map.columns
        .insert("guardian_name".into(), cols(&["Parent"]));
    map.columns
        .insert("guardian_phone".into(), cols(&["Mobile"]));
    map.defaults.insert("nationality".into(), "AE".into());
    map.defaults.insert("grade".into(), "Grade 1".into());
    map.genders.insert("بنت".into(), "female".into());
    map.genders.insert("ولد".into(), "male".into());
    let options = |preview| ImportOptions {
        map: Some(map.clone()),
        preview,
        ..ImportOptions::default()
    };
    let before = s.app.pending_changes().unwrap();
    let preview = s
        .app
        .import_students(
            &s.admin,
            "export.xlsx",
            &text,
            &options(true),
            &Work::default(),
        )
        .unwrap();
    assert!(preview.preview);
    assert_eq!(preview.created, 2);
    assert_eq!(preview.plan[0].name_en, "Layla Omar Haddad");
    assert_eq!(
        preview.plan[1].name_en, "Sami Nasser",
        "an empty middle name is left out"
    );
    assert_eq!(preview.plan[0].admission_number, "1");
    assert_eq!(
        s.app.pending_changes().unwrap(),
        before,
        "a preview writes nothing"
    );
    // The mapping is offered again for a file with the same columns.
    let again = s.app.import_source(&text).unwrap();
    assert!(again.saved);
    assert_eq!(again.map, map);

    let report = s
        .app
        .import_students(
            &s.admin,
            "export.xlsx",
            &text,
            &options(false),
            &Work::default(),
        )
        .unwrap();
    assert_eq!((report.created, report.preview), (2, false));
    let layla = s
        .app
        .store()
        .student_by_admission_number("1")
        .unwrap()
        .unwrap();
    assert_eq!(layla.birth_date, d(2019, 3, 14));
    assert_eq!(layla.gender, Gender::Female);
    assert_eq!(layla.nationality, "AE");
    let sami = s
        .app
        .store()
        .student_by_admission_number("2")
        .unwrap()
        .unwrap();
    assert_eq!(sami.birth_date, d(2018, 11, 2));

    // Exported to .xlsx, the school imports back unchanged.
    let out = dir.path().join("students.xlsx");
    assert_eq!(s.app.export_students(&s.admin, &out).unwrap(), 2);
    let (_, back) = read_import_file(&out).unwrap();
    let round = s
        .app
        .import_students(
            &s.admin,
            "students.xlsx",
            &back,
            &ImportOptions::default(),
            &Work::default(),
        )
        .unwrap();
    assert_eq!(round.unchanged, 2, "{round:?}");

    // The last import (the round trip, which changed nothing) and then none: undo says so.
    let undone = s.app.undo_last_import(&s.admin).unwrap();
    assert_eq!((undone.removed, undone.restored), (0, 2));
    let failure = s.app.undo_last_import(&s.admin).unwrap_err();
    assert_eq!(s.app.error(&failure).code, "nothing-to-undo");
}

#[test]
fn an_import_undone_archives_whom_it_created_and_restores_whom_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let header = "admission_number,name_ar,name_en,gender,birth_date,national_id,nationality,grade,classroom,guardian_name,guardian_phone\n";
    let first =
        format!("{header}A-1,ليلى,Layla,female,2019-03-14,,AE,Grade 1,1A,Omar,0501112233\n");
    s.app
        .import_students(
            &s.admin,
            "first.csv",
            &first,
            &ImportOptions::default(),
            &Work::default(),
        )
        .unwrap();
    let second = format!(
        "{header}A-1,ليلى,Layla Haddad,female,2019-03-14,,AE,Grade 1,1A,Omar,0501112233\nA-2,سامي,Sami,male,2018-11-02,,AE,Grade 1,1A,Huda,0504445566\n"
    );
    let report = s
        .app
        .import_students(
            &s.admin,
            "second.csv",
            &second,
            &ImportOptions::default(),
            &Work::default(),
        )
        .unwrap();
    assert_eq!((report.created, report.updated), (1, 1));
    assert_eq!(report.plan[0].fields, ["name_en"]);
    let undone = s.app.undo_last_import(&s.admin).unwrap();
    assert_eq!(
        (undone.file.as_str(), undone.removed, undone.restored),
        ("second.csv", 1, 1)
    );
    let store = s.app.store();
    assert_eq!(
        store
            .student_by_admission_number("A-1")
            .unwrap()
            .unwrap()
            .name_en,
        "Layla"
    );
    assert!(store.student_by_admission_number("A-2").unwrap().is_none());
    let classroom = s.classroom;
    let list = s.app.store().class_list(classroom).unwrap();
    assert_eq!(list.len(), 1, "Sami's placement went with him");
}

#[test]
fn a_students_history_on_an_offline_desktop_lists_each_change_with_who_made_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let header = "admission_number,name_ar,name_en,gender,birth_date,national_id,nationality,grade,classroom,guardian_name,guardian_phone\n";
    let file = format!("{header}A-1,ليلى,Layla,female,2019-03-14,,AE,,,,\n");
    s.app
        .import_students(
            &s.admin,
            "first.csv",
            &file,
            &ImportOptions::default(),
            &Work::default(),
        )
        .unwrap();
    s.app
        .edit_student(&s.admin, "A-1", &fields(&[("name_en", "Layla Haddad")]))
        .unwrap();
    let id = s
        .app
        .store()
        .student_by_admission_number("A-1")
        .unwrap()
        .unwrap()
        .id;
    let history = s.app.record_history(&s.admin, "students", id).unwrap();
    assert!(
        !history.from_cloud,
        "never connected: this desktop's own changes"
    );
    assert_eq!(history.entries.len(), 2);
    let newest = &history.entries[0];
    assert!(newest.pending);
    assert_eq!(newest.who, "Sara Al Kaabi");
    assert_eq!(newest.fields.len(), 1);
    assert_eq!(
        (
            newest.fields[0].field.as_str(),
            newest.fields[0].new.as_str()
        ),
        ("name_en", "Layla Haddad")
    );
    let failure = s.app.record_history(&s.admin, "secrets", id).unwrap_err();
    assert_eq!(s.app.error(&failure).code, "unknown-record-kind");
}

#[test]
fn a_school_that_requires_only_arabic_names_imports_a_sheet_without_english_ones_as_to_complete() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = started(dir.path());
    let header =
        "admission_number,name_ar,gender,birth_date,nationality,grade,classroom\n".to_string();
    let sheet = format!("{header}A-1,ليلى حداد,female,2019-03-14,AE,Grade 1,1A\n");
    let import = |app: &mut App, admin: &Actor, preview| {
        app.import_students(
            admin,
            "ministry.csv",
            &sheet,
            &ImportOptions {
                preview,
                ..ImportOptions::default()
            },
            &Work::default(),
        )
    };

    // Both scripts required (the default): a sheet without English names is refused whole.
    let failure = import(&mut s.app, &s.admin, true).unwrap_err();
    assert!(
        s.app.error(&failure).message.contains("name_en"),
        "{}",
        s.app.error(&failure).message
    );
    let nameless = NewStudent {
        admission_number: "B-1".into(),
        name_ar: "سامي".into(),
        name_en: String::new(),
        gender: Gender::Male,
        birth_date: "2018-11-02".into(),
        national_id: String::new(),
        nationality: "AE".into(),
        classroom: None,
        guardian: None,
    };
    let before = s.app.pending_changes().unwrap();
    let (code, _) = refused!(s.app, s.app.create_student(&s.admin, &nameless));
    assert_eq!(code, "field-required");
    assert_eq!(s.app.pending_changes().unwrap(), before, "nothing written");

    // The school decides that only the Arabic name is required.
    let id = s.app.school().unwrap().id;
    s.app
        .setup_save(
            &s.admin,
            SetupKind::School,
            Some(id),
            None,
            &fields(&[("student_names", "ar")]),
        )
        .unwrap();
    assert_eq!(s.app.school().unwrap().student_names, StudentNames::Arabic);

    let preview = import(&mut s.app, &s.admin, true).unwrap();
    assert_eq!((preview.created, preview.to_complete), (1, 1));
    assert_eq!(preview.plan[0].to_complete, ["name_en"]);
    let report = import(&mut s.app, &s.admin, false).unwrap();
    assert_eq!((report.created, report.to_complete), (1, 1));
    s.app.create_student(&s.admin, &nameless).unwrap();

    // An Arabic name is still required; an English one alone is refused.
    let english_only = NewStudent {
        admission_number: "B-2".into(),
        name_ar: " ".into(),
        name_en: "Huda".into(),
        ..nameless.clone()
    };
    let (code, _) = refused!(s.app, s.app.create_student(&s.admin, &english_only));
    assert_eq!(code, "field-required");

    let to_complete = s
        .app
        .find_students(
            &s.admin,
            &StudentSearch {
                incomplete: true,
                ..StudentSearch::default()
            },
        )
        .unwrap();
    let mut numbers: Vec<_> = to_complete
        .items
        .iter()
        .map(|hit| hit.admission_number.as_str())
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["A-1", "B-1"]);
}
