//! Printing benchmark, side by side in one run: report cards for 40 students and for the
//! standard school's 2,500 with daftar-reports, against Chromium headless printing the same
//! cards as HTML to PDF (the way web-based school systems print).
//! Run: `cargo bench -p daftar-app --bench printing` (`-- --quick`: a small school, no
//! Chromium unless it is installed, one sample).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use daftar_app::*;
use daftar_i18n::Localizer;
use daftar_reports::grading::{band, number, overall_percent, subject_percent, subject_total};
use daftar_reports::{Lang, ReportCards, Words};

/// The actor of the session the data folder opens now.
fn actor(app: &App) -> Actor {
    app.actor().unwrap()
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |l| l.split(' ').take(3).collect::<Vec<_>>().join(" "),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same cards as one HTML document with a page per card: same fonts (the bundled files),
/// logo, bilingual header, marks table, attendance, remarks and signatures.
fn cards_html(cards: &ReportCards, words: &Words) -> String {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../reports/fonts");
    let logo = cards.school.logo.as_deref().map(|bytes| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    });
    let (p, s) = (cards.school.primary, cards.school.primary.other());
    let w = |lang: Lang, id: &str| escape(&words.get(lang, id));
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<!doctype html><html lang="{}" dir="{}"><head><meta charset="utf-8"><style>
@font-face {{ font-family: Naskh; src: url("file://{f}/NotoNaskhArabic-Regular.ttf"); }}
@font-face {{ font-family: Naskh; font-weight: bold; src: url("file://{f}/NotoNaskhArabic-Bold.ttf"); }}
@font-face {{ font-family: Sans; src: url("file://{f}/NotoSans-Regular.ttf"); }}
@font-face {{ font-family: Sans; font-weight: bold; src: url("file://{f}/NotoSans-Bold.ttf"); }}
@page {{ size: A4; margin: 12mm; }}
body {{ font-family: Sans, Naskh; font-size: 9pt; color: #1a1a1a; margin: 0; }}
.card {{ page-break-after: always; }}
header {{ display: flex; justify-content: space-between; align-items: center; border-bottom: 1.2pt solid #0b5d4b; padding-bottom: 6pt; }}
header h1 {{ font-size: 15pt; margin: 0; }} header h2 {{ font-size: 12pt; color: #0b5d4b; margin: 2pt 0 0; }}
header img {{ width: 60pt; height: 60pt; }}
.student {{ display: flex; justify-content: space-between; margin: 8pt 0; }}
.student div span {{ display: block; color: #6b6b6b; font-size: 7.5pt; }}
table {{ width: 100%; border-collapse: collapse; border: 0.8pt solid #0b5d4b; }}
th {{ background: #0b5d4b; color: white; font-size: 8.5pt; padding: 3pt; }}
td {{ padding: 3pt 5pt; border-bottom: 0.4pt solid #c8c8c8; text-align: center; }}
tr:nth-child(even) td {{ background: #eef2f0; }}
td.ar {{ text-align: right; }} td.en {{ text-align: left; }}
.attendance {{ display: flex; margin-top: 10pt; }} .attendance div {{ flex: 1; border: 0.6pt solid #c8c8c8; text-align: center; padding: 4pt; }}
.remark {{ border: 0.6pt solid #c8c8c8; margin-top: 8pt; padding: 4pt 6pt; min-height: 34pt; }}
.remark span {{ color: #6b6b6b; font-size: 8pt; display: block; }}
.signatures {{ display: flex; justify-content: space-between; margin-top: 14pt; }}
footer {{ color: #6b6b6b; font-size: 7.5pt; margin-top: 10pt; display: flex; justify-content: space-between; }}
</style></head><body>"#,
        p.code(),
        if p == Lang::Ar { "rtl" } else { "ltr" },
        f = fonts.display()
    );
    for card in &cards.cards {
        let _ = write!(
            html,
            r#"<section class="card"><header><div><h1>{}</h1><h2>{}</h2></div>{}<div dir="{}"><h1>{}</h1><h2>{}</h2></div></header>"#,
            escape(cards.school.name.get(p)),
            w(p, "report-card-title"),
            logo.as_ref()
                .map(|l| format!(r#"<img src="data:image/png;base64,{l}">"#))
                .unwrap_or_default(),
            if s == Lang::Ar { "rtl" } else { "ltr" },
            escape(cards.school.name.get(s)),
            w(s, "report-card-title"),
        );
        let _ = write!(
            html,
            r#"<div class="student"><div><span>{}</span><b>{}</b><br>{} {} · {} {} · {} {} · {} {}</div><div dir="{}"><span>{}</span><b>{}</b><br>{} · {} · {}</div></div>"#,
            w(p, "report-student"),
            escape(card.student_name.get(p)),
            w(p, "report-admission-number"),
            card.admission_number,
            w(p, "report-classroom"),
            escape(card.classroom.get(p)),
            w(p, "report-year"),
            card.year,
            w(p, "report-term"),
            escape(card.term.get(p)),
            if s == Lang::Ar { "rtl" } else { "ltr" },
            w(s, "report-student"),
            escape(card.student_name.get(s)),
            escape(card.classroom.get(s)),
            card.year,
            escape(card.term.get(s)),
        );
        let _ = write!(
            html,
            "<table><tr><th>{}</th><th>{}<br>{}</th><th>{}</th><th>%</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            w(p, "report-subject"),
            w(p, "report-assessments"),
            w(s, "report-assessments"),
            w(p, "report-total"),
            w(p, "report-grade"),
            w(s, "report-grade"),
            w(s, "report-subject"),
        );
        for subject in &card.subjects {
            let percent = subject_percent(&subject.assessments);
            let grade = percent.and_then(|v| band(v, &cards.bands));
            let marks: Vec<String> = subject
                .assessments
                .iter()
                .map(|a| {
                    a.mark.map_or("—".into(), |m| {
                        format!("{}/{}", number(m), number(a.total))
                    })
                })
                .collect();
            let _ = write!(
                html,
                r#"<tr><td class="{}">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="{}">{}</td></tr>"#,
                p.code(),
                escape(subject.name.get(p)),
                marks.join(" &nbsp; "),
                subject_total(&subject.assessments).map_or("—".into(), |(g, o)| format!(
                    "{}/{}",
                    number(g),
                    number(o)
                )),
                percent.map_or("—".into(), |v| format!("{v:.1}")),
                grade.map_or("—".into(), |b| escape(b.label.get(p))),
                grade.map_or("—".into(), |b| escape(b.label.get(s))),
                s.code(),
                escape(subject.name.get(s)),
            );
        }
        let overall = overall_percent(&card.subjects);
        let _ = write!(
            html,
            "<tr><td><b>{}</b></td><td></td><td></td><td><b>{}</b></td><td></td><td></td><td><b>{}</b></td></tr></table>",
            w(p, "report-overall"),
            overall.map_or("—".into(), |v| format!("{v:.1}")),
            w(s, "report-overall"),
        );
        if let Some((rank, count)) = card.rank {
            let args = [("rank", rank.to_string()), ("count", count.to_string())];
            let _ = write!(
                html,
                "<p><b>{}</b> · {}</p>",
                escape(&words.with(p, "report-rank", &args)),
                escape(&words.with(s, "report-rank", &args))
            );
        }
        html.push_str(r#"<div class="attendance">"#);
        let a = card.attendance;
        for (id, n) in [
            ("report-present", a.present),
            ("report-absent", a.absent),
            ("report-late", a.late),
            ("report-excused", a.excused),
        ] {
            let days = |lang| escape(&words.with(lang, "report-days", &[("count", n.to_string())]));
            let _ = write!(
                html,
                "<div><b>{}: {}</b><br>{}: {}</div>",
                w(p, id),
                days(p),
                w(s, id),
                days(s)
            );
        }
        html.push_str("</div>");
        for (id, remark) in [
            ("report-teacher-remark", &card.teacher_remark),
            ("report-principal-remark", &card.principal_remark),
        ] {
            let _ = write!(
                html,
                r#"<div class="remark"><span>{} · {}</span><div dir="auto">{}</div></div>"#,
                w(p, id),
                w(s, id),
                escape(remark.as_deref().unwrap_or("—"))
            );
        }
        let teacher = card
            .homeroom_teacher
            .as_ref()
            .map_or(String::new(), |t| escape(t.get(p)));
        let _ = write!(
            html,
            r#"<div class="signatures"><div>{} · {}<br><b>{}</b></div><div>{} · {}<br><b>{}</b></div></div><footer><span>{}</span><span>{}</span></footer></section>"#,
            w(p, "report-homeroom-teacher"),
            w(s, "report-homeroom-teacher"),
            teacher,
            w(p, "report-principal"),
            w(s, "report-principal"),
            escape(cards.school.principal.get(p)),
            escape(&words.gregorian(p, cards.issued_on)),
            escape(&words.hijri(p, cards.issued_on)),
        );
    }
    html.push_str("</body></html>");
    html
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Chromium headless printing `html` to PDF, as a web-based school system would.
fn chromium_print(browser: &str, dir: &Path, html: &str) -> Duration {
    let page = dir.join("cards.html");
    let out = dir.join("chromium.pdf");
    std::fs::write(&page, html).unwrap();
    let started = Instant::now();
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--allow-file-access-from-files",
            &format!("--user-data-dir={}", dir.join("profile").display()),
            &format!("--print-to-pdf={}", out.display()),
            &format!("file://{}", page.display()),
        ])
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    assert!(
        status.status.success() && out.exists(),
        "chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    elapsed
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open(dir.path(), Localizer::new("en", false).unwrap()).unwrap();
    let options = if quick {
        DemoOptions {
            students: 120,
            ..DemoOptions::standard()
        }
    } else {
        DemoOptions::standard()
    };
    let started = Instant::now();
    let summary = app.create_demo(options).unwrap();
    println!(
        "school: {} students, generated in {} (load {})",
        summary.students,
        secs(started.elapsed()),
        load()
    );
    let issued = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let words = Words::new().unwrap();
    let classrooms: Vec<String> = app
        .classrooms(&actor(&app))
        .unwrap()
        .into_iter()
        .map(|c| c.classroom.name_en)
        .collect();
    let samples = if quick { 1 } else { 5 };

    // 40 cards: the first classrooms' students, read from the store and laid out as one PDF.
    let forty = || {
        let mut cards: Option<ReportCards> = None;
        for name in &classrooms {
            let more = app
                .report_cards(&actor(&app), app.classroom(name).unwrap().id, "1", issued)
                .unwrap();
            match &mut cards {
                Some(c) => c.cards.extend(more.cards),
                None => cards = Some(more),
            }
            if cards.as_ref().is_some_and(|c| c.cards.len() >= 40) {
                break;
            }
        }
        let mut cards = cards.unwrap();
        cards.cards.truncate(40);
        cards
    };
    let mut times = Vec::new();
    let mut forty_cards = None;
    for _ in 0..samples {
        let started = Instant::now();
        let cards = forty();
        let pdf = daftar_reports::report_cards(&cards, &words).unwrap();
        times.push(started.elapsed());
        forty_cards = Some((cards, pdf));
    }
    let (cards, pdf) = forty_cards.unwrap();
    let daftar_40 = median(&mut times);
    let mut reading: Vec<Duration> = (0..samples)
        .map(|_| {
            let started = Instant::now();
            forty();
            started.elapsed()
        })
        .collect();
    let reading = median(&mut reading);
    println!(
        "daftar: {} cards (read + layout + PDF): median {} ({:.1} ms/card; reading the data {}), {} KB ({:.1} KB/page)",
        cards.cards.len(),
        secs(daftar_40),
        daftar_40.as_secs_f64() * 1e3 / cards.cards.len() as f64,
        secs(reading),
        pdf.bytes.len() / 1024,
        pdf.bytes.len() as f64 / 1024.0 / pdf.pages as f64
    );

    // The whole school: every classroom's cards, one PDF per classroom.
    let mut times = Vec::new();
    let mut total_cards = 0;
    for _ in 0..samples.min(3) {
        let started = Instant::now();
        total_cards = 0;
        for name in &classrooms {
            let cards = app
                .report_cards(&actor(&app), app.classroom(name).unwrap().id, "1", issued)
                .unwrap();
            total_cards += cards.cards.len();
            let pdf = daftar_reports::report_cards(&cards, &words).unwrap();
            assert_eq!(pdf.pages, cards.cards.len());
        }
        times.push(started.elapsed());
    }
    let school = median(&mut times);
    println!(
        "daftar: the whole school, {} cards in {} PDFs: median {} ({:.1} ms/card)",
        total_cards,
        classrooms.len(),
        secs(school),
        school.as_secs_f64() * 1e3 / total_cards as f64
    );

    match chromium() {
        Some(browser) => {
            let html = cards_html(&cards, &words);
            let mut times: Vec<Duration> = (0..samples.min(3))
                .map(|_| chromium_print(browser, dir.path(), &html))
                .collect();
            let chrome = median(&mut times);
            let per_card = chrome.as_secs_f64() / cards.cards.len() as f64;
            println!(
                "chromium headless: the same {} cards as HTML → PDF: median {} ({:.1} ms/card; the school's {} cards would take ~{:.0} s)",
                cards.cards.len(),
                secs(chrome),
                per_card * 1e3,
                total_cards,
                per_card * total_cards as f64
            );
            println!(
                "daftar is {:.0}× Chromium's speed per card (40 cards), {:.0}× (whole school)",
                chrome.as_secs_f64() / daftar_40.as_secs_f64(),
                per_card / (school.as_secs_f64() / total_cards as f64)
            );
        }
        None => println!("chromium: not installed (apt install chromium), comparison skipped"),
    }
}
