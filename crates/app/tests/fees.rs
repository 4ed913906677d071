//! Fee plans and the invoicing run on a real data folder: a UAE school's plan of zero-rated
//! tuition in three instalments and a uniform at 5%, sibling discounts and a scholarship,
//! a preview that writes nothing, a run that issues each invoice once (on this desktop or a
//! copy of it offline), and every bad input refused with its code and nothing written.

use std::path::Path;

use daftar_app::*;
use daftar_domain::*;
use daftar_i18n::Localizer;
use uuid::Uuid;

fn open(dir: &Path) -> App {
    App::open(dir, Localizer::new("en", false).unwrap()).unwrap()
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

struct School {
    app: App,
    admin: Actor,
    grade: Uuid,
    /// Admission numbers: two sisters (eldest first), a brother of theirs, and an only child.
    students: [&'static str; 4],
}

fn school(dir: &Path) -> School {
    let mut app = open(dir);
    let admin = app
        .start_school(&NewSchool {
            name_ar: "مدرسة النور".into(),
            name_en: "Al Noor School".into(),
            country: "ae".into(),
            currency: String::new(),
            primary_language: Language::Arabic,
            admin_name_ar: "سارة".into(),
            admin_name_en: "Sara".into(),
            admin_email: String::new(),
        })
        .unwrap();
    app.setup_save(
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
    .unwrap();
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
                ("capacity", "30"),
            ]),
        )
        .unwrap()
        .id;
    let students = ["A-1", "A-2", "A-3", "B-1"];
    for (number, birth, phone) in [
        ("A-1", "2018-01-05", "0501112233"),
        ("A-2", "2019-02-10", "0501112233"),
        ("A-3", "2020-03-15", "0501112233"),
        ("B-1", "2019-06-01", "0504445566"),
    ] {
        app.create_student(
            &admin,
            &NewStudent {
                admission_number: number.into(),
                name_ar: format!("طالب {number}"),
                name_en: format!("Student {number}"),
                gender: Gender::Female,
                birth_date: birth.into(),
                national_id: String::new(),
                nationality: "AE".into(),
                classroom: Some(classroom),
                guardian: Some(NewGuardian {
                    name_ar: "ولي".into(),
                    name_en: "Parent".into(),
                    phone: phone.into(),
                    email: String::new(),
                    address: String::new(),
                    national_id: String::new(),
                    relation: GuardianRelation::Father,
                }),
            },
        )
        .unwrap();
    }
    School {
        app,
        admin,
        grade,
        students,
    }
}

fn instalments(dates: &[&str]) -> Vec<InstalmentInput> {
    dates
        .iter()
        .map(|d| InstalmentInput {
            due_on: d.to_string(),
            amount: String::new(),
        })
        .collect()
}

/// Grade 1's plan: tuition 30,000.00 (zero-rated) in three instalments, a uniform of
/// 500.00 at the standard rate with the first; sibling discounts of 10% and 15%.
fn plan(s: &mut School) -> FeePlan {
    let plan = s
        .app
        .save_fee_plan(
            &s.admin,
            &FeePlanInput {
                year_id: None,
                grade_id: Some(s.grade),
                name_ar: "رسوم الصف الأول".into(),
                name_en: "Grade 1 fees".into(),
            },
        )
        .unwrap();
    let tuition = s
        .app
        .save_fee_item(
            &s.admin,
            &FeeItemInput {
                id: None,
                plan_id: plan.id,
                kind: "tuition".into(),
                name_ar: "الرسوم الدراسية".into(),
                name_en: "Tuition".into(),
                amount: "30,000".into(),
                vat: "zero".into(),
                instalments: instalments(&["2026-09-01", "2027-01-10", "2027-04-01"]),
            },
        )
        .unwrap();
    assert_eq!(tuition.amount, 3_000_000);
    assert_eq!(
        tuition.instalments,
        "2026-09-01:1000000;2027-01-10:1000000;2027-04-01:1000000"
    );
    s.app
        .save_fee_item(
            &s.admin,
            &FeeItemInput {
                id: None,
                plan_id: plan.id,
                kind: "uniform".into(),
                name_ar: "الزي المدرسي".into(),
                name_en: "Uniform".into(),
                amount: "500".into(),
                vat: "standard".into(),
                instalments: instalments(&["01/09/2026"]),
            },
        )
        .unwrap();
    s.app
        .save_fee_policy(
            &s.admin,
            &FeePolicyInput {
                year_id: None,
                sibling_second: "10".into(),
                sibling_later: "15%".into(),
                discount_cap: "".into(),
                late_fee: "".into(),
                late_fee_grace_days: 0,
            },
        )
        .unwrap();
    plan
}

fn run(instalment: i64, preview: bool) -> InvoicingRun {
    InvoicingRun {
        year_id: None,
        grade_id: None,
        instalment,
        preview,
        issued_on: None,
    }
}

#[test]
fn an_instalment_is_previewed_then_issued_once_with_sibling_discounts_and_vat_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    let failure = s.app.run_invoicing(&s.admin, &run(1, true)).unwrap_err();
    assert_eq!(s.app.error(&failure).code, "no-fee-plan");
    let plan = plan(&mut s);
    let views = s.app.fee_plans(&s.admin, None).unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!((views[0].total, views[0].instalments), (3_050_000, 3));
    assert_eq!(views[0].items[1].vat_bp, 500);

    // A scholarship of half the tuition for the only child, on every instalment.
    s.app
        .grant_discount(
            &s.admin,
            &DiscountInput {
                student: "B-1".into(),
                kind: "scholarship".into(),
                percent: "50".into(),
                amount: String::new(),
                applies_to: "tuition".into(),
                instalment: 0,
                reason: "Merit scholarship".into(),
            },
        )
        .unwrap();

    let before = s.app.pending_changes().unwrap();
    let preview = s.app.run_invoicing(&s.admin, &run(1, true)).unwrap();
    assert_eq!(
        s.app.pending_changes().unwrap(),
        before,
        "a preview writes nothing"
    );
    assert_eq!((preview.students, preview.issued), (4, 4));
    let by_number = |report: &RunReport, n: &str| {
        report
            .invoices
            .iter()
            .find(|i| i.admission_number == n)
            .cloned()
            .unwrap()
    };
    // The eldest pays in full: 10,000 of tuition at 0% and 500 of uniform at 5%.
    let eldest = by_number(&preview, s.students[0]);
    assert_eq!(
        (eldest.discount, eldest.vat, eldest.total),
        (0, 2_500, 1_052_500)
    );
    // The second child 10% off tuition, the third 15%; VAT only on the uniform.
    assert_eq!(by_number(&preview, s.students[1]).discount, 100_000);
    assert_eq!(by_number(&preview, s.students[2]).discount, 150_000);
    assert_eq!(by_number(&preview, s.students[3]).discount, 500_000);
    assert_eq!(preview.vat, 4 * 2_500);
    assert_eq!(
        preview.gross - preview.discount + preview.vat,
        preview.total,
        "lines + VAT = total"
    );

    let issued = s.app.run_invoicing(&s.admin, &run(1, false)).unwrap();
    assert_eq!((issued.issued, issued.already_issued), (4, 0));
    assert_eq!(issued.total, preview.total);
    let student = s.app.find_student("A-2").unwrap();
    let invoice_id = daftar_store::plan_invoice_id(student.id, plan.id, 1);
    let invoice: Invoice = s.app.store().get(invoice_id).unwrap();
    assert_eq!(invoice.number, "F2026-1-A-2");
    let lines = s.app.store().invoice_lines(invoice_id).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines.iter().map(|l| l.total).sum::<i64>(),
        invoice.amount,
        "the lines make the invoice"
    );
    assert_eq!(lines[1].vat_bp, 500);

    // Running it again issues nothing new.
    let again = s.app.run_invoicing(&s.admin, &run(1, false)).unwrap();
    assert_eq!((again.issued, again.already_issued), (0, 4));
    assert!(again.invoices.iter().all(|i| i.outcome == "issued"));

    // The second instalment has tuition only: no VAT.
    let second = s.app.run_invoicing(&s.admin, &run(2, false)).unwrap();
    assert_eq!((second.issued, second.vat), (4, 0));
    // There is no fourth.
    let fourth = s.app.run_invoicing(&s.admin, &run(4, false)).unwrap();
    assert_eq!((fourth.issued, fourth.nothing_due), (0, 4));
}

#[test]
fn two_offline_desktops_running_the_same_instalment_issue_the_same_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    plan(&mut s);
    drop(s.app);
    // The second desktop: the same school copied before either ran anything.
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
        }
    }
    let invoices = |dir: &Path| {
        let mut app = open(dir);
        let admin = app.actor().unwrap();
        app.run_invoicing(&admin, &run(1, false)).unwrap();
        let mut all: Vec<(Uuid, String, i64, i64)> = app
            .store()
            .list::<Invoice>()
            .unwrap()
            .into_iter()
            .map(|i| (i.id, i.number, i.amount, i.vat_amount))
            .collect();
        all.sort();
        let mut lines: Vec<Uuid> = app
            .store()
            .list::<InvoiceLine>()
            .unwrap()
            .into_iter()
            .map(|l| l.id)
            .collect();
        lines.sort();
        (all, lines)
    };
    let (a, a_lines) = invoices(dir.path());
    let (b, b_lines) = invoices(copy.path());
    assert_eq!(a.len(), 4);
    assert_eq!(a, b, "the same ids, numbers and amounts");
    assert_eq!(a_lines, b_lines);
}

#[test]
fn bad_fee_input_is_refused_with_its_code_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    let plan = plan(&mut s);
    let item = |amount: &str, vat: &str, dates: Vec<InstalmentInput>| FeeItemInput {
        id: None,
        plan_id: plan.id,
        kind: "books".into(),
        name_ar: "الكتب".into(),
        name_en: "Books".into(),
        amount: amount.into(),
        vat: vat.into(),
        instalments: dates,
    };
    let before = s.app.pending_changes().unwrap();
    let refusals: Vec<(FeeItemInput, &str)> = vec![
        (
            item("0", "standard", instalments(&["2026-09-01"])),
            "amount-not-positive",
        ),
        (
            item("-5", "standard", instalments(&["2026-09-01"])),
            "amount-not-positive",
        ),
        (
            item("100", "luxury", instalments(&["2026-09-01"])),
            "invalid-choice",
        ),
        (
            item("100", "standard", instalments(&["2027-08-01"])),
            "date-outside-year",
        ),
        (
            item(
                "100",
                "standard",
                vec![
                    InstalmentInput {
                        due_on: "2026-09-01".into(),
                        amount: "60".into(),
                    },
                    InstalmentInput {
                        due_on: "2027-01-10".into(),
                        amount: "60".into(),
                    },
                ],
            ),
            "instalments-do-not-add-up",
        ),
        (item("100", "standard", Vec::new()), "field-required"),
    ];
    for (input, code) in refusals {
        let failure = s.app.save_fee_item(&s.admin, &input).unwrap_err();
        let error = s.app.error(&failure);
        assert_eq!(error.code, code, "{input:?}: {}", error.message);
        assert!(!error.message.is_empty());
    }
    let over = s
        .app
        .grant_discount(
            &s.admin,
            &DiscountInput {
                student: "A-1".into(),
                kind: "one_off".into(),
                percent: "120".into(),
                amount: String::new(),
                applies_to: String::new(),
                instalment: 0,
                reason: "Too generous".into(),
            },
        )
        .unwrap_err();
    assert_eq!(s.app.error(&over).code, "value-out-of-range");
    assert_eq!(s.app.pending_changes().unwrap(), before, "nothing written");

    // A teacher may not plan fees or invoice.
    let teacher = Actor {
        role: StaffRole::Teacher,
        ..s.admin
    };
    let refused = s.app.run_invoicing(&teacher, &run(1, true)).unwrap_err();
    assert_eq!(s.app.error(&refused).code, "not-allowed");
}

#[test]
fn an_overdue_instalment_is_charged_its_late_fee_once_and_a_paid_one_never() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    plan(&mut s);
    // Invoiced before the first instalment fell due on 1 September.
    let early = InvoicingRun {
        issued_on: Some("30/08/2026".into()),
        ..run(1, false)
    };
    let failure = s
        .app
        .run_invoicing(
            &s.admin,
            &InvoicingRun {
                issued_on: Some("2025-08-25".into()),
                ..early.clone()
            },
        )
        .unwrap_err();
    assert_eq!(s.app.error(&failure).code, "date-outside-year");
    s.app.run_invoicing(&s.admin, &early).unwrap();
    // No late fee in the policy yet: nothing is charged.
    let none = s.app.charge_late_fees(&s.admin, false).unwrap();
    assert_eq!(none.charged, 0);
    s.app
        .save_fee_policy(
            &s.admin,
            &FeePolicyInput {
                year_id: None,
                sibling_second: "10".into(),
                sibling_later: "15".into(),
                discount_cap: "100".into(),
                late_fee: "50".into(),
                late_fee_grace_days: 14,
            },
        )
        .unwrap();
    // The eldest's first instalment (due 1 September) is paid in full.
    s.app
        .record_payment(
            &s.admin,
            &PaymentInput {
                invoice: "F2026-1-A-1".into(),
                amount: "10,525".into(),
                method: PaymentMethod::Cash,
                paid_on: None,
                reference: String::new(),
                cheque_bank: String::new(),
                cheque_date: String::new(),
                keep_surplus: false,
            },
        )
        .unwrap();
    let preview = s.app.charge_late_fees(&s.admin, true).unwrap();
    let before = s.app.pending_changes().unwrap();
    assert_eq!((preview.charged, preview.total), (3, 15_000));
    assert_eq!(
        s.app.pending_changes().unwrap(),
        before,
        "a preview writes nothing"
    );
    let charged = s.app.charge_late_fees(&s.admin, false).unwrap();
    assert_eq!((charged.charged, charged.total), (3, 15_000));
    assert!(!charged.invoices.contains(&"F2026-1-A-1".to_string()));
    let late = s.app.invoice(&s.admin, "F2026-1-A-2-L").unwrap();
    assert_eq!((late.invoice.amount, late.invoice.vat_amount), (5_000, 0));
    let again = s.app.charge_late_fees(&s.admin, false).unwrap();
    assert_eq!((again.charged, again.already_charged), (0, 3));
}

#[test]
fn an_issued_invoice_is_corrected_by_a_credit_note_or_voided_never_edited() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    plan(&mut s);
    s.app.run_invoicing(&s.admin, &run(1, false)).unwrap();
    let pay = |app: &mut App, admin: &Actor, invoice: &str, amount: &str| {
        app.record_payment(
            admin,
            &PaymentInput {
                invoice: invoice.into(),
                amount: amount.into(),
                method: PaymentMethod::Card,
                paid_on: None,
                reference: String::new(),
                cheque_bank: String::new(),
                cheque_date: String::new(),
                keep_surplus: false,
            },
        )
    };
    let credit = |app: &mut App, admin: &Actor, invoice: &str, amount: &str, reason: &str| {
        app.credit_invoice(
            admin,
            &CreditInput {
                invoice: invoice.into(),
                amount: amount.into(),
                reason: reason.into(),
            },
        )
    };
    // The eldest's invoice: 10,525.00; 4,000 paid, then 500 credited for the uniform.
    pay(&mut s.app, &s.admin, "F2026-1-A-1", "4,000").unwrap();
    let before = s.app.pending_changes().unwrap();
    let above = credit(&mut s.app, &s.admin, "F2026-1-A-1", "7,000", "Too much").unwrap_err();
    let error = s.app.error(&above);
    assert_eq!(error.code, "credit-above-balance");
    assert!(error.message.contains("6,525.00"), "{}", error.message);
    let no_reason = credit(&mut s.app, &s.admin, "F2026-1-A-1", "500", " ").unwrap_err();
    assert_eq!(s.app.error(&no_reason).code, "field-required");
    assert_eq!(s.app.pending_changes().unwrap(), before, "nothing written");
    let note = credit(
        &mut s.app,
        &s.admin,
        "F2026-1-A-1",
        "500",
        "Uniform returned",
    )
    .unwrap();
    assert!(note.number.starts_with("CN-"));
    let detail = s.app.invoice(&s.admin, "F2026-1-A-1").unwrap();
    assert_eq!(
        (detail.paid, detail.credited, detail.balance),
        (400_000, 50_000, 602_500)
    );
    assert_eq!(detail.lines.len(), 2);
    assert_eq!(
        detail.invoice.amount, 1_052_500,
        "the invoice itself is unchanged"
    );
    // A paid invoice is credited, not voided.
    let paid = s
        .app
        .void_invoice(&s.admin, "F2026-1-A-1", "Left the school")
        .unwrap_err();
    assert_eq!(s.app.error(&paid).code, "invoice-has-payments");

    // The second child's invoice is voided: it asks nothing and takes no payment or credit.
    let refused = s.app.void_invoice(&s.admin, "F2026-1-A-2", "").unwrap_err();
    assert_eq!(s.app.error(&refused).code, "field-required");
    let voided = s
        .app
        .void_invoice(&s.admin, "F2026-1-A-2", "Enrolled by mistake")
        .unwrap();
    assert!(voided.voided_on.is_some());
    assert_eq!(s.app.invoice(&s.admin, "F2026-1-A-2").unwrap().balance, 0);
    let on_void = pay(&mut s.app, &s.admin, "F2026-1-A-2", "100").unwrap_err();
    assert_eq!(s.app.error(&on_void).code, "invoice-voided");
    let credit_void = credit(&mut s.app, &s.admin, "F2026-1-A-2", "100", "x").unwrap_err();
    assert_eq!(s.app.error(&credit_void).code, "invoice-voided");
    // The run does not issue it again; the unpaid list leaves it out.
    let again = s.app.run_invoicing(&s.admin, &run(1, false)).unwrap();
    assert_eq!(again.issued, 0);
    let unpaid = s
        .app
        .invoices(
            &s.admin,
            &InvoiceQuery {
                text: String::new(),
                unpaid_only: true,
                limit: 50,
                offset: 0,
            },
        )
        .unwrap();
    assert!(
        unpaid
            .items
            .iter()
            .all(|r| r.invoice.number != "F2026-1-A-2")
    );
    // Both corrections are in the audit.
    let audit: Vec<String> = s
        .app
        .store()
        .list::<AuditEntry>()
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(audit.contains(&"invoice.credited".to_string()));
    assert!(audit.contains(&"invoice.voided".to_string()));
}

#[test]
fn a_saudi_schools_invoice_prints_as_a_tax_invoice_with_its_number_vat_and_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    let id = s.app.school().unwrap().id;
    s.app
        .setup_save(
            &s.admin,
            SetupKind::School,
            Some(id),
            None,
            &fields(&[
                ("country", "sa"),
                ("currency", "sar"),
                ("tax_number", "310122393500003"),
            ]),
        )
        .unwrap();
    plan(&mut s);
    s.app.run_invoicing(&s.admin, &run(1, false)).unwrap();
    let out = dir.path().join("invoice.pdf");
    let printed = s
        .app
        .print_tax_invoice(&s.admin, "F2026-1-A-2", Some(&out))
        .unwrap();
    assert_eq!(printed.pages, 1);
    let text = std::process::Command::new("pdftotext")
        .args([out.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)")
        .stdout;
    let text = String::from_utf8(text).unwrap();
    for want in [
        "Tax invoice",
        "310122393500003",
        "F2026-1-A-2",
        // 10% off tuition (zero-rated) and a uniform at Saudi Arabia's 15%.
        "9,000.00",
        "15%",
        "75.00",
        "9,575.00",
        "nine thousand five hundred and seventy-five riyals only",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    // The default output goes to the printed folder.
    let default = s
        .app
        .print_tax_invoice(&s.admin, "F2026-1-A-1", None)
        .unwrap();
    assert!(default.files[0].starts_with(dir.path().join("printed")));
}

#[test]
fn a_cheque_needs_its_number_and_a_bank_transfer_its_reference() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    plan(&mut s);
    s.app.run_invoicing(&s.admin, &run(1, false)).unwrap();
    let payment = |method, reference: &str| PaymentInput {
        invoice: "F2026-1-B-1".into(),
        amount: "1,000".into(),
        method,
        paid_on: None,
        reference: reference.into(),
        cheque_bank: "Emirates NBD".into(),
        cheque_date: "15/09/2026".into(),
        keep_surplus: false,
    };
    let before = s.app.pending_changes().unwrap();
    for method in [PaymentMethod::Cheque, PaymentMethod::BankTransfer] {
        let failure = s
            .app
            .record_payment(&s.admin, &payment(method, "  "))
            .unwrap_err();
        let error = s.app.error(&failure);
        assert_eq!(
            (error.code.as_str(), error.field.as_deref()),
            ("field-required", Some("reference"))
        );
    }
    assert_eq!(s.app.pending_changes().unwrap(), before, "nothing written");
    let cheque = s
        .app
        .record_payment(&s.admin, &payment(PaymentMethod::Cheque, "004512"))
        .unwrap();
    assert_eq!(cheque.reference.as_deref(), Some("004512"));
    assert_eq!(cheque.cheque_bank.as_deref(), Some("Emirates NBD"));
    assert_eq!(
        cheque.cheque_date,
        chrono::NaiveDate::from_ymd_opt(2026, 9, 15)
    );
    // Cash keeps no cheque details, whatever the form still held.
    let cash = s
        .app
        .record_payment(&s.admin, &payment(PaymentMethod::Cash, ""))
        .unwrap();
    assert_eq!((cash.cheque_bank, cash.cheque_date), (None, None));
}

/// The family of sisters and brother A-3 (one guardian) pays a lump sum: the
/// surplus is kept as its credit, moves to a sibling's invoice and to the next instalment,
/// a refund never passes what was paid, and its account, statement, the day's cash report,
/// the aging and the accountant's exports all agree.
#[test]
fn a_familys_credit_refunds_account_and_reports_reconcile() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = school(dir.path());
    plan(&mut s);
    s.app
        .run_invoicing(
            &s.admin,
            &InvoicingRun {
                issued_on: Some("2026-08-30".into()),
                ..run(1, false)
            },
        )
        .unwrap();
    let pay = |app: &mut App, admin: &Actor, invoice: &str, amount: &str, keep: bool| {
        app.record_payment(
            admin,
            &PaymentInput {
                invoice: invoice.into(),
                amount: amount.into(),
                method: PaymentMethod::Cash,
                paid_on: None,
                reference: String::new(),
                cheque_bank: String::new(),
                cheque_date: String::new(),
                keep_surplus: keep,
            },
        )
    };
    // A-1's first instalment is 10,525.00; 12,000 handed over is refused unless the rest is
    // kept as the family's credit.
    let refused = pay(&mut s.app, &s.admin, "F2026-1-A-1", "12,000", false).unwrap_err();
    assert_eq!(s.app.error(&refused).code, "payment-above-balance");
    let payment = pay(&mut s.app, &s.admin, "F2026-1-A-1", "12,000", true).unwrap();
    assert_eq!(payment.surplus, 147_500);
    let account = s.app.family_account(&s.admin, "A-3").unwrap();
    assert_eq!(account.students.len(), 3, "one family of three");
    assert_eq!(account.credit, 147_500);
    let sum: i64 = account.invoices.iter().map(|i| i.balance).sum();
    assert_eq!(
        account.balance, sum,
        "the family owes the sum of its invoices"
    );
    assert_eq!(account.entries.last().unwrap().balance, account.balance);

    // A refund above what was paid is refused, and nothing written.
    let pending = s.app.pending_changes().unwrap();
    let refund = |amount: &str| RefundInput {
        invoice: "F2026-1-A-1".into(),
        amount: amount.into(),
        method: PaymentMethod::Cash,
        reference: String::new(),
        reason: "Paid twice".into(),
    };
    let above = s.app.refund(&s.admin, &refund("12,000.01")).unwrap_err();
    assert_eq!(s.app.error(&above).code, "refund-above-paid");
    assert_eq!(s.app.pending_changes().unwrap(), pending);
    let transfer = RefundInput {
        method: PaymentMethod::BankTransfer,
        ..refund("100")
    };
    let no_reference = s.app.refund(&s.admin, &transfer).unwrap_err();
    assert_eq!(s.app.error(&no_reference).code, "field-required");
    s.app.refund(&s.admin, &refund("75")).unwrap();
    let credit = s.app.family_account(&s.admin, "A-1").unwrap().credit;
    assert_eq!(credit, 140_000);

    // The credit goes onto what the family still owes, oldest first (A-2's, then A-3's).
    let moved = s.app.apply_family_credit(&s.admin, "A-2").unwrap();
    assert_eq!(moved.iter().map(|t| t.amount).sum::<i64>(), 140_000);
    let again = s.app.apply_family_credit(&s.admin, "A-2").unwrap_err();
    assert_eq!(s.app.error(&again).code, "no-family-credit");
    let account = s.app.family_account(&s.admin, "A-1").unwrap();
    assert_eq!(account.credit, 0);
    let a1 = s.app.invoice(&s.admin, "F2026-1-A-1").unwrap();
    assert_eq!((a1.balance, a1.paid, a1.refunded), (0, 1_052_500, 7_500));

    // A surplus left when the next instalment is issued goes onto what the family owes
    // there and then, oldest first: A-3's first instalment, still unpaid.
    let a2 = s.app.invoice(&s.admin, "F2026-1-A-2").unwrap();
    pay(&mut s.app, &s.admin, "F2026-1-A-2", "9,000", true).unwrap();
    let surplus = 900_000 - a2.balance;
    s.app.run_invoicing(&s.admin, &run(2, false)).unwrap();
    let account = s.app.family_account(&s.admin, "A-1").unwrap();
    assert_eq!(account.credit, 0, "the run applied the family's credit");
    let a3 = s.app.invoice(&s.admin, "F2026-1-A-3").unwrap();
    assert_eq!(a3.paid, surplus);
    let sum: i64 = account.invoices.iter().map(|i| i.balance).sum();
    assert_eq!(account.balance, sum);
    assert_eq!(account.entries.last().unwrap().balance, account.balance);

    // The statement prints every child's entries; the day's cash report and the aging.
    let printed = s.app.print_statement(&s.admin, "A-2", None).unwrap();
    assert!(
        printed.files[0].ends_with("statement-A-1.pdf"),
        "{printed:?}"
    );
    let text = pdftotext(&printed.files[0]);
    for want in ["F2026-1-A-1", "F2026-1-A-3", "F2026-2-A-1", "Paid twice"] {
        assert!(text.contains(want), "{want} not in\n{text}");
    }
    let today = chrono::Utc::now().date_naive();
    let cash = s.app.cash_day(&s.admin, today, None).unwrap();
    assert_eq!(cash.lines.len(), 3, "two payments and a refund");
    assert_eq!(cash.total, 1_200_000 + 900_000 - 7_500);
    assert_eq!(cash.by_method, vec![(PaymentMethod::Cash, cash.total)]);
    s.app
        .print_cash_report(&s.admin, today, None, None)
        .unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
    let aging = s.app.aging(&s.admin, on).unwrap();
    let b1 = aging
        .rows
        .iter()
        .find(|r| r.admission_number == "B-1")
        .unwrap();
    // B-1's first instalment (due 1 September) is 75 days late; the second not yet due.
    assert_eq!(b1.buckets, [1_000_000, 0, 0, 1_052_500, 0], "{b1:?}");
    assert_eq!(aging.total, aging.rows.iter().map(|r| r.total).sum::<i64>());
    s.app.print_aging(&s.admin, on, None).unwrap();

    // The accountant's spreadsheets: every invoice, and every payment and refund.
    let invoices = dir.path().join("invoices.csv");
    assert_eq!(
        s.app
            .export_fees(&s.admin, FeeExport::Invoices, &invoices)
            .unwrap(),
        8
    );
    let csv = std::fs::read_to_string(&invoices).unwrap();
    assert!(
        csv.contains("F2026-1-A-1") && csv.contains("10525"),
        "{csv}"
    );
    let payments = dir.path().join("payments.xlsx");
    assert_eq!(
        s.app
            .export_fees(&s.admin, FeeExport::Payments, &payments)
            .unwrap(),
        3
    );
}

fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
