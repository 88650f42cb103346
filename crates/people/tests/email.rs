//! E-mail: the SMTP gateway speaks SMTP to a relay (delivered, deferred, refused); a person sets
//! an address, gets a confirmation link, and only a confirmed address receives notices.

use axum::http::StatusCode;
use shetu_people::email::{self, EmailError, EmailGateway, OutgoingEmail, SmtpEmail, SmtpSettings};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A relay on a local port that answers `rcpt` to `RCPT TO` and keeps each message's DATA.
async fn relay(rcpt: &'static str) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let kept = Arc::new(Mutex::new(Vec::new()));
    let store = kept.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 relay.test ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(d) = data.as_mut() {
                        if line == "." {
                            if let Ok(mut s) = store.lock() {
                                s.push(std::mem::take(d));
                            }
                            data = None;
                            let _ = write.write_all(b"250 2.0.0 queued\r\n").await;
                        } else {
                            d.push_str(&line);
                            d.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let answer = match verb.as_str() {
                        "EHLO" => "250-relay.test\r\n250 8BITMIME\r\n".to_owned(),
                        "HELO" | "MAIL" | "RSET" | "NOOP" => "250 2.0.0 ok\r\n".to_owned(),
                        "RCPT" => format!("{rcpt}\r\n"),
                        "DATA" => {
                            data = Some(String::new());
                            "354 go ahead\r\n".to_owned()
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => "502 5.5.2 not here\r\n".to_owned(),
                    };
                    let _ = write.write_all(answer.as_bytes()).await;
                }
            });
        }
    });
    (port, kept)
}

fn mail() -> OutgoingEmail {
    OutgoingEmail {
        to: "nusrat@example.org".into(),
        subject: "আপনার সূচি বদলেছে".into(),
        body: "Your agenda has changed.\n\nhttp://127.0.0.1:8080/exchange/workshops/w1/agenda\n"
            .into(),
        idempotency_key: "0190-job-7".into(),
    }
}

fn gateway(port: u16) -> SmtpEmail {
    let settings = SmtpSettings::read(Some(
        &toml::toml! {
            [email]
            smtp_host = "127.0.0.1"
            smtp_port = 0
            from = "shetu <noreply@shetu.example>"
        }
        .into(),
    ))
    .expect("settings")
    .expect("an [email] table");
    SmtpEmail::new(&SmtpSettings { port, ..settings }).expect("gateway")
}

shetu_testkit::app_test!(async fn the_smtp_gateway_delivers_defers_and_refuses_as_the_relay_says(app) {
    let (port, kept) = relay("250 2.1.5 ok").await;
    let mut tx = app.db.begin().await.expect("tx");
    gateway(port).send(&mut tx, &mail()).await.expect("delivered");
    let got = kept.lock().map(|k| k.clone()).unwrap_or_default();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert!(m.contains("To: nusrat@example.org") && m.contains("From: shetu <noreply@shetu.example>"), "{m}");
    assert!(m.contains("Message-ID: <0190-job-7@shetu.example>"), "the job id lets a relay drop a resent copy: {m}");
    assert!(m.contains("Subject: =?utf-8?b?"), "a Bangla subject is encoded: {m}");
    assert!(m.contains("/exchange/workshops/w1/agenda"), "{m}");
    // A busy mailbox is tried again later; an unknown one never.
    let (busy, _) = relay("450 4.2.1 mailbox busy").await;
    assert!(matches!(gateway(busy).send(&mut tx, &mail()).await, Err(EmailError::Temporary(_))));
    let (gone, _) = relay("550 5.1.1 no such user").await;
    assert!(matches!(gateway(gone).send(&mut tx, &mail()).await, Err(EmailError::Rejected(_))));
    // Nothing listening: temporary too.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let free = closed.local_addr().expect("addr").port();
    drop(closed);
    assert!(matches!(gateway(free).send(&mut tx, &mail()).await, Err(EmailError::Temporary(_))));
    // Settings an operator gets wrong are named.
    let half = SmtpSettings::read(Some(&toml::toml! { [email]
        smtp_host = "relay" from = "x@y.org" smtp_user = "me" }.into()));
    assert!(half.is_err_and(|e| e.contains("smtp_password")));
    assert_eq!(SmtpSettings::read(None), Ok(None), "no table: the sandbox");
});

shetu_testkit::app_test!(async fn a_person_confirms_an_address_before_any_notice_goes_there(app) {
    let person = app.login_named("person", "Nusrat Jahan").await;
    let cookie = person.browser();
    let page = app.get("/me/email?lang=en", &[(cookie.0.as_str(), cookie.1.as_str())]).await.expect(StatusCode::OK).text();
    assert!(page.contains("E-mail for notices"), "{page}");
    // A wrong address: told beside the field, what was typed kept.
    let bad = app.form("/me/email?lang=en", &[("email", "nusrat at example")], Some(&person)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text();
    assert!(text.contains("id=\"email-problem\"") && text.contains("is not an e-mail address") && text.contains("nusrat at example"), "{text}");
    // Nothing goes to an address before it is confirmed.
    let id = person.id.to_string();
    let mut tx = app.db.begin().await.expect("tx");
    assert!(!email::enqueue_to_person(&mut tx, &id, "s", "b", None).await.expect("enqueue"));
    tx.commit().await.expect("commit");
    let sent = app.form("/me/email", &[("email", " Nusrat@Example.org ")], Some(&person)).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    app.run_jobs().await;
    let outbox = email::sandbox_outbox(&app.db, None, 10).await.expect("outbox");
    assert_eq!(outbox.len(), 1, "only the confirmation: {outbox:?}");
    let link = outbox[0].body.lines().find_map(|l| l.find("/me/email/confirm?token=").map(|i| l[i..].trim().to_owned())).expect("a link");
    assert!(outbox[0].body.contains("http"), "the link is a full address: {}", outbox[0].body);
    let page = app.get("/me/email?lang=en", &[(cookie.0.as_str(), cookie.1.as_str())]).await.text();
    assert!(page.contains("We sent a link to Nusrat@Example.org"), "{page}");
    // The link works once.
    let wrong = app.get("/me/email/confirm?token=nope&lang=en", &[]).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(wrong.text().contains("This link does not work"), "{}", wrong.text());
    let done = app.get(&format!("{link}&lang=en"), &[]).await.expect(StatusCode::OK).text();
    assert!(done.contains("Notices will now also go to Nusrat@Example.org"), "{done}");
    assert_eq!(app.get(&link, &[]).await.status, StatusCode::NOT_FOUND, "used once");
    // Now notices go there; stopping forgets the address.
    let mut tx = app.db.begin().await.expect("tx");
    assert!(email::enqueue_to_person(&mut tx, &id, "Agenda", "Changed", Some("/exchange")).await.expect("enqueue"));
    tx.commit().await.expect("commit");
    app.run_jobs().await;
    let newest = email::sandbox_outbox(&app.db, Some("Nusrat@Example.org"), 1).await.expect("outbox");
    assert_eq!(newest[0].subject, "Agenda");
    let stop = app.form("/me/email/remove", &[], Some(&person)).await;
    assert_eq!(stop.status, StatusCode::SEE_OTHER);
    let mut tx = app.db.begin().await.expect("tx");
    assert!(!email::enqueue_to_person(&mut tx, &id, "s", "b", None).await.expect("enqueue"));
    tx.rollback().await.expect("rollback");
    // The sandbox outbox is the admins' to read, in the demo only.
    let admin = app.login_as("admin").await;
    let listed = app.json(axum::http::Method::GET, "/api/v1/admin/email", Some(&admin), None).await.expect(StatusCode::OK).json();
    assert!(listed.as_array().is_some_and(|l| l.iter().any(|m| m["subject"] == "Agenda")), "{listed}");
    let refused = app.json(axum::http::Method::GET, "/api/v1/admin/email", Some(&person), None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
});
