//! The audit log in public: the newest signed tree head, consistency between two tree sizes, and
//! for a signed-in person an inclusion proof of each event about them. Anyone can check these
//! with the head's public key and RFC 9162's verification steps.

use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody, FieldProblem};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_store::audit::{self, ProofError, TreeHead};
use utoipa::{IntoParams, ToSchema};

/// A signed tree head with the key to check it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignedHead {
    /// How many events the tree holds.
    pub tree_size: i64,
    /// The tree's root, hex SHA-256.
    pub root_hash: String,
    /// When it was signed, ms since the Unix epoch (UTC).
    pub timestamp: i64,
    /// Which key signed it.
    pub key_id: String,
    /// Ed25519 signature, base64, over `shetu-audit-tree-head-v1` ‖ size (u64 big-endian) ‖
    /// timestamp (i64 big-endian) ‖ root (32 bytes).
    pub signature: String,
    /// The signing public key, base64 (when it is this node's current key).
    pub public_key: Option<String>,
}

fn signed(state: &AppState, h: TreeHead) -> SignedHead {
    let public_key = state
        .audit_keys
        .current
        .as_ref()
        .filter(|(_, id)| *id == h.key_id)
        .map(|(key, _)| key.clone());
    SignedHead {
        tree_size: h.tree_size,
        root_hash: h.root_hash,
        timestamp: h.timestamp,
        key_id: h.key_id,
        signature: h.signature,
        public_key,
    }
}

/// The newest signed tree head of the audit log.
#[utoipa::path(
    get, path = "/api/v1/audit/head", tag = "audit",
    responses(
        (status = 200, body = SignedHead),
        (status = 404, description = "Nothing is in the log yet (`audit_log_empty`)", body = ErrorBody)
    )
)]
pub async fn head(State(state): State<AppState>) -> Result<Json<SignedHead>, ApiError> {
    let head = audit::head(&state.db)
        .await?
        .ok_or_else(|| ApiError::not_found("audit_log_empty"))?;
    Ok(Json(signed(&state, head)))
}

/// Two tree sizes to prove consistent.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Sizes {
    /// The older tree size (at least 1).
    #[param(minimum = 1)]
    pub first: i64,
    /// The newer tree size (at most the newest head's).
    #[param(minimum = 1)]
    pub second: i64,
}

/// A consistency proof: the tree of size `second` extends the tree of size `first`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Consistency {
    /// The older size.
    pub first: i64,
    /// The newer size.
    pub second: i64,
    /// Root of the older tree, hex.
    pub first_root: String,
    /// Root of the newer tree, hex.
    pub second_root: String,
    /// The proof, hex hashes (RFC 9162 §2.1.4).
    pub proof: Vec<String>,
}

/// Proves that the log only grew between two tree sizes.
#[utoipa::path(
    get, path = "/api/v1/audit/consistency", tag = "audit", params(Sizes),
    responses(
        (status = 200, body = Consistency),
        (status = 400, description = "Unreadable parameters", body = ErrorBody),
        (status = 422, description = "Sizes outside the log", body = ErrorBody)
    )
)]
pub async fn consistency(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<Sizes>,
) -> Result<Json<Consistency>, ApiError> {
    let bad = || {
        ApiError::field(
            "first",
            FieldProblem::new("out_of_range")
                .num("min", 1)
                .num("max", q.second.max(1)),
        )
    };
    let proof = audit::consistency_proof(&state.db, q.first, q.second)
        .await?
        .map_err(|_| bad())?;
    let first_root = audit::root_of(&state.db, q.first).await?.ok_or_else(bad)?;
    let second_root = audit::root_of(&state.db, q.second).await?.ok_or_else(bad)?;
    Ok(Json(Consistency {
        first: q.first,
        second: q.second,
        first_root,
        second_root,
        proof,
    }))
}

/// Proof that an event is in the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct Inclusion {
    /// The event.
    pub event_id: String,
    /// Its position in the tree.
    pub leaf_index: i64,
    /// Its leaf hash, hex.
    pub leaf_hash: String,
    /// The audit path, leaf side first, hex (RFC 9162 §2.1.3).
    pub audit_path: Vec<String>,
    /// The signed head the path leads to.
    pub head: SignedHead,
}

/// Proof that an event about the caller is in the audit log.
#[utoipa::path(
    get, path = "/api/v1/me/audit/{id}/proof", tag = "audit",
    params(("id" = String, Path, description = "The event's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Inclusion),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such event about you", body = ErrorBody),
        (status = 409, description = "Not in a signed tree head yet; try again shortly", body = ErrorBody)
    )
)]
pub async fn my_proof(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Inclusion>, ApiError> {
    let me = actor.person.to_string();
    match audit::inclusion_proof(&state.db, &id, Some(&me)).await? {
        Ok(p) => Ok(Json(Inclusion {
            event_id: p.event_id,
            leaf_index: p.leaf_index,
            leaf_hash: p.leaf_hash,
            audit_path: p.audit_path,
            head: signed(&state, p.head),
        })),
        Err(ProofError::NotYetIntegrated) => {
            let mut e = ApiError::new(StatusCode::CONFLICT, "audit_not_yet_integrated");
            e.headers
                .push((header::RETRY_AFTER, HeaderValue::from_static("2")));
            Err(e)
        }
        Err(_) => Err(ApiError::not_found("audit_event_not_found")),
    }
}
