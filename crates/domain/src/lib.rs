//! Daftar's domain: what a school's data is, how it is identified, ordered in time and
//! validated. Pure: no I/O, no clock reads except through the injected [`hlc::Clock`].

pub mod calendar;
pub mod entities;
pub mod error;
pub mod fees;
pub mod hlc;
pub mod ids;
pub mod normalize;
pub mod policy;
pub mod setup;
pub mod validate;

pub use calendar::SchoolWeek;
pub use entities::*;
pub use error::{Coded, DomainError};
pub use hlc::{Clock, Hlc, HlcState, ManualClock, SystemClock};
pub use ids::{Author, natural_id, new_id};
pub use normalize::{phone_digits, search_key, western_digits};
pub use policy::{Action, Actor, Grant, Reach, Refusal, Sight, Target};
pub use setup::{BandRange, CalendarDay, DayKind};
