//! When a message may go and what becomes of it: a school's quiet hours hold messages until
//! they end; a transient failure is tried again after a doubling delay with jitter, a
//! permanent one (a bad number, a bounced address) is not, and after the last attempt a
//! message is dead, with its reason.

use std::time::Duration;

use chrono::{NaiveDateTime, NaiveTime};

/// A school's quiet hours, in its local time; they may run past midnight (21:00–07:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    /// Whether `at` falls in them.
    pub fn holds(&self, at: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start <= at && at < self.end
        } else {
            at >= self.start || at < self.end
        }
    }

    /// The first moment at or after `at` (local) that is outside them.
    pub fn release(&self, at: NaiveDateTime) -> NaiveDateTime {
        if !self.holds(at.time()) {
            return at;
        }
        let today_end = at.date().and_time(self.end);
        if today_end > at {
            today_end
        } else {
            today_end + chrono::Days::new(1)
        }
    }
}

/// The wait before attempt `attempt + 1` after `attempt` failed ones: `base` doubling, at most
/// `max`, less up to half of it by `jitter` (0 to 1, drawn by the caller) so that many
/// messages failing together do not retry together.
pub fn retry_delay(attempt: u32, base: Duration, max: Duration, jitter: f64) -> Duration {
    let doubled = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
    doubled.min(max).mul_f64(1.0 - jitter.clamp(0.0, 1.0) / 2.0)
}

/// What a provider said of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted, under the provider's own id.
    Accepted { provider_id: String },
    /// Worth trying again: a timeout, a 5xx, a refused connection.
    Transient(String),
    /// Never worth trying again: a number that does not exist, an address that bounced.
    Permanent(String),
}

/// Where a message goes after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent {
        provider_id: String,
    },
    /// Queued again, to be tried after the delay.
    Retry {
        after: Duration,
        reason: String,
    },
    Failed {
        reason: String,
    },
    Dead {
        reason: String,
    },
}

impl Delivery {
    /// After attempt number `attempts` (from 1) of at most `max_attempts`.
    pub fn after(
        outcome: Outcome,
        attempts: u32,
        max_attempts: u32,
        base: Duration,
        max: Duration,
        jitter: f64,
    ) -> Delivery {
        match outcome {
            Outcome::Accepted { provider_id } => Delivery::Sent { provider_id },
            Outcome::Permanent(reason) => Delivery::Failed { reason },
            Outcome::Transient(reason) if attempts >= max_attempts => Delivery::Dead { reason },
            Outcome::Transient(reason) => Delivery::Retry {
                after: retry_delay(attempts, base, max, jitter),
                reason,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn quiet_hours_hold_messages_until_they_end_even_past_midnight() {
        let night = QuietHours {
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
        };
        assert_eq!(night.release(at(12, 0)), at(12, 0));
        assert_eq!(night.release(at(22, 30)), at(7, 0) + chrono::Days::new(1));
        assert_eq!(night.release(at(5, 0)), at(7, 0));
        assert_eq!(night.release(at(7, 0)), at(7, 0));
        let lunch = QuietHours {
            start: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
        };
        assert_eq!(lunch.release(at(12, 30)), at(13, 0));
        assert_eq!(lunch.release(at(13, 0)), at(13, 0));
        assert!(!lunch.holds(NaiveTime::from_hms_opt(11, 59, 0).unwrap()));
    }

    #[test]
    fn transient_failures_retry_with_growing_delays_until_dead_and_permanent_ones_stop() {
        let (base, max) = (Duration::from_secs(30), Duration::from_secs(3600));
        assert_eq!(retry_delay(1, base, max, 0.0), Duration::from_secs(30));
        assert_eq!(retry_delay(2, base, max, 0.0), Duration::from_secs(60));
        assert_eq!(retry_delay(4, base, max, 0.0), Duration::from_secs(240));
        assert_eq!(retry_delay(30, base, max, 0.0), max);
        assert_eq!(retry_delay(1, base, max, 1.0), Duration::from_secs(15));
        let try_ = |outcome, attempts| Delivery::after(outcome, attempts, 5, base, max, 0.0);
        assert_eq!(
            try_(Outcome::Transient("timeout".into()), 1),
            Delivery::Retry {
                after: Duration::from_secs(30),
                reason: "timeout".into()
            }
        );
        assert_eq!(
            try_(Outcome::Transient("503".into()), 5),
            Delivery::Dead {
                reason: "503".into()
            }
        );
        assert_eq!(
            try_(Outcome::Permanent("no such number".into()), 1),
            Delivery::Failed {
                reason: "no such number".into()
            }
        );
        assert_eq!(
            try_(
                Outcome::Accepted {
                    provider_id: "m-1".into()
                },
                3
            ),
            Delivery::Sent {
                provider_id: "m-1".into()
            }
        );
    }
}
