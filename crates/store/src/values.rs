//! Conversion between a record's JSON form (what serde and the wire see) and SQLite values,
//! guided by each column's kind.

use daftar_domain::entities::{Column, Kind};
use rusqlite::types::Value as Sql;
use serde_json::{Map, Number, Value as Json};

use crate::error::{Result, StoreError};

pub(crate) fn json_to_sql(value: &Json) -> Sql {
    match value {
        Json::Null => Sql::Null,
        Json::Bool(b) => Sql::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) if !n.is_f64() => Sql::Integer(i),
            _ => Sql::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

pub(crate) fn sql_to_json(column: &Column, value: Sql) -> Result<Json> {
    let bad = |v: &Sql| StoreError::Corrupt(format!("column {} holds {v:?}", column.name));
    Ok(match (column.kind, value) {
        (_, Sql::Null) => Json::Null,
        (Kind::Bool, Sql::Integer(i)) => Json::Bool(i != 0),
        (Kind::Int, Sql::Integer(i)) => Json::Number(i.into()),
        (Kind::Real, Sql::Integer(i)) => {
            Json::Number(Number::from_f64(i as f64).ok_or_else(|| bad(&Sql::Integer(i)))?)
        }
        (Kind::Real, Sql::Real(f)) => {
            Json::Number(Number::from_f64(f).ok_or_else(|| bad(&Sql::Real(f)))?)
        }
        (Kind::Uuid | Kind::Text | Kind::Date | Kind::Timestamp, Sql::Text(s)) => Json::String(s),
        (_, other) => return Err(bad(&other)),
    })
}

/// A record's columns as SQL values, in the spec's order.
pub(crate) fn record_values(columns: &[Column], record: &Map<String, Json>) -> Vec<Sql> {
    columns
        .iter()
        .map(|c| record.get(c.name).map_or(Sql::Null, json_to_sql))
        .collect()
}

/// A row read as SQL values back into a record's JSON form.
pub(crate) fn row_record(columns: &[Column], values: Vec<Sql>) -> Result<Map<String, Json>> {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| Ok((c.name.to_string(), sql_to_json(c, v)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use daftar_domain::{Entity, School};

    #[test]
    fn every_kind_round_trips() {
        let mut map = Map::new();
        for (name, value) in [
            (
                "id",
                Json::String("018f0000-0000-7000-8000-000000000000".into()),
            ),
            ("name_ar", Json::String("مدرسة".into())),
            ("name_en", Json::String("School".into())),
            ("country", Json::String("AE".into())),
            ("currency", Json::String("AED".into())),
            ("currency_minor_digits", Json::Number(2.into())),
            ("principal_name_ar", Json::String("م".into())),
            ("principal_name_en", Json::String("P".into())),
            ("primary_language", Json::String("ar".into())),
            ("rank_enabled", Json::Bool(true)),
            ("logo_png", Json::Null),
            ("address", Json::String("شارع الخليج".into())),
            ("phone", Json::Null),
            ("tax_number", Json::Null),
            ("school_week", Json::String("sun,mon,tue,wed,thu".into())),
            ("date_order", Json::String("dmy".into())),
            ("student_names", Json::String("ar".into())),
        ] {
            map.insert(name.into(), value);
        }
        let sql = record_values(School::COLUMNS, &map);
        assert_eq!(sql[9], Sql::Integer(1));
        assert_eq!(row_record(School::COLUMNS, sql).unwrap(), map);
    }
}
