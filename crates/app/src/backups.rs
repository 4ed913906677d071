//! Backups: a consistent copy of the school's database in the data folder's `backups/`,
//! the list of them, and putting the school back as it was in one (administrators), with
//! the school as it is now backed up first.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;
use daftar_domain::*;
use serde::Serialize;

use crate::{App, Failure, Result, Session};

impl App {
    /// A consistent copy of the school's database in the data folder's `backups/`.
    pub fn backup_now(&self) -> Result<String> {
        let dir = self.backups_dir();
        std::fs::create_dir_all(&dir).map_err(Failure::io(&dir))?;
        let stamp = Utc::now().format("%Y%m%d-%H%M%S");
        // Two backups in one second (a restore's own one) never overwrite each other.
        let out = (1..)
            .map(|n| match n {
                1 => dir.join(format!("daftar-{stamp}.sqlite3")),
                n => dir.join(format!("daftar-{stamp}-{n}.sqlite3")),
            })
            .find(|path| !path.exists())
            .expect("a free name");
        self.store.backup_to(&out)?;
        Ok(out.display().to_string())
    }

    fn backups_dir(&self) -> PathBuf {
        self.data_dir.join("backups")
    }

    /// The backups in this data folder, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        let dir = self.backups_dir();
        let io = Failure::io(&dir);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(e)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.starts_with("daftar-") || !name.ends_with(".sqlite3") {
                continue;
            }
            let meta = entry.metadata().map_err(io)?;
            let taken_at = meta
                .modified()
                .map(chrono::DateTime::<Utc>::from)
                .map_err(io)?;
            found.push(Backup {
                name,
                bytes: meta.len(),
                taken_at,
            });
        }
        found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
        Ok(found)
    }

    /// Puts the school back as it was in backup `name` (one of [`App::backups`]). The school
    /// as it is now is backed up first, so a restore can itself be undone; a backup of
    /// another school is refused. Changes this device had synced since come back from the
    /// cloud on the next sync.
    pub fn restore_backup(&mut self, actor: &Actor, name: &str) -> Result<Session> {
        self.allow(actor, Action::RestoreBackups, Target::default())?;
        let chosen = self
            .backups()?
            .into_iter()
            .find(|b| b.name == name)
            .ok_or_else(|| Failure::Io {
                path: name.chars().take(80).collect(),
                detail: "no such backup".into(),
            })?;
        let dir = self.backups_dir();
        // A copy is checked and brought to this version's schema, the backup kept as it was.
        let staged = dir.join("restoring.sqlite3.tmp");
        std::fs::copy(dir.join(&chosen.name), &staged).map_err(Failure::io(&dir))?;
        let checked = (|| -> Result<()> {
            let copy = daftar_store::Store::open(&staged, Arc::new(SystemClock))?;
            let theirs = copy.school()?.map(|s| s.id);
            let ours = self.store.school()?.map(|s| s.id);
            if theirs.is_none() || (ours.is_some() && theirs != ours) {
                return Err(Failure::Io {
                    path: chosen.name.clone(),
                    detail: "not a backup of this school".into(),
                });
            }
            Ok(())
        })();
        let restored = checked.and_then(|()| {
            self.backup_now()?;
            Ok(self.store.restore_from(&staged)?)
        });
        for leftover in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("restoring.sqlite3.tmp{leftover}")));
        }
        restored?;
        let actor = self.actor()?;
        self.session(&actor)
    }
}

/// A backup file in the data folder.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Backup {
    pub name: String,
    pub bytes: u64,
    pub taken_at: chrono::DateTime<Utc>,
}
