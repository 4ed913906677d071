//! Harness for the cloud's tests: a fresh database on the throwaway PostgreSQL, the real
//! server on a loopback port with a hand-driven clock, and a small HTTP client.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use daftar_cloud::{AppState, Config, db, ops};
use daftar_domain::*;
use daftar_protocol::*;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use uuid::Uuid;

pub const PASSWORD: &str = "correct horse battery";
pub const START_MS: u64 = 1_756_713_600_000; // 2025-09-01T08:00:00Z

pub struct TestServer {
    pub url: String,
    pub clock: Arc<ManualClock>,
    pub database: daftar_testkit::TestDatabase,
    /// The serving role's pool, for checks made as the server connects.
    pub pool: deadpool_postgres::Pool,
    pub http: reqwest::Client,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    pub handle: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    pub async fn start(label: &str) -> TestServer {
        Self::start_with(label, |_| {}).await
    }

    pub async fn start_with(label: &str, tune: impl FnOnce(&mut Config)) -> TestServer {
        // The server's log, shown for a failing test (DAFTAR_LOG=debug for more).
        let filter = std::env::var("DAFTAR_LOG").unwrap_or_else(|_| "warn".into());
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_test_writer()
            .try_init();
        daftar_testkit::postgres().serving_roles();
        let database = daftar_testkit::postgres().database(label);
        db::migrate(&database.owner_url)
            .await
            .expect("schema applies");
        let serving = database.url_as(
            daftar_testkit::SERVING_ROLE,
            daftar_testkit::SERVING_PASSWORD,
        );
        let pool = db::pool(&serving, 8).unwrap();
        db::check_serving_role(&pool)
            .await
            .expect("the serving role is unprivileged");
        let mut config = Config::new(serving);
        tune(&mut config);
        let clock = Arc::new(ManualClock::new(START_MS));
        let state = AppState::new(config, pool.clone(), clock.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(daftar_cloud::serve(listener, state, async move {
            let _ = rx.await;
        }));
        TestServer {
            url,
            clock,
            database,
            pool,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
            shutdown: Some(tx),
            handle: Some(handle),
        }
    }

    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Another server process's worth on the same database (its own pool, state and
    /// listener), signing tokens with `secret` as this one must too.
    pub async fn beside(&self, secret: &[u8]) -> Beside {
        let serving = self.database.url_as(
            daftar_testkit::SERVING_ROLE,
            daftar_testkit::SERVING_PASSWORD,
        );
        let pool = db::pool(&serving, 8).unwrap();
        let mut config = Config::new(serving);
        config.token_secret = secret.to_vec();
        let state = AppState::new(config, pool, self.clock.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(daftar_cloud::serve(listener, state, async move {
            let _ = rx.await;
        }));
        Beside { url, _shutdown: tx }
    }

    pub async fn tenant(&self, slug: &str) -> Uuid {
        ops::create_tenant(&self.pool, slug, &format!("School {slug}"))
            .await
            .unwrap()
    }

    pub async fn user(
        &self,
        tenant: &str,
        username: &str,
        role: Role,
        staff: Option<Uuid>,
    ) -> Uuid {
        ops::add_user(&self.pool, tenant, username, role, staff, PASSWORD)
            .await
            .unwrap()
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.url))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
    }

    pub async fn login(&self, tenant: &str, username: &str, device: Uuid) -> Session {
        let (status, body) = self.try_login(tenant, username, PASSWORD, device).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    pub async fn try_login(
        &self,
        tenant: &str,
        username: &str,
        password: &str,
        device: Uuid,
    ) -> (StatusCode, Value) {
        let response = self
            .request(reqwest::Method::POST, "/v1/auth/login")
            .json(&json!({
                "tenant": tenant, "username": username, "password": password,
                "device_id": device, "device_name": "test desktop"
            }))
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }

    pub async fn push(&self, session: &Session, mutations: &[Mutation]) -> PushResponse {
        let (status, body) = self
            .call(
                reqwest::Method::POST,
                "/v1/sync/push",
                session,
                Some(json!({"mutations": mutations})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    pub async fn pull(&self, session: &Session, cursor: i64, limit: i64) -> PullResponse {
        let (status, body) = self
            .call(
                reqwest::Method::GET,
                &format!("/v1/sync/pull?cursor={cursor}&limit={limit}"),
                session,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    /// Every row the session can see, by pulling from the start.
    pub async fn pull_all(&self, session: &Session) -> Vec<Row> {
        self.pull_from(session, 0).await.0
    }

    /// The rows changed after `cursor`, in pages of the largest size, and the cursor after them.
    pub async fn pull_from(&self, session: &Session, mut cursor: i64) -> (Vec<Row>, i64) {
        let mut rows = Vec::new();
        loop {
            let page = self.pull(session, cursor, MAX_PULL_LIMIT).await;
            rows.extend(page.rows);
            cursor = page.cursor;
            if !page.more {
                return (rows, cursor);
            }
        }
    }

    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        session: &Session,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .request(method, path)
            .bearer_auth(&session.access_token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Runs SQL on this test's database as the superuser.
    pub fn sql(&self, sql: &str) -> String {
        daftar_testkit::postgres().psql(&self.database.name, sql)
    }
}

/// A second server on a test's database; stops when dropped.
pub struct Beside {
    pub url: String,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A simulated desktop: its own device id and hybrid logical clock.
pub struct Device {
    pub id: Uuid,
    hlc: HlcState,
    pub clock_ms: u64,
}

impl Device {
    pub fn new() -> Self {
        Self::at(START_MS)
    }

    pub fn at(clock_ms: u64) -> Self {
        let id = Uuid::now_v7();
        Device {
            id,
            hlc: HlcState::new(id, None),
            clock_ms,
        }
    }

    pub fn stamp(&mut self) -> String {
        self.clock_ms += 1;
        self.hlc.tick(self.clock_ms).to_string()
    }

    pub fn insert<T: Entity>(&mut self, record: &T) -> Mutation {
        let Value::Object(mut changes) = serde_json::to_value(record).unwrap() else {
            unreachable!()
        };
        changes.remove("id");
        Mutation {
            mutation_id: Uuid::now_v7(),
            table: T::TABLE.into(),
            row_id: record.id(),
            base_version: 0,
            changes,
            hlc: self.stamp(),
        }
    }

    pub fn update(
        &mut self,
        table: &str,
        row_id: Uuid,
        base_version: i64,
        changes: Value,
    ) -> Mutation {
        Mutation {
            mutation_id: Uuid::now_v7(),
            table: table.into(),
            row_id,
            base_version,
            changes: changes.as_object().cloned().unwrap_or_else(Map::new),
            hlc: self.stamp(),
        }
    }
}

/// A small school: two classrooms, two subjects, a teacher of one subject in one classroom,
/// three students in the first classroom and two in the second.
pub struct Seed {
    pub year: AcademicYear,
    pub term: Term,
    pub grade: GradeLevel,
    pub classrooms: [Classroom; 2],
    pub subjects: [Subject; 2],
    pub teacher: Staff,
    pub other_teacher: Staff,
    pub students: Vec<(Student, Uuid)>,
}

pub fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

impl Seed {
    pub fn new() -> Seed {
        let year = AcademicYear {
            id: new_id(),
            name: "2025/2026".into(),
            start_date: date("2025-08-24"),
            end_date: date("2026-06-30"),
            school_week: "sun,mon,tue,wed,thu".parse().unwrap(),
            is_current: true,
        };
        let term = Term {
            id: new_id(),
            year_id: year.id,
            ordinal: 1,
            name_ar: "الفصل الأول".into(),
            name_en: "Term 1".into(),
            start_date: date("2025-08-24"),
            end_date: date("2025-12-15"),
            marks_locked: false,
        };
        let grade = GradeLevel {
            id: new_id(),
            ordinal: 5,
            name_ar: "الخامس".into(),
            name_en: "Grade 5".into(),
        };
        let staff = |name: &str| Staff {
            id: new_id(),
            name_ar: format!("الأستاذ {name}"),
            name_en: format!("Mr {name}"),
            role: StaffRole::Teacher,
            email: None,
            phone: None,
            national_id: None,
            active: true,
        };
        let teacher = staff("Omar");
        let other_teacher = staff("Ali");
        let classroom = |ar: &str, en: &str| Classroom {
            id: new_id(),
            year_id: year.id,
            grade_id: grade.id,
            name_ar: ar.into(),
            name_en: en.into(),
            homeroom_teacher_id: None,
            capacity: 30,
            room: None,
        };
        let classrooms = [classroom("5 (أ)", "5A"), classroom("5 (ب)", "5B")];
        let subject = |code: &str, ar: &str| Subject {
            id: new_id(),
            code: code.into(),
            name_ar: ar.into(),
            name_en: code.into(),
            weight: 1.0,
            grade_ids: String::new(),
        };
        let subjects = [subject("MATH", "رياضيات"), subject("SCI", "علوم")];
        let names = [
            ("سارة", "Sara"),
            ("محمد", "Mohammed"),
            ("ليلى", "Layla"),
            ("يوسف", "Yousef"),
            ("مريم", "Maryam"),
        ];
        let students = names
            .iter()
            .enumerate()
            .map(|(i, (ar, en))| {
                let student = Student {
                    id: new_id(),
                    admission_number: format!("A{i:03}"),
                    name_ar: (*ar).into(),
                    name_en: (*en).into(),
                    gender: if i % 2 == 0 {
                        Gender::Female
                    } else {
                        Gender::Male
                    },
                    birth_date: date("2015-03-01"),
                    national_id: None,
                    nationality: "AE".into(),
                    status: StudentStatus::Active,
                };
                (student, classrooms[if i < 3 { 0 } else { 1 }].id)
            })
            .collect();
        Seed {
            year,
            term,
            grade,
            classrooms,
            subjects,
            teacher,
            other_teacher,
            students,
        }
    }

    /// The mutations an administrator's desktop would push to create it all.
    pub fn mutations(&self, device: &mut Device) -> Vec<Mutation> {
        let mut m = vec![
            device.insert(&self.year),
            device.insert(&self.term),
            device.insert(&self.grade),
            device.insert(&self.teacher),
            device.insert(&self.other_teacher),
            device.insert(&self.classrooms[0]),
            device.insert(&self.classrooms[1]),
            device.insert(&self.subjects[0]),
            device.insert(&self.subjects[1]),
            device.insert(&TeachingAssignment::new(
                self.teacher.id,
                self.classrooms[0].id,
                self.subjects[0].id,
            )),
            device.insert(&TeachingAssignment::new(
                self.other_teacher.id,
                self.classrooms[1].id,
                self.subjects[1].id,
            )),
        ];
        for (student, classroom) in &self.students {
            m.push(device.insert(student));
            m.push(device.insert(&Enrollment::new(
                student.id,
                self.year.id,
                *classroom,
                date("2025-08-24"),
            )));
        }
        m
    }

    pub fn attendance(&self, student: usize, day: &str, status: AttendanceStatus) -> Attendance {
        let (s, classroom) = &self.students[student];
        Attendance {
            id: Attendance::natural_id(s.id, date(day), 0),
            student_id: s.id,
            classroom_id: *classroom,
            date: date(day),
            period: 0,
            status,
            taken_by: self.teacher.id,
            taken_at: "2025-09-01T08:05:00Z".parse().unwrap(),
            note: None,
        }
    }

    pub fn assessment(&self, classroom: usize, subject: usize) -> Assessment {
        Assessment {
            id: new_id(),
            classroom_id: self.classrooms[classroom].id,
            subject_id: self.subjects[subject].id,
            term_id: self.term.id,
            name_ar: "اختبار قصير".into(),
            name_en: "Quiz 1".into(),
            total: 20.0,
            weight: 10.0,
            date: date("2025-09-10"),
        }
    }
}

pub fn applied(response: &PushResponse) -> usize {
    response
        .results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Applied { .. }))
        .count()
}

pub fn rejection(result: &MutationResult) -> Option<&str> {
    match &result.outcome {
        Outcome::Rejected { code, .. } => Some(code),
        _ => None,
    }
}

pub fn parse<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}
