//! A session at a desktop: who is at the desk and what their role lets them do, the first
//! run (a demo school, explored as any role), the dashboard, the classrooms the actor works
//! with, and the window's own settings (language, digits).

use chrono::{Local, NaiveDate};
use daftar_domain::policy;
use daftar_domain::*;
use daftar_store::{AttendanceDay, ClassroomSummary, FeeTotals};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::sync::SyncOverview;
use crate::{Account, App, DemoOptions, Failure, Result, StudentSearch};

/// The person at this desktop.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Me {
    pub staff_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub role: StaffRole,
    /// What the role lets them do at all (a teacher: on their own classrooms).
    pub actions: Vec<Action>,
    /// The classrooms of the current year they work with (a teacher: their own; others:
    /// all).
    pub classrooms: Vec<Uuid>,
}

/// How numbers are written on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    #[default]
    Western,
    ArabicIndic,
}

/// What the window needs to draw itself at start.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Session {
    pub school: Option<School>,
    pub year: Option<AcademicYear>,
    pub me: Option<Me>,
    /// A demo school: it may be explored as any role.
    pub demo: bool,
    pub account: Option<Account>,
    pub language: String,
    pub digits: Digits,
    pub today: NaiveDate,
    pub data_dir: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    pub today: NaiveDate,
    /// The latest school day with registers taken (today once any is).
    pub attendance: Option<AttendanceDay>,
    /// Present or late, of those marked, in percent.
    pub attendance_rate: Option<f64>,
    pub fees: Option<FeeTotals>,
    pub currency: String,
    pub minor_digits: u8,
    pub students: i64,
    pub sync: SyncOverview,
    /// What the school still has to set up (for those who run it; empty once done).
    pub setup: Vec<crate::SetupStep>,
}

/// Today on this desktop's clock, in its time zone.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

impl App {
    /// The actor as the window shows them: their staff record's name, what their role lets
    /// them do, and the classrooms they work with. `None` before there is a school.
    pub fn me(&self, actor: &Actor) -> Result<Option<Me>> {
        if self.store.school()?.is_none() {
            return Ok(None);
        }
        let staff: Option<Staff> = self.store.find(actor.staff_id)?;
        let classrooms = match self.store.current_year()? {
            Some(_) if actor.role == StaffRole::Teacher => self.reach(actor)?.classrooms,
            Some(year) => self.store.classroom_ids(year.id)?,
            None => Vec::new(),
        };
        Ok(Some(Me {
            staff_id: actor.staff_id,
            name_ar: staff
                .as_ref()
                .map(|s| s.name_ar.clone())
                .unwrap_or_default(),
            name_en: staff
                .as_ref()
                .map(|s| s.name_en.clone())
                .unwrap_or_default(),
            role: actor.role,
            actions: Action::ALL
                .into_iter()
                .filter(|a| policy::may(actor.role, *a))
                .collect(),
            classrooms,
        }))
    }

    pub fn session(&self, actor: &Actor) -> Result<Session> {
        let school = self.store.school()?;
        Ok(Session {
            year: self.store.current_year()?,
            me: self.me(actor)?,
            demo: self.store.setting("demo")?.as_deref() == Some("true"),
            account: self.account()?,
            language: self.messages.lang().to_string(),
            digits: self.digits()?,
            today: today(),
            data_dir: self.data_dir.display().to_string(),
            school,
        })
    }

    pub fn digits(&self) -> Result<Digits> {
        Ok(match self.store.setting("ui.digits")?.as_deref() {
            Some("arabic-indic") => Digits::ArabicIndic,
            _ => Digits::Western,
        })
    }

    pub fn set_digits(&mut self, digits: Digits) -> Result<Digits> {
        let text = match digits {
            Digits::Western => "western",
            Digits::ArabicIndic => "arabic-indic",
        };
        self.store.set_setting("ui.digits", text)?;
        Ok(digits)
    }

    /// The language this desktop was last used in, if it was chosen.
    pub fn saved_language(&self) -> Result<Option<String>> {
        Ok(self.store.setting("ui.language")?)
    }

    /// Switches the messages (errors included) to `lang` and remembers it.
    pub fn choose_language(&mut self, lang: &str) -> Result<String> {
        let messages = daftar_i18n::Localizer::new(lang, true)
            .map_err(|_| Failure::UnknownLanguage(lang.chars().take(10).collect()))?;
        self.store.set_setting("ui.language", messages.lang())?;
        self.messages = messages;
        Ok(self.messages.lang().to_string())
    }

    /// The first run's "explore offline": a demo school of this year up to yesterday,
    /// explored as its first member of staff with `role`. The new session's actor follows
    /// from [`App::actor`].
    pub fn explore_demo(&mut self, role: StaffRole) -> Result<Actor> {
        if self.store.school()?.is_none() {
            self.create_demo(DemoOptions::as_of(today(), 480, 7))?;
        }
        self.explore_as(role)
    }

    /// On a demo school, be a member of staff with `role`: a new session.
    pub fn explore_as(&mut self, role: StaffRole) -> Result<Actor> {
        if self.store.setting("demo")?.as_deref() != Some("true") || self.account()?.is_some() {
            return Err(Failure::NotDemo);
        }
        let staff = self
            .store
            .first_staff_with_role(role)?
            .ok_or(Failure::NoStaffWithRole(role))?;
        self.store.set_setting("user_id", &staff.id.to_string())?;
        self.actor()
    }

    /// The current year's classrooms the actor works with (a teacher: their own).
    pub fn classrooms(&self, actor: &Actor) -> Result<Vec<ClassroomSummary>> {
        let year = self.current_year()?;
        let all = self.store.classrooms(year.id)?;
        if actor.role != StaffRole::Teacher {
            return Ok(all);
        }
        let mine = self.reach(actor)?.classrooms;
        Ok(all
            .into_iter()
            .filter(|c| mine.contains(&c.classroom.id))
            .collect())
    }

    pub fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        let me = self.me(actor)?.ok_or(Failure::NoSchool)?;
        let school = self.school()?;
        let today = today();
        let year = self.store.current_year()?;
        let attendance = match self.store.last_register_day(today)? {
            Some(day) => Some(self.store.attendance_day(day, &me.classrooms)?),
            None => None,
        };
        let attendance_rate = attendance.as_ref().and_then(|a| {
            let marked = a.present + a.absent + a.late + a.excused;
            (marked > 0).then(|| (a.present + a.late) as f64 * 100.0 / marked as f64)
        });
        let fees = match &year {
            Some(year) if policy::may(actor.role, Action::ManageFees) => {
                Some(self.store.fee_totals(year.id, today)?)
            }
            _ => None,
        };
        let students = self
            .find_students(
                actor,
                &StudentSearch {
                    limit: 1,
                    status: Some(StudentStatus::Active),
                    ..Default::default()
                },
            )?
            .total;
        Ok(Dashboard {
            today,
            attendance,
            attendance_rate,
            fees,
            currency: school.currency,
            minor_digits: school.currency_minor_digits,
            students,
            sync: self.sync_overview()?,
            setup: self.setup_checklist(actor)?,
        })
    }
}
