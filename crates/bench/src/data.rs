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

/// Where the word lists come from (Debian packages `hunspell-bn` and `wamerican`).
pub const BANGLA_WORDS: &str = "/usr/share/hunspell/bn_BD.dic";
/// English words.
pub const ENGLISH_WORDS: &str = "/usr/share/dict/american-english";

/// A realistic vocabulary: real product words first (the lists above and every word of the
/// judged catalogue's titles), then real Bangla and English words from the dictionaries, drawn
/// with a Zipf distribution (rank r has weight 1/r), separately per language.
pub struct Vocabulary {
    bangla: Vec<String>,
    english: Vec<String>,
    bangla_cdf: Vec<f64>,
    english_cdf: Vec<f64>,
}

pub(crate) fn zipf_cdf(n: usize) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = (1..=n)
        .map(|r| {
            acc += 1.0 / r as f64;
            acc
        })
        .collect();
    for c in &mut cdf {
        *c /= acc;
    }
    cdf
}

impl Vocabulary {
    /// Builds the vocabulary with `bangla` and `english` distinct words (dictionary words are
    /// shuffled with a fixed seed, so the tail is not alphabetical).
    pub fn load(bangla: usize, english: usize) -> anyhow::Result<Vocabulary> {
        let read = |path: &str| {
            std::fs::read_to_string(path).map_err(|e| {
                anyhow::anyhow!(
                    "{path}: {e} (install Debian's hunspell-bn and wamerican for the word lists)"
                )
            })
        };
        let mut rng = Rng::new(23);
        let mut build = |head: Vec<String>, dict: Vec<String>, n: usize| {
            let mut seen = std::collections::HashSet::new();
            let mut words: Vec<String> = head
                .into_iter()
                .filter(|w| seen.insert(w.clone()))
                .collect();
            let mut tail: Vec<String> = dict
                .into_iter()
                .filter(|w| seen.insert(w.clone()))
                .collect();
            for i in (1..tail.len()).rev() {
                let j = rng.below(i as u64 + 1) as usize;
                tail.swap(i, j);
            }
            words.extend(tail);
            words.truncate(n);
            words
        };
        let catalogue: Vec<String> = shetu_search::relevance::catalogue()
            .iter()
            .flat_map(|i| shetu_search::analyzer::words(&i.title))
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let (bn_head, en_head): (Vec<String>, Vec<String>) = catalogue.into_iter().partition(|w| {
            shetu_search::analyzer::script(w) == shetu_search::analyzer::Script::Bangla
        });
        let bn_dict: Vec<String> = read(BANGLA_WORDS)?
            .lines()
            .skip(1)
            .map(|l| l.split('/').next().unwrap_or_default().trim().to_owned())
            .filter(|w| w.chars().count() >= 2)
            .collect();
        let en_dict: Vec<String> = read(ENGLISH_WORDS)?
            .lines()
            .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()))
            .map(str::to_owned)
            .collect();
        let bangla = build(
            BANGLA
                .iter()
                .map(|w| (*w).to_owned())
                .chain(bn_head)
                .collect(),
            bn_dict,
            bangla,
        );
        let english = build(
            ENGLISH
                .iter()
                .map(|w| (*w).to_owned())
                .chain(en_head)
                .collect(),
            en_dict,
            english,
        );
        Ok(Vocabulary {
            bangla_cdf: zipf_cdf(bangla.len()),
            english_cdf: zipf_cdf(english.len()),
            bangla,
            english,
        })
    }

    /// Distinct words.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.bangla.len() + self.english.len()
    }

    fn draw<'a>(rng: &mut Rng, words: &'a [String], cdf: &[f64]) -> &'a str {
        let u = rng.below(1 << 30) as f64 / f64::from(1u32 << 30);
        let i = cdf.partition_point(|&c| c < u).min(words.len() - 1);
        &words[i]
    }

    /// Words for a title or body: 70 % Bangla, 30 % English, each drawn by Zipf.
    pub fn text(&self, rng: &mut Rng, words: usize) -> String {
        (0..words)
            .map(|_| {
                if rng.below(10) < 7 {
                    Self::draw(rng, &self.bangla, &self.bangla_cdf)
                } else {
                    Self::draw(rng, &self.english, &self.english_cdf)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}
