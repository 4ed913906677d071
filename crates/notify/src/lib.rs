//! What Daftar tells guardians, and the rules of telling them, without any I/O: each kind of
//! message with its priority, written in the guardian's language from Fluent
//! (`locales/*/notify.ftl`, with Arabic plurals) as a subject, a text body and an HTML body;
//! an SMS's length in GSM-7 or UCS-2 segments; quiet hours; and retries with backoff and
//! jitter until a message is dead. The cloud's queue and providers build on these.

pub mod messages;
pub mod rules;
pub mod sms;

pub use messages::{Gathered, Kind, Message, digest, escape, render, with_unsubscribe};
pub use rules::{Delivery, Outcome, QuietHours, retry_delay};
pub use sms::{Encoding, Segments, TooLong, check_sms, segments};
