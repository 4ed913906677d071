//! Hybrid logical clock: stamps that order changes across devices even when a PC's clock
//! is wrong by hours, with the time source injected so sync can be simulated.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// A source of wall-clock time in milliseconds since the Unix epoch.
pub trait Clock: Send + Sync {
    fn now_millis(&self) -> u64;
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> u64 {
        let now = chrono::Utc::now().timestamp_millis();
        u64::try_from(now).unwrap_or(0)
    }
}

/// A clock that only moves when told: for tests and simulations.
#[derive(Debug, Default)]
pub struct ManualClock(AtomicU64);

impl ManualClock {
    pub fn new(millis: u64) -> Self {
        Self(AtomicU64::new(millis))
    }
    pub fn set(&self, millis: u64) {
        self.0.store(millis, Ordering::SeqCst);
    }
    pub fn advance(&self, millis: u64) {
        self.0.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_millis(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// One stamp: wall time, a counter for events in the same millisecond (or while the wall
/// clock lags a stamp already seen), and the device that made it, which breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub millis: u64,
    pub counter: u32,
    pub node: Uuid,
}

impl Hlc {
    pub const ZERO: Hlc = Hlc {
        millis: 0,
        counter: 0,
        node: Uuid::nil(),
    };
}

/// Fixed-width hex so that the text form sorts exactly like the stamp itself.
impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:012x}-{:06x}-{}",
            self.millis,
            self.counter,
            self.node.simple()
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a hybrid logical clock stamp: {0:?}")]
pub struct ParseHlcError(pub String);

impl FromStr for Hlc {
    type Err = ParseHlcError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseHlcError(s.chars().take(80).collect());
        let mut parts = s.splitn(3, '-');
        let (Some(m), Some(c), Some(n)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if m.len() != 12 || c.len() != 6 || n.len() != 32 {
            return Err(bad());
        }
        Ok(Hlc {
            millis: u64::from_str_radix(m, 16).map_err(|_| bad())?,
            counter: u32::from_str_radix(c, 16).map_err(|_| bad())?,
            node: Uuid::parse_str(n).map_err(|_| bad())?,
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The last stamp a device issued or saw; every new stamp is greater than it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HlcState {
    last: Hlc,
}

impl HlcState {
    pub fn new(node: Uuid, last: Option<Hlc>) -> Self {
        Self {
            last: last.unwrap_or(Hlc { node, ..Hlc::ZERO }),
        }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A stamp for a local change happening at wall time `now`.
    pub fn tick(&mut self, now: u64) -> Hlc {
        let node = self.last.node;
        self.last = if now > self.last.millis {
            Hlc {
                millis: now,
                counter: 0,
                node,
            }
        } else {
            Hlc {
                millis: self.last.millis,
                counter: self.last.counter + 1,
                node,
            }
        };
        self.last
    }

    /// Take a stamp received from elsewhere into account so later local stamps follow it.
    pub fn observe(&mut self, remote: Hlc, now: u64) {
        let node = self.last.node;
        let millis = now.max(self.last.millis).max(remote.millis);
        let counter = if millis == self.last.millis && millis == remote.millis {
            self.last.counter.max(remote.counter) + 1
        } else if millis == self.last.millis {
            self.last.counter + 1
        } else if millis == remote.millis {
            remote.counter + 1
        } else {
            0
        };
        self.last = Hlc {
            millis,
            counter,
            node,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn ticks_increase_even_when_the_wall_clock_goes_back() {
        let mut state = HlcState::new(node(1), None);
        let a = state.tick(1_000);
        let b = state.tick(1_000);
        let c = state.tick(500); // clock set back by the user
        let d = state.tick(2_000);
        assert!(a < b && b < c && c < d, "{a} {b} {c} {d}");
        assert_eq!(c.millis, 1_000);
        assert_eq!(
            d,
            Hlc {
                millis: 2_000,
                counter: 0,
                node: node(1)
            }
        );
    }

    #[test]
    fn observing_a_stamp_from_a_fast_clock_keeps_local_stamps_after_it() {
        let mut state = HlcState::new(node(1), None);
        state.tick(1_000);
        let remote = Hlc {
            millis: 9_000_000,
            counter: 4,
            node: node(2),
        };
        state.observe(remote, 1_001);
        let next = state.tick(1_002);
        assert!(next > remote);
    }

    #[test]
    fn text_form_round_trips_and_sorts_like_the_stamp() {
        let stamps = [
            Hlc {
                millis: 5,
                counter: 0,
                node: node(9),
            },
            Hlc {
                millis: 5,
                counter: 1,
                node: node(1),
            },
            Hlc {
                millis: 1_700_000_000_000,
                counter: 0,
                node: node(1),
            },
        ];
        let mut texts: Vec<String> = stamps.iter().map(Hlc::to_string).collect();
        texts.sort();
        let parsed: Vec<Hlc> = texts.iter().map(|t| t.parse().unwrap()).collect();
        assert_eq!(parsed, stamps);
        assert!("nonsense".parse::<Hlc>().is_err());
        assert!("000000000005-000000-zz".parse::<Hlc>().is_err());
    }
}
