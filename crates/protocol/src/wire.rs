//! What crosses the wire, as JSON: sign-in, push, pull, snapshot, devices, and errors.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// Every error answer: a stable code (the client's Fluent id is `error-<code>`) and an
/// English message for logs and operators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

/// Codes the server answers with, for whole requests and for single mutations.
pub mod codes {
    pub const UPDATE_REQUIRED: &str = "update-required";
    pub const BAD_REQUEST: &str = "bad-request";
    pub const BAD_JSON: &str = "bad-json";
    pub const TOO_LARGE: &str = "too-large";
    pub const NOT_FOUND: &str = "unknown-resource";
    pub const METHOD_NOT_ALLOWED: &str = "method-not-allowed";
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    pub const TOKEN_EXPIRED: &str = "token-expired";
    pub const SESSION_REVOKED: &str = "session-revoked";
    pub const BAD_CREDENTIALS: &str = "bad-credentials";
    pub const ACCOUNT_LOCKED: &str = "account-locked";
    pub const RATE_LIMITED: &str = "rate-limited";
    pub const FORBIDDEN: &str = "forbidden";
    pub const BAD_CURSOR: &str = "bad-cursor";
    pub const UNAVAILABLE: &str = "unavailable";
    pub const INTERNAL: &str = "internal";
    // Per mutation.
    pub const UNKNOWN_TABLE: &str = "unknown-table";
    pub const UNKNOWN_COLUMN: &str = "unknown-column";
    pub const INVALID_VALUE: &str = "invalid-value";
    pub const INCOMPLETE_ROW: &str = "incomplete-row";
    pub const UNKNOWN_ROW: &str = "unknown-row";
    pub const BAD_BASE_VERSION: &str = "bad-base-version";
    pub const BAD_HLC: &str = "bad-hlc";
    pub const INVALID_RECORD: &str = "invalid-record";
    pub const MISSING_REFERENCE: &str = "missing-reference";
    pub const DUPLICATE: &str = "duplicate";
    pub const OUT_OF_SCOPE: &str = "out-of-scope";
    /// Marks or an assessment of a term whose marks an administrator locked.
    pub const TERM_LOCKED: &str = "term-locked";
    /// An administrator set this account's password: the person must choose their own.
    pub const PASSWORD_CHANGE_REQUIRED: &str = "password-change-required";
    pub const WEAK_PASSWORD: &str = "weak-password";

    /// Every code, so the client can prove it has a message for each.
    pub const ALL: &[&str] = &[
        UPDATE_REQUIRED,
        BAD_REQUEST,
        BAD_JSON,
        TOO_LARGE,
        NOT_FOUND,
        METHOD_NOT_ALLOWED,
        UNAUTHENTICATED,
        TOKEN_EXPIRED,
        SESSION_REVOKED,
        BAD_CREDENTIALS,
        ACCOUNT_LOCKED,
        RATE_LIMITED,
        FORBIDDEN,
        BAD_CURSOR,
        UNAVAILABLE,
        INTERNAL,
        UNKNOWN_TABLE,
        UNKNOWN_COLUMN,
        INVALID_VALUE,
        INCOMPLETE_ROW,
        UNKNOWN_ROW,
        BAD_BASE_VERSION,
        BAD_HLC,
        INVALID_RECORD,
        MISSING_REFERENCE,
        DUPLICATE,
        OUT_OF_SCOPE,
        TERM_LOCKED,
        PASSWORD_CHANGE_REQUIRED,
        WEAK_PASSWORD,
    ];
}

/// What a signed-in person may do: the domain's one role enum, which the policy decides by.
pub use daftar_domain::StaffRole as Role;

/// `POST /v1/auth/login`: a person signs in on a device, which opens a device session.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The school's short name on this server.
    pub tenant: String,
    pub username: String,
    pub password: String,
    /// The desktop's own id (its store's device id); mutations are remembered per device.
    pub device_id: Uuid,
    pub device_name: String,
}

/// The answer to a login or a refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub role: Role,
    /// The staff record of this person, which decides a teacher's classrooms.
    pub staff_id: Option<Uuid>,
    pub access_token: String,
    /// Seconds since the Unix epoch after which the access token is refused.
    pub access_expires_at: i64,
    /// Long-lived and revocable; the desktop keeps it in the OS keyring.
    pub refresh_token: String,
    /// The password was set by an administrator: the person chooses their own before
    /// anything else (`POST /v1/auth/password`).
    #[serde(default)]
    pub must_change_password: bool,
}

/// A school's account as its administrators see it in `GET /v1/accounts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountInfo {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    pub staff_id: Option<Uuid>,
    pub disabled: bool,
    pub must_change_password: bool,
    /// Locked out after too many wrong passwords, for now.
    pub locked: bool,
    pub created_at: String,
    /// Devices signed in as this account now.
    pub devices: i64,
}

/// `POST /v1/accounts`: a colleague's account, with a one-time password (10 characters or
/// more) that they replace at their first sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    pub username: String,
    pub role: Role,
    /// Their staff record; a teacher's decides their classrooms.
    pub staff_id: Option<Uuid>,
    pub password: String,
}

/// `POST /v1/accounts/{id}`: what changes about an account (the rest stays).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct AccountChange {
    pub role: Option<Role>,
    pub staff_id: Option<Uuid>,
    /// Disabling signs every device of the account out.
    pub disabled: Option<bool>,
    /// A new one-time password (an administrator's reset): every device is signed out.
    pub password: Option<String>,
    /// Signs every device of the account out, nothing else changing.
    pub sign_out: bool,
}

/// `POST /v1/auth/password`: a person replaces their own password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

/// One change of a record as the cloud's audit log keeps it (`GET /v1/audit?table=&row=`):
/// who, from which device, when, and each column old → new.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditRecord {
    pub at: String,
    pub username: String,
    pub device_id: Uuid,
    pub version: i64,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub old: serde_json::Map<String, serde_json::Value>,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub new: serde_json::Map<String, serde_json::Value>,
}

/// One entry of a school's account history (`GET /v1/accounts/history`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountEvent {
    pub at: String,
    pub by: String,
    pub username: String,
    pub action: String,
    pub detail: String,
}

/// `POST /v1/auth/refresh`: a new access token (and a new refresh token, the old one spent).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// One local change, as the desktop's outbox recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    pub mutation_id: Uuid,
    pub table: String,
    pub row_id: Uuid,
    /// The row version the change was made on; 0 for a row the device created.
    pub base_version: i64,
    /// Only the columns that changed; `deleted: true` makes the row a tombstone.
    pub changes: Map<String, Value>,
    /// The hybrid logical clock stamp of the change.
    pub hlc: String,
}

/// `POST /v1/sync/push`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub mutations: Vec<Mutation>,
}

/// The most mutations one push may carry.
pub const MAX_PUSH_MUTATIONS: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// One result per mutation, in the order sent.
    pub results: Vec<MutationResult>,
    /// The tenant's change sequence after this push.
    pub head: i64,
    /// The change sequence before it: every change in (`from`, `head`] is this push's own,
    /// so a device that had pulled up to `from` holds them all once it applies the results.
    /// Absent from older servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MutationResult {
    pub mutation_id: Uuid,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What became of one mutation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// Made on the row's current version: every changed column now has `version`.
    Applied { version: i64 },
    /// Made on an older version, touching only columns nobody else changed since:
    /// `row` is the row as it now stands.
    Merged { version: i64, row: Row },
    /// Some column was changed on both sides. Each conflict names its winner; the loser's
    /// value is kept by the server (and shown to people) for review.
    Conflict {
        version: i64,
        row: Row,
        conflicts: Vec<ColumnConflict>,
    },
    /// Refused; nothing was applied. The client keeps the mutation and shows the reason.
    Rejected { code: String, reason: String },
}

impl Outcome {
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Applied { .. } => "applied",
            Outcome::Merged { .. } => "merged",
            Outcome::Conflict { .. } => "conflict",
            Outcome::Rejected { .. } => "rejected",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The pushed mutation's value.
    Mine,
    /// The value the server already had.
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnConflict {
    pub column: String,
    pub mine: Value,
    pub theirs: Value,
    /// Who last changed the server's value (`user/device`) and when (HLC).
    pub theirs_by: String,
    pub theirs_hlc: String,
    pub winner: Side,
}

/// A row as the server holds it, with its sync columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub table: String,
    pub id: Uuid,
    pub version: i64,
    /// Every column of the table (including `id`), canonical values.
    pub values: Map<String, Value>,
    pub col_versions: BTreeMap<String, i64>,
    pub hlc: String,
    pub updated_by: String,
    pub deleted: bool,
}

/// `GET /v1/sync/pull?cursor=N&limit=M`: rows changed after `cursor`, oldest change first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub rows: Vec<Row>,
    /// Pass this back as the next cursor.
    pub cursor: i64,
    /// More rows wait after `cursor`.
    pub more: bool,
    /// A fingerprint of what this device may see; when it changes (a teacher given a new
    /// classroom), rows the device could not see before need a fresh snapshot.
    pub scope: String,
    /// Conflicts recorded or resolved in the same span of the change sequence, on rows this
    /// device may see: each device shows them for review, whoever pushed.
    #[serde(default)]
    pub conflicts: Vec<ConflictRecord>,
}

/// A conflict as the server keeps it: a column changed on two devices, both values, who and
/// when, which value won, and whether a person has settled it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictRecord {
    /// [`conflict_id`] of the mutation and the column, so every device names it alike.
    pub id: Uuid,
    pub table: String,
    pub row_id: Uuid,
    pub column: String,
    /// The value of the mutation that met the conflict, by `mine_by` at `mine_hlc`.
    pub mine: Value,
    pub mine_by: String,
    pub mine_hlc: String,
    /// The value it met.
    pub theirs: Value,
    pub theirs_by: String,
    pub theirs_hlc: String,
    pub winner: Side,
    /// When the server recorded it (RFC 3339).
    pub at: String,
    /// The change-sequence value of its last change.
    pub version: i64,
    /// `None` while open; else how it was settled.
    pub resolution: Option<Choice>,
    pub resolved_by: Option<String>,
}

/// How a person settled a conflict: the value that ended up in the row was this side's, or
/// one they entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    Mine,
    Theirs,
    Value,
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Mine => "mine",
            Choice::Theirs => "theirs",
            Choice::Value => "value",
        }
    }
}

/// The id of the conflict a mutation met on a column: the same on the server and on the
/// device that pushed, however often the push is repeated.
pub fn conflict_id(mutation_id: Uuid, column: &str) -> Uuid {
    const NAMESPACE: Uuid = Uuid::from_u128(0x6d1c_58a2_9f1e_4b7a_8e0d_3c55_0a1f_c0de);
    Uuid::new_v5(&NAMESPACE, format!("{mutation_id}/{column}").as_bytes())
}

/// `POST /v1/sync/resolve`: conflicts a person settled on this device. The value they chose
/// travels as an ordinary mutation; this marks the conflicts settled for everyone.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    pub resolutions: Vec<Resolution>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub conflict_id: Uuid,
    pub choice: Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolveResponse {
    /// Conflicts this request settled; ones already settled (by anyone) are left as they were.
    pub resolved: usize,
    /// Conflicts not found or not visible to this person.
    pub unknown: Vec<Uuid>,
}

/// The most rows one pull page may carry.
pub const MAX_PULL_LIMIT: i64 = 5_000;
pub const DEFAULT_PULL_LIMIT: i64 = 1_000;

/// The first line of `GET /v1/sync/snapshot`, which streams every visible row of the
/// school as one JSON [`Row`] per line (parents before children), then ends. Pull from
/// `cursor` afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotHeader {
    pub cursor: i64,
    /// How many row lines follow, for progress.
    pub rows: i64,
    pub scope: String,
}

/// The response header of `GET /v1/sync/image` carrying its [`ImageHeader`] as JSON.
pub const IMAGE_HEADER: &str = "daftar-image";

/// What `GET /v1/sync/image?schema=N` sends when the cloud has a ready image of the school
/// for that desktop schema: the school as a desktop database file (zstd content-encoded), cut
/// at `cursor`. A desktop with nothing of its own yet adopts it whole and pulls from
/// `cursor`; without one (`204 No Content`) it streams the snapshot instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageHeader {
    pub cursor: i64,
    /// Rows of the school in the file (tombstones included), for progress and a check.
    pub rows: i64,
    pub scope: String,
    /// The file's size once decompressed, in bytes.
    pub size: u64,
}

/// One device session, as an administrator sees it in `GET /v1/devices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeviceSession {
    pub session_id: Uuid,
    pub device_id: Uuid,
    pub device_name: String,
    pub user_id: Uuid,
    pub username: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub revoked: bool,
    /// Why the session ended when the cloud ended it itself: `refresh-token-reuse` when a
    /// spent refresh token was replayed after its grace period (a stolen copy).
    #[serde(default)]
    pub revoked_reason: Option<String>,
}

/// The states a message to a guardian can be in, as the cloud's queue names them.
pub const NOTIFICATION_STATES: [&str; 8] = [
    "queued",
    "sending",
    "sent",
    "delivered",
    "failed",
    "dead",
    "cancelled",
    "digested",
];

/// How many of a school's messages to guardians are in one state on one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotificationCount {
    pub channel: String,
    pub state: String,
    pub count: i64,
}

/// One message to a guardian as the school's administrators see it: what and to whom (the
/// guardian, never the number or address), where it stands and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotificationEntry {
    pub id: Uuid,
    pub kind: String,
    pub channel: String,
    pub state: String,
    pub attempts: i32,
    pub reason: Option<String>,
    pub guardian_id: Uuid,
    pub student_id: Option<Uuid>,
    pub subject: String,
    pub created_at: String,
    pub updated_at: String,
}

/// `GET /v1/notifications?state=`: the counts per channel and state, and the latest
/// messages (of one state when asked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotificationList {
    pub counts: Vec<NotificationCount>,
    pub messages: Vec<NotificationEntry>,
    /// Guardians who asked for no more messages on a channel.
    pub opt_outs: Vec<OptOut>,
}

/// `POST /v1/notifications/redrive`: dead or failed messages queued again, attempts anew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Redrive {
    pub ids: Vec<Uuid>,
}

/// A guardian's choice about a channel (`POST /v1/notifications/opt-outs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OptOut {
    pub guardian_id: Uuid,
    pub channel: String,
    pub opted_out: bool,
}

/// `POST /v1/notifications/report-cards`: a term's report cards published, for the school or
/// one classroom; its guardians are told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PublishReportCards {
    pub term_id: Uuid,
    pub classroom_id: Option<Uuid>,
}

/// How many messages a request queued or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Changed {
    pub changed: u64,
}
