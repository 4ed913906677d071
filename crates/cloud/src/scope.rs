//! What each role may see and change, as the one role policy (`daftar_domain::policy`)
//! decides: this module reads what a teacher works with from the database, turns the
//! policy's sight of each table into the SQL condition of pulls and snapshots, and asks the
//! policy about every pushed row.

use std::collections::HashSet;

use daftar_domain::policy::{self, Action, Reach, Sight, Target};
use daftar_protocol::{Role, ValueError, codes};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use tokio_postgres::Transaction;
use uuid::Uuid;

use crate::auth::Claims;
use crate::db::{DbError, hex};

/// The role of a request and, for a teacher, what they work with; read once a request.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub role: Option<Role>,
    pub staff: Option<Uuid>,
    /// A teacher's classrooms, (classroom, subject) pairs and enrolled students.
    pub reach: Reach,
}

impl Scope {
    pub async fn load(tx: &Transaction<'_>, claims: &Claims) -> Result<Scope, DbError> {
        let mut scope = Scope {
            role: Some(claims.role),
            staff: claims.staff,
            ..Scope::default()
        };
        if claims.role != Role::Teacher {
            return Ok(scope);
        }
        let Some(staff) = claims.staff else {
            return Ok(scope);
        };
        let reach = &mut scope.reach;
        for row in tx
            .query(
                "SELECT classroom_id, subject_id FROM teaching_assignments
                 WHERE tenant_id = $1 AND staff_id = $2 AND NOT deleted",
                &[&claims.tenant, &staff],
            )
            .await?
        {
            reach.teaches.insert((row.get(0), row.get(1)));
        }
        let mut classrooms: HashSet<Uuid> = reach.teaches.iter().map(|(c, _)| *c).collect();
        for row in tx
            .query(
                "SELECT id FROM classrooms WHERE tenant_id = $1 AND homeroom_teacher_id = $2 AND NOT deleted",
                &[&claims.tenant, &staff],
            )
            .await?
        {
            classrooms.insert(row.get(0));
        }
        reach.classrooms = classrooms.into_iter().collect();
        reach.classrooms.sort();
        for row in tx
            .query(
                "SELECT student_id, classroom_id FROM enrollments
                 WHERE tenant_id = $1 AND classroom_id = ANY($2) AND NOT deleted",
                &[&claims.tenant, &reach.classrooms],
            )
            .await?
        {
            reach.enrolled.insert((row.get(0), row.get(1)));
        }
        Ok(scope)
    }

    fn is_teacher(&self) -> bool {
        self.role == Some(Role::Teacher)
    }

    /// The fingerprint of a scope that sees the whole school.
    pub const WHOLE_SCHOOL: &str = "school";

    /// What a role sees without any classrooms or staff row of its own: for anyone but a
    /// teacher, the whole school.
    pub fn for_role(role: Role) -> Scope {
        Scope {
            role: Some(role),
            ..Scope::default()
        }
    }

    /// A fingerprint of what this device may see, which changes when its scope does.
    pub fn fingerprint(&self) -> String {
        if !self.is_teacher() {
            return Self::WHOLE_SCHOOL.into();
        }
        let mut hash = Sha256::new();
        for classroom in &self.reach.classrooms {
            hash.update(classroom.as_bytes());
        }
        hex(&hash.finalize()[..8])
    }

    /// The SQL condition over `t` (a row of `table`) for rows this device may see, or `None`
    /// when it may see none of the table. `$1` is the tenant, `$3` the classrooms (uuid[]) and
    /// `$4` the staff id (uuid); the statement types them even where a filter leaves them out.
    pub fn filter(&self, table: &str) -> Option<&'static str> {
        let Some(role) = self.role else {
            return Some("true");
        };
        const STUDENTS: &str = "t.id IN (SELECT e.student_id FROM enrollments e WHERE e.tenant_id = $1 AND e.classroom_id = ANY($3::uuid[]))";
        match policy::sees(role, table) {
            Sight::Everything => Some("true"),
            Sight::Nothing => None,
            Sight::Own => Some(match table {
                "staff" => "t.id = $4::uuid",
                "teaching_assignments" => "t.staff_id = $4::uuid",
                "classrooms" => "t.id = ANY($3::uuid[])",
                "enrollments" | "attendance" | "assessments" | "term_remarks" => {
                    "t.classroom_id = ANY($3::uuid[])"
                }
                "students" => STUDENTS,
                "student_guardians" => {
                    "t.student_id IN (SELECT e.student_id FROM enrollments e WHERE e.tenant_id = $1 AND e.classroom_id = ANY($3::uuid[]))"
                }
                "guardians" => {
                    "t.id IN (SELECT g.guardian_id FROM student_guardians g JOIN enrollments e ON e.tenant_id = g.tenant_id AND e.student_id = g.student_id WHERE g.tenant_id = $1 AND e.classroom_id = ANY($3::uuid[]))"
                }
                "results" => {
                    "t.assessment_id IN (SELECT a.id FROM assessments a WHERE a.tenant_id = $1 AND a.classroom_id = ANY($3::uuid[]))"
                }
                "announcements" => {
                    "(t.audience IN ('everyone', 'staff') OR t.classroom_id = ANY($3::uuid[]))"
                }
                _ => return None,
            }),
        }
    }

    /// Whether this person may write `after` over `before` in `table`, as the policy says.
    /// `assessment` gives the (classroom, subject) of an assessment a result belongs to.
    /// Both the row as it was and as it would be must be the person's: moving someone
    /// else's row into one's own classroom is as out of scope as the reverse.
    pub fn may_write(
        &self,
        table: &str,
        before: Option<&Map<String, Value>>,
        after: &Map<String, Value>,
        assessment: &dyn Fn(Uuid) -> Option<(Uuid, Uuid)>,
    ) -> Result<(), ValueError> {
        let forbidden = |what: String| Err(ValueError::new(codes::FORBIDDEN, what));
        if table == "audit_entries" && before.is_some() {
            return forbidden("audit entries cannot be changed".into());
        }
        let Some(role) = self.role else {
            return forbidden("no role".into());
        };
        let Some(mut action) = Action::writing(table) else {
            return forbidden(format!("no such table: {table}"));
        };
        if table == "term_remarks" {
            let principal = |row: Option<&Map<String, Value>>| {
                row.and_then(|r| r.get("principal_remark"))
                    .cloned()
                    .filter(|v| !v.is_null())
            };
            action = policy::remark_action(principal(before) != principal(Some(after)));
        }
        for row in before.into_iter().chain(std::iter::once(after)) {
            let target = target_of(table, row, assessment);
            if let Err(refusal) = policy::check(role, &self.reach, action, &target) {
                let code = if refusal.out_of_scope() {
                    codes::OUT_OF_SCOPE
                } else {
                    codes::FORBIDDEN
                };
                return Err(ValueError::new(code, refusal.to_string()));
            }
        }
        Ok(())
    }
}

/// The record a pushed row is, for the policy. A row that should name a classroom and does
/// not names none of the actor's (the nil id), so a teacher's check refuses it.
fn target_of(
    table: &str,
    row: &Map<String, Value>,
    assessment: &dyn Fn(Uuid) -> Option<(Uuid, Uuid)>,
) -> Target {
    let nil = Some(Uuid::nil());
    match table {
        "attendance" | "term_remarks" => Target {
            classroom: uuid(row, "classroom_id").or(nil),
            subject: None,
            student: uuid(row, "student_id").or(nil),
        },
        "assessments" => Target {
            classroom: uuid(row, "classroom_id").or(nil),
            subject: uuid(row, "subject_id").or(nil),
            student: None,
        },
        "results" => {
            let pair = uuid(row, "assessment_id").and_then(assessment);
            Target {
                classroom: pair.map(|p| p.0).or(nil),
                subject: pair.map(|p| p.1).or(nil),
                student: uuid(row, "student_id").or(nil),
            }
        }
        _ => Target {
            classroom: nil,
            ..Target::default()
        },
    }
}

fn uuid(row: &Map<String, Value>, column: &str) -> Option<Uuid> {
    row.get(column)?.as_str()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn teacher() -> (Scope, Uuid, Uuid, Uuid) {
        let (classroom, subject, student) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let scope = Scope {
            role: Some(Role::Teacher),
            staff: Some(Uuid::now_v7()),
            reach: Reach {
                classrooms: vec![classroom],
                teaches: [(classroom, subject)].into(),
                enrolled: [(student, classroom)].into(),
            },
        };
        (scope, classroom, subject, student)
    }

    fn row(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn teachers_write_their_students_remarks_but_not_the_principals() {
        let (scope, classroom, _, student) = teacher();
        let none = |_| None;
        let remark = |teacher: &str, principal: Option<&str>| {
            row(json!({"classroom_id": classroom, "student_id": student,
                       "teacher_remark": teacher, "principal_remark": principal}))
        };
        let mine = remark("Works hard.", None);
        assert!(scope.may_write("term_remarks", None, &mine, &none).is_ok());
        let principal = remark("Works hard.", Some("Well done."));
        assert!(
            scope
                .may_write(
                    "term_remarks",
                    Some(&principal),
                    &remark("Works very hard.", Some("Well done.")),
                    &none
                )
                .is_ok()
        );
        let err = scope
            .may_write("term_remarks", Some(&mine), &principal, &none)
            .unwrap_err();
        assert_eq!(err.code, codes::FORBIDDEN);
        let elsewhere = row(
            json!({"classroom_id": Uuid::now_v7(), "student_id": student, "teacher_remark": "x"}),
        );
        assert_eq!(
            scope
                .may_write("term_remarks", None, &elsewhere, &none)
                .unwrap_err()
                .code,
            codes::OUT_OF_SCOPE
        );
        assert_eq!(
            scope.filter("term_remarks"),
            Some("t.classroom_id = ANY($3::uuid[])")
        );
    }

    #[test]
    fn teachers_write_only_their_own_classrooms() {
        let (scope, classroom, subject, student) = teacher();
        let none = |_| None;
        let mine = row(json!({"classroom_id": classroom, "student_id": student}));
        assert!(scope.may_write("attendance", None, &mine, &none).is_ok());
        let other = row(json!({"classroom_id": Uuid::now_v7(), "student_id": student}));
        assert_eq!(
            scope
                .may_write("attendance", None, &other, &none)
                .unwrap_err()
                .code,
            codes::OUT_OF_SCOPE
        );
        // Moving someone else's row into my classroom is as out of scope as the reverse.
        assert!(
            scope
                .may_write("attendance", Some(&other), &mine, &none)
                .is_err()
        );
        let stranger = row(json!({"classroom_id": classroom, "student_id": Uuid::now_v7()}));
        assert!(
            scope
                .may_write("attendance", None, &stranger, &none)
                .is_err()
        );

        let assessment = Uuid::now_v7();
        let lookup = |id| (id == assessment).then_some((classroom, subject));
        let mark = row(json!({"assessment_id": assessment, "student_id": student}));
        assert!(scope.may_write("results", None, &mark, &lookup).is_ok());
        let elsewhere = row(json!({"assessment_id": Uuid::now_v7(), "student_id": student}));
        assert_eq!(
            scope
                .may_write("results", None, &elsewhere, &lookup)
                .unwrap_err()
                .code,
            codes::OUT_OF_SCOPE
        );
        assert_eq!(
            scope
                .may_write("invoices", None, &mine, &none)
                .unwrap_err()
                .code,
            codes::FORBIDDEN
        );
    }

    #[test]
    fn office_cannot_change_marks_and_nobody_rewrites_audit() {
        let office = Scope {
            role: Some(Role::Office),
            ..Scope::default()
        };
        let none = |_| None;
        let any = row(json!({}));
        assert!(office.may_write("invoices", None, &any, &none).is_ok());
        assert_eq!(
            office
                .may_write("results", None, &any, &none)
                .unwrap_err()
                .code,
            codes::FORBIDDEN
        );
        let admin = Scope {
            role: Some(Role::Admin),
            ..Scope::default()
        };
        assert!(admin.may_write("results", None, &any, &none).is_ok());
        assert!(admin.may_write("audit_entries", None, &any, &none).is_ok());
        assert!(
            admin
                .may_write("audit_entries", Some(&any), &any, &none)
                .is_err()
        );
    }

    #[test]
    fn teachers_see_no_fees_and_no_other_staff() {
        let (scope, ..) = teacher();
        for table in ["fee_structures", "invoices", "payments", "audit_entries"] {
            assert_eq!(scope.filter(table), None);
        }
        assert!(scope.filter("staff").unwrap().contains("$4"));
        for spec in daftar_domain::TABLES {
            assert_eq!(Scope::default().filter(spec.name), Some("true"));
        }
    }

    /// The policy's table, role by role and table by table: a row of one's own is taken
    /// where the table grants it (for a teacher, only there), any other refused.
    #[test]
    fn every_role_writes_each_table_as_the_policy_table_says() {
        use daftar_domain::policy::{Grant, spec};
        let (teacher, classroom, subject, student) = teacher();
        let assessment = Uuid::now_v7();
        let lookup = |id| (id == assessment).then_some((classroom, subject));
        let mine = row(json!({"classroom_id": classroom, "subject_id": subject,
                              "student_id": student, "assessment_id": assessment}));
        let theirs = row(
            json!({"classroom_id": Uuid::now_v7(), "subject_id": subject,
                                "student_id": student, "assessment_id": Uuid::now_v7()}),
        );
        for spec_table in daftar_domain::TABLES {
            let table = spec_table.name;
            let action = Action::writing(table).unwrap();
            for &role in daftar_domain::StaffRole::ALL {
                let scope = match role {
                    Role::Teacher => teacher.clone(),
                    other => Scope::for_role(other),
                };
                let grant = spec::expected(role, action);
                let own = scope.may_write(table, None, &mine, &lookup).is_ok();
                let other = scope.may_write(table, None, &theirs, &lookup).is_ok();
                assert_eq!(own, grant != Grant::No, "{role} writing {table}");
                assert_eq!(
                    other,
                    grant == Grant::Yes,
                    "{role} writing another's {table}"
                );
            }
        }
    }
}
