//! The desktop window's handle on its school: one `App` behind a lock, shared by the
//! window's commands and the background sync, which runs whenever the device is connected
//! and is told of every local write.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use daftar_i18n::Localizer;
use daftar_store::Store;
use daftar_sync::{Replica, Scheduler, SchedulerOptions, Status};
use serde::Deserialize;

use crate::{App, AppError, Failure, Keep, Printed, Result, Session, Work, WorkProgress};

/// The app as the sync engine reaches it: the store, locked for each short step.
struct Shared(Arc<Mutex<App>>);

impl Replica for Shared {
    fn with_store<R>(&self, work: impl FnOnce(&mut Store) -> R) -> R {
        work(
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .store(),
        )
    }
}

/// How a person settles a conflict from the window.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(tag = "keep", content = "value", rename_all = "kebab-case")]
pub enum KeepInput {
    Mine,
    Theirs,
    Value(String),
}

impl From<KeepInput> for Keep {
    fn from(input: KeepInput) -> Self {
        match input {
            KeepInput::Mine => Keep::Mine,
            KeepInput::Theirs => Keep::Theirs,
            KeepInput::Value(v) => Keep::Value(v),
        }
    }
}

pub struct Desktop {
    app: Arc<Mutex<App>>,
    sync: Mutex<Option<Scheduler>>,
    runtime: tokio::runtime::Runtime,
    /// The long work running now, which the window watches and may stop.
    work: Work,
}

impl std::fmt::Debug for Desktop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desktop").finish_non_exhaustive()
    }
}

impl Desktop {
    /// Opens the school in `data_dir` in the language last chosen there, else the
    /// system's, and starts syncing if the device is connected.
    pub fn open(data_dir: &Path) -> std::result::Result<Desktop, AppError> {
        let system = Localizer::new(daftar_i18n::system_language(), true)
            .expect("the system language is one Daftar speaks");
        let mut app = App::open(data_dir, system)?;
        if let Some(lang) = app.saved_language().map_err(|f| app.error(&f))? {
            app.choose_language(&lang).map_err(|f| app.error(&f))?;
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("daftar-sync")
            .enable_all()
            .build()
            .map_err(|e| {
                app.error(&Failure::Io {
                    path: "tokio runtime".into(),
                    detail: e.to_string(),
                })
            })?;
        let desktop = Desktop {
            app: Arc::new(Mutex::new(app)),
            sync: Mutex::new(None),
            runtime,
            work: Work::default(),
        };
        // Offline or signed out, the school opens all the same; the status shows why.
        let _ = desktop.start_sync();
        Ok(desktop)
    }

    fn lock(&self) -> MutexGuard<'_, App> {
        self.app.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs a use case; its failure comes back as `{code, message}` in the person's
    /// language, and a write wakes the sync.
    pub fn call<T>(
        &self,
        work: impl FnOnce(&mut App) -> Result<T>,
    ) -> std::result::Result<T, AppError> {
        let (result, wrote) = {
            let mut app = self.lock();
            let before = app.store().last_hlc();
            let result = app.call(work);
            let wrote = app.store().last_hlc() != before;
            (result, wrote)
        };
        if wrote && let Some(scheduler) = &*self.sync.lock().unwrap_or_else(PoisonError::into_inner)
        {
            scheduler.local_change();
        }
        result
    }

    /// Starts the background sync when the device is connected (again after connecting).
    fn start_sync(&self) -> Result<()> {
        let (engine, account) = {
            let app = self.lock();
            let Some(account) = app.account()? else {
                return Ok(());
            };
            (app.engine(&account.server)?, account)
        };
        let _entered = self.runtime.enter();
        let seed = account.user_id.as_u64_pair().0;
        let scheduler = Scheduler::start(
            Arc::new(engine),
            Arc::new(Shared(self.app.clone())),
            SchedulerOptions::default(),
            seed,
        );
        *self.sync.lock().unwrap_or_else(PoisonError::into_inner) = Some(scheduler);
        Ok(())
    }

    /// Signs in to the school's cloud and starts syncing.
    pub fn connect(
        &self,
        server: &str,
        school: &str,
        user: &str,
        password: &str,
    ) -> std::result::Result<Session, AppError> {
        let device_name = format!("Daftar desktop ({})", std::env::consts::OS);
        self.call(|app| app.connect(server, school, user, password, &device_name))?;
        self.start_sync().map_err(|f| self.lock().error(&f))?;
        self.call(|app| app.session())
    }

    /// Stops the background sync (dropping the scheduler ends its task).
    fn stop_sync(&self) {
        let scheduler = self
            .sync
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(scheduler);
    }

    /// Stops syncing and signs out; see [`App::disconnect`] for unsynced changes.
    pub fn disconnect(&self, export: Option<&Path>) -> std::result::Result<usize, AppError> {
        self.stop_sync();
        let result = self.call(|app| app.disconnect(export));
        if result.is_err() {
            let _ = self.start_sync();
        }
        result
    }

    /// Restores a backup with the sync stopped, then syncs again.
    pub fn restore_backup(&self, name: &str) -> std::result::Result<Session, AppError> {
        self.stop_sync();
        let restored = self.call(|app| app.restore_backup(name));
        let _ = self.start_sync();
        restored
    }

    /// The long work running now (batch printing, an import), if any.
    pub fn work_progress(&self) -> Option<WorkProgress> {
        self.work.progress()
    }

    /// Asks the long work running now to stop at its next safe step; whether any ran.
    pub fn cancel_work(&self) -> bool {
        self.work.cancel()
    }

    /// Runs a use case that reports its progress to the window and may be cancelled.
    pub fn call_work<T>(
        &self,
        work: impl FnOnce(&mut App, &Work) -> Result<T>,
    ) -> std::result::Result<T, AppError> {
        self.call(|app| work(app, &self.work))
    }

    /// Prints the term's report cards of every classroom the person here works with, a PDF
    /// per classroom. The school is locked one classroom at a time, so the window and sync
    /// go on between them. A cancel stops between classrooms and removes what this batch
    /// printed: a batch is whole or absent.
    pub fn print_term_cards(&self, term: &str) -> std::result::Result<Printed, AppError> {
        let classrooms: Vec<_> = self
            .call(|app| app.my_classrooms())?
            .into_iter()
            .filter(|c| c.students > 0)
            .collect();
        let mut printed = Printed {
            files: Vec::new(),
            pages: 0,
            bytes: 0,
        };
        self.work.begin("print-cards", classrooms.len() as u64);
        let mut outcome = Ok(());
        for (done, summary) in classrooms.iter().enumerate() {
            if let Err(stop) = self.work.step(done as u64) {
                outcome = Err(self.lock().error(&stop));
                break;
            }
            match self.call(|app| app.print_class_cards(summary.classroom.id, term)) {
                Ok(one) => {
                    printed.files.extend(one.files);
                    printed.pages += one.pages;
                    printed.bytes += one.bytes;
                }
                Err(error) => {
                    outcome = Err(error);
                    break;
                }
            }
        }
        self.work.end();
        match outcome {
            Ok(()) => Ok(printed),
            Err(error) => {
                for file in &printed.files {
                    let _ = std::fs::remove_file(file);
                }
                Err(error)
            }
        }
    }

    /// Stops the sync round running now at a safe point and pauses syncing until asked
    /// again; whether a sync was running to stop.
    pub fn cancel_sync(&self) -> bool {
        let sync = self.sync.lock().unwrap_or_else(PoisonError::into_inner);
        match &*sync {
            Some(scheduler) => {
                scheduler.pause();
                true
            }
            None => false,
        }
    }

    /// The background sync's state, when the device is connected.
    pub fn sync_status(&self) -> Option<Status> {
        let sync = self.sync.lock().unwrap_or_else(PoisonError::into_inner);
        sync.as_ref().map(|s| s.status().borrow().clone())
    }

    /// Syncs now (the person asked, or the network came back).
    pub fn sync_now(&self) -> bool {
        let sync = self.sync.lock().unwrap_or_else(PoisonError::into_inner);
        match &*sync {
            Some(scheduler) => {
                scheduler.sync_now();
                true
            }
            None => false,
        }
    }
}
