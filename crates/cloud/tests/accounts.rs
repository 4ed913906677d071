//! A school's administrators manage its accounts against the real server and PostgreSQL:
//! a colleague's account with a one-time password that must be replaced before anything
//! else, roles and staff records checked, disabling and resets signing devices out, the
//! account history, and nobody else (another role, another school) reaching any of it.

mod common;

use common::*;
use daftar_protocol::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

async fn school(label: &str) -> (TestServer, Session, Seed) {
    let server = TestServer::start(label).await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let mut device = Device::new();
    let admin = server.login("alnoor", "admin", device.id).await;
    let seed = Seed::new();
    let response = server.push(&admin, &seed.mutations(&mut device)).await;
    assert_eq!(applied(&response), response.results.len());
    (server, admin, seed)
}

fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn an_administrator_creates_a_teachers_account_who_must_choose_a_password_first() {
    let (server, admin, seed) = school("accounts-create").await;
    let new = json!({"username": "mona", "role": "teacher", "staff_id": seed.teacher.id, "password": "first-time-pass"});
    let (status, body) = server
        .call(Method::POST, "/v1/accounts", &admin, Some(new.clone()))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let created: AccountInfo = parse(body);
    assert!(created.must_change_password);
    assert_eq!(created.role, Role::Teacher);
    // The same username again, a short password, a teacher with no staff record, a staff
    // record of no one: each refused with its reason.
    let (status, body) = server
        .call(Method::POST, "/v1/accounts", &admin, Some(new))
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, codes::DUPLICATE)
    );
    let short =
        json!({"username": "sami", "role": "office", "staff_id": null, "password": "short"});
    let (status, body) = server
        .call(Method::POST, "/v1/accounts", &admin, Some(short))
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, codes::WEAK_PASSWORD)
    );
    let nobody = json!({"username": "sami", "role": "teacher", "staff_id": null, "password": "long-enough-pass"});
    let (status, _) = server
        .call(Method::POST, "/v1/accounts", &admin, Some(nobody))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let stranger = json!({"username": "sami", "role": "teacher", "staff_id": Uuid::now_v7(), "password": "long-enough-pass"});
    let (_, body) = server
        .call(Method::POST, "/v1/accounts", &admin, Some(stranger))
        .await;
    assert_eq!(code(&body), codes::MISSING_REFERENCE);

    // Mona signs in: told to choose her password; nothing else is open to her until she does.
    let device = Uuid::now_v7();
    let (status, body) = server
        .try_login("alnoor", "mona", "first-time-pass", device)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mona: Session = parse(body);
    assert!(mona.must_change_password);
    let (status, body) = server
        .call(Method::GET, "/v1/sync/pull?cursor=0&limit=10", &mona, None)
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, codes::PASSWORD_CHANGE_REQUIRED)
    );
    let same = json!({"current": "first-time-pass", "new": "first-time-pass"});
    let (_, body) = server
        .call(Method::POST, "/v1/auth/password", &mona, Some(same))
        .await;
    assert_eq!(code(&body), codes::WEAK_PASSWORD);
    let wrong = json!({"current": "not-the-password", "new": "monas-own-secret"});
    let (status, _) = server
        .call(Method::POST, "/v1/auth/password", &mona, Some(wrong))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let own = json!({"current": "first-time-pass", "new": "monas-own-secret"});
    let (status, body) = server
        .call(Method::POST, "/v1/auth/password", &mona, Some(own))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, _) = server
        .call(Method::GET, "/v1/sync/pull?cursor=0&limit=10", &mona, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    // Her classrooms only: the teacher's scope follows the staff record on her account.
    let rows = server.pull_all(&mona).await;
    assert!(rows.iter().filter(|r| r.table == "students").count() < seed.students.len());
    let (status, _) = server
        .try_login("alnoor", "mona", "first-time-pass", Uuid::now_v7())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // A teacher manages no accounts.
    let (status, _) = server.call(Method::GET, "/v1/accounts", &mona, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let history: Vec<AccountEvent> = {
        let (status, body) = server
            .call(Method::GET, "/v1/accounts/history", &admin, None)
            .await;
        assert_eq!(status, StatusCode::OK);
        parse(body)
    };
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["password-changed", "created"]);
    assert_eq!(history[1].by, "admin");
    assert_eq!(history[1].username, "mona");
}

#[tokio::test]
async fn disabling_and_resetting_an_account_sign_its_devices_out() {
    let (server, admin, seed) = school("accounts-disable").await;
    server
        .user(
            "alnoor",
            "office",
            Role::Office,
            Some(seed.other_teacher.id),
        )
        .await;
    let office = server.login("alnoor", "office", Uuid::now_v7()).await;
    let accounts: Vec<AccountInfo> = parse(
        server
            .call(Method::GET, "/v1/accounts", &admin, None)
            .await
            .1,
    );
    let id = accounts.iter().find(|a| a.username == "office").unwrap().id;
    assert_eq!(accounts.iter().find(|a| a.id == id).unwrap().devices, 1);

    // Office staff do not manage accounts, not even their own role.
    let (status, _) = server
        .call(
            Method::POST,
            &format!("/v1/accounts/{id}"),
            &office,
            Some(json!({"role": "admin"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = server
        .call(
            Method::POST,
            &format!("/v1/accounts/{id}"),
            &admin,
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let disabled: AccountInfo = parse(body);
    assert!(disabled.disabled);
    assert_eq!(disabled.devices, 0);
    let (status, body) = server
        .call(
            Method::GET,
            "/v1/sync/pull?cursor=0&limit=10",
            &office,
            None,
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, codes::SESSION_REVOKED)
    );
    let (status, _) = server
        .try_login("alnoor", "office", PASSWORD, Uuid::now_v7())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Enabled again with a reset password: a one-time one, to be replaced.
    let change = json!({"disabled": false, "password": "reset-by-admin-1"});
    let (status, body) = server
        .call(
            Method::POST,
            &format!("/v1/accounts/{id}"),
            &admin,
            Some(change),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = server
        .try_login("alnoor", "office", "reset-by-admin-1", Uuid::now_v7())
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(parse::<Session>(body).must_change_password);

    // An administrator cannot disable themselves; an unknown account is not found.
    let me = accounts.iter().find(|a| a.username == "admin").unwrap().id;
    let (status, _) = server
        .call(
            Method::POST,
            &format!("/v1/accounts/{me}"),
            &admin,
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = server
        .call(
            Method::POST,
            &format!("/v1/accounts/{}", Uuid::now_v7()),
            &admin,
            Some(json!({"sign_out": true})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let events = server.sql("SELECT string_agg(action, ',' ORDER BY at, id) FROM account_events");
    assert_eq!(events, "disabled,enabled,password-reset");
}

#[tokio::test]
async fn one_schools_administrator_reaches_no_other_schools_accounts() {
    let (server, admin, _) = school("accounts-tenants").await;
    server.tenant("other").await;
    let theirs = server.user("other", "admin", Role::Admin, None).await;
    let accounts: Vec<AccountInfo> = parse(
        server
            .call(Method::GET, "/v1/accounts", &admin, None)
            .await
            .1,
    );
    assert!(accounts.iter().all(|a| a.id != theirs));
    let (status, _) = server
        .call(
            Method::POST,
            &format!("/v1/accounts/{theirs}"),
            &admin,
            Some(json!({"password": "taken-over-123"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = server
        .try_login("other", "admin", PASSWORD, Uuid::now_v7())
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the other school's password is unchanged"
    );
}

#[tokio::test]
async fn a_records_history_is_read_by_its_own_schools_administrators_only() {
    let (server, admin, seed) = school("audit-history").await;
    // A later clock than the seeding desktop's: the rename is the latest change.
    let mut device = Device::at(4_000_000_000_000);
    let student = &seed.students[0].0;
    let response = server
        .push(
            &admin,
            &[device.update("students", student.id, 1, json!({"name_en": "Renamed"}))],
        )
        .await;
    assert!(
        response.results.iter().all(|r| rejection(r).is_none()),
        "{:?}",
        response.results
    );
    let path = format!("/v1/audit?table=students&row={}", student.id);
    let (status, body) = server.call(Method::GET, &path, &admin, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let history: Vec<AuditRecord> = parse(body);
    assert_eq!(history.len(), 2, "created, then renamed");
    assert_eq!(history[0].new["name_en"], "Renamed");
    assert_eq!(history[0].old["name_en"], student.name_en.as_str());
    assert_eq!(history[0].username, "admin");
    // A teacher does not read the audit log; another school's administrator finds nothing.
    server
        .user("alnoor", "teacher", Role::Teacher, Some(seed.teacher.id))
        .await;
    let teacher = server.login("alnoor", "teacher", Uuid::now_v7()).await;
    assert_eq!(
        server.call(Method::GET, &path, &teacher, None).await.0,
        StatusCode::FORBIDDEN
    );
    server.tenant("other").await;
    server.user("other", "admin", Role::Admin, None).await;
    let stranger = server.login("other", "admin", Uuid::now_v7()).await;
    let (status, body) = server.call(Method::GET, &path, &stranger, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(parse::<Vec<AuditRecord>>(body).len(), 0);
    let (status, _) = server
        .call(
            Method::GET,
            "/v1/audit?table=pg_user&row=00000000-0000-0000-0000-000000000000",
            &admin,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
