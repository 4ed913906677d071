//! Embeds migrations/client/*.sql in order, so a new migration is never silently missing.

include!("../../build/embed_migrations.rs");

fn main() {
    embed_migrations("client");
}
