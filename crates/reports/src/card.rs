//! The bilingual report card: one A4 page per student, the school's first language on the
//! start side and the other beside it.

use crate::grading::{band, number, overall_percent, subject_percent, subject_total};
use crate::layout::{Frame, dir, header, labelled, lang_of_text};
use crate::model::{Band, Lang, ReportCard, ReportCards};
use crate::pdf::{ACCENT, Align, BLACK, Fonts, GREY, Image, Page, RULE, SHADE, WHITE};
use crate::text::Style;
use crate::words::Words;

const MARGIN: f32 = 36.0;
/// Height kept under the marks table for rank, attendance, remarks, signatures and footer.
const BELOW_TABLE: f32 = 262.0;

/// Draws one student's card on a new page.
pub fn draw(
    cards: &ReportCards,
    card: &ReportCard,
    logo: Option<&Image>,
    words: &Words,
    fonts: &Fonts,
) -> Page {
    let mut page = Page::a4();
    let frame = Frame::new(page.width, cards.school.primary);
    let (p, s) = (cards.school.primary, cards.school.primary.other());
    let width = page.width - 2.0 * MARGIN;
    let mut y = header(
        &mut page,
        &frame,
        &cards.school,
        logo,
        &words.both("report-card-title"),
        MARGIN,
        fonts,
    );

    // The student, once per language: primary half on the start side.
    let half = (width - 24.0) / 2.0;
    for (lang, x) in [(p, MARGIN), (s, MARGIN + half + 24.0)] {
        labelled(
            &mut page,
            &frame,
            lang,
            &words.get(lang, "report-student"),
            card.student_name.get(lang),
            x,
            half,
            y,
            fonts,
        );
        // Cells run from the language's own start: right to left in Arabic.
        let shares = [0.22, 0.3, 0.2, 0.28];
        let cells = [
            ("report-admission-number", card.admission_number.clone()),
            ("report-classroom", card.classroom.get(lang).to_string()),
            ("report-year", card.year.clone()),
            ("report-term", card.term.get(lang).to_string()),
        ];
        let mut offset = 0.0;
        for ((label, value), share) in cells.iter().zip(shares) {
            let cell = half * share;
            let x_cell = if lang == p {
                x + offset
            } else {
                x + half - offset - cell
            };
            labelled(
                &mut page,
                &frame,
                lang,
                &words.get(lang, label),
                value,
                x_cell,
                cell - 4.0,
                y + 28.0,
                fonts,
            );
            offset += cell;
        }
    }
    y += 64.0;

    // The marks table.
    let columns = {
        let fixed = [100.0, 0.0, 52.0, 40.0, 52.0, 56.0, 100.0];
        let mut c = fixed;
        c[1] = width - fixed.iter().sum::<f32>();
        c
    };
    let starts: Vec<f32> = columns
        .iter()
        .scan(MARGIN, |x, w| {
            let start = *x;
            *x += w;
            Some(start)
        })
        .collect();
    let header_height = 26.0;
    page.rect(MARGIN, y, width, header_height, Some(ACCENT), None);
    let head_ids = [
        "report-subject",
        "report-assessments",
        "report-total",
        "report-percent",
        "report-grade",
        "report-grade",
        "report-subject",
    ];
    for (i, id) in head_ids.iter().enumerate() {
        let (x, w) = (starts[i], columns[i]);
        match i {
            0 => {
                page.text(
                    &words.get(p, id),
                    Style::bold(9.0),
                    dir(p),
                    frame.in_cell(p, x, w, 5.0),
                    y + 16.5,
                    Some(w - 8.0),
                    WHITE,
                    fonts,
                );
            }
            6 => {
                page.text(
                    &words.get(s, id),
                    Style::bold(8.5),
                    dir(s),
                    frame.in_cell(s, x, w, 5.0),
                    y + 16.5,
                    Some(w - 8.0),
                    WHITE,
                    fonts,
                );
            }
            4 | 5 => {
                let lang = if i == 4 { p } else { s };
                page.text(
                    &words.get(lang, id),
                    Style::bold(8.5),
                    dir(lang),
                    frame.centered(x + w / 2.0),
                    y + 16.5,
                    Some(w - 6.0),
                    WHITE,
                    fonts,
                );
            }
            _ => {
                page.text(
                    &words.get(p, id),
                    Style::bold(8.5),
                    dir(p),
                    frame.centered(x + w / 2.0),
                    y + 11.0,
                    Some(w - 6.0),
                    WHITE,
                    fonts,
                );
                page.text(
                    &words.get(s, id),
                    Style::regular(7.0),
                    dir(s),
                    frame.centered(x + w / 2.0),
                    y + 21.5,
                    Some(w - 6.0),
                    WHITE,
                    fonts,
                );
            }
        }
    }
    y += header_height;
    let rows = card.subjects.len() + 1;
    // Room for the rows, less the rank line under them.
    let room = page.height - MARGIN - BELOW_TABLE - y - 16.0;
    let row_height = (room / rows as f32).clamp(12.0, 22.0);
    let size = if row_height >= 18.0 { 9.0 } else { 8.0 };
    let missing = words.get(p, "report-no-mark");
    let or_missing = |text: Option<String>| text.unwrap_or_else(|| missing.clone());
    let percent_text = |v: Option<f64>| or_missing(v.map(|v| format!("{v:.1}")));
    let label =
        |band: Option<&Band>, lang: Lang| or_missing(band.map(|b| b.label.get(lang).into()));
    let baseline = |top: f32| top + row_height / 2.0 + size * 0.35;
    for (r, subject) in card.subjects.iter().enumerate() {
        let top = y + r as f32 * row_height;
        if r % 2 == 1 {
            page.rect(MARGIN, top, width, row_height, Some(SHADE), None);
        }
        let percent = subject_percent(&subject.assessments);
        let marks: Vec<String> = subject
            .assessments
            .iter()
            .map(|a| match a.mark {
                Some(m) => format!("{}/{}", number(m), number(a.total)),
                None => missing.clone(),
            })
            .collect();
        let grade = percent.and_then(|v| band(v, &cards.bands));
        let cells: [(String, Lang, bool); 7] = [
            (subject.name.get(p).to_string(), p, false),
            (marks.join("   "), p, true),
            (
                or_missing(
                    subject_total(&subject.assessments)
                        .map(|(got, of)| format!("{}/{}", number(got), number(of))),
                ),
                p,
                true,
            ),
            (percent_text(percent), p, true),
            (label(grade, p), p, true),
            (label(grade, s), s, true),
            (subject.name.get(s).to_string(), s, false),
        ];
        for (i, (text, lang, centered)) in cells.iter().enumerate() {
            let (x, w) = (starts[i], columns[i]);
            let align = if *centered {
                frame.centered(x + w / 2.0)
            } else {
                frame.in_cell(*lang, x, w, 5.0)
            };
            page.text(
                text,
                Style::regular(size),
                dir(*lang),
                align,
                baseline(top),
                Some(w - 8.0),
                BLACK,
                fonts,
            );
        }
        page.rule(
            (MARGIN, top + row_height),
            (MARGIN + width, top + row_height),
            RULE,
            0.4,
        );
    }
    // The overall line.
    let top = y + card.subjects.len() as f32 * row_height;
    page.rect(
        MARGIN,
        top,
        width,
        row_height,
        Some(SHADE),
        Some((ACCENT, 0.8)),
    );
    let overall = overall_percent(&card.subjects);
    let grade = overall.and_then(|v| band(v, &cards.bands));
    let overall_cells: [(usize, String, Lang); 5] = [
        (0, words.get(p, "report-overall"), p),
        (3, percent_text(overall), p),
        (4, label(grade, p), p),
        (5, label(grade, s), s),
        (6, words.get(s, "report-overall"), s),
    ];
    for (i, text, lang) in overall_cells {
        let (x, w) = (starts[i], columns[i]);
        let align = if i == 0 || i == 6 {
            frame.in_cell(lang, x, w, 5.0)
        } else {
            frame.centered(x + w / 2.0)
        };
        page.text(
            &text,
            Style::bold(size),
            dir(lang),
            align,
            baseline(top),
            Some(w - 8.0),
            BLACK,
            fonts,
        );
    }
    let table_bottom = top + row_height;
    page.rect(
        MARGIN,
        y - header_height,
        width,
        table_bottom - y + header_height,
        None,
        Some((ACCENT, 0.8)),
    );
    y = table_bottom + 14.0;

    // Rank, where the school prints it.
    if let Some((rank, count)) = card.rank {
        let args = [("rank", rank.to_string()), ("count", count.to_string())];
        page.text(
            &words.with(p, "report-rank", &args),
            Style::bold(10.0),
            dir(p),
            frame.at_start(MARGIN),
            y + 4.0,
            None,
            ACCENT,
            fonts,
        );
        page.text(
            &words.with(s, "report-rank", &args),
            Style::bold(9.5),
            dir(s),
            frame.at_end(MARGIN + width),
            y + 4.0,
            None,
            ACCENT,
            fonts,
        );
    }
    y = page.height - MARGIN - BELOW_TABLE + 22.0;

    // Attendance: four cells, each in both languages.
    page.text(
        &words.get(p, "report-attendance"),
        Style::bold(9.0),
        dir(p),
        frame.at_start(MARGIN),
        y + 8.0,
        None,
        ACCENT,
        fonts,
    );
    page.text(
        &words.get(s, "report-attendance"),
        Style::regular(8.5),
        dir(s),
        frame.at_end(MARGIN + width),
        y + 8.0,
        None,
        ACCENT,
        fonts,
    );
    y += 14.0;
    let a = card.attendance;
    let counts = [
        ("report-present", a.present),
        ("report-absent", a.absent),
        ("report-late", a.late),
        ("report-excused", a.excused),
    ];
    let cell = width / 4.0;
    for (i, (id, n)) in counts.iter().enumerate() {
        let x = MARGIN + i as f32 * cell;
        page.rect(frame.left(x, cell), y, cell, 34.0, None, Some((RULE, 0.6)));
        for (lang, line_y, style, ink) in [
            (p, y + 14.0, Style::bold(9.5), BLACK),
            (s, y + 27.0, Style::regular(8.0), GREY),
        ] {
            let days = words.with(lang, "report-days", &[("count", n.to_string())]);
            let text = format!("{}: {days}", words.get(lang, id));
            page.text(
                &text,
                style,
                dir(lang),
                frame.centered(x + cell / 2.0),
                line_y,
                Some(cell - 8.0),
                ink,
                fonts,
            );
        }
    }
    y += 44.0;

    // Remarks, each in the language it was written in.
    for (id, remark) in [
        ("report-teacher-remark", &card.teacher_remark),
        ("report-principal-remark", &card.principal_remark),
    ] {
        page.rect(MARGIN, y, width, 52.0, None, Some((RULE, 0.6)));
        page.text(
            &words.get(p, id),
            Style::bold(8.0),
            dir(p),
            frame.at_start(MARGIN + 6.0),
            y + 11.0,
            Some(width / 2.0 - 10.0),
            GREY,
            fonts,
        );
        page.text(
            &words.get(s, id),
            Style::regular(7.5),
            dir(s),
            frame.at_end(MARGIN + width - 6.0),
            y + 11.0,
            Some(width / 2.0 - 10.0),
            GREY,
            fonts,
        );
        let text = remark
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| words.get(p, "report-no-remark"));
        let lang = lang_of_text(&text);
        let align = match lang {
            Lang::Ar => Align::Right(MARGIN + width - 8.0),
            Lang::En => Align::Left(MARGIN + 8.0),
        };
        page.paragraph(
            &text,
            Style::regular(9.5),
            dir(lang),
            align,
            y + 16.0,
            width - 16.0,
            2,
            BLACK,
            fonts,
        );
        y += 58.0;
    }

    // Signatures: the class teacher on the start side, the principal on the end side.
    let teacher = card.homeroom_teacher.clone().unwrap_or_default();
    for (i, (id, name)) in [
        ("report-homeroom-teacher", &teacher),
        ("report-principal", &cards.school.principal),
    ]
    .into_iter()
    .enumerate()
    {
        let w = 200.0;
        let x = if i == 0 { MARGIN } else { MARGIN + width - w };
        let label = format!("{} · {}", words.get(p, id), words.get(s, id));
        page.text(
            &label,
            Style::regular(8.0),
            dir(p),
            frame.centered(x + w / 2.0),
            y + 8.0,
            Some(w),
            GREY,
            fonts,
        );
        page.text(
            name.get(p),
            Style::bold(9.5),
            dir(p),
            frame.centered(x + w / 2.0),
            y + 21.0,
            Some(w),
            BLACK,
            fonts,
        );
        page.rule(
            (frame.left(x + 30.0, w - 60.0), y + 40.0),
            (frame.left(x + 30.0, w - 60.0) + w - 60.0, y + 40.0),
            GREY,
            0.5,
        );
        page.text(
            &words.get(p, "report-signature"),
            Style::regular(7.0),
            dir(p),
            frame.centered(x + w / 2.0),
            y + 49.0,
            None,
            GREY,
            fonts,
        );
    }

    // Footer: the date of issue in both calendars, in both languages.
    let footer = page.height - MARGIN + 6.0;
    for (lang, align) in [
        (p, frame.at_start(MARGIN)),
        (s, frame.at_end(MARGIN + width)),
    ] {
        let issued = words.with(
            lang,
            "report-issued",
            &[
                ("gregorian", words.gregorian(lang, cards.issued_on)),
                ("hijri", words.hijri(lang, cards.issued_on)),
            ],
        );
        page.text(
            &issued,
            Style::regular(7.5),
            dir(lang),
            align,
            footer,
            Some(width / 2.0 - 6.0),
            GREY,
            fonts,
        );
    }
    page
}
