//! Foundation benchmarks on the standard school: demo generation and bulk insert rate,
//! student search latency over 50,000 students, and saving one classroom's register.
//! Run: `cargo bench -p daftar-app --bench foundation` (add `-- --quick` for a smoke run).

use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use daftar_app::*;
use daftar_domain::Student;
use daftar_i18n::Localizer;

/// A register as the CLI types it, saved through the one register use case.
fn mark_attendance(app: &mut App, input: &RegisterInput) -> daftar_app::Result<RegisterSaved> {
    let register = input.resolve(app)?;
    let actor = app.actor()?;
    app.save_register(&actor, &register)
}

/// The actor of the session the data folder opens now.
fn actor(app: &App) -> Actor {
    app.actor().unwrap()
}

fn open(dir: &std::path::Path) -> App {
    App::open(dir, Localizer::new("en", false).unwrap()).unwrap()
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((samples.len() as f64) * p).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |l| l.split(' ').take(3).collect::<Vec<_>>().join(" "),
    )
}

/// 200 queries as an office types them: Arabic first names (without hamza or tashkeel),
/// English names, family names, two-word names, two-letter prefixes, admission numbers.
fn queries(students: &[Student]) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = 0usize;
    while out.len() < 200 {
        let s = &students[(k * 7919) % students.len()];
        let ar: Vec<&str> = s.name_ar.split(' ').collect();
        let en: Vec<&str> = s.name_en.split(' ').collect();
        let q = match k % 8 {
            0 => daftar_domain::search_key(ar[0]),
            1 => en[0].to_lowercase(),
            2 => ar.last().unwrap().to_string(),
            3 => format!("{} {}", en[0], en.last().unwrap()),
            4 => format!("{} {}", ar[0], ar.last().unwrap()),
            5 => ar[0].chars().take(2).collect(),
            6 => s.admission_number.clone(),
            _ => en.last().unwrap().chars().take(4).collect(),
        };
        out.push(q);
        k += 1;
    }
    out
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (standard, searchable, registers) = if quick {
        (200, 2_000, 20)
    } else {
        (2_500, 50_000, 100)
    };
    println!(
        "Daftar foundation benchmarks ({}), load average at start: {}",
        if quick { "quick" } else { "full" },
        load()
    );
    let mut rows = Vec::new();

    // 1. The standard school: generation time and bulk insert rate (every row validated and
    //    written with its outbox entry, in one transaction).
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    let started = Instant::now();
    let summary = app
        .create_demo(DemoOptions {
            students: standard,
            ..DemoOptions::standard()
        })
        .unwrap();
    let took = started.elapsed();
    let db_size = std::fs::metadata(dir.path().join(DATABASE_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    rows.push((
        "Generate the standard school".to_string(),
        format!(
            "{:.1} s for {} rows ({} students, {} attendance, {} results); {:.0} MB",
            took.as_secs_f64(),
            summary.rows,
            summary.students,
            summary.attendance,
            summary.results,
            db_size as f64 / 1e6
        ),
    ));
    rows.push((
        "Bulk insert rate (with outbox)".to_string(),
        format!("{:.0} rows/s", summary.rows as f64 / took.as_secs_f64()),
    ));
    drop(app);

    // 2. Search latency over many students (students, guardians and enrollments only).
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    let start_of_year = NaiveDate::from_ymd_opt(2025, 8, 1).unwrap();
    let started = Instant::now();
    app.create_demo(DemoOptions {
        students: searchable,
        seed: 2,
        year_start: 2025,
        until: Some(start_of_year),
    })
    .unwrap();
    let built = started.elapsed();
    let all: Vec<Student> = app.store().list().unwrap();
    let qs = queries(&all);
    for q in &qs {
        app.find_students(
            &actor(&app),
            &StudentSearch {
                text: q.clone(),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap(); // warm the cache
    }
    let mut samples = Vec::new();
    let mut hits = 0;
    for _ in 0..5 {
        for q in &qs {
            let t = Instant::now();
            let page = app
                .find_students(
                    &actor(&app),
                    &StudentSearch {
                        text: q.clone(),
                        limit: 50,
                        ..Default::default()
                    },
                )
                .unwrap();
            samples.push(t.elapsed());
            hits += usize::from(page.total > 0);
        }
    }
    assert!(
        hits >= samples.len() * 9 / 10,
        "queries should find their students"
    );
    rows.push((
        format!(
            "Search {searchable} students, {} mixed queries ×5 (first 50 rows)",
            qs.len()
        ),
        format!(
            "median {}, p95 {}, max {} (built in {:.1} s)",
            ms(median(&mut samples)),
            ms(percentile(&mut samples, 0.95)),
            ms(*samples.iter().max().unwrap()),
            built.as_secs_f64()
        ),
    ));
    drop(app);

    // 3. Saving a classroom's register of 40 students, each mark with its outbox entry.
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.create_demo(DemoOptions {
        students: 40,
        seed: 3,
        year_start: 2025,
        until: Some(start_of_year),
    })
    .unwrap();
    let year = app.current_year().unwrap();
    let classroom = app.classrooms(&actor(&app)).unwrap()[0]
        .classroom
        .name_en
        .clone();
    let roster = app
        .register(
            &actor(&app),
            app.classroom(&classroom).unwrap().id,
            year.start_date,
            0,
        )
        .unwrap();
    assert_eq!(roster.len(), 40);
    let mut samples = Vec::new();
    let mut day = year.start_date;
    while samples.len() < registers {
        day += Days::days(1);
        let input = RegisterInput {
            classroom: classroom.clone(),
            date: day,
            period: 0,
            absent: vec![roster[samples.len() % 40].admission_number.clone()],
            late: vec![roster[(samples.len() + 7) % 40].admission_number.clone()],
            excused: vec![],
        };
        let t = Instant::now();
        match mark_attendance(&mut app, &input) {
            Ok(saved) => {
                samples.push(t.elapsed());
                assert_eq!(saved.changed, 40);
            }
            Err(Failure::Store(daftar_store::StoreError::Invalid(_))) => continue, // a weekend or holiday
            Err(e) => panic!("{e}"),
        }
    }
    rows.push((
        format!("Save a register of 40 students with outbox ({registers} days)"),
        format!(
            "median {}, p95 {}",
            ms(median(&mut samples)),
            ms(percentile(&mut samples, 0.95))
        ),
    ));

    println!();
    println!("| Benchmark | Result |");
    println!("| --- | --- |");
    for (name, result) in rows {
        println!("| {name} | {result} |");
    }
    println!("\nLoad average at end: {}", load());
}
