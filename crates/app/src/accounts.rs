//! The school's cloud accounts from a connected desktop, for those who run the school (the
//! one policy decides, and the cloud decides again): listing them, a colleague's account
//! with a one-time password, a role or staff record changed, disabling, a password reset,
//! an account's devices signed out, the account history; and the person at the desk
//! replacing the password an administrator set for them. Each needs the cloud: offline
//! they say so.

use daftar_protocol::{AccountChange, AccountEvent, AccountInfo, DeviceSession, NewAccount};
use daftar_sync::SyncError;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::sync::block_on;
use crate::{App, Result};
use daftar_domain::{Action, Actor, Target};

impl App {
    /// One call of the cloud's API beyond sync, as this device's account.
    pub(crate) fn cloud_call<R: DeserializeOwned + Send>(
        &self,
        path: &str,
        body: Option<Value>,
    ) -> Result<Option<R>> {
        let account = self.account()?.ok_or(SyncError::NotConnected)?;
        let engine = self.engine(&account.server)?;
        let work = engine.authorized(|token| {
            let transport = engine.transport().clone();
            let body = body.clone();
            let path = path.to_string();
            async move { transport.call_json::<R>(&token, &path, body.as_ref()).await }
        });
        Ok(block_on(work)??)
    }

    /// The school's cloud accounts.
    pub fn cloud_accounts(&self, actor: &Actor) -> Result<Vec<AccountInfo>> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        Ok(self.cloud_call("/accounts", None)?.unwrap_or_default())
    }

    /// A colleague's account, with a one-time password they replace at first sign-in.
    pub fn create_account(&self, actor: &Actor, new: &NewAccount) -> Result<AccountInfo> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let body = serde_json::to_value(new).map_err(daftar_store::StoreError::from)?;
        self.cloud_call("/accounts", Some(body))?
            .ok_or_else(|| SyncError::Offline("no answer".into()).into())
    }

    /// Changes an account: its role or staff record, disabled, a one-time password, or
    /// its devices signed out.
    pub fn change_account(
        &self,
        actor: &Actor,
        id: Uuid,
        change: &AccountChange,
    ) -> Result<AccountInfo> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let body = serde_json::to_value(change).map_err(daftar_store::StoreError::from)?;
        self.cloud_call(&format!("/accounts/{id}"), Some(body))?
            .ok_or_else(|| SyncError::Offline("no answer".into()).into())
    }

    /// The school's device sessions, newest first: who is signed in where.
    pub fn cloud_devices(&self, actor: &Actor) -> Result<Vec<DeviceSession>> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        Ok(self.cloud_call("/devices", None)?.unwrap_or_default())
    }

    /// Signs one device out at once (its next call is refused; it must sign in again).
    pub fn sign_device_out(&self, actor: &Actor, session: Uuid) -> Result<()> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        self.cloud_call::<Value>(&format!("/devices/{session}/revoke"), Some(json!({})))?;
        Ok(())
    }

    /// The school's account changes, newest first.
    pub fn account_history(&self, actor: &Actor) -> Result<Vec<AccountEvent>> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        Ok(self
            .cloud_call("/accounts/history", None)?
            .unwrap_or_default())
    }

    /// Replaces the password of the account this device is signed in as; syncing may
    /// then go on.
    pub fn change_password(&mut self, current: &str, new: &str) -> Result<()> {
        let body = json!({ "current": current, "new": new });
        self.cloud_call::<Value>("/auth/password", Some(body))?;
        if let Some(mut account) = self.account()? {
            account.must_change_password = false;
            account.save(&mut self.store)?;
        }
        Ok(())
    }
}
