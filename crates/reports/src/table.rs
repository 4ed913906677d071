//! A bilingual table over as many pages as it needs: the school's header and the facts on
//! the first page, the column heads on every page (the first column on the reading side),
//! a row per entry, sums at the end and "page n of N" at the foot. The statement of account,
//! the daily cash report and the aging report are each one of these.

use crate::layout::{Frame, dir, header};
use crate::model::{Bilingual, Lang, SchoolHeader};
use crate::pdf::{ACCENT, BLACK, Fonts, GREY, Image, Page, RULE, SHADE};
use crate::text::Style;
use crate::words::Words;

const MARGIN: f32 = 32.0;
const HEAD: f32 = 28.0;
const FOOT: f32 = 26.0;

/// A column: its heading's message id, its share of the width, and whether it holds
/// figures (centred) or text (at its language's start).
pub struct Column {
    pub id: &'static str,
    pub share: f32,
    pub figure: bool,
}

/// A cell: its text in the primary language, and optionally under it in the other.
#[derive(Default)]
pub struct Cell {
    pub text: String,
    pub second: Option<String>,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            second: None,
        }
    }

    /// A bilingual text: the primary language's above, the other's under it when it differs.
    pub fn both(text: &Bilingual, primary: Lang) -> Self {
        let (first, second) = (text.get(primary), text.get(primary.other()));
        Cell {
            text: first.to_string(),
            second: (second != first).then(|| second.to_string()),
        }
    }
}

pub struct Row {
    pub cells: Vec<Cell>,
    /// A total: shaded and bold.
    pub strong: bool,
}

/// A line of sums under the table: its label in each language and the value.
pub struct Sum {
    pub label: Bilingual,
    pub value: String,
    pub strong: bool,
}

/// A fact under the header: its label's message id and the value (and in the other
/// language, where it differs).
pub struct Fact {
    pub id: &'static str,
    pub value: String,
    pub second: Option<String>,
}

pub struct Table<'a> {
    pub school: &'a SchoolHeader,
    pub title: Bilingual,
    pub facts: Vec<Fact>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Shown in place of the rows when there are none.
    pub empty: Bilingual,
    pub sums: Vec<Sum>,
    pub landscape: bool,
}

pub fn draw(table: &Table, logo: Option<&Image>, words: &Words, fonts: &Fonts) -> Vec<Page> {
    let blank = || {
        if table.landscape {
            Page::a4_landscape()
        } else {
            Page::a4()
        }
    };
    let school = table.school;
    let (p, s) = (school.primary, school.primary.other());
    let mut pages = Vec::new();
    let mut page = blank();
    let frame = Frame::new(page.width, p);
    let width = page.width - 2.0 * MARGIN;
    let bottom = page.height - MARGIN - FOOT;
    let cells: Vec<(f32, f32)> = table
        .columns
        .iter()
        .scan(MARGIN, |x, column| {
            let w = column.share * width;
            let cell = (*x, w);
            *x += w;
            Some(cell)
        })
        .collect();

    let mut y = header(&mut page, &frame, school, logo, &table.title, MARGIN, fonts);
    y = facts(&mut page, &frame, table, y, width, words, fonts);
    let heads = |page: &mut Page, y: f32| {
        page.rect(MARGIN, y, width, HEAD, Some(SHADE), None);
        for (column, (x, w)) in table.columns.iter().zip(&cells) {
            let centre = frame.centered(x + w / 2.0);
            for (lang, style, ink, baseline) in [
                (p, Style::bold(7.5), BLACK, 11.5),
                (s, Style::regular(6.5), GREY, 22.5),
            ] {
                page.text(
                    &words.get(lang, column.id),
                    style,
                    dir(lang),
                    centre,
                    y + baseline,
                    Some(w - 3.0),
                    ink,
                    fonts,
                );
            }
        }
        y + HEAD
    };
    y = heads(&mut page, y + 6.0);
    if table.rows.is_empty() {
        for (lang, baseline) in [(p, 16.0), (s, 30.0)] {
            page.text(
                table.empty.get(lang),
                Style::regular(9.0),
                dir(lang),
                frame.centered(page.width / 2.0),
                y + baseline,
                Some(width),
                GREY,
                fonts,
            );
        }
        y += 40.0;
    }
    for row in &table.rows {
        let height = if row.cells.iter().any(|c| c.second.is_some()) {
            26.0
        } else {
            17.0
        };
        if y + height > bottom {
            pages.push(std::mem::replace(&mut page, blank()));
            y = heads(&mut page, MARGIN);
        }
        if row.strong {
            page.rect(MARGIN, y, width, height, Some(SHADE), None);
        }
        for ((cell, column), (x, w)) in row.cells.iter().zip(&table.columns).zip(&cells) {
            let style = if row.strong {
                Style::bold(8.5)
            } else {
                Style::regular(8.5)
            };
            let align = |lang: Lang| {
                if column.figure {
                    frame.centered(x + w / 2.0)
                } else {
                    frame.in_cell(lang, *x, *w, 3.0)
                }
            };
            let lang = crate::layout::lang_of_text(&cell.text);
            page.text(
                &cell.text,
                style,
                dir(lang),
                align(lang),
                y + 12.0,
                Some(w - 5.0),
                BLACK,
                fonts,
            );
            if let Some(second) = &cell.second {
                let lang = crate::layout::lang_of_text(second);
                page.text(
                    second,
                    Style::regular(7.0),
                    dir(lang),
                    align(lang),
                    y + 22.0,
                    Some(w - 5.0),
                    GREY,
                    fonts,
                );
            }
        }
        y += height;
        page.rule((MARGIN, y), (MARGIN + width, y), RULE, 0.4);
    }

    // The sums, at the end side, label in each language around the value.
    y += 8.0;
    let sums_width = width * 0.6;
    let sums_x = MARGIN + width - sums_width;
    for sum in &table.sums {
        let row = 18.0;
        if y + row > bottom {
            pages.push(std::mem::replace(&mut page, blank()));
            y = MARGIN;
        }
        if sum.strong {
            page.rect(
                frame.left(sums_x, sums_width),
                y,
                sums_width,
                row,
                Some(SHADE),
                None,
            );
        }
        let style = if sum.strong {
            Style::bold(9.0)
        } else {
            Style::regular(8.5)
        };
        let third = sums_width / 3.0;
        page.text(
            sum.label.get(p),
            style,
            dir(p),
            frame.in_cell(p, sums_x, third, 4.0),
            y + 12.5,
            Some(third - 6.0),
            BLACK,
            fonts,
        );
        page.text(
            &sum.value,
            style,
            dir(p),
            frame.centered(sums_x + third * 1.5),
            y + 12.5,
            Some(third - 6.0),
            BLACK,
            fonts,
        );
        page.text(
            sum.label.get(s),
            Style::regular(7.5),
            dir(s),
            frame.in_cell(s, sums_x + 2.0 * third, third, 4.0),
            y + 12.5,
            Some(third - 6.0),
            GREY,
            fonts,
        );
        y += row;
    }
    pages.push(page);

    let count = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        let foot = page.height - MARGIN;
        page.rule(
            (MARGIN, foot - 14.0),
            (MARGIN + width, foot - 14.0),
            ACCENT,
            0.8,
        );
        let text = words.with(
            p,
            "table-page",
            &[("page", (n + 1).to_string()), ("pages", count.to_string())],
        );
        page.text(
            &text,
            Style::regular(7.5),
            dir(p),
            frame.centered(page.width / 2.0),
            foot,
            Some(width),
            GREY,
            fonts,
        );
    }
    pages
}

/// The facts, two to a row: each its label (primary language) above its value.
fn facts(
    page: &mut Page,
    frame: &Frame,
    table: &Table,
    mut y: f32,
    width: f32,
    words: &Words,
    fonts: &Fonts,
) -> f32 {
    let (p, s) = (table.school.primary, table.school.primary.other());
    let half = width / 2.0;
    for pair in table.facts.chunks(2) {
        let mut height: f32 = 26.0;
        for (i, fact) in pair.iter().enumerate() {
            let x = MARGIN + i as f32 * half;
            let label = format!("{} · {}", words.get(p, fact.id), words.get(s, fact.id));
            crate::layout::labelled(page, frame, p, &label, &fact.value, x, half - 8.0, y, fonts);
            if let Some(second) = &fact.second {
                page.text(
                    second,
                    Style::regular(8.5),
                    dir(s),
                    frame.in_cell(p, x, half - 8.0, 0.0),
                    y + 33.0,
                    Some(half - 8.0),
                    GREY,
                    fonts,
                );
                height = 38.0;
            }
        }
        y += height;
    }
    y
}
