//! The sync protocol between a desktop and its school's cloud: versioned wire types, the
//! checks every pushed value must pass, and the pure rules by which the server applies a
//! mutation (column-level merge, conflicts decided by hybrid logical clock). No I/O, so the
//! client's simulation runs the very rules the server runs.

pub mod merge;
pub mod values;
pub mod wire;

pub use merge::{Decision, OVERPAID, StoredRow, apply_mutation, is_review_only};
pub use values::{MAX_TEXT_BYTES, ValueError, canonical_value, check_changes};
pub use wire::*;

/// The protocol this build speaks. Bumped when a wire type changes incompatibly.
pub const PROTOCOL_VERSION: u32 = 1;
/// The oldest client protocol the server still accepts; older ones are told to update.
pub const MIN_PROTOCOL_VERSION: u32 = 1;
/// The HTTP header that carries the protocol version on every request and response.
pub const PROTOCOL_HEADER: &str = "daftar-protocol";
