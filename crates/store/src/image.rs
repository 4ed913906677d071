//! The school as one file: a desktop database the cloud fills with a school's rows and seals
//! ([`Store::seal_image`]), which a desktop holding nothing of its own yet adopts whole
//! ([`Store::adopt_image`]) instead of writing every row and index entry itself.

use std::path::{Path, PathBuf};

use daftar_domain::Hlc;
use daftar_protocol::ImageHeader;
use rusqlite::Connection;

use crate::error::{Result, StoreError};
use crate::migrate::SCHEMA_VERSION;
use crate::replica::{CURSOR, SCOPE};
use crate::{Store, meta};

fn bad_image(image: &Path, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("the school's image {}: {detail}", image.display()))
}

impl Store {
    /// Whether this device holds nothing the cloud may lack: no outbox entry (pending or
    /// refused), no conflict, no finished download. Only such a device may adopt an image,
    /// since adopting replaces everything but the device's own settings.
    pub fn may_adopt_image(&self) -> Result<bool> {
        let holds: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM conflicts)
                 OR EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
            [CURSOR],
            |r| r.get(0),
        )?;
        Ok(!holds)
    }

    /// Closes a database built as an image, compacted (rows written in many transactions
    /// leave pages half full) and with every page in its one file (no write-ahead log beside
    /// it), and returns its path.
    pub fn seal_image(self) -> Result<PathBuf> {
        let mode: String =
            self.conn()
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(bad_image(&self.path, format!("still in {mode} mode")));
        }
        self.conn().execute_batch("VACUUM")?;
        Ok(self.path.clone())
    }

    /// Replaces this blank device's school with the image at `image` (a file this device may
    /// change), keeping the device's own settings, identity and clock, and pulling on from
    /// `header.cursor`. The image is checked first (schema, row count), then copied in one
    /// SQLite transaction, so a device cut off half-way is as blank as before. Returns the
    /// rows adopted, or `None` when the device is no longer blank (a person wrote meanwhile),
    /// in which case nothing changed.
    pub fn adopt_image(&mut self, image: &Path, header: &ImageHeader) -> Result<Option<usize>> {
        let mut source = Connection::open(image).map_err(|e| bad_image(image, e))?;
        // A scratch file until copied: nothing in it is worth making durable.
        source
            .pragma_update(None, "synchronous", "OFF")
            .and_then(|()| source.pragma_update(None, "journal_mode", "MEMORY"))
            .map_err(|e| bad_image(image, e))?;
        let version: i64 = source
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| bad_image(image, e))?;
        if version != SCHEMA_VERSION {
            return Err(bad_image(
                image,
                format!("schema {version}, this desktop's is {SCHEMA_VERSION}"),
            ));
        }
        let mut rows: i64 = 0;
        for spec in daftar_domain::TABLES {
            let count: i64 = source
                .query_row(&format!("SELECT count(*) FROM {}", spec.name), [], |r| {
                    r.get(0)
                })
                .map_err(|e| bad_image(image, e))?;
            rows += count;
        }
        if rows != header.rows {
            return Err(bad_image(
                image,
                format!("{rows} rows where the cloud announced {}", header.rows),
            ));
        }
        let seen: Option<Hlc> = meta(&source, "hlc")?
            .map(|s| s.parse())
            .transpose()
            .map_err(|e| bad_image(image, format!("{e}")))?;
        if !self.may_adopt_image()? {
            return Ok(None);
        }

        // This device's own state takes the place of the builder's, so the copy brings it.
        let mut hlc = self.hlc;
        if let Some(seen) = seen {
            hlc.observe(seen, self.clock.now_millis());
        }
        let own: Vec<(String, String)> = {
            let mut stmt = self.conn().prepare("SELECT key, value FROM meta")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let tx = source.transaction()?;
        tx.execute_batch("DELETE FROM meta; DELETE FROM outbox; DELETE FROM conflicts;")?;
        {
            let mut insert = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
            let cursor = header.cursor.to_string();
            let hlc = hlc.last().to_string();
            let sync = [
                (CURSOR, cursor.as_str()),
                (SCOPE, header.scope.as_str()),
                ("hlc", hlc.as_str()),
            ];
            for (key, value) in &own {
                if !sync.iter().any(|(k, _)| k == key) {
                    insert.execute((key, value))?;
                }
            }
            for (key, value) in sync {
                insert.execute((key, value))?;
            }
        }
        tx.commit()?;

        // Copied under a rollback journal, which holds only this blank database's few pages,
        // rather than through the write-ahead log, which would take every page twice. Another
        // connection on the file keeps the log in use; the copy is then slower, not wrong.
        let mode: Option<String> = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
            .ok();
        let copied = rusqlite::backup::Backup::new(&source, &mut self.conn)
            .and_then(|b| b.run_to_completion(i32::MAX, std::time::Duration::ZERO, None));
        if mode.is_some_and(|m| m.eq_ignore_ascii_case("delete")) {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        copied?;
        self.hlc = hlc;
        Ok(Some(rows as usize))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use daftar_domain::{Language, ManualClock, School};
    use daftar_protocol::Row;
    use uuid::Uuid;

    use super::*;

    fn school_row(name: &str) -> Row {
        let dir = tempfile::tempdir().unwrap();
        let mut source =
            Store::open(&dir.path().join("s.sqlite3"), Arc::new(ManualClock::new(5))).unwrap();
        let school = School {
            id: Uuid::from_u128(1),
            name_ar: "مدرسة النور".into(),
            name_en: name.into(),
            country: "AE".into(),
            currency: "AED".into(),
            currency_minor_digits: 2,
            principal_name_ar: "م".into(),
            principal_name_en: "P".into(),
            primary_language: Language::Arabic,
            rank_enabled: false,
            logo_png: None,
            address: None,
            phone: None,
            tax_number: None,
            school_week: daftar_domain::SchoolWeek::GULF,
            date_order: daftar_domain::DateOrder::DayMonthYear,
            student_names: daftar_domain::StudentNames::Both,
        };
        source
            .write(Uuid::from_u128(9), |w| w.save_school(&school))
            .unwrap();
        let mut row = source.replica_row("schools", school.id).unwrap().unwrap();
        row.version = 40;
        row.hlc = "0000ffffffff-000000-00000000000000000000000000000001".into();
        row
    }

    /// An image as the cloud builds one: a store of its own filled by pulls, then sealed.
    fn image(dir: &Path, rows: &[Row]) -> (PathBuf, ImageHeader) {
        let mut builder =
            Store::open(&dir.join("image.sqlite3"), Arc::new(ManualClock::new(5))).unwrap();
        builder.apply_pulled(rows, &[], None).unwrap();
        let path = builder.seal_image().unwrap();
        assert!(!dir.join("image.sqlite3-wal").exists());
        let header = ImageHeader {
            cursor: 41,
            rows: rows.len() as i64,
            scope: "school".into(),
            size: std::fs::metadata(&path).unwrap().len(),
        };
        (path, header)
    }

    /// The desktop's own store in `dir` (opened again, the same one).
    fn device_in(dir: &Path) -> Store {
        Store::open(
            &dir.join("device.sqlite3"),
            Arc::new(ManualClock::new(1_000)),
        )
        .unwrap()
    }

    #[test]
    fn a_blank_device_adopts_the_school_keeping_its_identity_settings_and_clock() {
        let dir = tempfile::tempdir().unwrap();
        let row = school_row("Al Noor");
        let (path, header) = image(dir.path(), std::slice::from_ref(&row));

        let mut device = device_in(dir.path());
        device.set_setting("language", "ar").unwrap();
        let id = device.device_id();
        assert!(device.may_adopt_image().unwrap());
        assert_eq!(device.adopt_image(&path, &header).unwrap(), Some(1));

        assert_eq!(device.replica_row("schools", row.id).unwrap(), Some(row));
        assert_eq!(device.device_id(), id);
        assert_eq!(device.setting("language").unwrap().as_deref(), Some("ar"));
        assert_eq!(device.sync_cursor().unwrap(), Some(41));
        assert_eq!(device.sync_scope().unwrap().as_deref(), Some("school"));
        // Stamps issued from now on follow the latest one in the image, with this device's
        // own node.
        let last = device.last_hlc();
        assert_eq!(last.millis, 0xffff_ffff);
        assert_eq!(last.node, id);
        assert!(!device.may_adopt_image().unwrap());
        // Still a WAL database, and the adopted school reads back after reopening.
        drop(device);
        let device = device_in(dir.path());
        let mode: String = device
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(device.device_id(), id);
        assert_eq!(device.row_ids("schools").unwrap(), vec![Uuid::from_u128(1)]);
    }

    #[test]
    fn a_device_with_changes_of_its_own_or_a_wrong_image_keeps_what_it_has() {
        let dir = tempfile::tempdir().unwrap();
        let row = school_row("Al Noor");
        let (path, header) = image(dir.path(), std::slice::from_ref(&row));
        let mut device = device_in(dir.path());

        // An image that does not hold what the cloud announced is refused before any copy.
        let wrong = ImageHeader {
            rows: 2,
            ..header.clone()
        };
        let error = device.adopt_image(&path, &wrong).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("1 rows where the cloud announced 2")
        );
        assert!(device.may_adopt_image().unwrap());

        // A change written while the image downloaded: the device is no longer blank, and
        // the image is left alone.
        let mut mine = row.clone();
        mine.values
            .insert("name_en".into(), serde_json::Value::String("Mine".into()));
        let school: School = serde_json::from_value(serde_json::Value::Object(
            mine.values.clone().into_iter().collect(),
        ))
        .unwrap();
        device
            .write(Uuid::from_u128(9), |w| w.save_school(&school))
            .unwrap();
        assert_eq!(device.adopt_image(&path, &header).unwrap(), None);
        let kept = device.replica_row("schools", row.id).unwrap().unwrap();
        assert_eq!(kept.values["name_en"], "Mine");
        assert_eq!(device.pending_count().unwrap(), 1);
        assert_eq!(device.sync_cursor().unwrap(), None);
    }
}
