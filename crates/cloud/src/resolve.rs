//! `POST /v1/sync/resolve`: a person settled conflicts on their device. The value they chose
//! arrives as an ordinary mutation; this marks each conflict settled, with a new place in the
//! change sequence so every other device pulls the news.

use axum::Json;
use axum::extract::State;
use daftar_protocol::{MAX_PUSH_MUTATIONS, ResolveRequest, ResolveResponse};
use uuid::Uuid;

use crate::api::{ApiError, ApiJson};
use crate::auth::{Auth, at};
use crate::db::tenant_tx;
use crate::pull::{conflict_of, conflicts_sql};
use crate::scope::Scope;
use crate::server::AppState;

pub async fn resolve(
    State(state): State<AppState>,
    Auth(claims): Auth,
    ApiJson(request): ApiJson<ResolveRequest>,
) -> Result<Json<ResolveResponse>, ApiError> {
    if request.resolutions.len() > MAX_PUSH_MUTATIONS {
        return Err(ApiError::too_large(format!(
            "send at most {MAX_PUSH_MUTATIONS} resolutions a request"
        )));
    }
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let mut seq: i64 = tx
        .query_one(
            "SELECT change_seq FROM tenants WHERE id = $1 FOR UPDATE",
            &[&claims.tenant],
        )
        .await?
        .get(0);
    let scope = Scope::load(&tx, &claims).await?;
    let ids: Vec<Uuid> = request.resolutions.iter().map(|r| r.conflict_id).collect();
    // Which of them this person may see, by the same rules as pulling them.
    let tables: Vec<String> = tx
        .query(
            "SELECT DISTINCT table_name FROM conflicts WHERE tenant_id = $1 AND id = ANY($2)",
            &[&claims.tenant, &ids],
        )
        .await?
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    let mut visible = std::collections::HashMap::new();
    for table in &tables {
        let Some(spec) = daftar_domain::table(table) else {
            continue;
        };
        let Some(filter) = scope.filter(spec.name) else {
            continue;
        };
        let ids = Some(ids.clone());
        for row in tx
            .query(
                &conflicts_sql(spec.name, filter),
                &[
                    &claims.tenant,
                    &-1i64,
                    &scope.reach.classrooms,
                    &scope.staff,
                    &i64::MAX,
                    &ids,
                ],
            )
            .await?
        {
            if let Some(conflict) = conflict_of(&row) {
                visible.insert(conflict.id, conflict);
            }
        }
    }
    let mut resolved = 0;
    let mut unknown = Vec::new();
    for resolution in &request.resolutions {
        match visible.get_mut(&resolution.conflict_id) {
            None => unknown.push(resolution.conflict_id),
            Some(conflict) if conflict.resolution.is_some() => {}
            Some(conflict) => {
                conflict.resolution = Some(resolution.choice);
                seq += 1;
                let changed = tx
                    .execute(
                        "UPDATE conflicts SET resolution = $3, resolved_by = $4, resolved_at = $5, version = $6
                         WHERE tenant_id = $1 AND id = $2 AND resolution IS NULL",
                        &[
                            &claims.tenant,
                            &resolution.conflict_id,
                            &resolution.choice.as_str(),
                            &claims.stamp(),
                            &now,
                            &seq,
                        ],
                    )
                    .await?;
                resolved += changed as usize;
            }
        }
    }
    tx.execute(
        "UPDATE tenants SET change_seq = $2 WHERE id = $1",
        &[&claims.tenant, &seq],
    )
    .await?;
    if resolved > 0 {
        crate::events::notify(&tx, claims.tenant, seq).await?;
    }
    tx.commit().await?;
    Ok(Json(ResolveResponse { resolved, unknown }))
}
