//! Demo network for `shetu demo`: 48 members in 24 countries (governments, universities, firms,
//! civil society, development partners and six experts), 60 solutions on 20 themes (most
//! published after review, some revised with two published versions, a few waiting in the
//! secretariat's queue), 30 needs and 18 matches at every stage. Everything goes through the
//! module's use cases.

use crate::matches;
use crate::members::{self, NewMember};
use crate::needs::{self, NewNeed};
use crate::solutions::{self, SolutionContent};
use shetu_web::seam::{DemoContext, DemoResult, DemoSeeded};

/// (country, main language, city) of the demo members.
const PLACES: [(&str, &str, &str); 24] = [
    ("BD", "bn", "Dhaka"),
    ("NP", "en", "Kathmandu"),
    ("LK", "en", "Colombo"),
    ("IN", "en", "Pune"),
    ("PK", "en", "Lahore"),
    ("ID", "en", "Yogyakarta"),
    ("PH", "en", "Cebu"),
    ("VN", "en", "Da Nang"),
    ("KE", "en", "Kisumu"),
    ("RW", "fr", "Huye"),
    ("GH", "en", "Kumasi"),
    ("NG", "en", "Ibadan"),
    ("ET", "en", "Bahir Dar"),
    ("ZA", "en", "Durban"),
    ("EG", "ar", "Alexandria"),
    ("JO", "ar", "Irbid"),
    ("TR", "tr", "Izmir"),
    ("BR", "pt", "Recife"),
    ("MX", "es", "Puebla"),
    ("CO", "es", "Medellín"),
    ("TN", "ar", "Sfax"),
    ("MA", "fr", "Fes"),
    ("SO", "so", "Hargeisa"),
    ("YE", "ar", "Mukalla"),
];

/// A theme of solutions: title, problem, approach, results, focus areas, SDG targets, level,
/// cost, months to adopt.
struct Theme {
    title: &'static str,
    problem: &'static str,
    approach: &'static str,
    results: &'static str,
    focus: &'static [&'static str],
    sdgs: &'static [&'static str],
    level: &'static str,
    cost: &'static str,
    months: i64,
}

const THEMES: [Theme; 20] = [
    Theme { title: "Union digital centres", problem: "Rural citizens travel for days and pay middlemen to reach public services such as land records, birth registration and social allowances.", approach: "One-stop digital centres in every union council, run by local entrepreneurs, offer government services online on behalf of citizens for a small fixed fee.", results: "Time and cost of a service visit fell by more than half for rural citizens; hundreds of millions of services delivered.", focus: &["future_public_service"], sdgs: &["16.6", "9.c", "10.2"], level: "local", cost: "medium", months: 18 },
    Theme { title: "Social allowances paid by mobile money", problem: "Old-age and widow allowances are paid in cash through several hands, arrive late and leak on the way.", approach: "Government to person payments straight into the beneficiary's mobile wallet, with the list checked against the national ID register.", results: "Payments arrive on the due date; leakage fell sharply; beneficiaries choose where to cash out.", focus: &["finance", "data_innovation"], sdgs: &["1.3", "16.5", "8.10"], level: "national", cost: "medium", months: 12 },
    Theme { title: "Civil servant e-learning academy", problem: "Civil servants in districts rarely get training; courses in the capital are costly and few.", approach: "A public e-learning platform with short courses in the national language, certificates that count for promotion, and mentors online.", results: "Tens of thousands of officers trained each year at a fraction of the cost of classroom courses.", focus: &["civil_service"], sdgs: &["16.6", "4.4"], level: "national", cost: "low", months: 9 },
    Theme { title: "Open budget portal for citizens", problem: "Citizens cannot see how local budgets are planned and spent, so they cannot hold councils to account.", approach: "Every council publishes its budget and spending in plain language and open data, with a way for citizens to comment on priorities.", results: "More citizens took part in budget hearings; audit findings fell in councils that publish.", focus: &["finance", "data_innovation"], sdgs: &["16.6", "16.7", "16.10"], level: "local", cost: "low", months: 6 },
    Theme { title: "Grievance redress by SMS and hotline", problem: "Complaints about public services get lost in paper files and nobody knows whether they were answered.", approach: "A single grievance system reached by SMS, hotline or web, with each complaint tracked to an officer and a deadline, and results published.", results: "Most complaints answered within the deadline; services with many complaints are fixed first.", focus: &["future_public_service", "civil_service"], sdgs: &["16.6", "16.7"], level: "national", cost: "low", months: 6 },
    Theme { title: "Digital land records", problem: "Land disputes clog the courts because records are on paper, copied by hand and easy to forge.", approach: "Scanned and verified land records with a map layer, online mutation and a certified copy anyone can check by a code.", results: "Mutation takes days instead of months; fewer disputes reach the courts.", focus: &["data_innovation", "future_public_service"], sdgs: &["1.4", "16.6", "5.a"], level: "regional", cost: "high", months: 24 },
    Theme { title: "E-procurement for public works", problem: "Tenders for public works are collusive, slow and closed to small local firms.", approach: "All public tenders published and submitted online with automatic opening, price analysis and public award notices.", results: "More bidders per tender and lower prices; award time cut by a third.", focus: &["finance", "commerce"], sdgs: &["12.7", "16.5", "16.6"], level: "national", cost: "medium", months: 18 },
    Theme { title: "Rural e-commerce through assisted centres", problem: "Women producers in villages cannot reach city buyers and lose most of the price to traders.", approach: "Agents at local digital centres list products for producers, take orders for buyers and arrange delivery and cash on delivery.", results: "Producers keep a larger share of the price; many first-time online sellers are women.", focus: &["commerce", "work"], sdgs: &["5.b", "8.3", "17.11"], level: "local", cost: "medium", months: 12 },
    Theme { title: "Skills registry and job matching", problem: "Young people leave training without jobs and employers cannot find the skills they need.", approach: "A national registry of skills and vacancies with explained matching, skill gaps and courses, and figures on supply and demand for planners.", results: "More trainees placed in jobs within six months; training budgets follow demand.", focus: &["work", "data_innovation"], sdgs: &["8.5", "8.6", "4.4"], level: "national", cost: "medium", months: 12 },
    Theme { title: "Telemedicine in primary health centres", problem: "Rural clinics have no doctors for most hours of the week.", approach: "Nurses in rural clinics consult doctors by video on a scheduled rota, with e-prescriptions and referral tracking.", results: "Fewer referrals to district hospitals and shorter waiting for patients.", focus: &["future_public_service"], sdgs: &["3.8", "3.c"], level: "regional", cost: "medium", months: 9 },
    Theme { title: "Birth registration at the point of vaccination", problem: "Many births are never registered, so children later cannot enrol in school or get allowances.", approach: "Health workers register births during the first vaccinations, on a tablet linked to the civil registry.", results: "Registration of births within a year rose to nearly all children in the pilot districts.", focus: &["data_innovation", "future_public_service"], sdgs: &["16.9", "17.19"], level: "national", cost: "low", months: 12 },
    Theme { title: "Tax filing by mobile phone for small traders", problem: "Small traders stay informal because filing tax is complicated and means a trip to the tax office.", approach: "A simplified presumptive tax paid and filed from a mobile phone, in local languages, with reminders by SMS.", results: "Many more small traders registered and filed; revenue from the sector grew.", focus: &["finance", "commerce"], sdgs: &["17.1", "8.3"], level: "national", cost: "medium", months: 12 },
    Theme { title: "Performance agreements for public offices", problem: "Public offices have no clear targets, so nobody can tell whether services improve.", approach: "Each office signs a yearly performance agreement with measurable targets, reported online and reviewed every quarter.", results: "Targets met rose year on year; citizens can see each office's results.", focus: &["civil_service"], sdgs: &["16.6"], level: "national", cost: "low", months: 6 },
    Theme { title: "Open data for agriculture advisories", problem: "Farmers plant and spray by habit because weather and market information does not reach them.", approach: "Weather, soil and market price data opened and turned into voice and SMS advisories in local languages.", results: "Farmers who follow advisories report higher yields and fewer crop losses.", focus: &["data_innovation", "work"], sdgs: &["2.3", "2.4", "13.1"], level: "regional", cost: "low", months: 6 },
    Theme { title: "Innovation fund for public servants", problem: "Good ideas of front-line officers never get tested because there is no budget or permission to try.", approach: "A small competitive fund and a coaching programme let officers pilot service improvements and scale what works.", results: "Hundreds of pilots; the best scaled nationally after evaluation.", focus: &["civil_service", "future_public_service"], sdgs: &["16.6", "17.17"], level: "national", cost: "low", months: 6 },
    Theme { title: "Trade facilitation single window", problem: "Exporters fill the same forms for many agencies and wait weeks at the border.", approach: "A single electronic window for trade documents shared by customs and all licensing agencies, with risk-based inspection.", results: "Clearance time cut from weeks to days; small exporters enter new markets.", focus: &["commerce", "finance"], sdgs: &["17.11", "9.3"], level: "national", cost: "high", months: 24 },
    Theme { title: "Digital identity for service access", problem: "People without documents are shut out of bank accounts, SIM cards and allowances.", approach: "A foundational digital ID with biometric enrolment in villages and consent-based verification for services.", results: "Nearly universal coverage; services verify identity in seconds.", focus: &["data_innovation"], sdgs: &["16.9", "10.2"], level: "national", cost: "high", months: 36 },
    Theme { title: "Apprenticeships with informal workshops", problem: "Most young people learn a trade in informal workshops without recognised skills.", approach: "Master craftspeople in informal workshops take apprentices under a simple agreement, with skills assessed and certified by the training authority.", results: "Certified apprentices earn more and move to formal jobs more often.", focus: &["work"], sdgs: &["8.6", "4.3", "8.8"], level: "regional", cost: "low", months: 9 },
    Theme { title: "Citizen charters with service standards", problem: "Citizens do not know what a service should cost or how long it should take, so they pay bribes to speed it up.", approach: "Every office displays and publishes its services with fees, documents needed and the maximum time, and is audited on them.", results: "Fewer informal payments reported by citizens in surveyed offices.", focus: &["future_public_service", "civil_service"], sdgs: &["16.5", "16.6"], level: "local", cost: "low", months: 3 },
    Theme { title: "Women's cooperatives selling to public canteens", problem: "Public schools and hospitals buy food from a few large suppliers while local women's cooperatives have no access.", approach: "A share of public food purchases reserved for local cooperatives, with simplified registration and payment within thirty days.", results: "Cooperatives gained steady buyers; school meals use fresher local food.", focus: &["commerce", "work"], sdgs: &["5.5", "12.7", "2.3"], level: "local", cost: "low", months: 6 },
];

/// A need: title, problem, context, focus areas, SDG targets.
type NeedTheme = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const NEEDS: [NeedTheme; 15] = [
    (
        "Pay social allowances without leakage",
        "Our allowances are paid in cash and reach beneficiaries late, with deductions on the way.",
        "Most beneficiaries are elderly and live in villages with mobile coverage.",
        &["finance"],
        &["1.3", "16.5"],
    ),
    (
        "Bring public services closer to rural citizens",
        "Villagers travel far to district offices for simple certificates and records.",
        "Few government offices below the district level.",
        &["future_public_service"],
        &["16.6", "10.2"],
    ),
    (
        "Train district civil servants at low cost",
        "District officers get almost no in-service training.",
        "Training budget is small; internet is available in offices.",
        &["civil_service"],
        &["16.6", "4.4"],
    ),
    (
        "Track citizen complaints to an answer",
        "Complaints are lost and citizens do not trust the offices.",
        "Complaints arrive by letter and in person.",
        &["future_public_service"],
        &["16.7", "16.6"],
    ),
    (
        "Help women producers sell online",
        "Women who make handicrafts and food sell only in the village market.",
        "There are community centres with internet in most villages.",
        &["commerce", "work"],
        &["5.b", "8.3"],
    ),
    (
        "Match trained youth with jobs",
        "Graduates of our vocational centres do not find jobs.",
        "Employers say they cannot find people with the right skills.",
        &["work"],
        &["8.6", "4.4"],
    ),
    (
        "Make local budgets transparent",
        "Citizens do not know how councils spend money.",
        "Councils keep budgets in spreadsheets.",
        &["finance", "data_innovation"],
        &["16.6", "16.10"],
    ),
    (
        "Register all births",
        "Many children have no birth certificate.",
        "Vaccination coverage is high in all districts.",
        &["data_innovation"],
        &["16.9"],
    ),
    (
        "Bring small traders into the tax net",
        "Small traders do not file tax.",
        "Most traders have a mobile phone.",
        &["finance", "commerce"],
        &["17.1"],
    ),
    (
        "Give farmers timely advice",
        "Farmers lose crops to weather they did not expect.",
        "The meteorological office has data that does not reach farmers.",
        &["data_innovation", "work"],
        &["2.4", "13.1"],
    ),
    (
        "Speed up land mutation",
        "Land transfers take months and invite bribes.",
        "Records are on paper in sub-district offices.",
        &["data_innovation"],
        &["1.4", "16.6"],
    ),
    (
        "Reduce informal payments for services",
        "Citizens pay extra to get services on time.",
        "Fees and timelines are not published.",
        &["future_public_service", "civil_service"],
        &["16.5"],
    ),
    (
        "Open public tenders to small firms",
        "A few firms win most public works contracts.",
        "Tenders are published in newspapers only.",
        &["finance", "commerce"],
        &["12.7", "16.5"],
    ),
    (
        "Recognise skills learnt in informal workshops",
        "Young people trained in workshops cannot prove their skills.",
        "A national qualifications framework exists.",
        &["work"],
        &["8.6", "4.3"],
    ),
    (
        "Reach rural patients with doctors",
        "Rural clinics have nurses but no doctors.",
        "3G coverage reaches most clinics.",
        &["future_public_service"],
        &["3.8"],
    ),
];

/// (kind, name pattern) of organisations; `{c}` is the city, `{n}` the country.
const ORGS: [(&str, &str); 7] = [
    ("government", "Public Service Innovation Unit, {n}"),
    ("government", "Digital Government Office, {c}"),
    ("academic", "School of Public Policy, {c}"),
    ("private", "{c} GovTech Partners"),
    ("civil_society", "Citizens' Voice Network, {c}"),
    (
        "development_partner",
        "South-South Cooperation Facility, {n}",
    ),
    ("government", "Ministry of Finance Reform Cell, {n}"),
];

type Boxed = Box<dyn std::error::Error + Send + Sync>;

fn content(theme: &Theme, countries: Vec<String>, maturity: &str) -> SolutionContent {
    SolutionContent {
        title: theme.title.to_owned(),
        problem: theme.problem.to_owned(),
        approach: theme.approach.to_owned(),
        results: theme.results.to_owned(),
        evidence: "Independent evaluation and administrative data, published with the programme's annual report.".to_owned(),
        implemented: maturity != "idea",
        countries,
        level: theme.level.to_owned(),
        cost: theme.cost.to_owned(),
        months_to_adopt: theme.months,
        maturity: maturity.to_owned(),
        sdgs: theme.sdgs.iter().map(|s| (*s).to_owned()).collect(),
        focus: theme.focus.iter().map(|s| (*s).to_owned()).collect(),
        contact: "innovation desk of the member (through the secretariat)".to_owned(),
        software: None,
    }
}

/// Seeds the network once (when no member exists yet).
pub async fn seed(ctx: DemoContext<'_>) -> DemoResult {
    let db = ctx.db;
    let Some(admin) = ctx.admin.cloned() else {
        return Ok(DemoSeeded::default());
    };
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM exchange_member")
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(DemoSeeded::default());
    }
    // Two organisations per country, taking the kinds in turn: 48 members in 24 countries.
    let mut member_ids: Vec<(String, &str)> = Vec::new();
    for (i, (country, lang, city)) in PLACES.iter().enumerate() {
        let country_name = crate::countries::get(country).map_or(*country, |c| c.en.as_str());
        for k in 0..2 {
            let (kind, pattern) = ORGS[(i * 2 + k) % ORGS.len()];
            let name = pattern.replace("{c}", city).replace("{n}", country_name);
            let theme = &THEMES[(i * 2 + k) % THEMES.len()];
            let mut languages = vec![(*lang).to_owned()];
            if *lang != "en" {
                languages.push("en".to_owned());
            }
            let member = members::register(
                db,
                &admin,
                NewMember {
                    name,
                    kind: kind.to_owned(),
                    country: (*country).to_owned(),
                    languages,
                    focus: theme.focus.iter().map(|f| (*f).to_owned()).collect(),
                    sdgs: theme.sdgs.iter().map(|s| (*s).to_owned()).collect(),
                    about: format!(
                        "Works on {} and shares what it learns with the network.",
                        theme.title.to_lowercase()
                    ),
                    website: String::new(),
                },
            )
            .await?;
            members::verify(db, &admin, &member.id).await?;
            member_ids.push((member.id, country));
        }
    }
    // 60 solutions: each theme shared by three members; most published, some revised.
    let mut n = 0usize;
    let mut shown: Vec<String> = Vec::new();
    for (t, theme) in THEMES.iter().enumerate() {
        for copy in 0..3 {
            let (member, country) = &member_ids[(t * 5 + copy * 17) % member_ids.len()];
            let maturity = ["pilot", "scaled", "replicated"][(t + copy) % 3];
            let mut countries = vec![(*country).to_owned()];
            if maturity == "replicated" {
                let (_, other) = &member_ids[(t * 5 + copy * 17 + 7) % member_ids.len()];
                countries.push((*other).to_owned());
            }
            let first = content(theme, countries.clone(), maturity);
            let s = solutions::submit(db, &admin, member, first.clone()).await?;
            n += 1;
            if n % 5 == 1 {
                solutions::attachments::attach(
                    db,
                    &admin,
                    &s.id,
                    "evaluation-summary.pdf",
                    &summary_pdf(theme.title),
                )
                .await?;
            }
            if n.is_multiple_of(15) {
                continue; // left waiting in the secretariat's queue
            }
            solutions::review(db, &admin, &s.id, "in_review", "").await?;
            if n.is_multiple_of(11) {
                solutions::review(db, &admin, &s.id, "returned", "Please add the evidence for the results: an evaluation or figures with their source.").await?;
                continue;
            }
            solutions::review(db, &admin, &s.id, "published", "").await?;
            shown.push(s.id.clone());
            if n.is_multiple_of(4) {
                let mut second = first;
                second.results = format!(
                    "{} A second evaluation confirmed the results after two more years.",
                    second.results
                );
                second.months_to_adopt += 3;
                solutions::revise(db, &admin, &s.id, second).await?;
                solutions::review(db, &admin, &s.id, "in_review", "").await?;
                solutions::review(db, &admin, &s.id, "published", "").await?;
            }
        }
    }
    // 30 needs: each posted by two members in other countries.
    let mut posted = Vec::new();
    for (k, (title, problem, context, focus, sdgs)) in NEEDS.iter().enumerate() {
        for copy in 0..2 {
            let (member, _) = &member_ids[(k * 3 + copy * 23 + 1) % member_ids.len()];
            let need = needs::post(
                db,
                &admin,
                NewNeed {
                    member: member.clone(),
                    title: (*title).to_owned(),
                    problem: (*problem).to_owned(),
                    context: (*context).to_owned(),
                    constraints: "A small budget and a team of two or three people to adapt it."
                        .to_owned(),
                    sdgs: sdgs.iter().map(|s| (*s).to_owned()).collect(),
                    focus: focus.iter().map(|f| (*f).to_owned()).collect(),
                    languages: vec!["en".to_owned()],
                },
            )
            .await?;
            posted.push(need.id);
        }
    }
    // Matches of the first needs with their best suggestion, at every stage, so the dashboard
    // and the follow-up logs have something to show.
    for (k, need) in posted.iter().take(18).enumerate() {
        let Some(best) = crate::matching::suggest(db, need, 1)
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let m = matches::create(db, &admin, need, &best.solution.id).await?;
        let path: &[&str] = match k % 6 {
            0 => &[],
            1 => &["interest_expressed"],
            2 => &["interest_expressed", "agreed"],
            3 | 4 => &["interest_expressed", "agreed", "adapting"],
            _ => &["interest_expressed", "agreed", "adapting", "replicated"],
        };
        for to in path {
            matches::move_to(db, &admin, &m.id, to, "").await?;
        }
        if path.len() >= 3 {
            matches::note(
                db,
                &admin,
                &m.id,
                "Study visit by the adopting team; the legal review of the pilot started.",
                None,
            )
            .await?;
            crate::match_documents::add(
                db,
                &admin,
                &m.id,
                "memorandum-of-understanding.pdf",
                "Signed by both members after the study visit.",
                &summary_pdf("Memorandum of understanding"),
            )
            .await?;
        }
    }
    let login = super::demo_events::seed_workshops(ctx, &admin, &member_ids, &posted).await?;
    super::demo_events::seed_discussion(ctx, &admin, &shown, &posted).await?;
    Ok::<_, Boxed>(DemoSeeded {
        logins: vec![login],
        admin: None,
    })
}

/// A one-page PDF that says what the evaluation of `title` found (a well-formed file: its cross
/// reference table points at each object).
pub(super) fn summary_pdf(title: &str) -> Vec<u8> {
    let text: String = title
        .chars()
        .filter(|c| c.is_ascii() && !matches!(c, '(' | ')' | '\\'))
        .collect();
    let stream = format!("BT /F1 16 Tf 72 760 Td (Evaluation summary: {text}) Tj 0 -28 Td /F1 11 Tf (Demonstration data of the shetu exchange.) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
