//! The fee office's three reports, each a bilingual table: a family's statement of account
//! with its running balance, the day's cash report for closing the till (by method and by
//! receiver), and the aging of what is outstanding (not yet due, 1–30, 31–60, 61–90, 90+).

use crate::grading::money;
use crate::model::{AgingReport, Bilingual, CashReport, Lang, SchoolHeader, Statement};
use crate::table::{Cell, Column, Fact, Row, Sum, Table};
use crate::text::isolate;
use crate::words::Words;

fn amount(school: &SchoolHeader, minor: i64) -> String {
    format!(
        "{} {}",
        money(minor, school.currency_minor_digits),
        school.currency
    )
}

fn figure(school: &SchoolHeader, minor: i64) -> Cell {
    Cell::plain(if minor == 0 {
        String::new()
    } else {
        money(minor, school.currency_minor_digits)
    })
}

fn dates(words: &Words, primary: Lang, on: chrono::NaiveDate) -> (String, Option<String>) {
    (words.gregorian(primary, on), Some(words.hijri(primary, on)))
}

pub fn statement<'a>(statement: &'a Statement, words: &Words) -> Table<'a> {
    let school = &statement.school;
    let p = school.primary;
    let mut facts = Vec::new();
    if let Some(guardian) = &statement.guardian {
        facts.push(Fact {
            id: "statement-family",
            value: guardian.get(p).to_string(),
            second: Some(guardian.get(p.other()).to_string()).filter(|s| s != guardian.get(p)),
        });
    }
    let (issued, hijri) = dates(words, p, statement.issued_on);
    facts.push(Fact {
        id: "statement-date",
        value: issued,
        second: hijri,
    });
    let children: Vec<String> = statement
        .students
        .iter()
        .map(|(name, number)| format!("{} ({})", name.get(p), isolate(number)))
        .collect();
    facts.push(Fact {
        id: "statement-children",
        value: children.join(if p == Lang::Ar { "، " } else { ", " }),
        second: None,
    });
    facts.push(Fact {
        id: "statement-year",
        value: statement.year.clone(),
        second: statement.phone.clone(),
    });
    let rows = statement
        .entries
        .iter()
        .map(|entry| Row {
            cells: vec![
                Cell::plain(entry.on.format("%Y-%m-%d").to_string()),
                Cell {
                    text: words.get(p, &format!("statement-kind-{}", entry.kind)),
                    second: Some(isolate(&entry.number)),
                },
                Cell::both(&entry.student, p),
                Cell {
                    text: entry.detail.clone(),
                    second: (entry.number != entry.invoice_number)
                        .then(|| isolate(&entry.invoice_number)),
                },
                figure(school, entry.debit),
                figure(school, entry.credit),
                Cell::plain(money(entry.balance, school.currency_minor_digits)),
            ],
            strong: false,
        })
        .collect();
    let mut sums = vec![Sum {
        label: words.both("statement-due"),
        value: amount(school, statement.due),
        strong: false,
    }];
    if statement.credit > 0 {
        sums.push(Sum {
            label: words.both("statement-credit"),
            value: amount(school, statement.credit),
            strong: false,
        });
    }
    sums.push(Sum {
        label: words.both("statement-balance"),
        value: amount(school, statement.balance),
        strong: true,
    });
    Table {
        school,
        title: words.both("statement-title"),
        facts,
        columns: vec![
            col("statement-on", 0.11, true),
            col("statement-document", 0.15, false),
            col("statement-student", 0.2, false),
            col("statement-detail", 0.18, false),
            col("statement-debit", 0.12, true),
            col("statement-credit-col", 0.12, true),
            col("statement-running", 0.12, true),
        ],
        rows,
        empty: words.both("statement-empty"),
        sums,
        landscape: false,
    }
}

fn col(id: &'static str, share: f32, figure: bool) -> Column {
    Column { id, share, figure }
}

pub fn cash_report<'a>(report: &'a CashReport, words: &Words) -> Table<'a> {
    let school = &report.school;
    let p = school.primary;
    let (day, hijri) = dates(words, p, report.day);
    let mut facts = vec![Fact {
        id: "cash-day",
        value: day,
        second: hijri,
    }];
    if let Some(staff) = &report.staff {
        facts.push(Fact {
            id: "cash-received-by",
            value: staff.get(p).to_string(),
            second: None,
        });
    }
    let signed = |entry: &crate::model::CashEntry| {
        if entry.refund {
            -entry.amount
        } else {
            entry.amount
        }
    };
    let method = |lang: Lang, method: &str| words.get(lang, &format!("receipt-method-{method}"));
    let rows = report
        .entries
        .iter()
        .map(|entry| Row {
            cells: vec![
                Cell {
                    text: isolate(&entry.number),
                    second: entry.refund.then(|| words.get(p, "cash-refund")),
                },
                Cell::plain(isolate(&entry.invoice_number)),
                Cell::both(&entry.student, p),
                Cell {
                    text: method(p, &entry.method),
                    second: entry.reference.clone(),
                },
                Cell::both(&entry.received_by, p),
                Cell::plain(money(signed(entry), school.currency_minor_digits)),
            ],
            strong: false,
        })
        .collect();
    let mut sums = Vec::new();
    for name in ["cash", "card", "bank_transfer", "cheque"] {
        let total: i64 = report
            .entries
            .iter()
            .filter(|e| e.method == name)
            .map(signed)
            .sum();
        if report.entries.iter().any(|e| e.method == name) {
            sums.push(Sum {
                label: Bilingual::new(method(Lang::Ar, name), method(Lang::En, name)),
                value: amount(school, total),
                strong: false,
            });
        }
    }
    let mut receivers: Vec<&Bilingual> = Vec::new();
    for entry in &report.entries {
        if !receivers.contains(&&entry.received_by) {
            receivers.push(&entry.received_by);
        }
    }
    if report.staff.is_none() && receivers.len() > 1 {
        for receiver in receivers {
            let total: i64 = report
                .entries
                .iter()
                .filter(|e| &e.received_by == receiver)
                .map(signed)
                .sum();
            sums.push(Sum {
                label: Bilingual::new(
                    words.with(
                        Lang::Ar,
                        "cash-by",
                        &[("name", receiver.get(Lang::Ar).into())],
                    ),
                    words.with(
                        Lang::En,
                        "cash-by",
                        &[("name", receiver.get(Lang::En).into())],
                    ),
                ),
                value: amount(school, total),
                strong: false,
            });
        }
    }
    sums.push(Sum {
        label: words.both("cash-total"),
        value: amount(school, report.entries.iter().map(signed).sum()),
        strong: true,
    });
    Table {
        school,
        title: words.both("cash-title"),
        facts,
        columns: vec![
            col("cash-number", 0.17, false),
            col("cash-invoice", 0.15, false),
            col("statement-student", 0.22, false),
            col("cash-method", 0.16, false),
            col("cash-received-by", 0.16, false),
            col("cash-amount", 0.14, true),
        ],
        rows,
        empty: words.both("cash-empty"),
        sums,
        landscape: false,
    }
}

pub fn aging<'a>(report: &'a AgingReport, words: &Words) -> Table<'a> {
    let school = &report.school;
    let p = school.primary;
    let (on, hijri) = dates(words, p, report.on);
    let facts = vec![
        Fact {
            id: "aging-on",
            value: on,
            second: hijri,
        },
        Fact {
            id: "statement-year",
            value: report.year.clone(),
            second: None,
        },
    ];
    let mut totals = [0i64; 5];
    let mut rows: Vec<Row> = report
        .lines
        .iter()
        .map(|line| {
            for (sum, value) in totals.iter_mut().zip(line.buckets) {
                *sum += value;
            }
            let mut cells = vec![
                Cell {
                    text: line.student.get(p).to_string(),
                    second: Some(isolate(&line.admission_number)),
                },
                Cell::both(&line.grade, p),
                Cell {
                    text: line
                        .guardian
                        .as_ref()
                        .map(|g| g.get(p).to_string())
                        .unwrap_or_default(),
                    second: line.phone.as_deref().map(isolate),
                },
            ];
            cells.extend(line.buckets.iter().map(|b| figure(school, *b)));
            cells.push(Cell::plain(money(line.total, school.currency_minor_digits)));
            Row {
                cells,
                strong: false,
            }
        })
        .collect();
    if !rows.is_empty() {
        let mut cells = vec![
            Cell::plain(words.get(p, "aging-total")),
            Cell::default(),
            Cell::default(),
        ];
        cells.extend(totals.iter().map(|b| figure(school, *b)));
        cells.push(Cell::plain(money(
            totals.iter().sum(),
            school.currency_minor_digits,
        )));
        rows.push(Row {
            cells,
            strong: true,
        });
    }
    let overdue: i64 = totals[1..].iter().sum();
    Table {
        school,
        title: words.both("aging-title"),
        facts,
        columns: vec![
            col("statement-student", 0.2, false),
            col("aging-grade", 0.1, false),
            col("aging-guardian", 0.16, false),
            col("aging-current", 0.09, true),
            col("aging-1-30", 0.09, true),
            col("aging-31-60", 0.09, true),
            col("aging-61-90", 0.09, true),
            col("aging-over-90", 0.09, true),
            col("aging-total", 0.09, true),
        ],
        rows,
        empty: words.both("aging-empty"),
        sums: vec![
            Sum {
                label: words.both("aging-overdue"),
                value: amount(school, overdue),
                strong: false,
            },
            Sum {
                label: words.both("aging-outstanding"),
                value: amount(school, totals.iter().sum()),
                strong: true,
            },
        ],
        landscape: true,
    }
}
