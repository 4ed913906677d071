//! The analytics aggregations against a small school counted by hand: every figure below
//! was worked out on paper from the registers, marks and invoices written here.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use daftar_domain::*;
use daftar_store::*;
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Small {
    _dir: tempfile::TempDir,
    store: Store,
    year: Uuid,
    term1: Uuid,
    term2: Uuid,
    grade5: Uuid,
    grade6: Uuid,
    c5a: Uuid,
    c5b: Uuid,
    c6a: Uuid,
    math: Uuid,
    sara: Uuid,
    omar: Uuid,
    lina: Uuid,
    yusuf: Uuid,
}

fn student(number: &str, en: &str, gender: Gender, nationality: &str) -> Student {
    Student {
        id: new_id(),
        admission_number: number.into(),
        name_ar: format!("{en} بالعربية"),
        name_en: en.into(),
        gender,
        birth_date: d(2014, 5, 1),
        national_id: None,
        nationality: nationality.into(),
        status: StudentStatus::Active,
    }
}

/// Grades 5 (5A of 30 places, 5B of 25) and 6 (6A of 20); Sara and Omar in 5A, Lina in 5B,
/// Yusuf in 6A until he left on 20 November; Huda has an invoice and no classroom.
///
/// Registers, Sunday 7 to Thursday 11 September (and Yusuf on Sunday 14):
///   Sara P P P P P · Omar A P L A P · Lina P L L P E · Yusuf P P P P P, P.
/// Term 1 marks (percent): Sara maths 82.5 (quiz 18/20 ×1, exam 80/100 ×3), science 90;
/// Omar maths 32.5 (8/20, 30/100), science 40; Lina maths 70, science 50; Yusuf maths 100.
/// Term 2: Sara maths 85, Lina maths 40.
/// Invoices (today 15 December): Sara 1000 due 1 Oct, 600 paid; Omar 2000 due 1 Dec;
/// Lina 500 issued 1 Oct due 10 Jan, 500 paid, 100 refunded in November; Yusuf 800 due
/// 10 Sep; Huda 300 due 30 Sep.
fn small() -> Small {
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
    let term = |ordinal: u8, start: NaiveDate, end: NaiveDate| Term {
        id: new_id(),
        year_id: year.id,
        ordinal,
        name_ar: format!("الفصل {ordinal}"),
        name_en: format!("Term {ordinal}"),
        start_date: start,
        end_date: end,
        marks_locked: false,
    };
    let term1 = term(1, d(2025, 8, 31), d(2026, 1, 15));
    let term2 = term(2, d(2026, 1, 18), d(2026, 6, 30));
    let grade = |ordinal: u8| GradeLevel {
        id: new_id(),
        ordinal,
        name_ar: format!("الصف {ordinal}"),
        name_en: format!("Grade {ordinal}"),
    };
    let (grade5, grade6) = (grade(5), grade(6));
    let classroom = |grade: &GradeLevel, name: &str, capacity: u32| Classroom {
        id: new_id(),
        year_id: year.id,
        grade_id: grade.id,
        name_ar: format!("{name} ع"),
        name_en: name.into(),
        homeroom_teacher_id: None,
        capacity,
        room: None,
    };
    let c5a = classroom(&grade5, "5A", 30);
    let c5b = classroom(&grade5, "5B", 25);
    let c6a = classroom(&grade6, "6A", 20);
    let subject = |code: &str| Subject {
        id: new_id(),
        code: code.into(),
        name_ar: format!("{code} ع"),
        name_en: code.into(),
        weight: 1.0,
        grade_ids: String::new(),
    };
    let (math, science) = (subject("MATH"), subject("SCI"));
    let sara = student("S-1", "Sara", Gender::Female, "AE");
    let omar = student("S-2", "Omar", Gender::Male, "EG");
    let lina = student("S-3", "Lina", Gender::Female, "AE");
    let yusuf = student("S-4", "Yusuf", Gender::Male, "JO");
    let huda = student("S-5", "Huda", Gender::Female, "SA");

    store
        .write(user, |w| {
            w.save_year(&year)?;
            w.save_term(&term1)?;
            w.save_term(&term2)?;
            w.save_grade(&grade5)?;
            w.save_grade(&grade6)?;
            for c in [&c5a, &c5b, &c6a] {
                w.save_classroom(c)?;
            }
            w.save_subject(&math)?;
            w.save_subject(&science)?;
            for (s, c) in [(&sara, &c5a), (&omar, &c5a), (&lina, &c5b), (&yusuf, &c6a)] {
                w.create_student(s)?;
                w.enroll(&Enrollment::new(s.id, year.id, c.id, d(2025, 8, 31)))?;
            }
            w.create_student(&huda)?;

            use AttendanceStatus::{Absent as A, Excused as E, Late as L, Present as P};
            let week = [
                d(2025, 9, 7),
                d(2025, 9, 8),
                d(2025, 9, 9),
                d(2025, 9, 10),
                d(2025, 9, 11),
            ];
            for (s, c, marks) in [
                (&sara, &c5a, [P, P, P, P, P]),
                (&omar, &c5a, [A, P, L, A, P]),
                (&lina, &c5b, [P, L, L, P, E]),
                (&yusuf, &c6a, [P, P, P, P, P]),
            ] {
                for (date, status) in week.iter().zip(marks) {
                    w.save_attendance(&register(s.id, c.id, *date, status))?;
                }
            }
            w.save_attendance(&register(yusuf.id, c6a.id, d(2025, 9, 14), P))?;

            let mut assess = |c: &Classroom,
                              subject: &Subject,
                              term: &Term,
                              total: f64,
                              weight: f64,
                              marks: &[(&Student, f64)]|
             -> daftar_store::Result<()> {
                let a = Assessment {
                    id: new_id(),
                    classroom_id: c.id,
                    subject_id: subject.id,
                    term_id: term.id,
                    name_ar: format!("تقييم {}", subject.code),
                    name_en: format!("{} {}", subject.code, total),
                    total,
                    weight,
                    date: term.start_date + chrono::Days::new(10),
                };
                w.save_assessment(&a)?;
                for (s, mark) in marks {
                    w.save_result(&AssessmentResult {
                        id: AssessmentResult::natural_id(a.id, s.id),
                        assessment_id: a.id,
                        student_id: s.id,
                        mark: Some(*mark),
                        remark: None,
                    })?;
                }
                Ok(())
            };
            assess(
                &c5a,
                &math,
                &term1,
                20.0,
                1.0,
                &[(&sara, 18.0), (&omar, 8.0)],
            )?;
            assess(
                &c5a,
                &math,
                &term1,
                100.0,
                3.0,
                &[(&sara, 80.0), (&omar, 30.0)],
            )?;
            assess(
                &c5a,
                &science,
                &term1,
                50.0,
                1.0,
                &[(&sara, 45.0), (&omar, 20.0)],
            )?;
            assess(&c5b, &math, &term1, 20.0, 1.0, &[(&lina, 14.0)])?;
            assess(&c5b, &science, &term1, 50.0, 1.0, &[(&lina, 25.0)])?;
            assess(&c6a, &math, &term1, 20.0, 1.0, &[(&yusuf, 20.0)])?;
            assess(&c5a, &math, &term2, 20.0, 1.0, &[(&sara, 17.0)])?;
            assess(&c5b, &math, &term2, 20.0, 1.0, &[(&lina, 8.0)])?;

            let mut bill = |number: &str,
                            s: &Student,
                            amount: i64,
                            issued: NaiveDate,
                            due: NaiveDate|
             -> daftar_store::Result<Uuid> {
                let invoice = Invoice {
                    id: new_id(),
                    number: number.into(),
                    student_id: s.id,
                    year_id: year.id,
                    fee_structure_id: None,
                    description: "Tuition".into(),
                    amount,
                    issued_on: issued,
                    due_on: due,
                    plan_id: None,
                    instalment: 0,
                    vat_amount: 0,
                    voided_on: None,
                    void_reason: None,
                };
                w.save_invoice(&invoice)?;
                Ok(invoice.id)
            };
            let sara_invoice = bill("INV-1", &sara, 1000, d(2025, 9, 1), d(2025, 10, 1))?;
            bill("INV-2", &omar, 2000, d(2025, 9, 1), d(2025, 12, 1))?;
            let lina_invoice = bill("INV-3", &lina, 500, d(2025, 10, 1), d(2026, 1, 10))?;
            bill("INV-4", &yusuf, 800, d(2025, 9, 1), d(2025, 9, 10))?;
            bill("INV-5", &huda, 300, d(2025, 9, 1), d(2025, 9, 30))?;
            let mut pay = |number: &str, invoice: Uuid, amount: i64, on: NaiveDate| {
                w.record_payment(&Payment {
                    id: new_id(),
                    receipt_number: number.into(),
                    invoice_id: invoice,
                    amount,
                    paid_on: on,
                    method: PaymentMethod::Cash,
                    received_by: user,
                    reference: None,
                    cheque_bank: None,
                    cheque_date: None,
                    surplus: 0,
                })
            };
            pay("R-1", sara_invoice, 600, d(2025, 9, 20))?;
            pay("R-2", lina_invoice, 500, d(2025, 10, 5))?;
            w.record_refund(&Refund {
                id: new_id(),
                number: "RF-1".into(),
                invoice_id: lina_invoice,
                amount: 100,
                method: PaymentMethod::Cash,
                reference: None,
                reason: "Bus not taken".into(),
                refunded_on: d(2025, 11, 2),
                refunded_by: user,
            })?;

            let mut left = Enrollment::new(yusuf.id, year.id, c6a.id, d(2025, 8, 31));
            left.left_on = Some(d(2025, 11, 20));
            w.update_enrollment(&left)?;
            Ok(())
        })
        .unwrap();
    Small {
        _dir: dir,
        store,
        year: year.id,
        term1: term1.id,
        term2: term2.id,
        grade5: grade5.id,
        grade6: grade6.id,
        c5a: c5a.id,
        c5b: c5b.id,
        c6a: c6a.id,
        math: math.id,
        sara: sara.id,
        omar: omar.id,
        lina: lina.id,
        yusuf: yusuf.id,
    }
}

fn register(
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

impl Small {
    fn scope(&self, level: Level) -> Scope {
        let all = vec![self.c5a, self.c5b, self.c6a];
        Scope {
            year_id: self.year,
            classrooms: all.clone(),
            visible: all,
            whole_school: true,
            teaches: None,
            subject_id: None,
            term_id: Some(self.term1),
            previous_term_id: None,
            from: d(2025, 8, 31),
            to: d(2026, 6, 30),
            level,
        }
    }
}

fn sc(present: i64, absent: i64, late: i64, excused: i64) -> StatusCounts {
    StatusCounts {
        present,
        absent,
        late,
        excused,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn attendance_is_counted_by_day_week_weekday_grade_and_student() {
    let s = small();
    let f = s
        .store
        .attendance_figures(&s.scope(Level::Grade), 10.0, 0)
        .unwrap();
    assert_eq!(f.totals, sc(15, 2, 3, 1));
    assert_eq!(f.days.len(), 6);
    assert_eq!(f.days[0].date, d(2025, 9, 7));
    assert_eq!(f.days[0].counts, sc(3, 1, 0, 0));
    assert_eq!(f.days[2].counts, sc(2, 0, 2, 0));
    assert_eq!(f.days[5].counts, sc(1, 0, 0, 0));
    let weeks: Vec<_> = f.weeks.iter().map(|w| (w.date, w.counts)).collect();
    assert_eq!(
        weeks,
        vec![
            (d(2025, 9, 7), sc(14, 2, 3, 1)),
            (d(2025, 9, 14), sc(1, 0, 0, 0))
        ]
    );
    assert_eq!(
        f.weekdays,
        vec![
            (0, sc(4, 1, 0, 0)),
            (1, sc(3, 0, 1, 0)),
            (2, sc(2, 0, 2, 0)),
            (3, sc(3, 1, 0, 0)),
            (4, sc(3, 0, 0, 1)),
        ]
    );
    let groups: Vec<_> = f.groups.iter().map(|g| (g.group.id, g.counts)).collect();
    assert_eq!(
        groups,
        vec![(s.grade5, sc(9, 2, 3, 1)), (s.grade6, sc(6, 0, 0, 0))]
    );
    assert_eq!(f.groups[0].counts.rate(), Some(80.0));

    let chronic: Vec<_> = f
        .chronic
        .iter()
        .map(|c| (c.student.id, c.missed_percent))
        .collect();
    assert_eq!(chronic, vec![(s.omar, 40.0), (s.lina, 20.0)]);
    assert_eq!(f.chronic[0].student.classroom_en, "5A");
    let late: Vec<_> = f
        .frequent_late
        .iter()
        .map(|c| (c.student.id, c.counts.late))
        .collect();
    assert_eq!(late, vec![(s.lina, 2), (s.omar, 1)]);

    // A higher threshold, weeks from Monday, one classroom at the student level.
    let mut scope = s.scope(Level::Student);
    scope.classrooms = vec![s.c5a];
    let f = s.store.attendance_figures(&scope, 25.0, 1).unwrap();
    assert_eq!(f.totals, sc(7, 2, 1, 0));
    assert_eq!(f.weeks[0].date, d(2025, 9, 1));
    let students: Vec<_> = f.groups.iter().map(|g| (g.group.id, g.counts)).collect();
    assert_eq!(
        students,
        vec![(s.omar, sc(2, 2, 1, 0)), (s.sara, sc(5, 0, 0, 0))]
    );
    assert_eq!(f.chronic.len(), 1);

    // Dates narrow every figure.
    let mut scope = s.scope(Level::Classroom);
    scope.from = d(2025, 9, 12);
    let f = s.store.attendance_figures(&scope, 10.0, 0).unwrap();
    assert_eq!(f.totals, sc(1, 0, 0, 0));
    assert_eq!(
        f.groups.iter().map(|g| g.group.id).collect::<Vec<_>>(),
        vec![s.c5a, s.c5b, s.c6a]
    );
    assert_eq!(f.groups[0].counts, StatusCounts::default());
}

#[test]
fn no_attendance_step_scans_the_table() {
    let s = small();
    let plans = s.store.attendance_plans(&s.scope(Level::Grade)).unwrap();
    assert!(!plans.is_empty());
    for step in &plans {
        assert!(!step.starts_with("SCAN a"), "{plans:?}");
    }
    assert!(
        plans.iter().any(|p| p.contains("attendance_day_registers")),
        "{plans:?}"
    );

    // Over many classrooms the per-student pass streams through the index by student (the
    // same classrooms named three times over stand for many here), with the same figures.
    let mut many = s.scope(Level::Student);
    many.classrooms = [s.c5a, s.c5b, s.c6a].repeat(3);
    let plans = s.store.attendance_plans(&many).unwrap();
    assert!(
        plans
            .iter()
            .any(|p| p.contains("COVERING INDEX attendance_student_days")),
        "{plans:?}"
    );
    for step in &plans {
        assert!(
            !step.starts_with("SCAN a") || step.contains("COVERING INDEX"),
            "{plans:?}"
        );
    }
    let streamed = s.store.attendance_figures(&many, 10.0, 0).unwrap();
    let sought = s
        .store
        .attendance_figures(&s.scope(Level::Student), 10.0, 0)
        .unwrap();
    assert_eq!(streamed.groups, sought.groups);
    assert_eq!(streamed.chronic, sought.chronic);
}

#[test]
fn marks_give_spreads_groups_against_their_grade_at_risk_and_top() {
    let s = small();
    let f = s
        .store
        .marks_figures(&s.scope(Level::Classroom), 50.0)
        .unwrap();
    let math = &f.subjects[0];
    assert_eq!(math.subject.name_en, "MATH");
    let m = &math.spread;
    assert_eq!(m.count, 4);
    assert!(close(m.mean, 71.25));
    assert_eq!(
        (m.min, m.q1, m.median, m.q3, m.max),
        (32.5, 32.5, 70.0, 82.5, 100.0)
    );
    assert_eq!(m.bins, vec![0, 0, 0, 1, 0, 0, 0, 1, 1, 1]);
    let sci = &f.subjects[1].spread;
    assert_eq!(
        (sci.count, sci.min, sci.q1, sci.median, sci.q3, sci.max),
        (3, 40.0, 40.0, 50.0, 90.0, 90.0)
    );
    assert!(close(sci.mean, 60.0));

    // 5A's maths quiz: 90 and 40 (its exam, "MATH 100", sorts first on the same day).
    assert_eq!(f.assessments[0].assessment.name_en, "MATH 100");
    let quiz = &f.assessments[1];
    assert_eq!(
        (
            quiz.classroom.name_en.as_str(),
            quiz.subject.name_en.as_str()
        ),
        ("5A", "MATH")
    );
    assert_eq!(
        (
            quiz.spread.count,
            quiz.spread.min,
            quiz.spread.median,
            quiz.spread.max
        ),
        (2, 40.0, 40.0, 90.0)
    );
    assert_eq!(f.assessments.len(), 6);

    let groups: Vec<_> = f
        .groups
        .iter()
        .map(|g| {
            (
                g.group.name_en.as_str(),
                g.subject.name_en.as_str(),
                g.average,
                g.students,
                g.grade_average,
            )
        })
        .collect();
    let grade5_math = (82.5 + 32.5 + 70.0) / 3.0;
    assert_eq!(groups[0], ("5A", "MATH", 57.5, 2, grade5_math));
    assert_eq!(groups[1], ("5A", "SCI", 65.0, 2, 60.0));
    assert_eq!(groups[2], ("5B", "MATH", 70.0, 1, grade5_math));
    assert_eq!(groups[3], ("5B", "SCI", 50.0, 1, 60.0));
    assert_eq!(groups[4], ("6A", "MATH", 100.0, 1, 100.0));

    // Omar fails both subjects; Lina's 50 in science is a pass.
    let risk: Vec<_> = f
        .at_risk
        .iter()
        .map(|r| (r.student.id, r.failing, r.average))
        .collect();
    assert_eq!(risk, vec![(s.omar, 2, 36.25)]);
    let top: Vec<_> = f.top.iter().map(|t| (t.student.id, t.average)).collect();
    assert_eq!(
        top,
        vec![
            (s.yusuf, 100.0),
            (s.sara, 86.25),
            (s.lina, 60.0),
            (s.omar, 36.25)
        ]
    );

    // Term 2 against term 1: Lina fell from 60 to 40; Sara from 86.25 to 85 is no drop.
    let mut scope = s.scope(Level::Grade);
    scope.term_id = Some(s.term2);
    scope.previous_term_id = Some(s.term1);
    let f = s.store.marks_figures(&scope, 50.0).unwrap();
    let risk: Vec<_> = f
        .at_risk
        .iter()
        .map(|r| (r.student.id, r.failing, r.average, r.previous))
        .collect();
    assert_eq!(risk, vec![(s.lina, 1, 40.0, Some(60.0))]);
    assert_eq!(f.groups.len(), 1);
    assert!(close(f.groups[0].average, 62.5));

    // A subject filter, and a teacher who teaches only 5B's maths.
    let mut scope = s.scope(Level::Classroom);
    scope.subject_id = Some(s.math);
    let f = s.store.marks_figures(&scope, 50.0).unwrap();
    assert_eq!(f.subjects.len(), 1);
    assert!(f.groups.iter().all(|g| g.subject.id == s.math));
    let mut scope = s.scope(Level::Classroom);
    scope.classrooms = vec![s.c5b];
    scope.visible = vec![s.c5b];
    scope.teaches = Some(vec![(s.c5b, s.math)]);
    let f = s.store.marks_figures(&scope, 50.0).unwrap();
    assert_eq!(f.subjects.len(), 1);
    assert_eq!(f.subjects[0].spread.count, 1);
    assert_eq!(f.assessments.len(), 1);
    assert_eq!(
        f.top.iter().map(|t| t.student.id).collect::<Vec<_>>(),
        vec![s.lina]
    );
    assert_eq!(f.groups[0].grade_average, 70.0);
}

#[test]
fn fees_give_months_aging_groups_and_the_long_overdue() {
    let s = small();
    let today = d(2025, 12, 15);
    let f = s.store.fees_figures(&s.scope(Level::Grade), today).unwrap();
    assert_eq!(
        f.totals,
        Money {
            billed: 4600,
            collected: 1000,
            outstanding: 3600,
            overdue: 3500,
        }
    );
    assert_eq!(
        f.aging,
        vec![(100, 1), (2000, 1), (0, 0), (700, 2), (800, 1)]
    );
    let months: Vec<_> = f
        .months
        .iter()
        .map(|m| (m.month.as_str(), m.billed, m.collected))
        .collect();
    assert_eq!(
        months,
        vec![
            ("2025-09", 4100, 600),
            ("2025-10", 500, 500),
            ("2025-11", 0, -100)
        ]
    );
    let groups: Vec<_> = f.groups.iter().map(|g| (g.group.id, g.money)).collect();
    assert_eq!(
        groups,
        vec![
            (
                s.grade5,
                Money {
                    billed: 3500,
                    collected: 1000,
                    outstanding: 2500,
                    overdue: 2400
                }
            ),
            (
                s.grade6,
                Money {
                    billed: 800,
                    collected: 0,
                    outstanding: 800,
                    overdue: 800
                }
            ),
        ]
    );
    let overdue: Vec<_> = f
        .long_overdue
        .iter()
        .map(|o| (o.number.as_str(), o.days_overdue, o.balance))
        .collect();
    assert_eq!(
        overdue,
        vec![("INV-4", 96, 800), ("INV-5", 76, 300), ("INV-1", 75, 400)]
    );
    assert_eq!(f.long_overdue[1].student.classroom_en, "");

    // Narrowed to grade 5's classrooms: Huda's and Yusuf's invoices drop out.
    let mut scope = s.scope(Level::Classroom);
    scope.classrooms = vec![s.c5a, s.c5b];
    scope.whole_school = false;
    let f = s.store.fees_figures(&scope, today).unwrap();
    assert_eq!(f.totals.billed, 3500);
    assert_eq!(
        f.groups.iter().map(|g| g.group.id).collect::<Vec<_>>(),
        vec![s.c5a, s.c5b]
    );
    // Due dates narrow the invoices: only those due in December or later.
    let mut scope = s.scope(Level::Grade);
    scope.from = d(2025, 12, 1);
    let f = s.store.fees_figures(&scope, today).unwrap();
    assert_eq!(f.totals.billed, 2500);
}

#[test]
fn enrollment_counts_placed_students_against_capacity() {
    let s = small();
    let f = s.store.enrollment_figures(&s.scope(Level::Grade)).unwrap();
    assert_eq!((f.enrolled, f.capacity), (3, 75));
    let groups: Vec<_> = f
        .groups
        .iter()
        .map(|g| (g.group.id, g.enrolled, g.male, g.female, g.capacity))
        .collect();
    assert_eq!(
        groups,
        vec![(s.grade5, 3, 1, 2, 55), (s.grade6, 0, 0, 0, 20)]
    );
    assert_eq!(
        f.nationalities,
        vec![("AE".to_string(), 2), ("EG".to_string(), 1)]
    );
    let months: Vec<_> = f
        .months
        .iter()
        .map(|m| (m.month.as_str(), m.admitted, m.withdrawn))
        .collect();
    assert_eq!(months, vec![("2025-08", 4, 0), ("2025-11", 0, 1)]);

    // On a day before he left, Yusuf is still counted.
    let mut scope = s.scope(Level::Classroom);
    scope.to = d(2025, 10, 1);
    let f = s.store.enrollment_figures(&scope).unwrap();
    assert_eq!(
        f.groups.iter().map(|g| g.enrolled).collect::<Vec<_>>(),
        vec![2, 1, 1]
    );
    assert_eq!(
        f.months,
        vec![MonthMoves {
            month: "2025-08".into(),
            admitted: 4,
            withdrawn: 0
        }]
    );
}
