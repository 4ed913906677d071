//! Connecting a device to its school's cloud and syncing it: sign in (the refresh token in
//! the OS keyring), one sync round, conflicts to review and settle, refused changes to see
//! and retry, and signing out without ever discarding unsynced changes.

use std::path::Path;
use std::sync::Arc;

use daftar_domain::{Action, Actor, Coded, DomainError, Payment, Refund, Target, new_id};
use daftar_protocol::{Choice, Side};
use daftar_store::{LocalConflict, Rejected};
use daftar_sync::{
    Account, Borrowed, Engine, HttpTransport, Keyring, Options, Progress, RoundSummary, Secrets,
    SyncError, Transport,
};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::App;
use crate::error::{Failure, Result};

/// The setting naming the staff record this device's account is still to be linked to.
pub(crate) const LINK_STAFF: &str = "sync.link_staff";

/// Set while this folder holds a school started here offline and never connected.
pub(crate) const STARTED_HERE: &str = "setup.started_here";

/// Where a device stands with its cloud.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncOverview {
    pub account: Option<Account>,
    pub device_id: Uuid,
    /// Local changes not yet in the cloud.
    pub pending: i64,
    pub rejected: i64,
    pub open_conflicts: i64,
    /// Whether the first download is done.
    pub downloaded: bool,
}

/// One side of a conflict as this device's person sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictSide {
    pub value: Value,
    /// `user/device` of the change.
    pub by: String,
    /// Its clock stamp (wall time in milliseconds first).
    pub hlc: String,
    /// Made on this device.
    pub this_device: bool,
}

/// A conflict for review: "mine" is this device's value when one side is, else the later
/// push's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictView {
    pub id: Uuid,
    pub table: String,
    pub row_id: Uuid,
    pub column: String,
    pub mine: ConflictSide,
    pub theirs: ConflictSide,
    /// Which side is in the record now (until someone settles it).
    pub kept: Side,
    pub at: String,
    pub state: String,
    pub resolution: Option<Choice>,
    pub resolved_by: Option<String>,
}

/// How a person settles a conflict.
#[derive(Debug, Clone, PartialEq)]
pub enum Keep {
    Mine,
    Theirs,
    /// A value they enter: JSON (`"text"`, `12.5`, `null`), or plain text.
    Value(String),
}

fn swap(side: Side) -> Side {
    match side {
        Side::Mine => Side::Theirs,
        Side::Theirs => Side::Mine,
    }
}

/// Whether this device sees a conflict the other way round from the cloud: its value was
/// the one met, not the one pushed.
fn turned(conflict: &LocalConflict, device: Uuid) -> bool {
    // A review (an overpayment) reads the same from every desktop: the flagged payment
    // against what its invoice had.
    if daftar_protocol::is_review_only(&conflict.column) {
        return false;
    }
    let here = |by: &str| by.ends_with(&device.to_string());
    here(&conflict.theirs_by) && !here(&conflict.mine_by)
}

/// A choice as the other side states it.
fn turn(choice: Choice) -> Choice {
    match choice {
        Choice::Mine => Choice::Theirs,
        Choice::Theirs => Choice::Mine,
        Choice::Value => Choice::Value,
    }
}

impl ConflictView {
    fn of(conflict: LocalConflict, device: Uuid) -> Self {
        let turned = turned(&conflict, device);
        let here = |by: &str| by.ends_with(&device.to_string());
        let pushed = ConflictSide {
            this_device: here(&conflict.mine_by),
            value: conflict.mine,
            by: conflict.mine_by,
            hlc: conflict.mine_hlc,
        };
        let met = ConflictSide {
            this_device: here(&conflict.theirs_by),
            value: conflict.theirs,
            by: conflict.theirs_by,
            hlc: conflict.theirs_hlc,
        };
        // Seen from the device whose value was met, the sides turn round.
        let (mine, theirs, kept) = if turned {
            (met, pushed, swap(conflict.winner))
        } else {
            (pushed, met, conflict.winner)
        };
        let resolution = conflict
            .resolution
            .map(|choice| if turned { turn(choice) } else { choice });
        ConflictView {
            id: conflict.id,
            table: conflict.table,
            row_id: conflict.row_id,
            column: conflict.column,
            mine,
            theirs,
            kept,
            at: conflict.at,
            state: conflict.state,
            resolution,
            resolved_by: conflict.resolved_by,
        }
    }
}

/// Runs `work` to its end on a runtime of its own (two workers, so a download is read and
/// parsed while the rows before it are written), on a thread of its own: the window's
/// commands already run on the desktop's async runtime, where blocking on another one, or
/// dropping it, is refused.
pub(crate) fn block_on<F>(work: F) -> Result<F::Output>
where
    F: std::future::Future + Send,
    F::Output: Send,
{
    std::thread::scope(|scope| {
        scope
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .map_err(|e| Failure::Io {
                        path: "tokio runtime".into(),
                        detail: e.to_string(),
                    })?;
                Ok(runtime.block_on(work))
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

impl App {
    pub(crate) fn engine(&self, server: &str) -> Result<Engine<HttpTransport>> {
        let transport =
            HttpTransport::new(server).map_err(|e| Failure::Sync(SyncError::from(e)))?;
        let secrets: Arc<dyn Secrets> = Arc::new(Keyring::open().map_err(SyncError::from)?);
        Ok(Engine::new(
            transport,
            secrets,
            self.store.device_id(),
            Options::default(),
        ))
    }

    pub fn account(&self) -> Result<Option<Account>> {
        Ok(Account::load(&self.store)?)
    }

    /// Signs this device in to its school's cloud. Switching to another person or school
    /// is refused while changes made here are not in the cloud yet.
    pub fn connect(
        &mut self,
        server: &str,
        tenant: &str,
        username: &str,
        password: &str,
        device_name: &str,
    ) -> Result<Account> {
        let server = server.trim_end_matches('/');
        let previous = self.account()?;
        let switching = match previous.clone() {
            // Another school's data must not mix with this one's: use another data folder.
            Some(current) if current.server != server || current.tenant != tenant => {
                return Err(Failure::OtherAccount(format!(
                    "{}@{}",
                    current.username, current.tenant
                )));
            }
            Some(current) if current.username != username => {
                if !self.store.unsynced()?.is_empty() {
                    return Err(Failure::OtherAccount(format!(
                        "{}@{}",
                        current.username, current.tenant
                    )));
                }
                true
            }
            _ => false,
        };
        let engine = self.engine(server)?;
        let session = block_on(engine.sign_in(tenant, username, password, device_name))??;
        // The school started here, its founder at the desk: the account works as them
        // until the cloud links the two (after the first sync has sent their record).
        let mut founder = None;
        if previous.is_none() {
            match self.local_school_may_go(&engine, tenant, session.role) {
                Ok(local) => founder = local.filter(|_| session.staff_id.is_none()),
                Err(refused) => {
                    let _ = block_on(engine.sign_out());
                    return Err(refused);
                }
            }
        }
        if switching {
            // What the new person may see differs: the next sync downloads afresh.
            self.store.reset_sync_cursor()?;
        }
        let account = Account {
            server: server.to_string(),
            tenant: tenant.to_string(),
            username: username.to_string(),
            user_id: session.user_id,
            role: session.role,
            staff_id: session.staff_id.or(founder),
            must_change_password: session.must_change_password,
        };
        account.save(&mut self.store)?;
        if let Some(founder) = founder {
            self.store.set_setting(LINK_STAFF, &founder.to_string())?;
        }
        // From now on the school is the cloud's: signing in again later checks nothing.
        self.store.delete_setting(STARTED_HERE)?;
        Ok(account)
    }

    /// Whether this desktop's own school, started here and never synced, may go to the
    /// cloud school just signed in to: only through an administrator, only into an empty
    /// cloud school. The founder's staff record when there is such a school, else `None`.
    fn local_school_may_go(
        &self,
        engine: &Engine<HttpTransport>,
        tenant: &str,
        role: daftar_domain::StaffRole,
    ) -> Result<Option<Uuid>> {
        if self.store.setting(STARTED_HERE)?.as_deref() != Some("true") {
            return Ok(None);
        }
        let actor = Actor {
            staff_id: Uuid::nil(),
            role,
            device: self.store.device_id(),
        };
        if self
            .allow(&actor, Action::RunSchool, Target::default())
            .is_err()
        {
            return Err(Failure::LocalSchoolNeedsAdmin);
        }
        let first = block_on(engine.authorized(|token| {
            let transport = engine.transport().clone();
            async move { transport.pull(&token, 0, 1).await }
        }))??;
        if !first.rows.is_empty() {
            return Err(Failure::CloudSchoolNotEmpty(tenant.to_string()));
        }
        Ok(self
            .store
            .setting("user_id")?
            .and_then(|id| Uuid::parse_str(&id).ok()))
    }

    /// Links this device's cloud account to the staff record its desktop works as, once
    /// that record is in the cloud: the founder of a school started offline, or an
    /// administrator who started an empty cloud school. Tried after each sync round until
    /// the cloud takes it; whether it was linked now.
    pub fn link_own_staff(&mut self) -> Result<bool> {
        let Some(staff) = self
            .store
            .setting(LINK_STAFF)?
            .and_then(|id| Uuid::parse_str(&id).ok())
        else {
            return Ok(false);
        };
        let Some(account) = self.account()? else {
            self.store.delete_setting(LINK_STAFF)?;
            return Ok(false);
        };
        let change = daftar_protocol::AccountChange {
            staff_id: Some(staff),
            ..Default::default()
        };
        let body = serde_json::to_value(&change).map_err(daftar_store::StoreError::from)?;
        self.cloud_call::<Value>(&format!("/accounts/{}", account.user_id), Some(body))?;
        self.store.delete_setting(LINK_STAFF)?;
        Ok(true)
    }

    /// One sync round with the cloud: push, settle, pull (or the first download).
    pub fn sync(&mut self, progress: &(dyn Fn(Progress) + Send + Sync)) -> Result<RoundSummary> {
        let account = self.account()?.ok_or(SyncError::NotConnected)?;
        let engine = self.engine(&account.server)?;
        let replica = Borrowed::new(&mut self.store);
        let summary = block_on(engine.round(&replica, progress))??;
        if let Err(failure) = self.link_own_staff() {
            tracing::warn!(
                code = failure.code(),
                "the account is not linked to its staff record yet"
            );
        }
        Ok(summary)
    }

    pub fn sync_overview(&self) -> Result<SyncOverview> {
        Ok(SyncOverview {
            account: self.account()?,
            device_id: self.store.device_id(),
            pending: self.store.pending_count()?,
            rejected: self.store.rejected_count()?,
            open_conflicts: self.store.open_conflict_count()?,
            downloaded: self.store.sync_cursor()?.is_some(),
        })
    }

    /// Conflicts for review: open ones, or all (settled ones too).
    pub fn conflicts(&self, all: bool) -> Result<Vec<ConflictView>> {
        let device = self.store.device_id();
        Ok(self
            .store
            .conflicts(!all)?
            .into_iter()
            .map(|c| ConflictView::of(c, device))
            .collect())
    }

    /// Settles a conflict (by its id or the id's first characters): the value chosen goes
    /// into the record as an ordinary edit and syncs like one.
    pub fn resolve_conflict(
        &mut self,
        actor: &Actor,
        id: &str,
        keep: Keep,
    ) -> Result<ConflictView> {
        let wanted = id.trim().to_lowercase();
        let matching: Vec<ConflictView> = self
            .conflicts(true)?
            .into_iter()
            .filter(|c| wanted.len() >= 4 && c.id.to_string().starts_with(&wanted))
            .collect();
        let [view] = <[ConflictView; 1]>::try_from(matching)
            .map_err(|_| Failure::UnknownConflict(id.chars().take(40).collect()))?;
        if daftar_protocol::is_review_only(&view.column) {
            return self.settle_overpayment(actor, view, keep);
        }
        let (value, choice) = match &keep {
            Keep::Mine => (view.mine.value.clone(), Choice::Mine),
            Keep::Theirs => (view.theirs.value.clone(), Choice::Theirs),
            Keep::Value(text) => (
                serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone())),
                Choice::Value,
            ),
        };
        // The cloud keeps choices from the pushing side's point of view.
        let device = self.store.device_id();
        let stored = self
            .store
            .conflict(view.id)?
            .ok_or_else(|| Failure::UnknownConflict(view.id.to_string()))?;
        let choice = if turned(&stored, device) {
            turn(choice)
        } else {
            choice
        };
        // Settling is an edit of the record like any other: the policy of its table decides.
        if let Some(action) = Action::writing(&view.table) {
            self.allow(actor, action, Target::default())?;
        }
        self.store
            .resolve_conflict(actor.staff_id, view.id, choice, value)?;
        let settled = self
            .store
            .conflict(view.id)?
            .ok_or_else(|| Failure::UnknownConflict(view.id.to_string()))?;
        Ok(ConflictView::of(settled, device))
    }

    /// Settles the review of a payment the cloud found beyond what its invoice asked:
    /// keeping it (its surplus stays the family's credit, for the next invoice) or refunding
    /// the surplus the invoice still holds, in the payment's own method.
    fn settle_overpayment(
        &mut self,
        actor: &Actor,
        view: ConflictView,
        keep: Keep,
    ) -> Result<ConflictView> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let payment: Payment = self.store.get(view.row_id)?;
        let refund = match keep {
            Keep::Mine => None,
            Keep::Theirs => {
                let surplus = -self.store.invoice_balance(payment.invoice_id)?;
                if surplus <= 0 {
                    return Err(Failure::NoFamilyCredit);
                }
                Some(Refund {
                    id: new_id(),
                    number: self.next_refund_number()?,
                    invoice_id: payment.invoice_id,
                    amount: surplus,
                    method: payment.method,
                    reference: Some(
                        payment
                            .reference
                            .clone()
                            .unwrap_or_else(|| payment.receipt_number.clone()),
                    ),
                    reason: format!("overpaid: {}", payment.receipt_number),
                    refunded_on: crate::today(),
                    refunded_by: actor.staff_id,
                })
            }
            Keep::Value(_) => {
                return Err(DomainError::InvalidFormat {
                    field: "resolution",
                    value: "value".into(),
                }
                .into());
            }
        };
        let choice = if refund.is_some() {
            Choice::Theirs
        } else {
            Choice::Mine
        };
        self.store
            .settle_review(actor.staff_id, view.id, choice, |w| {
                if let Some(refund) = &refund {
                    w.record_refund(refund)?;
                    w.record_audit(&crate::fees::audited(
                        actor,
                        "invoice.refunded",
                        format!(
                            "{} for {} ({})",
                            refund.number, payment.receipt_number, refund.amount
                        ),
                    ))?;
                }
                Ok(())
            })?;
        let settled = self
            .store
            .conflict(view.id)?
            .ok_or_else(|| Failure::UnknownConflict(view.id.to_string()))?;
        Ok(ConflictView::of(settled, self.store.device_id()))
    }

    /// Changes the cloud refused, with the reason.
    pub fn rejected_changes(&self) -> Result<Vec<Rejected>> {
        Ok(self.store.rejected()?)
    }

    /// Queue refused changes again (their cause fixed); they go with the next sync.
    pub fn retry_rejected(&mut self) -> Result<usize> {
        Ok(self.store.retry_rejected()?)
    }

    /// Signs this device out. Changes not yet in the cloud are never lost: without `export`
    /// it refuses while there are any; with it (the person's explicit choice) they are
    /// written there first (one JSON object a line), then taken off this desktop, whose
    /// records return to the cloud's version at the next sync.
    pub fn disconnect(&mut self, export: Option<&Path>) -> Result<usize> {
        let account = self.account()?.ok_or(SyncError::NotConnected)?;
        let unsynced = self.store.unsynced()?;
        if !unsynced.is_empty() {
            let Some(path) = export else {
                return Err(Failure::UnsyncedChanges(unsynced.len() as i64));
            };
            let mut text = String::new();
            for entry in &unsynced {
                text.push_str(
                    &serde_json::to_string(entry).map_err(daftar_store::StoreError::from)?,
                );
                text.push('\n');
            }
            crate::printing::write_atomically(path, text.as_bytes())?;
        }
        let engine = self.engine(&account.server)?;
        block_on(engine.sign_out())??;
        if !unsynced.is_empty() {
            self.store.discard_unsynced()?;
        }
        Account::forget(&mut self.store)?;
        Ok(unsynced.len())
    }
}
