//! Fee benchmarks on the standard school: the invoicing run (a plan for every grade of
//! tuition in three instalments and a uniform, sibling discounts), previewed and issued for
//! all three instalments, and a run again that finds everything issued; then on the invoiced
//! school, a family's statement of account as PDF (the family with the most children, with
//! payments) and the aging report, each the median of several.
//! Run: `cargo bench -p daftar-app --bench fees` (add `-- --quick` for a smoke run).

use std::time::{Duration, Instant};

use chrono::Duration as Days;
use daftar_app::*;
use daftar_i18n::Localizer;

fn open(dir: &std::path::Path) -> App {
    App::open(dir, Localizer::new("en", false).unwrap()).unwrap()
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |l| l.split(' ').take(3).collect::<Vec<_>>().join(" "),
    )
}

fn run(instalment: i64, preview: bool) -> InvoicingRun {
    InvoicingRun {
        instalment,
        preview,
        ..InvoicingRun::default()
    }
}

/// A copy of a data folder (its files), as a fresh desktop holding the same school.
fn copy(from: &std::path::Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.path().join(entry.file_name())).unwrap();
        }
    }
    to
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (students, samples) = if quick { (200, 1) } else { (2_500, 3) };
    println!(
        "Daftar fee benchmarks ({}), load average at start: {}",
        if quick { "quick" } else { "full" },
        load()
    );
    let school = tempfile::tempdir().unwrap();
    {
        let mut app = open(school.path());
        app.create_demo(DemoOptions {
            students,
            ..DemoOptions::standard()
        })
        .unwrap();
        let admin = app.explore_as(daftar_domain::StaffRole::Admin).unwrap();
        let year = app.current_year().unwrap();
        let plan = app
            .save_fee_plan(
                &admin,
                &FeePlanInput {
                    year_id: None,
                    grade_id: None,
                    name_ar: "الرسوم".into(),
                    name_en: "Fees".into(),
                },
            )
            .unwrap();
        let day = |n: i64| (year.start_date + Days::days(n)).to_string();
        for (kind, amount, vat, dates) in [
            (
                "tuition",
                "30,000",
                "zero",
                vec![day(3), day(130), day(210)],
            ),
            ("uniform", "500", "standard", vec![day(3)]),
        ] {
            app.save_fee_item(
                &admin,
                &FeeItemInput {
                    id: None,
                    plan_id: plan.id,
                    kind: kind.into(),
                    name_ar: kind.into(),
                    name_en: kind.into(),
                    amount: amount.into(),
                    vat: vat.into(),
                    instalments: dates
                        .into_iter()
                        .map(|due_on| InstalmentInput {
                            due_on,
                            amount: String::new(),
                        })
                        .collect(),
                },
            )
            .unwrap();
        }
        app.save_fee_policy(
            &admin,
            &FeePolicyInput {
                year_id: None,
                sibling_second: "10".into(),
                sibling_later: "15".into(),
                discount_cap: "100".into(),
                late_fee: String::new(),
                late_fee_grace_days: 0,
            },
        )
        .unwrap();
    }

    let mut previews = Vec::new();
    let mut issues = Vec::new();
    let mut agains = Vec::new();
    let mut invoices = 0;
    let mut first = 0;
    let mut discounted = 0;
    let mut last = None;
    for _ in 0..samples {
        let desk = copy(school.path());
        let mut app = open(desk.path());
        let admin = app.actor().unwrap();
        let t = Instant::now();
        let preview = app.run_invoicing(&admin, &run(1, true)).unwrap();
        previews.push(t.elapsed());
        first = preview.issued;
        discounted = preview.invoices.iter().filter(|i| i.discount > 0).count();
        let t = Instant::now();
        invoices = (1..=3)
            .map(|n| app.run_invoicing(&admin, &run(n, false)).unwrap().issued)
            .sum::<usize>();
        issues.push(t.elapsed());
        let t = Instant::now();
        let again = app.run_invoicing(&admin, &run(1, false)).unwrap();
        agains.push(t.elapsed());
        assert_eq!(again.issued, 0, "a second run issues nothing");
        last = Some((desk, app));
    }
    let (desk, mut app) = last.expect("one sample at least");
    let admin = app.actor().unwrap();

    // The family with the most children, a payment on each of its invoices.
    let year = app.current_year().unwrap();
    let billable = app.store().billable_students(year.id).unwrap();
    let mut families: std::collections::HashMap<uuid::Uuid, Vec<String>> = Default::default();
    for b in &billable {
        if let Some(family) = b.family {
            families
                .entry(family)
                .or_default()
                .push(b.admission_number.clone());
        }
    }
    let children = families.values().max_by_key(|c| c.len()).unwrap().clone();
    let account = app.family_account(&admin, &children[0]).unwrap();
    for detail in account.invoices.iter().filter(|d| d.balance > 100) {
        app.record_payment(
            &admin,
            &PaymentInput {
                invoice: detail.invoice.number.clone(),
                amount: "1".into(),
                method: daftar_domain::PaymentMethod::Cash,
                paid_on: None,
                reference: String::new(),
                cheque_bank: String::new(),
                cheque_date: String::new(),
                keep_surplus: false,
            },
        )
        .unwrap();
    }
    let account = app.family_account(&admin, &children[0]).unwrap();
    let out = desk.path().join("statement.pdf");
    let mut statements = Vec::new();
    let mut pages = 0;
    for _ in 0..10 {
        let t = Instant::now();
        pages = app
            .print_statement(&admin, &children[0], Some(&out))
            .unwrap()
            .pages;
        statements.push(t.elapsed());
    }
    let on = year.start_date + Days::days(200);
    let mut agings = Vec::new();
    let mut owing = 0;
    for _ in 0..10 {
        let t = Instant::now();
        owing = app.aging(&admin, on).unwrap().rows.len();
        agings.push(t.elapsed());
    }
    assert_eq!(invoices, 3 * first, "each student billed each instalment");
    let rows = [
        (
            format!(
                "Invoicing run preview, instalment 1 ({students} students, {discounted} with sibling discounts in the first 500)"
            ),
            ms(median(&mut previews)),
        ),
        (
            format!(
                "Invoicing run, 3 instalments issued ({invoices} invoices with their lines and outbox entries)"
            ),
            ms(median(&mut issues)),
        ),
        (
            "Invoicing run again (everything issued before)".to_string(),
            ms(median(&mut agains)),
        ),
        (
            format!(
                "Family statement of account PDF ({} children, {} entries, {pages} page(s)), median of 10",
                account.students.len(),
                account.entries.len()
            ),
            ms(median(&mut statements)),
        ),
        (
            format!("Aging report ({owing} students owing, of {students}), median of 10"),
            ms(median(&mut agings)),
        ),
    ];
    println!();
    println!("| Benchmark | Median of {samples} |");
    println!("| --- | --- |");
    for (what, figure) in rows {
        println!("| {what} | {figure} |");
    }
}
