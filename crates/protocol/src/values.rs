//! Every pushed value is checked against its column and put in one canonical form, so the
//! server stores, compares and sends back exactly one spelling of each value.

use chrono::{DateTime, NaiveDate, SecondsFormat, SubsecRound, Utc};
use daftar_domain::{Kind, TableSpec};
use serde_json::{Map, Number, Value};
use uuid::Uuid;

use crate::wire::codes;

/// The longest text value accepted in any column, whatever the column's own limit.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Why a mutation's values were refused; `code` is one of [`crate::codes`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {reason}")]
pub struct ValueError {
    pub code: &'static str,
    pub reason: String,
}

impl ValueError {
    pub fn new(code: &'static str, reason: impl Into<String>) -> Self {
        Self {
            code,
            reason: reason.into(),
        }
    }
}

/// The canonical form of a non-null value of `kind`, or `None` when it is not one.
/// Timestamps are UTC to the microsecond (what PostgreSQL keeps), spelled as chrono spells
/// them; reals are JSON floats; uuids are lower-case and hyphenated.
pub fn canonical_value(kind: Kind, value: &Value) -> Option<Value> {
    Some(match (kind, value) {
        (Kind::Uuid, Value::String(s)) => Value::String(Uuid::parse_str(s).ok()?.to_string()),
        (Kind::Text, Value::String(s)) => {
            // PostgreSQL text cannot hold NUL; refuse it here rather than fail later.
            if s.len() > MAX_TEXT_BYTES || s.contains('\0') {
                return None;
            }
            value.clone()
        }
        (Kind::Int, Value::Number(n)) => Value::Number(n.as_i64()?.into()),
        (Kind::Real, Value::Number(n)) => Value::Number(Number::from_f64(n.as_f64()?)?),
        (Kind::Bool, Value::Bool(_)) => value.clone(),
        (Kind::Date, Value::String(s)) => {
            let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            Value::String(date.format("%Y-%m-%d").to_string())
        }
        (Kind::Timestamp, Value::String(s)) => {
            let at = DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc);
            Value::String(
                at.trunc_subsecs(6)
                    .to_rfc3339_opts(SecondsFormat::AutoSi, true),
            )
        }
        _ => return None,
    })
}

/// Checks a mutation's changes against its table and makes every value canonical.
/// `deleted` is the only sync column a client may set; `id` may be repeated but not changed.
pub fn check_changes(
    spec: &TableSpec,
    row_id: Uuid,
    changes: &mut Map<String, Value>,
) -> Result<(), ValueError> {
    if changes.is_empty() {
        return Err(ValueError::new(
            codes::BAD_REQUEST,
            "a mutation changes nothing",
        ));
    }
    for (name, value) in changes.iter_mut() {
        if name == "deleted" {
            if !value.is_boolean() {
                return Err(ValueError::new(
                    codes::INVALID_VALUE,
                    "deleted must be true or false",
                ));
            }
            continue;
        }
        let Some(column) = spec.column(name) else {
            return Err(ValueError::new(
                codes::UNKNOWN_COLUMN,
                format!("{} has no column {:?}", spec.name, clip(name)),
            ));
        };
        if value.is_null() {
            if column.nullable {
                continue;
            }
            return Err(ValueError::new(
                codes::INVALID_VALUE,
                format!("{}.{} cannot be empty", spec.name, column.name),
            ));
        }
        let Some(canonical) = canonical_value(column.kind, value) else {
            return Err(ValueError::new(
                codes::INVALID_VALUE,
                format!(
                    "{}.{} expects {:?}, not {}",
                    spec.name,
                    column.name,
                    column.kind,
                    clip(&value.to_string())
                ),
            ));
        };
        *value = canonical;
    }
    if let Some(id) = changes.remove("id")
        && id != Value::String(row_id.to_string())
    {
        return Err(ValueError::new(
            codes::INVALID_VALUE,
            "a row's id cannot change",
        ));
    }
    if changes.is_empty() {
        return Err(ValueError::new(
            codes::BAD_REQUEST,
            "a mutation changes nothing",
        ));
    }
    Ok(())
}

fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn students() -> &'static TableSpec {
        daftar_domain::table("students").unwrap()
    }

    #[test]
    fn values_take_one_spelling() {
        let at = canonical_value(
            Kind::Timestamp,
            &json!("2025-09-01T11:00:00.123456789+03:00"),
        );
        assert_eq!(at, Some(json!("2025-09-01T08:00:00.123456Z")));
        assert_eq!(
            canonical_value(Kind::Timestamp, &json!("2025-09-01T08:00:00Z")),
            Some(json!("2025-09-01T08:00:00Z"))
        );
        assert_eq!(canonical_value(Kind::Real, &json!(18)), Some(json!(18.0)));
        assert_eq!(
            canonical_value(Kind::Uuid, &json!("0190F5C8-0000-7000-8000-000000000001")),
            Some(json!("0190f5c8-0000-7000-8000-000000000001"))
        );
        assert_eq!(canonical_value(Kind::Int, &json!(1.5)), None);
        assert_eq!(canonical_value(Kind::Date, &json!("2025-02-30")), None);
        assert_eq!(canonical_value(Kind::Text, &json!("a\u{0}b")), None);
        assert_eq!(canonical_value(Kind::Bool, &json!("true")), None);
    }

    #[test]
    fn changes_are_checked_against_the_table() {
        let id = Uuid::nil();
        let mut ok = json!({"name_en": "Sara", "national_id": null, "deleted": false});
        check_changes(students(), id, ok.as_object_mut().unwrap()).unwrap();

        let cases = [
            (json!({}), codes::BAD_REQUEST),
            (json!({"salary": 1}), codes::UNKNOWN_COLUMN),
            (json!({"version": 9}), codes::UNKNOWN_COLUMN),
            (json!({"name_en": null}), codes::INVALID_VALUE),
            (json!({"birth_date": 20250101}), codes::INVALID_VALUE),
            (json!({"deleted": "yes"}), codes::INVALID_VALUE),
            (json!({"id": Uuid::max().to_string()}), codes::INVALID_VALUE),
            (json!({"id": id.to_string()}), codes::BAD_REQUEST),
        ];
        for (mut changes, code) in cases {
            let err = check_changes(students(), id, changes.as_object_mut().unwrap()).unwrap_err();
            assert_eq!(err.code, code, "{changes}");
        }
    }

    #[test]
    fn whole_records_are_validated_by_the_domain() {
        let good = json!({
            "id": Uuid::nil(), "admission_number": "A1", "name_ar": "سارة", "name_en": "Sara",
            "gender": "female", "birth_date": "2015-03-01", "national_id": null,
            "nationality": "AE", "status": "active"
        });
        let record = good.as_object().unwrap();
        assert_eq!(
            daftar_domain::validate_record("students", record),
            Some(Ok(()))
        );
        let mut bad = record.clone();
        bad.insert("gender".into(), json!("robot"));
        assert!(matches!(
            daftar_domain::validate_record("students", &bad),
            Some(Err(_))
        ));
        assert_eq!(daftar_domain::validate_record("nope", record), None);
    }
}
