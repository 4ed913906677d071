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
    /// Only students placed in one of these classrooms this year (a teacher's own).
    pub within: Option<Vec<Uuid>>,
    /// Only students with no classroom in this academic year.
    pub unplaced_in: Option<Uuid>,
    /// Only students lacking a name in one script.
    pub incomplete: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    #[default]
    NameEn,
    NameAr,
    AdmissionNumber,
    BirthDate,
}

impl Sort {
    /// The ORDER BY terms, and the index that yields rows in that order.
    fn order(self, descending: bool) -> (String, &'static str) {
        let dir = if descending { "DESC" } else { "ASC" };
        let (terms, index) = match self {
            Sort::NameEn => (
                vec!["s.name_en COLLATE NOCASE", "s.admission_number"],
                "students_by_name_en",
            ),
            Sort::NameAr => (
                vec!["s.name_ar", "s.admission_number"],
                "students_by_name_ar",
            ),
            Sort::AdmissionNumber => (vec!["s.admission_number"], "students_by_admission"),
            Sort::BirthDate => (
                vec!["s.birth_date", "s.admission_number"],
                "students_by_birth_date",
            ),
        };
        let terms: Vec<String> = terms.iter().map(|t| format!("{t} {dir}")).collect();
        (terms.join(", "), index)
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonHit {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    /// A guardian's phone, a member of staff's role.
    pub detail: String,
}

/// The rowids of `table` whose search key matches every term of `text`, as a subquery over
/// its two FTS indexes, with its parameters appended; `None` when the text has no terms.
fn hits_subquery(table: &str, text: &str, params: &mut Vec<Sql>) -> Option<String> {
    let key = search_key(text);
    let (long, short): (Vec<&str>, Vec<&str>) = key
        .split(' ')
        .filter(|t| !t.is_empty())
        .partition(|t| t.chars().count() >= TRIGRAM_MIN);
    let mut parts = Vec::new();
    // Terms hold only letters and digits after normalization, so quoting them is safe.
    if !long.is_empty() {
        let expr: Vec<String> = long.iter().map(|t| format!("\"{t}\"")).collect();
        params.push(Sql::Text(expr.join(" AND ")));
        parts.push(format!(
            "SELECT rowid FROM {table}_trigram WHERE {table}_trigram MATCH ?{}",
            params.len()
        ));
    }
    if !short.is_empty() {
        let expr: Vec<String> = short.iter().map(|t| format!("\"{t}\"*")).collect();
        params.push(Sql::Text(expr.join(" AND ")));
        parts.push(format!(
            "SELECT rowid FROM {table}_words WHERE {table}_words MATCH ?{}",
            params.len()
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" INTERSECT "))
}

fn bounded(limit: usize) -> usize {
    limit.clamp(1, PAGE_MAX)
}

/// Columns of a student hit, joined with this year's placement.
const HIT_COLUMNS: &str =
    "s.id, s.admission_number, s.name_ar, s.name_en, s.gender, s.status, s.nationality,
    s.birth_date, s.national_id, c.id, c.name_ar, c.name_en, g.name_ar, g.name_en";
/// This year's classroom and grade of each student; the year is parameter `?{year_param}`.
fn placement_join(year_param: usize) -> String {
    format!(
        "LEFT JOIN enrollments e ON e.student_id = s.id AND e.year_id = ?{year_param} AND e.deleted = 0
         LEFT JOIN classrooms c ON c.id = e.classroom_id
         LEFT JOIN grade_levels g ON g.id = c.grade_id"
    )
}

fn hit(r: &rusqlite::Row<'_>) -> Result<StudentHit> {
    let corrupt = |e: String| crate::StoreError::Corrupt(e);
    Ok(StudentHit {
        id: parse_id(&r.get::<_, String>(0)?)?,
        admission_number: r.get(1)?,
        name_ar: r.get(2)?,
        name_en: r.get(3)?,
        gender: r.get::<_, String>(4)?.parse()?,
        status: r.get::<_, String>(5)?.parse()?,
        nationality: r.get(6)?,
        birth_date: r
            .get::<_, String>(7)?
            .parse()
            .map_err(|e| corrupt(format!("birth_date: {e}")))?,
        national_id: r.get(8)?,
        classroom_id: r
            .get::<_, Option<String>>(9)?
            .as_deref()
            .map(parse_id)
            .transpose()?,
        classroom_ar: r.get(10)?,
        classroom_en: r.get(11)?,
        grade_ar: r.get(12)?,
        grade_en: r.get(13)?,
    })
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
        let limit = bounded(query.limit);
        let mut params = Vec::new();
        let hits = hits_subquery("students", &query.text, &mut params);
        let mut conditions = vec!["s.deleted = 0".to_string()];
        if let Some(hits) = &hits {
            conditions.push(format!("s.rowid IN ({hits})"));
        }
        let mut add = |clause: &str, value: Sql, params: &mut Vec<Sql>| {
            params.push(value);
            conditions.push(clause.replace('?', &format!("?{}", params.len())));
        };
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
        let placement_filter =
            filter.classroom_id.is_some() || filter.grade_id.is_some() || filter.within.is_some();

        if let Some(id) = filter.classroom_id {
            add("c.id = ?", Sql::Text(id.to_string()), &mut params);
        }
        if let Some(id) = filter.grade_id {
            add("c.grade_id = ?", Sql::Text(id.to_string()), &mut params);
        }
        if let Some(ids) = &filter.within {
            let within = crate::desk::id_list(ids, &mut params);
            conditions.push(format!("c.id IN ({within})"));
        }
        if let Some(year) = filter.unplaced_in {
            params.push(Sql::Text(year.to_string()));
            conditions.push(format!(
                "NOT EXISTS (SELECT 1 FROM enrollments u WHERE u.student_id = s.id AND u.year_id = ?{} AND u.deleted = 0)",
                params.len()
            ));
        }
        if filter.incomplete {
            conditions.push("(trim(s.name_ar) = '' OR trim(s.name_en) = '')".into());
        }
        let (order, index) = sort.order(descending);
        let where_sql = conditions.join(" AND ");
        let page = format!("LIMIT {limit} OFFSET {}", query.offset);
        let conn = self.conn();

        if placement_filter {
            // A classroom or a grade is a few dozen to a few thousand students: join and sort.
            let join = placement_join(params.len() + 1);
            params.push(Sql::Text(year));
            let sql = format!(
                "SELECT {HIT_COLUMNS}, COUNT(*) OVER () FROM students s {join} WHERE {where_sql} ORDER BY {order} {page}"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params_from_iter(&params))?;
            let mut items = Vec::new();
            let mut total = 0;
            while let Some(row) = rows.next()? {
                total = row.get(14)?;
                items.push(hit(row)?);
            }
            if items.is_empty() && query.offset > 0 {
                let count = format!("SELECT COUNT(*) FROM students s {join} WHERE {where_sql}");
                total = conn
                    .prepare_cached(&count)?
                    .query_row(params_from_iter(&params), |r| r.get(0))?;
            }
            return Ok(Page {
                items,
                total,
                offset: query.offset,
                limit,
            });
        }

        // Without a placement filter, find the page's rows first and join only those. The
        // total comes from the search index alone when nothing else narrows it (tombstones
        // are not indexed), else from the matching rows.
        let only_text = hits.is_some() && conditions.len() == 2;
        let total: i64 = if only_text {
            let sql = format!(
                "SELECT COUNT(*) FROM ({})",
                hits.as_deref().unwrap_or_default()
            );
            conn.prepare_cached(&sql)?
                .query_row(params_from_iter(&params), |r| r.get(0))?
        } else {
            let sql = format!("SELECT COUNT(*) FROM students s WHERE {where_sql}");
            conn.prepare_cached(&sql)?
                .query_row(params_from_iter(&params), |r| r.get(0))?
        };
        // Walking the sort index and skipping non-matches beats sorting every match once
        // matches are common: about (offset + limit) * students / total steps against total.
        let students: i64 =
            conn.query_row("SELECT COALESCE(MAX(rowid), 0) FROM students", [], |r| {
                r.get(0)
            })?;
        let wanted = (query.offset + limit) as i64;
        let walk = hits.is_none() || total.saturating_mul(total) > wanted.saturating_mul(students);
        let indexed = if walk {
            format!("INDEXED BY {index}")
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT s.rowid FROM students s {indexed} WHERE {where_sql} ORDER BY {order} {page}"
        );
        let rowids: Vec<i64> = conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(&params), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let detail = format!(
            "SELECT {HIT_COLUMNS} FROM students s {} WHERE s.rowid = ?1",
            placement_join(2)
        );
        let mut stmt = conn.prepare_cached(&detail)?;
        let mut items = Vec::with_capacity(rowids.len());
        for rowid in rowids {
            let mut rows = stmt.query((rowid, &year))?;
            if let Some(row) = rows.next()? {
                items.push(hit(row)?);
            }
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
        if let Some(hits) = hits_subquery(table, &query.text, &mut params) {
            conditions.push(format!("p.rowid IN ({hits})"));
        }
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
