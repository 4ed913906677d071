//! A throwaway PostgreSQL for tests: `initdb` and `pg_ctl` on a temporary directory and a
//! free loopback port, shared by the tests of one process and stopped when it exits. With
//! `DATABASE_URL` set, tests use that server instead (its user must be able to create
//! databases and roles).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// A PostgreSQL server the tests may create databases on.
#[derive(Debug)]
pub struct Postgres {
    /// `postgres://user@host:port`, without a database name.
    base_url: String,
}

/// One fresh database on the shared server.
#[derive(Debug, Clone)]
pub struct TestDatabase {
    /// The database's URL as its owner (a superuser on a throwaway cluster).
    pub owner_url: String,
    pub name: String,
}

impl TestDatabase {
    /// The same database reached as another role (which the caller has created).
    pub fn url_as(&self, user: &str, password: &str) -> String {
        let rest = self
            .owner_url
            .split_once('@')
            .map(|(_, r)| r)
            .unwrap_or_default();
        format!("postgres://{user}:{password}@{rest}")
    }
}

static SERVER: OnceLock<Postgres> = OnceLock::new();
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// The shared server, started on first use.
pub fn postgres() -> &'static Postgres {
    SERVER.get_or_init(|| match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => Postgres {
            base_url: url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(url),
        },
        _ => Postgres::start().unwrap_or_else(|e| panic!("cannot start PostgreSQL for tests: {e}")),
    })
}

/// The password of [`SERVING_ROLE`] on a test cluster.
pub const SERVING_PASSWORD: &str = "server";
/// The role the cloud serves as in tests: a member of `daftar_app`, which the schema grants to.
pub const SERVING_ROLE: &str = "daftar_server";

impl Postgres {
    /// Creates the cloud's roles (`daftar_app`, and [`SERVING_ROLE`] in it). Roles are
    /// cluster-wide: this runs once a process, before tests race to migrate.
    pub fn serving_roles(&self) {
        static ROLES: std::sync::Once = std::sync::Once::new();
        ROLES.call_once(|| {
            self.psql(
                "postgres",
                &format!(
                    "DO $$ BEGIN
                       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'daftar_app') THEN
                         CREATE ROLE daftar_app NOLOGIN; END IF;
                       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVING_ROLE}') THEN
                         CREATE ROLE {SERVING_ROLE} LOGIN PASSWORD '{SERVING_PASSWORD}' IN ROLE daftar_app; END IF;
                     END $$"
                ),
            );
        });
    }

    /// A new empty database, named after the test that asks for it.
    pub fn database(&self, label: &str) -> TestDatabase {
        let n = DATABASES.fetch_add(1, Ordering::Relaxed);
        let clean: String = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(30)
            .collect();
        let name = format!("t{}_{n}_{clean}", std::process::id());
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        TestDatabase {
            owner_url: format!("{}/{name}", self.base_url),
            name,
        }
    }

    /// Runs SQL as the superuser on `database`, panicking with psql's output on failure.
    pub fn psql(&self, database: &str, sql: &str) -> String {
        let url = format!("{}/{database}", self.base_url);
        let out = Command::new("psql")
            .args([&url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "psql failed on {sql:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn start() -> Result<Self, String> {
        let bin = find_bin_dir().ok_or(
            "no initdb found on PATH or under /usr/lib/postgresql/*/bin; install postgresql",
        )?;
        let root = tempfile::Builder::new()
            .prefix("daftar-pg-")
            .tempdir()
            .map_err(|e| e.to_string())?
            .keep();
        let data = root.join("data");
        let port = free_port()?;
        // initdb refuses to run as root: run the server as an unprivileged account then.
        let runner = if is_root() {
            Some(unprivileged_user()?)
        } else {
            None
        };
        if let Some((_, uid)) = &runner {
            chown_dir(&root, *uid)?;
        }
        let run = |program: &str, args: &[&str]| -> Result<(), String> {
            let path = bin.join(program);
            let mut cmd = match &runner {
                Some((user, _)) => {
                    let mut c = Command::new("runuser");
                    c.args(["-u", user, "--"]).arg(&path);
                    c
                }
                None => Command::new(&path),
            };
            let out = cmd
                .args(args)
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("{program}: {e}"))?;
            if out.status.success() {
                Ok(())
            } else {
                Err(format!(
                    "{program} failed: {}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ))
            }
        };
        let data_str = data.to_str().ok_or("temporary path is not UTF-8")?;
        run(
            "initdb",
            &[
                "-D",
                data_str,
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            root.display()
        );
        let log = root.join("server.log");
        run(
            "pg_ctl",
            &[
                "-D",
                data_str,
                "-l",
                log.to_str().ok_or("temporary path is not UTF-8")?,
                "-o",
                &options,
                "-w",
                "start",
            ],
        )?;
        watch_for_exit(&bin, &data, &root, runner.as_ref().map(|(u, _)| u.as_str()))?;
        Ok(Postgres {
            base_url: format!("postgres://postgres@127.0.0.1:{port}"),
        })
    }
}

/// Stops the cluster and removes its files once this test process has gone, however it ends.
fn watch_for_exit(bin: &Path, data: &Path, root: &Path, user: Option<&str>) -> Result<(), String> {
    let pg_ctl = bin.join("pg_ctl");
    let stop = match user {
        Some(u) => format!(
            "runuser -u {u} -- '{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        ),
        None => format!(
            "'{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        ),
    };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{root}'",
        pid = std::process::id(),
        root = root.display()
    );
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("cannot watch the test process: {e}"))
}

fn find_bin_dir() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Some(dir);
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
                return Some(dir);
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions.pop()
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn unprivileged_user() -> Result<(String, u32), String> {
    for user in ["postgres", "nobody"] {
        if let Ok(out) = Command::new("id").args(["-u", user]).output()
            && out.status.success()
            && let Ok(uid) = String::from_utf8_lossy(&out.stdout).trim().parse()
        {
            return Ok((user.to_string(), uid));
        }
    }
    Err("running as root and no postgres or nobody account to run PostgreSQL as".into())
}

fn chown_dir(root: &Path, uid: u32) -> Result<(), String> {
    std::os::unix::fs::chown(root, Some(uid), None).map_err(|e| format!("chown: {e}"))
}
