//! The school's messages to guardians from a connected desktop: for those who run the
//! school, the counts per channel and state, the latest messages with the guardian's and
//! student's names from this desktop's own records (the cloud sends neither number nor
//! address), re-driving dead ones, and publishing a term's report cards so families hear
//! they are ready; for the office, a guardian's choice to receive no more on a channel.
//! Each needs the cloud: offline they say so.

use daftar_domain::{Action, Actor, Guardian, Student, Target};
use daftar_protocol::{
    Changed, NOTIFICATION_STATES, NotificationCount, NotificationList, OptOut, PublishReportCards,
    Redrive,
};
use daftar_sync::SyncError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{App, Failure, Result};

/// The messages screen: counts, the latest messages, and who opted out of what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GuardianMessages {
    pub counts: Vec<NotificationCount>,
    pub messages: Vec<GuardianMessage>,
    pub opt_outs: Vec<GuardianOptOut>,
}

/// One message as the screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GuardianMessage {
    pub id: Uuid,
    pub kind: String,
    pub channel: String,
    pub state: String,
    pub attempts: i32,
    pub reason: Option<String>,
    pub guardian_id: Uuid,
    pub guardian: String,
    pub student: Option<String>,
    pub subject: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A guardian who asked for no more messages on a channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GuardianOptOut {
    pub guardian_id: Uuid,
    pub guardian: String,
    pub channel: String,
}

impl App {
    /// A name in the window's language, the other when it has none.
    pub(crate) fn pick_name(&self, ar: &str, en: &str) -> String {
        let arabic = self.messages.lang() == "ar";
        if (arabic && !ar.trim().is_empty()) || en.trim().is_empty() {
            ar.to_string()
        } else {
            en.to_string()
        }
    }

    fn guardian_name(&self, id: Uuid) -> String {
        match self.store.find::<Guardian>(id) {
            Ok(Some(g)) => self.pick_name(&g.name_ar, &g.name_en),
            _ => String::new(),
        }
    }

    /// The school's messages to guardians, of one state when given.
    pub fn guardian_messages(
        &self,
        actor: &Actor,
        state: Option<&str>,
    ) -> Result<GuardianMessages> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let path = match state {
            Some(state) if NOTIFICATION_STATES.contains(&state) => {
                format!("/notifications?state={state}")
            }
            Some(other) => {
                return Err(Failure::NotOneOf {
                    value: other.into(),
                    allowed: NOTIFICATION_STATES.join(", "),
                });
            }
            None => "/notifications".into(),
        };
        let list: NotificationList = self
            .cloud_call(&path, None)?
            .ok_or_else(|| Failure::from(SyncError::Offline("no answer".into())))?;
        let messages = list
            .messages
            .into_iter()
            .map(|m| GuardianMessage {
                guardian: self.guardian_name(m.guardian_id),
                student: m.student_id.and_then(|id| {
                    self.store
                        .find::<Student>(id)
                        .ok()
                        .flatten()
                        .map(|s| self.pick_name(&s.name_ar, &s.name_en))
                }),
                id: m.id,
                kind: m.kind,
                channel: m.channel,
                state: m.state,
                attempts: m.attempts,
                reason: m.reason,
                guardian_id: m.guardian_id,
                subject: m.subject,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
            .collect();
        let opt_outs = list
            .opt_outs
            .into_iter()
            .map(|o| GuardianOptOut {
                guardian: self.guardian_name(o.guardian_id),
                guardian_id: o.guardian_id,
                channel: o.channel,
            })
            .collect();
        Ok(GuardianMessages {
            counts: list.counts,
            messages,
            opt_outs,
        })
    }

    /// Dead or failed messages queued again, their attempts anew; how many.
    pub fn redrive_messages(&self, actor: &Actor, ids: &[Uuid]) -> Result<u64> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let body = serde_json::to_value(Redrive { ids: ids.to_vec() })
            .map_err(daftar_store::StoreError::from)?;
        let changed: Changed = self
            .cloud_call("/notifications/redrive", Some(body))?
            .ok_or_else(|| SyncError::Offline("no answer".into()))?;
        Ok(changed.changed)
    }

    /// A guardian's choice about a channel ("sms" or "email"), as the office records it.
    pub fn set_guardian_opt_out(
        &self,
        actor: &Actor,
        guardian: Uuid,
        channel: &str,
        opted_out: bool,
    ) -> Result<()> {
        self.allow(actor, Action::EditStudents, Target::default())?;
        if !matches!(channel, "sms" | "email") {
            return Err(Failure::NotOneOf {
                value: channel.into(),
                allowed: "sms, email".into(),
            });
        }
        let body = serde_json::to_value(OptOut {
            guardian_id: guardian,
            channel: channel.into(),
            opted_out,
        })
        .map_err(daftar_store::StoreError::from)?;
        let _: Option<Changed> = self.cloud_call("/notifications/opt-outs", Some(body))?;
        Ok(())
    }

    /// A term's report cards published (for the school, or one classroom): each student's
    /// guardian is told they are ready, once; how many messages were queued.
    pub fn publish_report_cards(
        &self,
        actor: &Actor,
        term: Uuid,
        classroom: Option<Uuid>,
    ) -> Result<u64> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let body = serde_json::to_value(PublishReportCards {
            term_id: term,
            classroom_id: classroom,
        })
        .map_err(daftar_store::StoreError::from)?;
        let changed: Changed = self
            .cloud_call("/notifications/report-cards", Some(body))?
            .ok_or_else(|| SyncError::Offline("no answer".into()))?;
        Ok(changed.changed)
    }
}
