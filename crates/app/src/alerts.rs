//! What the desktop tells its person outside the window after a sync round: a new
//! announcement someone else posted (one alert each, at most three, then a count), and
//! changes of theirs that met a conflict or were refused, pointing at the sync screen. Each
//! is in the window's language; a person can switch them off in Settings.

use daftar_domain::Actor;
use daftar_sync::RoundSummary;
use serde::Serialize;

use crate::{App, Result};

/// One notification for the system's notification area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DesktopAlert {
    pub title: String,
    pub body: String,
}

const ENABLED: &str = "ui.desktop-alerts";
/// The newest announcement already told of (ids are v7 UUIDs: their text sorts by time).
const SEEN: &str = "alerts.announcements-seen";
/// Announcements told one by one before the rest are counted.
const SHOWN: usize = 3;

impl App {
    /// Whether desktop notifications are on (they are unless switched off).
    pub fn desktop_alerts_on(&self) -> Result<bool> {
        Ok(self.store.setting(ENABLED)?.as_deref() != Some("off"))
    }

    /// Switches desktop notifications on or off for this desktop.
    pub fn set_desktop_alerts(&mut self, on: bool) -> Result<bool> {
        self.store
            .set_setting(ENABLED, if on { "on" } else { "off" })?;
        Ok(on)
    }

    /// What to tell the person after `round`: announcements by others new since the last
    /// round (the first time, none: those already there are not news), then conflicts and
    /// refusals. Nothing when switched off.
    pub fn desktop_alerts(
        &mut self,
        actor: &Actor,
        round: &RoundSummary,
    ) -> Result<Vec<DesktopAlert>> {
        let seen = self.store.setting(SEEN)?;
        let announcements = self.announcements(actor)?;
        let newest = announcements.iter().map(|a| a.id.to_string()).max();
        if let Some(newest) = &newest
            && seen.as_deref() < Some(newest.as_str())
        {
            self.store.set_setting(SEEN, newest)?;
        }
        if !self.desktop_alerts_on()? {
            return Ok(Vec::new());
        }
        let mut alerts = Vec::new();
        if let Some(seen) = seen {
            let mut fresh: Vec<_> = announcements
                .iter()
                .filter(|a| a.id.to_string() > seen && a.author_id != actor.staff_id)
                .collect();
            fresh.sort_by_key(|a| a.id);
            let pick = |ar: &str, en: &str| self.pick_name(ar, en);
            for a in fresh.iter().take(SHOWN) {
                alerts.push(DesktopAlert {
                    title: self.messages.message(
                        "alert-announcement",
                        &[("title", pick(&a.title_ar, &a.title_en))],
                    ),
                    body: pick(&a.body_ar, &a.body_en).chars().take(200).collect(),
                });
            }
            if fresh.len() > SHOWN {
                alerts.push(DesktopAlert {
                    title: self.messages.message(
                        "alert-more-announcements",
                        &[("count", (fresh.len() - SHOWN).to_string())],
                    ),
                    body: String::new(),
                });
            }
        }
        for (count, id) in [
            (round.conflicts, "alert-conflicts"),
            (round.rejected, "alert-refused"),
        ] {
            if count > 0 {
                alerts.push(DesktopAlert {
                    title: self.messages.message(id, &[("count", count.to_string())]),
                    body: self.messages.message("alert-see-sync", &[]),
                });
            }
        }
        Ok(alerts)
    }
}
