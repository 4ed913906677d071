//! Search of students, guardians and staff by name in either script, admission number or
//! national id, over the normalized keys stored at write time.

use chrono::NaiveDate;
use daftar_domain::{Gender, StaffRole, StudentStatus, search_key};
use rusqlite::params_from_iter;
use rusqlite::types::Value as Sql;
use serde::Serialize;
use uuid::Uuid;

use crate::Store;
use crate::error::Result;
use crate::read::{current_year, parse_id};

/// Below this many characters a term is matched as a word prefix; from it, anywhere
/// inside a name (trigram index).
const TRIGRAM_MIN: usize = 3;
/// Most rows a page may hold.
pub const PAGE_MAX: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Default)]
pub struct StudentFilter {
    pub grade_id: Option<Uuid>,
    pub classroom_id: Option<Uuid>,
    pub status: Option<StudentStatus>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    NameEn,
    NameAr,
    AdmissionNumber,
    BirthDate,
}

impl Sort {
    fn column(self) -> &'static str {
        match self {
            Sort::NameEn => "s.name_en COLLATE NOCASE",
            Sort::NameAr => "s.name_ar",
            Sort::AdmissionNumber => "s.admission_number",
            Sort::BirthDate => "s.birth_date",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StudentHit {
    pub id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub gender: Gender,
    pub status: StudentStatus,
    pub nationality: String,
    pub birth_date: NaiveDate,
    pub national_id: Option<String>,
    pub classroom_id: Option<Uuid>,
    pub classroom_ar: Option<String>,
    pub classroom_en: Option<String>,
    pub grade_ar: Option<String>,
    pub grade_en: Option<String>,
}

/// A guardian or member of staff found by search.
#[derive(Debug, Clone, Serialize)]
pub struct PersonHit {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    /// A guardian's phone, a member of staff's role.
    pub detail: String,
}

/// The FTS conditions for a query over `table`'s two indexes, with their parameters.
fn match_clauses(table: &str, alias: &str, text: &str, params: &mut Vec<Sql>) -> Vec<String> {
    let key = search_key(text);
    let (long, short): (Vec<&str>, Vec<&str>) = key
        .split(' ')
        .filter(|t| !t.is_empty())
        .partition(|t| t.chars().count() >= TRIGRAM_MIN);
    let mut clauses = Vec::new();
    // Terms hold only letters and digits after normalization, so quoting them is safe.
    if !long.is_empty() {
        let expr: Vec<String> = long.iter().map(|t| format!("\"{t}\"")).collect();
        params.push(Sql::Text(expr.join(" AND ")));
        clauses.push(format!(
            "{alias}.rowid IN (SELECT rowid FROM {table}_trigram WHERE {table}_trigram MATCH ?{})",
            params.len()
        ));
    }
    if !short.is_empty() {
        let expr: Vec<String> = short.iter().map(|t| format!("\"{t}\"*")).collect();
        params.push(Sql::Text(expr.join(" AND ")));
        clauses.push(format!(
            "{alias}.rowid IN (SELECT rowid FROM {table}_words WHERE {table}_words MATCH ?{})",
            params.len()
        ));
    }
    clauses
}

fn bounded(limit: usize) -> usize {
    limit.clamp(1, PAGE_MAX)
}

impl Store {
    /// Students whose name (either script), admission number or national id matches every
    /// term of the query, narrowed by the filters, sorted and paginated. Grade and
    /// classroom are those of the current academic year.
    pub fn search_students(
        &self,
        query: &SearchQuery,
        filter: &StudentFilter,
        sort: Sort,
        descending: bool,
    ) -> Result<Page<StudentHit>> {
        let year = current_year(self.conn())?
            .map(|y| y.id.to_string())
            .unwrap_or_default();
        let mut params = vec![Sql::Text(year)];
        let mut conditions = vec!["s.deleted = 0".to_string()];
        conditions.extend(match_clauses("students", "s", &query.text, &mut params));
        let mut add = |clause: &str, value: Sql, params: &mut Vec<Sql>| {
            params.push(value);
            conditions.push(clause.replace('?', &format!("?{}", params.len())));
        };
        if let Some(id) = filter.classroom_id {
            add("c.id = ?", Sql::Text(id.to_string()), &mut params);
        }
        if let Some(id) = filter.grade_id {
            add("c.grade_id = ?", Sql::Text(id.to_string()), &mut params);
        }
        if let Some(status) = filter.status {
            add(
                "s.status = ?",
                Sql::Text(status.as_str().into()),
                &mut params,
            );
        }
        if let Some(gender) = filter.gender {
            add(
                "s.gender = ?",
                Sql::Text(gender.as_str().into()),
                &mut params,
            );
        }
        if let Some(nationality) = &filter.nationality {
            add(
                "s.nationality = ?",
                Sql::Text(nationality.trim().to_ascii_uppercase()),
                &mut params,
            );
        }
        let limit = bounded(query.limit);
        let sql = format!(
            "SELECT s.id, s.admission_number, s.name_ar, s.name_en, s.gender, s.status, s.nationality, s.birth_date,
                    s.national_id, c.id, c.name_ar, c.name_en, g.name_ar, g.name_en, COUNT(*) OVER ()
             FROM students s
             LEFT JOIN enrollments e ON e.student_id = s.id AND e.year_id = ?1 AND e.deleted = 0
             LEFT JOIN classrooms c ON c.id = e.classroom_id
             LEFT JOIN grade_levels g ON g.id = c.grade_id
             WHERE {}
             ORDER BY {} {}, s.admission_number
             LIMIT {limit} OFFSET {}",
            conditions.join(" AND "),
            sort.column(),
            if descending { "DESC" } else { "ASC" },
            query.offset,
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut total = 0;
        let rows = stmt.query_map(params_from_iter(params), |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ),
                (
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ),
                (
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                ),
                r.get::<_, i64>(14)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (
                (id, admission_number, name_ar, name_en),
                (gender, status, nationality, birth),
                placement,
                count,
            ) = row?;
            let (national_id, classroom_id, classroom_ar, classroom_en, grade_ar, grade_en) =
                placement;
            total = count;
            items.push(StudentHit {
                id: parse_id(&id)?,
                admission_number,
                name_ar,
                name_en,
                gender: gender.parse()?,
                status: status.parse()?,
                nationality,
                birth_date: birth
                    .parse()
                    .map_err(|e| crate::StoreError::Corrupt(format!("birth_date: {e}")))?,
                national_id,
                classroom_id: classroom_id.as_deref().map(parse_id).transpose()?,
                classroom_ar,
                classroom_en,
                grade_ar,
                grade_en,
            });
        }
        if items.is_empty() && query.offset > 0 {
            // Past the end of the results: still tell how many there are.
            total = self
                .search_students(
                    &SearchQuery {
                        offset: 0,
                        limit: 1,
                        ..query.clone()
                    },
                    filter,
                    sort,
                    descending,
                )?
                .total;
        }
        Ok(Page {
            items,
            total,
            offset: query.offset,
            limit,
        })
    }

    pub fn search_guardians(&self, query: &SearchQuery) -> Result<Page<PersonHit>> {
        self.search_people("guardians", "phone", None, query)
    }

    pub fn search_staff(
        &self,
        query: &SearchQuery,
        role: Option<StaffRole>,
    ) -> Result<Page<PersonHit>> {
        self.search_people("staff", "role", role.map(|r| r.as_str()), query)
    }

    fn search_people(
        &self,
        table: &str,
        detail: &str,
        role: Option<&str>,
        query: &SearchQuery,
    ) -> Result<Page<PersonHit>> {
        let mut params = Vec::new();
        let mut conditions = vec!["p.deleted = 0".to_string()];
        conditions.extend(match_clauses(table, "p", &query.text, &mut params));
        if let Some(role) = role {
            params.push(Sql::Text(role.into()));
            conditions.push(format!("p.role = ?{}", params.len()));
        }
        let limit = bounded(query.limit);
        let sql = format!(
            "SELECT p.id, p.name_ar, p.name_en, p.{detail}, COUNT(*) OVER () FROM {table} p
             WHERE {} ORDER BY p.name_en COLLATE NOCASE, p.id LIMIT {limit} OFFSET {}",
            conditions.join(" AND "),
            query.offset
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut items = Vec::new();
        let mut total = 0;
        for row in rows {
            let (id, name_ar, name_en, detail, count) = row?;
            total = count;
            items.push(PersonHit {
                id: parse_id(&id)?,
                name_ar,
                name_en,
                detail,
            });
        }
        Ok(Page {
            items,
            total,
            offset: query.offset,
            limit,
        })
    }
}
