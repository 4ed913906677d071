//! Announcements: those the actor should see, newest first (a teacher: the school's and
//! their own classrooms'), and posting one: to everyone (staff and families), to staff
//! only, or to the families of the school, of a grade or of a classroom, whom the cloud
//! then tells by SMS and email.

use daftar_domain::*;
use serde::Deserialize;
use uuid::Uuid;

use crate::session::today;
use crate::{App, Result};

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnnouncementInput {
    pub title_ar: String,
    pub title_en: String,
    pub body_ar: String,
    pub body_en: String,
    /// Who it is for: everyone when not given.
    #[serde(default)]
    pub audience: Option<Audience>,
    /// The grade (audience `grade`) or classroom (audience `classroom`) whose families.
    #[serde(default)]
    pub grade_id: Option<Uuid>,
    #[serde(default)]
    pub classroom_id: Option<Uuid>,
}

impl App {
    /// Announcements the actor should see, newest first.
    pub fn announcements(&self, actor: &Actor) -> Result<Vec<Announcement>> {
        let reach = self.reach(actor)?;
        let mine = (actor.role == StaffRole::Teacher).then_some(reach.classrooms.as_slice());
        Ok(self.store.announcements_for(mine)?)
    }

    pub fn post_announcement(
        &mut self,
        actor: &Actor,
        input: &AnnouncementInput,
    ) -> Result<Announcement> {
        self.allow(actor, Action::Announce, Target::default())?;
        let announcement = Announcement {
            id: Uuid::now_v7(),
            title_ar: input.title_ar.trim().to_string(),
            title_en: input.title_en.trim().to_string(),
            body_ar: input.body_ar.trim().to_string(),
            body_en: input.body_en.trim().to_string(),
            audience: input.audience.unwrap_or(Audience::Everyone),
            classroom_id: input
                .classroom_id
                .filter(|_| input.audience == Some(Audience::Classroom)),
            published_on: today(),
            author_id: actor.staff_id,
            grade_id: input
                .grade_id
                .filter(|_| input.audience == Some(Audience::Grade)),
        };
        self.store
            .write(actor.staff_id, |w| w.save_announcement(&announcement))?;
        Ok(announcement)
    }
}
