//! Who is asking: browser sessions (cookie + CSRF token on every form) for pages, bearer tokens
//! for the API, and `On-Behalf-Of` / the agent console for acting for a client.

use crate::error::ApiError;
use crate::extract::cookie;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use shetu_core::id::PersonId;
use shetu_people::sessions::{self, Session};
use shetu_people::{persons, tokens, Actor, Person, Role};
use shetu_store::now_ms;
use std::net::SocketAddr;

/// The session cookie.
pub const SESSION_COOKIE: &str = "shetu_session";
/// The CSRF cookie of visitors who are not signed in (double-submit).
pub const CSRF_COOKIE: &str = "shetu_csrf";

/// A fresh anonymous CSRF token made for this request (set as a cookie on the way out).
#[derive(Clone)]
struct NewCsrf(String);

/// Gives every visitor without a session a CSRF cookie, so that anonymous forms (sign-in, set
/// password, feedback) carry a token too.
pub async fn csrf_cookie(
    state: axum::extract::State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let has = cookie(req.headers(), CSRF_COOKIE).is_some()
        || cookie(req.headers(), SESSION_COOKIE).is_some();
    let fresh = (!has).then(shetu_people::secret::token);
    if let Some(token) = &fresh {
        req.extensions_mut().insert(NewCsrf(token.clone()));
    }
    let mut response = next.run(req).await;
    if let Some(token) = fresh {
        let secure = if state.config.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"
        )) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// The signed-in person of a page request, if any.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The person.
    pub person: Person,
    /// Their roles.
    pub roles: Vec<Role>,
    /// The session.
    pub session: Session,
    /// The session cookie value.
    pub token: String,
    /// The client an agent is acting for, if any.
    pub client: Option<Person>,
}

impl SignedIn {
    /// The actor for use cases.
    pub fn actor(&self, request_id: Option<String>) -> Actor {
        Actor {
            person: self.person.id,
            roles: self.roles.clone(),
            on_behalf_of: self.session.acting_for,
            request_id,
        }
    }

    /// Whether the person has `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Anyone looking at a page: signed in or not, with the CSRF token their forms must carry.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The signed-in person, if any.
    pub signed_in: Option<SignedIn>,
    /// The CSRF token for forms.
    pub csrf: String,
    /// The request id (for the audit trail).
    pub request_id: Option<String>,
}

impl Visitor {
    /// The actor, if signed in.
    pub fn actor(&self) -> Option<Actor> {
        self.signed_in
            .as_ref()
            .map(|s| s.actor(self.request_id.clone()))
    }
}

fn request_id(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(v) = parts.extensions.get::<Visitor>() {
            return Ok(v.clone());
        }
        let now = now_ms();
        let mut signed_in = None;
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE) {
            if let Some(session) = sessions::load(&state.db, &token, now).await? {
                if let Some(person) = persons::get(&state.db, session.person).await? {
                    let roles = persons::roles(&state.db, person.id).await?;
                    let client = match session.acting_for {
                        Some(c) => persons::get(&state.db, c).await?,
                        None => None,
                    };
                    signed_in = Some(SignedIn {
                        person,
                        roles,
                        session,
                        token,
                        client,
                    });
                }
            }
        }
        let csrf = match &signed_in {
            Some(s) => s.session.csrf.clone(),
            None => parts
                .extensions
                .get::<NewCsrf>()
                .map(|n| n.0.clone())
                .or_else(|| cookie(&parts.headers, CSRF_COOKIE))
                .unwrap_or_default(),
        };
        let visitor = Visitor {
            signed_in,
            csrf,
            request_id: request_id(parts),
        };
        parts.extensions.insert(visitor.clone());
        Ok(visitor)
    }
}

/// A page that needs a signed-in person: others are sent to the sign-in page and back.
#[derive(Debug, Clone)]
pub struct Member(pub SignedIn, pub Visitor);

/// The answer for pages that need a signed-in person.
pub struct ToSignIn(String);

impl IntoResponse for ToSignIn {
    fn into_response(self) -> Response {
        Redirect::to(&format!(
            "/signin?next={}",
            crate::pages::percent_encode(&self.0)
        ))
        .into_response()
    }
}

impl FromRequestParts<AppState> for Member {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visitor = Visitor::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match visitor.signed_in.clone() {
            Some(s) => Ok(Member(s, visitor)),
            None => Err(ToSignIn(
                parts
                    .uri
                    .path_and_query()
                    .map_or("/", |p| p.as_str())
                    .to_owned(),
            )
            .into_response()),
        }
    }
}

/// A form whose `csrf` field must match the visitor's token (403 `csrf_failed` otherwise).
pub struct CsrfForm<T>(pub T, pub Visitor);

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let visitor = Visitor::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"))?;
        let field: CsrfField = serde_urlencoded_form(&bytes)?;
        if visitor.csrf.is_empty() || !shetu_people::secret::same(&field.csrf, &visitor.csrf) {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_failed"));
        }
        Ok(CsrfForm(serde_urlencoded_form(&bytes)?, visitor))
    }
}

fn serde_urlencoded_form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ApiError::bad_request("bad_request").detail("form is not UTF-8"))?;
    if !crate::extract::percent_decodes_to_utf8(text) {
        return Err(ApiError::bad_request("bad_request").detail("form is not UTF-8"));
    }
    serde_urlencoded::from_bytes(bytes)
        .map_err(|e| ApiError::bad_request("bad_request").detail(e.to_string()))
}

/// The caller of an API route: a bearer token's owner, maybe acting for a client
/// (`On-Behalf-Of: <person id>`; whether the mandate allows it is decided by each use case).
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Actor);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let unauthorized = || {
            let mut e = ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required");
            e.headers
                .push((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            e
        };
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(unauthorized)?;
        let person = tokens::authenticate(&state.db, token, now_ms())
            .await?
            .ok_or_else(unauthorized)?;
        let on_behalf_of = match parts.headers.get("on-behalf-of") {
            None => None,
            // An unreadable id gets the same answer as a person without a mandate.
            Some(v) => Some(
                v.to_str()
                    .ok()
                    .and_then(|s| s.trim().parse::<PersonId>().ok())
                    .ok_or_else(|| ApiError::new(StatusCode::FORBIDDEN, "mandate_required"))?,
            ),
        };
        let roles = persons::roles(&state.db, person).await?;
        Ok(ApiCaller(Actor {
            person,
            roles,
            on_behalf_of,
            request_id: request_id(parts),
        }))
    }
}

/// The client's network address: the socket's, or the first `X-Forwarded-For` hop when shetu is
/// configured to trust its proxy.
pub fn client_address(
    parts_headers: &axum::http::HeaderMap,
    extensions: &axum::http::Extensions,
    trust_proxy: bool,
) -> String {
    if trust_proxy {
        if let Some(first) = parts_headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return first.trim().to_owned();
        }
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

/// The network address of a request, as an extractor.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(
            &parts.headers,
            &parts.extensions,
            state.config.trust_proxy,
        )))
    }
}

/// Sets the session cookie.
pub fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200{secure}"
    ))
    .unwrap_or(HeaderValue::from_static(""))
}

/// Clears the session cookie.
pub fn clear_session_cookie() -> HeaderValue {
    HeaderValue::from_static("shetu_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}
