//! People for tests: signed in with a role, with a session and a token, and agents' mandates.

use crate::{ok, TestApp, PASSWORD};
use axum::http::{Method, StatusCode};
use shetu_core::id::PersonId;
use shetu_core::{Phone, Role};
use shetu_people::persons::{self, NewPerson};
use shetu_store::now_ms;
use std::sync::atomic::Ordering;

/// A person the kit made and signed in.
#[derive(Debug, Clone)]
pub struct Person {
    /// Their id.
    pub id: PersonId,
    /// Their name.
    pub name: String,
    /// Their mobile number.
    pub phone: Phone,
    /// A bearer token for the API.
    pub token: String,
    /// A browser session cookie value.
    pub session: String,
}

impl Person {
    /// `Authorization: Bearer …` for this person.
    pub fn bearer(&self) -> (String, String) {
        ("authorization".into(), format!("Bearer {}", self.token))
    }

    /// `Cookie: shetu_session=…` for this person's browser.
    pub fn browser(&self) -> (String, String) {
        ("cookie".into(), format!("shetu_session={}", self.session))
    }
}

impl TestApp {
    /// The CSRF token of `who`'s browser session (as the page's forms carry it).
    pub async fn session_csrf(&self, who: &Person) -> String {
        let page = self
            .get(
                "/",
                &[("cookie", &format!("shetu_session={}", who.session))],
            )
            .await
            .text();
        page.split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no CSRF token on the page of a signed-in person"))
            .to_owned()
    }

    /// A new person (no roles yet) with the kit's password; not signed in.
    pub async fn new_person(&self, name: &str) -> (PersonId, Phone) {
        let n = self.people.fetch_add(1, Ordering::SeqCst);
        let phone = ok(self.pack.phone.parse_mobile(&self.phone_number(n)));
        let new = NewPerson {
            name: ok(shetu_core::Text::parse(name, 120)),
            phone: phone.clone(),
            language: self.pack.default_language.clone(),
            home_region: None,
            password: Some(PASSWORD.to_owned()),
        };
        let person = ok(persons::create(&self.db, None, new, now_ms()).await);
        (person.id, phone)
    }

    fn phone_number(&self, n: u32) -> String {
        match self.pack.code.as_str() {
            "jo" => format!("+9627{}", 90_000_000 + n),
            _ => format!("+88017{}", 10_000_000 + n),
        }
    }

    /// A new person with `role` (`admin`, `agent`, `moderator`, `analyst`, or `person` for none),
    /// signed in through the API (a bearer token) and the sign-in page (a browser session).
    pub async fn login_as(&self, role: &str) -> Person {
        self.login_named(role, &format!("Test {role}")).await
    }

    /// As [`TestApp::login_as`], with a name.
    pub async fn login_named(&self, role: &str, name: &str) -> Person {
        let name = name.to_owned();
        let (id, phone) = self.new_person(&name).await;
        if let Some(role) = Role::parse(role) {
            ok(shetu_people::orgs::bootstrap_role(&self.db, id, role, now_ms()).await);
        }
        let login = self
            .json(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(serde_json::json!({ "phone": phone.as_str(), "password": PASSWORD })),
            )
            .await
            .expect(StatusCode::OK)
            .json();
        let token = login["token"].as_str().unwrap_or_default().to_owned();
        let signed_in = self
            .form(
                "/signin",
                &[
                    ("phone", phone.as_str()),
                    ("password", PASSWORD),
                    ("next", "/"),
                ],
                None,
            )
            .await;
        let session = signed_in.cookie("shetu_session").unwrap_or_else(|| {
            panic!(
                "sign-in gave no session: {} {}",
                signed_in.status,
                signed_in.text()
            )
        });
        Person {
            id,
            name,
            phone,
            token,
            session,
        }
    }

    /// `client` gives `agent` a mandate for `scopes`, confirmed with the code sent to the client's
    /// phone, through the API as an agent does it. Returns the mandate's id.
    pub async fn act_for(&self, agent: &Person, client: &Person, scopes: &[&str]) -> String {
        let asked = self
            .json(
                Method::POST,
                "/api/v1/mandates",
                Some(agent),
                Some(serde_json::json!({ "person": client.id.to_string(), "scopes": scopes, "valid_days": 30 })),
            )
            .await
            .expect(StatusCode::CREATED)
            .json();
        let id = asked["id"].as_str().unwrap_or_default().to_owned();
        let code = self.last_code_to(&client.phone).await;
        self.json(
            Method::POST,
            &format!("/api/v1/mandates/{id}/confirm"),
            Some(agent),
            Some(serde_json::json!({ "code": code })),
        )
        .await
        .expect(StatusCode::OK);
        id
    }
}
