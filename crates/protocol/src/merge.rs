//! How the server applies one mutation to the row it holds: the whole sync model's rules in
//! one pure function. Base version current: apply. Older: columns untouched since the base
//! apply; a column changed on both sides is a conflict that the later hybrid logical clock
//! wins (its device id breaks ties), and the loser is reported, never silently dropped.

use std::collections::BTreeMap;

use daftar_domain::{Hlc, TableSpec};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::values::ValueError;
use crate::wire::{ColumnConflict, Mutation, Outcome, Row, Side, codes};

/// A row as the server keeps it: its columns and the sync columns, plus the stamp of the
/// last change of each column (so a conflict compares the column's own change, not the
/// row's latest).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRow {
    /// Every column of the table, `id` included, with canonical values.
    pub values: Map<String, Value>,
    pub version: i64,
    pub col_versions: BTreeMap<String, i64>,
    pub col_hlc: BTreeMap<String, String>,
    pub hlc: String,
    pub updated_by: String,
    pub deleted: bool,
}

impl StoredRow {
    pub fn to_wire(&self, table: &str, id: Uuid) -> Row {
        Row {
            table: table.to_string(),
            id,
            version: self.version,
            values: self.values.clone(),
            col_versions: self.col_versions.clone(),
            hlc: self.hlc.clone(),
            updated_by: self.updated_by.clone(),
            deleted: self.deleted,
        }
    }

    /// [`StoredRow::to_wire`] without copying: for rows read only to be sent.
    pub fn into_wire(self, table: &str, id: Uuid) -> Row {
        Row {
            table: table.to_string(),
            id,
            version: self.version,
            values: self.values,
            col_versions: self.col_versions,
            hlc: self.hlc,
            updated_by: self.updated_by,
            deleted: self.deleted,
        }
    }

    fn value(&self, column: &str) -> Value {
        if column == "deleted" {
            Value::Bool(self.deleted)
        } else {
            self.values.get(column).cloned().unwrap_or(Value::Null)
        }
    }

    fn set(&mut self, column: &str, value: Value) {
        if column == "deleted" {
            self.deleted = value.as_bool().unwrap_or(false);
        } else {
            self.values.insert(column.to_string(), value);
        }
    }
}

/// One column's change, for the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnChange {
    pub column: String,
    pub old: Value,
    pub new: Value,
}

/// What applying a mutation decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The row after the mutation; write it when `write` is set.
    pub row: StoredRow,
    pub write: bool,
    pub outcome: Outcome,
    /// Columns whose value changed, old → new.
    pub changes: Vec<ColumnChange>,
}

/// Applies `mutation` (whose changes [`crate::check_changes`] made canonical) to `current`,
/// the row the server holds, if any. `by` is `user/device`; `next_version` is the version
/// the row takes if anything is written.
pub fn apply_mutation(
    spec: &TableSpec,
    current: Option<&StoredRow>,
    mutation: &Mutation,
    by: &str,
    next_version: i64,
) -> Result<Decision, ValueError> {
    let stamp: Hlc = mutation
        .hlc
        .parse()
        .map_err(|_| ValueError::new(codes::BAD_HLC, "the change's clock stamp is malformed"))?;
    match current {
        None => insert(spec, mutation, by, next_version),
        Some(row) if mutation.base_version > row.version => Err(ValueError::new(
            codes::BAD_BASE_VERSION,
            format!(
                "base version {} is newer than the row's {}",
                mutation.base_version, row.version
            ),
        )),
        Some(row) => Ok(update(row, mutation, stamp, by, next_version)),
    }
}

fn insert(
    spec: &TableSpec,
    mutation: &Mutation,
    by: &str,
    version: i64,
) -> Result<Decision, ValueError> {
    if mutation.base_version != 0 {
        return Err(ValueError::new(
            codes::UNKNOWN_ROW,
            format!("{} has no row {}", spec.name, mutation.row_id),
        ));
    }
    let mut values = Map::new();
    let mut changes = Vec::new();
    values.insert("id".into(), Value::String(mutation.row_id.to_string()));
    for column in spec.columns.iter().filter(|c| c.name != "id") {
        let value = mutation
            .changes
            .get(column.name)
            .cloned()
            .unwrap_or(Value::Null);
        if value.is_null() && !column.nullable {
            return Err(ValueError::new(
                codes::INCOMPLETE_ROW,
                format!("a new {} row needs {}", spec.name, column.name),
            ));
        }
        changes.push(ColumnChange {
            column: column.name.to_string(),
            old: Value::Null,
            new: value.clone(),
        });
        values.insert(column.name.to_string(), value);
    }
    let deleted = mutation
        .changes
        .get("deleted")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let columns = spec.columns.iter().map(|c| c.name).chain(["deleted"]);
    let row = StoredRow {
        values,
        version,
        col_versions: columns.clone().map(|c| (c.to_string(), version)).collect(),
        col_hlc: columns
            .map(|c| (c.to_string(), mutation.hlc.clone()))
            .collect(),
        hlc: mutation.hlc.clone(),
        updated_by: by.to_string(),
        deleted,
    };
    Ok(Decision {
        row,
        write: true,
        outcome: Outcome::Applied { version },
        changes,
    })
}

/// Columns that describe a write rather than the school's data (who took a register and
/// when): a clash on them follows the later stamp like any other, but is not put before a
/// person, who reviews the mark itself.
const UNREVIEWED: &[(&str, &str)] = &[("attendance", "taken_by"), ("attendance", "taken_at")];

/// The review the cloud opens on a payment that would take its invoice beyond what it
/// asks (another desktop paid it meanwhile): the payment is kept, its surplus is the
/// family's credit, and a person decides. Not a column of the row: settling it writes
/// nothing into the payment.
pub const OVERPAID: &str = "overpaid";

/// Whether a review names no column of its row (settling it edits no record).
pub fn is_review_only(column: &str) -> bool {
    column == OVERPAID
}

/// Whether a clash on `table.column` is kept as a conflict for review.
pub fn is_reviewed(table: &str, column: &str) -> bool {
    !UNREVIEWED.contains(&(table, column))
}

fn update(
    current: &StoredRow,
    mutation: &Mutation,
    stamp: Hlc,
    by: &str,
    version: i64,
) -> Decision {
    let mut row = current.clone();
    let mut changes = Vec::new();
    let mut conflicts = Vec::new();
    let stale = mutation.base_version < current.version;
    // An edit that does not bring the row back, made to a row deleted meanwhile.
    let edits_tombstone = current.deleted
        && mutation.changes.get("deleted") != Some(&Value::Bool(false))
        && mutation.changes.keys().any(|c| c != "deleted");

    for (column, mine) in &mutation.changes {
        let theirs = current.value(column);
        let theirs_hlc = current.col_hlc.get(column).unwrap_or(&current.hlc);
        // A device's own changes come in order: a later one of its own supersedes an
        // earlier one even when both were made before the device heard back.
        let by_same_device = theirs_hlc
            .parse::<Hlc>()
            .is_ok_and(|theirs| theirs.node == stamp.node);
        let changed_since_base = !by_same_device
            && current.col_versions.get(column).copied().unwrap_or(0) > mutation.base_version;
        if edits_tombstone && column != "deleted" {
            if *mine != theirs {
                conflicts.push(conflict(
                    column,
                    mine,
                    &theirs,
                    current,
                    theirs_hlc,
                    Side::Theirs,
                ));
            }
            continue;
        }
        if *mine == theirs {
            let later = theirs_hlc
                .parse::<Hlc>()
                .map_or(true, |theirs| stamp > theirs);
            if !stale || later {
                // Re-stating the current value still dates the column to this change: a
                // later concurrent edit to another value must meet it as a conflict.
                apply(
                    &mut row,
                    column,
                    mine.clone(),
                    &mutation.hlc,
                    version,
                    &mut changes,
                    false,
                );
            }
            continue;
        }
        if !changed_since_base {
            apply(
                &mut row,
                column,
                mine.clone(),
                &mutation.hlc,
                version,
                &mut changes,
                true,
            );
            continue;
        }
        let theirs_stamp = theirs_hlc.parse::<Hlc>().unwrap_or(Hlc::ZERO);
        let winner = if stamp > theirs_stamp {
            Side::Mine
        } else {
            Side::Theirs
        };
        if is_reviewed(&mutation.table, column) {
            conflicts.push(conflict(column, mine, &theirs, current, theirs_hlc, winner));
        }
        if winner == Side::Mine {
            apply(
                &mut row,
                column,
                mine.clone(),
                &mutation.hlc,
                version,
                &mut changes,
                true,
            );
        }
    }
    if edits_tombstone {
        conflicts.push(conflict(
            "deleted",
            &Value::Bool(false),
            &Value::Bool(true),
            current,
            current.col_hlc.get("deleted").unwrap_or(&current.hlc),
            Side::Theirs,
        ));
    }

    let write = row.col_versions != current.col_versions;
    if write {
        row.version = version;
        row.updated_by = by.to_string();
        if mutation.hlc > row.hlc {
            row.hlc = mutation.hlc.clone();
        }
    }
    let outcome = if !conflicts.is_empty() {
        Outcome::Conflict {
            version: row.version,
            row: row.to_wire(&mutation.table, mutation.row_id),
            conflicts,
        }
    } else if stale {
        Outcome::Merged {
            version: row.version,
            row: row.to_wire(&mutation.table, mutation.row_id),
        }
    } else {
        Outcome::Applied {
            version: row.version,
        }
    };
    Decision {
        row,
        write,
        outcome,
        changes,
    }
}

fn apply(
    row: &mut StoredRow,
    column: &str,
    value: Value,
    hlc: &str,
    version: i64,
    changes: &mut Vec<ColumnChange>,
    record: bool,
) {
    if record {
        changes.push(ColumnChange {
            column: column.to_string(),
            old: row.value(column),
            new: value.clone(),
        });
    }
    row.set(column, value);
    row.col_versions.insert(column.to_string(), version);
    row.col_hlc.insert(column.to_string(), hlc.to_string());
}

fn conflict(
    column: &str,
    mine: &Value,
    theirs: &Value,
    current: &StoredRow,
    theirs_hlc: &str,
    winner: Side,
) -> ColumnConflict {
    ColumnConflict {
        column: column.to_string(),
        mine: mine.clone(),
        theirs: theirs.clone(),
        theirs_by: current.updated_by.clone(),
        theirs_hlc: theirs_hlc.to_string(),
        winner,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "00000000000a-000000-0000000000000000000000000000000a";
    const B: &str = "00000000000b-000000-0000000000000000000000000000000b";
    const C: &str = "00000000000c-000000-0000000000000000000000000000000c";

    fn guardians() -> &'static TableSpec {
        daftar_domain::table("guardians").unwrap()
    }

    fn mutation(base: i64, hlc: &str, changes: Value) -> Mutation {
        Mutation {
            mutation_id: Uuid::now_v7(),
            table: "guardians".into(),
            row_id: Uuid::nil(),
            base_version: base,
            changes: changes.as_object().unwrap().clone(),
            hlc: hlc.into(),
        }
    }

    fn created() -> StoredRow {
        let m = mutation(
            0,
            A,
            json!({"name_ar": "أحمد", "name_en": "Ahmed", "phone": "0501", "address": "Dubai"}),
        );
        apply_mutation(guardians(), None, &m, "u/a", 1).unwrap().row
    }

    #[test]
    fn a_new_row_needs_every_required_column() {
        let row = created();
        assert_eq!(row.version, 1);
        assert_eq!(row.values["email"], Value::Null);
        assert_eq!(row.col_versions["phone"], 1);
        let err = apply_mutation(
            guardians(),
            None,
            &mutation(0, A, json!({"name_ar": "x"})),
            "u/a",
            1,
        )
        .unwrap_err();
        assert_eq!(err.code, codes::INCOMPLETE_ROW);
        let err = apply_mutation(
            guardians(),
            None,
            &mutation(3, A, json!({"phone": "1"})),
            "u/a",
            1,
        )
        .unwrap_err();
        assert_eq!(err.code, codes::UNKNOWN_ROW);
    }

    #[test]
    fn current_base_applies() {
        let row = created();
        let d = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(1, B, json!({"phone": "0502"})),
            "u/b",
            2,
        )
        .unwrap();
        assert_eq!(d.outcome, Outcome::Applied { version: 2 });
        assert!(d.write);
        assert_eq!(d.row.values["phone"], json!("0502"));
        assert_eq!(d.row.col_versions["phone"], 2);
        assert_eq!(d.row.col_versions["address"], 1);
        assert_eq!(d.row.hlc, B);
        assert_eq!(d.changes.len(), 1);
    }

    #[test]
    fn different_columns_merge_without_conflict() {
        let row = created();
        let phone = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(1, B, json!({"phone": "0502"})),
            "u/b",
            2,
        )
        .unwrap()
        .row;
        let d = apply_mutation(
            guardians(),
            Some(&phone),
            &mutation(1, A, json!({"address": "Sharjah"})),
            "u/a",
            3,
        )
        .unwrap();
        assert!(matches!(d.outcome, Outcome::Merged { version: 3, .. }));
        assert_eq!(d.row.values["phone"], json!("0502"));
        assert_eq!(d.row.values["address"], json!("Sharjah"));
        // The row's stamp stays the later of the two.
        assert_eq!(d.row.hlc, B);
    }

    #[test]
    fn the_same_column_is_a_conflict_the_later_clock_wins() {
        let row = created();
        let later = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(1, C, json!({"phone": "0503"})),
            "u/c",
            2,
        )
        .unwrap()
        .row;
        // An earlier stamp loses, and its value is reported.
        let d = apply_mutation(
            guardians(),
            Some(&later),
            &mutation(1, B, json!({"phone": "0502"})),
            "u/b",
            3,
        )
        .unwrap();
        let Outcome::Conflict {
            conflicts, version, ..
        } = &d.outcome
        else {
            panic!("{:?}", d.outcome)
        };
        assert_eq!(*version, 2);
        assert!(!d.write);
        assert_eq!(conflicts[0].winner, Side::Theirs);
        assert_eq!(conflicts[0].mine, json!("0502"));
        assert_eq!(conflicts[0].theirs_by, "u/c");
        assert_eq!(d.row.values["phone"], json!("0503"));

        // A later stamp wins even when it arrives last.
        let earlier = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(1, B, json!({"phone": "0502"})),
            "u/b",
            2,
        )
        .unwrap()
        .row;
        let d = apply_mutation(
            guardians(),
            Some(&earlier),
            &mutation(1, C, json!({"phone": "0503"})),
            "u/c",
            3,
        )
        .unwrap();
        let Outcome::Conflict {
            conflicts, version, ..
        } = &d.outcome
        else {
            panic!()
        };
        assert_eq!(*version, 3);
        assert_eq!(conflicts[0].winner, Side::Mine);
        assert_eq!(conflicts[0].theirs, json!("0502"));
        assert_eq!(d.row.values["phone"], json!("0503"));
    }

    #[test]
    fn the_same_value_on_both_sides_is_no_conflict() {
        let row = created();
        let other = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(1, B, json!({"phone": "0502"})),
            "u/b",
            2,
        )
        .unwrap()
        .row;
        let same = apply_mutation(
            guardians(),
            Some(&other),
            &mutation(1, C, json!({"phone": "0502"})),
            "u/c",
            3,
        )
        .unwrap();
        // No conflict; the later stamp dates the column, so that a third edit made
        // without seeing either meets it as a conflict.
        assert!(matches!(same.outcome, Outcome::Merged { version: 3, .. }));
        assert!(same.write);
        assert_eq!(same.row.col_hlc["phone"], C);
        assert_eq!(same.row.col_versions["phone"], 3);
        // An earlier stamp restating the value changes nothing.
        let earlier = apply_mutation(
            guardians(),
            Some(&same.row),
            &mutation(1, A, json!({"phone": "0502"})),
            "u/a",
            4,
        )
        .unwrap();
        assert!(matches!(
            earlier.outcome,
            Outcome::Merged { version: 3, .. }
        ));
        assert!(!earlier.write);
    }

    #[test]
    fn a_devices_own_later_edit_is_no_conflict() {
        // Created and then edited on one device before it heard back: both on base 0.
        let row = created();
        let d = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(0, A, json!({"phone": "0502"})),
            "u/a",
            2,
        )
        .unwrap();
        assert!(
            matches!(d.outcome, Outcome::Merged { version: 2, .. }),
            "{:?}",
            d.outcome
        );
        assert_eq!(d.row.values["phone"], json!("0502"));
    }

    #[test]
    fn natural_key_rows_created_twice_converge() {
        let first = created();
        let again = mutation(
            0,
            B,
            json!({"name_ar": "أحمد", "name_en": "Ahmad", "phone": "0501", "address": "Dubai"}),
        );
        let d = apply_mutation(guardians(), Some(&first), &again, "u/b", 2).unwrap();
        let Outcome::Conflict { conflicts, .. } = &d.outcome else {
            panic!()
        };
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].column, "name_en");
        assert_eq!(d.row.values["name_en"], json!("Ahmad"));
    }

    #[test]
    fn deletes_are_tombstones_and_edits_to_them_are_conflicts() {
        let row = created();
        let gone = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(1, B, json!({"deleted": true})),
            "u/b",
            2,
        )
        .unwrap()
        .row;
        assert!(gone.deleted);
        assert_eq!(gone.values["phone"], json!("0501"));
        let d = apply_mutation(
            guardians(),
            Some(&gone),
            &mutation(1, C, json!({"phone": "0509"})),
            "u/c",
            3,
        )
        .unwrap();
        let Outcome::Conflict { conflicts, .. } = &d.outcome else {
            panic!()
        };
        assert!(!d.write);
        assert!(conflicts.iter().all(|c| c.winner == Side::Theirs));
        assert!(conflicts.iter().any(|c| c.column == "deleted"));
        assert!(
            conflicts
                .iter()
                .any(|c| c.column == "phone" && c.mine == json!("0509"))
        );
        // Bringing the row back is an ordinary change.
        let back = apply_mutation(
            guardians(),
            Some(&gone),
            &mutation(2, C, json!({"deleted": false})),
            "u/c",
            3,
        )
        .unwrap();
        assert_eq!(back.outcome, Outcome::Applied { version: 3 });
        assert!(!back.row.deleted);
    }

    #[test]
    fn impossible_bases_and_stamps_are_refused() {
        let row = created();
        let err = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(7, B, json!({"phone": "1"})),
            "u/b",
            2,
        )
        .unwrap_err();
        assert_eq!(err.code, codes::BAD_BASE_VERSION);
        let err = apply_mutation(
            guardians(),
            Some(&row),
            &mutation(1, "yesterday", json!({"phone": "1"})),
            "u/b",
            2,
        )
        .unwrap_err();
        assert_eq!(err.code, codes::BAD_HLC);
    }
}
