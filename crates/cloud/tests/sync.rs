//! Push and pull against the real server and a real PostgreSQL: idempotency, merges and
//! every kind of conflict, many devices on one row, pagination, and the bulk snapshot.

mod common;

use common::*;
use daftar_domain::*;
use daftar_protocol::*;
use serde_json::json;
use uuid::Uuid;

async fn school(label: &str) -> (TestServer, Session, Device, Seed) {
    let server = TestServer::start(label).await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let seed = Seed::new();
    let response = server.push(&session, &seed.mutations(&mut device)).await;
    assert_eq!(
        applied(&response),
        response.results.len(),
        "{:?}",
        response.results
    );
    (server, session, device, seed)
}

fn guardian() -> Guardian {
    Guardian {
        id: new_id(),
        name_ar: "خالد".into(),
        name_en: "Khalid".into(),
        phone: "0501234567".into(),
        email: None,
        address: Some("Dubai".into()),
        national_id: None,
        preferred_language: None,
    }
}

#[tokio::test]
async fn the_same_batch_sent_twice_applies_once() {
    let (server, session, mut device, _) = school("idempotent").await;
    let g = guardian();
    let batch = vec![
        device.insert(&g),
        device.update("guardians", g.id, 0, json!({"phone": "0500000000"})),
    ];
    let first = server.push(&session, &batch).await;
    let audit_after_first = server.sql("SELECT count(*) FROM audit_log");
    let second = server.push(&session, &batch).await;
    assert_eq!(first.results, second.results);
    assert_eq!(first.head, second.head, "nothing new was written");
    assert_eq!(
        server.sql("SELECT count(*) FROM audit_log"),
        audit_after_first
    );
    assert_eq!(
        server.sql(&format!(
            "SELECT phone FROM guardians WHERE id = '{}'",
            g.id
        )),
        "0500000000"
    );
    // The second mutation was made on version 0 after the first created the row: a merge.
    assert!(
        matches!(first.results[1].outcome, Outcome::Merged { .. }),
        "{:?}",
        first.results[1]
    );
}

#[tokio::test]
async fn a_stored_row_changes_only_where_a_push_changed_it() {
    let (server, session, mut device, _) = school("changed-columns").await;
    let g = guardian();
    let version_of = |response: &PushResponse| match &response.results[0].outcome {
        Outcome::Applied { version } => *version,
        other => panic!("{other:?}"),
    };
    let created = version_of(&server.push(&session, &[device.insert(&g)]).await);
    let phone = device.update("guardians", g.id, created, json!({"phone": "0509999999"}));
    let phone_hlc = phone.hlc.clone();
    let v2 = version_of(&server.push(&session, &[phone]).await);
    // A column to null and another from null, in one change; then deleted and back.
    let v3 = version_of(
        &server
            .push(
                &session,
                &[device.update(
                    "guardians",
                    g.id,
                    v2,
                    json!({"address": null, "email": "khalid@example.org"}),
                )],
            )
            .await,
    );
    let v4 = version_of(
        &server
            .push(
                &session,
                &[device.update("guardians", g.id, v3, json!({"deleted": true}))],
            )
            .await,
    );
    let back = device.update("guardians", g.id, v4, json!({"deleted": false}));
    let back_hlc = back.hlc.clone();
    let v5 = version_of(&server.push(&session, &[back]).await);

    let stored = server.sql(&format!(
        "SELECT name_ar, name_en, phone, address IS NULL, email, national_id IS NULL, deleted, version,
                col_versions ->> 'name_en', col_versions ->> 'phone', col_versions ->> 'address',
                col_versions ->> 'email', col_versions ->> 'deleted',
                col_hlc ->> 'phone' = '{phone_hlc}', col_hlc ->> 'deleted' = '{back_hlc}', hlc = '{back_hlc}'
         FROM guardians WHERE id = '{}'",
        g.id
    ));
    assert_eq!(
        stored,
        format!(
            "خالد|Khalid|0509999999|t|khalid@example.org|t|f|{v5}|{created}|{v2}|{v3}|{v3}|{v5}|t|t|t"
        )
    );
    // The row as a device pulls it is the same.
    let page = server.pull(&session, created, 100).await;
    let row = page.rows.iter().find(|r| r.id == g.id).unwrap();
    assert_eq!(row.version, v5);
    assert_eq!(row.values["phone"], json!("0509999999"));
    assert_eq!(row.values["address"], serde_json::Value::Null);
    assert_eq!(row.values["email"], json!("khalid@example.org"));
    assert!(!row.deleted);
}

#[tokio::test]
async fn different_columns_merge_and_the_same_column_conflicts() {
    let (server, session, mut office, _) = school("merge").await;
    let g = guardian();
    let created = server.push(&session, &[office.insert(&g)]).await;
    let Outcome::Applied { version } = created.results[0].outcome else {
        panic!()
    };

    // A second desktop, signed in as another office account.
    server.user("alnoor", "office2", Role::Office, None).await;
    let mut other = Device::at(START_MS + 60_000);
    let other_session = server.login("alnoor", "office2", other.id).await;

    let phone = server
        .push(
            &session,
            &[office.update("guardians", g.id, version, json!({"phone": "0509999999"}))],
        )
        .await;
    assert!(matches!(phone.results[0].outcome, Outcome::Applied { .. }));
    let address = server
        .push(
            &other_session,
            &[other.update("guardians", g.id, version, json!({"address": "Sharjah"}))],
        )
        .await;
    let Outcome::Merged { row, .. } = &address.results[0].outcome else {
        panic!("{:?}", address.results[0])
    };
    assert_eq!(row.values["phone"], json!("0509999999"));
    assert_eq!(row.values["address"], json!("Sharjah"));

    // Both change the phone from the same base: the later clock (the second desktop's is a
    // minute ahead) wins, wherever it arrives, and the loser is kept.
    let base = row.version;
    let later = server
        .push(
            &other_session,
            &[other.update("guardians", g.id, base, json!({"phone": "0502222222"}))],
        )
        .await;
    assert!(matches!(later.results[0].outcome, Outcome::Applied { .. }));
    let earlier = server
        .push(
            &session,
            &[office.update("guardians", g.id, base, json!({"phone": "0501111111"}))],
        )
        .await;
    let Outcome::Conflict { conflicts, row, .. } = &earlier.results[0].outcome else {
        panic!("{:?}", earlier.results[0])
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].winner, Side::Theirs);
    assert_eq!(conflicts[0].mine, json!("0501111111"));
    assert_eq!(row.values["phone"], json!("0502222222"));
    let kept = server.sql(&format!(
        "SELECT mine #>> '{{}}', theirs #>> '{{}}', winner FROM conflicts WHERE row_id = '{}' AND column_name = 'phone'",
        g.id
    ));
    assert_eq!(kept, "0501111111|0502222222|theirs");
    // The audit log has each applied change, old → new.
    let audit = server.sql(&format!(
        "SELECT old ->> 'phone', new ->> 'phone' FROM audit_log WHERE row_id = '{}' AND new ? 'phone' ORDER BY id",
        g.id
    ));
    assert_eq!(
        audit.lines().collect::<Vec<_>>(),
        [
            "|0501234567",
            "0501234567|0509999999",
            "0509999999|0502222222"
        ]
    );
}

#[tokio::test]
async fn natural_keys_converge_and_edits_to_deleted_rows_are_reported() {
    let (server, session, mut first, seed) = school("natural").await;
    server.user("alnoor", "admin2", Role::Admin, None).await;
    let mut second = Device::at(START_MS + 1_000);
    let second_session = server.login("alnoor", "admin2", second.id).await;

    // Both desktops mark the same student on the same day, offline: one row, the later wins.
    let a = server
        .push(
            &session,
            &[first.insert(&seed.attendance(0, "2025-09-01", AttendanceStatus::Present))],
        )
        .await;
    assert!(matches!(a.results[0].outcome, Outcome::Applied { .. }));
    let b = server
        .push(
            &second_session,
            &[second.insert(&seed.attendance(0, "2025-09-01", AttendanceStatus::Absent))],
        )
        .await;
    let Outcome::Conflict { conflicts, row, .. } = &b.results[0].outcome else {
        panic!("{:?}", b.results[0])
    };
    assert_eq!(
        conflicts
            .iter()
            .map(|c| c.column.as_str())
            .collect::<Vec<_>>(),
        ["status"]
    );
    assert_eq!(row.values["status"], json!("absent"));
    assert_eq!(
        server.sql("SELECT count(*), min(status) FROM attendance"),
        "1|absent"
    );

    // A guardian deleted on one desktop and edited on the other stays deleted; the edit is
    // a reported conflict.
    let g = guardian();
    server.push(&session, &[first.insert(&g)]).await;
    let pulled = server.pull_all(&second_session).await;
    let version = pulled.iter().find(|r| r.id == g.id).unwrap().version;
    server
        .push(
            &session,
            &[first.update("guardians", g.id, version, json!({"deleted": true}))],
        )
        .await;
    let edit = server
        .push(
            &second_session,
            &[second.update("guardians", g.id, version, json!({"phone": "0507777777"}))],
        )
        .await;
    let Outcome::Conflict { conflicts, row, .. } = &edit.results[0].outcome else {
        panic!("{:?}", edit.results[0])
    };
    assert!(row.deleted);
    assert!(
        conflicts
            .iter()
            .any(|c| c.column == "deleted" && c.winner == Side::Theirs)
    );
    assert!(
        conflicts
            .iter()
            .any(|c| c.column == "phone" && c.mine == json!("0507777777"))
    );
    assert_eq!(
        server.sql(&format!(
            "SELECT deleted, phone FROM guardians WHERE id = '{}'",
            g.id
        )),
        "t|0501234567"
    );
}

#[tokio::test]
async fn many_devices_pushing_one_row_at_once_converge_on_the_latest_stamp() {
    let (server, session, mut device, _) = school("concurrent").await;
    let g = guardian();
    let created = server.push(&session, &[device.insert(&g)]).await;
    let Outcome::Applied { version } = created.results[0].outcome else {
        panic!()
    };
    let mut sessions = Vec::new();
    for n in 0..8 {
        let name = format!("office{n}");
        server.user("alnoor", &name, Role::Office, None).await;
        let d = Device::at(START_MS + 10_000 + n * 1_000);
        let s = server.login("alnoor", &name, d.id).await;
        sessions.push((d, s));
    }
    let pushes = sessions.iter_mut().enumerate().map(|(n, (d, s))| {
        let m = d.update(
            "guardians",
            g.id,
            version,
            json!({"phone": format!("05000000{n:02}"), "email": format!("p{n}@example.org")}),
        );
        let server = &server;
        async move { server.push(s, &[m]).await }
    });
    let results = futures_util::future::join_all(pushes).await;
    for response in &results {
        assert!(
            rejection(&response.results[0]).is_none(),
            "{:?}",
            response.results[0]
        );
    }
    // Device 7 has the latest clock: its values stand however the pushes interleaved.
    let row = server.sql(&format!(
        "SELECT phone, email FROM guardians WHERE id = '{}'",
        g.id
    ));
    assert_eq!(row, "0500000007|p7@example.org");
    // Every value but the winner's is kept as a conflict for review, none silently lost.
    let lost: i64 = server.sql(&format!("SELECT count(DISTINCT mine) FROM conflicts WHERE row_id = '{}' AND column_name = 'phone'", g.id)).parse().unwrap();
    let won: i64 = server.sql(&format!("SELECT count(DISTINCT theirs) FROM conflicts WHERE row_id = '{}' AND column_name = 'phone' AND winner = 'theirs'", g.id)).parse().unwrap();
    assert!(lost + won >= 7, "lost {lost} won {won}");
    // Rows and conflicts take their versions from the one change sequence, none twice.
    assert_eq!(
        server.sql(
            "SELECT change_seq = GREATEST((SELECT max(version) FROM guardians), (SELECT max(version) FROM conflicts)) FROM tenants"
        ),
        "t"
    );
    assert_eq!(
        server.sql("SELECT count(*) = count(DISTINCT version) FROM conflicts"),
        "t"
    );
}

#[tokio::test]
async fn pull_pages_through_every_change_in_order_and_the_snapshot_streams_the_school() {
    let (server, session, mut device, seed) = school("pull").await;
    let mut batch = Vec::new();
    for day in ["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04"] {
        for student in 0..5 {
            batch.push(device.insert(&seed.attendance(student, day, AttendanceStatus::Present)));
        }
    }
    server.push(&session, &batch).await;
    let total: i64 = server
        .sql("SELECT change_seq FROM tenants")
        .parse()
        .unwrap();

    let mut cursor = 0;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = server.pull(&session, cursor, 7).await;
        pages += 1;
        assert!(page.rows.len() <= 7);
        for row in &page.rows {
            assert!(row.version > cursor);
        }
        seen.extend(page.rows.iter().map(|r| r.version));
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(seen.len() as i64, total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "in order, each once");
    assert!(pages >= 6);
    assert_eq!(cursor, total);
    let empty = server.pull(&session, cursor, 7).await;
    assert!(empty.rows.is_empty() && !empty.more);

    // The snapshot: a header, then every row once, parents first, compressed on the wire.
    let raw = reqwest::Client::builder().no_gzip().build().unwrap();
    let response = raw
        .get(format!("{}/v1/sync/snapshot", server.url))
        .header(PROTOCOL_HEADER, "1")
        .header("accept-encoding", "gzip")
        .bearer_auth(&session.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let text = server
        .request(reqwest::Method::GET, "/v1/sync/snapshot")
        .bearer_auth(&session.access_token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut lines = text.lines();
    let header: SnapshotHeader = serde_json::from_str(lines.next().unwrap()).unwrap();
    let rows: Vec<Row> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(header.rows, rows.len() as i64);
    assert_eq!(header.cursor, total);
    assert_eq!(rows.len() as i64, total);
    let order: Vec<usize> = rows
        .iter()
        .map(|r| {
            daftar_domain::TABLES
                .iter()
                .position(|t| t.name == r.table)
                .unwrap()
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] <= w[1]),
        "parents before children"
    );
    let student = rows.iter().find(|r| r.id == seed.students[0].0.id).unwrap();
    assert_eq!(student.values["name_ar"], json!("سارة"));
}

#[tokio::test]
async fn a_refused_row_in_a_batch_rejects_only_that_mutation() {
    let (server, session, mut device, seed) = school("partial").await;
    let mut twin = seed.students[0].0.clone();
    twin.id = new_id(); // A second student with the first one's admission number.
    let orphan = Enrollment::new(
        new_id(),
        seed.year.id,
        seed.classrooms[0].id,
        date("2025-09-01"),
    );
    let g = guardian();
    let batch = vec![
        device.insert(&g),
        device.insert(&twin),
        device.insert(&orphan),
        device.update("guardians", g.id, 0, json!({"email": "k@example.org"})),
    ];
    let response = server.push(&session, &batch).await;
    let codes: Vec<Option<&str>> = response.results.iter().map(rejection).collect();
    assert_eq!(
        codes,
        [
            None,
            Some(codes::DUPLICATE),
            Some(codes::MISSING_REFERENCE),
            None
        ],
        "{:?}",
        response.results
    );
    assert_eq!(
        server.sql(&format!(
            "SELECT email FROM guardians WHERE id = '{}'",
            g.id
        )),
        "k@example.org"
    );
    // A rejected mutation may be sent again (after fixing what was wrong), as it was never applied.
    assert_eq!(
        server.sql(&format!(
            "SELECT count(*) FROM applied_mutations WHERE mutation_id = '{}'",
            batch[1].mutation_id
        )),
        "0"
    );
    let _ = Uuid::nil();
}

#[tokio::test]
async fn a_locked_term_refuses_marks_and_assessments_from_any_device_until_unlocked() {
    let (server, admin, mut device, seed) = school("term-lock").await;
    let quiz = seed.assessment(0, 0);
    let student = seed.students[0].0.id;
    let result = AssessmentResult {
        id: AssessmentResult::natural_id(quiz.id, student),
        assessment_id: quiz.id,
        student_id: student,
        mark: Some(15.0),
        remark: None,
    };
    let response = server
        .push(&admin, &[device.insert(&quiz), device.insert(&result)])
        .await;
    assert_eq!(applied(&response), 2, "{:?}", response.results);
    let lock = device.update("terms", seed.term.id, 1, json!({"marks_locked": true}));
    let locked = server.push(&admin, &[lock]).await;
    assert_eq!(rejection(&locked.results[0]), None, "{:?}", locked.results);

    // A teacher's desktop that was offline pushes a mark, and a quiz, into the locked term.
    server
        .user("alnoor", "teacher", Role::Teacher, Some(seed.teacher.id))
        .await;
    let mut laptop = Device::new();
    let teacher = server.login("alnoor", "teacher", laptop.id).await;
    let late_mark = laptop.update("results", result.id, 1, json!({"mark": 19.0}));
    let late_quiz = laptop.insert(&seed.assessment(0, 0));
    let response = server.push(&teacher, &[late_mark.clone(), late_quiz]).await;
    let codes: Vec<Option<&str>> = response.results.iter().map(rejection).collect();
    assert_eq!(codes, [Some(codes::TERM_LOCKED), Some(codes::TERM_LOCKED)]);
    assert_eq!(
        server.sql(&format!(
            "SELECT mark FROM results WHERE id = '{}'",
            result.id
        )),
        "15"
    );
    // Unlocked earlier in the same batch, the administrator's correction goes in.
    let unlock = device.update("terms", seed.term.id, 2, json!({"marks_locked": false}));
    let fix = device.update("results", result.id, 1, json!({"mark": 17.0}));
    let response = server.push(&admin, &[unlock, fix]).await;
    assert!(
        response.results.iter().all(|r| rejection(r).is_none()),
        "{:?}",
        response.results
    );
    assert_eq!(
        server.sql(&format!(
            "SELECT mark FROM results WHERE id = '{}'",
            result.id
        )),
        "17"
    );
}
