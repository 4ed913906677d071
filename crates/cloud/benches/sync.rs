//! Sync throughput of the real server on a throwaway PostgreSQL, over loopback HTTP:
//! one day's attendance of a 2,500-student school pushed in one batch and pulled by another
//! device, and the bulk snapshot of the whole school. `--quick` runs a small school once.
//!
//! cargo bench -p daftar-cloud --bench sync [-- --quick]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, Weekday};
use common::*;
use daftar_domain::*;
use daftar_protocol::*;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn school_days(from: NaiveDate, count: usize) -> Vec<NaiveDate> {
    from.iter_days()
        .filter(|d| !matches!(d.weekday(), Weekday::Fri | Weekday::Sat))
        .take(count)
        .collect()
}

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (students, days, runs) = if quick { (200, 3, 1) } else { (2_500, 20, 5) };

    let server = TestServer::start("bench").await;
    server.tenant("bench").await;
    server.user("bench", "admin", Role::Admin, None).await;
    server.user("bench", "office", Role::Office, None).await;
    let mut admin_device = Device::new();
    let admin = server.login("bench", "admin", admin_device.id).await;
    let reader_device = Device::new();
    let reader = server.login("bench", "office", reader_device.id).await;

    // The school: the seed's classrooms and many more students in them.
    let seed = Seed::new();
    let mut setup = seed.mutations(&mut admin_device);
    let mut roster = Vec::new();
    for i in 0..students {
        let student = Student {
            id: new_id(),
            admission_number: format!("B{i:05}"),
            name_ar: format!("طالب {i}"),
            name_en: format!("Student {i}"),
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
        let classroom = seed.classrooms[i % 2].id;
        setup.push(admin_device.insert(&student));
        setup.push(admin_device.insert(&Enrollment::new(
            student.id,
            seed.year.id,
            classroom,
            date("2025-08-24"),
        )));
        roster.push((student.id, classroom));
    }
    for chunk in setup.chunks(MAX_PUSH_MUTATIONS) {
        let response = server.push(&admin, chunk).await;
        assert_eq!(applied(&response), chunk.len());
    }
    // The reader catches up with the set-up first.
    let (_, mut cursor) = server.pull_from(&reader, 0).await;
    let mut head = cursor;

    let mut push_times = Vec::new();
    let mut pull_times = Vec::new();
    let all_days = school_days(date("2025-09-01"), days);
    for (n, day) in all_days.iter().enumerate() {
        let batch: Vec<Mutation> = roster
            .iter()
            .enumerate()
            .map(|(i, (student, classroom))| {
                admin_device.insert(&Attendance {
                    id: Attendance::natural_id(*student, *day, 0),
                    student_id: *student,
                    classroom_id: *classroom,
                    date: *day,
                    period: 0,
                    status: if i % 17 == 0 {
                        AttendanceStatus::Absent
                    } else {
                        AttendanceStatus::Present
                    },
                    taken_by: seed.teacher.id,
                    taken_at: "2025-09-01T08:05:00Z".parse().unwrap(),
                    note: None,
                })
            })
            .collect();
        let started = Instant::now();
        let response = server.push(&admin, &batch).await;
        let pushed = started.elapsed();
        assert_eq!(applied(&response), batch.len());

        let started = Instant::now();
        let (got, next) = server.pull_from(&reader, cursor).await;
        let pulled = started.elapsed();
        cursor = next;
        assert_eq!(got.len(), batch.len());
        head = response.head;
        // The first days warm the caches; keep the last `runs`.
        if n + runs >= all_days.len() {
            push_times.push(pushed);
            pull_times.push(pulled);
        }
    }
    assert_eq!(cursor, head);

    let mut snapshot_times = Vec::new();
    let mut rows = 0;
    for _ in 0..runs.min(3) {
        let started = Instant::now();
        let text = server
            .request(reqwest::Method::GET, "/v1/sync/snapshot")
            .bearer_auth(&reader.access_token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        snapshot_times.push(started.elapsed());
        rows = text.lines().count() - 1;
    }

    let per_second = |n: usize, d: Duration| n as f64 / d.as_secs_f64();
    let push = median(push_times);
    let pull = median(pull_times);
    let snapshot = median(snapshot_times);
    println!("school: {students} students, {days} days of attendance, {head} changes");
    println!(
        "push one day's attendance ({students} mutations, one batch): median {:.0} ms = {:.0} mutations/s",
        push.as_secs_f64() * 1e3,
        per_second(students, push)
    );
    println!(
        "pull it on another device (pages of {MAX_PULL_LIMIT}): median {:.0} ms = {:.0} rows/s",
        pull.as_secs_f64() * 1e3,
        per_second(students, pull)
    );
    println!(
        "snapshot of the whole school ({rows} rows, gzip): median {:.0} ms = {:.0} rows/s",
        snapshot.as_secs_f64() * 1e3,
        per_second(rows, snapshot)
    );
}
