//! The demo's partner marketplace: an organisation with an API account (a demo login), its own
//! catalogue pushed in through the partner use case, and a webhook receiver on the node itself
//! (`/sandbox/partner/webhook`) that checks each webhook's signature as a partner would.

use crate::partners::{self, PartnerProduct, PartnerVariant, PARTNER_MARKETPLACE};
use axum::http::{HeaderMap, StatusCode};
use shetu_core::{Actor, Text};
use shetu_people::persons::{self, NewPerson};
use shetu_store::{now_ms, Db};
use shetu_web::outbound;
use shetu_web::seam::{DemoContext, DemoLogin};
use shetu_web::AppState;

/// Where the demo partner's webhooks go, on the node itself.
pub const WEBHOOK_PATH: &str = "/sandbox/partner/webhook";
/// Where the demo partner "hosts" its product photos (`{IMAGES_PATH}/{reference}.jpg`): drawn on
/// request, as a partner's image server would send them.
pub const IMAGES_PATH: &str = "/sandbox/partner/images";

/// (reference, category, unit, Bangla title, English title, SKU, price in taka, stock)
type Good = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
);

const GOODS: &[Good] = &[
    (
        "DB-1001",
        "jamdani",
        "piece",
        "ঢাকাই জামদানি শাড়ি",
        "Dhakai jamdani saree",
        "DJ-1",
        6500,
        6,
    ),
    (
        "DB-1002",
        "nakshi-kantha",
        "piece",
        "নকশিকাঁথার কুশন কভার",
        "Nakshi kantha cushion cover",
        "NK-2",
        850,
        25,
    ),
    (
        "DB-1003",
        "honey",
        "piece",
        "সরিষা ফুলের মধু (১ কেজি)",
        "Mustard flower honey (1 kg)",
        "MH-1",
        700,
        40,
    ),
    (
        "DB-1004",
        "pottery",
        "piece",
        "পোড়ামাটির ফুলদানি",
        "Terracotta flower vase",
        "TV-1",
        450,
        18,
    ),
    (
        "DB-1005",
        "rice",
        "kg",
        "কাটারিভোগ চাল",
        "Kataribhog rice",
        "KR-5",
        110,
        300,
    ),
];

/// Seeds the partner once; returns its demo login.
pub async fn seed(
    ctx: &DemoContext<'_>,
    admin: &Actor,
    public_url: &str,
) -> Result<Option<DemoLogin>, Box<dyn std::error::Error + Send + Sync>> {
    let (db, pack) = (ctx.db, ctx.pack);
    let phone = pack.phone.parse_mobile(match pack.code.as_str() {
        "jo" => "+962790000005",
        _ => "+8801700000005",
    })?;
    let name = "দেশি বাজার ডটকম";
    let account = match persons::by_phone(db, &phone).await? {
        Some(p) => p,
        None => {
            let new = NewPerson {
                name: Text::parse("দেশি বাজার (এপিআই)", 120)?,
                phone: phone.clone(),
                language: pack.default_language.clone(),
                home_region: None,
                password: Some(shetu_people::web::DEMO_PASSWORD.to_owned()),
            };
            persons::create(db, Some(admin), new, now_ms()).await?
        }
    };
    let org = shetu_people::orgs::create_organization(
        db,
        admin,
        &Text::parse(name, 120)?,
        PARTNER_MARKETPLACE,
        None,
        now_ms(),
    )
    .await?;
    shetu_people::orgs::set_member(
        db,
        admin,
        org.id,
        account.id,
        shetu_people::MemberRole::Owner,
        now_ms(),
    )
    .await?;
    let district = pack
        .regions()
        .iter()
        .find(|r| r.depth == crate::shops::district_depth(pack))
        .map(|r| r.id.to_string())
        .unwrap_or_default();
    let registered = partners::register(
        db,
        admin,
        partners::NewPartner {
            organization: org.id.to_string(),
            account: account.id,
            webhook_url: format!("{public_url}{WEBHOOK_PATH}"),
            district,
        },
    )
    .await?;
    let as_partner = Actor {
        person: account.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    for (reference, category, unit, bn, en, sku, taka, stock) in GOODS {
        let product = PartnerProduct {
            category: (*category).to_owned(),
            unit: (*unit).to_owned(),
            title_bn: (*bn).to_owned(),
            title_en: (*en).to_owned(),
            description_bn: "দেশি বাজার ডটকমের গুদাম থেকে, সারা দেশে পাঠানো হয়।".to_owned(),
            description_en: "From the Deshi Bazar warehouse, delivered across the country."
                .to_owned(),
            variants: vec![PartnerVariant {
                sku: (*sku).to_owned(),
                label: String::new(),
                price_minor: taka * 100,
                stock: *stock,
            }],
            image_urls: vec![format!("{public_url}{IMAGES_PATH}/{reference}.jpg")],
        };
        partners::put_product(db, &as_partner, &registered.partner, reference, product).await?;
    }
    Ok(Some(DemoLogin {
        role: "partner".into(),
        phone: phone.as_str().to_owned(),
        name: name.into(),
    }))
}

/// The demo partner's image server: a drawn JPEG for each of its products, 404 otherwise.
pub async fn image(
    axum::extract::Path(name): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let found = GOODS
        .iter()
        .enumerate()
        .find(|(_, g)| name.strip_suffix(".jpg") == Some(g.0));
    let Some((n, goods)) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let top = crate::catalog::category_path(goods.1)
        .first()
        .cloned()
        .unwrap_or_default();
    let picture = super::pictures::picture(&top, n * 5 + 2);
    let mut jpeg = Vec::new();
    match picture.write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    ) {
        Ok(()) => ([(axum::http::header::CONTENT_TYPE, "image/jpeg")], jpeg).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The demo partner's receiver: 200 for a webhook signed with the secret of the partner whose
/// address this is, 401 otherwise.
pub async fn receive(
    axum::extract::State(state): axum::extract::State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    let secret: Option<String> = sqlx::query_scalar(
        "SELECT secret FROM commerce_partner WHERE webhook_url LIKE $1 ORDER BY created_at LIMIT 1",
    )
    .bind(format!("%{WEBHOOK_PATH}"))
    .fetch_optional(state.db.pool())
    .await
    .unwrap_or(None);
    let genuine = secret.is_some_and(|s| {
        outbound::verify_request(s.as_bytes(), &headers, &body, outbound::unix_now()).is_ok()
    });
    if genuine {
        tracing::info!(
            event = headers
                .get("x-shetu-event-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default(),
            "demo partner: webhook received"
        );
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    }
}

/// Whether the demo partner is already there.
pub async fn exists(db: &Db) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_partner")
        .fetch_one(db.pool())
        .await?;
    Ok(n > 0)
}
