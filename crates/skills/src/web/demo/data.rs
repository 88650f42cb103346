//! The demo's raw material: trades with their skills and occupations, sectors, names, and a
//! small deterministic dice.

/// A trade: occupation code, job titles (bn, en), essential and optional skills (ESCO labels),
/// monthly salary range in whole taka, and the education it usually asks for.
pub(super) struct Trade {
    pub(super) occupation: &'static str,
    pub(super) title_bn: &'static str,
    pub(super) title_en: &'static str,
    pub(super) essential: &'static [&'static str],
    pub(super) optional: &'static [&'static str],
    pub(super) salary: (i64, i64),
    pub(super) education: Option<&'static str>,
    pub(super) sector: usize,
}

pub(super) const TRADES: &[Trade] = &[
    Trade {
        occupation: "8153.1",
        title_bn: "সুইং অপারেটর",
        title_en: "Sewing machine operator",
        essential: &[
            "sew pieces of fabric",
            "operate garment manufacturing machines",
        ],
        optional: &["cut fabrics", "quality standards"],
        salary: (12_500, 16_000),
        education: Some("primary"),
        sector: 0,
    },
    Trade {
        occupation: "7531.5",
        title_bn: "দর্জি",
        title_en: "Tailor",
        essential: &[
            "sew pieces of fabric",
            "alter wearing apparel",
            "cut fabrics",
        ],
        optional: &["create patterns for garments", "embroider fabrics"],
        salary: (10_000, 18_000),
        education: None,
        sector: 0,
    },
    Trade {
        occupation: "9321.1",
        title_bn: "ফিনিশিং হেলপার",
        title_en: "Finishing helper",
        essential: &["iron textiles", "pack goods"],
        optional: &["check quality of products on the production line"],
        salary: (9_000, 12_000),
        education: None,
        sector: 0,
    },
    Trade {
        occupation: "8152.1",
        title_bn: "নিটিং মেশিন অপারেটর",
        title_en: "Knitting machine operator",
        essential: &[
            "manufacture knitted textiles",
            "knitting machine technology",
        ],
        optional: &["maintain equipment"],
        salary: (12_000, 15_000),
        education: Some("primary"),
        sector: 0,
    },
    Trade {
        occupation: "7533.2",
        title_bn: "নকশি কাঁথার কারিগর",
        title_en: "Embroiderer",
        essential: &["embroider fabrics", "sew pieces of fabric"],
        optional: &["quality standards"],
        salary: (8_000, 14_000),
        education: None,
        sector: 0,
    },
    Trade {
        occupation: "9213.1",
        title_bn: "কৃষি শ্রমিক",
        title_en: "Farm worker",
        essential: &["harvest crop", "work in outdoor conditions"],
        optional: &["operate agricultural machinery", "execute fertilisation"],
        salary: (9_000, 12_000),
        education: None,
        sector: 1,
    },
    Trade {
        occupation: "6122.1",
        title_bn: "পোল্ট্রি খামারকর্মী",
        title_en: "Poultry farm worker",
        essential: &[
            "provide nutrition to animals",
            "monitor the welfare of animals",
        ],
        optional: &["manage animal biosecurity"],
        salary: (9_000, 13_000),
        education: None,
        sector: 1,
    },
    Trade {
        occupation: "6221.7",
        title_bn: "মাছ চাষ কর্মী",
        title_en: "Fish farm worker",
        essential: &["monitor fish health status", "stock fish"],
        optional: &["fish harvesting methods"],
        salary: (9_000, 13_000),
        education: None,
        sector: 1,
    },
    Trade {
        occupation: "9313.1",
        title_bn: "নির্মাণ শ্রমিক",
        title_en: "Construction worker",
        essential: &[
            "lift heavy weights",
            "work in a construction team",
            "follow health and safety procedures in construction",
        ],
        optional: &["use safety equipment in construction"],
        salary: (12_000, 16_000),
        education: None,
        sector: 2,
    },
    Trade {
        occupation: "7112.1",
        title_bn: "রাজমিস্ত্রি",
        title_en: "Mason",
        essential: &["lay bricks", "mix construction grouts"],
        optional: &["interpret 2D plans"],
        salary: (15_000, 22_000),
        education: None,
        sector: 2,
    },
    Trade {
        occupation: "7411.1.1.1",
        title_bn: "হাউস ওয়্যারিং ইলেকট্রিশিয়ান",
        title_en: "Domestic electrician",
        essential: &["electricity", "install electrical and electronic equipment"],
        optional: &["electrical wiring plans"],
        salary: (15_000, 25_000),
        education: Some("ssc"),
        sector: 2,
    },
    Trade {
        occupation: "7126.8",
        title_bn: "প্লাম্বার",
        title_en: "Plumber",
        essential: &["lay pipe installation", "plumbing tools"],
        optional: &["water pressure"],
        salary: (14_000, 22_000),
        education: None,
        sector: 2,
    },
    Trade {
        occupation: "7212.3",
        title_bn: "ওয়েল্ডার",
        title_en: "Welder",
        essential: &["operate welding equipment", "welding techniques"],
        optional: &["wear appropriate protective gear"],
        salary: (15_000, 24_000),
        education: None,
        sector: 2,
    },
    Trade {
        occupation: "8322.6",
        title_bn: "গাড়িচালক",
        title_en: "Driver",
        essential: &["drive vehicles", "road traffic laws"],
        optional: &["perform defensive driving", "ensure vehicle operability"],
        salary: (16_000, 25_000),
        education: Some("primary"),
        sector: 3,
    },
    Trade {
        occupation: "8321.1",
        title_bn: "ডেলিভারি রাইডার",
        title_en: "Delivery rider",
        essential: &["drive two-wheeled vehicles", "road traffic laws"],
        optional: &["operate GPS systems", "communicate with customers"],
        salary: (12_000, 20_000),
        education: Some("jsc"),
        sector: 3,
    },
    Trade {
        occupation: "4132.1",
        title_bn: "ডাটা এন্ট্রি অপারেটর",
        title_en: "Data entry operator",
        essential: &["have computer literacy", "use word processing software"],
        optional: &["use spreadsheets software"],
        salary: (12_000, 18_000),
        education: Some("hsc"),
        sector: 4,
    },
    Trade {
        occupation: "2513.5",
        title_bn: "ওয়েব ডেভেলপার",
        title_en: "Web developer",
        essential: &["computer programming"],
        optional: &[
            "debug software",
            "graphic design",
            "interact verbally in English",
        ],
        salary: (30_000, 60_000),
        education: Some("diploma"),
        sector: 4,
    },
    Trade {
        occupation: "7422.3.1",
        title_bn: "মোবাইল সার্ভিসিং টেকনিশিয়ান",
        title_en: "Mobile phone repairer",
        essential: &["repair mobile devices", "solder electronics"],
        optional: &["communicate with customers"],
        salary: (12_000, 20_000),
        education: Some("ssc"),
        sector: 4,
    },
    Trade {
        occupation: "5322.1",
        title_bn: "কেয়ারগিভার",
        title_en: "Caregiver",
        essential: &["tend to elderly people", "apply person-centred care"],
        optional: &["provide first aid"],
        salary: (12_000, 18_000),
        education: Some("ssc"),
        sector: 5,
    },
    Trade {
        occupation: "5321.1.1",
        title_bn: "নার্স সহকারী",
        title_en: "Nursing assistant",
        essential: &[
            "hygiene in a health care setting",
            "empathise with the healthcare user",
        ],
        optional: &["administer prescribed medication"],
        salary: (14_000, 20_000),
        education: Some("hsc"),
        sector: 5,
    },
    Trade {
        occupation: "5311.1",
        title_bn: "শিশু পরিচর্যাকর্মী",
        title_en: "Child care worker",
        essential: &["supervise children", "provide first aid"],
        optional: &[],
        salary: (10_000, 15_000),
        education: Some("ssc"),
        sector: 5,
    },
    Trade {
        occupation: "5223.6",
        title_bn: "বিক্রয়কর্মী",
        title_en: "Shop assistant",
        essential: &["communicate with customers", "operate cash register"],
        optional: &["stock shelves", "process payments"],
        salary: (10_000, 15_000),
        education: Some("ssc"),
        sector: 6,
    },
    Trade {
        occupation: "5120.1",
        title_bn: "রাঁধুনি",
        title_en: "Cook",
        essential: &[
            "use cooking techniques",
            "comply with food safety and hygiene",
        ],
        optional: &["cook vegetable products"],
        salary: (12_000, 20_000),
        education: None,
        sector: 6,
    },
    Trade {
        occupation: "5414.1",
        title_bn: "নিরাপত্তাকর্মী",
        title_en: "Security guard",
        essential: &["stay alert", "maintain facility security systems"],
        optional: &[],
        salary: (11_000, 15_000),
        education: Some("jsc"),
        sector: 6,
    },
    Trade {
        occupation: "9112.2",
        title_bn: "পরিচ্ছন্নতাকর্মী",
        title_en: "Cleaner",
        essential: &["clean building floors", "handle chemical cleaning agents"],
        optional: &[],
        salary: (9_000, 12_000),
        education: None,
        sector: 6,
    },
    Trade {
        occupation: "5142.2",
        title_bn: "বিউটি পার্লার কর্মী",
        title_en: "Beauty salon worker",
        essential: &["style hair", "hair cutting techniques"],
        optional: &["communicate with customers"],
        salary: (10_000, 18_000),
        education: None,
        sector: 6,
    },
];

/// Employer name endings by sector (bn, en).
pub(super) const SECTORS: [(&str, &str); 7] = [
    ("গার্মেন্টস লিমিটেড", "Garments Ltd"),
    ("এগ্রো ফার্ম", "Agro Farm"),
    ("কনস্ট্রাকশন", "Construction"),
    ("ট্রান্সপোর্ট সার্ভিস", "Transport Service"),
    ("আইটি সলিউশনস", "IT Solutions"),
    ("হেলথ কেয়ার", "Health Care"),
    ("ট্রেডার্স", "Traders"),
];

pub(super) const GIVEN_F: [&str; 20] = [
    "রহিমা",
    "সালমা",
    "নাসরিন",
    "ফাতেমা",
    "শাহনাজ",
    "রুমানা",
    "মরিয়ম",
    "শিউলি",
    "পারভীন",
    "আয়েশা",
    "মুক্তা",
    "সুমি",
    "রাবেয়া",
    "তানিয়া",
    "জেসমিন",
    "লাকি",
    "কুলসুম",
    "মৌসুমী",
    "শারমিন",
    "হালিমা",
];
pub(super) const GIVEN_M: [&str; 20] = [
    "রফিক",
    "করিম",
    "জামাল",
    "সুমন",
    "রাশেদ",
    "মামুন",
    "হাসান",
    "আরিফ",
    "শাহীন",
    "মিজান",
    "সোহেল",
    "রুবেল",
    "জসিম",
    "নয়ন",
    "বিপ্লব",
    "সজীব",
    "আলমগীর",
    "কামরুল",
    "মাসুদ",
    "রাজু",
];
pub(super) const FAMILY: [&str; 12] = [
    "খাতুন",
    "আক্তার",
    "বেগম",
    "ইসলাম",
    "হোসেন",
    "আহমেদ",
    "মিয়া",
    "সরকার",
    "দাস",
    "রায়",
    "শেখ",
    "মোল্লা",
];
pub(super) const GIVEN_AR: [&str; 12] = [
    "أحمد", "محمد", "خالد", "سارة", "ليلى", "مريم", "عمر", "يوسف", "نور", "هدى", "رامي", "دانة",
];
pub(super) const FAMILY_AR: [&str; 8] = [
    "الخطيب",
    "العلي",
    "الحسن",
    "النجار",
    "الزعبي",
    "العمري",
    "الشريف",
    "حداد",
];

/// A small deterministic generator (the demo is the same every time).
pub(super) struct Dice(pub(super) u64);

impl Dice {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// A Zipf-like pick: small indexes much more often (people crowd into a few districts and
    /// trades).
    pub(super) fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

pub(super) type Boxed = Box<dyn std::error::Error + Send + Sync>;
