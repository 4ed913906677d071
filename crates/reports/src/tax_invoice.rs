//! The tax invoice: an A4 page with the seller's tax registration number, the student
//! billed, each line with its discount and VAT, the VAT by rate, the totals and the amount
//! in words in both languages, and for a Saudi school the simplified invoice's QR code.

use crate::amounts::{arabic_amount, english_amount};
use crate::grading::money;
use crate::layout::{Frame, dir, header};
use crate::model::{Lang, TaxInvoice};
use crate::pdf::{A4_HEIGHT, A4_WIDTH, ACCENT, BLACK, Fonts, GREY, Image, Page, RULE, SHADE};
use crate::text::{Style, isolate};
use crate::words::Words;

const MARGIN: f32 = 36.0;

pub fn draw(invoice: &TaxInvoice, logo: Option<&Image>, words: &Words, fonts: &Fonts) -> Page {
    let mut page = Page::new(A4_WIDTH, A4_HEIGHT);
    let school = &invoice.school;
    let frame = Frame::new(page.width, school.primary);
    let (p, s) = (school.primary, school.primary.other());
    let width = page.width - 2.0 * MARGIN;
    let digits = school.currency_minor_digits;
    let amount = |minor: i64| format!("{} {}", money(minor, digits), school.currency);
    let mut y = header(
        &mut page,
        &frame,
        school,
        logo,
        &words.both("tax-invoice-title"),
        MARGIN,
        fonts,
    );

    // Who and when: label in each language on its own side, the value between.
    let dates = |lang: Lang, date| {
        format!(
            "{} · {}",
            words.gregorian(lang, date),
            words.hijri(lang, date)
        )
    };
    let student = |lang: Lang| {
        format!(
            "{} ({})",
            invoice.student_name.get(lang),
            isolate(&invoice.admission_number)
        )
    };
    let mut facts: Vec<(&str, String, Option<String>)> = vec![
        ("tax-invoice-number", invoice.number.clone(), None),
        (
            "tax-invoice-date",
            dates(p, invoice.issued_on),
            Some(dates(s, invoice.issued_on)),
        ),
        (
            "tax-invoice-due",
            dates(p, invoice.due_on),
            Some(dates(s, invoice.due_on)),
        ),
    ];
    if let Some(trn) = &invoice.tax_number {
        facts.push(("tax-invoice-trn", trn.clone(), None));
    }
    if let Some(address) = &invoice.address {
        facts.push(("tax-invoice-address", address.clone(), None));
    }
    facts.push(("receipt-student", student(p), Some(student(s))));
    if let Some(guardian) = &invoice.guardian {
        facts.push((
            "tax-invoice-bill-to",
            guardian.get(p).into(),
            Some(guardian.get(s).into()),
        ));
    }
    let label_width = 110.0;
    let value_width = width - 2.0 * label_width;
    for (id, value, second) in &facts {
        let height = if second.is_some() { 28.0 } else { 19.0 };
        page.text(
            &words.get(p, id),
            Style::regular(8.5),
            dir(p),
            frame.in_cell(p, MARGIN, label_width, 2.0),
            y + 13.0,
            Some(label_width - 6.0),
            GREY,
            fonts,
        );
        page.text(
            &words.get(s, id),
            Style::regular(8.0),
            dir(s),
            frame.in_cell(s, MARGIN + width - label_width, label_width, 2.0),
            y + 13.0,
            Some(label_width - 6.0),
            GREY,
            fonts,
        );
        let middle = frame.centered(MARGIN + label_width + value_width / 2.0);
        page.text(
            value,
            Style::bold(9.5),
            dir(p),
            middle,
            y + 13.0,
            Some(value_width - 6.0),
            BLACK,
            fonts,
        );
        if let Some(second) = second {
            page.text(
                second,
                Style::regular(8.5),
                dir(s),
                middle,
                y + 24.0,
                Some(value_width - 6.0),
                GREY,
                fonts,
            );
        }
        y += height;
        page.rule((MARGIN, y), (MARGIN + width, y), RULE, 0.4);
    }

    // The lines: the item first (on the reading side), then its amounts.
    y += 14.0;
    let columns: [(&str, f32); 7] = [
        ("tax-invoice-item", 0.28),
        ("tax-invoice-amount", 0.13),
        ("tax-invoice-discount", 0.12),
        ("tax-invoice-net", 0.13),
        ("tax-invoice-vat-rate", 0.09),
        ("tax-invoice-vat", 0.11),
        ("tax-invoice-total", 0.14),
    ];
    let cells: Vec<(f32, f32)> = columns
        .iter()
        .scan(MARGIN, |x, (_, share)| {
            let w = share * width;
            let cell = (*x, w);
            *x += w;
            Some(cell)
        })
        .collect();
    let head = 30.0;
    page.rect(MARGIN, y, width, head, Some(SHADE), None);
    for ((id, _), (x, w)) in columns.iter().zip(&cells) {
        let centre = frame.centered(x + w / 2.0);
        page.text(
            &words.get(p, id),
            Style::bold(8.0),
            dir(p),
            centre,
            y + 12.0,
            Some(w - 4.0),
            BLACK,
            fonts,
        );
        page.text(
            &words.get(s, id),
            Style::regular(7.0),
            dir(s),
            centre,
            y + 24.0,
            Some(w - 4.0),
            GREY,
            fonts,
        );
    }
    y += head;
    let rate = |bp: i64, exempt: bool, lang: Lang| {
        if exempt {
            words.get(lang, "tax-invoice-exempt")
        } else {
            format!("{}%", crate::grading::number(bp as f64 / 100.0))
        }
    };
    for line in &invoice.lines {
        let row = 30.0;
        let (x, w) = cells[0];
        page.text(
            line.name.get(p),
            Style::regular(9.0),
            dir(p),
            frame.in_cell(p, x, w, 4.0),
            y + 12.0,
            Some(w - 8.0),
            BLACK,
            fonts,
        );
        page.text(
            line.name.get(s),
            Style::regular(7.5),
            dir(s),
            frame.in_cell(p, x, w, 4.0),
            y + 24.0,
            Some(w - 8.0),
            GREY,
            fonts,
        );
        let figures = [
            money(line.gross, digits),
            money(line.discount, digits),
            money(line.net, digits),
            rate(line.vat_bp, line.exempt, p),
            money(line.vat, digits),
            money(line.total, digits),
        ];
        for (figure, (x, w)) in figures.iter().zip(&cells[1..]) {
            page.text(
                figure,
                Style::regular(9.0),
                dir(p),
                frame.centered(x + w / 2.0),
                y + 17.0,
                Some(w - 4.0),
                BLACK,
                fonts,
            );
        }
        y += row;
        page.rule((MARGIN, y), (MARGIN + width, y), RULE, 0.4);
    }

    // The VAT by rate, then the totals.
    let mut rates: Vec<(i64, bool, i64, i64)> = Vec::new();
    for line in &invoice.lines {
        match rates
            .iter_mut()
            .find(|(bp, exempt, _, _)| *bp == line.vat_bp && *exempt == line.exempt)
        {
            Some((_, _, net, vat)) => {
                *net += line.net;
                *vat += line.vat;
            }
            None => rates.push((line.vat_bp, line.exempt, line.net, line.vat)),
        }
    }
    let net: i64 = invoice.lines.iter().map(|l| l.net).sum();
    let vat: i64 = invoice.lines.iter().map(|l| l.vat).sum();
    let total = net + vat;
    let balance = if invoice.voided {
        0
    } else {
        total - invoice.credited - invoice.paid
    };
    let mut sums: Vec<(String, String, String, bool)> = rates
        .iter()
        .map(|(bp, exempt, base, tax)| {
            let label = |lang: Lang| {
                words.with(
                    lang,
                    "tax-invoice-vat-at",
                    &[
                        ("rate", rate(*bp, *exempt, lang)),
                        ("base", money(*base, digits)),
                    ],
                )
            };
            (label(p), label(s), amount(*tax), false)
        })
        .collect();
    let both = |id: &str| (words.get(p, id), words.get(s, id));
    for (id, value, strong) in [
        ("tax-invoice-subtotal", net, false),
        ("tax-invoice-vat-total", vat, false),
        ("tax-invoice-grand-total", total, true),
    ] {
        let (a, b) = both(id);
        sums.push((a, b, amount(value), strong));
    }
    if invoice.credited > 0 {
        let (a, b) = both("tax-invoice-credited");
        sums.push((a, b, amount(invoice.credited), false));
    }
    if invoice.paid > 0 {
        let (a, b) = both("tax-invoice-paid");
        sums.push((a, b, amount(invoice.paid), false));
    }
    let (a, b) = both("tax-invoice-balance");
    sums.push((a, b, amount(balance), true));
    y += 8.0;
    let sums_width = width * 0.62;
    let sums_x = MARGIN + width - sums_width;
    for (first, second, value, strong) in &sums {
        let row = 19.0;
        if *strong {
            page.rect(
                frame.left(sums_x, sums_width),
                y,
                sums_width,
                row,
                Some(SHADE),
                None,
            );
        }
        let style = if *strong {
            Style::bold(9.5)
        } else {
            Style::regular(9.0)
        };
        let third = sums_width / 3.0;
        page.text(
            first,
            style,
            dir(p),
            frame.in_cell(p, sums_x, third, 4.0),
            y + 13.0,
            Some(third - 6.0),
            BLACK,
            fonts,
        );
        page.text(
            value,
            style,
            dir(p),
            frame.centered(sums_x + third * 1.5),
            y + 13.0,
            Some(third - 6.0),
            BLACK,
            fonts,
        );
        page.text(
            second,
            Style::regular(8.0),
            dir(s),
            frame.in_cell(s, sums_x + 2.0 * third, third, 4.0),
            y + 13.0,
            Some(third - 6.0),
            GREY,
            fonts,
        );
        y += row;
    }

    // The total in words, in both languages.
    y += 14.0;
    let in_words = |lang: Lang| match lang {
        Lang::Ar => arabic_amount(total, digits, &school.currency),
        Lang::En => english_amount(total, digits, &school.currency),
    };
    for lang in [p, s] {
        page.text(
            &format!(
                "{}: {}",
                words.get(lang, "tax-invoice-in-words"),
                in_words(lang)
            ),
            Style::regular(9.0),
            dir(lang),
            frame.in_cell(lang, MARGIN, width, 0.0),
            y + 12.0,
            Some(width),
            BLACK,
            fonts,
        );
        y += 18.0;
    }
    if invoice.voided {
        y += 6.0;
        page.text(
            &format!(
                "{} · {}",
                words.get(p, "tax-invoice-voided"),
                words.get(s, "tax-invoice-voided")
            ),
            Style::bold(12.0),
            dir(p),
            frame.centered(page.width / 2.0),
            y + 14.0,
            Some(width),
            ACCENT,
            fonts,
        );
        y += 22.0;
    }

    // The Saudi simplified invoice's QR code, at the reading side's start.
    if let Some(payload) = &invoice.qr
        && let Ok(code) = qrcode::QrCode::new(payload.as_bytes())
    {
        let modules = code.width();
        let size = 96.0;
        let cell = size / modules as f32;
        let left = frame.left(MARGIN, size);
        let top = y + 10.0;
        for (i, colour) in code.to_colors().iter().enumerate() {
            if *colour == qrcode::Color::Dark {
                let (row, col) = (i / modules, i % modules);
                page.rect(
                    left + col as f32 * cell,
                    top + row as f32 * cell,
                    cell,
                    cell,
                    Some(BLACK),
                    None,
                );
            }
        }
    }
    page.rule(
        (MARGIN, page.height - MARGIN),
        (MARGIN + width, page.height - MARGIN),
        ACCENT,
        1.0,
    );
    page
}
