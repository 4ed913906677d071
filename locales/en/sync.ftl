# Errors from the school's cloud server, by the code it answers with (daftar-protocol's codes).
# Per-mutation errors may carry $reason, the server's own explanation in English.

error-update-required = This version of Daftar is too old for the school’s server. Update Daftar to keep syncing; your changes are kept until then.
error-bad-request = The server did not understand the request.
error-bad-json = The server could not read what was sent.
error-too-large = Too much was sent at once; it will be sent in smaller parts.
error-unknown-resource = The server has no such thing; it may run a different version of Daftar.
error-method-not-allowed = The server does not accept that request here.
error-unauthenticated = Sign in again to keep syncing.
error-token-expired = The sign-in expired; renewing it.
error-session-revoked = This device was signed out by the school’s administrator. Sign in again to keep syncing.
error-bad-credentials = Wrong school, username or password.
error-account-locked = Too many wrong passwords: this account is locked for a while. Try again later or ask the administrator.
error-rate-limited = Too many attempts. Wait a minute and try again.
error-forbidden = Your role does not allow this change.
error-bad-cursor = The sync position is not valid; the school will be downloaded afresh.
error-unavailable = The school’s server is busy or its database is down. Syncing will try again.
error-internal = The school’s server failed. Syncing will try again; if it keeps failing, tell the administrator.
error-unknown-table = The server does not know this kind of record; update Daftar.
error-unknown-column = The server does not know a field of this record; update Daftar.
error-invalid-value = A value of this change is not valid: { $reason }
error-incomplete-row = This new record lacks a required field: { $reason }
error-unknown-row = The server has no such record any more.
error-bad-base-version = This change refers to a version the server never had; it will be re-checked.
error-bad-hlc = This change has a broken timestamp.
error-invalid-record = The server refused this record: { $reason }
error-missing-reference = This change refers to a record the server does not have: { $reason }
error-duplicate = Another record already has this value: { $reason }
error-out-of-scope = This change is outside your classrooms or subjects.
error-sync-offline = The school's cloud cannot be reached ({ $detail }). Your changes are kept and will be sent when it can.
error-sync-sign-in = This device must sign in again: daftar connect ({ $detail }).
error-sync-not-connected = This device is not connected to a school's cloud: daftar connect --server URL --school S --user U
error-keyring-unavailable = The system keyring is not available, and Daftar keeps sessions nowhere else: { $detail }
error-unsynced-changes = { $count } changes made here are not in the cloud yet. Sync first, or sign out with --export FILE to save them to a file.
error-other-account = This device is connected as { $name }: another school needs its own data folder (--data-dir), and another person can sign in here only once every change made here is in the cloud.
error-unknown-conflict = No conflict { $id } on this device: daftar conflicts list
error-password-change-required = Choose your own password first: an administrator set the one you signed in with.
error-weak-password = A password needs at least 10 characters, and a new one must differ from the old.
# Desktop notifications after a sync round (the system's notification area).
alert-announcement = New announcement: { $title }
alert-more-announcements = { $count ->
    [one] And one more new announcement
   *[other] And { $count } more new announcements
}
alert-conflicts = { $count ->
    [one] One of your changes met another desktop's
   *[other] { $count } of your changes met other desktops'
}
alert-refused = { $count ->
    [one] The cloud refused one of your changes
   *[other] The cloud refused { $count } of your changes
}
alert-see-sync = Open Sync in Daftar to see and settle them.
