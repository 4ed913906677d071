//! Analytics benchmarks on the standard school (2,500 students, a whole year of registers,
//! marks and fees): every view computed for the whole school, the attendance view by
//! student for a whole year, the marks view (its at-risk list), the dashboard with its
//! glance, and each view of one grade exported to .xlsx; medians of several, with the
//! machine's load printed beside them, and the attendance view's query plan.
//! Run: `cargo bench -p daftar-app --bench analytics` (add `-- --quick` for a smoke run).

use std::time::{Duration, Instant};

use daftar_app::*;
use daftar_i18n::Localizer;
use support::{load, median};

mod support;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn timed<T>(samples: usize, mut work: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed()
        })
        .collect();
    median(&mut times)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (students, samples) = if quick { (200, 1) } else { (2_500, 9) };
    println!(
        "Daftar analytics benchmarks ({}), load average at start: {}",
        if quick { "quick" } else { "full" },
        load()
    );
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open(dir.path(), Localizer::new("en", false).unwrap()).unwrap();
    app.create_demo(DemoOptions {
        students,
        ..DemoOptions::standard()
    })
    .unwrap();
    let admin = app.explore_as(daftar_domain::StaffRole::Admin).unwrap();
    let whole = AnalyticsFilter::default();

    for view in AnalyticsView::ALL {
        let took = timed(samples, || app.analytics(&admin, view, &whole).unwrap());
        println!(
            "{:<32} {:>10}  (goal ≤ 50 ms)",
            format!("{} view, whole school", view.as_str()),
            ms(took)
        );
    }
    let by_student = AnalyticsFilter {
        level: Some(Level::Student),
        ..AnalyticsFilter::default()
    };
    let took = timed(samples, || {
        app.analytics(&admin, AnalyticsView::Attendance, &by_student)
            .unwrap()
    });
    println!("{:<32} {:>10}", "attendance, a year by student", ms(took));
    let marks = app.analytics(&admin, AnalyticsView::Marks, &whole).unwrap();
    let at_risk = match &marks.figures {
        Figures::Marks(m) => m.at_risk.len(),
        _ => 0,
    };
    let took = timed(samples, || {
        app.analytics(&admin, AnalyticsView::Marks, &whole).unwrap()
    });
    println!(
        "{:<32} {:>10}  ({at_risk} students at risk)",
        "the at-risk list (marks view)",
        ms(took)
    );
    let took = timed(samples, || {
        (app.dashboard(&admin).unwrap(), app.glance(&admin).unwrap())
    });
    println!(
        "{:<32} {:>10}  (goal ≤ 200 ms)",
        "dashboard with its glance",
        ms(took)
    );

    let grade = match &app
        .analytics(&admin, AnalyticsView::Enrollment, &whole)
        .unwrap()
        .figures
    {
        Figures::Enrollment(e) => e.groups[0].group.id,
        _ => unreachable!(),
    };
    let one_grade = AnalyticsFilter {
        grade: Some(grade),
        level: Some(Level::Student),
        ..AnalyticsFilter::default()
    };
    for view in AnalyticsView::ALL {
        let took = timed(samples.min(5), || {
            app.export_analytics(&admin, view, &one_grade, "xlsx")
                .unwrap()
        });
        println!(
            "{:<32} {:>10}  (goal ≤ 1 s)",
            format!("{} of a grade to .xlsx", view.as_str()),
            ms(took)
        );
    }
    println!("attendance query plan:");
    let year = app.current_year().unwrap();
    let classrooms: Vec<uuid::Uuid> = app
        .store()
        .list::<daftar_domain::Classroom>()
        .unwrap()
        .into_iter()
        .filter(|c| c.year_id == year.id)
        .map(|c| c.id)
        .collect();
    let scope = daftar_store::Scope {
        year_id: year.id,
        visible: classrooms.clone(),
        classrooms,
        whole_school: true,
        teaches: None,
        subject_id: None,
        term_id: None,
        previous_term_id: None,
        from: year.start_date,
        to: year.end_date,
        level: Level::Grade,
    };
    for step in app.store().attendance_plans(&scope).unwrap() {
        println!("  {step}");
    }
    println!("load average at end: {}", load());
}
