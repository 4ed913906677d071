//! A real cloud with a school in it, for the desktop window's connected tests: a throwaway
//! PostgreSQL, a `daftar-cloud` process on loopback, the demo school made on a desktop and
//! pushed by its administrator, and an account for a teacher, an office clerk and an
//! administrator, each a member of the school's staff. Prints one JSON line (the server,
//! the school, the password, and per role the account's name and the classrooms it should
//! see), then serves until its standard input closes. A second, empty school has only its
//! administrator's account, for setting a school up from a connected desktop.
//!
//! Needs a Secret Service on the session bus (the seeding desktop signs in like any other).

use std::io::{BufRead, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use daftar_app::{App, DemoOptions, today};
use daftar_domain::StaffRole;
use daftar_i18n::Localizer;
use serde_json::json;

const PASSWORD: &str = "connected-window-password";
const SECRET: &str = "connected-window-secret-of-32-bytes!";

fn cloud_bin() -> PathBuf {
    // target/<profile>/examples/cloud_school → target/<profile>/daftar-cloud
    let exe = std::env::current_exe().expect("own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("an examples folder")
        .join("daftar-cloud")
}

struct Cloud {
    database_url: String,
    owner_url: String,
    listen: String,
}

impl Cloud {
    fn command(&self) -> Command {
        let mut command = Command::new(cloud_bin());
        command
            .env("DAFTAR_DATABASE_URL", &self.database_url)
            .env("DAFTAR_ADMIN_DATABASE_URL", &self.owner_url)
            .env("DAFTAR_LISTEN", &self.listen)
            .env("DAFTAR_TOKEN_SECRET", SECRET)
            .env("DAFTAR_IMAGE_AFTER_CHANGES", "0")
            .env("DAFTAR_LOG", "warn")
            .env("DAFTAR_PASSWORD", PASSWORD)
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) {
        let out = self
            .command()
            .args(args)
            .output()
            .expect("daftar-cloud runs");
        assert!(
            out.status.success(),
            "daftar-cloud {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn serve(&self) -> Child {
        let child = self
            .command()
            .arg("serve")
            .stdout(Stdio::null())
            .spawn()
            .expect("daftar-cloud serves");
        let start = Instant::now();
        while TcpStream::connect(&self.listen).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "daftar-cloud never listened"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        child
    }
}

fn main() {
    let pg = daftar_testkit::postgres();
    pg.serving_roles();
    let database = pg.database("connected_window");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let cloud = Cloud {
        database_url: database.url_as(
            daftar_testkit::SERVING_ROLE,
            daftar_testkit::SERVING_PASSWORD,
        ),
        owner_url: database.owner_url.clone(),
        listen: format!("127.0.0.1:{port}"),
    };
    let server = format!("http://127.0.0.1:{port}");
    cloud.run(&["migrate"]);
    let mut serving = cloud.serve();
    cloud.run(&[
        "tenant",
        "create",
        "--slug",
        "school",
        "--name",
        "Connected School",
    ]);
    // Guardians' messages on, with no gateway or relay set: alerts wait in the queue for the
    // messages screen to show.
    cloud.run(&["tenant", "notify", "--slug", "school", "--enabled"]);
    cloud.run(&[
        "user",
        "add",
        "--tenant",
        "school",
        "--username",
        "seed",
        "--role",
        "admin",
    ]);

    // The school, made on a desktop this year and sent to the cloud.
    let desk = tempfile::tempdir().expect("a data folder");
    let mut app = App::open(desk.path(), Localizer::new("en", false).expect("English"))
        .expect("the data folder opens");
    let made = app.call(|a| a.create_demo(DemoOptions::as_of(today(), 480, 11)));
    made.expect("the demo school");
    app.call(|a| a.connect(&server, "school", "seed", PASSWORD, "seeding desk"))
        .expect("the seeding desk signs in");
    let pushed = app.call(|a| a.sync(&|_| {})).expect("the school is sent");
    assert!(pushed.rejected == 0 && pushed.pushed > 100, "{pushed:?}");

    let year = app.current_year().expect("a current year");
    let mut accounts = serde_json::Map::new();
    for (username, role) in [
        ("teacher", StaffRole::Teacher),
        ("office", StaffRole::Office),
        ("principal", StaffRole::Admin),
    ] {
        let store = app.store();
        let staff = store
            .first_staff_with_role(role)
            .expect("the staff list")
            .expect("a member of staff with the role");
        let classrooms: Vec<String> = {
            let all = store.classrooms(year.id).expect("the classrooms");
            let mine = store
                .teacher_reach(staff.id, year.id)
                .expect("a teacher's classrooms")
                .classrooms;
            all.into_iter()
                .filter(|c| role != StaffRole::Teacher || mine.contains(&c.classroom.id))
                .map(|c| c.classroom.name_en)
                .collect()
        };
        let staff_id = staff.id.to_string();
        cloud.run(&[
            "user",
            "add",
            "--tenant",
            "school",
            "--username",
            username,
            "--role",
            role.as_str(),
            "--staff",
            &staff_id,
        ]);
        accounts.insert(
            role.as_str().to_string(),
            json!({
                "username": username,
                "name_en": staff.name_en,
                "name_ar": staff.name_ar,
                "classrooms": classrooms,
            }),
        );
    }
    // A second school with nothing in it yet but its administrator's account: set up from
    // a desktop.
    cloud.run(&[
        "tenant",
        "create",
        "--slug",
        "fresh",
        "--name",
        "Fresh School",
    ]);
    cloud.run(&[
        "user",
        "add",
        "--tenant",
        "fresh",
        "--username",
        "founder",
        "--role",
        "admin",
    ]);
    let ready = json!({
        "server": server,
        "school": "school",
        "password": PASSWORD,
        "accounts": accounts,
        "empty": { "school": "fresh", "admin": "founder" },
    });
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{ready}").expect("stdout");
    stdout.flush().expect("stdout");

    // Serve until the test closes our input (or goes away).
    for line in std::io::stdin().lock().lines() {
        if line.is_err() {
            break;
        }
    }
    let _ = serving.kill();
    let _ = serving.wait();
}
