//! The money rules of fees, pure and in integer minor units: the VAT rate of a school's
//! country, an item's instalments, discounts taken in their order under a cap, and an
//! instalment's invoice lines, each rounded on its own.
//!
//! **Rounding.** Every percentage of an amount (a discount, VAT) is taken per line and
//! rounded half away from zero to the minor unit. A line's total is its net plus its VAT;
//! an invoice's total is the sum of its lines' totals, so lines + VAT = total exactly.

use chrono::NaiveDate;

use crate::entities::{DiscountKind, FeeKind, VatCategory};
use crate::error::DomainError;

/// One hundred percent in basis points (1 bp = 0.01%).
pub const WHOLE_BP: i64 = 10_000;

/// The standard VAT rate of a school's country (ISO 3166 alpha-2), in basis points: UAE 5%,
/// Saudi Arabia 15%, Oman 5%, Bahrain 10%; Qatar, Kuwait and anywhere else none.
pub fn standard_vat_bp(country: &str) -> i64 {
    match country.trim().to_ascii_lowercase().as_str() {
        "ae" => 500,
        "sa" => 1_500,
        "om" => 500,
        "bh" => 1_000,
        _ => 0,
    }
}

/// The rate a category pays in a country: standard at the country's rate; zero-rated and
/// exempt at none (documents still tell them apart).
pub fn vat_bp(category: VatCategory, country: &str) -> i64 {
    match category {
        VatCategory::Standard => standard_vat_bp(country),
        VatCategory::ZeroRated | VatCategory::Exempt => 0,
    }
}

/// `bp` basis points of `amount`, rounded half away from zero to the minor unit.
pub fn share(amount: i64, bp: i64) -> i64 {
    let product = i128::from(amount) * i128::from(bp);
    let whole = i128::from(WHOLE_BP);
    let rounded = if product >= 0 {
        (product + whole / 2) / whole
    } else {
        (product - whole / 2) / whole
    };
    rounded as i64
}

/// An instalment of an item: when it falls due and how much of the item it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instalment {
    pub due_on: NaiveDate,
    pub amount: i64,
}

/// Reads an item's instalments as stored: `YYYY-MM-DD:amount` in minor units, separated by
/// `;`, in due order.
pub fn parse_instalments(text: &str) -> Result<Vec<Instalment>, DomainError> {
    let bad = || DomainError::InvalidFormat {
        field: "instalments",
        value: text.chars().take(80).collect(),
    };
    text.split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (date, amount) = part.split_once(':').ok_or_else(bad)?;
            Ok(Instalment {
                due_on: NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| bad())?,
                amount: amount.trim().parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

/// The stored form of instalments (see [`parse_instalments`]).
pub fn format_instalments(instalments: &[Instalment]) -> String {
    instalments
        .iter()
        .map(|i| format!("{}:{}", i.due_on.format("%Y-%m-%d"), i.amount))
        .collect::<Vec<_>>()
        .join(";")
}

/// An amount split into `due` instalments as evenly as minor units allow, the first ones
/// taking the remainder (a parent pays the odd fils first, never last).
pub fn split_evenly(amount: i64, due: &[NaiveDate]) -> Vec<Instalment> {
    let n = due.len() as i64;
    if n == 0 {
        return Vec::new();
    }
    let (each, rest) = (amount / n, amount % n);
    due.iter()
        .enumerate()
        .map(|(i, &due_on)| Instalment {
            due_on,
            amount: each + i64::from((i as i64) < rest),
        })
        .collect()
}

/// Checks an item's instalments by themselves: at least one, each above zero, together
/// exactly the item's amount.
pub fn check_instalment_amounts(
    amount: i64,
    instalments: &[Instalment],
) -> Result<(), DomainError> {
    if instalments.is_empty() {
        return Err(DomainError::Required {
            field: "instalments",
        });
    }
    if instalments.iter().any(|i| i.amount <= 0) {
        return Err(DomainError::AmountNotPositive {
            field: "instalments",
        });
    }
    let total: i64 = instalments.iter().map(|i| i.amount).sum();
    if total != amount {
        return Err(DomainError::InstalmentsDoNotAddUp { total, amount });
    }
    Ok(())
}

/// Checks an item's instalments against its amount (see [`check_instalment_amounts`]) and
/// its year: due in order, within the year.
pub fn check_instalments(
    amount: i64,
    instalments: &[Instalment],
    year: (NaiveDate, NaiveDate),
    year_name: &str,
) -> Result<(), DomainError> {
    check_instalment_amounts(amount, instalments)?;
    for (i, instalment) in instalments.iter().enumerate() {
        if instalment.due_on < year.0 || instalment.due_on > year.1 {
            return Err(DomainError::DateOutsideYear {
                date: instalment.due_on,
                year: year_name.to_string(),
            });
        }
        if i > 0 && instalment.due_on <= instalments[i - 1].due_on {
            return Err(DomainError::DateRangeReversed {
                start_field: "instalments",
                end_field: "instalments",
            });
        }
    }
    Ok(())
}

/// A discount a student has, as the pricing takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountRule {
    pub kind: DiscountKind,
    /// A share of what remains, in basis points (0 to 10,000).
    pub percent_bp: i64,
    /// A fixed sum off what remains, in minor units (spread over the lines in order).
    pub amount: i64,
    /// The kind of item it applies to; every item when none.
    pub applies_to: Option<FeeKind>,
}

/// The order discounts are taken in: sibling, staff child, scholarship, then one-off. Each
/// takes its share of what the ones before it left.
pub fn discount_order(kind: DiscountKind) -> u8 {
    match kind {
        DiscountKind::Sibling => 0,
        DiscountKind::StaffChild => 1,
        DiscountKind::Scholarship => 2,
        DiscountKind::OneOff => 3,
    }
}

/// The sibling discount of a child by their place among the family's enrolled children
/// (1 for the eldest): none for the first, `second_bp` for the second, `later_bp` after.
pub fn sibling_bp(place: usize, second_bp: i64, later_bp: i64) -> i64 {
    match place {
        0 | 1 => 0,
        2 => second_bp,
        _ => later_bp,
    }
}

/// One item's instalment as it goes on an invoice, before discounts and VAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInput {
    pub kind: FeeKind,
    pub gross: i64,
    pub vat: VatCategory,
}

/// A priced line: gross − discount = net; net × rate = VAT; net + VAT = total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineAmounts {
    pub gross: i64,
    pub discount: i64,
    pub net: i64,
    pub vat_bp: i64,
    pub vat: i64,
    pub total: i64,
}

/// Prices an invoice's lines: the discounts in [`discount_order`], each on the lines it
/// applies to, never taking a line below zero and never more in all than `cap_bp` of the
/// line's gross; then VAT on each line's net at its category's rate in `country`.
pub fn price_lines(
    lines: &[LineInput],
    discounts: &[DiscountRule],
    cap_bp: i64,
    country: &str,
) -> Vec<LineAmounts> {
    let mut ordered: Vec<&DiscountRule> = discounts.iter().collect();
    ordered.sort_by_key(|d| discount_order(d.kind));
    let cap_bp = cap_bp.clamp(0, WHOLE_BP);
    let mut priced: Vec<LineAmounts> = lines
        .iter()
        .map(|line| LineAmounts {
            gross: line.gross,
            ..LineAmounts::default()
        })
        .collect();
    let caps: Vec<i64> = lines.iter().map(|l| share(l.gross, cap_bp)).collect();
    for discount in ordered {
        let mut fixed_left = discount.amount.max(0);
        for (i, line) in lines.iter().enumerate() {
            if discount.applies_to.is_some_and(|kind| kind != line.kind) {
                continue;
            }
            let remaining = line.gross - priced[i].discount;
            let room = (caps[i] - priced[i].discount).clamp(0, remaining);
            let by_percent = share(remaining, discount.percent_bp.clamp(0, WHOLE_BP)).min(room);
            let by_amount = fixed_left.min(room - by_percent);
            fixed_left -= by_amount;
            priced[i].discount += by_percent + by_amount;
        }
    }
    for (line, amounts) in lines.iter().zip(priced.iter_mut()) {
        amounts.net = amounts.gross - amounts.discount;
        amounts.vat_bp = vat_bp(line.vat, country);
        amounts.vat = share(amounts.net, amounts.vat_bp);
        amounts.total = amounts.net + amounts.vat;
    }
    priced
}

/// The VAT of priced lines by rate: (rate in bp, net taxed at it, VAT), lowest rate first.
pub fn vat_breakdown(lines: &[LineAmounts]) -> Vec<(i64, i64, i64)> {
    let mut rates: Vec<(i64, i64, i64)> = Vec::new();
    for line in lines {
        match rates.iter_mut().find(|(rate, _, _)| *rate == line.vat_bp) {
            Some((_, net, vat)) => {
                *net += line.net;
                *vat += line.vat;
            }
            None => rates.push((line.vat_bp, line.net, line.vat)),
        }
    }
    rates.sort_by_key(|(rate, _, _)| *rate);
    rates
}

/// The late fee an unpaid invoice has earned by `today`: the school's fixed fee once the
/// grace days after its due date have passed, nothing before or with no policy.
pub fn late_fee(due_on: NaiveDate, today: NaiveDate, fee: i64, grace_days: i64) -> i64 {
    if fee > 0 && (today - due_on).num_days() > grace_days {
        fee
    } else {
        0
    }
}

/// Everything that moved on one invoice, in minor units: the one ledger every balance,
/// statement and report is read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InvoiceMoney {
    pub amount: i64,
    pub voided: bool,
    /// What its credit notes take off.
    pub credited: i64,
    pub payments: i64,
    pub refunds: i64,
    /// Family credit moved onto it from another invoice, and moved off it to another.
    pub credit_in: i64,
    pub credit_out: i64,
}

impl InvoiceMoney {
    /// What was paid on it and stays there: payments and credit brought in, less refunds
    /// and credit moved on.
    pub fn paid(&self) -> i64 {
        self.payments + self.credit_in - self.refunds - self.credit_out
    }

    /// What it still asks: its amount less credit notes and what was paid. What was paid
    /// on a voided invoice is owed back. Below zero, the family has that much credit on it.
    pub fn balance(&self) -> i64 {
        if self.voided {
            -self.paid()
        } else {
            self.amount - self.credited - self.paid()
        }
    }

    /// The family's credit on it: what was paid beyond what it asks.
    pub fn surplus(&self) -> i64 {
        (-self.balance()).max(0)
    }

    /// What is still to pay on it.
    pub fn due(&self) -> i64 {
        self.balance().max(0)
    }
}

/// A refund is never more than what was paid on the invoice.
pub fn check_refund(amount: i64, paid: i64) -> Result<(), DomainError> {
    if amount > paid {
        return Err(DomainError::RefundAbovePaid { amount, paid });
    }
    Ok(())
}

/// A family credit moves from an invoice paid beyond what it asks to one that still asks,
/// never more than either.
pub fn check_credit_transfer(amount: i64, surplus: i64, due: i64) -> Result<(), DomainError> {
    if amount > surplus {
        return Err(DomainError::CreditAboveSurplus { amount, surplus });
    }
    if amount > due {
        return Err(DomainError::CreditAboveBalance {
            amount,
            balance: due,
        });
    }
    Ok(())
}

/// A family's credits (invoice, surplus), oldest first, applied to what its invoices ask
/// (invoice, due), oldest first: each transfer (from, to, amount), as far as they go.
pub fn allocate_credit<T: Copy>(credits: &[(T, i64)], dues: &[(T, i64)]) -> Vec<(T, T, i64)> {
    let mut transfers = Vec::new();
    let mut dues: Vec<(T, i64)> = dues.iter().copied().filter(|(_, d)| *d > 0).collect();
    let mut next = 0;
    for &(from, surplus) in credits {
        let mut left = surplus;
        while left > 0 && next < dues.len() {
            let (to, due) = &mut dues[next];
            let amount = left.min(*due);
            transfers.push((from, *to, amount));
            left -= amount;
            *due -= amount;
            if *due == 0 {
                next += 1;
            }
        }
    }
    transfers
}

/// The aging buckets of amounts outstanding.
pub const AGING_BUCKETS: usize = 5;

/// Which aging bucket an amount due on `due_on` falls in on `on`: 0 not yet due, 1 for 1–30
/// days past due, 2 for 31–60, 3 for 61–90, 4 for more than 90.
pub fn aging_bucket(due_on: NaiveDate, on: NaiveDate) -> usize {
    match (on - due_on).num_days() {
        ..=0 => 0,
        1..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        _ => 4,
    }
}

// Amounts in the tests are written major_minor (1_000_00 is 1,000.00).
#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_country_has_its_rate_and_a_category_its_share() {
        assert_eq!(standard_vat_bp("AE"), 500);
        assert_eq!(standard_vat_bp("sa"), 1_500);
        assert_eq!(standard_vat_bp("om"), 500);
        assert_eq!(standard_vat_bp("bh"), 1_000);
        assert_eq!(standard_vat_bp("qa"), 0);
        assert_eq!(standard_vat_bp("kw"), 0);
        assert_eq!(vat_bp(VatCategory::ZeroRated, "ae"), 0);
        assert_eq!(vat_bp(VatCategory::Exempt, "sa"), 0);
        // Half a fils rounds away from zero.
        assert_eq!(share(10, 500), 1);
        assert_eq!(share(9, 500), 0);
        assert_eq!(share(-10, 500), -1);
        assert_eq!(share(i64::MAX / 2, WHOLE_BP), i64::MAX / 2);
    }

    #[test]
    fn instalments_read_back_and_are_checked_against_the_item_and_year() {
        let year = (d(2026, 9, 1), d(2027, 6, 30));
        let three = split_evenly(1_000_00, &[d(2026, 9, 1), d(2027, 1, 10), d(2027, 4, 1)]);
        assert_eq!(
            three.iter().map(|i| i.amount).collect::<Vec<_>>(),
            [33_334, 33_333, 33_333]
        );
        let text = format_instalments(&three);
        assert_eq!(text, "2026-09-01:33334;2027-01-10:33333;2027-04-01:33333");
        assert_eq!(parse_instalments(&text).unwrap(), three);
        assert!(check_instalments(1_000_00, &three, year, "2026/2027").is_ok());
        assert_eq!(
            check_instalments(999_99, &three, year, "2026/2027"),
            Err(DomainError::InstalmentsDoNotAddUp {
                total: 1_000_00,
                amount: 999_99
            })
        );
        let late = [Instalment {
            due_on: d(2027, 7, 15),
            amount: 1_000_00,
        }];
        assert!(matches!(
            check_instalments(1_000_00, &late, year, "2026/2027"),
            Err(DomainError::DateOutsideYear { .. })
        ));
        assert!(parse_instalments("2026-09-01=100").is_err());
        assert!(matches!(
            check_instalments(0, &[], year, "2026/2027"),
            Err(DomainError::Required { .. })
        ));
    }

    #[test]
    fn discounts_go_in_their_order_under_the_cap_and_vat_follows_the_net() {
        let lines = [
            LineInput {
                kind: FeeKind::Tuition,
                gross: 10_000_00,
                vat: VatCategory::ZeroRated,
            },
            LineInput {
                kind: FeeKind::Uniform,
                gross: 500_00,
                vat: VatCategory::Standard,
            },
        ];
        let sibling = DiscountRule {
            kind: DiscountKind::Sibling,
            percent_bp: 1_000,
            amount: 0,
            applies_to: Some(FeeKind::Tuition),
        };
        let scholarship = DiscountRule {
            kind: DiscountKind::Scholarship,
            percent_bp: 5_000,
            amount: 0,
            applies_to: Some(FeeKind::Tuition),
        };
        // Listed out of order, taken in order: 10% of 10,000 then 50% of the 9,000 left.
        let priced = price_lines(
            &lines,
            &[scholarship.clone(), sibling.clone()],
            WHOLE_BP,
            "ae",
        );
        assert_eq!(priced[0].discount, 1_000_00 + 4_500_00);
        assert_eq!((priced[0].net, priced[0].vat), (4_500_00, 0));
        assert_eq!(
            (priced[1].net, priced[1].vat, priced[1].total),
            (500_00, 25_00, 525_00)
        );
        // A cap of 30% stops the scholarship short.
        let capped = price_lines(&lines, &[sibling, scholarship], 3_000, "ae");
        assert_eq!(capped[0].discount, 3_000_00);
        // A fixed one-off beyond what remains takes the line to zero, never below.
        let one_off = DiscountRule {
            kind: DiscountKind::OneOff,
            percent_bp: 0,
            amount: 99_999_00,
            applies_to: None,
        };
        let free = price_lines(&lines, &[one_off], WHOLE_BP, "sa");
        assert!(free.iter().all(|l| l.net == 0 && l.total == 0));
        assert_eq!(
            vat_breakdown(&priced),
            vec![(0, 4_500_00, 0), (500, 500_00, 25_00)]
        );
        assert_eq!(sibling_bp(1, 1_000, 1_500), 0);
        assert_eq!(sibling_bp(2, 1_000, 1_500), 1_000);
        assert_eq!(sibling_bp(4, 1_000, 1_500), 1_500);
        assert_eq!(late_fee(d(2026, 9, 1), d(2026, 9, 15), 50_00, 14), 0);
        assert_eq!(late_fee(d(2026, 9, 1), d(2026, 9, 16), 50_00, 14), 50_00);
    }

    fn kind() -> impl Strategy<Value = FeeKind> {
        prop::sample::select(FeeKind::ALL.to_vec())
    }

    fn line() -> impl Strategy<Value = LineInput> {
        (
            kind(),
            1i64..5_000_000,
            prop::sample::select(VatCategory::ALL.to_vec()),
        )
            .prop_map(|(kind, gross, vat)| LineInput { kind, gross, vat })
    }

    fn discount() -> impl Strategy<Value = DiscountRule> {
        (
            prop::sample::select(DiscountKind::ALL.to_vec()),
            0i64..=WHOLE_BP,
            prop_oneof![Just(0i64), 0i64..2_000_000],
            prop::option::of(kind()),
        )
            .prop_map(|(kind, percent_bp, amount, applies_to)| DiscountRule {
                kind,
                percent_bp,
                amount,
                applies_to,
            })
    }

    #[test]
    fn credit_moves_oldest_first_and_invoices_age_by_their_due_date() {
        let transfers = allocate_credit(
            &[("a", 150), ("b", 30)],
            &[("x", 100), ("y", 0), ("z", 100)],
        );
        assert_eq!(
            transfers,
            vec![("a", "x", 100), ("a", "z", 50), ("b", "z", 30)]
        );
        assert!(allocate_credit(&[("a", 10)], &[] as &[(&str, i64)]).is_empty());
        let due = d(2026, 9, 1);
        assert_eq!(aging_bucket(due, d(2026, 8, 1)), 0);
        assert_eq!(aging_bucket(due, due), 0);
        assert_eq!(aging_bucket(due, d(2026, 9, 2)), 1);
        assert_eq!(aging_bucket(due, d(2026, 10, 1)), 1);
        assert_eq!(aging_bucket(due, d(2026, 10, 2)), 2);
        assert_eq!(aging_bucket(due, d(2026, 11, 30)), 3);
        assert_eq!(aging_bucket(due, d(2026, 12, 1)), 4);
        let voided_paid = InvoiceMoney {
            amount: 500,
            voided: true,
            payments: 200,
            ..Default::default()
        };
        assert_eq!((voided_paid.balance(), voided_paid.surplus()), (-200, 200));
        assert!(matches!(
            check_refund(201, 200),
            Err(DomainError::RefundAbovePaid { .. })
        ));
        assert!(matches!(
            check_credit_transfer(50, 40, 100),
            Err(DomainError::CreditAboveSurplus { .. })
        ));
        assert!(matches!(
            check_credit_transfer(50, 60, 40),
            Err(DomainError::CreditAboveBalance { .. })
        ));
    }

    proptest! {
        #[test]
        fn priced_lines_always_reconcile(
            lines in prop::collection::vec(line(), 1..6),
            discounts in prop::collection::vec(discount(), 0..5),
            cap_bp in 0i64..=WHOLE_BP,
            country in prop::sample::select(vec!["ae", "sa", "om", "bh", "qa", "kw"]),
        ) {
            let priced = price_lines(&lines, &discounts, cap_bp, country);
            prop_assert_eq!(priced.len(), lines.len());
            for (input, line) in lines.iter().zip(&priced) {
                prop_assert_eq!(line.gross, input.gross);
                prop_assert!(line.discount >= 0, "no discount adds to a fee");
                prop_assert!(line.net >= 0, "never below zero");
                prop_assert!(line.discount <= share(line.gross, cap_bp), "never above the cap");
                prop_assert_eq!(line.gross - line.discount, line.net);
                prop_assert_eq!(line.net + line.vat, line.total);
                prop_assert_eq!(line.vat, share(line.net, line.vat_bp));
            }
            let (net, vat): (i64, i64) = vat_breakdown(&priced)
                .iter()
                .fold((0, 0), |(n, v), (_, net, vat)| (n + net, v + vat));
            let total: i64 = priced.iter().map(|l| l.total).sum();
            prop_assert_eq!(net + vat, total, "lines + VAT = invoice total");
        }

        #[test]
        fn a_familys_money_always_reconciles(
            amounts in prop::collection::vec(1i64..5_000_00, 1..5),
            ops in prop::collection::vec((0u8..6, 0usize..5, 0usize..5, 1i64..3_000_00), 0..40),
        ) {
            let mut invoices: Vec<InvoiceMoney> = amounts
                .iter()
                .map(|&amount| InvoiceMoney { amount, ..Default::default() })
                .collect();
            let n = invoices.len();
            let (mut billed, mut credited, mut payments, mut refunds) = (0i64, 0i64, 0i64, 0i64);
            billed += amounts.iter().sum::<i64>();
            for (op, a, b, amount) in ops {
                let (a, b) = (a % n, b % n);
                match op {
                    // A payment the desk takes: never above what is due.
                    0 if amount <= invoices[a].due() => {
                        invoices[a].payments += amount;
                        payments += amount;
                    }
                    // Another desktop's payment the cloud kept: it may overpay.
                    1 => {
                        invoices[a].payments += amount;
                        payments += amount;
                    }
                    2 if check_refund(amount, invoices[a].paid()).is_ok() => {
                        invoices[a].refunds += amount;
                        refunds += amount;
                    }
                    3 if !invoices[a].voided && amount <= invoices[a].due() => {
                        invoices[a].credited += amount;
                        credited += amount;
                    }
                    4 if a != b
                        && check_credit_transfer(amount, invoices[a].surplus(), invoices[b].due()).is_ok() =>
                    {
                        invoices[a].credit_out += amount;
                        invoices[b].credit_in += amount;
                    }
                    5 if invoices[a].paid() == 0 && !invoices[a].voided => {
                        // A void takes off what is left to ask, as a statement shows it.
                        credited += invoices[a].amount - invoices[a].credited;
                        invoices[a].voided = true;
                    }
                    _ => {}
                }
            }
            for invoice in &invoices {
                prop_assert_eq!(
                    invoice.payments + invoice.credit_in - invoice.refunds - invoice.credit_out,
                    invoice.paid(),
                    "payments + credits - refunds = paid"
                );
                prop_assert!(invoice.paid() >= 0, "never more refunded than paid");
            }
            let family: i64 = invoices.iter().map(InvoiceMoney::balance).sum();
            prop_assert_eq!(
                billed - credited - payments + refunds,
                family,
                "the family's balance is the sum of its invoices' balances"
            );
        }

        #[test]
        fn an_even_split_adds_up_and_differs_by_a_minor_unit_at_most(
            amount in 1i64..100_000_000,
            n in 1usize..13,
        ) {
            let due: Vec<NaiveDate> = (0..n).map(|i| d(2026, 9, 1) + chrono::Days::new(30 * i as u64)).collect();
            let split = split_evenly(amount, &due);
            prop_assert_eq!(split.iter().map(|i| i.amount).sum::<i64>(), amount);
            let (lo, hi) = split.iter().fold((i64::MAX, i64::MIN), |(lo, hi), i| (lo.min(i.amount), hi.max(i.amount)));
            prop_assert!(hi - lo <= 1);
            prop_assert_eq!(parse_instalments(&format_instalments(&split)).unwrap(), split);
        }
    }
}
