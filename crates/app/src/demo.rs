//! The demo school: a complete, realistic school generated from a seed, so a newcomer can
//! explore at once and every benchmark measures the same data. The same options give the
//! same school, row for row.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use daftar_domain::*;
use daftar_store::Store;
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Failure, Result};
use crate::names::*;

/// School days in the demo's academic year.
pub const SCHOOL_DAYS: usize = 180;
/// Students per classroom, on average.
const CLASS_SIZE: f64 = 31.25;
/// Staff per student: 120 for the standard school's 2,500.
const STAFF_PER_STUDENT: f64 = 120.0 / 2_500.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub students: usize,
    pub seed: u64,
    /// The calendar year in which the academic year starts (late August).
    pub year_start: i32,
    /// Attendance, marks and payments up to and including this day; `None`: the whole year.
    pub until: Option<NaiveDate>,
}

impl DemoOptions {
    /// The standard school every benchmark uses: 2,500 students, a whole year.
    pub fn standard() -> Self {
        DemoOptions {
            students: 2_500,
            seed: 1,
            year_start: 2025,
            until: None,
        }
    }

    /// The school year running on `today` (or the one starting this August, in the summer),
    /// filled in up to the day before.
    pub fn as_of(today: NaiveDate, students: usize, seed: u64) -> Self {
        let year_start = if today.month() >= 8 {
            today.year()
        } else {
            today.year() - 1
        };
        DemoOptions {
            students,
            seed,
            year_start,
            until: Some(today - Duration::days(1)),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoSummary {
    pub school: String,
    pub year: String,
    pub students: usize,
    pub guardians: usize,
    pub staff: usize,
    pub classrooms: usize,
    pub subjects: usize,
    pub school_days: usize,
    pub attendance: usize,
    pub assessments: usize,
    pub results: usize,
    pub remarks: usize,
    pub invoices: usize,
    pub payments: usize,
    pub rows: usize,
}

/// SplitMix64: tiny, fast, and fixed forever, so a seed always means the same school.
#[derive(Debug)]
struct Rng {
    state: u64,
    ids: u64,
    epoch_ms: u64,
}

impl Rng {
    fn new(seed: u64, epoch_ms: u64) -> Self {
        Rng {
            state: seed ^ 0x5DEE_CE66_D1CE_4E5B,
            ids: 0,
            epoch_ms,
        }
    }
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        let u1 = self.unit().max(f64::MIN_POSITIVE);
        let u2 = self.unit();
        mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
    /// A UUIDv7 whose time and random bits both come from the seed.
    fn id(&mut self) -> Uuid {
        self.ids += 1;
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&self.next().to_le_bytes());
        random[8..].copy_from_slice(&self.next().to_le_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(self.epoch_ms + self.ids, &random).into_uuid()
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

fn on_or_after(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    day.iter_days()
        .find(|d| d.weekday() == weekday)
        .expect("a week has every weekday")
}

/// Eid al-Fitr and Eid al-Adha (first day, Umm al-Qura as announced) for the years a demo
/// is likely to be made for; outside them the demo simply has no Eid holiday.
fn eids(year: i32) -> Vec<(NaiveDate, &'static str, &'static str)> {
    type MonthDay = (u32, u32);
    let table: &[(i32, MonthDay, MonthDay)] = &[
        (2024, (4, 10), (6, 16)),
        (2025, (3, 30), (6, 6)),
        (2026, (3, 20), (5, 27)),
        (2027, (3, 9), (5, 16)),
        (2028, (2, 26), (5, 5)),
        (2029, (2, 14), (4, 24)),
        (2030, (2, 4), (4, 13)),
        (2031, (1, 24), (4, 2)),
    ];
    table
        .iter()
        .filter(|(y, _, _)| *y == year)
        .flat_map(|(y, fitr, adha)| {
            [
                (date(*y, fitr.0, fitr.1), "عيد الفطر", "Eid al-Fitr"),
                (date(*y, adha.0, adha.1), "عيد الأضحى", "Eid al-Adha"),
            ]
        })
        .collect()
}

struct Calendar {
    year: AcademicYear,
    terms: [Term; 2],
    holidays: Vec<Holiday>,
    days: Vec<NaiveDate>,
}

/// A Gulf school year: Sunday to Thursday, two semesters, national and religious holidays,
/// ending on its 180th school day.
fn calendar(rng: &mut Rng, y: i32) -> Calendar {
    let start = on_or_after(date(y, 8, 25), Weekday::Sun);
    let year_id = rng.id();
    let mut holidays = Vec::new();
    let mut holiday = |rng: &mut Rng, ar: &str, en: &str, from: NaiveDate, to: NaiveDate| {
        holidays.push(Holiday {
            id: rng.id(),
            year_id,
            name_ar: ar.into(),
            name_en: en.into(),
            start_date: from,
            end_date: to,
        });
    };
    holiday(
        rng,
        "اليوم الوطني",
        "National Day",
        date(y, 12, 2),
        date(y, 12, 3),
    );
    let winter = on_or_after(date(y, 12, 14), Weekday::Sun);
    holiday(
        rng,
        "عطلة الشتاء",
        "Winter break",
        winter,
        winter + Duration::days(18),
    );
    let second_term = on_or_after(date(y + 1, 1, 18), Weekday::Sun);
    let first_term_end = second_term - Duration::days(10);
    holiday(
        rng,
        "عطلة منتصف العام",
        "Mid-year break",
        first_term_end + Duration::days(1),
        second_term - Duration::days(1),
    );
    let spring = on_or_after(date(y + 1, 3, 22), Weekday::Sun);
    holiday(
        rng,
        "عطلة الربيع",
        "Spring break",
        spring,
        spring + Duration::days(11),
    );
    for (day, ar, en) in eids(y + 1) {
        holiday(
            rng,
            ar,
            en,
            day - Duration::days(1),
            day + Duration::days(2),
        );
    }
    let mut year = AcademicYear {
        id: year_id,
        name: format!("{}/{}", y, y + 1),
        start_date: start,
        end_date: date(y + 1, 7, 31),
        school_week: SchoolWeek::GULF,
        is_current: true,
    };
    let days: Vec<NaiveDate> = calendar::school_days(&year, &holidays)
        .into_iter()
        .take(SCHOOL_DAYS)
        .collect();
    year.end_date = *days.last().expect("a school year has school days");
    holidays.retain(|h| h.start_date <= year.end_date);
    for h in &mut holidays {
        h.end_date = h.end_date.min(year.end_date);
    }
    let terms = [
        Term {
            id: rng.id(),
            year_id,
            ordinal: 1,
            name_ar: "الفصل الدراسي الأول".into(),
            name_en: "First semester".into(),
            start_date: start,
            end_date: first_term_end,
            marks_locked: false,
        },
        Term {
            id: rng.id(),
            year_id,
            ordinal: 2,
            name_ar: "الفصل الدراسي الثاني".into(),
            name_en: "Second semester".into(),
            start_date: second_term,
            end_date: year.end_date,
            marks_locked: false,
        },
    ];
    Calendar {
        year,
        terms,
        holidays,
        days,
    }
}

fn arabic_digits(n: usize) -> String {
    daftar_i18n::Localizer::arabic_indic_digits(&n.to_string())
}

struct Person {
    name_ar: String,
    name_en: String,
    nationality: &'static str,
    /// Index into FAMILY; `None` for the international families.
    family: Option<usize>,
}

fn person(rng: &mut Rng, gender: Gender) -> Person {
    if rng.chance(0.12) {
        let (nat, fam_ar, fam_en, boys, girls) = rng.pick(INTERNATIONAL);
        let (ar, en) = rng.pick(if gender == Gender::Male { boys } else { girls });
        return Person {
            name_ar: format!("{ar} {fam_ar}"),
            name_en: format!("{en} {fam_en}"),
            nationality: nat,
            family: None,
        };
    }
    let family = rng.below(FAMILY.len());
    let (first_ar, first_en) = rng.pick(if gender == Gender::Male { MALE } else { FEMALE });
    let (father_ar, father_en) = rng.pick(MALE);
    let (fam_ar, fam_en) = FAMILY[family];
    let weights: u32 = ARAB_NATIONALITIES.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(weights as usize) as u32;
    let nationality = ARAB_NATIONALITIES
        .iter()
        .find(|(_, w)| {
            let hit = roll < *w;
            roll = roll.saturating_sub(*w);
            hit
        })
        .map_or("AE", |(n, _)| n);
    let mut name_ar = format!("{first_ar} {father_ar} {fam_ar}");
    if rng.chance(0.05) {
        // Some offices type a fatha on the first letter; search must not care.
        let mut chars: Vec<char> = name_ar.chars().collect();
        chars.insert(1, '\u{064E}');
        name_ar = chars.into_iter().collect();
    }
    Person {
        name_ar,
        name_en: format!("{first_en} {father_en} {fam_en}"),
        nationality,
        family: Some(family),
    }
}

fn phone(rng: &mut Rng) -> String {
    format!(
        "+971 5{} {} {}",
        rng.pick(&[0, 2, 4, 5, 6, 8]),
        rng.digits(3),
        rng.digits(4)
    )
}

/// Generate the demo school into an empty store, in one transaction.
pub fn generate(store: &mut Store, options: DemoOptions) -> Result<DemoSummary> {
    if store.school()?.is_some() {
        return Err(Failure::SchoolExists);
    }
    let epoch = Utc
        .with_ymd_and_hms(options.year_start, 8, 1, 6, 0, 0)
        .single()
        .map_or(0, |t| t.timestamp_millis() as u64);
    let mut rng = Rng::new(options.seed, epoch);
    let cal = calendar(&mut rng, options.year_start);
    let until = options.until.unwrap_or(cal.year.end_date);
    let students_n = options.students.max(1);
    let classrooms_n = ((students_n as f64 / CLASS_SIZE).round() as usize).max(1);
    let grades_n = classrooms_n.min(GRADES.len());
    let staff_n = ((students_n as f64 * STAFF_PER_STUDENT).round() as usize).max(5);
    let mut summary = DemoSummary {
        school_days: cal.days.len(),
        year: cal.year.name.clone(),
        ..Default::default()
    };

    // Staff: a principal, a vice principal, office staff, and teachers.
    let mut staff = Vec::new();
    for i in 0..staff_n {
        let role = match i {
            0 | 1 => StaffRole::Admin,
            _ if i < 2 + (staff_n / 15).max(1) => StaffRole::Office,
            _ => StaffRole::Teacher,
        };
        let gender = if rng.chance(0.6) {
            Gender::Female
        } else {
            Gender::Male
        };
        let p = person(&mut rng, gender);
        let first = p
            .name_en
            .split(' ')
            .next()
            .unwrap_or("staff")
            .to_lowercase();
        staff.push(Staff {
            id: rng.id(),
            name_ar: p.name_ar,
            name_en: p.name_en,
            role,
            email: Some(format!("{first}.{i}@alnoor.example")),
            phone: Some(phone(&mut rng)),
            national_id: Some(format!(
                "784-{}-{}-{}",
                1965 + rng.below(35),
                rng.digits(7),
                rng.digits(1)
            )),
            active: true,
        });
    }
    let principal = staff[0].clone();
    let teachers: Vec<&Staff> = staff
        .iter()
        .filter(|s| s.role == StaffRole::Teacher)
        .collect();
    let school = School {
        id: rng.id(),
        name_ar: "مدرسة النور الدولية".into(),
        name_en: "Al Noor International School".into(),
        country: "AE".into(),
        currency: "AED".into(),
        currency_minor_digits: 2,
        principal_name_ar: principal.name_ar.clone(),
        principal_name_en: principal.name_en.clone(),
        primary_language: Language::Arabic,
        rank_enabled: true,
        logo_png: Some(base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            include_bytes!("../assets/demo-logo.png"),
        )),
        address: Some("شارع الخليج، دبي".into()),
        phone: Some("+971 4 555 0100".into()),
        tax_number: Some("100234567800003".into()),
        school_week: SchoolWeek::GULF,
        date_order: DateOrder::DayMonthYear,
        student_names: StudentNames::Both,
    };
    summary.school = school.name_en.clone();

    let grades: Vec<GradeLevel> = GRADES
        .iter()
        .enumerate()
        .take(grades_n)
        .map(|(i, (ar, en))| GradeLevel {
            id: rng.id(),
            ordinal: i as u8 + 1,
            name_ar: (*ar).into(),
            name_en: (*en).into(),
        })
        .collect();
    let mut classrooms = Vec::new();
    for c in 0..classrooms_n {
        let grade = &grades[c % grades_n];
        let section = c / grades_n;
        let (letter_ar, letter_en) = SECTIONS[section % SECTIONS.len()];
        let suffix = if section >= SECTIONS.len() {
            format!("{}", section / SECTIONS.len() + 1)
        } else {
            String::new()
        };
        classrooms.push(Classroom {
            id: rng.id(),
            year_id: cal.year.id,
            grade_id: grade.id,
            name_ar: format!(
                "{} {letter_ar}{suffix}",
                arabic_digits(grade.ordinal as usize)
            ),
            name_en: format!("{}{letter_en}{suffix}", grade.ordinal),
            homeroom_teacher_id: teachers.get(c % teachers.len().max(1)).map(|t| t.id),
            capacity: 35,
            room: Some(format!("{}{:02}", grade.ordinal, section + 1)),
        });
    }
    let subjects: Vec<Subject> = SUBJECTS
        .iter()
        .map(|(code, ar, en)| Subject {
            id: rng.id(),
            code: (*code).into(),
            name_ar: (*ar).into(),
            name_en: (*en).into(),
            weight: 1.0,
            grade_ids: String::new(),
        })
        .collect();
    let grade_of = |classroom: &Classroom| {
        grades
            .iter()
            .find(|g| g.id == classroom.grade_id)
            .expect("classroom's grade")
            .ordinal
    };

    let user = principal.id;
    let outbox_before = store.outbox_len()?;
    let outcome = store.write(user, |w| {
        w.save_school(&school)?;
        w.save_year(&cal.year)?;
        for t in &cal.terms {
            w.save_term(t)?;
        }
        for h in &cal.holidays {
            w.save_holiday(h)?;
        }
        for g in &grades {
            w.save_grade(g)?;
        }
        for s in &staff {
            w.save_staff(s)?;
        }
        for c in &classrooms {
            w.save_classroom(c)?;
        }
        for s in &subjects {
            w.save_subject(s)?;
        }
        for (i, (min, ar, en)) in GRADE_BANDS.iter().enumerate() {
            let id = natural_id("grade_band", &[&i.to_string()]);
            w.save_grade_band(&GradeBand {
                id,
                min_percent: *min,
                label_ar: (*ar).into(),
                label_en: (*en).into(),
            })?;
        }
        for (c, classroom) in classrooms.iter().enumerate() {
            for (s, subject) in subjects.iter().enumerate() {
                let teacher = teachers[(c * subjects.len() + s) % teachers.len().max(1)];
                w.save_assignment(&TeachingAssignment::new(
                    teacher.id,
                    classroom.id,
                    subject.id,
                ))?;
            }
        }

        // Fees: tuition by grade in two instalments, and books for everyone.
        let mut fees = Vec::new();
        for g in &grades {
            let fee = FeeStructure {
                id: rng.id(),
                year_id: cal.year.id,
                grade_id: Some(g.id),
                name_ar: format!("الرسوم الدراسية - {}", g.name_ar),
                name_en: format!("Tuition - {}", g.name_en),
                amount: (25_000 + 2_500 * (i64::from(g.ordinal) - 1)) * 100,
            };
            w.save_fee_structure(&fee)?;
            fees.push(fee);
        }
        let books = FeeStructure {
            id: rng.id(),
            year_id: cal.year.id,
            grade_id: None,
            name_ar: "الكتب والزي المدرسي".into(),
            name_en: "Books and uniform".into(),
            amount: 1_500 * 100,
        };
        w.save_fee_structure(&books)?;

        // Students, their guardians and enrollments, classroom by classroom.
        let mut guardians: Vec<(Guardian, Option<usize>, &'static str)> = Vec::new();
        let mut roster: Vec<Vec<(Uuid, f64, f64)>> = vec![Vec::new(); classrooms.len()];
        let office = staff
            .iter()
            .find(|s| s.role == StaffRole::Office)
            .unwrap_or(&principal)
            .id;
        let mut invoice_no = 0;
        let mut receipt_no = 0;
        for n in 0..students_n {
            let c = n % classrooms.len();
            let classroom = &classrooms[c];
            let gender = if rng.chance(0.5) {
                Gender::Male
            } else {
                Gender::Female
            };
            let mut p = person(&mut rng, gender);
            // Siblings: about one pupil in seven shares a guardian with an earlier one.
            let sibling = (!guardians.is_empty() && p.family.is_some() && rng.chance(0.15))
                .then(|| rng.below(guardians.len()));
            let guardian_id = match sibling.and_then(|g| guardians[g].1.map(|family| (g, family))) {
                Some((g, family)) => {
                    let (guardian, _, nationality) = &guardians[g];
                    let (first_ar, first_en) =
                        rng.pick(if gender == Gender::Male { MALE } else { FEMALE });
                    let father_ar = guardian.name_ar.split(' ').next().unwrap_or_default();
                    let father_en = guardian.name_en.split(' ').next().unwrap_or_default();
                    p.name_ar = format!("{first_ar} {father_ar} {}", FAMILY[family].0);
                    p.name_en = format!("{first_en} {father_en} {}", FAMILY[family].1);
                    p.nationality = nationality;
                    guardian.id
                }
                _ => {
                    let (father_ar, father_en) = {
                        let ar_words: Vec<&str> = p.name_ar.split(' ').collect();
                        let en_words: Vec<&str> = p.name_en.split(' ').collect();
                        (ar_words[1..].join(" "), en_words[1..].join(" "))
                    };
                    let guardian = Guardian {
                        id: rng.id(),
                        name_ar: father_ar.replace('\u{064E}', ""),
                        name_en: father_en,
                        phone: phone(&mut rng),
                        email: rng.chance(0.5).then(|| format!("parent{n}@mail.example")),
                        address: Some(format!(
                            "Villa {}, Street {}, Al Ain",
                            1 + rng.below(120),
                            1 + rng.below(40)
                        )),
                        national_id: Some(format!(
                            "784-{}-{}-{}",
                            1970 + rng.below(20),
                            rng.digits(7),
                            rng.digits(1)
                        )),
                        // Families from Arab countries read Arabic; the others English.
                        preferred_language: Some(
                            if ARAB_NATIONALITIES.iter().any(|(n, _)| *n == p.nationality) {
                                Language::Arabic
                            } else {
                                Language::English
                            },
                        ),
                    };
                    w.save_guardian(&guardian)?;
                    let id = guardian.id;
                    guardians.push((guardian, p.family, p.nationality));
                    id
                }
            };
            let age = 5 + i32::from(grade_of(classroom));
            let birth =
                date(options.year_start - age, 1, 1) + Duration::days(rng.below(365) as i64);
            let student = Student {
                id: rng.id(),
                admission_number: (100_001 + n).to_string(),
                name_ar: p.name_ar,
                name_en: p.name_en,
                gender,
                birth_date: birth,
                national_id: rng
                    .chance(0.95)
                    .then(|| format!("784-{}-{}-{}", birth.year(), rng.digits(7), rng.digits(1))),
                nationality: p.nationality.into(),
                status: StudentStatus::Active,
            };
            w.create_student(&student)?;
            w.link_guardian(&StudentGuardian::new(
                student.id,
                guardian_id,
                GuardianRelation::Father,
                true,
            ))?;
            w.enroll(&Enrollment::new(
                student.id,
                cal.year.id,
                classroom.id,
                cal.year.start_date,
            ))?;
            // How often this pupil is absent, and how able.
            let absence = *rng.pick(&[0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.04, 0.04, 0.04, 0.10]);
            let ability = rng.normal(0.74, 0.13).clamp(0.3, 0.99);
            roster[c].push((student.id, absence, ability));

            // Invoices: two tuition instalments and books; most paid, some partly.
            let tuition = fees
                .iter()
                .find(|f| f.grade_id == Some(classroom.grade_id))
                .expect("tuition per grade");
            let instalments = [
                (
                    tuition,
                    tuition.amount / 2,
                    cal.terms[0].start_date,
                    "First instalment",
                ),
                (
                    tuition,
                    tuition.amount - tuition.amount / 2,
                    cal.terms[1].start_date,
                    "Second instalment",
                ),
                (
                    &books,
                    books.amount,
                    cal.terms[0].start_date,
                    "Books and uniform",
                ),
            ];
            for (fee, amount, issued, what) in instalments {
                if issued > until {
                    continue;
                }
                invoice_no += 1;
                let invoice = Invoice {
                    id: rng.id(),
                    number: format!("INV-{}-{invoice_no:06}", options.year_start),
                    student_id: student.id,
                    year_id: cal.year.id,
                    fee_structure_id: Some(fee.id),
                    description: what.into(),
                    amount,
                    issued_on: issued,
                    due_on: issued + Duration::days(30),
                    plan_id: None,
                    instalment: 0,
                    vat_amount: 0,
                    voided_on: None,
                    void_reason: None,
                };
                w.save_invoice(&invoice)?;
                summary.invoices += 1;
                let roll = rng.unit();
                let paid = if roll < 0.75 {
                    amount
                } else if roll < 0.92 {
                    amount / 2
                } else {
                    0
                };
                let paid_on = issued + Duration::days(rng.below(40) as i64);
                if paid > 0 && paid_on <= until {
                    receipt_no += 1;
                    let method = *rng.pick(&[
                        PaymentMethod::BankTransfer,
                        PaymentMethod::Card,
                        PaymentMethod::Card,
                        PaymentMethod::Cash,
                        PaymentMethod::Cheque,
                    ]);
                    let (reference, cheque_bank, cheque_date) = match method {
                        PaymentMethod::Cheque => (
                            Some(format!("{:06}", 100_000 + receipt_no)),
                            Some("Emirates NBD".to_string()),
                            Some(paid_on),
                        ),
                        PaymentMethod::BankTransfer => {
                            (Some(format!("TRF{receipt_no:08}")), None, None)
                        }
                        _ => (None, None, None),
                    };
                    w.record_payment(&Payment {
                        id: rng.id(),
                        receipt_number: format!("R-{receipt_no:06}"),
                        invoice_id: invoice.id,
                        amount: paid,
                        paid_on,
                        method,
                        received_by: office,
                        reference,
                        cheque_bank,
                        cheque_date,
                        surplus: 0,
                    })?;
                    summary.payments += 1;
                }
            }
        }
        summary.students = students_n;
        summary.guardians = guardians.len();

        // Attendance: mostly present, with absence streaks and the odd late arrival.
        let morning = NaiveTime::from_hms_opt(3, 40, 0).expect("valid time"); // 07:40 in the Gulf
        let mut absent_yesterday = vec![false; students_n];
        for day in cal.days.iter().filter(|d| **d <= until) {
            let mut k = 0;
            for (c, classroom) in classrooms.iter().enumerate() {
                let taken_at = Utc.from_utc_datetime(&day.and_time(morning))
                    + Duration::minutes(rng.below(25) as i64);
                for (student, absence, _) in &roster[c] {
                    let streak = absent_yesterday[k] && rng.chance(0.45);
                    let status = if streak || rng.chance(*absence) {
                        AttendanceStatus::Absent
                    } else if rng.chance(0.03) {
                        AttendanceStatus::Late
                    } else if rng.chance(0.01) {
                        AttendanceStatus::Excused
                    } else {
                        AttendanceStatus::Present
                    };
                    absent_yesterday[k] = status == AttendanceStatus::Absent;
                    k += 1;
                    w.save_attendance(&Attendance {
                        id: Attendance::natural_id(*student, *day, 0),
                        student_id: *student,
                        classroom_id: classroom.id,
                        date: *day,
                        period: 0,
                        status,
                        taken_by: classroom.homeroom_teacher_id.unwrap_or(user),
                        taken_at,
                        note: None,
                    })?;
                    summary.attendance += 1;
                }
            }
        }

        // Assessments: a quiz and an exam each semester in every subject, marked with a spread.
        let plan = [
            (0, 0.25, "اختبار قصير ١", "Quiz 1", 20.0, 20.0),
            (0, 0.7, "اختبار منتصف العام", "Mid-year exam", 50.0, 30.0),
            (1, 0.3, "اختبار قصير ٢", "Quiz 2", 20.0, 20.0),
            (1, 0.95, "الاختبار النهائي", "Final exam", 100.0, 30.0),
        ];
        // Each assessment falls on the same school day in every classroom and subject.
        let days: Vec<NaiveDate> = plan
            .iter()
            .map(|(term_index, at, ..)| {
                let term = &cal.terms[*term_index];
                let term_days: Vec<&NaiveDate> = cal
                    .days
                    .iter()
                    .filter(|d| term.start_date <= **d && **d <= term.end_date)
                    .collect();
                *term_days[((term_days.len() - 1) as f64 * at) as usize]
            })
            .collect();
        for (c, classroom) in classrooms.iter().enumerate() {
            for subject in &subjects {
                for ((term_index, _, name_ar, name_en, total, weight), day) in
                    plan.into_iter().zip(days.iter().copied())
                {
                    let term = &cal.terms[term_index];
                    let assessment = Assessment {
                        id: rng.id(),
                        classroom_id: classroom.id,
                        subject_id: subject.id,
                        term_id: term.id,
                        name_ar: name_ar.into(),
                        name_en: name_en.into(),
                        total,
                        weight,
                        date: day,
                    };
                    w.save_assessment(&assessment)?;
                    summary.assessments += 1;
                    if day > until {
                        continue;
                    }
                    for (student, _, ability) in &roster[c] {
                        let missing = rng.chance(0.01);
                        let share = rng.normal(*ability, 0.08).clamp(0.0, 1.0);
                        w.save_result(&AssessmentResult {
                            id: AssessmentResult::natural_id(assessment.id, *student),
                            assessment_id: assessment.id,
                            student_id: *student,
                            mark: (!missing).then(|| (share * total * 2.0).round() / 2.0),
                            remark: missing.then(|| "Absent with excuse / غائب بعذر".to_string()),
                        })?;
                        summary.results += 1;
                    }
                }
            }
        }

        // Remarks once a term is over: the homeroom teacher's by how the student is doing, and
        // the principal's on most cards.
        const TEACHER_REMARKS: [&str; 4] = [
            "يحتاج إلى مزيد من الجهد والمتابعة في المنزل، خاصة في المواد العلمية.",
            "أداء جيد، ونأمل أن يواصل التقدم ويشارك أكثر في الصف.",
            "طالب مجتهد ومتعاون، يشارك بانتظام ويُنجز واجباته في وقتها.",
            "أداء متميز وسلوك قدوة لزملائه، نتمنى له دوام التفوق.",
        ];
        const PRINCIPAL_REMARKS: [&str; 3] = [
            "نشكر ولي الأمر على المتابعة المستمرة.",
            "بالتوفيق في الفصل القادم.",
            "أحسنت، استمر على هذا المستوى.",
        ];
        for term in cal.terms.iter().filter(|t| t.end_date <= until) {
            for (c, classroom) in classrooms.iter().enumerate() {
                for (student, _, ability) in &roster[c] {
                    let band = ((ability - 0.35) / 0.15).clamp(0.0, 3.0) as usize;
                    w.save_term_remark(&TermRemark {
                        id: TermRemark::natural_id(*student, term.id),
                        student_id: *student,
                        term_id: term.id,
                        classroom_id: classroom.id,
                        teacher_remark: Some(TEACHER_REMARKS[band].into()),
                        principal_remark: (!rng.chance(0.2))
                            .then(|| (*rng.pick(&PRINCIPAL_REMARKS)).into()),
                    })?;
                    summary.remarks += 1;
                }
            }
        }

        for (i, (title_ar, title_en, body_ar, body_en)) in [
            (
                "بداية العام الدراسي",
                "Welcome back",
                "نرحب بطلابنا وأولياء الأمور في العام الدراسي الجديد.",
                "We welcome our students and families to the new school year.",
            ),
            (
                "اجتماع أولياء الأمور",
                "Parents' evening",
                "يعقد اجتماع أولياء الأمور يوم الخميس القادم في القاعة الكبرى.",
                "Parents' evening is next Thursday in the main hall.",
            ),
            (
                "اليوم الرياضي",
                "Sports day",
                "يقام اليوم الرياضي السنوي في ملعب المدرسة.",
                "The annual sports day takes place on the school field.",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let published = cal.days[(i * 40).min(cal.days.len() - 1)];
            if published > until {
                continue;
            }
            w.save_announcement(&Announcement {
                id: rng.id(),
                title_ar: title_ar.into(),
                title_en: title_en.into(),
                body_ar: body_ar.into(),
                body_en: body_en.into(),
                audience: Audience::Everyone,
                classroom_id: None,
                published_on: published,
                author_id: user,
                grade_id: None,
            })?;
        }
        summary.staff = staff.len();
        summary.classrooms = classrooms.len();
        summary.subjects = subjects.len();
        w.record_audit(&AuditEntry {
            id: rng.id(),
            at: Utc::now(),
            user_id: user,
            device_id: w.actor().device_id,
            action: "demo.created".into(),
            detail: format!("seed {}, {} students", options.seed, students_n),
        })?;
        Ok(())
    });
    outcome?;
    summary.rows = (store.outbox_len()? - outbox_before) as usize;
    store.set_setting("user_id", &user.to_string())?;
    store.set_setting("demo", "true")?;
    Ok(summary)
}
