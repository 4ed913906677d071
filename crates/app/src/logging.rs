//! The desktop's own log: `tracing` into a file a day in the data folder's `logs/`, the last
//! fortnight kept. Each command and each sync round is a span; what is logged is ids, codes
//! and counts, never a name, a phone number or a mark.

use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

use crate::{Failure, Result};

/// Log files kept, one a day.
const KEPT_FILES: usize = 14;

/// Keeps the log writer running; logs are flushed when it is dropped.
#[derive(Debug)]
pub struct LogGuard(#[allow(dead_code)] WorkerGuard);

/// The folder a data folder's logs go to.
pub fn logs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Starts logging into `data_dir`'s `logs/` (`DAFTAR_LOG` filters, `info` by default).
/// Once per process: a second call logs on into the first folder.
pub fn start_logging(data_dir: &Path) -> Result<LogGuard> {
    let dir = logs_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(Failure::io(&dir))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("daftar")
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(&dir)
        .map_err(|e| Failure::Io {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("DAFTAR_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // Another subscriber already set (a test process) keeps its own.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    Ok(LogGuard(guard))
}
