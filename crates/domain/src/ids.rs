//! Row identity: time-ordered UUIDv7 for new rows, UUIDv5 of the natural key where one exists
//! so two offline desktops creating "the same" record create the same row.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Namespace for Daftar's natural-key ids. Fixed forever: changing it would split every
/// natural-key row in every school into two.
pub const NATURAL_KEY_NAMESPACE: Uuid = Uuid::from_u128(0x6a1c_2f4e_9d3b_5b7a_8c41_0e5f_d0a7_b3c2);

/// A fresh id for a row without a natural key.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The id of a row identified by its natural key: the kind of row and its key parts.
/// `natural_id("attendance", &[student, date, period])` is the same on every device.
pub fn natural_id(kind: &str, parts: &[&str]) -> Uuid {
    let mut key =
        String::with_capacity(kind.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>());
    key.push_str(kind);
    for part in parts {
        key.push('\u{1f}');
        key.push_str(part);
    }
    Uuid::new_v5(&NATURAL_KEY_NAMESPACE, key.as_bytes())
}

/// Who makes a change, and on which device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub user_id: Uuid,
    pub device_id: Uuid,
}

impl Author {
    /// The `updated_by` value of a synced row.
    pub fn stamp(&self) -> String {
        format!("{}/{}", self.user_id, self.device_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_ids_are_stable_and_distinct() {
        let a = natural_id("attendance", &["s1", "2026-01-04", "0"]);
        assert_eq!(a, natural_id("attendance", &["s1", "2026-01-04", "0"]));
        assert_eq!(a.get_version_num(), 5);
        assert_ne!(a, natural_id("attendance", &["s1", "2026-01-04", "1"]));
        // Parts are separated, so shifting characters between parts changes the id.
        assert_ne!(natural_id("x", &["ab", "c"]), natural_id("x", &["a", "bc"]));
        assert_ne!(
            natural_id("result", &["a", "b"]),
            natural_id("enrollment", &["a", "b"])
        );
    }

    #[test]
    fn new_ids_are_v7_and_increase() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.get_version_num(), 7);
        assert!(b > a);
    }
}
