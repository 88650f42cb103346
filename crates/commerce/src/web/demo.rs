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

/// A product the demo shops sell: category, unit, Bangla and English title, a line of
/// description in each, and its variants (label, price in whole taka, stock).
struct Item {
    category: &'static str,
    unit: &'static str,
    bn: &'static str,
    en: &'static str,
    about_bn: &'static str,
    about_en: &'static str,
    variants: &'static [(&'static str, i64, i64)],
}

const fn item(
    category: &'static str,
    unit: &'static str,
    bn: &'static str,
    en: &'static str,
    about_bn: &'static str,
    about_en: &'static str,
    variants: &'static [(&'static str, i64, i64)],
) -> Item {
    Item {
        category,
        unit,
        bn,
        en,
        about_bn,
        about_en,
        variants,
    }
}

const CRAFTS: &[Item] = &[
    item(
        "nakshi-kantha",
        "piece",
        "হাতে সেলাই নকশিকাঁথা",
        "Hand-stitched nakshi kantha",
        "পুরোনো শাড়ির সুতায় গ্রামের মেয়েদের হাতে সেলাই করা কাঁথা।",
        "A quilt hand-stitched by village women with thread from old saris.",
        &[("একক", 3200, 6), ("দ্বৈত", 5400, 3)],
    ),
    item(
        "nakshi-kantha",
        "piece",
        "নকশিকাঁথার কুশন কভার",
        "Nakshi kantha cushion cover",
        "ফুল-লতা-পাতার নকশা, সুতি কাপড়।",
        "Flower and vine motifs on cotton.",
        &[("৪০×৪০ সেমি", 450, 25)],
    ),
    item(
        "jamdani",
        "piece",
        "ঢাকাই জামদানি শাড়ি",
        "Dhakai jamdani saree",
        "রূপগঞ্জের তাঁতিদের বোনা হাফ সিল্ক জামদানি।",
        "Half-silk jamdani woven by Rupganj weavers.",
        &[("লাল", 8500, 4), ("সবুজ", 8500, 3)],
    ),
    item(
        "jamdani",
        "piece",
        "সুতি জামদানি ওড়না",
        "Cotton jamdani orna",
        "হালকা, আরামদায়ক, হাতে বোনা।",
        "Light, comfortable, handwoven.",
        &[("", 1200, 15)],
    ),
    item(
        "handloom-saree",
        "piece",
        "টাঙ্গাইল তাঁতের শাড়ি",
        "Tangail handloom saree",
        "নরম সুতি, চওড়া পাড়।",
        "Soft cotton with a broad border.",
        &[("নীল", 1850, 10), ("হলুদ", 1850, 8)],
    ),
    item(
        "gamchha-lungi",
        "piece",
        "তাঁতের গামছা",
        "Handloom gamchha",
        "খাঁটি সুতি, চেক নকশা।",
        "Pure cotton, checked.",
        &[("", 180, 60)],
    ),
    item(
        "pottery",
        "piece",
        "পোড়ামাটির ফুলদানি",
        "Terracotta flower vase",
        "কুমারপাড়ার হাতে গড়া।",
        "Hand-thrown by the potters' quarter.",
        &[("ছোট", 350, 20), ("বড়", 650, 10)],
    ),
    item(
        "bamboo-cane",
        "piece",
        "বেতের ঝুড়ি",
        "Cane basket",
        "ঘরের কাজে মজবুত ঝুড়ি।",
        "A sturdy basket for the home.",
        &[("মাঝারি", 420, 30)],
    ),
    item(
        "jute-goods",
        "piece",
        "পাটের ব্যাগ",
        "Jute shopping bag",
        "পরিবেশবান্ধব, বারবার ব্যবহারযোগ্য।",
        "Eco-friendly and reusable.",
        &[("", 250, 80)],
    ),
    item(
        "wood-craft",
        "piece",
        "কাঠের খোদাই করা নৌকা",
        "Carved wooden boat",
        "শীতলপাটির দেশে হাতে খোদাই।",
        "Hand-carved model boat.",
        &[("", 900, 12)],
    ),
];

const FOOD: &[Item] = &[
    item(
        "honey",
        "piece",
        "সুন্দরবনের খাঁটি মধু",
        "Pure Sundarbans honey",
        "মৌয়ালদের সংগ্রহ করা খলিশা ফুলের মধু।",
        "Khalisha flower honey gathered by the mawals.",
        &[("৫০০ গ্রাম", 450, 40), ("১ কেজি", 850, 25)],
    ),
    item(
        "honey",
        "piece",
        "সরিষা ফুলের মধু",
        "Mustard flower honey",
        "শীতের সরিষা খেত থেকে।",
        "From winter mustard fields.",
        &[("৫০০ গ্রাম", 380, 50)],
    ),
    item(
        "rice",
        "kg",
        "কাটারিভোগ চাল",
        "Kataribhog rice",
        "সুগন্ধি সরু চাল।",
        "Fragrant fine rice.",
        &[("৫ কেজি", 95, 200)],
    ),
    item(
        "rice",
        "kg",
        "মিনিকেট চাল",
        "Miniket rice",
        "ঝকঝকে সাদা চাল, পাইকারি দরে।",
        "Polished white rice at wholesale rates.",
        &[("৫০ কেজির বস্তা", 68, 500)],
    ),
    item(
        "fruit",
        "kg",
        "রাজশাহীর হিমসাগর আম",
        "Rajshahi Himsagar mango",
        "গাছপাকা, কার্বাইডমুক্ত।",
        "Tree-ripened, no carbide.",
        &[("৫ কেজি", 120, 300)],
    ),
    item(
        "fruit",
        "dozen",
        "সাগর কলা",
        "Sagar banana",
        "বাগান থেকে সরাসরি।",
        "Straight from the orchard.",
        &[("", 90, 100)],
    ),
    item(
        "dried-fish",
        "kg",
        "কক্সবাজারের লইট্টা শুঁটকি",
        "Cox's Bazar loitta dried fish",
        "রোদে শুকানো, লবণ কম।",
        "Sun-dried, low salt.",
        &[("৫০০ গ্রাম", 700, 30)],
    ),
    item(
        "spices",
        "kg",
        "হলুদের গুঁড়া",
        "Turmeric powder",
        "নিজের খেতের হলুদ, ভেজালমুক্ত।",
        "From our own fields, unadulterated.",
        &[("২৫০ গ্রাম", 120, 60), ("১ কেজি", 420, 20)],
    ),
    item(
        "sweets-snacks",
        "kg",
        "খেজুরের গুড়",
        "Date palm jaggery",
        "শীতের খেজুর রসের পাটালি গুড়।",
        "Patali gur from winter date palm sap.",
        &[("১ কেজি", 450, 40)],
    ),
    item(
        "dairy-ghee",
        "piece",
        "গাওয়া ঘি",
        "Pure cow ghee",
        "দেশি গরুর দুধের ঘি।",
        "Ghee from local cows' milk.",
        &[("৪০০ গ্রাম", 750, 25)],
    ),
    item(
        "oil",
        "litre",
        "ঘানিভাঙা সরিষার তেল",
        "Cold-pressed mustard oil",
        "কাঠের ঘানিতে ভাঙানো।",
        "Pressed in a wooden ghani.",
        &[("১ লিটার", 320, 70), ("৫ লিটার", 1500, 15)],
    ),
];

const FARM: &[Item] = &[
    item(
        "vegetables",
        "kg",
        "টাটকা আলু",
        "Fresh potatoes",
        "খেত থেকে তোলা।",
        "Just harvested.",
        &[("", 35, 800)],
    ),
    item(
        "vegetables",
        "kg",
        "দেশি পেঁয়াজ",
        "Local onions",
        "ঝাঁঝালো দেশি পেঁয়াজ।",
        "Pungent local onions.",
        &[("", 60, 600)],
    ),
    item(
        "vegetables",
        "kg",
        "বেগুন",
        "Brinjal",
        "বিষমুক্ত চাষের বেগুন।",
        "Grown without pesticide.",
        &[("", 50, 300)],
    ),
    item(
        "pulses-grain",
        "kg",
        "মসুর ডাল",
        "Red lentils",
        "দেশি ছোট দানার মসুর।",
        "Small-grain local lentils.",
        &[("", 130, 400)],
    ),
    item(
        "livestock-poultry",
        "piece",
        "দেশি মুরগির ডিম",
        "Free-range eggs",
        "হাঁস-মুরগির খামার থেকে।",
        "From a backyard farm.",
        &[("১ ডজন", 170, 120)],
    ),
    item(
        "seeds",
        "piece",
        "উচ্চফলনশীল ধানের বীজ",
        "High-yield paddy seed",
        "ব্রি ধান ২৮, প্রত্যয়িত।",
        "BRRI dhan 28, certified.",
        &[("১০ কেজি", 750, 50)],
    ),
    item(
        "organic-fertiliser",
        "kg",
        "কেঁচো সার (ভার্মিকম্পোস্ট)",
        "Vermicompost",
        "খামারে তৈরি জৈব সার।",
        "Organic fertiliser made on the farm.",
        &[("", 18, 2000)],
    ),
    item(
        "tools",
        "piece",
        "হাতে বানানো কাস্তে",
        "Hand-forged sickle",
        "কামারের হাতে তৈরি।",
        "Made by the village blacksmith.",
        &[("", 220, 40)],
    ),
];

/// Owners' names (the first two shops belong to the people module's demo seller and farmer).
const OWNERS: &[&str] = &[
    "শাহনাজ পারভীন",
    "মোছা. আছিয়া খাতুন",
    "রুনা লায়লা",
    "ফাতেমা আক্তার",
    "মোছা. জোসনা বেগম",
    "শিরিন সুলতানা",
    "নাজমা খাতুন",
    "লাকি আক্তার",
    "মো. আবুল কালাম",
    "মো. শফিকুল ইসলাম",
    "হালিমা বেগম",
    "পারুল রানী দাস",
    "কোহিনূর বেগম",
    "মো. আনোয়ার হোসেন",
    "সালমা আক্তার",
    "মিনারা বেগম",
    "মো. জসিম উদ্দিন",
    "তাহমিনা খাতুন",
    "মোছা. রেহানা পারভীন",
    "আলেয়া বেগম",
    "মো. হাবিবুর রহমান",
    "রাশিদা খাতুন",
    "শাপলা রানী",
    "মো. মিজানুর রহমান",
    "জাহানারা বেগম",
    "মো. নুরুল আমিন",
    "বিলকিস আক্তার",
    "মোছা. মর্জিনা বেগম",
    "মো. রবিউল ইসলাম",
    "আঞ্জুমান আরা",
];

const SHOP_WORDS: &[(&str, &str)] = &[
    ("shop", "হস্তশিল্প"),
    ("shop", "খাঁটি খাবার"),
    ("farmer", "কৃষি খামার"),
    ("wholesaler", "পাইকারি আড়ত"),
];

/// Seeds the marketplace once (a database that has shops keeps them).
pub async fn seed(ctx: DemoContext<'_>) -> DemoResult {
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
                name: format!("{place} {word} {}", n + 1),
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
            variants.extend(product.variants.iter().map(|v| v.id.clone()));
        }
        variants_by_shop.push(variants);
    }
    seed_orders(&ctx, &admin, &variants_by_shop).await?;
    Ok(DemoSeeded::default())
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
