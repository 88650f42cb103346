//! Demo marketplace for `shetu demo`: 32 shops across the country — cottage makers (most led
//! by women), farmers and wholesalers — with 10 products each in Bangla and English, all
//! verified, and orders in every state, some placed by the demo agent for a client.

use crate::checkout::{self, Line, NewCheckout, Payment};
use crate::products::{self, NewProduct, NewVariant};
use crate::shops::{self, NewShop};
use crate::state::State;
use crate::COMMERCE_BUY;
use shetu_core::{Actor, Role, Text};
use shetu_people::mandates;
use shetu_people::persons::{self, NewPerson};
use shetu_store::now_ms;
use shetu_web::seam::{DemoContext, DemoResult, DemoSeeded};

mod items;
pub mod partner;
mod pictures;
use items::{Item, CRAFTS, FARM, FOOD, OWNERS, SHOP_NAMES, SHOP_WORDS};

/// Seeds the marketplace once (a database that has shops keeps them).
pub async fn seed(ctx: DemoContext<'_>, settings: &crate::settings::Settings) -> DemoResult {
    let photos = &settings.photos;
    let (db, pack) = (ctx.db, ctx.pack);
    let Some(admin) = ctx.admin.cloned() else {
        return Ok(DemoSeeded::default());
    };
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_shop")
        .fetch_one(db.pool())
        .await?;
    let phone_of = |n: usize| match pack.code.as_str() {
        "jo" => format!("+9627900003{n:02}"),
        _ => format!("+8801730000{n:03}"),
    };
    // The people module's demo seller and farmer own the first two shops; its client buys.
    if existing > 0 {
        return Ok(DemoSeeded::default());
    }
    let now = now_ms();
    let depth = shops::district_depth(pack);
    let districts: Vec<&shetu_core::Region> =
        pack.regions().iter().filter(|r| r.depth == depth).collect();
    let step = (districts.len() / 16).max(1);
    let spread: Vec<&shetu_core::Region> =
        districts.iter().copied().step_by(step).take(16).collect();

    let mut drawn = std::collections::HashMap::new();
    let mut owners = Vec::new();
    for fixed in ["2", "3"] {
        let phone = pack.phone.parse_mobile(&match pack.code.as_str() {
            "jo" => format!("+96279000000{fixed}"),
            _ => format!("+880170000000{fixed}"),
        })?;
        if let Some(p) = persons::by_phone(db, &phone).await? {
            owners.push(p.id);
        }
    }
    for (n, name) in OWNERS.iter().enumerate() {
        let phone = pack.phone.parse_mobile(&phone_of(n))?;
        let person = match persons::by_phone(db, &phone).await? {
            Some(p) => p,
            None => {
                let new = NewPerson {
                    name: Text::parse(name, 120)?,
                    phone,
                    language: pack.default_language.clone(),
                    home_region: None,
                    password: None,
                };
                persons::create(db, Some(&admin), new, now).await?
            }
        };
        owners.push(person.id);
    }

    let mut variants_by_shop: Vec<Vec<String>> = Vec::new();
    for (n, owner) in owners.iter().enumerate() {
        let district = spread[n % spread.len()];
        let place = district.name.get("bn", "en").to_owned();
        let (kind, word) = SHOP_WORDS[n % SHOP_WORDS.len()];
        let women_led = n % 5 != 3;
        let as_owner = Actor {
            person: *owner,
            roles: Vec::new(),
            on_behalf_of: None,
            request_id: None,
        };
        let shop = shops::open(
            db,
            pack,
            &as_owner,
            NewShop {
                name: format!("{} {word}", SHOP_NAMES[n % SHOP_NAMES.len()]),
                kind: kind.to_owned(),
                district: district.id.to_string(),
                women_led,
                dbid: (n % 2 == 0).then(|| format!("DBID-{:07}", 1_200_000 + n)),
                trade_licence: (n % 3 == 0).then(|| format!("TRAD/{}/{:05}", 2025, 300 + n)),
                payout_kind: "wallet".into(),
                payout_account: phone_of(n % OWNERS.len()),
            },
        )
        .await?;
        shops::verify(db, &admin, &shop.id).await?;
        let pool: &[Item] = match (kind, n % SHOP_WORDS.len()) {
            ("shop", 0) => CRAFTS,
            ("shop", _) => FOOD,
            ("farmer", _) => FARM,
            _ => FOOD,
        };
        let mut variants = Vec::new();
        for k in 0..10 {
            let it = &pool[(k + n) % pool.len()];
            let vars = it
                .variants
                .iter()
                .enumerate()
                .map(|(j, (label, taka, stock))| {
                    let price = taka * 100 + i64::try_from((n * 7 + k * 3) % 9).unwrap_or(0) * 500;
                    NewVariant {
                        sku: format!("S{n:02}-{k:02}-{j}"),
                        label: (*label).to_owned(),
                        price_minor: price,
                        stock: *stock,
                        tiers: if kind == "wholesaler" {
                            vec![(10, price * 95 / 100), (50, price * 9 / 10)]
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect();
            let product = products::create(
                db,
                &admin,
                &shop.id,
                NewProduct {
                    category: it.category.to_owned(),
                    unit: it.unit.to_owned(),
                    title_bn: if k >= pool.len() {
                        format!("{} ({place})", it.bn)
                    } else {
                        it.bn.to_owned()
                    },
                    title_en: if k >= pool.len() {
                        format!("{} ({})", it.en, district.name.get("en", "bn"))
                    } else {
                        it.en.to_owned()
                    },
                    description_bn: format!("{} {place} থেকে সরাসরি।", it.about_bn),
                    description_en: format!(
                        "{} Direct from {}.",
                        it.about_en,
                        district.name.get("en", "bn")
                    ),
                    variants: vars,
                },
            )
            .await?;
            let top = crate::catalog::category_path(it.category)
                .first()
                .cloned()
                .unwrap_or_default();
            // Pictures repeat after a while: each is drawn and encoded once.
            let key = (top.clone(), (n * 10 + k) % pictures::DISTINCT);
            if !drawn.contains_key(&key) {
                let picture = pictures::picture(&top, key.1);
                drawn.insert(key.clone(), crate::photos::prepare_image(picture).await?);
            }
            if let Some(picture) = drawn.get(&key) {
                crate::photos::add(db, photos, &admin, &product.id, picture).await?;
            }
            variants.extend(product.variants.iter().map(|v| v.id.clone()));
        }
        variants_by_shop.push(variants);
    }
    let mut seeded = DemoSeeded::default();
    if !partner::exists(db).await? {
        seeded
            .logins
            .extend(partner::seed(&ctx, &admin, &settings.public_url).await?);
    }
    seed_orders(&ctx, &admin, &variants_by_shop).await?;
    Ok(seeded)
}

/// Orders in every state: the demo client buys for themself, and the demo agent orders for them.
async fn seed_orders(
    ctx: &DemoContext<'_>,
    admin: &Actor,
    variants: &[Vec<String>],
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (db, pack) = (ctx.db, ctx.pack);
    let phone = |n: &str| {
        pack.phone.parse_mobile(&match pack.code.as_str() {
            "jo" => format!("+96279000000{n}"),
            _ => format!("+880170000000{n}"),
        })
    };
    let (Some(buyer), Some(agent)) = (
        persons::by_phone(db, &phone("4")?).await?,
        persons::by_phone(db, &phone("1")?).await?,
    ) else {
        return Ok(());
    };
    let i18n = ctx.i18n;
    let now = now_ms();
    // The agent holds a mandate to buy for the client, given on a signed paper form.
    let agent_actor = Actor {
        person: agent.id,
        roles: vec![Role::Agent],
        on_behalf_of: None,
        request_id: None,
    };
    let asked = mandates::request(
        db,
        i18n,
        &agent_actor,
        mandates::Request {
            subject: buyer.id,
            scopes: vec![COMMERCE_BUY, crate::COMMERCE_SELL],
            valid_days: 180,
        },
        now,
    )
    .await?;
    let form = mandates::PaperForm {
        witness_name: Text::parse("মো. আব্দুল মান্নান (ইউপি সদস্য)", 120)?,
        photo: paper_photo()?,
        photo_type: "image/png".into(),
    };
    mandates::record_paper(db, &agent_actor, asked.id, form, now).await?;
    let me = Actor {
        person: buyer.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    let for_client = Actor {
        person: agent.id,
        roles: vec![Role::Agent],
        on_behalf_of: Some(buyer.id),
        request_id: None,
    };
    let paths: &[&[State]] = &[
        &[],
        &[State::Packed],
        &[State::Packed, State::Shipped],
        &[State::Packed, State::Shipped, State::Delivered],
        &[
            State::Packed,
            State::Shipped,
            State::Delivered,
            State::Completed,
        ],
        &[State::Cancelled],
        &[
            State::Packed,
            State::Shipped,
            State::Delivered,
            State::Returned,
        ],
    ];
    for (n, path) in paths.iter().enumerate() {
        for (who, offset) in [(&me, 0usize), (&for_client, 11)] {
            let shop = &variants[(n * 3 + offset) % variants.len()];
            let lines = vec![Line {
                variant: shop[(n + offset) % shop.len()].clone(),
                quantity: 1 + i64::try_from(n % 3).unwrap_or(0),
            }];
            let placed = checkout::place(
                db,
                i18n,
                pack,
                who,
                NewCheckout {
                    lines,
                    payment: Payment::Cod,
                    delivery_note: "বাড়ি: স্কুলের পাশে, মসজিদের উত্তরে".into(),
                    pickup_point: None,
                },
                None,
                super::rates(),
            )
            .await?;
            for order in &placed.orders {
                for to in *path {
                    let by = match to {
                        State::Completed | State::Returned => &me,
                        _ => admin,
                    };
                    crate::orders::transition(db, i18n, pack, by, &order.id, *to).await?;
                }
            }
        }
    }
    // A season of completed sales in the first sixteen shops (one per district), so that the
    // impact page has districts with enough orders to publish.
    let done = [
        State::Packed,
        State::Shipped,
        State::Delivered,
        State::Completed,
    ];
    for (s, shop) in variants.iter().take(16).enumerate() {
        for k in 0..(5 + s % 3) {
            let lines = vec![Line {
                variant: shop[k % shop.len()].clone(),
                quantity: 1 + i64::try_from(k % 2).unwrap_or(0),
            }];
            let new = NewCheckout {
                lines,
                payment: Payment::Cod,
                delivery_note: String::new(),
                pickup_point: None,
            };
            let placed = checkout::place(db, i18n, pack, &me, new, None, super::rates()).await?;
            for order in &placed.orders {
                for to in done {
                    let by = if to == State::Completed { &me } else { admin };
                    crate::orders::transition(db, i18n, pack, by, &order.id, to).await?;
                }
            }
        }
    }
    Ok(())
}

/// A picture standing for the photo of the signed paper form (a ruled page).
fn paper_photo() -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
    let page = image::RgbImage::from_fn(120, 160, |_, y| {
        if y % 12 == 0 {
            image::Rgb([150, 170, 210])
        } else {
            image::Rgb([250, 248, 240])
        }
    });
    let mut png = std::io::Cursor::new(Vec::new());
    page.write_to(&mut png, image::ImageFormat::Png)?;
    Ok(png.into_inner())
}
