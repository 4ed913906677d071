//! Daftar's cloud tenant server: many schools on one PostgreSQL, each isolated by tenant in
//! every query and by row-level security beneath; accounts, device sessions and roles; the
//! sync endpoints (idempotent push with column-level merge, cursor pull, bulk snapshot, ready
//! school images for new desktops, server-sent events of a school's changes);
//! an audit log of every applied change; health, readiness and Prometheus metrics.

pub mod accounts;
pub mod api;
pub mod audit;
pub mod auth;
mod balances;
pub mod config;
pub mod db;
pub mod delivery;
pub mod devices;
pub mod events;
pub mod image;
pub mod messages;
pub mod metrics;
pub mod notifications;
pub mod ops;
pub mod pull;
pub mod push;
pub mod resolve;
pub mod scope;
pub mod server;

pub use config::Config;
pub use server::{AppState, router, serve};
