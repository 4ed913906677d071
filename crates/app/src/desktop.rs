//! The desktop window's handle on its school: one `App` behind a lock, shared by the
//! window's commands and the background sync, which runs whenever the device is connected
//! and is told of every local write; and the session's actor, built when a session opens
//! (the app opens, a demo is explored as someone, the device connects or signs out, a
//! backup is restored) and handed to every command.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use daftar_i18n::Localizer;
use daftar_store::Store;
use daftar_sync::{Replica, Scheduler, SchedulerOptions, State as SyncState, Status};
use serde::Deserialize;

use daftar_domain::{Actor, Coded, StaffRole};

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
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// The data folder's folders a person may open from the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Folder {
    Logs,
    Printed,
    Exports,
}

/// Told of what the window shows as it happens: an event's name (`sync-status`,
/// `data-changed`, `work-progress`) and its payload.
pub type Listener = Arc<dyn Fn(&str, serde_json::Value) + Send + Sync>;

pub struct Desktop {
    app: Arc<Mutex<App>>,
    listener: Mutex<Option<Listener>>,
    /// Who is at the desk in this session.
    actor: Mutex<Actor>,
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
        let actor = app.actor().map_err(|f| app.error(&f))?;
        let desktop = Desktop {
            app: Arc::new(Mutex::new(app)),
            actor: Mutex::new(actor),
            listener: Mutex::new(None),
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

    /// The session's actor.
    pub fn actor(&self) -> Actor {
        *self.actor.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Opens a new session: the actor is built again from who this device is now.
    fn new_session(&self) -> std::result::Result<Session, AppError> {
        let actor = {
            let mut app = self.lock();
            app.call(|app| app.actor())?
        };
        *self.actor.lock().unwrap_or_else(PoisonError::into_inner) = actor;
        self.call(|app, me| app.session(me))
    }

    /// Runs a use case as the session's actor; its failure comes back as `{code, message}`
    /// in the person's language, and a write wakes the sync.
    pub fn call<T>(
        &self,
        work: impl FnOnce(&mut App, &Actor) -> Result<T>,
    ) -> std::result::Result<T, AppError> {
        let actor = self.actor();
        let (result, wrote) = {
            let mut app = self.lock();
            let before = app.store().last_hlc();
            let result = app.call(|app| work(app, &actor));
            if let Err(error) = &result {
                // The code only: a message may name a student.
                tracing::warn!(code = %error.code, "refused or failed");
            }
            let wrote = app.store().last_hlc() != before;
            (result, wrote)
        };
        if wrote && let Some(scheduler) = &*self.sync.lock().unwrap_or_else(PoisonError::into_inner)
        {
            scheduler.local_change();
        }
        result
    }

    /// Sends the window events instead of its asking: the sync's status at each change, a
    /// `data-changed` when a round brought others' changes in, a `desktop-alert` for each
    /// notification a round calls for, and long work's progress.
    pub fn listen(&self, listener: Listener) {
        let work = listener.clone();
        self.work.listen(Arc::new(move |progress| {
            work(
                "work-progress",
                serde_json::to_value(progress).unwrap_or_default(),
            )
        }));
        *self.listener.lock().unwrap_or_else(PoisonError::into_inner) = Some(listener);
        if let Some(scheduler) = &*self.sync.lock().unwrap_or_else(PoisonError::into_inner) {
            self.watch(scheduler);
        }
    }

    /// Tells the listener of every status of `scheduler` until it stops.
    fn watch(&self, scheduler: &Scheduler) {
        let Some(listener) = self
            .listener
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
        else {
            return;
        };
        let mut status = scheduler.status();
        let app = self.app.clone();
        self.runtime.spawn(async move {
            let mut rounds = status.borrow().rounds;
            loop {
                let now = status.borrow_and_update().clone();
                listener(
                    "sync-status",
                    serde_json::to_value(&now).unwrap_or_default(),
                );
                if now.rounds != rounds {
                    rounds = now.rounds;
                    if matches!(now.state, SyncState::Idle { .. }) {
                        let app = app.clone();
                        // A cloud call, off the runtime's threads.
                        let _ = tokio::task::spawn_blocking(move || {
                            let linked = app
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .link_own_staff();
                            if let Err(failure) = linked {
                                tracing::warn!(
                                    code = failure.code(),
                                    "the account is not linked to its staff record yet"
                                );
                            }
                        })
                        .await;
                    }
                    if let SyncState::Idle { last } = &now.state {
                        let app = app.clone();
                        let round = *last;
                        let alerts = tokio::task::spawn_blocking(move || {
                            let mut app = app.lock().unwrap_or_else(PoisonError::into_inner);
                            let me = app.actor()?;
                            app.desktop_alerts(&me, &round)
                        })
                        .await;
                        match alerts {
                            Ok(Ok(alerts)) => {
                                for alert in alerts {
                                    listener(
                                        "desktop-alert",
                                        serde_json::to_value(&alert).unwrap_or_default(),
                                    );
                                }
                            }
                            Ok(Err(failure)) => tracing::warn!(
                                code = failure.code(),
                                "no desktop notifications this round"
                            ),
                            Err(_) => {}
                        }
                    }
                    if let SyncState::Idle { last } = &now.state
                        && (last.pulled > 0 || last.downloaded)
                    {
                        listener(
                            "data-changed",
                            serde_json::to_value(last).unwrap_or_default(),
                        );
                    }
                }
                if status.changed().await.is_err() {
                    break; // the scheduler stopped (signed out, restoring)
                }
            }
        });
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
        self.watch(&scheduler);
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
        self.call(|app, _| app.connect(server, school, user, password, &device_name))?;
        // The session before the sync starts: its first round (a whole school's download)
        // holds the school for its steps, and the window should hear "signed in" first.
        let session = self.new_session()?;
        self.start_sync().map_err(|f| self.lock().error(&f))?;
        Ok(session)
    }

    /// The first run's "explore offline": the demo school (made if need be), as its first
    /// member of staff with `role`.
    pub fn explore_demo(&self, role: StaffRole) -> std::result::Result<Session, AppError> {
        self.call(|app, _| app.explore_demo(role))?;
        self.new_session()
    }

    /// Replaces the password an administrator set for this device's account, then syncs.
    pub fn change_password(&self, current: &str, new: &str) -> std::result::Result<(), AppError> {
        self.call(|app, _| app.change_password(current, new))?;
        self.sync_now();
        Ok(())
    }

    /// Starts a new school on this desktop, its administrator at the desk: a new session.
    pub fn start_school(
        &self,
        school: &crate::NewSchool,
    ) -> std::result::Result<Session, AppError> {
        self.call(|app, _| app.start_school(school))?;
        self.new_session()
    }

    /// On the demo school, be another member of staff: a new session.
    pub fn explore_as(&self, role: StaffRole) -> std::result::Result<Session, AppError> {
        self.call(|app, _| app.explore_as(role))?;
        self.new_session()
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
        let result = self.call(|app, _| app.disconnect(export));
        if result.is_err() {
            let _ = self.start_sync();
        } else {
            self.new_session()?;
        }
        result
    }

    /// Restores a backup with the sync stopped, then syncs again.
    pub fn restore_backup(&self, name: &str) -> std::result::Result<Session, AppError> {
        self.stop_sync();
        let restored = self.call(|app, me| app.restore_backup(me, name));
        let _ = self.start_sync();
        restored?;
        self.new_session()
    }

    /// Opens this data folder's log folder in the system's file manager.
    pub fn open_logs(&self) -> std::result::Result<String, AppError> {
        self.open_folder(Folder::Logs)
    }

    /// Opens one of the data folder's folders in the system's file manager (made if need
    /// be), so a person finds what was printed or exported; gives its path.
    pub fn open_folder(&self, folder: Folder) -> std::result::Result<String, AppError> {
        let dir = match folder {
            Folder::Logs => crate::logs_dir(self.lock().data_dir()),
            Folder::Printed => self.lock().data_dir().join(crate::printing::PRINTED_DIR),
            Folder::Exports => self.lock().data_dir().join(crate::exports::EXPORTS_DIR),
        };
        let opener = match std::env::consts::OS {
            "macos" => "open",
            "windows" => "explorer",
            _ => "xdg-open",
        };
        let opened = std::fs::create_dir_all(&dir).and_then(|()| {
            std::process::Command::new(opener)
                .arg(&dir)
                .spawn()
                .map(drop)
        });
        opened.map_err(|e| {
            self.lock().error(&Failure::Io {
                path: dir.display().to_string(),
                detail: e.to_string(),
            })
        })?;
        Ok(dir.display().to_string())
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
        work: impl FnOnce(&mut App, &Actor, &Work) -> Result<T>,
    ) -> std::result::Result<T, AppError> {
        self.call(|app, me| work(app, me, &self.work))
    }

    /// Prints the term's report cards of every classroom the person here works with, a PDF
    /// per classroom. The school is locked one classroom at a time, so the window and sync
    /// go on between them. A cancel stops between classrooms and removes what this batch
    /// printed: a batch is whole or absent.
    pub fn print_term_cards(&self, term: &str) -> std::result::Result<Printed, AppError> {
        let classrooms: Vec<_> = self
            .call(|app, me| app.classrooms(me))?
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
            let classroom = summary.classroom.id;
            let issued = crate::today();
            match self.call(|app, me| app.print_report_cards(me, classroom, term, issued, None)) {
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
