//! Who is asking: browser sessions (cookie + CSRF token on every form) for pages, bearer tokens
//! for the API, and `On-Behalf-Of` / the agent console for acting for a client. The shell knows
//! sessions and tokens only through [`Identity`], which one module provides.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::de::DeserializeOwned;
use shetu_core::id::PersonId;
use shetu_core::{Actor, Role};
use shetu_store::{now_ms, BoxFuture, Db, StoreError};
use std::any::Any;
use std::net::SocketAddr;
use std::sync::Arc;

/// The session cookie.
pub const SESSION_COOKIE: &str = "shetu_session";
/// The CSRF cookie of visitors who are not signed in (double-submit).
pub const CSRF_COOKIE: &str = "shetu_csrf";

/// The value of cookie `name`, if the request has it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_owned())
}

/// A `Set-Cookie` value: path `/`, HttpOnly, SameSite=Lax, `Secure` when configured.
pub fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age_s: Option<i64>,
) -> HeaderValue {
    let mut c = Cookie::build((name.to_owned(), value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies);
    if let Some(s) = max_age_s {
        c = c.max_age(time::Duration::seconds(s));
    }
    HeaderValue::from_str(&c.build().to_string()).unwrap_or(HeaderValue::from_static(""))
}

/// A person signed in through a session, as the identity module found them.
#[derive(Clone)]
pub struct SignedIn {
    /// The person.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// Their platform roles.
    pub roles: Vec<Role>,
    /// The session's CSRF token.
    pub csrf: String,
    /// The session cookie value.
    pub token: String,
    /// The client an agent is acting for: id and name.
    pub client: Option<(PersonId, String)>,
    /// What else the identity module keeps about the session (its own types).
    pub details: Arc<dyn Any + Send + Sync>,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("person", &self.person)
            .field("roles", &self.roles)
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

impl SignedIn {
    /// The actor for use cases.
    pub fn actor(&self, request_id: Option<String>) -> Actor {
        Actor {
            person: self.person,
            roles: self.roles.clone(),
            on_behalf_of: self.client.as_ref().map(|c| c.0),
            request_id,
        }
    }

    /// Whether the person has `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The identity module's own details, if they are of type `T`.
    pub fn details<T: 'static>(&self) -> Option<&T> {
        self.details.downcast_ref::<T>()
    }
}

/// The person behind a bearer token, and their roles.
pub type BearerOwner = (PersonId, Vec<Role>);

/// Sessions and tokens, as the module that keeps them answers for them.
pub trait Identity: Send + Sync {
    /// The person behind a session cookie, if the session is valid.
    fn session<'a>(
        &'a self,
        db: &'a Db,
        token: &'a str,
        now: i64,
    ) -> BoxFuture<'a, Result<Option<SignedIn>, StoreError>>;
    /// The person behind a bearer token, with their roles, if the token is valid.
    fn bearer<'a>(
        &'a self,
        db: &'a Db,
        token: &'a str,
        now: i64,
    ) -> BoxFuture<'a, Result<Option<BearerOwner>, StoreError>>;
    /// A new random secret (CSRF tokens of visitors).
    fn new_secret(&self) -> String {
        shetu_store::secret::token()
    }
    /// Where people sign in (pages that need a person send them there with `?next=`).
    fn sign_in_path(&self) -> &'static str;
    /// Where the sign-out form posts.
    fn sign_out_path(&self) -> &'static str;
    /// Where an agent's "stop acting" form posts.
    fn stop_acting_path(&self) -> &'static str;
}

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
    // Every browser without a CSRF cookie gets one — also one whose session cookie has expired or
    // is unknown, so that it can still sign in, reset a password or send feedback.
    let has = cookie(req.headers(), CSRF_COOKIE).is_some();
    let fresh = (!has).then(shetu_store::secret::token);
    if let Some(token) = &fresh {
        req.extensions_mut().insert(NewCsrf(token.clone()));
    }
    let mut response = next.run(req).await;
    if let Some(token) = fresh {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(&state, CSRF_COOKIE, &token, None),
        );
    }
    response
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
        let mut signed_in = None;
        if let (Some(token), Some(identity)) = (
            cookie(&parts.headers, SESSION_COOKIE),
            state.catalog.identity.as_ref(),
        ) {
            signed_in = identity.session(&state.db, &token, now_ms()).await?;
        }
        let csrf = match &signed_in {
            Some(s) => s.csrf.clone(),
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
            None => {
                let Some(identity) = state.catalog.identity.as_ref() else {
                    return Err(ApiError::not_found("not_found").into_response());
                };
                let here = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                Err(Redirect::to(&format!(
                    "{}?next={}",
                    identity.sign_in_path(),
                    crate::pages::percent_encode(here)
                ))
                .into_response())
            }
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
        let field: CsrfField = form_from_bytes(&bytes)?;
        if visitor.csrf.is_empty() || !shetu_store::secret::same(&field.csrf, &visitor.csrf) {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_failed"));
        }
        Ok(CsrfForm(form_from_bytes(&bytes)?, visitor))
    }
}

/// A file sent with a multipart form.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form field it came in.
    pub field: String,
    /// The file's name on the sender's device (for display only).
    pub file_name: String,
    /// What the browser says it is (not to be trusted: check the bytes).
    pub content_type: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A `multipart/form-data` form (one that carries files, such as a photo taken with the phone's
/// camera) whose `csrf` field must match the visitor's token. Its text fields read into `T` as a
/// URL-encoded form would; its non-empty files come as [`Upload`]s. The same form sent
/// URL-encoded (without files) is read too. The route sets how large it
/// may be (`DefaultBodyLimit`); beyond that, 413 `payload_too_large`.
pub struct CsrfMultipart<T>(pub T, pub Vec<Upload>, pub Visitor);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfMultipart<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let urlencoded = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if urlencoded {
            // The same form sent without its file (an older page, a script): no uploads.
            let CsrfForm(form, visitor) = CsrfForm::<T>::from_request(req, state).await?;
            return Ok(CsrfMultipart(form, Vec::new(), visitor));
        }
        let (mut parts, body) = req.into_parts();
        let visitor = Visitor::from_request_parts(&mut parts, state).await?;
        let mut multipart =
            axum::extract::Multipart::from_request(Request::from_parts(parts, body), state)
                .await
                .map_err(|_| ApiError::bad_request("bad_request").detail("not a multipart form"))?;
        let too_large = || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut uploads = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                ApiError::bad_request("bad_request").detail(e.body_text())
            }
        })? {
            let name = field.name().unwrap_or_default().to_owned();
            if let Some(file_name) = field.file_name().map(str::to_owned) {
                let content_type = field.content_type().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|_| too_large())?;
                if !bytes.is_empty() {
                    uploads.push(Upload {
                        field: name,
                        file_name: file_name.chars().take(120).collect(),
                        content_type,
                        bytes: bytes.to_vec(),
                    });
                }
            } else {
                let text = field.text().await.map_err(|_| {
                    ApiError::bad_request("bad_request").detail("form is not UTF-8")
                })?;
                pairs.push((name, text));
            }
        }
        let csrf = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        if visitor.csrf.is_empty() || !shetu_store::secret::same(csrf, &visitor.csrf) {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_failed"));
        }
        let encoded = serde_html_form::to_string(&pairs)
            .map_err(|e| ApiError::bad_request("bad_request").detail(e.to_string()))?;
        Ok(CsrfMultipart(
            form_from_bytes(encoded.as_bytes())?,
            uploads,
            visitor,
        ))
    }
}

/// Reads a URL-encoded form (a field given several times, such as ticked checkboxes, reads into a
/// `Vec`); bytes that do not decode to UTF-8 are refused (400).
pub fn form_from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ApiError::bad_request("bad_request").detail("form is not UTF-8"))?;
    if !crate::extract::percent_decodes_to_utf8(text) {
        return Err(ApiError::bad_request("bad_request").detail("form is not UTF-8"));
    }
    serde_html_form::from_bytes(bytes)
        .map_err(|e| ApiError::bad_request("bad_request").detail(e.to_string()))
}

/// The caller of an API route that is done for oneself: a bearer token's owner. A request that
/// says `On-Behalf-Of` is refused (400 `on_behalf_of_not_allowed`) rather than quietly answered
/// with the agent's own data.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Actor);

/// The caller of an API route that an agent may do for a client: a bearer token's owner, acting
/// for `On-Behalf-Of: <person id>` if given (whether the mandate allows it is decided by the use
/// case, through the one mandate check).
#[derive(Debug, Clone)]
pub struct ApiCallerFor(pub Actor);

async fn api_actor(parts: &Parts, state: &AppState) -> Result<Actor, ApiError> {
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
    let identity = state.catalog.identity.as_ref().ok_or_else(unauthorized)?;
    let (person, roles) = identity
        .bearer(&state.db, token, now_ms())
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
    Ok(Actor {
        person,
        roles,
        on_behalf_of,
        request_id: request_id(parts),
    })
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if parts.headers.contains_key("on-behalf-of") {
            return Err(ApiError::bad_request("on_behalf_of_not_allowed"));
        }
        Ok(ApiCaller(api_actor(parts, state).await?))
    }
}

impl FromRequestParts<AppState> for ApiCallerFor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ApiCallerFor(api_actor(parts, state).await?))
    }
}

/// The client's network address: the socket's, or the first `X-Forwarded-For` hop when shetu is
/// configured to trust its proxy.
pub fn client_address(
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
    trust_proxy: bool,
) -> String {
    if trust_proxy {
        if let Some(first) = headers
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

/// Sets the session cookie (12 hours at most; the session itself may end sooner).
pub fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    set_cookie(state, SESSION_COOKIE, token, Some(43_200))
}

/// Clears the session cookie.
pub fn clear_session_cookie(state: &AppState) -> HeaderValue {
    set_cookie(state, SESSION_COOKIE, "", Some(0))
}
