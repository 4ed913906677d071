//! End to end with real processes: the `daftar-cloud` binary on a throwaway PostgreSQL, and
//! `daftar` CLI processes on separate data folders (one per desktop), signing in through a
//! private D-Bus session with gnome-keyring's Secret Service. Offline edits, conflicts,
//! merges, refused changes, and processes killed with SIGKILL mid-push and mid-download.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

const PASSWORD: &str = "correct horse battery";

fn bin_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_daftar"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The cloud server's binary, built (or brought up to date) once per test run, as a test of
/// this package alone does not build another package's binaries.
fn cloud_bin() -> PathBuf {
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "-q", "-p", "daftar-cloud", "--bin", "daftar-cloud"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building daftar-cloud failed");
    });
    bin_dir().join("daftar-cloud")
}

/// A private session bus with an unlocked gnome-keyring on it, for the whole test process.
struct SessionKeyring {
    _dir: tempfile::TempDir,
    bus: String,
    /// The watching shells, which stop the daemons when this process ends.
    _watchers: Vec<Child>,
}

/// Runs `program` until this test process ends, even when it ends without unwinding (a
/// static is never dropped): a shell watches the parent and stops the child.
fn spawn_tied(program: &str, args: &[&str], envs: &[(&str, &Path)], input: Option<&str>) -> Child {
    let line = std::iter::once(program)
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let script = format!(
        "exec 3<&0; {line} <&3 >/dev/null 2>&1 & child=$!; exec 3<&-; \
         while kill -0 {parent} 2>/dev/null; do sleep 0.5; done; kill $child",
        parent = std::process::id()
    );
    let mut command = Command::new("sh");
    command
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().unwrap_or_else(|e| panic!("{program}: {e}"));
    let mut stdin = child.stdin.take().unwrap();
    if let Some(text) = input {
        use std::io::Write;
        stdin.write_all(text.as_bytes()).unwrap();
    }
    drop(stdin);
    child
}

fn keyring() -> &'static SessionKeyring {
    static KEYRING: OnceLock<SessionKeyring> = OnceLock::new();
    KEYRING.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let bus = format!("unix:path={}", dir.path().join("bus").display());
        let dbus = spawn_tied(
            "dbus-daemon",
            &[
                "--config-file=/usr/share/dbus-1/session.conf",
                &format!("--address={bus}"),
                "--nofork",
                "--nopidfile",
            ],
            &[],
            None,
        );
        wait_for(|| dir.path().join("bus").exists(), "the session bus");
        let home = dir.path().join("home");
        let runtime = dir.path().join("run");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&runtime).unwrap();
        std::fs::set_permissions(
            &runtime,
            <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o700),
        )
        .unwrap();
        let bus_path = PathBuf::from(&bus);
        let daemon = spawn_tied(
            "gnome-keyring-daemon",
            &["--unlock", "--components=secrets", "--foreground"],
            &[
                ("DBUS_SESSION_BUS_ADDRESS", &bus_path),
                ("HOME", &home),
                ("XDG_RUNTIME_DIR", &runtime),
            ],
            Some("keyring password"),
        );
        wait_for(
            || {
                Command::new("dbus-send")
                    .args([
                        "--session",
                        "--print-reply",
                        "--dest=org.freedesktop.DBus",
                        "/org/freedesktop/DBus",
                        "org.freedesktop.DBus.NameHasOwner",
                        "string:org.freedesktop.secrets",
                    ])
                    .env("DBUS_SESSION_BUS_ADDRESS", &bus)
                    .output()
                    .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("true"))
            },
            "the Secret Service",
        );
        SessionKeyring {
            _dir: dir,
            bus,
            _watchers: vec![dbus, daemon],
        }
    })
}

fn wait_for(mut ready: impl FnMut() -> bool, what: &str) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what} did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The real cloud server as a child process on its own database.
struct Cloud {
    database: daftar_testkit::TestDatabase,
    port: u16,
    url: String,
    child: Option<Child>,
    /// Settings of this test's own (`DAFTAR_…`, value).
    settings: Vec<(&'static str, &'static str)>,
}

impl Drop for Cloud {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Cloud {
    /// Images for new desktops are off unless a test asks for them, so that every other
    /// first download is the streamed snapshot whatever the machine's speed.
    fn start(label: &str) -> Cloud {
        Cloud::start_with(label, &[("DAFTAR_IMAGE_AFTER_CHANGES", "0")])
    }

    fn start_with(label: &str, settings: &[(&'static str, &'static str)]) -> Cloud {
        let pg = daftar_testkit::postgres();
        pg.serving_roles();
        let database = pg.database(label);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cloud = Cloud {
            database,
            port,
            url: format!("http://127.0.0.1:{port}"),
            child: None,
            settings: settings.to_vec(),
        };
        cloud.run(&["migrate"]);
        cloud.restart();
        cloud.run(&[
            "tenant",
            "create",
            "--slug",
            "school",
            "--name",
            "Test School",
        ]);
        cloud
    }

    fn command(&self) -> Command {
        let mut command = Command::new(cloud_bin());
        command
            .env(
                "DAFTAR_DATABASE_URL",
                self.database.url_as(
                    daftar_testkit::SERVING_ROLE,
                    daftar_testkit::SERVING_PASSWORD,
                ),
            )
            .env("DAFTAR_ADMIN_DATABASE_URL", &self.database.owner_url)
            .env("DAFTAR_LISTEN", format!("127.0.0.1:{}", self.port))
            .env(
                "DAFTAR_TOKEN_SECRET",
                "e2e-secret-of-at-least-32-bytes-long!!",
            )
            .env("DAFTAR_LOG", "warn")
            .env("DAFTAR_PASSWORD", PASSWORD)
            .envs(self.settings.iter().copied());
        command
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "daftar-cloud {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn restart(&mut self) {
        self.kill();
        let child = self
            .command()
            .arg("serve")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        wait_for(
            || TcpStream::connect(("127.0.0.1", self.port)).is_ok(),
            "daftar-cloud",
        );
    }

    /// A second `daftar-cloud` process on the same database (and token secret), as behind a
    /// load balancer; its URL. It stops when this test process ends.
    fn serve_beside(&self, port: Option<u16>) -> (Child, String) {
        let port = port.unwrap_or_else(|| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        });
        let child = self
            .command()
            .env("DAFTAR_LISTEN", format!("127.0.0.1:{port}"))
            .arg("serve")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for(
            || TcpStream::connect(("127.0.0.1", port)).is_ok(),
            "the second daftar-cloud",
        );
        (child, format!("http://127.0.0.1:{port}"))
    }

    /// SIGKILL: no shutdown, no flush, whatever was in flight is cut.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn add_user(&self, username: &str, role: &str, staff: Option<&str>) {
        let mut args = vec![
            "user",
            "add",
            "--tenant",
            "school",
            "--username",
            username,
            "--role",
            role,
        ];
        if let Some(staff) = staff {
            args.extend(["--staff", staff]);
        }
        self.run(&args);
    }

    fn sql(&self, sql: &str) -> String {
        daftar_testkit::postgres().psql(&self.database.name, sql)
    }

    fn count(&self, table: &str) -> i64 {
        self.sql(&format!("SELECT count(*) FROM {table}"))
            .parse()
            .unwrap()
    }
}

/// One desktop: a data folder and the `daftar` CLI.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_daftar"));
        command
            .args(args)
            .env("DAFTAR_DATA_DIR", self.dir.path())
            .env("DAFTAR_LANG", "en")
            .env("DAFTAR_PASSWORD", PASSWORD)
            .env("DBUS_SESSION_BUS_ADDRESS", &keyring().bus)
            .stdin(Stdio::null());
        command
    }

    fn try_run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.try_run(args);
        assert!(
            out.status.success(),
            "daftar {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.run(&all)).unwrap()
    }

    fn connect(&self, cloud: &Cloud, user: &str) {
        self.run(&[
            "connect",
            "--server",
            &cloud.url,
            "--school",
            "school",
            "--user",
            user,
            "--device-name",
            user,
        ]);
    }

    fn sync(&self) -> Value {
        self.json(&["sync"])
    }

    fn conflicts(&self, all: bool) -> Vec<Value> {
        let args: &[&str] = if all {
            &["conflicts", "list", "--all"]
        } else {
            &["conflicts", "list"]
        };
        self.json(args).as_array().unwrap().clone()
    }

    fn database(&self) -> PathBuf {
        self.dir.path().join("daftar.sqlite3")
    }
}

/// A school created on the admin's desktop and sent to the cloud.
fn school(label: &str, students: u32) -> (Cloud, Desk) {
    school_on(Cloud::start(label), students)
}

fn school_on(cloud: Cloud, students: u32) -> (Cloud, Desk) {
    cloud.add_user("admin", "admin", None);
    let admin = Desk::new();
    admin.run(&[
        "demo",
        "--students",
        &students.to_string(),
        "--year",
        "2025",
    ]);
    admin.connect(&cloud, "admin");
    let summary = admin.sync();
    assert!(summary["pushed"].as_u64().unwrap() > 1000, "{summary}");
    assert_eq!(summary["rejected"], 0, "{summary}");
    (cloud, admin)
}

/// The homeroom teacher of a classroom and another teacher of it, as staff ids.
fn two_teachers_of(cloud: &Cloud, classroom: &str) -> (String, String) {
    let homeroom = cloud.sql(&format!(
        "SELECT homeroom_teacher_id FROM classrooms WHERE name_en = '{classroom}'"
    ));
    let other = cloud.sql(&format!(
        "SELECT a.staff_id FROM teaching_assignments a JOIN classrooms c ON c.id = a.classroom_id
         WHERE c.name_en = '{classroom}' AND a.staff_id <> '{homeroom}' LIMIT 1"
    ));
    (homeroom, other)
}

fn first_classroom(desk: &Desk) -> (String, Vec<String>) {
    let classrooms = desk.json(&["classrooms", "list"]);
    let name = classrooms[0]["classroom"]["name_en"]
        .as_str()
        .unwrap()
        .to_string();
    let roster = desk.json(&["attendance", "show", "--classroom", &name, "--date", DAY]);
    let students = roster
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["admission_number"].as_str().unwrap().to_string())
        .collect();
    (name, students)
}

/// A school day of the demo year after its data ends.
const DAY: &str = "2026-06-01";

#[test]
fn two_teachers_mark_one_class_offline_and_the_later_mark_wins() {
    let (cloud, admin) = school("two_teachers", 40);
    let (classroom, students) = first_classroom(&admin);
    let (homeroom, other) = two_teachers_of(&cloud, &classroom);
    cloud.add_user("teacher_a", "teacher", Some(&homeroom));
    cloud.add_user("teacher_b", "teacher", Some(&other));
    let a = Desk::new();
    let b = Desk::new();
    for (desk, user) in [(&a, "teacher_a"), (&b, "teacher_b")] {
        desk.connect(&cloud, user);
        let first = desk.sync();
        assert_eq!(first["downloaded"], true, "{first}");
    }
    // Both offline (no sync), both take the register of the same day.
    let x = &students[0];
    a.run(&[
        "attendance",
        "mark",
        "--classroom",
        &classroom,
        "--date",
        DAY,
        "--absent",
        x,
    ]);
    std::thread::sleep(Duration::from_millis(20));
    b.run(&[
        "attendance",
        "mark",
        "--classroom",
        &classroom,
        "--date",
        DAY,
        "--late",
        x,
    ]);
    let pushed_a = a.sync();
    assert_eq!(pushed_a["conflicts"], 0, "{pushed_a}");
    let pushed_b = b.sync();
    // One row per student and day: only the student marked differently conflicts.
    assert_eq!(
        pushed_b["conflicts"],
        1,
        "{pushed_b} {:?}",
        b.conflicts(false)
    );
    assert_eq!(pushed_b["rejected"], 0, "{pushed_b}");
    a.sync();
    let rows = cloud.sql(&format!(
        "SELECT count(*) FROM attendance WHERE date = '{DAY}' AND classroom_id = (SELECT id FROM classrooms WHERE name_en = '{classroom}')"
    ));
    assert_eq!(rows, students.len().to_string());
    let status = cloud.sql(&format!(
        "SELECT t.status FROM attendance t JOIN students s ON s.id = t.student_id
         WHERE t.date = '{DAY}' AND s.admission_number = '{x}'"
    ));
    assert_eq!(status, "late", "the later mark wins");
    // Both desktops show the conflict, each from its own side.
    let on_a = a.conflicts(false);
    let on_b = b.conflicts(false);
    assert_eq!(on_a.len(), 1, "{on_a:?}");
    assert_eq!(on_b.len(), 1, "{on_b:?}");
    assert_eq!(on_a[0]["id"], on_b[0]["id"]);
    assert_eq!(on_a[0]["mine"]["value"], "absent");
    assert_eq!(on_a[0]["theirs"]["value"], "late");
    assert_eq!(on_a[0]["kept"], "theirs");
    assert_eq!(on_b[0]["mine"]["value"], "late");
    assert_eq!(on_b[0]["kept"], "mine");
    for desk in [&a, &b] {
        let register = desk.json(&[
            "attendance",
            "show",
            "--classroom",
            &classroom,
            "--date",
            DAY,
        ]);
        assert!(register.to_string().contains("late"), "{register}");
    }
    // Settled from the side that lost: its value goes back in and the conflict closes
    // everywhere.
    let id = on_a[0]["id"].as_str().unwrap()[..8].to_string();
    a.run(&["conflicts", "resolve", &id, "--keep", "mine"]);
    a.sync();
    b.sync();
    assert!(b.conflicts(false).is_empty());
    assert_eq!(b.conflicts(true)[0]["resolution"], "theirs");
    let status = cloud.sql(&format!(
        "SELECT t.status FROM attendance t JOIN students s ON s.id = t.student_id
         WHERE t.date = '{DAY}' AND s.admission_number = '{x}'"
    ));
    assert_eq!(status, "absent");
    // The cloud states choices from the pushing side (b): a kept the value b met.
    assert_eq!(cloud.sql("SELECT resolution FROM conflicts"), "theirs");
    assert_eq!(a.conflicts(true)[0]["resolution"], "mine");
    drop(admin);
}

#[test]
fn guardian_edits_merge_and_the_same_field_conflicts_once() {
    let (cloud, office) = school("guardian_merge", 20);
    cloud.add_user("office2", "office", None);
    let other = Desk::new();
    other.connect(&cloud, "office2");
    other.sync();
    let (_, students) = first_classroom(&office);
    let student = students[0].clone();
    let detail = office.json(&["students", "show", &student]);
    let guardian = detail["guardians"][0]["guardian"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Phone here, address there, both offline: merged, no conflict.
    office.run(&["guardians", "set", &guardian, "phone=+971 50 111 2222"]);
    other.run(&["guardians", "set", &guardian, "address=12 Palm Street"]);
    office.sync();
    let merged = other.sync();
    assert_eq!(merged["conflicts"], 0, "{merged}");
    assert_eq!(merged["merged"], 1, "{merged}");
    office.sync();
    for desk in [&office, &other] {
        let shown = desk.json(&["students", "show", &student]).to_string();
        assert!(shown.contains("+971 50 111 2222"), "{shown}");
        assert!(shown.contains("12 Palm Street"), "{shown}");
    }
    // The same field on both: one conflict, visible and settled from the other side.
    office.run(&["guardians", "set", &guardian, "email=office@example.com"]);
    other.run(&["guardians", "set", &guardian, "email=home@example.com"]);
    office.sync();
    let second = other.sync();
    assert_eq!(second["conflicts"], 1, "{second}");
    office.sync();
    let seen = office.conflicts(false);
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(other.conflicts(false).len(), 1);
    let id = seen[0]["id"].as_str().unwrap().to_string();
    office.run(&["conflicts", "resolve", &id, "--value", "family@example.com"]);
    office.sync();
    other.sync();
    assert!(other.conflicts(false).is_empty());
    assert!(office.conflicts(false).is_empty());
    for desk in [&office, &other] {
        let shown = desk.json(&["students", "show", &student]).to_string();
        assert!(shown.contains("family@example.com"), "{shown}");
    }
    assert_eq!(
        cloud.sql(&format!(
            "SELECT email FROM guardians WHERE id = '{guardian}'"
        )),
        "family@example.com"
    );

    // The language the guardian's messages are written in travels like any field; a
    // language Daftar does not write is refused with its field.
    let refused = office.try_run(&["guardians", "set", &guardian, "preferred_language=fr"]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("preferred_language")
            || String::from_utf8_lossy(&refused.stderr).contains("preferred_language")
    );
    office.run(&["guardians", "set", &guardian, "preferred_language=EN"]);
    office.sync();
    other.sync();
    let shown = other.json(&["students", "show", &student]);
    assert_eq!(
        shown["guardians"][0]["guardian"]["preferred_language"], "en",
        "{shown}"
    );
    assert_eq!(
        cloud.sql(&format!(
            "SELECT preferred_language FROM guardians WHERE id = '{guardian}'"
        )),
        "en"
    );
}

#[test]
fn a_server_killed_mid_push_loses_and_duplicates_nothing() {
    let mut cloud = Cloud::start("killed_push");
    cloud.add_user("admin", "admin", None);
    let admin = Desk::new();
    admin.run(&["demo", "--students", "120", "--year", "2025"]);
    let sent = admin.json(&["sync", "status"])["pending"].as_i64().unwrap();
    assert!(sent > 10_000, "{sent}");
    admin.connect(&cloud, "admin");
    let mut sync = admin.command(&["sync", "--json"]).spawn().unwrap();
    // Kill the server as soon as the first batches land, with more in flight.
    wait_for(
        || cloud.count("applied_mutations") > 0,
        "the first pushed batch",
    );
    cloud.kill();
    let status = sync.wait().unwrap();
    assert!(!status.success(), "the sync notices the server went away");
    // Whatever the server applied before it died, this desktop has not heard of all of it:
    // those changes are still queued and will be sent again.
    let after_kill = admin.json(&["sync", "status"])["pending"].as_i64().unwrap();
    assert!(after_kill > 0, "{after_kill} of {sent}");
    assert!(cloud.count("applied_mutations") > 0);
    cloud.restart();
    let summary = admin.sync();
    assert_eq!(summary["rejected"], 0, "{summary}");
    assert_eq!(admin.json(&["sync", "status"])["pending"], 0);
    // Every mutation applied exactly once, every row there once.
    assert_eq!(cloud.count("applied_mutations"), sent);
    for table in ["students", "attendance", "results", "guardians", "payments"] {
        assert_eq!(
            cloud.count(table),
            count_rows(&admin.database(), table),
            "{table}"
        );
    }
    let audit: i64 = cloud.count("audit_log");
    assert_eq!(audit, sent, "one audit entry per applied change");
}

#[test]
fn a_client_killed_mid_download_is_consistent_and_resumes() {
    let (cloud, _admin) = school("killed_pull", 150);
    cloud.add_user("office2", "office", None);
    let desk = Desk::new();
    desk.connect(&cloud, "office2");
    let mut sync = desk.command(&["sync", "--json"]).spawn().unwrap();
    let wal = desk.dir.path().join("daftar.sqlite3-wal");
    wait_for(
        || std::fs::metadata(&wal).is_ok_and(|m| m.len() > 256 * 1024),
        "the download writing",
    );
    let _ = sync.kill();
    let _ = sync.wait();
    // Reopens cleanly, knows it has not finished, and finishes.
    let status = desk.json(&["sync", "status"]);
    assert_eq!(status["downloaded"], false, "{status}");
    let summary = desk.sync();
    assert_eq!(summary["downloaded"], true, "{summary}");
    for (table, sql) in [
        ("students", "students"),
        ("attendance", "attendance"),
        ("results", "results"),
    ] {
        let server = cloud.count(sql);
        let local = count_rows(&desk.database(), table);
        assert_eq!(local, server, "{table}");
    }
    let again = desk.sync();
    assert_eq!(again["pulled"], 0, "{again}");
}

#[test]
fn a_new_desktop_takes_the_schools_image_and_pulls_what_came_after() {
    let cloud = Cloud::start_with(
        "image",
        &[
            ("DAFTAR_IMAGE_AFTER_CHANGES", "1000"),
            ("DAFTAR_IMAGE_QUIET_SECONDS", "0"),
        ],
    );
    let (cloud, admin) = school_on(cloud, 60);
    wait_for(
        || cloud.count("school_images") > 0,
        "the cloud building the school's image",
    );
    let imaged: i64 = cloud
        .sql("SELECT max(cursor) FROM school_images")
        .parse()
        .unwrap();
    // A change after the image: the new desktop pulls it on top.
    let number =
        admin.json(&["students", "search", "--limit", "1"])["items"][0]["admission_number"]
            .as_str()
            .unwrap()
            .to_string();
    admin.run(&[
        "students",
        "set",
        &number,
        "name_en=Changed After The Image",
    ]);
    assert_eq!(admin.sync()["pushed"], 1);
    let head: i64 = cloud.sql("SELECT change_seq FROM tenants").parse().unwrap();
    assert!(head > imaged);

    cloud.add_user("office2", "office", None);
    let office = Desk::new();
    office.connect(&cloud, "office2");
    let first = office.sync();
    assert_eq!(first["downloaded"], true, "{first}");
    assert_eq!(first["from_image"], true, "{first}");
    assert!(!office.dir.path().join("daftar.sqlite3.image").exists());
    for table in [
        "students",
        "guardians",
        "attendance",
        "results",
        "invoices",
        "audit_entries",
    ] {
        assert_eq!(
            count_rows(&office.database(), table),
            cloud.count(table),
            "{table}"
        );
    }
    let shown = office.json(&["students", "show", &number]);
    assert_eq!(
        shown["student"]["name_en"], "Changed After The Image",
        "{shown}"
    );
    // Search works on the adopted school (its indexes came with it).
    let found = office.json(&["students", "search", "Changed After"]);
    assert_eq!(found["total"], 1, "{found}");
    let again = office.sync();
    assert_eq!(again["pulled"], 0, "{again}");
    // Its own edits sync as on any desktop.
    office.run(&["students", "set", &number, "name_en=Edited At The Office"]);
    assert_eq!(office.sync()["applied"], 1);
    admin.sync();
    let seen = admin.json(&["students", "show", &number]);
    assert_eq!(seen["student"]["name_en"], "Edited At The Office", "{seen}");

    // A teacher sees part of the school: no image, the stream as before.
    let (classroom, _) = first_classroom(&admin);
    let (homeroom, _) = two_teachers_of(&cloud, &classroom);
    cloud.add_user("teacher", "teacher", Some(&homeroom));
    let teacher = Desk::new();
    teacher.connect(&cloud, "teacher");
    let first = teacher.sync();
    assert_eq!(first["downloaded"], true, "{first}");
    assert_eq!(first["from_image"], false, "{first}");
}

fn count_rows(database: &Path, table: &str) -> i64 {
    let out = Command::new("sqlite3")
        .arg(database)
        .arg(format!("SELECT count(*) FROM {table}"))
        .output();
    match out {
        Ok(out) if out.status.success() => {
            String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
        }
        _ => panic!("sqlite3 is needed to count rows"),
    }
}

#[test]
fn a_teacher_writing_outside_their_scope_is_refused_shown_and_kept() {
    let (cloud, admin) = school("scope", 80);
    let (classroom, students) = first_classroom(&admin);
    let (homeroom, _) = two_teachers_of(&cloud, &classroom);
    cloud.add_user("teacher", "teacher", Some(&homeroom));
    // Without a keyring there is nowhere to keep the session: a clear error, nothing saved.
    let lost = Desk::new();
    let out = lost
        .command(&[
            "connect", "--server", &cloud.url, "--school", "school", "--user", "teacher",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("system keyring is not available"), "{said}");
    assert_eq!(lost.json(&["sync", "status"])["account"], Value::Null);
    let teacher = Desk::new();
    teacher.connect(&cloud, "teacher");
    teacher.sync();
    // Teachers take attendance; editing a student's record is the office's job: the
    // desktop refuses it at once, as the cloud would, and nothing waits to be sent.
    let refused = teacher.try_run(&[
        "students",
        "set",
        &students[0],
        "name_en=Changed By Teacher",
    ]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("does not give access to"), "{said}");
    assert_eq!(teacher.json(&["sync", "status"])["pending"], 0);

    // What the desktop cannot know yet, the cloud still refuses: the office moved a student
    // to another classroom, and the teacher, not synced since, marks them absent.
    let other = admin
        .json(&["classrooms", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["classroom"]["name_en"].as_str().unwrap().to_string())
        .find(|name| *name != classroom)
        .unwrap();
    admin.run(&[
        "students",
        "set",
        &students[0],
        &format!("classroom={other}"),
    ]);
    admin.sync();
    // What the cloud holds of that student that day, to compare after.
    let on_the_server = |cloud: &Cloud| {
        cloud.sql(&format!(
            "SELECT coalesce(string_agg(a.status || '@' || a.version, ','), '') FROM attendance a
             JOIN students s ON s.id = a.student_id
             WHERE s.admission_number = '{}' AND a.date = '{DAY}'",
            students[0]
        ))
    };
    let before = on_the_server(&cloud);
    teacher.run(&[
        "attendance",
        "mark",
        "--classroom",
        &classroom,
        "--date",
        DAY,
        "--absent",
        &students[0],
    ]);
    let summary = teacher.sync();
    assert_eq!(summary["rejected"], 1, "{summary}");
    let rejected = teacher.json(&["sync", "rejected"]);
    assert_eq!(rejected.as_array().unwrap().len(), 1, "{rejected}");
    assert_eq!(rejected[0]["code"], "out-of-scope", "{rejected}");
    assert!(rejected.to_string().contains("absent"));
    let text = teacher.run(&["sync"]);
    assert!(text.contains("refused"), "{text}");
    // Kept, not pushed again by itself, and never on the server.
    assert_eq!(teacher.json(&["sync", "status"])["rejected"], 1);
    assert_eq!(
        on_the_server(&cloud),
        before,
        "the refused mark never landed"
    );
    // Signing out refuses while it is unsynced, and exports it when asked.
    let refused = teacher.try_run(&["disconnect"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not in the cloud yet"));
    let export = teacher.dir.path().join("unsynced.jsonl");
    teacher.run(&["disconnect", "--export", export.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&export).unwrap();
    assert!(
        exported.contains("attendance") && exported.contains("absent"),
        "{exported}"
    );
    let after = teacher.json(&["sync", "status"]);
    assert_eq!(after["rejected"], 0, "{after}");
    assert_eq!(after["account"], Value::Null, "{after}");
    // Signed in again, nothing of it is left to send.
    teacher.connect(&cloud, "teacher");
    teacher.sync();
    let status = teacher.json(&["sync", "status"]);
    assert_eq!(
        (status["pending"].clone(), status["rejected"].clone()),
        (0.into(), 0.into()),
        "{status}"
    );
}

#[test]
fn an_empty_cloud_school_is_started_from_a_desktop_and_a_teachers_account_made_there() {
    let cloud = Cloud::start("accounts_cli");
    cloud.add_user("founder", "admin", None);
    let founder = Desk::new();
    founder.connect(&cloud, "founder");
    founder.sync();
    founder.run(&[
        "setup",
        "start",
        "--name-ar",
        "مدرسة الغد",
        "--name-en",
        "Al Ghad School",
        "--country",
        "KW",
        "--admin-ar",
        "فاطمة",
        "--admin-en",
        "Fatima",
    ]);
    founder.run(&[
        "setup",
        "add",
        "staff",
        "name_ar=عمر",
        "name_en=Omar",
        "email=omar@alghad.example",
    ]);
    let pushed = founder.sync();
    assert_eq!(pushed["rejected"], 0, "{pushed}");
    assert_eq!(cloud.sql("SELECT currency FROM schools"), "KWD");
    let made = founder
        .command(&[
            "accounts",
            "add",
            "--username",
            "omar",
            "--role",
            "teacher",
            "--staff",
            "omar@alghad.example",
            "--json",
        ])
        .env("DAFTAR_ACCOUNT_PASSWORD", "omar-one-time-1")
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let accounts = founder.json(&["accounts", "list"]);
    let omar = accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "omar")
        .unwrap()
        .clone();
    assert_eq!(omar["must_change_password"], true);
    // Omar's desktop: signed in with the one-time password, it may not sync until he
    // chooses his own.
    let laptop = Desk::new();
    let signed_in = laptop
        .command(&[
            "connect", "--server", &cloud.url, "--school", "school", "--user", "omar",
        ])
        .env("DAFTAR_PASSWORD", "omar-one-time-1")
        .output()
        .unwrap();
    assert!(
        signed_in.status.success(),
        "{}",
        String::from_utf8_lossy(&signed_in.stderr)
    );
    let refused = laptop.try_run(&["sync"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Choose your own password"));
    let changed = laptop
        .command(&["password"])
        .env("DAFTAR_PASSWORD", "omar-one-time-1")
        .env("DAFTAR_NEW_PASSWORD", "omars-own-secret")
        .output()
        .unwrap();
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    laptop.sync();
    let me = laptop.json(&["students", "search"]);
    assert_eq!(me["total"], 0, "no classrooms of his yet, so no students");
    // Disabled, his desktop is signed out at its next call.
    founder.run(&["accounts", "set", "omar", "--disable"]);
    let out = laptop.try_run(&["sync"]);
    assert!(!out.status.success());
    let history = founder.json(&["accounts", "history"]);
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    // Oldest last: the founder's own account linked to her staff record by her first sync.
    assert_eq!(
        actions,
        ["disabled", "password-changed", "created", "staff"]
    );
}

#[test]
fn a_school_started_offline_goes_whole_to_an_empty_cloud_school_its_founder_linked() {
    let desk = Desk::new();
    desk.run(&[
        "setup",
        "start",
        "--name-ar",
        "مدرسة الريان",
        "--name-en",
        "Al Rayyan School",
        "--country",
        "QA",
        "--admin-ar",
        "هند",
        "--admin-en",
        "Hind",
    ]);
    desk.run(&[
        "setup",
        "add",
        "staff",
        "name_ar=مريم",
        "name_en=Maryam",
        "email=maryam@alrayyan.example",
    ]);
    // A cloud school that holds a school already would mix two: refused, nothing sent.
    let (full, _) = school("offline_full", 20);
    let refused = desk.try_run(&[
        "connect", "--server", &full.url, "--school", "school", "--user", "admin",
    ]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("already holds a school"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert_eq!(full.sql("SELECT count(*) FROM schools"), "1");
    // Only an administrator's account sends a whole school.
    let cloud = Cloud::start("offline_start");
    cloud.add_user("clerk", "office", None);
    cloud.add_user("founder", "admin", None);
    let refused = desk.try_run(&[
        "connect", "--server", &cloud.url, "--school", "school", "--user", "clerk",
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("administrator"));
    desk.connect(&cloud, "founder");
    let pushed = desk.sync();
    assert_eq!(pushed["rejected"], 0, "{pushed}");
    assert_eq!(cloud.sql("SELECT name_en FROM schools"), "Al Rayyan School");
    assert_eq!(cloud.sql("SELECT currency FROM schools"), "QAR");
    assert_eq!(cloud.count("staff"), 2);
    // The founder's account now names their staff record, so another desktop signed in
    // as them works under their name too.
    assert_eq!(
        cloud.sql(
            "SELECT s.name_en FROM users u JOIN staff s ON s.id = u.staff_id
             WHERE u.username = 'founder'"
        ),
        "Hind"
    );
    let second = Desk::new();
    second.connect(&cloud, "founder");
    second.sync();
    let staff = second.json(&["setup", "list", "staff"]);
    assert_eq!(staff["records"].as_array().unwrap().len(), 2, "{staff}");
}

#[test]
fn two_desktops_paying_one_invoice_offline_keep_both_payments_and_flag_the_second() {
    let (cloud, office) = school("overpaid", 20);
    cloud.add_user("office2", "office", None);
    let other = Desk::new();
    other.connect(&cloud, "office2");
    other.sync();
    let unpaid = office.json(&["fees", "invoices", "--unpaid", "--limit", "1"]);
    let invoice = &unpaid["items"][0];
    let number = invoice["invoice"]["number"].as_str().unwrap().to_string();
    let balance = invoice["balance"].as_i64().unwrap();
    assert!(balance > 1_000, "{invoice}");
    let before = office.json(&["fees", "show", &number]);
    let (paid_before, payments_before) = (
        before["paid"].as_i64().unwrap(),
        before["payments"].as_array().unwrap().len(),
    );
    // Both desks take the whole balance, neither seeing the other's payment.
    let whole = format!("{}", balance as f64 / 100.0);
    office.run(&["fees", "pay", "--invoice", &number, "--amount", &whole]);
    other.run(&[
        "fees",
        "pay",
        "--invoice",
        &number,
        "--amount",
        &whole,
        "--method",
        "bank-transfer",
        "--reference",
        "TRF-5521",
    ]);
    let first = office.sync();
    assert_eq!(first["rejected"], 0, "{first}");
    let second = other.sync();
    assert_eq!(
        second["rejected"], 0,
        "the second payment is kept: {second}"
    );
    office.sync();

    // The cloud holds both payments, and one review of the second beside the first.
    let invoice_id = cloud.sql(&format!(
        "SELECT id FROM invoices WHERE number = '{number}'"
    ));
    assert_eq!(
        cloud.sql(&format!(
            "SELECT count(*) || ':' || sum(amount) FROM payments WHERE invoice_id = '{invoice_id}' AND NOT deleted"
        )),
        format!("{}:{}", payments_before + 2, paid_before + 2 * balance)
    );
    assert_eq!(
        cloud.sql("SELECT column_name || ':' || table_name || ':' || winner FROM conflicts WHERE resolution IS NULL"),
        "overpaid:payments:mine"
    );
    for desk in [&office, &other] {
        let open = desk.conflicts(false);
        assert_eq!(open.len(), 1, "{open:?}");
        let review = &open[0];
        assert_eq!(review["column"], "overpaid");
        let sides = [&review["mine"]["value"], &review["theirs"]["value"]];
        let flagged = sides.iter().find(|v| v.get("payment").is_some()).unwrap();
        let met = sides.iter().find(|v| v.get("payments").is_some()).unwrap();
        assert_eq!(flagged["payment"]["reference"], "TRF-5521", "{review}");
        assert_eq!(flagged["surplus"].as_i64(), Some(balance));
        let met_payments = met["payments"].as_array().unwrap();
        assert_eq!(met_payments.len(), payments_before + 1, "{review}");
        assert_eq!(
            met_payments.last().unwrap()["amount"].as_i64(),
            Some(balance)
        );
        // The surplus is the family's credit meanwhile.
        let shown = desk.json(&["fees", "show", &number]);
        assert_eq!(shown["balance"].as_i64(), Some(-balance), "{shown}");
    }

    // The office refunds the surplus from the review; every desk sees it settled.
    let id = office.conflicts(false)[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    office.run(&["conflicts", "resolve", &id, "--keep", "theirs"]);
    office.sync();
    other.sync();
    assert!(office.conflicts(false).is_empty());
    assert!(other.conflicts(false).is_empty());
    assert_eq!(
        cloud.sql(&format!(
            "SELECT amount || ':' || method || ':' || reference FROM refunds WHERE invoice_id = '{invoice_id}'"
        )),
        format!("{balance}:bank_transfer:TRF-5521")
    );
    let settled = other.json(&["fees", "show", &number]);
    assert_eq!(settled["balance"].as_i64(), Some(0), "{settled}");
    assert_eq!(settled["refunded"].as_i64(), Some(balance), "{settled}");
}

#[test]
fn a_register_saved_on_one_desktop_reaches_another_on_another_server_without_its_timer() {
    use daftar_sync::{Engine, HttpTransport, MemorySecrets, Options, Scheduler, SchedulerOptions};
    use std::sync::{Arc, Mutex};

    let (cloud, office) = school("live_sync", 20);
    let (mut beside, url) = cloud.serve_beside(None);
    let (classroom, students) = first_classroom(&office);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = daftar_store::Store::open(
        &dir.path().join("daftar.sqlite3"),
        Arc::new(daftar_domain::SystemClock),
    )
    .unwrap();
    let device = store.device_id();
    let attendance = daftar_domain::table("attendance").unwrap();
    let replica = Arc::new(Mutex::new(store));
    let count =
        |replica: &Mutex<daftar_store::Store>| replica.lock().unwrap().count(attendance).unwrap();
    let (scheduler, before) = runtime.block_on(async {
        let engine = Arc::new(Engine::new(
            HttpTransport::new(&url).unwrap(),
            Arc::new(MemorySecrets::default()),
            device,
            Options::default(),
        ));
        engine
            .sign_in("school", "admin", PASSWORD, "second desk")
            .await
            .unwrap();
        // The timer would sync again in an hour: only the cloud's stream can bring it sooner.
        let scheduler = Scheduler::start(
            engine,
            replica.clone(),
            SchedulerOptions {
                interval: Duration::from_secs(3600),
                ..SchedulerOptions::default()
            },
            7,
        );
        let mut status = scheduler.status();
        while status.borrow().rounds == 0 {
            status.changed().await.unwrap();
        }
        (scheduler, count(&replica))
    });
    assert!(before > 0, "the school downloaded");

    // The first desktop takes a register through the first server.
    office.run(&[
        "attendance",
        "mark",
        "--classroom",
        &classroom,
        "--date",
        DAY,
        "--absent",
        &students[0],
    ]);
    let started = Instant::now();
    office.sync();
    // Read as the second desktop's own screens read it (its data folder, the daftar CLI).
    let absent_there = |day: &str, who: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_daftar"))
            .args([
                "attendance",
                "show",
                "--classroom",
                &classroom,
                "--date",
                day,
                "--json",
            ])
            .env("DAFTAR_DATA_DIR", dir.path())
            .output()
            .unwrap();
        let roster: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        roster.as_array().is_some_and(|rows| {
            rows.iter()
                .any(|r| r["admission_number"] == who && r["status"] == "absent")
        })
    };
    let within = |seconds: u64, seen: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            if seen() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    assert!(
        within(10, &|| absent_there(DAY, &students[0])),
        "the register reached the second desktop without its timer"
    );
    let seen = started.elapsed();
    assert!(scheduler.status().borrow().rounds >= 2);
    eprintln!("a register seen on the other desktop {seen:?} after its sync began");

    // The second server goes and comes back: the stream is cut, opened again, and the next
    // register still arrives without the timer.
    let port: u16 = url.rsplit(':').next().unwrap().parse().unwrap();
    let _ = beside.kill();
    let _ = beside.wait();
    std::thread::sleep(Duration::from_millis(500));
    let (mut again, _) = cloud.serve_beside(Some(port));
    let next_day = "2026-06-02";
    office.run(&[
        "attendance",
        "mark",
        "--classroom",
        &classroom,
        "--date",
        next_day,
        "--absent",
        &students[1],
    ]);
    office.sync();
    assert!(
        within(20, &|| absent_there(next_day, &students[1])),
        "the stream was opened again after the server came back"
    );
    let _ = again.kill();
    let _ = again.wait();
    drop(scheduler);
}

#[test]
fn an_administrator_tells_families_report_cards_are_ready_and_sees_their_messages() {
    let (cloud, admin) = school("messages", 60);
    cloud.run(&["tenant", "notify", "--slug", "school", "--enabled"]);
    let (classroom, _) = first_classroom(&admin);
    let (homeroom, _) = two_teachers_of(&cloud, &classroom);
    cloud.add_user("teacher", "teacher", Some(&homeroom));
    let laptop = Desk::new();
    laptop.connect(&cloud, "teacher");
    let refused = laptop.try_run(&["messages", "publish-report-cards", "--term", "1"]);
    assert!(!refused.status.success(), "a teacher does not publish");

    // Once per term: a second publication tells nobody again.
    let published = admin.json(&["messages", "publish-report-cards", "--term", "1"]);
    let queued = published["queued"].as_u64().unwrap();
    assert!(queued >= 60, "{published}");
    let again = admin.json(&["messages", "publish-report-cards", "--term", "1"]);
    assert_eq!(again["queued"], 0);

    // No gateway is set yet: they wait, listed with the guardians' names from this desktop.
    let list = admin.json(&["messages", "list", "--state", "queued"]);
    let messages = list["messages"].as_array().unwrap();
    assert!(!messages.is_empty());
    assert!(messages.iter().all(|m| m["kind"] == "report-cards"
        && !m["guardian"].as_str().unwrap().is_empty()
        && !m["student"].as_str().unwrap().is_empty()));
    let sms = list["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "sms" && c["state"] == "queued")
        .unwrap()["count"]
        .as_i64()
        .unwrap();
    assert!(sms >= 60, "{list}");

    // A guardian asks for no more SMS: what was queued for them is cancelled.
    let sms_message = messages.iter().find(|m| m["channel"] == "sms").unwrap();
    let guardian = sms_message["guardian_id"].as_str().unwrap();
    admin.run(&[
        "messages",
        "opt-out",
        "--guardian",
        guardian,
        "--channel",
        "sms",
    ]);
    let after = admin.json(&["messages", "list"]);
    let opted = after["opt_outs"].as_array().unwrap();
    assert_eq!(opted.len(), 1);
    assert_eq!(opted[0]["guardian"], sms_message["guardian"]);
    assert_eq!(
        cloud.sql(&format!(
            "SELECT count(*) FROM notifications WHERE guardian_id = '{guardian}'
               AND channel = 'sms' AND state <> 'cancelled'"
        )),
        "0"
    );
    assert_eq!(
        admin.json(&["messages", "redrive", "--dead"])["redriven"],
        0
    );
    let wrong = admin.try_run(&["messages", "list", "--state", "lost"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("not one of"));
}
