//! The `daftar` binary as a person or a script runs it: real data folder, real files,
//! exit codes and messages, and no panic on any input.

use std::path::Path;
use std::process::{Command, Output};

fn daftar(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("DAFTAR_LANG", "en")
        .env_remove("DAFTAR_DATA_DIR")
        .output()
        .expect("the daftar binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = daftar(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Fails with exit code 1, a message on stderr, and no panic.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = daftar(dir, args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    stderr
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(dir, &all)).expect("valid JSON")
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &["demo", "--students", "64", "--year", "2025", "--seed", "3"],
    );
    dir
}

#[test]
fn a_demo_school_is_searchable_from_the_command_line() {
    let dir = demo();
    let years = json(dir.path(), &["years", "list"]);
    assert_eq!(years[0]["year"]["name"], "2025/2026");
    assert_eq!(years[0]["school_days"], 180);
    assert_eq!(years[0]["terms"].as_array().unwrap().len(), 2);
    let rooms = json(dir.path(), &["classrooms", "list"]);
    assert_eq!(rooms.as_array().unwrap().len(), 2);
    let all = json(dir.path(), &["students", "search", "--limit", "500"]);
    assert_eq!(all["total"], 64);
    let first = &all["items"][0];
    let arabic = first["name_ar"].as_str().unwrap();
    // The first word of the Arabic name, typed with hamza forms folded, finds the student.
    let word = arabic
        .split(' ')
        .next()
        .unwrap()
        .replace(['أ', 'إ', 'آ'], "ا")
        .replace('\u{064E}', "");
    let found = json(dir.path(), &["students", "search", &word, "--limit", "500"]);
    let numbers: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["admission_number"].as_str().unwrap())
        .collect();
    assert!(numbers.contains(&first["admission_number"].as_str().unwrap()));
    let number = first["admission_number"].as_str().unwrap();
    let shown = ok(dir.path(), &["students", "show", number]);
    assert!(shown.contains(arabic) && shown.contains("AED"), "{shown}");
    let filtered = json(
        dir.path(),
        &[
            "students",
            "search",
            "--classroom",
            "1A",
            "--gender",
            "female",
            "--sort",
            "admission-number",
            "--desc",
        ],
    );
    assert!(
        filtered["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["gender"] == "female" && s["classroom_en"] == "1A")
    );
    let human = ok(dir.path(), &["students", "search", "--limit", "3"]);
    assert!(human.contains("Showing 1–3 of 64 students."), "{human}");
}

#[test]
fn attendance_is_marked_and_shown() {
    let dir = demo();
    let roster = json(
        dir.path(),
        &[
            "attendance",
            "show",
            "--classroom",
            "2A",
            "--date",
            "2025-10-06",
        ],
    );
    let first = roster[0]["admission_number"].as_str().unwrap().to_string();
    assert!(
        roster[0]["status"].is_string(),
        "a whole-year demo has this day taken"
    );
    let saved = json(
        dir.path(),
        &[
            "attendance",
            "mark",
            "--classroom",
            "2A",
            "--date",
            "2025-10-06",
            "--absent",
            &first,
        ],
    );
    assert_eq!(saved["absent"], 1);
    let again = json(
        dir.path(),
        &[
            "attendance",
            "show",
            "--classroom",
            "2A",
            "--date",
            "2025-10-06",
        ],
    );
    assert_eq!(again[0]["status"], "absent");
    let msg = ok(
        dir.path(),
        &[
            "--lang",
            "ar",
            "attendance",
            "mark",
            "--classroom",
            "2A",
            "--date",
            "2025-10-06",
            "--absent",
            &first,
        ],
    );
    assert!(msg.contains("حُفظ سجل حضور"), "{msg}");
    // The month out as a spreadsheet: a column per school day, the absence counted.
    let csv = dir.path().join("2A-october.csv");
    let out = json(
        dir.path(),
        &[
            "export",
            "attendance",
            "--classroom",
            "2A",
            "--month",
            "2025-10",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out["rows"].as_u64().unwrap() > 5, "{out}");
    let text = std::fs::read_to_string(&csv).unwrap();
    // A byte-order mark first, so that Excel reads the Arabic names as UTF-8.
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[..3], ["admission_number", "name_ar", "name_en"]);
    let day = header.iter().position(|h| *h == "2025-10-06").unwrap();
    let row: Vec<&str> = lines
        .find(|l| l.starts_with(&format!("{first},")))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(row[day], "A");
    assert!(row.last().unwrap().parse::<u32>().is_ok());
    let xlsx = dir.path().join("2A-october.xlsx");
    ok(
        dir.path(),
        &[
            "--lang",
            "ar",
            "export",
            "attendance",
            "--classroom",
            "2A",
            "--month",
            "2025-10",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn edits_import_and_export_work_from_the_command_line() {
    let dir = demo();
    let out = dir.path().join("students.csv");
    let done = ok(dir.path(), &["export", "students", out.to_str().unwrap()]);
    assert!(done.contains("Exported 64 rows"), "{done}");
    let report = json(dir.path(), &["import", "students", out.to_str().unwrap()]);
    assert_eq!(report["unchanged"], 64);
    let number =
        json(dir.path(), &["students", "search", "--limit", "1"])["items"][0]["admission_number"]
            .as_str()
            .unwrap()
            .to_string();
    let edited = json(
        dir.path(),
        &[
            "students",
            "set",
            &number,
            "name_en=Renamed Pupil",
            "classroom=2A",
        ],
    );
    assert_eq!(edited["student"]["name_en"], "Renamed Pupil");
    assert_eq!(edited["enrollments"][0]["classroom"]["name_en"], "2A");
}

#[test]
fn bad_input_gets_a_clear_error_and_a_non_zero_exit() {
    let dir = demo();
    let p = dir.path();
    assert!(fails(p, &["students", "show", "000000"]).contains("No student with id “000000”"));
    assert!(
        fails(p, &["students", "search", "--classroom", "9Z"]).contains("No classroom named “9Z”")
    );
    assert!(
        fails(p, &["students", "set", "100001", "colour=red"]).contains("not a field you can set")
    );
    assert!(
        fails(p, &["students", "set", "100001", "no-equals-sign"])
            .contains("not a field you can set")
    );
    assert!(
        fails(p, &["students", "set", "100001", "birth_date=31/02/2015"]).contains("is not a date")
    );
    assert!(
        fails(
            p,
            &[
                "attendance",
                "mark",
                "--classroom",
                "1A",
                "--date",
                "2025-10-10"
            ]
        )
        .contains("Friday, not a school day")
    );
    assert!(
        fails(
            p,
            &[
                "attendance",
                "mark",
                "--classroom",
                "1A",
                "--date",
                "2030-01-01"
            ]
        )
        .contains("outside the academic year")
    );
    assert!(
        fails(
            p,
            &[
                "attendance",
                "mark",
                "--classroom",
                "1A",
                "--date",
                "tomorrow"
            ]
        )
        .contains("is not a date")
    );
    assert!(
        fails(
            p,
            &[
                "attendance",
                "mark",
                "--classroom",
                "1A",
                "--date",
                "2025-10-06",
                "--absent",
                "nobody"
            ]
        )
        .contains("No student with id “nobody”")
    );
    assert!(
        fails(p, &["import", "students", "/nonexistent/file.csv"])
            .contains("Cannot use the data folder")
    );
    assert!(fails(p, &["demo"]).contains("already holds a school"));
    assert!(fails(p, &["--lang", "fr", "years", "list"]).contains("unsupported language"));
    let bad = p.join("bad.csv");
    std::fs::write(&bad, "admission_number,name_ar,name_en,gender,birth_date,nationality\n1,,x,male,2015-01-01,AE\n2,ب,y,male,2015-13-01,AE\n").unwrap();
    let err = fails(p, &["import", "students", bad.to_str().unwrap()]);
    assert!(
        err.contains("Nothing was imported: 2 rows are invalid.")
            && err.contains("Line 2:")
            && err.contains("Line 3:"),
        "{err}"
    );
    let out = daftar(p, &["--json", "students", "show", "000000"]);
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["code"], "not-found");
}

#[test]
fn an_empty_folder_and_a_newer_database_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    assert!(fails(dir.path(), &["classrooms", "list"]).contains("daftar demo"));
    let ar = daftar(dir.path(), &["--lang", "ar", "classrooms", "list"]);
    assert!(
        text(&ar.stderr).contains("لا توجد مدرسة"),
        "{}",
        text(&ar.stderr)
    );
    let db = dir.path().join("daftar.sqlite3");
    let conn = rusqlite_free_user_version(&db);
    assert!(conn);
    assert!(fails(dir.path(), &["years", "list"]).contains("newer version of Daftar"));
}

/// Stamp the database as written by a far newer Daftar, with the sqlite3 shell's own format:
/// `user_version` lives at byte offset 60 of the header, big-endian.
fn rusqlite_free_user_version(db: &Path) -> bool {
    let mut bytes = std::fs::read(db).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(db, bytes).unwrap();
    true
}

#[test]
fn usage_mistakes_exit_with_clap_s_code_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["students"][..],
        &["demo", "--students", "0"],
        &["demo", "--students", "abc"],
        &["students", "search", "--limit", "100000"],
        &["frobnicate"],
    ] {
        let out = daftar(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!text(&out.stderr).contains("panicked"));
    }
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    text(&out.stdout)
}

#[test]
fn an_administrator_prints_a_classrooms_report_cards() {
    let dir = demo();
    let classrooms = json(dir.path(), &["classrooms", "list"]);
    let first = &classrooms[0];
    let name = first["classroom"]["name_en"].as_str().unwrap();
    let students = first["students"].as_u64().unwrap() as usize;
    let out = dir.path().join("cards.pdf");
    let printed = json(
        dir.path(),
        &[
            "print",
            "report-cards",
            "--classroom",
            name,
            "--term",
            "1",
            "--out",
            out.to_str().unwrap(),
            "--date",
            "2026-01-15",
        ],
    );
    assert_eq!(printed["pages"].as_u64().unwrap() as usize, students);
    let extracted = pdf_text(&out);
    assert!(
        extracted.contains("Al Noor International School"),
        "{extracted}"
    );
    assert!(extracted.contains("First semester"), "{extracted}");
    assert!(extracted.contains("15 January 2026"), "{extracted}");

    // One file per student, named by admission number.
    let folder = dir.path().join("cards");
    let printed = json(
        dir.path(),
        &[
            "print",
            "report-cards",
            "--classroom",
            name,
            "--term",
            "1",
            "--out-dir",
            folder.to_str().unwrap(),
        ],
    );
    assert_eq!(printed["files"].as_array().unwrap().len(), students);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), students);

    // One student's card, a receipt and a register.
    let student = json(dir.path(), &["students", "search", "--classroom", name]);
    let number = student["items"][0]["admission_number"]
        .as_str()
        .unwrap()
        .to_string();
    let one = dir.path().join("one.pdf");
    ok(
        dir.path(),
        &[
            "print",
            "report-card",
            "--student",
            &number,
            "--term",
            "2",
            "--out",
            one.to_str().unwrap(),
        ],
    );
    assert!(pdf_text(&one).contains(&number));
    let receipt = dir.path().join("receipt.pdf");
    ok(
        dir.path(),
        &[
            "print",
            "receipt",
            "--payment",
            "R-000001",
            "--out",
            receipt.to_str().unwrap(),
        ],
    );
    assert!(pdf_text(&receipt).contains("R-000001"));
    let register = dir.path().join("register.pdf");
    let printed = json(
        dir.path(),
        &[
            "print",
            "register",
            "--classroom",
            name,
            "--month",
            "2025-10",
            "--out",
            register.to_str().unwrap(),
        ],
    );
    assert_eq!(printed["pages"], 1);
    assert!(pdf_text(&register).contains("October 2025"));

    // Bad input: a clear message, no file.
    let nowhere = dir.path().join("nowhere.pdf");
    let path = nowhere.to_str().unwrap();
    assert!(
        fails(
            dir.path(),
            &[
                "print",
                "report-cards",
                "--classroom",
                name,
                "--term",
                "7",
                "--out",
                path
            ]
        )
        .contains("No term “7”")
    );
    assert!(
        fails(
            dir.path(),
            &[
                "print",
                "register",
                "--classroom",
                name,
                "--month",
                "2025-13",
                "--out",
                path
            ]
        )
        .contains("YYYY-MM")
    );
    assert!(
        fails(
            dir.path(),
            &[
                "print",
                "register",
                "--classroom",
                name,
                "--month",
                "2030-01",
                "--out",
                path
            ]
        )
        .contains("outside the academic year")
    );
    assert!(
        fails(
            dir.path(),
            &["print", "receipt", "--payment", "R-999999", "--out", path]
        )
        .contains("R-999999")
    );
    assert!(!nowhere.exists());
}

/// The same policy as the window: a teacher's folder refuses a fee payment and a student
/// edit at once, in the person's language, and nothing enters the outbox.
#[test]
fn a_teachers_folder_refuses_fees_and_student_edits_locally() {
    // A school large enough that a teacher has classrooms of others beside their own.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    ok(
        p,
        &["demo", "--students", "480", "--year", "2025", "--seed", "3"],
    );
    let invoices = json(p, &["fees", "invoices", "--unpaid"]);
    let number = invoices["items"][0]["invoice"]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let all_classrooms = json(p, &["classrooms", "list"]).as_array().unwrap().len();

    let me = json(p, &["explore", "--role", "teacher"]);
    assert_eq!(me["role"], "teacher");
    let mine = json(p, &["classrooms", "list"]);
    let mine: Vec<String> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["classroom"]["name_en"].as_str().unwrap().to_string())
        .collect();
    assert!(!mine.is_empty() && mine.len() < all_classrooms, "{mine:?}");
    let pending = || json(p, &["sync", "status"])["pending"].as_i64().unwrap();
    let before = pending();

    let pay = ["fees", "pay", "--invoice", &number, "--amount", "10"];
    let out = daftar(p, &[&["--json"][..], &pay[..]].concat());
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["code"], "not-allowed", "{error}");
    assert!(
        fails(p, &pay).contains("Your role does not give access to fees."),
        "{}",
        fails(p, &pay)
    );
    let arabic = daftar(p, &[&["--lang", "ar"][..], &pay[..]].concat());
    assert!(
        text(&arabic.stderr).contains("لا يتيح لك دورك الوصول إلى الرسوم"),
        "{}",
        text(&arabic.stderr)
    );
    let edit = fails(p, &["students", "set", "100001", "name_en=Someone Else"]);
    assert!(edit.contains("editing students and guardians"), "{edit}");
    assert_eq!(pending(), before, "nothing refused reaches the outbox");

    // Registers too: their own classroom's, not another's.
    let theirs = json(p, &["explore", "--role", "admin"]);
    assert_eq!(theirs["role"], "admin");
    let others: Vec<String> = json(p, &["classrooms", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["classroom"]["name_en"].as_str().unwrap().to_string())
        .filter(|name| !mine.contains(name))
        .collect();
    ok(p, &["explore", "--role", "teacher"]);
    let day = ["--date", "2025-10-06"];
    let refused = fails(
        p,
        &[
            &["attendance", "mark", "--classroom", &others[0]][..],
            &day[..],
        ]
        .concat(),
    );
    assert!(
        refused.contains("only for your own classrooms"),
        "{refused}"
    );
    assert_eq!(pending(), before);
    let roster = json(
        p,
        &[
            &["attendance", "show", "--classroom", &mine[0]][..],
            &day[..],
        ]
        .concat(),
    );
    let present = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] != "absent")
        .unwrap()["admission_number"]
        .as_str()
        .unwrap()
        .to_string();
    let mark = [
        "attendance",
        "mark",
        "--classroom",
        &mine[0],
        "--absent",
        &present,
    ];
    ok(p, &[&mark[..], &day[..]].concat());
    assert!(pending() > before);
}

/// Text follows `--lang`: in Arabic a classroom's grade and teacher print in Arabic.
#[test]
fn classrooms_print_in_the_language_asked_for() {
    let dir = demo();
    let p = dir.path();
    let rooms = json(p, &["classrooms", "list"]);
    let first = &rooms[0];
    let arabic = ok(p, &["--lang", "ar", "classrooms", "list"]);
    assert!(
        arabic.contains(first["grade"]["name_ar"].as_str().unwrap()),
        "{arabic}"
    );
    if let Some(teacher) = first["homeroom_teacher"]["name_ar"].as_str() {
        assert!(arabic.contains(teacher), "{arabic}");
    }
    let english = ok(p, &["--lang", "en", "classrooms", "list"]);
    assert!(english.contains(first["grade"]["name_en"].as_str().unwrap()));
}

#[test]
fn a_school_is_set_up_from_an_empty_folder_to_its_first_report_cards() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    ok(
        p,
        &[
            "setup",
            "start",
            "--name-ar",
            "مدرسة الفجر",
            "--name-en",
            "Al Fajr School",
            "--country",
            "SA",
            "--admin-ar",
            "نورة",
            "--admin-en",
            "Noura",
        ],
    );
    let school = json(p, &["setup", "list", "school"]);
    assert_eq!(school["records"][0]["values"]["currency"], "SAR");
    let steps = json(p, &["setup", "checklist"]);
    assert_eq!(steps[1]["item"], "year");
    assert_eq!(steps[1]["done"], false);
    // Another start is refused: the folder holds a school now.
    let again = fails(
        p,
        &[
            "setup",
            "start",
            "--name-ar",
            "ب",
            "--name-en",
            "B",
            "--country",
            "SA",
            "--admin-ar",
            "ج",
            "--admin-en",
            "C",
        ],
    );
    assert!(again.contains("already"), "{again}");
    ok(
        p,
        &[
            "setup",
            "add",
            "year",
            "name=2026-2027",
            "start_date=30/08/2026",
            "end_date=2027-06-24",
        ],
    );
    ok(
        p,
        &[
            "setup",
            "add",
            "term",
            "name_ar=الفصل الأول",
            "name_en=First term",
            "start_date=2026-08-30",
            "end_date=2026-12-10",
        ],
    );
    let overlap = fails(
        p,
        &[
            "setup",
            "add",
            "term",
            "name_ar=ث",
            "name_en=Second term",
            "start_date=2026-12-01",
            "end_date=2027-03-01",
        ],
    );
    assert!(overlap.contains("First term"), "{overlap}");
    let holidays = p.join("holidays.csv");
    std::fs::write(
        &holidays,
        "name_ar,name_en,start_date,end_date\nاليوم الوطني,National Day,2026-09-23,\n",
    )
    .unwrap();
    let imported = json(p, &["setup", "import-holidays", holidays.to_str().unwrap()]);
    assert_eq!(imported, 1);
    ok(
        p,
        &[
            "setup",
            "add",
            "grade",
            "name_ar=الصف الأول",
            "name_en=Grade 1",
        ],
    );
    let grade = json(p, &["setup", "list", "grade"])["records"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        p,
        &[
            "setup",
            "add",
            "classroom",
            &format!("grade_id={grade}"),
            "name_ar=١أ",
            "name_en=1A",
            "capacity=30",
        ],
    );
    ok(
        p,
        &[
            "setup",
            "add",
            "subject",
            "code=ARB",
            "name_ar=اللغة العربية",
            "name_en=Arabic",
        ],
    );
    let staff = p.join("staff.csv");
    std::fs::write(
        &staff,
        "name_ar,name_en,role,email\nفاطمة,Fatima,teacher,fatima@alfajr.example\n",
    )
    .unwrap();
    assert_eq!(
        json(p, &["setup", "import-staff", staff.to_str().unwrap()]),
        serde_json::json!([1, 0])
    );
    let grid = json(
        p,
        &[
            "setup",
            "assign",
            "--classroom",
            "1A",
            "--subject",
            "arb",
            "--teacher",
            "fatima@alfajr.example",
        ],
    );
    assert_eq!(grid["cells"].as_array().unwrap().len(), 1);
    let calendar = json(p, &["setup", "calendar", "--month", "2026-09"]);
    let national_day = &calendar["days"][22];
    assert_eq!(national_day["kind"], "holiday");
    assert!(calendar["terms"][0]["school_days"].as_u64().unwrap() > 60);
    let students = p.join("students.csv");
    std::fs::write(
        &students,
        "admission_number,name_ar,name_en,gender,birth_date,national_id,nationality,grade,classroom,guardian_name,guardian_phone\n\
         F-001,ريم,Reem,female,2020-02-03,,SA,Grade 1,1A,أم ريم,+966 50 123 4567\n\
         F-002,سلمان,Salman,male,2020-05-06,,SA,Grade 1,1A,أبو سلمان,+966 50 765 4321\n",
    )
    .unwrap();
    ok(p, &["import", "students", students.to_str().unwrap()]);
    ok(
        p,
        &[
            "assessments",
            "add",
            "--classroom",
            "1A",
            "--subject",
            "ARB",
            "--name-ar",
            "اختبار",
            "--name-en",
            "Quiz",
            "--total",
            "20",
            "--weight",
            "100",
            "--date",
            "2026-10-01",
        ],
    );
    let out = p.join("cards.pdf");
    let printed = json(
        p,
        &[
            "print",
            "report-cards",
            "--classroom",
            "1A",
            "--term",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(printed["pages"], 2);
    assert!(pdf_text(&out).contains("Al Fajr School"));
    // Locked, the term's assessments stay as they are.
    ok(p, &["setup", "lock-term", "1"]);
    let locked = fails(
        p,
        &[
            "assessments",
            "add",
            "--classroom",
            "1A",
            "--subject",
            "ARB",
            "--name-ar",
            "ب",
            "--name-en",
            "Quiz 2",
            "--total",
            "20",
            "--weight",
            "10",
            "--date",
            "2026-10-08",
        ],
    );
    assert!(locked.contains("locked"), "{locked}");
    // The grade has a classroom; archiving it is refused in Arabic too.
    let out = daftar(p, &["--lang", "ar", "setup", "archive", "grade", &grade]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("خطأ"), "{}", text(&out.stderr));
}

#[test]
fn another_systems_file_imports_with_joins_defaults_and_its_date_order_and_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    ok(
        p,
        &[
            "setup",
            "start",
            "--name-ar",
            "مدرسة",
            "--name-en",
            "School",
            "--country",
            "AE",
            "--admin-ar",
            "أ",
            "--admin-en",
            "A",
        ],
    );
    let file = p.join("sis.csv");
    std::fs::write(
        &file,
        "First,Last,Arabic,Born,Sex\nLayla,Haddad,ليلى حداد,12/06/19,بنت\nSami,Nasser,سامي ناصر,01/31/18,ولد\n",
    )
    .unwrap();
    let args = |extra: &[&'static str]| {
        let mut all = vec![
            "import",
            "students",
            file.to_str().unwrap(),
            "--join",
            "name_en=First+Last",
            "--map",
            "Arabic=name_ar",
            "--map",
            "Born=birth_date",
            "--map",
            "Sex=gender",
            "--gender",
            "بنت=female",
            "--gender",
            "ولد=male",
            "--default",
            "nationality=AE",
            "--date-order",
            "mdy",
            "--number-missing",
        ];
        all.extend_from_slice(extra);
        all
    };
    let preview = json(p, &args(&["--preview"]));
    assert_eq!(preview["preview"], true);
    assert_eq!(preview["created"], 2);
    assert_eq!(preview["plan"][1]["name_en"], "Sami Nasser");
    assert_eq!(
        json(p, &["students", "search"])["total"],
        0,
        "a preview writes nothing"
    );
    let report = json(p, &args(&[]));
    assert_eq!(report["created"], 2);
    let layla = json(p, &["students", "show", "1"]);
    assert_eq!(layla["student"]["birth_date"], "2019-12-06");
    assert_eq!(layla["student"]["gender"], "female");
    // Staff and students out as .xlsx.
    let staff = p.join("staff.xlsx");
    ok(p, &["export", "staff", staff.to_str().unwrap()]);
    assert!(std::fs::read(&staff).unwrap().starts_with(b"PK"));
    let students = p.join("students.xlsx");
    ok(p, &["export", "students", students.to_str().unwrap()]);
    let undone = json(p, &["import", "undo"]);
    assert_eq!(undone["removed"], 2);
    assert_eq!(json(p, &["students", "search"])["total"], 0);
    // The spreadsheet brings them back.
    assert_eq!(
        json(p, &["import", "students", students.to_str().unwrap()])["created"],
        2
    );
    assert_eq!(json(p, &["import", "undo"])["removed"], 2);
    let nothing = fails(p, &["import", "undo"]);
    assert!(nothing.contains("no import to undo"), "{nothing}");
}

#[test]
fn analytics_views_are_written_for_scripts() {
    let dir = demo();
    let out = dir.path().join("attendance.xlsx");
    let said = ok(
        dir.path(),
        &["report", "attendance", "--out", out.to_str().unwrap()],
    );
    assert!(said.starts_with("Exported "), "{said}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK\x03\x04"));

    // A grade's classrooms as CSV: the first table, one row per classroom.
    let csv = dir.path().join("grade.csv");
    let view = json(
        dir.path(),
        &[
            "report",
            "attendance",
            "--grade",
            "Grade 1",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(view["frame"]["level"], "classroom");
    let written = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = written.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Classroom,Present,Absent,Late,Excused,Attendance %"
    );
    let rows = view["tables"][0]["rows"].as_array().unwrap();
    assert_eq!(lines.len() - 1, rows.len());
    assert!(!rows.is_empty());

    let pdf = dir.path().join("fees.pdf");
    ok(
        dir.path(),
        &[
            "report",
            "fees",
            "--by",
            "classroom",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdf_text(&pdf);
    assert!(text.contains("Billed and collected by month"), "{text}");

    let marks = dir.path().join("marks.xlsx");
    ok(
        dir.path(),
        &[
            "report",
            "marks",
            "--term",
            "1",
            "--out",
            marks.to_str().unwrap(),
        ],
    );

    let stderr = fails(
        dir.path(),
        &[
            "report",
            "marks",
            "--out",
            dir.path().join("m.doc").to_str().unwrap(),
        ],
    );
    assert!(stderr.contains("xlsx, csv, pdf"), "{stderr}");
    let stderr = fails(
        dir.path(),
        &[
            "report",
            "attendance",
            "--grade",
            "Grade 99",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert!(stderr.contains("Grade 99"), "{stderr}");
    let stderr = fails(
        dir.path(),
        &[
            "report",
            "attendance",
            "--from",
            "2026-03-01",
            "--to",
            "2026-02-01",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert!(stderr.contains("backwards"), "{stderr}");
}
