//! The fee receipt: an A5 page with the payment, the invoice it pays and what is left.

use crate::grading::money;
use crate::layout::{Frame, dir, header};
use crate::model::{Lang, Receipt};
use crate::pdf::{ACCENT, BLACK, Fonts, GREY, Image, Page, RULE, SHADE};
use crate::text::{Style, isolate};
use crate::words::Words;

const MARGIN: f32 = 30.0;
pub const A5_WIDTH: f32 = 419.53;
pub const A5_HEIGHT: f32 = 595.28;

pub fn draw(receipt: &Receipt, logo: Option<&Image>, words: &Words, fonts: &Fonts) -> Page {
    let mut page = Page::new(A5_WIDTH, A5_HEIGHT);
    let school = &receipt.school;
    let frame = Frame::new(page.width, school.primary);
    let (p, s) = (school.primary, school.primary.other());
    let width = page.width - 2.0 * MARGIN;
    let mut y = header(
        &mut page,
        &frame,
        school,
        logo,
        &words.both("receipt-title"),
        MARGIN,
        fonts,
    );
    let amount = |minor: i64| {
        format!(
            "{} {}",
            money(minor, school.currency_minor_digits),
            school.currency
        )
    };
    let balance = receipt.invoice_amount - receipt.paid_before - receipt.amount;
    let method_id = format!("receipt-method-{}", receipt.method);
    let dates = |lang: Lang| {
        format!(
            "{} · {}",
            words.gregorian(lang, receipt.paid_on),
            words.hijri(lang, receipt.paid_on)
        )
    };
    let name_with_number = |lang: Lang| {
        format!(
            "{} ({})",
            receipt.student_name.get(lang),
            isolate(&receipt.admission_number)
        )
    };

    // Each row: label in the first language, the value, label in the second language.
    // A value that differs by language is given twice; the second language's goes under it.
    type Row = ((String, String), String, Option<String>, bool);
    let label = |id: &str| (words.get(p, id), words.get(s, id));
    let mut rows: Vec<Row> = vec![
        (
            label("receipt-number"),
            receipt.receipt_number.clone(),
            None,
            true,
        ),
        (label("receipt-date"), dates(p), Some(dates(s)), false),
        (
            label("receipt-student"),
            name_with_number(p),
            Some(name_with_number(s)),
            false,
        ),
    ];
    if let Some(guardian) = &receipt.guardian {
        rows.push((
            label("receipt-guardian"),
            guardian.get(p).into(),
            Some(guardian.get(s).into()),
            false,
        ));
    }
    rows.push((
        label("receipt-invoice"),
        receipt.invoice_number.clone(),
        None,
        false,
    ));
    rows.push((
        label("receipt-description"),
        receipt.description.clone(),
        None,
        false,
    ));
    rows.push((
        label("receipt-method"),
        words.get(p, &method_id),
        Some(words.get(s, &method_id)),
        false,
    ));
    if let Some(reference) = &receipt.reference {
        rows.push((label("receipt-reference"), isolate(reference), None, false));
    }
    rows.push((
        label("receipt-invoice-amount"),
        amount(receipt.invoice_amount),
        None,
        false,
    ));
    // The VAT the paid invoice carries, by rate, so the receipt stands as a tax record.
    for share in receipt.vat.iter().filter(|v| !v.exempt && v.vat_bp > 0) {
        let at = |lang: Lang| {
            words.with(
                lang,
                "tax-invoice-vat-at",
                &[
                    (
                        "rate",
                        format!("{}%", crate::grading::number(share.vat_bp as f64 / 100.0)),
                    ),
                    ("base", money(share.net, school.currency_minor_digits)),
                ],
            )
        };
        rows.push(((at(p), at(s)), amount(share.vat), None, false));
    }
    if let Some(trn) = receipt
        .tax_number
        .as_ref()
        .filter(|_| receipt.vat.iter().any(|v| v.vat > 0))
    {
        rows.push((label("tax-invoice-trn"), trn.clone(), None, false));
    }
    rows.push((
        label("receipt-paid-before"),
        amount(receipt.paid_before),
        None,
        false,
    ));
    rows.push((
        label("receipt-this-payment"),
        amount(receipt.amount),
        None,
        true,
    ));
    if balance <= 0 {
        rows.push((
            label("receipt-balance"),
            words.get(p, "receipt-paid-in-full"),
            Some(words.get(s, "receipt-paid-in-full")),
            true,
        ));
    } else {
        rows.push((label("receipt-balance"), amount(balance), None, true));
    }
    if let Some(by) = &receipt.received_by {
        rows.push((
            label("receipt-received-by"),
            by.get(p).into(),
            Some(by.get(s).into()),
            false,
        ));
    }

    let label_width = 95.0;
    let value_x = MARGIN + label_width;
    let value_width = width - 2.0 * label_width;
    for ((first_label, second_label), value, second, strong) in &rows {
        let height = if second.is_some() { 30.0 } else { 21.0 };
        if *strong {
            page.rect(MARGIN, y, width, height, Some(SHADE), None);
        }
        let style = if *strong {
            Style::bold(10.0)
        } else {
            Style::regular(9.5)
        };
        page.text(
            first_label,
            Style::regular(8.5),
            dir(p),
            frame.in_cell(p, MARGIN, label_width, 4.0),
            y + 14.0,
            Some(label_width - 8.0),
            GREY,
            fonts,
        );
        page.text(
            second_label,
            Style::regular(8.0),
            dir(s),
            frame.in_cell(s, MARGIN + width - label_width, label_width, 4.0),
            y + 14.0,
            Some(label_width - 8.0),
            GREY,
            fonts,
        );
        page.text(
            value,
            style,
            dir(p),
            frame.centered(value_x + value_width / 2.0),
            y + 14.0,
            Some(value_width - 8.0),
            BLACK,
            fonts,
        );
        if let Some(second) = second {
            page.text(
                second,
                Style::regular(8.5),
                dir(s),
                frame.centered(value_x + value_width / 2.0),
                y + 26.0,
                Some(value_width - 8.0),
                GREY,
                fonts,
            );
        }
        y += height;
        page.rule((MARGIN, y), (MARGIN + width, y), RULE, 0.4);
    }

    // Signature and stamp.
    y += 40.0;
    let w = 150.0;
    for (i, lang) in [p, s].into_iter().enumerate() {
        let x = if i == 0 { MARGIN } else { MARGIN + width - w };
        page.rule((frame.left(x, w), y), (frame.left(x, w) + w, y), GREY, 0.5);
        page.text(
            &words.get(lang, "report-signature"),
            Style::regular(8.0),
            dir(lang),
            frame.centered(x + w / 2.0),
            y + 12.0,
            None,
            GREY,
            fonts,
        );
    }
    page.rule(
        (MARGIN, page.height - MARGIN),
        (MARGIN + width, page.height - MARGIN),
        ACCENT,
        1.0,
    );
    page
}
