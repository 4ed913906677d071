//! The monthly attendance register: A4 landscape, a row per student and a column per school
//! day, with each student's totals and each day's count of those present.

use chrono::Datelike;

use crate::layout::{Frame, dir, header};
use crate::model::{Lang, Mark, Register};
use crate::pdf::{ACCENT, BLACK, Fonts, GREY, Image, Page, RULE, SHADE, WHITE};
use crate::text::Style;
use crate::words::Words;

const MARGIN: f32 = 28.0;
const NUMBER_WIDTH: f32 = 20.0;
const NAME_WIDTH: f32 = 150.0;
const TOTAL_WIDTH: f32 = 22.0;
const MIN_ROW: f32 = 8.5;

/// The register's pages: as many as its rows need.
pub fn draw(register: &Register, logo: Option<&Image>, words: &Words, fonts: &Fonts) -> Vec<Page> {
    let probe = Page::a4_landscape();
    let grid_top = MARGIN + 72.0 + 22.0;
    let room = probe.height - MARGIN - 40.0 - grid_top - 2.0 * 20.0;
    let per_page = ((room / MIN_ROW).floor() as usize).max(1);
    let chunks: Vec<_> = if register.rows.is_empty() {
        vec![&register.rows[..]]
    } else {
        register.rows.chunks(per_page).collect()
    };
    let pages = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(index, rows)| {
            draw_page(
                register,
                rows,
                index * per_page,
                (index + 1, pages),
                room,
                logo,
                words,
                fonts,
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn draw_page(
    register: &Register,
    rows: &[crate::model::RegisterRow],
    first_number: usize,
    (page_number, pages): (usize, usize),
    room: f32,
    logo: Option<&Image>,
    words: &Words,
    fonts: &Fonts,
) -> Page {
    let mut page = Page::a4_landscape();
    let school = &register.school;
    let frame = Frame::new(page.width, school.primary);
    let (p, s) = (school.primary, school.primary.other());
    let width = page.width - 2.0 * MARGIN;
    let mut y = header(
        &mut page,
        &frame,
        school,
        logo,
        &words.both("register-title"),
        MARGIN,
        fonts,
    );

    let summary = |lang: Lang| {
        [
            register.classroom.get(lang).to_string(),
            words.month(lang, register.month),
            words.with(
                lang,
                "register-students",
                &[("count", register.rows.len().to_string())],
            ),
            words.with(
                lang,
                "register-school-days",
                &[("count", register.school_days.len().to_string())],
            ),
        ]
        .join(" · ")
    };
    page.text(
        &summary(p),
        Style::bold(10.0),
        dir(p),
        frame.at_start(MARGIN),
        y + 8.0,
        Some(width / 2.0 - 6.0),
        BLACK,
        fonts,
    );
    page.text(
        &summary(s),
        Style::regular(9.0),
        dir(s),
        frame.at_end(MARGIN + width),
        y + 8.0,
        Some(width / 2.0 - 6.0),
        BLACK,
        fonts,
    );
    y += 22.0;

    let days = register.school_days.len().max(1);
    let day_width =
        ((width - NUMBER_WIDTH - NAME_WIDTH - 4.0 * TOTAL_WIDTH) / days as f32).min(30.0);
    let day_x = |i: usize| MARGIN + NUMBER_WIDTH + NAME_WIDTH + i as f32 * day_width;
    let totals_x = day_x(days);
    let grid_width = totals_x + 4.0 * TOTAL_WIDTH - MARGIN;
    let marks = [Mark::Present, Mark::Absent, Mark::Late, Mark::Excused];
    let letter = |mark: Mark| {
        words.get(
            p,
            match mark {
                Mark::Present => "register-mark-present",
                Mark::Absent => "register-mark-absent",
                Mark::Late => "register-mark-late",
                Mark::Excused => "register-mark-excused",
            },
        )
    };

    // Header row: the days of the month, then the totals by mark.
    let head = 20.0;
    page.rect(
        frame.left(MARGIN, grid_width),
        y,
        grid_width,
        head,
        Some(ACCENT),
        None,
    );
    page.text(
        &words.get(p, "register-student"),
        Style::bold(8.0),
        dir(p),
        frame.in_cell(p, MARGIN + NUMBER_WIDTH, NAME_WIDTH, 4.0),
        y + 13.0,
        Some(NAME_WIDTH - 8.0),
        WHITE,
        fonts,
    );
    for (i, day) in register.school_days.iter().enumerate() {
        page.text(
            &day.day().to_string(),
            Style::bold(7.5),
            dir(p),
            frame.centered(day_x(i) + day_width / 2.0),
            y + 13.0,
            None,
            WHITE,
            fonts,
        );
    }
    for (i, mark) in marks.iter().enumerate() {
        let x = totals_x + i as f32 * TOTAL_WIDTH;
        page.text(
            &letter(*mark),
            Style::bold(8.0),
            dir(p),
            frame.centered(x + TOTAL_WIDTH / 2.0),
            y + 13.0,
            None,
            WHITE,
            fonts,
        );
    }
    y += head;

    let row_height = (room / rows.len().max(1) as f32).clamp(MIN_ROW, 14.0);
    let size = (row_height * 0.62).min(8.0);
    for (r, row) in rows.iter().enumerate() {
        let top = y + r as f32 * row_height;
        if r % 2 == 1 {
            page.rect(
                frame.left(MARGIN, grid_width),
                top,
                grid_width,
                row_height,
                Some(SHADE),
                None,
            );
        }
        let baseline = top + row_height / 2.0 + size * 0.35;
        page.text(
            &(first_number + r + 1).to_string(),
            Style::regular(size),
            dir(p),
            frame.centered(MARGIN + NUMBER_WIDTH / 2.0),
            baseline,
            None,
            GREY,
            fonts,
        );
        page.text(
            row.name.get(p),
            Style::regular(size),
            dir(p),
            frame.in_cell(p, MARGIN + NUMBER_WIDTH, NAME_WIDTH, 4.0),
            baseline,
            Some(NAME_WIDTH - 8.0),
            BLACK,
            fonts,
        );
        for (i, mark) in row.marks.iter().enumerate() {
            if let Some(mark) = mark {
                let ink = if *mark == Mark::Present { GREY } else { BLACK };
                page.text(
                    &letter(*mark),
                    Style::bold(size),
                    dir(p),
                    frame.centered(day_x(i) + day_width / 2.0),
                    baseline,
                    None,
                    ink,
                    fonts,
                );
            }
        }
        for (i, mark) in marks.iter().enumerate() {
            let count = row.marks.iter().filter(|m| **m == Some(*mark)).count();
            let x = totals_x + i as f32 * TOTAL_WIDTH;
            page.text(
                &count.to_string(),
                Style::regular(size),
                dir(p),
                frame.centered(x + TOTAL_WIDTH / 2.0),
                baseline,
                None,
                BLACK,
                fonts,
            );
        }
    }
    let mut bottom = y + rows.len() as f32 * row_height;

    // The last page closes with each day's count of students present (late counts as present).
    if page_number == pages {
        page.rect(
            frame.left(MARGIN, grid_width),
            bottom,
            grid_width,
            16.0,
            Some(SHADE),
            None,
        );
        page.text(
            &words.get(p, "register-day-total"),
            Style::bold(8.0),
            dir(p),
            frame.in_cell(p, MARGIN + NUMBER_WIDTH, NAME_WIDTH, 4.0),
            bottom + 11.0,
            Some(NAME_WIDTH - 8.0),
            BLACK,
            fonts,
        );
        for i in 0..register.school_days.len() {
            let present = register
                .rows
                .iter()
                .filter(|row| matches!(row.marks.get(i), Some(Some(Mark::Present | Mark::Late))))
                .count();
            page.text(
                &present.to_string(),
                Style::bold(7.0),
                dir(p),
                frame.centered(day_x(i) + day_width / 2.0),
                bottom + 11.0,
                None,
                BLACK,
                fonts,
            );
        }
        bottom += 16.0;
    }

    // Grid lines: a rule under each row and between the day columns.
    for r in 0..=rows.len() {
        let line_y = y + r as f32 * row_height;
        page.rule((MARGIN, line_y), (MARGIN + grid_width, line_y), RULE, 0.3);
    }
    for i in 0..=days {
        let x = frame.left(day_x(i), 0.0);
        page.rule((x, y - head), (x, bottom), RULE, 0.3);
    }
    let name_edge = frame.left(MARGIN + NUMBER_WIDTH, 0.0);
    page.rule((name_edge, y - head), (name_edge, bottom), RULE, 0.3);
    page.rect(
        frame.left(MARGIN, grid_width),
        y - head,
        grid_width,
        bottom - y + head,
        None,
        Some((ACCENT, 0.8)),
    );

    // Legend, teacher and page number.
    let footer = page.height - MARGIN;
    page.text(
        &words.get(p, "register-legend"),
        Style::regular(7.5),
        dir(p),
        frame.at_start(MARGIN),
        footer - 12.0,
        None,
        GREY,
        fonts,
    );
    page.text(
        &words.get(s, "register-legend"),
        Style::regular(7.0),
        dir(s),
        frame.at_start(MARGIN),
        footer,
        None,
        GREY,
        fonts,
    );
    if let Some(teacher) = &register.homeroom_teacher {
        let label = format!(
            "{}: {}",
            words.get(p, "report-homeroom-teacher"),
            teacher.get(p)
        );
        page.text(
            &label,
            Style::regular(8.0),
            dir(p),
            frame.centered(MARGIN + width / 2.0),
            footer - 6.0,
            None,
            BLACK,
            fonts,
        );
    }
    let pages_label = |lang: Lang| {
        words.with(
            lang,
            "report-page",
            &[
                ("page", page_number.to_string()),
                ("pages", pages.to_string()),
            ],
        )
    };
    page.text(
        &format!("{} · {}", pages_label(p), pages_label(s)),
        Style::regular(7.5),
        dir(p),
        frame.at_end(MARGIN + width),
        footer - 6.0,
        None,
        GREY,
        fonts,
    );
    page
}
