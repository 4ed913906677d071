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

/// One change of a mark on a sheet, with whose mark it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarkChange {
    pub student_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub entry: HistoryEntry,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarkSheetHistory {
    pub changes: Vec<MarkChange>,
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
        self.history_of(actor, spec.name, row)
    }

    /// Every change of the marks on one assessment's sheet, newest first, for whoever may
    /// enter them (a teacher: their own classes' and subjects'), with whose mark each was.
    pub fn mark_sheet_history(&self, actor: &Actor, assessment: Uuid) -> Result<MarkSheetHistory> {
        let sheet = self.mark_sheet(actor, assessment)?;
        let mut changes = Vec::new();
        let mut from_cloud = false;
        for row in sheet.rows {
            let result = AssessmentResult::natural_id(assessment, row.student_id);
            let history = self.history_of(actor, "results", result)?;
            from_cloud |= history.from_cloud;
            changes.extend(history.entries.into_iter().map(|entry| MarkChange {
                student_id: row.student_id,
                name_ar: row.name_ar.clone(),
                name_en: row.name_en.clone(),
                entry,
            }));
        }
        // Stamps are RFC 3339 in UTC on both sides, so text order is time order.
        changes.sort_by(|a, b| b.entry.at.cmp(&a.entry.at));
        Ok(MarkSheetHistory {
            changes,
            from_cloud,
        })
    }

    /// A record's history without asking the policy (the caller has).
    fn history_of(&self, actor: &Actor, table: &'static str, row: Uuid) -> Result<RecordHistory> {
        let spec = daftar_domain::table(table)
            .ok_or_else(|| Failure::UnknownRecordKind(table.to_string()))?;
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
