//! The cloud's re-check of each payment a desktop pushes: what its invoice still asks, from
//! everything that reached the cloud first (other desktops' payments, credit notes, refunds,
//! family credit moved, a void). A payment beyond that is kept (money was taken, nothing is
//! lost) and opened for review beside the payments it met; its surplus is the family's
//! credit until a person settles it.

use std::collections::HashMap;

use daftar_domain::fees::InvoiceMoney;
use daftar_protocol::{OVERPAID, StoredRow};
use serde_json::{Value, json};
use tokio_postgres::Transaction;
use uuid::Uuid;

/// A payment on an invoice as the review shows it.
#[derive(Debug, Clone)]
struct Paid {
    receipt_number: String,
    amount: i64,
    paid_on: String,
    method: String,
    reference: Option<String>,
    by: String,
    hlc: String,
}

impl Paid {
    fn json(&self) -> Value {
        json!({
            "receipt_number": self.receipt_number,
            "amount": self.amount,
            "paid_on": self.paid_on,
            "method": self.method,
            "reference": self.reference,
            "by": self.by,
        })
    }
}

#[derive(Debug, Clone)]
struct Account {
    number: String,
    money: InvoiceMoney,
    payments: Vec<Paid>,
    /// Who last changed the invoice, and when.
    by: String,
    hlc: String,
}

/// The invoices a batch's money rows touch, kept current as the batch is decided.
#[derive(Debug, Default)]
pub(crate) struct Balances {
    accounts: HashMap<Uuid, Account>,
}

/// An overpayment to record for review: the column, both sides and who made the side met.
pub(crate) struct Review {
    pub column: &'static str,
    pub mine: Value,
    pub theirs: Value,
    pub theirs_by: String,
    pub theirs_hlc: String,
}

const MONEY_TABLES: [&str; 4] = ["payments", "credit_notes", "refunds", "credit_transfers"];

fn uuid_at(values: &serde_json::Map<String, Value>, column: &str) -> Option<Uuid> {
    values.get(column)?.as_str()?.parse().ok()
}

fn text_at(values: &serde_json::Map<String, Value>, column: &str) -> Option<String> {
    values.get(column)?.as_str().map(str::to_string)
}

fn int_at(values: &serde_json::Map<String, Value>, column: &str) -> i64 {
    values.get(column).and_then(Value::as_i64).unwrap_or(0)
}

impl Balances {
    /// The account of an invoice: as loaded, or one created earlier in this batch (nothing
    /// moved on it yet).
    fn account(
        &mut self,
        invoice_row: &impl Fn(Uuid) -> Option<StoredRow>,
        id: Uuid,
    ) -> &mut Account {
        self.accounts.entry(id).or_insert_with(|| {
            let stored = invoice_row(id);
            let values = stored.as_ref().map(|r| &r.values);
            Account {
                number: values
                    .and_then(|v| text_at(v, "number"))
                    .unwrap_or_default(),
                money: InvoiceMoney {
                    amount: values.map_or(0, |v| int_at(v, "amount")),
                    voided: values
                        .and_then(|v| v.get("voided_on"))
                        .is_some_and(|v| !v.is_null()),
                    ..InvoiceMoney::default()
                },
                payments: Vec::new(),
                by: stored
                    .as_ref()
                    .map(|r| r.updated_by.clone())
                    .unwrap_or_default(),
                hlc: stored.map(|r| r.hlc).unwrap_or_default(),
            }
        })
    }

    /// Reads what the cloud holds of each invoice the batch's payments, credit notes,
    /// refunds and credit transfers name: four queries however many.
    pub async fn load(
        tx: &Transaction<'_>,
        tenant: Uuid,
        mutations: &[daftar_protocol::Mutation],
    ) -> Result<Self, tokio_postgres::Error> {
        let mut ids: Vec<Uuid> = mutations
            .iter()
            .filter(|m| MONEY_TABLES.contains(&m.table.as_str()))
            .flat_map(|m| {
                ["invoice_id", "from_invoice_id", "to_invoice_id"]
                    .into_iter()
                    .filter_map(|c| uuid_at(&m.changes, c))
            })
            .collect();
        ids.sort();
        ids.dedup();
        let mut balances = Balances::default();
        if ids.is_empty() {
            return Ok(balances);
        }
        let sum = |table: &str, column: &str| {
            format!(
                "(SELECT COALESCE(SUM(x.amount), 0)::int8 FROM {table} x
                   WHERE x.tenant_id = i.tenant_id AND x.{column} = i.id AND NOT x.deleted)"
            )
        };
        let sql = format!(
            "SELECT i.id, i.number, i.amount, i.voided_on IS NOT NULL, i.updated_by, i.hlc,
                    {}, {}, {}, {}, {}
             FROM invoices i WHERE i.tenant_id = $1 AND i.id = ANY($2)",
            sum("credit_notes", "invoice_id"),
            sum("payments", "invoice_id"),
            sum("refunds", "invoice_id"),
            sum("credit_transfers", "to_invoice_id"),
            sum("credit_transfers", "from_invoice_id"),
        );
        for row in tx.query(&sql, &[&tenant, &ids]).await? {
            balances.accounts.insert(
                row.get(0),
                Account {
                    number: row.get(1),
                    money: InvoiceMoney {
                        amount: row.get(2),
                        voided: row.get(3),
                        credited: row.get(6),
                        payments: row.get(7),
                        refunds: row.get(8),
                        credit_in: row.get(9),
                        credit_out: row.get(10),
                    },
                    payments: Vec::new(),
                    by: row.get(4),
                    hlc: row.get(5),
                },
            );
        }
        for row in tx
            .query(
                "SELECT invoice_id, receipt_number, amount, paid_on::text, method, reference,
                        updated_by, hlc
                 FROM payments WHERE tenant_id = $1 AND invoice_id = ANY($2) AND NOT deleted
                 ORDER BY paid_on, receipt_number",
                &[&tenant, &ids],
            )
            .await?
        {
            if let Some(account) = balances.accounts.get_mut(&row.get::<_, Uuid>(0)) {
                account.payments.push(Paid {
                    receipt_number: row.get(1),
                    amount: row.get(2),
                    paid_on: row.get(3),
                    method: row.get(4),
                    reference: row.get(5),
                    by: row.get(6),
                    hlc: row.get(7),
                });
            }
        }
        Ok(balances)
    }

    /// Takes a decided write into account: a new payment, credit note, refund or credit
    /// transfer moves its invoice's money; an invoice written in the batch brings its amount
    /// and void. A new payment beyond what its invoice still asked gives the review to open.
    pub fn record(
        &mut self,
        table: &str,
        created: bool,
        row: &StoredRow,
        invoice_row: impl Fn(Uuid) -> Option<StoredRow>,
    ) -> Option<Review> {
        let values = &row.values;
        if table == "invoices" {
            let id = uuid_at(values, "id")?;
            let account = self.accounts.entry(id).or_insert_with(|| Account {
                number: String::new(),
                money: InvoiceMoney::default(),
                payments: Vec::new(),
                by: row.updated_by.clone(),
                hlc: row.hlc.clone(),
            });
            account.number = text_at(values, "number").unwrap_or_default();
            account.money.amount = int_at(values, "amount");
            account.money.voided = values.get("voided_on").is_some_and(|v| !v.is_null());
            return None;
        }
        if !created || row.deleted || !MONEY_TABLES.contains(&table) {
            return None;
        }
        let amount = int_at(values, "amount");
        match table {
            "payments" => {
                let account = self.account(&invoice_row, uuid_at(values, "invoice_id")?);
                let due = account.money.due();
                let paid = Paid {
                    receipt_number: text_at(values, "receipt_number").unwrap_or_default(),
                    amount,
                    paid_on: text_at(values, "paid_on").unwrap_or_default(),
                    method: text_at(values, "method").unwrap_or_default(),
                    reference: text_at(values, "reference"),
                    by: row.updated_by.clone(),
                    hlc: row.hlc.clone(),
                };
                // A surplus the desk kept knowingly was in full view of the balance it saw.
                let meant = int_at(values, "surplus");
                let review = (amount - meant > due).then(|| {
                    let met = account.payments.last();
                    Review {
                        column: OVERPAID,
                        mine: json!({
                            "payment": paid.json(),
                            "invoice": account.number,
                            "due": due,
                            "surplus": amount - due,
                        }),
                        theirs: json!({
                            "invoice": account.number,
                            "amount": account.money.amount,
                            "credited": account.money.credited,
                            "paid": account.money.paid(),
                            "voided": account.money.voided,
                            "payments": account.payments.iter().map(Paid::json).collect::<Vec<_>>(),
                        }),
                        theirs_by: met.map_or(account.by.clone(), |p| p.by.clone()),
                        theirs_hlc: met.map_or(account.hlc.clone(), |p| p.hlc.clone()),
                    }
                });
                account.money.payments += amount;
                account.payments.push(paid);
                review
            }
            "credit_notes" => {
                self.account(&invoice_row, uuid_at(values, "invoice_id")?)
                    .money
                    .credited += amount;
                None
            }
            "refunds" => {
                self.account(&invoice_row, uuid_at(values, "invoice_id")?)
                    .money
                    .refunds += amount;
                None
            }
            _ => {
                self.account(&invoice_row, uuid_at(values, "to_invoice_id")?)
                    .money
                    .credit_in += amount;
                self.account(&invoice_row, uuid_at(values, "from_invoice_id")?)
                    .money
                    .credit_out += amount;
                None
            }
        }
    }
}
