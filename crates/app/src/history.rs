//! A record's history as a person reads it: the changes still on this desktop (all of them
//! on a desktop never connected) and, for those who run the school on a connected desktop,
//! the cloud's audit log of it: when, who, and each field old → new, newest first.

use daftar_domain::*;
use daftar_protocol::AuditRecord;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::{App, Failure, Result};

/// One field's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    pub field: String,
    /// Empty when not known here (a change not yet in the cloud records only the new value).
    pub old: String,
    pub new: String,
}

/// One change of a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    pub at: String,
    /// The person's name on this desktop, or their cloud username.
    pub who: String,
    pub fields: Vec<FieldChange>,
    /// Made on this desktop and not in the cloud yet.
    pub pending: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordHistory {
    pub entries: Vec<HistoryEntry>,
    /// Whether the cloud's audit log is in it (connected, and the person runs the school).
    pub from_cloud: bool,
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Bookkeeping columns a person never edits.
fn shown(field: &str) -> bool {
    !matches!(field, "id" | "deleted")
}

impl App {
    /// The history of one record of `table`: a student's for whoever may see the student,
    /// any other record's for those who run the school.
    pub fn record_history(&self, actor: &Actor, table: &str, row: Uuid) -> Result<RecordHistory> {
        let spec = daftar_domain::table(table)
            .ok_or_else(|| Failure::UnknownRecordKind(table.chars().take(40).collect()))?;
        match spec.name {
            "students" => self.allow(actor, Action::SeeStudents, Target::student(row))?,
            _ => self.allow(actor, Action::RunSchool, Target::default())?,
        }
        let names: std::collections::HashMap<Uuid, String> = self
            .store
            .list::<Staff>()?
            .into_iter()
            .map(|s| {
                let name = if self.messages.lang() == "ar" {
                    s.name_ar
                } else {
                    s.name_en
                };
                (s.id, name)
            })
            .collect();
        let mut entries: Vec<HistoryEntry> = self
            .store
            .outbox_for(spec.name, row)?
            .into_iter()
            .map(|entry| HistoryEntry {
                at: entry.created_at,
                who: names.get(&entry.user_id).cloned().unwrap_or_default(),
                fields: entry
                    .changes
                    .iter()
                    .filter(|(field, _)| shown(field))
                    .map(|(field, value)| FieldChange {
                        field: field.clone(),
                        old: String::new(),
                        new: text(value),
                    })
                    .collect(),
                pending: true,
            })
            .collect();
        entries.reverse();
        let connected = self.account()?.is_some();
        let mut from_cloud = false;
        if connected && daftar_domain::policy::may(actor.role, Action::RunSchool) {
            let path = format!("/audit?table={}&row={row}", spec.name);
            // Offline, the history is this desktop's part; the screen says the cloud's is missing.
            if let Ok(Some(records)) = self.cloud_call::<Vec<AuditRecord>>(&path, None) {
                from_cloud = true;
                entries.extend(records.into_iter().map(|record| {
                    HistoryEntry {
                        at: record.at,
                        who: record.username,
                        fields: record
                            .new
                            .iter()
                            .filter(|(field, _)| shown(field))
                            .map(|(field, value)| FieldChange {
                                field: field.clone(),
                                old: record.old.get(field).map(text).unwrap_or_default(),
                                new: text(value),
                            })
                            .collect(),
                        pending: false,
                    }
                }));
            }
        }
        Ok(RecordHistory {
            entries,
            from_cloud,
        })
    }
}
