//! Printed documents rendered by poppler (pdftoppm, pdftotext): compared with reviewed
//! reference images, their text extracted in reading order, and everything kept on the page.
//!
//! `DAFTAR_UPDATE_REFERENCES=1 cargo test -p daftar-reports --test documents` rewrites the
//! reference images after a deliberate change of layout; review them before committing.

mod fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use daftar_reports::{Lang, Words};
use fixtures::*;

fn poppler(tool: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Writes a rendered document; `DAFTAR_ARTIFACTS` keeps a copy there to look at.
fn write_pdf(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Some(keep) = std::env::var_os("DAFTAR_ARTIFACTS") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(Path::new(&keep).join(name), bytes).unwrap();
    }
    path
}

/// The text poppler extracts, without the embedding marks it adds around right-to-left runs
/// and without Arabic vowel marks (poppler attaches a raised mark to a neighbouring letter).
fn extracted(pdf: &Path) -> String {
    let raw = String::from_utf8(poppler("pdftotext", &[pdf.to_str().unwrap(), "-"])).unwrap();
    raw.chars()
        .filter(|c| !matches!(*c as u32, 0x202A..=0x202E | 0x064B..=0x065F | 0x0670))
        .collect()
}

/// The text as poppler lays it out on the page: a row of a table on one line.
fn laid_out(pdf: &Path) -> String {
    String::from_utf8(poppler(
        "pdftotext",
        &["-layout", pdf.to_str().unwrap(), "-"],
    ))
    .unwrap()
}

fn without_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(*c as u32, 0x064B..=0x065F | 0x0670))
        .collect()
}

fn assert_reads(text: &str, expected: &[&str]) {
    for want in expected {
        let want = without_marks(want);
        assert!(
            text.contains(&want),
            "{want:?} is not in the extracted text:\n{text}"
        );
    }
}

/// Poppler reorders a line of Arabic and numbers by its own rules: it takes one reading
/// direction for the whole page and moves neutral characters (spaces, colons) with the runs
/// around them, so "حاضر: 62 يومًا" can come out as "يومًا62 :حاضر". Such lines are checked for
/// holding every token on one line; Arabic words themselves are checked in order elsewhere.
fn assert_line_has(text: &str, tokens: &[&str]) {
    let tokens: Vec<String> = tokens.iter().map(|t| without_marks(t)).collect();
    let found = text
        .lines()
        .any(|line| tokens.iter().all(|t| line.contains(t.as_str())));
    assert!(found, "no line holds all of {tokens:?}:\n{text}");
}

fn page_count(pdf: &Path) -> usize {
    let info = String::from_utf8(poppler("pdfinfo", &[pdf.to_str().unwrap()])).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// Every word's box from `pdftotext -bbox`, with the page size: (xMin, yMin, xMax, yMax).
fn word_boxes(pdf: &Path) -> (f32, f32, Vec<(String, [f32; 4])>) {
    let html =
        String::from_utf8(poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"])).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let page = html.lines().find(|l| l.contains("<page ")).unwrap();
    let (width, height) = (attr(page, "width"), attr(page, "height"));
    let words = html
        .lines()
        .filter(|l| l.contains("<word "))
        .map(|l| {
            let word = l
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            (
                word,
                [
                    attr(l, "xMin"),
                    attr(l, "yMin"),
                    attr(l, "xMax"),
                    attr(l, "yMax"),
                ],
            )
        })
        .collect();
    (width, height, words)
}

fn assert_on_the_page(pdf: &Path, margin: f32) {
    let (width, height, words) = word_boxes(pdf);
    assert!(!words.is_empty());
    for (word, [x0, y0, x1, y1]) in words {
        assert!(
            x0 >= margin - 1.0
                && x1 <= width - margin + 1.0
                && y0 >= margin - 12.0
                && y1 <= height - margin + 12.0,
            "{word:?} at {x0},{y0}–{x1},{y1} is off the printable area of {width}×{height}"
        );
    }
}

/// Renders page `page` at 40 dpi in grey and compares it with tests/reference/`name`.png:
/// at most 0.5% of pixels may differ by more than a fifth of the grey range.
fn assert_looks_like_reference(pdf: &Path, page: usize, name: &str) {
    let dir = pdf.parent().unwrap();
    let prefix = dir.join(format!("{name}-render"));
    let page_arg = page.to_string();
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-gray",
            "-r",
            "40",
            "-f",
            &page_arg,
            "-l",
            &page_arg,
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let rendered_path = prefix.with_extension("png");
    let reference_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference")
        .join(format!("{name}.png"));
    if std::env::var_os("DAFTAR_UPDATE_REFERENCES").is_some() {
        std::fs::create_dir_all(reference_path.parent().unwrap()).unwrap();
        std::fs::copy(&rendered_path, &reference_path).unwrap();
        return;
    }
    let read = |path: &Path| {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        ));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        pixels.truncate(info.buffer_size());
        (info.width, info.height, info.color_type, pixels)
    };
    let (w, h, color, rendered) = read(&rendered_path);
    let (rw, rh, rcolor, reference) = read(&reference_path);
    assert_eq!(
        (w, h, color),
        (rw, rh, rcolor),
        "{name}: the page size changed"
    );
    let differing = rendered
        .iter()
        .zip(&reference)
        .filter(|(a, b)| a.abs_diff(**b) > 51)
        .count();
    let share = differing as f64 / rendered.len() as f64;
    assert!(
        share <= 0.005,
        "{name}: {:.2}% of pixels differ from the reference (rendered: {})",
        share * 100.0,
        rendered_path.display()
    );
}

#[test]
fn arabic_first_report_card_reads_and_looks_right() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    let bytes = daftar_reports::report_cards(&cards(Lang::Ar, vec![typical_card()]), &words)
        .unwrap()
        .bytes;
    let pdf = write_pdf(dir.path(), "card-ar.pdf", &bytes);
    assert_eq!(page_count(&pdf), 1);
    let text = extracted(&pdf);
    assert_reads(
        &text,
        &[
            "مدرسة النور الدولية",
            "Al Noor International School",
            "الشهادة المدرسية",
            "محمد أحمد الخطيب",
            "Mohammed Ahmed Al Khatib",
            "2025-0042",
            "2025/2026",
            "الفصل الأول",
            "اللغة العربية",
            "الدراسات الاجتماعية",
            "Islamic Education",
            "15/20",
            "36.5/50",
            "131.5/180",
            "73.7",
            "جيد جدًا",
            "Very good",
            "المعدل العام",
            "75.8",
            "Rank 3 of 28",
            "Present: 62 days",
            "(خاصة في الرياضيات)",
            "Well done; keep it up next term.",
            "ليلى حسن",
            "سعاد الهاشمي",
            "10 Jumada al-Akhirah 1448 AH",
        ],
    );
    assert_reads(&text, &["متأخر", "يومان", "بعذر", "يوم واحد"]);
    assert_line_has(&text, &["الترتيب", "3", "من", "28"]);
    assert_line_has(&text, &["حاضر", "62", "يومًا"]);
    assert_line_has(&text, &["غائب", "3", "أيام"]);
    assert_line_has(
        &text,
        &[
            "صدرت في",
            "نوفمبر",
            "جمادى الآخرة",
            "20",
            "2026",
            "1448",
            "هـ",
        ],
    );
    assert_on_the_page(&pdf, 36.0);
    assert_looks_like_reference(&pdf, 1, "card-ar");
}

#[test]
fn english_first_card_at_its_limits_still_fits() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    let bytes = daftar_reports::report_cards(
        &cards(Lang::En, vec![stress_card(), typical_card()]),
        &words,
    )
    .unwrap()
    .bytes;
    let pdf = write_pdf(dir.path(), "card-en.pdf", &bytes);
    // One page per student, however long the names and however many subjects.
    assert_eq!(page_count(&pdf), 2);
    let text = extracted(&pdf);
    for (ar, en) in SUBJECTS {
        assert_reads(&text, &[ar, en]);
    }
    let card = stress_card();
    // The long remarks are wrapped, never cut.
    assert_reads(
        &text.replace('\n', " "),
        &[card.principal_remark.as_deref().unwrap()],
    );
    for word in card.teacher_remark.as_deref().unwrap().split_whitespace() {
        assert_reads(&text, &[word.trim_end_matches(['،', '.'])]);
    }
    assert_reads(
        &text,
        &["Rank 111 of 2500", "Present: 103 days", "Absent: 11 days"],
    );
    // Arabic counts take their plural forms: 103 is "few", 11 "many".
    assert_line_has(&text, &["حاضر", "103", "أيام"]);
    assert_line_has(&text, &["غائب", "11", "يومًا"]);
    assert_line_has(&text, &["الترتيب", "111", "من", "2500"]);
    assert_on_the_page(&pdf, 36.0);
    assert_looks_like_reference(&pdf, 1, "card-en-limits");
}

#[test]
fn one_file_per_student() {
    let words = Words::new().unwrap();
    let files = daftar_reports::report_card_files(
        &cards(Lang::Ar, vec![typical_card(), stress_card()]),
        &words,
    )
    .unwrap();
    assert_eq!(files.len(), 2);
    assert!(
        files
            .iter()
            .all(|f| f.bytes.starts_with(b"%PDF-") && f.pages == 1)
    );
    let nobody = daftar_reports::report_cards(&cards(Lang::Ar, vec![]), &words);
    assert_eq!(nobody.unwrap_err().code(), "nothing-to-print");
}

#[test]
fn receipts_in_both_orders() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    for lang in [Lang::Ar, Lang::En] {
        let name = format!("receipt-{}", lang.code());
        let pdf = write_pdf(
            dir.path(),
            &format!("{name}.pdf"),
            &daftar_reports::receipt(&receipt(lang), &words)
                .unwrap()
                .bytes,
        );
        assert_eq!(page_count(&pdf), 1);
        let text = extracted(&pdf);
        assert_reads(
            &text,
            &[
                "إيصال استلام رسوم",
                "Fee receipt",
                "R-000123",
                "INV-2025-0007-2",
                "12,500.00",
                "5,000.00",
                "2,500.00",
                "تحويل بنكي",
                "Bank transfer",
                "Khaled Al Mansouri",
                "خالد المنصوري",
                "نورة العلي",
                "Sara Khaled Al Mansouri (2025-0007)",
                "TRF-88120",
                "VAT at 5% on 476.19",
                "100123456700003",
            ],
        );
        assert_reads(&text, &["سارة خالد المنصوري"]);
        assert_line_has(&text, &["2,500.00", "AED"]);
        assert_line_has(&text, &["نوفمبر", "جمادى الآخرة", "20", "2026", "1448"]);
        assert_on_the_page(&pdf, 30.0);
        assert_looks_like_reference(&pdf, 1, &name);
    }
}

#[test]
fn a_long_register_runs_over_pages() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    let short = write_pdf(
        dir.path(),
        "register-ar.pdf",
        &daftar_reports::register(&register(Lang::Ar, 32), &words)
            .unwrap()
            .bytes,
    );
    assert_eq!(page_count(&short), 1);
    let text = extracted(&short);
    assert_reads(
        &text,
        &[
            "سجل الحضور الشهري",
            "Attendance register",
            "محمد الأحمد",
            "ح حاضر",
            "P present",
        ],
    );
    assert_reads(&text, &["November 2026", "32 students", "22 school days"]);
    assert_line_has(
        &text,
        &["نوفمبر", "طالبًا", "يومًا دراسيًا", "2026", "32", "22"],
    );
    assert_on_the_page(&short, 28.0);
    assert_looks_like_reference(&short, 1, "register-ar");

    let long = write_pdf(
        dir.path(),
        "register-en.pdf",
        &daftar_reports::register(&register(Lang::En, 50), &words)
            .unwrap()
            .bytes,
    );
    assert_eq!(page_count(&long), 2);
    let text = extracted(&long);
    assert_reads(&text, &["Omar Al Ahmad 50", "Page 2 of 2", "50 students"]);
    assert_on_the_page(&long, 28.0);
    assert_looks_like_reference(&long, 1, "register-en");
}

#[test]
fn tax_invoices_in_both_orders_with_vat_by_rate_words_and_the_saudi_qr_code() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    for lang in [Lang::Ar, Lang::En] {
        let name = format!("tax-invoice-{}", lang.code());
        let pdf = write_pdf(
            dir.path(),
            &format!("{name}.pdf"),
            &daftar_reports::tax_invoice(&tax_invoice(lang), &words)
                .unwrap()
                .bytes,
        );
        assert_eq!(page_count(&pdf), 1);
        let text = extracted(&pdf);
        assert_reads(
            &text,
            &[
                "فاتورة ضريبية",
                "Tax invoice",
                "310122393500003",
                "F2026-1-2025-0007",
                "Tuition",
                "الرسوم الدراسية",
                "10,000.00",
                "1,000.00",
                "9,000.00",
                "15%",
                "75.00",
                "9,575.00",
                "Total with VAT",
                "الإجمالي شامل الضريبة",
                "5,500.00",
                "nine thousand five hundred and seventy-five riyals only",
                "Khaled Al Mansouri",
            ],
        );
        assert_line_has(&text, &["VAT at 15%", "500.00"]);
        // Poppler takes the lam-alef ligature of ريالًا apart; the words around it read in order.
        assert_reads(&text, &["فقط تسعة آلاف وخمسمائة وخمسة وسبعون", "لا غير"]);
        assert_on_the_page(&pdf, 30.0);
        // The QR code is drawn as modules: the page has many small filled squares, so its
        // picture differs from one without.
        assert_looks_like_reference(&pdf, 1, &name);
    }
}

#[test]
fn a_familys_statement_reads_in_order_with_its_running_balance() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    for lang in [Lang::Ar, Lang::En] {
        let name = format!("statement-{}", lang.code());
        let pdf = write_pdf(
            dir.path(),
            &format!("{name}.pdf"),
            &daftar_reports::statement(&statement(lang), &words)
                .unwrap()
                .bytes,
        );
        assert_eq!(page_count(&pdf), 1);
        let text = extracted(&pdf);
        assert_reads(
            &text,
            &[
                "كشف حساب",
                "Statement of account",
                "Khaled Al Mansouri",
                "F2026-1-0007",
                "CN-1A2B3C-00001",
                "R-1A2B3C-00002",
                "RF-1A2B3C-00001",
                "Bus not taken",
                "12,500.00",
                "23,750.00",
                "18,500.00",
            ],
        );
        assert_line_has(
            &text,
            &[if lang == Lang::Ar {
                "صفحة"
            } else {
                "Page 1 of 1"
            }],
        );
        assert_line_has(&text, &["18,500.00", "AED"]);
        assert_on_the_page(&pdf, 28.0);
        assert_looks_like_reference(&pdf, 1, &name);
    }
}

#[test]
fn the_days_cash_report_totals_by_method_and_by_receiver() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    let pdf = write_pdf(
        dir.path(),
        "cash-en.pdf",
        &daftar_reports::cash_report(&cash_report(Lang::En), &words)
            .unwrap()
            .bytes,
    );
    let text = extracted(&pdf);
    assert_reads(
        &text,
        &[
            "Daily cash report",
            "تقرير الصندوق اليومي",
            "000451",
            "AUTH 7731",
            "Refund",
        ],
    );
    let text = laid_out(&pdf);
    // Cash 1,500 + 800 − 500 refunded; by Noura 1,500 + 5,000 − 500; in all 9,500 − 500.
    assert_line_has(&text, &["Cash", "1,800.00"]);
    assert_line_has(&text, &["Cheque", "5,000.00"]);
    assert_line_has(&text, &["Taken by Noura Al Ali", "6,000.00"]);
    assert_line_has(&text, &["Taken by Omar Salem", "3,000.00"]);
    assert_line_has(&text, &["Net takings", "9,000.00"]);
    assert_on_the_page(&pdf, 28.0);
    assert_looks_like_reference(&pdf, 1, "cash-en");
}

#[test]
fn the_aging_report_buckets_each_student_and_runs_over_pages() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    let pdf = write_pdf(
        dir.path(),
        "aging-ar.pdf",
        &daftar_reports::aging(&aging(Lang::Ar, 60), &words)
            .unwrap()
            .bytes,
    );
    assert!(page_count(&pdf) >= 2);
    let text = extracted(&pdf);
    assert_reads(
        &text,
        &[
            "أعمار المبالغ المستحقة",
            "Aging of amounts outstanding",
            "Over 90 days",
            "2025-0060",
        ],
    );
    let report = aging(Lang::Ar, 60);
    let total: i64 = report.lines.iter().map(|l| l.total).sum();
    assert_reads(&text, &[daftar_reports::grading::money(total, 2).as_str()]);
    assert_on_the_page(&pdf, 28.0);
    assert_looks_like_reference(&pdf, 1, "aging-ar");
}

/// An attendance view as the analytics print it, in Arabic: bars mirrored (the first grade
/// on the right), a box plot, and a table longer than a page.
fn analytics_report() -> daftar_reports::AnalyticsReport {
    use daftar_reports::{AnalyticsReport, ChartDrawing, TableDrawing};
    let grades: Vec<String> = (1..=6).map(|g| format!("الصف {g}")).collect();
    AnalyticsReport {
        school: school(Lang::Ar),
        title: "الحضور".into(),
        facts: vec![("العام".into(), "2025/2026".into())],
        charts: vec![
            ChartDrawing {
                title: "نسبة الحضور".into(),
                boxes: false,
                percent: true,
                labels: grades.clone(),
                series: vec![(
                    "نسبة الحضور ٪".into(),
                    vec![
                        Some(96.5),
                        Some(94.0),
                        Some(91.2),
                        Some(88.0),
                        Some(97.1),
                        None,
                    ],
                )],
                five: Vec::new(),
            },
            ChartDrawing {
                title: "الغياب والتأخر حسب يوم الأسبوع".into(),
                boxes: false,
                percent: false,
                labels: vec!["الأحد".into(), "الاثنين".into(), "الثلاثاء".into()],
                series: vec![
                    ("غائب".into(), vec![Some(120.0), Some(80.0), Some(95.0)]),
                    ("متأخر".into(), vec![Some(40.0), Some(22.0), Some(31.0)]),
                ],
                five: Vec::new(),
            },
            ChartDrawing {
                title: "توزيع الدرجات حسب المادة".into(),
                boxes: true,
                percent: true,
                labels: vec!["الرياضيات".into(), "العلوم".into()],
                series: Vec::new(),
                five: vec![
                    [32.0, 61.0, 72.5, 84.0, 100.0],
                    [40.0, 55.0, 68.0, 79.0, 96.0],
                ],
            },
        ],
        tables: vec![TableDrawing {
            title: "الغياب المزمن".into(),
            header: vec![
                "الطالب".into(),
                "رقم القيد".into(),
                "أيام الغياب".into(),
                "نسبة الغياب ٪".into(),
            ],
            figures: vec![false, false, true, true],
            rows: (0..70)
                .map(|i| {
                    vec![
                        format!("طالب رقم {i}"),
                        format!("2025-{i:04}"),
                        format!("{}", 20 - i % 7),
                        format!("{:.1}%", 11.0 + i as f64 / 10.0),
                    ]
                })
                .collect(),
            empty: "لا شيء".into(),
        }],
    }
}

#[test]
fn an_analytics_view_prints_its_charts_mirrored_and_its_table_over_pages() {
    let dir = tempfile::tempdir().unwrap();
    let words = Words::new().unwrap();
    let pdf = write_pdf(
        dir.path(),
        "analytics-ar.pdf",
        &daftar_reports::analytics(&analytics_report(), &words)
            .unwrap()
            .bytes,
    );
    assert!(page_count(&pdf) >= 2, "the table runs onto a second page");
    let text = extracted(&pdf);
    assert_reads(
        &text,
        &[
            "مدرسة النور الدولية",
            "نسبة الحضور",
            "الغياب المزمن",
            "طالب رقم 69",
            "2025-0069",
        ],
    );
    assert_on_the_page(&pdf, 28.0);
    assert_looks_like_reference(&pdf, 1, "analytics-ar");
}
