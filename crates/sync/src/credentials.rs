//! Where a device keeps its refresh token: the OS keyring (Secret Service on Linux), never a
//! file. No keyring gives a clear error, not a silent fallback.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Why a secret could not be kept or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keyring on this machine, or it is locked and would not open.
    #[error("the system keyring is not available: {0}")]
    Unavailable(String),
}

/// A place for one secret per device.
pub trait Secrets: Send + Sync {
    fn get(&self, device: &str) -> Result<Option<String>, SecretError>;
    fn set(&self, device: &str, secret: &str) -> Result<(), SecretError>;
    fn delete(&self, device: &str) -> Result<(), SecretError>;
}

/// The name under which Daftar's secrets are filed in the keyring.
pub const KEYRING_SERVICE: &str = "daftar";

/// The OS keyring through keyring-core. Calls block (D-Bus round trips): make them off the
/// async runtime's threads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Keyring;

fn unavailable(error: keyring_core::Error) -> SecretError {
    SecretError::Unavailable(error.to_string())
}

impl Keyring {
    /// The keyring of this session, set up once a process.
    pub fn open() -> Result<Keyring, SecretError> {
        static STORE: OnceLock<Result<(), SecretError>> = OnceLock::new();
        STORE
            .get_or_init(|| {
                #[cfg(target_os = "linux")]
                {
                    let store =
                        zbus_secret_service_keyring_store::Store::new().map_err(unavailable)?;
                    keyring_core::set_default_store(store);
                    Ok(())
                }
                #[cfg(not(target_os = "linux"))]
                {
                    Err(SecretError::Unavailable(
                        "this build keeps secrets only in the Linux Secret Service".into(),
                    ))
                }
            })
            .clone()?;
        Ok(Keyring)
    }

    fn entry(device: &str) -> Result<keyring_core::Entry, SecretError> {
        keyring_core::Entry::new(KEYRING_SERVICE, device).map_err(unavailable)
    }
}

impl Secrets for Keyring {
    fn get(&self, device: &str) -> Result<Option<String>, SecretError> {
        match Self::entry(device)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(error) => Err(unavailable(error)),
        }
    }

    fn set(&self, device: &str, secret: &str) -> Result<(), SecretError> {
        Self::entry(device)?
            .set_password(secret)
            .map_err(unavailable)
    }

    fn delete(&self, device: &str) -> Result<(), SecretError> {
        match Self::entry(device)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(error) => Err(unavailable(error)),
        }
    }
}

/// Secrets held in this process only: for simulations and tests of one process.
#[derive(Debug, Default)]
pub struct MemorySecrets(Mutex<HashMap<String, String>>);

impl Secrets for MemorySecrets {
    fn get(&self, device: &str) -> Result<Option<String>, SecretError> {
        Ok(self.lock().get(device).cloned())
    }

    fn set(&self, device: &str, secret: &str) -> Result<(), SecretError> {
        self.lock().insert(device.to_string(), secret.to_string());
        Ok(())
    }

    fn delete(&self, device: &str) -> Result<(), SecretError> {
        self.lock().remove(device);
        Ok(())
    }
}

impl MemorySecrets {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
