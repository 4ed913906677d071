//! What the desktop window asks of a school beyond the CLI's use cases: who is at the desk
//! and which parts of the school their role lets them reach, the first run (a demo school,
//! explored as any role), the dashboard, fees, marks, announcements, backups, and the
//! window's own settings (language, digits).

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Local, NaiveDate, Utc};
use daftar_domain::*;
use daftar_store::{AttendanceDay, FeeTotals, InvoiceDetail, InvoiceQuery, InvoiceRow, Page};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::sync::SyncOverview;
use crate::{Account, App, DemoOptions, Failure, Printed, Result, StudentSearch};

/// A part of the school a role may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// Creating and editing students and guardians.
    Registry,
    Fees,
    /// Taking registers (a teacher: of their own classrooms).
    Attendance,
    /// Entering marks (a teacher: of their own classrooms).
    Marks,
    /// Posting announcements (everyone reads them).
    Announcing,
    /// Printing report cards and registers.
    Printing,
    /// Running the school year: opening the next year, making a year current.
    Administration,
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::Registry,
        Area::Fees,
        Area::Attendance,
        Area::Marks,
        Area::Announcing,
        Area::Printing,
        Area::Administration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::Registry => "registry",
            Area::Fees => "fees",
            Area::Attendance => "attendance",
            Area::Marks => "marks",
            Area::Announcing => "announcing",
            Area::Printing => "printing",
            Area::Administration => "administration",
        }
    }
}

/// Whether `role` may reach `area`: administrators everything; the office the registry
/// (classrooms and enrollment too), fees, registers, announcements and printing; teachers
/// their own classrooms' registers, marks and report cards.
pub fn may(role: StaffRole, area: Area) -> bool {
    match role {
        StaffRole::Admin => true,
        StaffRole::Office => !matches!(area, Area::Marks | Area::Administration),
        StaffRole::Teacher => matches!(area, Area::Attendance | Area::Marks | Area::Printing),
    }
}

/// The person at this desktop.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Me {
    pub user_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub role: StaffRole,
    pub areas: Vec<Area>,
    /// The classrooms of the current year they work with (a teacher: their own; others:
    /// all).
    pub classrooms: Vec<Uuid>,
}

/// How numbers are written on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    #[default]
    Western,
    ArabicIndic,
}

/// What the window needs to draw itself at start.
#[derive(Debug, Clone, Serialize, TS)]
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

#[derive(Debug, Clone, Serialize, TS)]
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
}

/// One student's line on a mark sheet.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MarkRow {
    pub student_id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub mark: Option<f64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MarkSheet {
    pub assessment: Assessment,
    pub subject: Subject,
    pub rows: Vec<MarkRow>,
}

/// A mark as typed: empty clears it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct MarkInput {
    pub student_id: Uuid,
    pub mark: String,
}

/// A payment as the office enters it: the amount in the currency's major units as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PaymentInput {
    pub invoice: String,
    pub amount: String,
    pub method: PaymentMethod,
    #[serde(default)]
    pub paid_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AnnouncementInput {
    pub title_ar: String,
    pub title_en: String,
    pub body_ar: String,
    pub body_en: String,
}

/// A register as the window saves it: every student's mark.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RegisterMarks {
    pub classroom: Uuid,
    pub date: NaiveDate,
    pub marks: Vec<(Uuid, AttendanceStatus)>,
}

/// An amount typed in major units ("1,250.5", "١٢٥٠٫٥") in minor units.
pub fn parse_amount(text: &str, minor_digits: u8) -> Result<i64> {
    let invalid = || Failure::InvalidAmount(text.chars().take(40).collect());
    let western: String = western_digits(text.trim())
        .chars()
        .filter(|c| *c != ',' && *c != '\u{066C}' && !c.is_whitespace())
        .map(|c| if c == '\u{066B}' { '.' } else { c })
        .collect();
    let (whole, fraction) = western.split_once('.').unwrap_or((&western, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > minor_digits as usize
        || whole.len() > 12
    {
        return Err(invalid());
    }
    let scale = 10i64.pow(minor_digits as u32);
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| invalid())?
    };
    let padded = format!("{fraction:0<width$}", width = minor_digits as usize);
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| invalid())?
    };
    let amount = whole * scale + fraction;
    if amount <= 0 {
        return Err(invalid());
    }
    Ok(amount)
}

pub(crate) fn today() -> NaiveDate {
    Local::now().date_naive()
}

impl App {
    /// Who is at this desktop: the connected account's person, or on a demo or local
    /// school the member of staff chosen; an unknown person (a school with no staff yet)
    /// administers it.
    pub fn me(&self) -> Result<Option<Me>> {
        if self.store.school()?.is_none() {
            return Ok(None);
        }
        let user = self.user()?;
        let staff: Option<Staff> = self.store.find(user)?;
        let role = match (self.account()?, &staff) {
            (Some(account), _) => account.role.parse()?,
            (None, Some(staff)) => staff.role,
            (None, None) => StaffRole::Admin,
        };
        let classrooms = match self.store.current_year()? {
            Some(year) if role == StaffRole::Teacher => {
                self.store.teacher_classrooms(user, year.id)?
            }
            Some(year) => self.store.classroom_ids(year.id)?,
            None => Vec::new(),
        };
        Ok(Some(Me {
            user_id: user,
            name_ar: staff
                .as_ref()
                .map(|s| s.name_ar.clone())
                .unwrap_or_default(),
            name_en: staff
                .as_ref()
                .map(|s| s.name_en.clone())
                .unwrap_or_default(),
            role,
            areas: Area::ALL.into_iter().filter(|a| may(role, *a)).collect(),
            classrooms,
        }))
    }

    /// Fails unless the person here may reach `area`.
    pub fn require(&self, area: Area) -> Result<Me> {
        let me = self.me()?.ok_or(Failure::NoSchool)?;
        if may(me.role, area) {
            Ok(me)
        } else {
            Err(Failure::NotAllowed(area.as_str()))
        }
    }

    /// Fails unless the person here works with `classroom`.
    fn require_classroom(&self, area: Area, classroom: Uuid) -> Result<Me> {
        let me = self.require(area)?;
        if me.role == StaffRole::Teacher && !me.classrooms.contains(&classroom) {
            return Err(Failure::NotAllowed(area.as_str()));
        }
        Ok(me)
    }

    pub fn session(&self) -> Result<Session> {
        let school = self.store.school()?;
        Ok(Session {
            year: self.store.current_year()?,
            me: self.me()?,
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

    /// The first run's "explore offline": a demo school of this year up to yesterday.
    pub fn explore_demo(&mut self, role: StaffRole) -> Result<Session> {
        if self.store.school()?.is_none() {
            self.create_demo(DemoOptions::as_of(today(), 480, 7))?;
        }
        self.explore_as(role)
    }

    /// On a demo school, be a member of staff with `role`.
    pub fn explore_as(&mut self, role: StaffRole) -> Result<Session> {
        if self.store.setting("demo")?.as_deref() != Some("true") || self.account()?.is_some() {
            return Err(Failure::NotDemo);
        }
        let staff = self
            .store
            .first_staff_with_role(role)?
            .ok_or(Failure::NotAllowed("explore"))?;
        self.store.set_setting("user_id", &staff.id.to_string())?;
        self.session()
    }

    /// Students the person here may see: a teacher, those of their own classrooms.
    pub fn find_students(&self, search: &StudentSearch) -> Result<Page<daftar_store::StudentHit>> {
        let me = self.me()?.ok_or(Failure::NoSchool)?;
        self.find_students_as(&me, search)
    }

    fn find_students_as(
        &self,
        me: &Me,
        search: &StudentSearch,
    ) -> Result<Page<daftar_store::StudentHit>> {
        let within = (me.role == StaffRole::Teacher).then(|| me.classrooms.clone());
        self.search_students_within(search, within)
    }

    /// A student's profile, if the person here may see the student.
    pub fn student_for_me(&self, key: &str) -> Result<daftar_store::StudentDetail> {
        let me = self.me()?.ok_or(Failure::NoSchool)?;
        let detail = self.student(key)?;
        if me.role == StaffRole::Teacher {
            let year = self.current_year()?;
            let placed = detail.enrollments.iter().any(|e| {
                e.enrollment.year_id == year.id
                    && me.classrooms.contains(&e.enrollment.classroom_id)
            });
            if !placed {
                return Err(Failure::NotAllowed("registry"));
            }
        }
        Ok(detail)
    }

    pub fn edit_student(
        &mut self,
        key: &str,
        fields: &[(String, String)],
    ) -> Result<daftar_store::StudentDetail> {
        self.require(Area::Registry)?;
        self.set_student(key, fields)
    }

    pub fn edit_guardian(&mut self, id: &str, fields: &[(String, String)]) -> Result<Guardian> {
        self.require(Area::Registry)?;
        self.set_guardian(id, fields)
    }

    pub fn dashboard(&self) -> Result<Dashboard> {
        let me = self.me()?.ok_or(Failure::NoSchool)?;
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
            Some(year) if may(me.role, Area::Fees) => Some(self.store.fee_totals(year.id, today)?),
            _ => None,
        };
        let students = self
            .find_students_as(
                &me,
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
        })
    }

    /// The classrooms the person here works with.
    pub fn my_classrooms(&self) -> Result<Vec<daftar_store::ClassroomSummary>> {
        let me = self.me()?.ok_or(Failure::NoSchool)?;
        Ok(self
            .classrooms()?
            .into_iter()
            .filter(|c| me.classrooms.contains(&c.classroom.id))
            .collect())
    }

    /// A classroom's register for a day, with the marks already taken.
    pub fn register_of(
        &self,
        classroom: Uuid,
        date: NaiveDate,
    ) -> Result<Vec<daftar_store::RosterEntry>> {
        self.require_classroom(Area::Attendance, classroom)?;
        Ok(self.store.roster(classroom, date, 0)?)
    }

    /// Saves a whole register at once, as the teacher marked it.
    pub fn save_register(&mut self, register: &RegisterMarks) -> Result<crate::RegisterSaved> {
        self.require_classroom(Area::Attendance, register.classroom)?;
        let classroom: Classroom = self.store.get(register.classroom)?;
        let exceptions: Vec<_> = register
            .marks
            .iter()
            .copied()
            .filter(|(_, status)| *status != AttendanceStatus::Present)
            .collect();
        self.save_register_of(&classroom, register.date, 0, &exceptions)
    }

    pub fn assessments(&self, classroom: Uuid) -> Result<Vec<Assessment>> {
        self.require_classroom(Area::Marks, classroom)?;
        Ok(self.store.assessments_of(classroom)?)
    }

    pub fn mark_sheet(&self, assessment: Uuid) -> Result<MarkSheet> {
        let assessment: Assessment = self.store.get(assessment)?;
        self.require_classroom(Area::Marks, assessment.classroom_id)?;
        let subject = self.store.get(assessment.subject_id)?;
        let marks: std::collections::HashMap<Uuid, Option<f64>> = self
            .store
            .results_of(assessment.id)?
            .into_iter()
            .map(|r| (r.student_id, r.mark))
            .collect();
        let rows = self
            .store
            .roster(assessment.classroom_id, assessment.date, 0)?
            .into_iter()
            .map(|r| MarkRow {
                mark: marks.get(&r.student_id).copied().flatten(),
                student_id: r.student_id,
                admission_number: r.admission_number,
                name_ar: r.name_ar,
                name_en: r.name_en,
            })
            .collect();
        Ok(MarkSheet {
            assessment,
            subject,
            rows,
        })
    }

    /// Saves a mark sheet in one transaction: every mark is checked against the total.
    pub fn save_marks(&mut self, assessment: Uuid, marks: &[MarkInput]) -> Result<usize> {
        let assessment: Assessment = self.store.get(assessment)?;
        self.require_classroom(Area::Marks, assessment.classroom_id)?;
        let mut parsed = Vec::with_capacity(marks.len());
        for input in marks {
            let text = western_digits(input.mark.trim()).replace('\u{066B}', ".");
            let mark = if text.is_empty() {
                None
            } else {
                Some(
                    text.parse::<f64>()
                        .ok()
                        .filter(|m| m.is_finite())
                        .ok_or_else(|| {
                            Failure::InvalidMark(input.mark.chars().take(20).collect())
                        })?,
                )
            };
            parsed.push((input.student_id, mark));
        }
        let existing: std::collections::HashMap<Uuid, AssessmentResult> = self
            .store
            .results_of(assessment.id)?
            .into_iter()
            .map(|r| (r.student_id, r))
            .collect();
        let user = self.user()?;
        Ok(self.store.write(user, |w| {
            let mut changed = 0;
            for (student, mark) in &parsed {
                let previous = existing.get(student);
                if previous.map(|p| p.mark) == Some(*mark) || (previous.is_none() && mark.is_none())
                {
                    continue;
                }
                w.save_result(&AssessmentResult {
                    id: AssessmentResult::natural_id(assessment.id, *student),
                    assessment_id: assessment.id,
                    student_id: *student,
                    mark: *mark,
                    remark: previous.and_then(|p| p.remark.clone()),
                })?;
                changed += 1;
            }
            Ok(changed)
        })?)
    }

    pub fn invoices(&self, query: &InvoiceQuery) -> Result<Page<InvoiceRow>> {
        self.require(Area::Fees)?;
        let year = self.current_year()?;
        Ok(self.store.invoices(year.id, query)?)
    }

    /// An invoice by number, with its payments.
    pub fn invoice(&self, number: &str) -> Result<InvoiceDetail> {
        self.require(Area::Fees)?;
        Ok(self.store.invoice_numbered(number)?.ok_or_else(|| {
            daftar_store::StoreError::NotFound {
                entity: "invoices",
                id: number.chars().take(40).collect(),
            }
        })?)
    }

    /// Records a payment on an invoice; the receipt number is this device's own series, so
    /// two offline desktops never give the same number.
    pub fn record_payment(&mut self, input: &PaymentInput) -> Result<Payment> {
        let me = self.require(Area::Fees)?;
        let school = self.school()?;
        let detail = self.invoice(&input.invoice)?;
        let amount = parse_amount(&input.amount, school.currency_minor_digits)?;
        let paid_on = match input.paid_on.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => crate::parse_date(text)?,
            _ => today(),
        };
        let device = self.store.device_id().simple().to_string();
        let prefix = format!("R-{}-", &device[..6].to_uppercase());
        let next = self.store.receipts_numbered(&prefix)? + 1;
        let payment = Payment {
            id: Uuid::now_v7(),
            receipt_number: format!("{prefix}{next:05}"),
            invoice_id: detail.invoice.id,
            amount,
            paid_on,
            method: input.method,
            received_by: me.user_id,
        };
        self.store
            .write(me.user_id, |w| w.record_payment(&payment))?;
        Ok(payment)
    }

    /// Prints a receipt into the data folder's `printed/` and says where.
    pub fn print_receipt_here(&self, receipt_number: &str) -> Result<Printed> {
        self.require(Area::Fees)?;
        let name = crate::printing::file_stem(receipt_number);
        let out = self.printed_dir()?.join(format!("receipt-{name}.pdf"));
        self.print_receipt(receipt_number, &out)
    }

    /// Prints a classroom's report cards for a term into `printed/`.
    pub fn print_class_cards(&self, classroom: Uuid, term: &str) -> Result<Printed> {
        self.require_classroom(Area::Printing, classroom)?;
        let classroom: Classroom = self.store.get(classroom)?;
        let out = self.printed_dir()?.join(format!(
            "report-cards-{}-term-{}.pdf",
            crate::printing::file_stem(&classroom.name_en),
            crate::printing::file_stem(&western_digits(term.trim()))
        ));
        self.print_report_cards(&classroom.name_en, term, today(), &out)
    }

    pub fn terms(&self) -> Result<Vec<Term>> {
        let year = self.current_year()?;
        Ok(self.store.terms(year.id)?)
    }

    fn printed_dir(&self) -> Result<PathBuf> {
        let dir = self.data_dir.join("printed");
        std::fs::create_dir_all(&dir).map_err(|e| Failure::Io {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })?;
        Ok(dir)
    }

    /// Announcements the person here should see, newest first.
    pub fn announcements(&self) -> Result<Vec<Announcement>> {
        let me = self.me()?.ok_or(Failure::NoSchool)?;
        let mine = (me.role == StaffRole::Teacher).then_some(me.classrooms.as_slice());
        Ok(self.store.announcements_for(mine)?)
    }

    pub fn post_announcement(&mut self, input: &AnnouncementInput) -> Result<Announcement> {
        let me = self.require(Area::Announcing)?;
        let announcement = Announcement {
            id: Uuid::now_v7(),
            title_ar: input.title_ar.trim().to_string(),
            title_en: input.title_en.trim().to_string(),
            body_ar: input.body_ar.trim().to_string(),
            body_en: input.body_en.trim().to_string(),
            audience: Audience::Everyone,
            classroom_id: None,
            published_on: today(),
            author_id: me.user_id,
        };
        self.store
            .write(me.user_id, |w| w.save_announcement(&announcement))?;
        Ok(announcement)
    }

    /// A consistent copy of the school's database in the data folder's `backups/`.
    pub fn backup_now(&self) -> Result<String> {
        let dir = self.backups_dir();
        std::fs::create_dir_all(&dir).map_err(Failure::io(&dir))?;
        let stamp = Utc::now().format("%Y%m%d-%H%M%S");
        // Two backups in one second (a restore's own one) never overwrite each other.
        let out = (1..)
            .map(|n| match n {
                1 => dir.join(format!("daftar-{stamp}.sqlite3")),
                n => dir.join(format!("daftar-{stamp}-{n}.sqlite3")),
            })
            .find(|path| !path.exists())
            .expect("a free name");
        self.store.backup_to(&out)?;
        Ok(out.display().to_string())
    }

    fn backups_dir(&self) -> PathBuf {
        self.data_dir.join("backups")
    }

    /// The backups in this data folder, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        let dir = self.backups_dir();
        let io = Failure::io(&dir);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(e)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.starts_with("daftar-") || !name.ends_with(".sqlite3") {
                continue;
            }
            let meta = entry.metadata().map_err(io)?;
            let taken_at = meta
                .modified()
                .map(chrono::DateTime::<Utc>::from)
                .map_err(io)?;
            found.push(Backup {
                name,
                bytes: meta.len(),
                taken_at,
            });
        }
        found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
        Ok(found)
    }

    /// Puts the school back as it was in backup `name` (one of [`App::backups`]). The school
    /// as it is now is backed up first, so a restore can itself be undone; a backup of
    /// another school is refused. Changes this device had synced since come back from the
    /// cloud on the next sync.
    pub fn restore_backup(&mut self, name: &str) -> Result<Session> {
        self.require(Area::Administration)?;
        let chosen = self
            .backups()?
            .into_iter()
            .find(|b| b.name == name)
            .ok_or_else(|| Failure::Io {
                path: name.chars().take(80).collect(),
                detail: "no such backup".into(),
            })?;
        let dir = self.backups_dir();
        // A copy is checked and brought to this version's schema, the backup kept as it was.
        let staged = dir.join("restoring.sqlite3.tmp");
        std::fs::copy(dir.join(&chosen.name), &staged).map_err(Failure::io(&dir))?;
        let checked = (|| -> Result<()> {
            let copy = daftar_store::Store::open(&staged, Arc::new(SystemClock))?;
            let theirs = copy.school()?.map(|s| s.id);
            let ours = self.store.school()?.map(|s| s.id);
            if theirs.is_none() || (ours.is_some() && theirs != ours) {
                return Err(Failure::Io {
                    path: chosen.name.clone(),
                    detail: "not a backup of this school".into(),
                });
            }
            Ok(())
        })();
        let restored = checked.and_then(|()| {
            self.backup_now()?;
            Ok(self.store.restore_from(&staged)?)
        });
        for leftover in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("restoring.sqlite3.tmp{leftover}")));
        }
        restored?;
        self.session()
    }
}

/// A backup file in the data folder.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Backup {
    pub name: String,
    pub bytes: u64,
    pub taken_at: chrono::DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_reach_their_areas_only() {
        assert!(Area::ALL.iter().all(|a| may(StaffRole::Admin, *a)));
        assert!(may(StaffRole::Office, Area::Fees));
        assert!(!may(StaffRole::Office, Area::Marks));
        assert!(may(StaffRole::Office, Area::Registry));
        assert!(!may(StaffRole::Office, Area::Administration));
        assert!(!may(StaffRole::Teacher, Area::Administration));
        assert!(!may(StaffRole::Teacher, Area::Fees));
        assert!(!may(StaffRole::Teacher, Area::Registry));
        assert!(may(StaffRole::Teacher, Area::Attendance));
        assert!(may(StaffRole::Teacher, Area::Marks));
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("1,250.5", 2).unwrap(), 125_050);
        assert_eq!(parse_amount("١٢٥٠٫٥", 2).unwrap(), 125_050);
        assert_eq!(parse_amount("300", 0).unwrap(), 300);
        assert_eq!(parse_amount(".75", 2).unwrap(), 75);
        for bad in ["", "0", "-5", "1.234", "12a", "1.2.3", "9999999999999"] {
            assert!(parse_amount(bad, 2).is_err(), "{bad:?} accepted");
        }
    }
}
