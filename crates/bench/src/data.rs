//! Deterministic synthetic data: the same seed gives the same documents, people and vacancies on
//! every run and machine.

/// A small, fast, deterministic random generator (PCG-style LCG).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1))
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A skewed pick (Zipf-like): early items are much more common, as real words are.
    pub fn skewed(&mut self, n: u64) -> u64 {
        let a = self.below(n);
        let b = self.below(n);
        let c = self.below(n);
        a.min(b).min(c)
    }
}

/// Product words people use in rural Bangladesh, in Bangla.
pub const BANGLA: &[&str] = &[
    "নকশী",
    "কাঁথা",
    "চাল",
    "মধু",
    "সরিষা",
    "তেল",
    "শাড়ি",
    "জামদানি",
    "পাটের",
    "ব্যাগ",
    "মাটির",
    "হাঁড়ি",
    "বাঁশের",
    "ঝুড়ি",
    "শীতল",
    "পাটি",
    "গামছা",
    "লুঙ্গি",
    "আম",
    "লিচু",
    "কাঁঠাল",
    "ডাল",
    "মসুর",
    "আলু",
    "পেঁয়াজ",
    "রসুন",
    "আদা",
    "হলুদ",
    "মরিচ",
    "গুড়",
    "খেজুর",
    "চিড়া",
    "মুড়ি",
    "পিঠা",
    "দুধ",
    "ঘি",
    "ডিম",
    "হাঁস",
    "মুরগি",
    "মাছ",
    "শুঁটকি",
    "ইলিশ",
    "চিংড়ি",
    "হাতে",
    "তৈরি",
    "খাঁটি",
    "দেশি",
    "জৈব",
    "নতুন",
    "সেরা",
    "কেজি",
    "লিটার",
    "পিস",
    "বড়",
    "ছোট",
    "লাল",
    "সবুজ",
    "নীল",
    "সুতি",
    "রেশমি",
    "কুটির",
    "শিল্প",
    "উদ্যোক্তা",
    "নারী",
    "গ্রামীণ",
    "প্রযুক্তি",
    "শিক্ষা",
    "ক্ষুদ্র",
    "বাজার",
    "পাইকারি",
    "খুচরা",
    "উপহার",
];

/// Product words in English.
pub const ENGLISH: &[&str] = &[
    "nakshi",
    "kantha",
    "rice",
    "honey",
    "mustard",
    "oil",
    "saree",
    "jamdani",
    "jute",
    "bag",
    "clay",
    "pot",
    "bamboo",
    "basket",
    "mat",
    "towel",
    "mango",
    "lychee",
    "jackfruit",
    "lentil",
    "potato",
    "onion",
    "garlic",
    "ginger",
    "turmeric",
    "chili",
    "jaggery",
    "dates",
    "flattened",
    "puffed",
    "cake",
    "milk",
    "ghee",
    "egg",
    "duck",
    "chicken",
    "fish",
    "dried",
    "hilsa",
    "shrimp",
    "handmade",
    "pure",
    "local",
    "organic",
    "new",
    "best",
    "kg",
    "litre",
    "piece",
    "large",
    "small",
    "red",
    "green",
    "blue",
    "cotton",
    "silk",
    "cottage",
    "industry",
    "entrepreneur",
    "women",
    "rural",
    "wholesale",
    "retail",
    "gift",
    "fresh",
];

/// Product categories (top, sub).
pub const CATEGORIES: &[(&str, &str)] = &[
    ("food", "rice"),
    ("food", "spices"),
    ("food", "honey"),
    ("food", "fish"),
    ("food", "fruit"),
    ("crafts", "textiles"),
    ("crafts", "jute"),
    ("crafts", "pottery"),
    ("crafts", "bamboo"),
    ("clothing", "saree"),
    ("clothing", "lungi"),
];

/// Flags a listing may carry.
pub const FLAGS: &[&str] = &["women_led", "organic", "in_stock", "export", "cod"];

/// Words for a title or body: mostly Bangla, some English, skewed towards common words.
pub fn text(rng: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| {
            if rng.below(10) < 7 {
                BANGLA[rng.skewed(BANGLA.len() as u64) as usize]
            } else {
                ENGLISH[rng.skewed(ENGLISH.len() as u64) as usize]
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
