//! Isolation between schools (in code and by row-level security), roles and scopes,
//! tokens, lockout and rate limits, and bad input: always a 4xx with a code, never a 500.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use daftar_domain::*;
use daftar_protocol::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

async fn two_schools() -> (TestServer, Session, Session, Seed, Seed) {
    two_schools_on(TestServer::start("isolation").await).await
}

/// Two schools on `server`, each with an admin who has pushed a seed.
async fn two_schools_on(server: TestServer) -> (TestServer, Session, Session, Seed, Seed) {
    let mut sessions = Vec::new();
    let mut seeds = Vec::new();
    for slug in ["school-a", "school-b"] {
        server.tenant(slug).await;
        server.user(slug, "admin", Role::Admin, None).await;
        let mut device = Device::new();
        let session = server.login(slug, "admin", device.id).await;
        let seed = Seed::new();
        server.push(&session, &seed.mutations(&mut device)).await;
        sessions.push(session);
        seeds.push(seed);
    }
    let b = sessions.pop().unwrap();
    let a = sessions.pop().unwrap();
    let sb = seeds.pop().unwrap();
    let sa = seeds.pop().unwrap();
    (server, a, b, sa, sb)
}

#[tokio::test]
async fn one_school_never_reads_or_writes_another() {
    let (server, a, b, _, seed_b) = two_schools().await;
    let b_student = &seed_b.students[0].0;
    let b_ids: Vec<Uuid> = server.pull_all(&b).await.iter().map(|r| r.id).collect();
    let a_rows = server.pull_all(&a).await;
    assert!(!a_rows.is_empty());
    assert!(
        a_rows.iter().all(|r| !b_ids.contains(&r.id)),
        "A sees none of B's rows"
    );

    // Crafted query parameters change nothing: the tenant comes from the token alone.
    let (status, body) = server
        .call(
            Method::GET,
            &format!(
                "/v1/sync/pull?cursor=0&tenant_id={}&tenant=school-b",
                b.tenant_id
            ),
            &a,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page: PullResponse = parse(body);
    assert!(page.rows.iter().all(|r| !b_ids.contains(&r.id)));

    // A guessed id: an edit is refused as an unknown row, a "create" makes A's own row.
    let mut device = Device::new();
    let edit = server
        .push(
            &a,
            &[device.update("students", b_student.id, 1, json!({"name_en": "Hacked"}))],
        )
        .await;
    assert_eq!(rejection(&edit.results[0]), Some(codes::UNKNOWN_ROW));
    let mut copy = b_student.clone();
    copy.admission_number = "Z-1".into();
    copy.name_en = "Hacked".into();
    server.push(&a, &[device.insert(&copy)]).await;
    let b_after = server.pull_all(&b).await;
    let original = b_after.iter().find(|r| r.id == b_student.id).unwrap();
    assert_eq!(original.values["name_en"], json!(b_student.name_en));
    assert!(
        b_after
            .iter()
            .all(|r| r.values.get("name_en") != Some(&json!("Hacked")))
    );

    // A's admin cannot revoke B's devices, nor see them.
    let (status, _) = server
        .call(
            Method::POST,
            &format!("/v1/devices/{}/revoke", b.session_id),
            &a,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, devices) = server.call(Method::GET, "/v1/devices", &a, None).await;
    let devices: Vec<DeviceSession> = parse(devices);
    assert!(devices.iter().all(|d| d.session_id != b.session_id));
    assert_eq!(
        server.pull(&b, 0, 1).await.rows.len(),
        1,
        "B's session still works"
    );
}

#[tokio::test]
async fn row_level_security_holds_for_the_servers_own_role() {
    let (server, a, _b, _, _) = two_schools().await;
    let client = server.pool.get().await.unwrap();
    // No tenant chosen: nothing to read, nothing may be written.
    let count: i64 = client
        .query_one("SELECT count(*) FROM students", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 0);
    let users: i64 = client
        .query_one("SELECT count(*) FROM users", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(users, 0);
    let insert = client
        .execute(
            "INSERT INTO grade_levels (tenant_id, id, ordinal, name_ar, name_en, version, hlc, updated_by)
             VALUES ($1, $2, 1, 'x', 'x', 1, 'x', 'x')",
            &[&a.tenant_id, &Uuid::now_v7()],
        )
        .await;
    assert!(insert.is_err(), "a row for a tenant not chosen is refused");
    let delete = client.execute("DELETE FROM students", &[]).await;
    assert!(delete.is_err(), "the server's role cannot delete");
    let disable = client
        .batch_execute("ALTER TABLE students DISABLE ROW LEVEL SECURITY")
        .await;
    assert!(disable.is_err(), "nor turn row-level security off");
    // With a tenant chosen, only that tenant's rows.
    client
        .execute(
            "SELECT set_config('daftar.tenant', $1, false)",
            &[&a.tenant_id.to_string()],
        )
        .await
        .unwrap();
    let mine: i64 = client
        .query_one("SELECT count(*) FROM students", &[])
        .await
        .unwrap()
        .get(0);
    let all: i64 = server.sql("SELECT count(*) FROM students").parse().unwrap();
    assert_eq!(mine, 5);
    assert_eq!(all, 10);
    client
        .execute("SELECT set_config('daftar.tenant', '', false)", &[])
        .await
        .unwrap();

    // The owner is refused as a serving role.
    let owner = daftar_cloud::db::pool(&server.database.owner_url, 1).unwrap();
    assert!(daftar_cloud::db::check_serving_role(&owner).await.is_err());
}

#[tokio::test]
async fn teachers_see_and_change_only_their_classrooms_and_office_cannot_change_marks() {
    let server = TestServer::start("scopes").await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let mut admin_device = Device::new();
    let admin = server.login("alnoor", "admin", admin_device.id).await;
    let seed = Seed::new();
    let mut setup = seed.mutations(&mut admin_device);
    let quiz_mine = seed.assessment(0, 0);
    let quiz_other_subject = seed.assessment(0, 1);
    let fee = Invoice {
        id: new_id(),
        number: "INV-1".into(),
        student_id: seed.students[0].0.id,
        year_id: seed.year.id,
        fee_structure_id: None,
        description: "Tuition".into(),
        amount: 1_000_000,
        issued_on: date("2025-09-01"),
        due_on: date("2025-10-01"),
        plan_id: None,
        instalment: 0,
        vat_amount: 0,
        voided_on: None,
        void_reason: None,
    };
    setup.push(admin_device.insert(&quiz_mine));
    setup.push(admin_device.insert(&quiz_other_subject));
    setup.push(admin_device.insert(&fee));
    let response = server.push(&admin, &setup).await;
    assert_eq!(applied(&response), setup.len());

    server
        .user("alnoor", "omar", Role::Teacher, Some(seed.teacher.id))
        .await;
    let mut laptop = Device::new();
    let teacher = server.login("alnoor", "omar", laptop.id).await;

    // What the teacher's laptop receives.
    let rows = server.pull_all(&teacher).await;
    let tables = |name: &str| rows.iter().filter(|r| r.table == name).count();
    assert_eq!(tables("students"), 3, "only 5A's students");
    assert_eq!(tables("classrooms"), 1);
    assert_eq!(tables("staff"), 1, "only the teacher's own staff record");
    assert_eq!(
        tables("invoices") + tables("payments") + tables("fee_structures"),
        0
    );
    assert_eq!(tables("assessments"), 2);
    assert!(rows.iter().all(|r| {
        r.values
            .get("classroom_id")
            .is_none_or(|c| c == &json!(seed.classrooms[0].id))
    }));

    // What it may push: each refusal is its own result, the rest of the batch applies.
    let my_mark = AssessmentResult {
        id: AssessmentResult::natural_id(quiz_mine.id, seed.students[0].0.id),
        assessment_id: quiz_mine.id,
        student_id: seed.students[0].0.id,
        mark: Some(18.5),
        remark: None,
    };
    let other_subject = AssessmentResult {
        id: AssessmentResult::natural_id(quiz_other_subject.id, seed.students[1].0.id),
        assessment_id: quiz_other_subject.id,
        student_id: seed.students[1].0.id,
        mark: Some(12.0),
        remark: None,
    };
    let too_high = AssessmentResult {
        id: AssessmentResult::natural_id(quiz_mine.id, seed.students[1].0.id),
        assessment_id: quiz_mine.id,
        student_id: seed.students[1].0.id,
        mark: Some(21.0),
        remark: None,
    };
    let batch = vec![
        laptop.insert(&seed.attendance(0, "2025-09-01", AttendanceStatus::Present)),
        laptop.insert(&seed.attendance(3, "2025-09-01", AttendanceStatus::Absent)), // 5B
        laptop.insert(&my_mark),
        laptop.insert(&other_subject),
        laptop.insert(&too_high),
        laptop.update("invoices", fee.id, 1, json!({"amount": 1})),
        laptop.update(
            "students",
            seed.students[0].0.id,
            1,
            json!({"name_en": "Sarah"}),
        ),
    ];
    let response = server.push(&teacher, &batch).await;
    let codes: Vec<Option<&str>> = response.results.iter().map(rejection).collect();
    assert_eq!(
        codes,
        [
            None,
            Some(codes::OUT_OF_SCOPE),
            None,
            Some(codes::OUT_OF_SCOPE),
            Some(codes::INVALID_RECORD),
            Some(codes::FORBIDDEN),
            Some(codes::FORBIDDEN),
        ],
        "{:?}",
        response.results
    );
    assert_eq!(server.sql("SELECT count(*) FROM attendance"), "1");
    assert_eq!(server.sql("SELECT mark FROM results"), "18.5");

    // Office staff keep the registry and the fees, not the marks.
    server.user("alnoor", "office", Role::Office, None).await;
    let mut desk = Device::new();
    let office = server.login("alnoor", "office", desk.id).await;
    let version: i64 = server
        .sql(&format!(
            "SELECT version FROM results WHERE id = '{}'",
            my_mark.id
        ))
        .parse()
        .unwrap();
    let response = server
        .push(
            &office,
            &[
                desk.update("results", my_mark.id, version, json!({"mark": 20.0})),
                desk.update(
                    "invoices",
                    fee.id,
                    0,
                    json!({"description": "Tuition, term 1"}),
                ),
            ],
        )
        .await;
    assert_eq!(rejection(&response.results[0]), Some(codes::FORBIDDEN));
    assert!(rejection(&response.results[1]).is_none());
    let office_rows = server.pull_all(&office).await;
    assert!(office_rows.iter().any(|r| r.table == "invoices"));
    // Devices are for administrators.
    let (status, body) = server.call(Method::GET, "/v1/devices", &office, None).await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::FORBIDDEN, json!(codes::FORBIDDEN))
    );
}

#[tokio::test]
async fn access_tokens_expire_refresh_tokens_rotate_and_revocation_is_immediate() {
    let server =
        TestServer::start_with("tokens", |c| c.access_token_ttl = Duration::from_secs(600)).await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    server.user("alnoor", "office", Role::Office, None).await;
    let admin = server.login("alnoor", "admin", Uuid::now_v7()).await;
    let office = server.login("alnoor", "office", Uuid::now_v7()).await;
    assert_eq!(
        server
            .call(Method::GET, "/v1/sync/pull", &office, None)
            .await
            .0,
        StatusCode::OK
    );

    server.clock.advance(601_000);
    let (status, body) = server
        .call(Method::GET, "/v1/sync/pull", &office, None)
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some(codes::TOKEN_EXPIRED))
    );

    let refresh = |token: &str| {
        server
            .request(Method::POST, "/v1/auth/refresh")
            .json(&json!({"refresh_token": token}))
            .send()
    };
    let renewed: Session = refresh(&office.refresh_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        server
            .call(Method::GET, "/v1/sync/pull", &renewed, None)
            .await
            .0,
        StatusCode::OK
    );
    // A refresh token is spent once (past the grace a lost answer's retry gets).
    server.clock.advance(61_000);
    let again = refresh(&office.refresh_token).await.unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);

    // An administrator signs the office desktop out: its token stops at once.
    let admin = {
        let r: Session = refresh(&admin.refresh_token)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        r
    };
    let (status, _) = server
        .call(
            Method::POST,
            &format!("/v1/devices/{}/revoke", renewed.session_id),
            &admin,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = server
        .call(Method::GET, "/v1/sync/pull", &renewed, None)
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some(codes::SESSION_REVOKED))
    );
    let after = refresh(&renewed.refresh_token).await.unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
    let (_, devices) = server.call(Method::GET, "/v1/devices", &admin, None).await;
    let devices: Vec<DeviceSession> = parse(devices);
    assert!(
        devices
            .iter()
            .any(|d| d.session_id == renewed.session_id && d.revoked)
    );

    // A forged or mangled token is refused.
    let mut forged = admin.clone();
    forged.access_token.push('x');
    assert_eq!(
        server
            .call(Method::GET, "/v1/sync/pull", &forged, None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_lost_refresh_answer_is_retried_and_a_replay_after_the_grace_ends_the_session() {
    let server = TestServer::start_with("refresh_reuse", |c| {
        c.access_token_ttl = Duration::from_secs(600);
        c.refresh_grace = Duration::from_secs(60);
    })
    .await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    server.user("alnoor", "office", Role::Office, None).await;
    let admin = server.login("alnoor", "admin", Uuid::now_v7()).await;
    let office = server.login("alnoor", "office", Uuid::now_v7()).await;
    let refresh = |token: &str| {
        server
            .request(Method::POST, "/v1/auth/refresh")
            .json(&json!({"refresh_token": token}))
            .send()
    };

    // The cloud rotates and commits, but its answer never reaches the desktop.
    let lost = refresh(&office.refresh_token).await.unwrap();
    assert_eq!(lost.status(), StatusCode::OK);
    let lost: Session = lost.json().await.unwrap();
    drop(lost.access_token);
    // The desktop retries with the token it still holds: the same new pair, not a sign-out.
    server.clock.advance(20_000);
    let retried = refresh(&office.refresh_token).await.unwrap();
    assert_eq!(retried.status(), StatusCode::OK);
    let retried: Session = retried.json().await.unwrap();
    assert_eq!(retried.refresh_token, lost.refresh_token);
    assert_eq!(retried.session_id, office.session_id);
    assert_eq!(
        server
            .call(Method::GET, "/v1/sync/pull", &retried, None)
            .await
            .0,
        StatusCode::OK
    );
    // The new token rotates on as usual.
    let next: Session = refresh(&retried.refresh_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(next.refresh_token, retried.refresh_token);

    // A copy of the rotated-out token replayed after the grace is theft: the session ends
    // for every holder, and administrators see why.
    server.clock.advance(61_000);
    let replay = refresh(&retried.refresh_token).await.unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    let body: Value = replay.json().await.unwrap();
    assert_eq!(body["code"], codes::SESSION_REVOKED);
    let (status, body) = server.call(Method::GET, "/v1/sync/pull", &next, None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some(codes::SESSION_REVOKED))
    );
    let refused = refresh(&next.refresh_token).await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let (_, devices) = server.call(Method::GET, "/v1/devices", &admin, None).await;
    let devices: Vec<DeviceSession> = parse(devices);
    let ended = devices
        .iter()
        .find(|d| d.session_id == office.session_id)
        .unwrap();
    assert!(ended.revoked);
    assert_eq!(ended.revoked_reason.as_deref(), Some("refresh-token-reuse"));
    let admin_row = devices
        .iter()
        .find(|d| d.session_id == admin.session_id)
        .unwrap();
    assert!(!admin_row.revoked && admin_row.revoked_reason.is_none());
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_and_floods_are_rate_limited() {
    let server = TestServer::start_with("lockout", |c| {
        c.lockout_failures = 3;
        c.lockout = Duration::from_secs(300);
        c.logins_per_minute_per_account = 100;
        c.logins_per_minute_per_address = 100;
    })
    .await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let device = Uuid::now_v7();
    for _ in 0..3 {
        let (status, body) = server
            .try_login("alnoor", "admin", "wrong password!", device)
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some(codes::BAD_CREDENTIALS))
        );
    }
    // Locked: even the right password is refused, with how long to wait.
    let (status, body) = server.try_login("alnoor", "admin", PASSWORD, device).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::LOCKED, Some(codes::ACCOUNT_LOCKED))
    );
    server.clock.advance(301_000);
    let (status, _) = server.try_login("alnoor", "admin", PASSWORD, device).await;
    assert_eq!(status, StatusCode::OK);
    // Unknown school and unknown user answer exactly like a wrong password.
    let (_, unknown_school) = server.try_login("nowhere", "admin", PASSWORD, device).await;
    let (_, unknown_user) = server.try_login("alnoor", "nobody", PASSWORD, device).await;
    assert_eq!(unknown_school, unknown_user);
    assert_eq!(unknown_school["code"], json!(codes::BAD_CREDENTIALS));
    // Every attempt against the school is logged.
    let log = server.sql("SELECT string_agg(outcome, ',' ORDER BY id) FROM login_attempts");
    assert_eq!(
        log,
        "wrong-password,wrong-password,wrong-password-locked,locked,ok,unknown-user"
    );

    let limited =
        TestServer::start_with("ratelimit", |c| c.logins_per_minute_per_address = 5).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let response = limited
            .request(Method::POST, "/v1/auth/login")
            .json(&json!({"tenant": "x", "username": "y", "password": "z", "device_id": device, "device_name": "d"}))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().contains_key("retry-after"));
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["code"], json!(codes::RATE_LIMITED));
        }
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429]);
}

#[tokio::test]
async fn bad_input_gets_a_coded_4xx_never_a_500() {
    let server = TestServer::start_with("badinput", |c| c.max_body_bytes = 64 * 1024).await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let session = server.login("alnoor", "admin", Uuid::now_v7()).await;

    let raw = |method: Method, path: &str, body: &'static str| {
        server
            .request(method, path)
            .bearer_auth(&session.access_token)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let expect = |response: reqwest::Response, status: u16, code: &'static str| async move {
        assert_eq!(response.status().as_u16(), status);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], json!(code), "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    };
    expect(
        raw(Method::POST, "/v1/sync/push", "{not json")
            .await
            .unwrap(),
        400,
        codes::BAD_JSON,
    )
    .await;
    expect(
        raw(Method::POST, "/v1/sync/push", r#"{"mutations": 7}"#)
            .await
            .unwrap(),
        400,
        codes::BAD_JSON,
    )
    .await;
    expect(
        raw(
            Method::POST,
            "/v1/sync/push",
            r#"{"mutations": [], "extra": 1}"#,
        )
        .await
        .unwrap(),
        400,
        codes::BAD_JSON,
    )
    .await;
    let huge = format!(r#"{{"mutations": [], "pad": "{}"}}"#, "x".repeat(100_000));
    let response = server
        .request(Method::POST, "/v1/sync/push")
        .bearer_auth(&session.access_token)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    expect(response, 413, codes::TOO_LARGE).await;
    for cursor in ["-1", "abc", "99999999999999999999", "1000000000000"] {
        let (status, body) = server
            .call(
                Method::GET,
                &format!("/v1/sync/pull?cursor={cursor}"),
                &session,
                None,
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["code"].as_str()),
            (400, Some(codes::BAD_CURSOR)),
            "{cursor}"
        );
    }
    let (status, body) = server
        .call(Method::GET, "/v1/sync/pull?limit=1000000", &session, None)
        .await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (400, Some(codes::BAD_REQUEST))
    );
    let no_version = server
        .http
        .get(format!("{}/v1/sync/pull", server.url))
        .bearer_auth(&session.access_token)
        .send()
        .await
        .unwrap();
    expect(no_version, 426, codes::UPDATE_REQUIRED).await;
    let old = server
        .http
        .get(format!("{}/v1/sync/pull", server.url))
        .header(PROTOCOL_HEADER, "0")
        .send()
        .await
        .unwrap();
    expect(old, 426, codes::UPDATE_REQUIRED).await;
    expect(
        server
            .request(Method::GET, "/v1/sync/pull")
            .send()
            .await
            .unwrap(),
        401,
        codes::UNAUTHENTICATED,
    )
    .await;
    expect(
        server
            .request(Method::GET, "/v1/nothing")
            .send()
            .await
            .unwrap(),
        404,
        codes::NOT_FOUND,
    )
    .await;
    expect(
        server
            .request(Method::DELETE, "/v1/sync/push")
            .send()
            .await
            .unwrap(),
        405,
        codes::METHOD_NOT_ALLOWED,
    )
    .await;
    let (status, body) = server
        .call(
            Method::POST,
            "/v1/devices/not-a-uuid/revoke",
            &session,
            None,
        )
        .await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (400, Some(codes::BAD_REQUEST))
    );

    // Per mutation: unknown tables and columns, wrong types, absurd values.
    let id = Uuid::now_v7();
    let stamp = "0199044a4417-000000-01a1fbd952c971a99bccf12ac8382169";
    let mutation = |table: &str, base: i64, changes: Value| json!({"mutation_id": Uuid::now_v7(), "table": table, "row_id": id, "base_version": base, "changes": changes, "hlc": stamp});
    let batch = json!({"mutations": [
        mutation("salaries", 0, json!({"amount": 1})),
        mutation("grade_levels", 0, json!({"ordinal": 1, "name_ar": "أ", "name_en": "A", "colour": "red"})),
        mutation("grade_levels", 0, json!({"ordinal": "one", "name_ar": "أ", "name_en": "A"})),
        mutation("grade_levels", 0, json!({"ordinal": 1, "name_ar": "أ\u{0}", "name_en": "A"})),
        mutation("grade_levels", 0, json!({"ordinal": 1})),
        mutation("grade_levels", -5, json!({"ordinal": 1, "name_ar": "أ", "name_en": "A"})),
        mutation("grade_levels", 0, json!({"ordinal": 1, "name_ar": "أ", "name_en": "A", "version": 99})),
        mutation("grade_levels", 0, json!({"ordinal": 1, "name_ar": "", "name_en": "A"})),
        mutation("grade_levels", 0, json!({"ordinal": 9_000_000_000_i64, "name_ar": "أ", "name_en": "A"})),
        {"mutation_id": Uuid::now_v7(), "table": "grade_levels", "row_id": id, "base_version": 0, "changes": {"ordinal": 1, "name_ar": "أ", "name_en": "A"}, "hlc": "tuesday"},
        mutation("grade_levels", 0, json!({})),
    ]});
    let (status, body) = server
        .call(Method::POST, "/v1/sync/push", &session, Some(batch))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let response: PushResponse = parse(body);
    let codes: Vec<Option<&str>> = response.results.iter().map(rejection).collect();
    assert_eq!(
        codes,
        [
            Some(codes::UNKNOWN_TABLE),
            Some(codes::UNKNOWN_COLUMN),
            Some(codes::INVALID_VALUE),
            Some(codes::INVALID_VALUE),
            Some(codes::INCOMPLETE_ROW),
            Some(codes::UNKNOWN_ROW),
            Some(codes::UNKNOWN_COLUMN),
            Some(codes::INVALID_RECORD),
            Some(codes::INVALID_RECORD),
            Some(codes::BAD_HLC),
            Some(codes::BAD_REQUEST),
        ]
    );
    assert_eq!(server.sql("SELECT count(*) FROM grade_levels"), "0");
    let metrics = server
        .http
        .get(format!("{}/metrics", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!metrics.contains("status=\"500\""), "{metrics}");
}

#[tokio::test]
async fn conflicts_reach_only_devices_that_see_their_row_and_are_settled_once() {
    let server = TestServer::start("conflict_scope").await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    server.user("alnoor", "admin2", Role::Admin, None).await;
    let mut first = Device::new();
    let admin = server.login("alnoor", "admin", first.id).await;
    let seed = Seed::new();
    let mut setup = seed.mutations(&mut first);
    let fee = Invoice {
        id: new_id(),
        number: "INV-9".into(),
        student_id: seed.students[0].0.id,
        year_id: seed.year.id,
        fee_structure_id: None,
        description: "Tuition".into(),
        amount: 1_000_000,
        issued_on: date("2025-09-01"),
        due_on: date("2025-10-01"),
        plan_id: None,
        instalment: 0,
        vat_amount: 0,
        voided_on: None,
        void_reason: None,
    };
    setup.push(first.insert(&fee));
    let response = server.push(&admin, &setup).await;
    assert_eq!(applied(&response), setup.len());
    let head = response.head;
    let mut second = Device::at(START_MS + 60_000);
    let admin2 = server.login("alnoor", "admin2", second.id).await;
    let rows = server.pull_all(&admin2).await;
    let version_of = |id: uuid::Uuid| rows.iter().find(|r| r.id == id).unwrap().version;

    // The same fields changed on both desktops: a 5A student's name and the invoice.
    let student = seed.students[0].0.id;
    let edits_first = [
        first.update(
            "students",
            student,
            version_of(student),
            json!({"name_en": "Aisha A"}),
        ),
        first.update(
            "invoices",
            fee.id,
            version_of(fee.id),
            json!({"description": "Fees A"}),
        ),
    ];
    let edits_second = [
        second.update(
            "students",
            student,
            version_of(student),
            json!({"name_en": "Aisha B"}),
        ),
        second.update(
            "invoices",
            fee.id,
            version_of(fee.id),
            json!({"description": "Fees B"}),
        ),
    ];
    server.push(&admin, &edits_first).await;
    let clashed = server.push(&admin2, &edits_second).await;
    assert!(
        clashed
            .results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Conflict { .. }))
    );
    let on_student = conflict_id(edits_second[0].mutation_id, "name_en");
    let on_invoice = conflict_id(edits_second[1].mutation_id, "description");

    // The teacher of 5A pulls the student's conflict, never the invoice's.
    server
        .user("alnoor", "omar", Role::Teacher, Some(seed.teacher.id))
        .await;
    let laptop = Device::new();
    let teacher = server.login("alnoor", "omar", laptop.id).await;
    let page = server.pull(&teacher, head, MAX_PULL_LIMIT).await;
    let seen: Vec<uuid::Uuid> = page.conflicts.iter().map(|c| c.id).collect();
    assert_eq!(seen, vec![on_student]);
    assert_eq!(page.conflicts[0].mine, json!("Aisha B"));
    assert_eq!(page.conflicts[0].theirs, json!("Aisha A"));
    assert_eq!(page.conflicts[0].resolution, None);
    let admin_page = server.pull(&admin, head, MAX_PULL_LIMIT).await;
    assert_eq!(admin_page.conflicts.len(), 2);

    // Settling: what the person may not see is unknown to them; the rest is settled once.
    let resolve = |session: &Session, ids: &[uuid::Uuid], choice: &str| {
        let body = json!({"resolutions": ids.iter().map(|id| json!({"conflict_id": id, "choice": choice})).collect::<Vec<_>>()});
        let session = session.clone();
        let server = &server;
        async move {
            let (status, body) = server
                .call(
                    reqwest::Method::POST,
                    "/v1/sync/resolve",
                    &session,
                    Some(body),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_value::<ResolveResponse>(body).unwrap()
        }
    };
    let answer = resolve(&teacher, &[on_student, on_invoice], "theirs").await;
    assert_eq!(answer.resolved, 1);
    assert_eq!(answer.unknown, vec![on_invoice]);
    let again = resolve(&admin, &[on_student], "mine").await;
    assert_eq!(again.resolved, 0, "the first settlement stands");
    // Everyone learns of it by pulling past their cursor.
    let later = server.pull(&admin, admin_page.cursor, MAX_PULL_LIMIT).await;
    assert_eq!(later.conflicts.len(), 1);
    assert_eq!(later.conflicts[0].id, on_student);
    assert_eq!(later.conflicts[0].resolution, Some(Choice::Theirs));
    assert!(
        later.conflicts[0]
            .resolved_by
            .as_deref()
            .unwrap()
            .starts_with(&teacher.user_id.to_string())
    );
}

/// A school's image holds that school's rows and goes to its whole-school devices only.
#[tokio::test]
async fn a_schools_image_holds_its_own_rows_and_reaches_only_its_whole_school_devices() {
    let server = TestServer::start_with("images", |config| {
        config.image_after_changes = 1;
        config.image_quiet = Duration::ZERO;
    })
    .await;
    let (server, a, b, seed_a, _) = two_schools_on(server).await;
    let (a, b) = (&a, &b);
    // Built in the background once each school went quiet.
    for _ in 0..300 {
        if server.sql("SELECT count(*) FROM school_images") == "2" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(server.sql("SELECT count(*) FROM school_images"), "2");

    let path = format!("/v1/sync/image?schema={}", daftar_store::SCHEMA_VERSION);
    // The compressed file as sent: this client never decodes zstd itself (a workspace build
    // may give reqwest the feature for the desktop's sake).
    let raw = reqwest::Client::builder().no_zstd().build().unwrap();
    let fetch = |session: &Session, zstd: bool| {
        let mut request = raw
            .get(format!("{}{path}", server.url))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(&session.access_token);
        if zstd {
            request = request.header("accept-encoding", "zstd");
        }
        request.send()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut ids = Vec::new();
    for (session, name) in [(a, "a"), (b, "b")] {
        let response = fetch(session, true).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-encoding"], "zstd");
        let header: ImageHeader =
            serde_json::from_str(response.headers()[IMAGE_HEADER].to_str().unwrap()).unwrap();
        let compressed = response.bytes().await.unwrap();
        let file = zstd::decode_all(&compressed[..]).unwrap();
        assert_eq!(file.len() as u64, header.size);
        let pulled = server.pull_all(session).await;
        assert_eq!(header.rows, pulled.len() as i64);
        assert_eq!(header.scope, "school");
        let path = dir.path().join(format!("{name}.sqlite3"));
        std::fs::write(&path, file).unwrap();
        let image = daftar_store::Store::open(&path, Arc::new(ManualClock::new(0))).unwrap();
        let mut held: Vec<Uuid> = Vec::new();
        for spec in TABLES {
            held.extend(image.row_ids(spec.name).unwrap());
        }
        let mut expected: Vec<Uuid> = pulled.iter().map(|r| r.id).collect();
        held.sort();
        expected.sort();
        assert_eq!(
            held, expected,
            "school {name}'s image holds its rows, no other"
        );
        ids.push(held);
    }
    assert!(ids[0].iter().all(|id| !ids[1].contains(id)));

    // Not to a device that cannot take zstd, nor to a teacher, who sees part of the school.
    assert_eq!(
        fetch(a, false).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    server
        .user("school-a", "omar", Role::Teacher, Some(seed_a.teacher.id))
        .await;
    let teacher = server.login("school-a", "omar", Uuid::now_v7()).await;
    assert_eq!(
        fetch(&teacher, true).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    // Nor without a session, and a schema that is not one is refused.
    let anonymous = server.request(Method::GET, &path).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let (status, body) = server
        .call(Method::GET, "/v1/sync/image?schema=first", a, None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // Another desktop schema has no image (yet).
    let (status, _) = server
        .call(Method::GET, "/v1/sync/image?schema=999", a, None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // A newer image replaces the older: one a school, its chunks with it.
    let mut device = Device::new();
    let marks = vec![device.insert(&seed_a.attendance(0, "2025-10-05", AttendanceStatus::Late))];
    assert_eq!(applied(&server.push(a, &marks).await), 1);
    for _ in 0..300 {
        let newer = server.sql(&format!(
            "SELECT count(*) FROM school_images WHERE tenant_id = '{}' AND cursor > 0 AND rows > {}",
            a.tenant_id,
            ids[0].len()
        ));
        if newer == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(server.sql("SELECT count(*) FROM school_images"), "2");
    assert_eq!(
        server.sql(
            "SELECT count(*) FROM school_image_chunks c WHERE NOT EXISTS
               (SELECT 1 FROM school_images i WHERE i.tenant_id = c.tenant_id AND i.id = c.image_id)"
        ),
        "0"
    );
    let header: ImageHeader = serde_json::from_str(
        fetch(a, true).await.unwrap().headers()[IMAGE_HEADER]
            .to_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header.rows as usize, server.pull_all(a).await.len());
}
