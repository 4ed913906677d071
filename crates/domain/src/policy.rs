//! The one role policy: may this actor do this action on this record? Pure; the desktop asks
//! it before every write, and the cloud asks it for every pushed row and every pull.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::StaffRole;

/// Who is acting: the member of staff, their role, and the device they act on. Built once
/// when a session opens (from the signed-in account, or the member of staff chosen on a
/// demo or local school) and handed to every use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The staff record of this person; nil for an account with none (an operator's admin).
    pub staff_id: Uuid,
    pub role: StaffRole,
    pub device: Uuid,
}

/// Something a person does to a school's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Seeing students and guardians (a teacher: those of their own classrooms).
    SeeStudents,
    /// Creating and editing students, guardians and their links.
    EditStudents,
    /// Classrooms and who is placed in them: placing, promoting, graduating.
    ManageClassrooms,
    /// The school itself: its profile, years, terms, holidays, grades, subjects, staff,
    /// teaching assignments and grade bands; opening a year and making one current.
    RunSchool,
    /// Fee structures, invoices and payments, seeing as much as changing.
    ManageFees,
    /// Taking a register (a teacher: of their own classrooms).
    TakeAttendance,
    /// Setting an assessment (a teacher: in a subject they teach in that classroom).
    SetAssessments,
    /// Entering marks (a teacher: for a subject they teach, of a student in that classroom).
    EnterMarks,
    /// The homeroom teacher's remark on a term's report card.
    WriteRemarks,
    /// The principal's remark on a term's report card.
    WritePrincipalRemarks,
    /// Posting announcements (everyone reads them).
    Announce,
    /// Printing report cards and registers (a teacher: of their own classrooms).
    PrintReports,
    /// Putting the school back as it was in a backup.
    RestoreBackups,
    /// Adding to the audit trail; nobody changes what is in it.
    RecordAudit,
    /// The analytics views: attendance, marks, enrollment (a teacher: of their own
    /// classrooms and subjects); their fees view also needs `ManageFees`.
    SeeAnalytics,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::SeeStudents,
        Action::EditStudents,
        Action::ManageClassrooms,
        Action::RunSchool,
        Action::ManageFees,
        Action::TakeAttendance,
        Action::SetAssessments,
        Action::EnterMarks,
        Action::WriteRemarks,
        Action::WritePrincipalRemarks,
        Action::Announce,
        Action::PrintReports,
        Action::RestoreBackups,
        Action::RecordAudit,
        Action::SeeAnalytics,
    ];

    /// Its stable name, as messages and logs give it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::SeeStudents => "see-students",
            Action::EditStudents => "edit-students",
            Action::ManageClassrooms => "manage-classrooms",
            Action::RunSchool => "run-school",
            Action::ManageFees => "manage-fees",
            Action::TakeAttendance => "take-attendance",
            Action::SetAssessments => "set-assessments",
            Action::EnterMarks => "enter-marks",
            Action::WriteRemarks => "write-remarks",
            Action::WritePrincipalRemarks => "write-principal-remarks",
            Action::Announce => "announce",
            Action::PrintReports => "print-reports",
            Action::RestoreBackups => "restore-backups",
            Action::RecordAudit => "record-audit",
            Action::SeeAnalytics => "see-analytics",
        }
    }

    /// What writing a row of a synced table is. A term remark is the principal's action
    /// when the principal's remark changes; see [`remark_action`].
    pub fn writing(table: &str) -> Option<Action> {
        Some(match table {
            "schools"
            | "academic_years"
            | "terms"
            | "holidays"
            | "grade_levels"
            | "subjects"
            | "staff"
            | "teaching_assignments"
            | "grade_bands" => Action::RunSchool,
            "classrooms" | "enrollments" => Action::ManageClassrooms,
            "students" | "guardians" | "student_guardians" => Action::EditStudents,
            "attendance" => Action::TakeAttendance,
            "assessments" => Action::SetAssessments,
            "results" => Action::EnterMarks,
            "term_remarks" => Action::WriteRemarks,
            "fee_structures" | "fee_plans" | "fee_items" | "fee_policies" | "discounts"
            | "invoices" | "invoice_lines" | "credit_notes" | "payments" | "refunds"
            | "credit_transfers" => Action::ManageFees,
            "announcements" => Action::Announce,
            "audit_entries" => Action::RecordAudit,
            _ => return None,
        })
    }
}

/// A term remark's write: the principal's when their remark changes, else the teacher's.
pub fn remark_action(principal_remark_changes: bool) -> Action {
    if principal_remark_changes {
        Action::WritePrincipalRemarks
    } else {
        Action::WriteRemarks
    }
}

/// How far a role's permission for an action goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grant {
    /// Never.
    No,
    /// On records of the actor's own classrooms (and subjects) only.
    Own,
    /// On any record of the school.
    Yes,
}

/// The role rules themselves: administrators may do anything; office staff run the
/// registry, classrooms, fees, registers, remarks, announcements and printing, but not
/// marks or the school's set-up; teachers take registers, set assessments, enter marks,
/// write remarks and print, for their own classrooms and subjects.
pub fn grant(role: StaffRole, action: Action) -> Grant {
    use Action::*;
    match (role, action) {
        (_, RecordAudit) => Grant::Yes,
        (StaffRole::Admin, _) => Grant::Yes,
        (StaffRole::Office, EnterMarks | SetAssessments | RunSchool | RestoreBackups) => Grant::No,
        (StaffRole::Office, _) => Grant::Yes,
        (
            StaffRole::Teacher,
            SeeStudents | TakeAttendance | SetAssessments | EnterMarks | WriteRemarks
            | PrintReports | SeeAnalytics,
        ) => Grant::Own,
        (StaffRole::Teacher, _) => Grant::No,
    }
}

/// Whether a role may do an action at all (perhaps only on its own records).
pub fn may(role: StaffRole, action: Action) -> bool {
    grant(role, action) != Grant::No
}

/// What a teacher works with, read from the school's data: the classrooms they teach in or
/// are the homeroom teacher of, the (classroom, subject) pairs they teach, and the
/// (student, classroom) enrollments of those classrooms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    pub classrooms: Vec<Uuid>,
    pub teaches: HashSet<(Uuid, Uuid)>,
    pub enrolled: HashSet<(Uuid, Uuid)>,
}

/// The record an action is done on, as far as the policy needs to know it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Target {
    pub classroom: Option<Uuid>,
    pub subject: Option<Uuid>,
    pub student: Option<Uuid>,
}

impl Target {
    pub fn classroom(classroom: Uuid) -> Target {
        Target {
            classroom: Some(classroom),
            ..Target::default()
        }
    }

    pub fn student(student: Uuid) -> Target {
        Target {
            student: Some(student),
            ..Target::default()
        }
    }
}

/// Why the policy said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// The role may never do this.
    #[error("{} is not for this role", .0.as_str())]
    Role(Action),
    #[error("a classroom you do not teach")]
    NotYourClassroom,
    #[error("a subject you do not teach in that classroom")]
    NotYourSubject,
    #[error("a student not enrolled in your classroom")]
    NotYourStudent,
}

impl Refusal {
    /// Its stable name, which picks the translated reason (`policy-<name>`).
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Role(_) => "role",
            Refusal::NotYourClassroom => "not-your-classroom",
            Refusal::NotYourSubject => "not-your-subject",
            Refusal::NotYourStudent => "not-your-student",
        }
    }

    /// Whether the role may do this on other records (the record is out of its scope)
    /// rather than never.
    pub fn out_of_scope(self) -> bool {
        !matches!(self, Refusal::Role(_))
    }
}

/// May `role`, reaching `reach`, do `action` on `target`? A teacher's own records are those
/// of their classrooms: the classroom must be theirs, the subject (when the target names
/// one: an assessment, a mark) one they teach there, and the student enrolled in it. A student on their own is the
/// teacher's when enrolled in any of their classrooms.
pub fn check(
    role: StaffRole,
    reach: &Reach,
    action: Action,
    target: &Target,
) -> Result<(), Refusal> {
    match grant(role, action) {
        Grant::No => Err(Refusal::Role(action)),
        Grant::Yes => Ok(()),
        Grant::Own => {
            let needs_subject = matches!(action, Action::SetAssessments | Action::EnterMarks);
            if let Some(classroom) = target.classroom {
                if !reach.classrooms.contains(&classroom) {
                    return Err(Refusal::NotYourClassroom);
                }
                if needs_subject
                    && let Some(subject) = target.subject
                    && !reach.teaches.contains(&(classroom, subject))
                {
                    return Err(Refusal::NotYourSubject);
                }
                if let Some(student) = target.student
                    && !reach.enrolled.contains(&(student, classroom))
                {
                    return Err(Refusal::NotYourStudent);
                }
                Ok(())
            } else if let Some(student) = target.student {
                if reach.enrolled.iter().any(|(s, _)| *s == student) {
                    Ok(())
                } else {
                    Err(Refusal::NotYourStudent)
                }
            } else {
                // The action in general (a screen, a list): the role reaches its own part.
                Ok(())
            }
        }
    }
}

/// How much of a synced table a role's device holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    Everything,
    /// The rows of the actor's own classrooms (and their own staff row).
    Own,
    Nothing,
}

/// What a role sees of a table: teachers the school's calendar, grades and subjects, and
/// of the rest only their own classrooms' rows; nothing of fees or the audit trail.
pub fn sees(role: StaffRole, table: &str) -> Sight {
    if role != StaffRole::Teacher {
        return Sight::Everything;
    }
    match table {
        "schools" | "academic_years" | "terms" | "holidays" | "grade_levels" | "subjects"
        | "grade_bands" => Sight::Everything,
        "fee_structures" | "fee_plans" | "fee_items" | "fee_policies" | "discounts"
        | "invoices" | "invoice_lines" | "credit_notes" | "payments" | "refunds"
        | "credit_transfers" | "audit_entries" => Sight::Nothing,
        _ => Sight::Own,
    }
}

/// The policy written out as a table, role by role: the specification that the policy
/// above, the desktop's use cases and the cloud's checks are each tested against.
pub mod spec {
    use super::Action::{self, *};
    use super::Grant::{self, *};

    /// `(action, admin, office, teacher)`.
    pub const TABLE: &[(Action, Grant, Grant, Grant)] = &[
        (SeeStudents, Yes, Yes, Own),
        (EditStudents, Yes, Yes, No),
        (ManageClassrooms, Yes, Yes, No),
        (RunSchool, Yes, No, No),
        (ManageFees, Yes, Yes, No),
        (TakeAttendance, Yes, Yes, Own),
        (SetAssessments, Yes, No, Own),
        (EnterMarks, Yes, No, Own),
        (WriteRemarks, Yes, Yes, Own),
        (WritePrincipalRemarks, Yes, Yes, No),
        (Announce, Yes, Yes, No),
        (PrintReports, Yes, Yes, Own),
        (RestoreBackups, Yes, No, No),
        (RecordAudit, Yes, Yes, Yes),
        (SeeAnalytics, Yes, Yes, Own),
    ];

    /// The grant the table gives `role` for `action`.
    pub fn expected(role: crate::StaffRole, action: Action) -> Grant {
        let (_, admin, office, teacher) = TABLE
            .iter()
            .find(|row| row.0 == action)
            .copied()
            .expect("every action is in the table");
        match role {
            crate::StaffRole::Admin => admin,
            crate::StaffRole::Office => office,
            crate::StaffRole::Teacher => teacher,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_and_action_follows_the_table() {
        assert_eq!(spec::TABLE.len(), Action::ALL.len());
        for &role in StaffRole::ALL {
            for action in Action::ALL {
                assert_eq!(
                    grant(role, action),
                    spec::expected(role, action),
                    "{role} {}",
                    action.as_str()
                );
            }
        }
    }

    #[test]
    fn every_synced_table_is_some_action() {
        for table in crate::TABLES {
            assert!(Action::writing(table.name).is_some(), "{}", table.name);
        }
    }

    #[test]
    fn a_teacher_acts_on_their_own_records_only() {
        let (classroom, subject, student) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let reach = Reach {
            classrooms: vec![classroom],
            teaches: [(classroom, subject)].into(),
            enrolled: [(student, classroom)].into(),
        };
        let teacher = StaffRole::Teacher;
        let mine = Target {
            classroom: Some(classroom),
            subject: Some(subject),
            student: Some(student),
        };
        for action in [
            Action::TakeAttendance,
            Action::EnterMarks,
            Action::WriteRemarks,
        ] {
            assert_eq!(check(teacher, &reach, action, &mine), Ok(()));
        }
        let elsewhere = Target {
            classroom: Some(Uuid::now_v7()),
            ..mine
        };
        assert_eq!(
            check(teacher, &reach, Action::TakeAttendance, &elsewhere),
            Err(Refusal::NotYourClassroom)
        );
        let other_subject = Target {
            subject: Some(Uuid::now_v7()),
            ..mine
        };
        assert_eq!(
            check(teacher, &reach, Action::EnterMarks, &other_subject),
            Err(Refusal::NotYourSubject)
        );
        // A register is the classroom's, whatever subject the teacher teaches there.
        assert_eq!(
            check(teacher, &reach, Action::TakeAttendance, &other_subject),
            Ok(())
        );
        let stranger = Target {
            student: Some(Uuid::now_v7()),
            ..mine
        };
        assert_eq!(
            check(teacher, &reach, Action::TakeAttendance, &stranger),
            Err(Refusal::NotYourStudent)
        );
        assert_eq!(
            check(
                teacher,
                &reach,
                Action::SeeStudents,
                &Target::student(student)
            ),
            Ok(())
        );
        assert_eq!(
            check(teacher, &reach, Action::ManageFees, &Target::default()),
            Err(Refusal::Role(Action::ManageFees))
        );
        // Others are not limited to classrooms of their own.
        assert_eq!(
            check(
                StaffRole::Office,
                &Reach::default(),
                Action::TakeAttendance,
                &elsewhere
            ),
            Ok(())
        );
        assert!(Refusal::NotYourClassroom.out_of_scope());
        assert!(!Refusal::Role(Action::Announce).out_of_scope());
    }

    #[test]
    fn teachers_see_no_fees_and_office_sees_everything() {
        for table in [
            "fee_structures",
            "fee_plans",
            "fee_items",
            "discounts",
            "invoices",
            "invoice_lines",
            "payments",
            "audit_entries",
        ] {
            assert_eq!(sees(StaffRole::Teacher, table), Sight::Nothing);
        }
        assert_eq!(sees(StaffRole::Teacher, "terms"), Sight::Everything);
        assert_eq!(sees(StaffRole::Teacher, "students"), Sight::Own);
        for table in crate::TABLES {
            assert_eq!(sees(StaffRole::Office, table.name), Sight::Everything);
        }
    }
}
