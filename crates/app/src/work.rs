//! Long work a person can watch and stop (printing a whole school's report cards, importing
//! a file): how far it has got, and a cancel flag the work checks between safe steps.
//! Shared between the use case doing it and the window asking, without the school's lock.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use crate::{Failure, Result};

/// How far a piece of long work has got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkProgress {
    /// What is being done: `print-cards`, `import`.
    pub task: String,
    pub done: u64,
    pub total: u64,
    /// A stop was asked for; the work stops at its next safe step.
    pub cancelling: bool,
}

/// Told of every change of progress (the window's `work-progress` event).
pub type ProgressListener = Arc<dyn Fn(Option<&WorkProgress>) + Send + Sync>;

#[derive(Default)]
struct State {
    cancelled: AtomicBool,
    progress: Mutex<Option<WorkProgress>>,
    listener: Mutex<Option<ProgressListener>>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("cancelled", &self.cancelled)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

/// The handle on one piece of long work at a time; clones share it.
#[derive(Debug, Clone, Default)]
pub struct Work(Arc<State>);

impl Work {
    fn progress_mut(&self) -> std::sync::MutexGuard<'_, Option<WorkProgress>> {
        self.0
            .progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Tells `listener` of every change from now on.
    pub fn listen(&self, listener: ProgressListener) {
        *self
            .0
            .listener
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(listener);
    }

    fn tell(&self) {
        let listener = self
            .0
            .listener
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(listener) = listener {
            listener(self.progress().as_ref());
        }
    }

    /// Starts `task` of `total` steps; a cancel asked for earlier is forgotten.
    pub fn begin(&self, task: &str, total: u64) {
        self.0.cancelled.store(false, Ordering::SeqCst);
        *self.progress_mut() = Some(WorkProgress {
            task: task.to_string(),
            done: 0,
            total,
            cancelling: false,
        });
        self.tell();
    }

    /// Records `done` steps; fails with [`Failure::Cancelled`] once a stop was asked for,
    /// so the work ends at this safe point.
    pub fn step(&self, done: u64) -> Result<()> {
        let changed = match self.progress_mut().as_mut() {
            Some(p) if p.done != done.min(p.total) => {
                p.done = done.min(p.total);
                true
            }
            _ => false,
        };
        if changed {
            self.tell();
        }
        if self.0.cancelled.load(Ordering::SeqCst) {
            return Err(Failure::Cancelled);
        }
        Ok(())
    }

    /// Asks the running work to stop; whether any was running.
    pub fn cancel(&self) -> bool {
        let mut progress = self.progress_mut();
        match progress.as_mut() {
            Some(p) => {
                p.cancelling = true;
                self.0.cancelled.store(true, Ordering::SeqCst);
            }
            None => return false,
        }
        drop(progress);
        self.tell();
        true
    }

    /// The work has ended, done or not.
    pub fn end(&self) {
        *self.progress_mut() = None;
        self.tell();
    }

    pub fn progress(&self) -> Option<WorkProgress> {
        self.progress_mut().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_stops_the_work_at_its_next_step_and_is_forgotten_by_the_next_work() {
        let work = Work::default();
        assert!(!work.cancel(), "nothing to cancel");
        work.begin("print-cards", 3);
        work.step(1).unwrap();
        assert_eq!(work.progress().unwrap().done, 1);
        assert!(work.cancel());
        assert!(work.progress().unwrap().cancelling);
        assert!(matches!(work.step(2), Err(Failure::Cancelled)));
        work.end();
        assert_eq!(work.progress(), None);
        work.begin("import", 2);
        let again = work.step(2);
        assert!(again.is_ok());
    }
}
