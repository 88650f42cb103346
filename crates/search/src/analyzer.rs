//! The analyzer, used for indexing and for queries alike.
//!
//! Every word of a text becomes a [`Term`] with four forms:
//! - `exact`: the word as written (NFC, lower case, digits as ASCII, invisible characters out):
//!   a match on it ranks first;
//! - `stem`: spelling variants folded ([`fold`]: Bangla chandrabindu, long/short vowel signs, ণ/ন,
//!   শ/ষ/স, ৎ/ত্, য়/য … ; Arabic letter forms) and inflections removed ([`stem`]: Bangla case and
//!   plural endings, Arabic article and suffixes, English plurals): variants and inflected forms
//!   of one word meet here;
//! - `folded`: folded but not stemmed, for prefixes while typing;
//! - `key`: a transliteration key ([`key`]) computed alike for Bangla and for Bangla written in
//!   Latin letters, so `modhu` meets মধু and `nakshi` meets নকশী.
//!
//! Numbers are read as people write them: `১,২০০` is `1200`, and `৫০০টাকা` is `500` and `টাকা`.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that change nothing a reader sees: zero-width (non-)joiners and spaces, soft
/// hyphens, byte-order marks, and direction marks.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{00AD}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
fn arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Folds Arabic letter variants that people type interchangeably.
fn arabic_fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        other => other,
    }
}

/// Normalises text: NFC, invisible characters and Arabic marks removed, Arabic variants folded,
/// digits of every script to ASCII, lower case.
pub fn normalize(text: &str) -> String {
    let nfc: String = text
        .nfc()
        .filter(|c| !invisible(*c) && !arabic_mark(*c))
        .map(arabic_fold)
        .collect();
    // Lower-casing can decompose (e.g. `İ`), so compose once more.
    shetu_core::fold_digits(&nfc).to_lowercase().nfc().collect()
}

/// The words of `text` (UAX #29 word boundaries, so a Bangla conjunct is never cut at its
/// virama), normalised; numbers lose their grouping commas and are split from the letters
/// they are written against (`1,200` → `1200`; `500টাকা` → `500`, `টাকা`).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in normalize(text).unicode_words() {
        split_numbers(word, &mut out);
    }
    out
}

fn split_numbers(word: &str, out: &mut Vec<String>) {
    if !word.chars().any(|c| c.is_ascii_digit()) {
        out.push(word.to_owned());
        return;
    }
    // Pieces are segmented again, so analysing a piece on its own gives the piece.
    let push = |piece: String, out: &mut Vec<String>| {
        if piece.chars().any(|c| c.is_ascii_digit()) {
            out.push(piece);
        } else {
            out.extend(piece.unicode_words().map(str::to_owned));
        }
    };
    let chars: Vec<char> = word.chars().collect();
    // A character belongs to a number if it is a digit, or a `,`/`.` between two digits.
    let numeric = |i: usize| {
        let c = chars[i];
        c.is_ascii_digit()
            || (matches!(c, ',' | '.')
                && i > 0
                && i + 1 < chars.len()
                && chars[i - 1].is_ascii_digit()
                && chars[i + 1].is_ascii_digit())
    };
    let mut run = String::new();
    let mut in_number = None;
    for (i, &c) in chars.iter().enumerate() {
        let n = numeric(i);
        if in_number.is_some_and(|was| was != n) && !run.is_empty() {
            push(std::mem::take(&mut run), out);
        }
        in_number = Some(n);
        // Grouping commas go; a decimal point stays.
        if !(n && c == ',') {
            run.push(c);
        }
    }
    if !run.is_empty() {
        push(run, out);
    }
}

/// The script a word is written in, as far as analysis cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Bangla (Bengali-Assamese block).
    Bangla,
    /// Arabic.
    Arabic,
    /// Latin letters only.
    Latin,
    /// Digits, or anything else.
    Other,
}

/// The script of a (normalised) word.
pub fn script(word: &str) -> Script {
    if word.chars().any(|c| ('\u{0980}'..='\u{09FF}').contains(&c)) {
        Script::Bangla
    } else if word.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        Script::Arabic
    } else if is_latin(word) {
        Script::Latin
    } else {
        Script::Other
    }
}

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As written (normalised).
    pub exact: String,
    /// Spelling variants folded, not stemmed.
    pub folded: String,
    /// Folded and stemmed.
    pub stem: String,
    /// Every stem the word may have, `stem` first: a Bangla ending can be read more than one
    /// way (হলুদের is হলুদ + ের, not হলু + দের; কৃষকদের is কৃষক + দের), so each reading is kept.
    pub stems: Vec<String>,
    /// Transliteration keys of the word as written and of its stem (one if they agree; none if
    /// the word has fewer than two sounds).
    pub keys: Vec<String>,
}

/// The terms of `text`, in order.
pub fn terms(text: &str) -> Vec<Term> {
    words(text).into_iter().map(|w| term(&w)).collect()
}

/// The term of one normalised word.
pub fn term(word: &str) -> Term {
    let script = script(word);
    // Bangla folding happens in two steps: `য়` (ya with nukta) keeps its dot through stemming
    // and the key (it sounds like `y`, not like `j`), and loses it for the stem.
    let light = fold_light(word, script);
    let stemmed = stem(&light, script);
    let mut stems = vec![fold_yya(&stemmed)];
    if script == Script::Bangla {
        for reading in bangla_readings(&light) {
            let reading = fold_yya(&reading);
            if !stems.contains(&reading) {
                stems.push(reading);
            }
        }
    }
    Term {
        exact: word.to_owned(),
        folded: fold_yya(&light),
        stem: fold_yya(&stemmed),
        stems,
        keys: {
            let mut keys: Vec<String> = [key(&light, script), key(&stemmed, script)]
                .into_iter()
                .flatten()
                .collect();
            // Romanised Bangla writes the possessive as a final -r/-er (shorishar = সরিষার):
            // the key without it meets the Bangla stem.
            if script == Script::Latin {
                if let Some(k) = keys.first().and_then(|k| k.strip_suffix('R')) {
                    if k.chars().count() >= 2 {
                        keys.push(k.to_owned());
                    }
                }
            }
            keys.dedup();
            keys
        },
    }
}

/// Folds spelling variants a reader treats as the same word (see [`term`]).
pub fn fold(word: &str) -> String {
    fold_yya(&fold_light(word, script(word)))
}

const NUKTA: char = '\u{09BC}';

fn fold_light(word: &str, script: Script) -> String {
    if script != Script::Bangla {
        return word.to_owned();
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            // Chandrabindu and visarga: often left out.
            '\u{0981}' | '\u{0983}' => {}
            // Long vowels and their signs as the short ones (ী/ি, ূ/ু, ঈ/ই, ঊ/উ).
            'ী' => out.push('ি'),
            'ূ' => out.push('ু'),
            'ঈ' => out.push('ই'),
            'ঊ' => out.push('উ'),
            // The three sibilants, murdhanya na, and nga as anusvara.
            'শ' | 'ষ' => out.push('স'),
            'ণ' => out.push('ন'),
            'ঙ' => out.push('ং'),
            // Khanda ta is ta with a virama (উৎসব = উত্‍সব once the joiner is gone).
            'ৎ' => out.push_str("ত\u{09CD}"),
            // ড়/ঢ় as র; ksha (ক্ষ) as kha.
            'ড' | 'ঢ' if next == Some(NUKTA) => {
                out.push('র');
                i += 1;
            }
            'ক' if next == Some('\u{09CD}') && chars.get(i + 2) == Some(&'ষ') => {
                out.push('খ');
                i += 2;
            }
            // Other nukta forms keep theirs (য়); a stray nukta goes.
            NUKTA if !matches!(out.chars().last(), Some('য')) => {}
            other => out.push(other),
        }
        i += 1;
    }
    out
}

fn fold_yya(word: &str) -> String {
    word.replace("য\u{09BC}", "য")
}

/// Bangla endings (after light folding), longest first: plural and classifier markers, case
/// endings, locative. A word keeps at least two letters.
const BANGLA_SUFFIXES: &[&str] = &[
    "গুলোতে",
    "গুলোর",
    "গুলোকে",
    "গুলিতে",
    "গুলির",
    "গুলো",
    "গুলি",
    "গুলা",
    "দেরকে",
    "দের",
    "টিতে",
    "টির",
    "টাতে",
    "টার",
    "খানা",
    "খানি",
    "েরা",
    "য\u{09BC}ের",
    "েতে",
    "টি",
    "টা",
    "রা",
    "কে",
    "তে",
    "ের",
    "য\u{09BC}",
    "র",
    "ে",
];

/// Arabic prefixes (the article with its particles) and suffixes, as in light stemming.
const ARABIC_PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];
const ARABIC_SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Removes inflection: Bangla case, plural and classifier endings (up to two, `আমগুলোর` → `আম`);
/// the Arabic article and common suffixes; English plurals (`mangoes` → `mango`, `saris` →
/// `sari`, `berries` → `berry`).
pub fn stem(word: &str, script: Script) -> String {
    let len = |s: &str| s.chars().count();
    match script {
        Script::Bangla => {
            let mut w = word.to_owned();
            for _ in 0..2 {
                let Some(rest) = BANGLA_SUFFIXES
                    .iter()
                    .filter_map(|s| w.strip_suffix(s))
                    .find(|rest| len(rest) >= 2 && !rest.ends_with('\u{09CD}'))
                else {
                    break;
                };
                w = rest.to_owned();
            }
            w
        }
        Script::Arabic => {
            let mut w = word;
            if let Some(rest) = ARABIC_PREFIXES
                .iter()
                .filter_map(|p| w.strip_prefix(p))
                .find(|rest| len(rest) >= 2)
            {
                w = rest;
            } else if let Some(rest) = w.strip_prefix('و').filter(|rest| len(rest) >= 3) {
                w = rest;
            }
            for _ in 0..2 {
                match ARABIC_SUFFIXES
                    .iter()
                    .filter_map(|s| w.strip_suffix(s))
                    .find(|rest| len(rest) >= 2)
                {
                    Some(rest) => w = rest,
                    None => break,
                }
            }
            w.to_owned()
        }
        Script::Latin => english_singular(word),
        Script::Other => word.to_owned(),
    }
}

/// The other ways to take one Bangla ending off (each followed by the usual stemming of what
/// is left), beside the longest-first reading [`stem`] makes.
fn bangla_readings(word: &str) -> Vec<String> {
    let len = |s: &str| s.chars().count();
    BANGLA_SUFFIXES
        .iter()
        .filter_map(|s| word.strip_suffix(s))
        .filter(|rest| len(rest) >= 2 && !rest.ends_with('\u{09CD}'))
        .map(|rest| {
            let once = stem(rest, Script::Bangla);
            // Stemming what is left goes at most one ending further.
            if len(&once) >= 2 {
                once
            } else {
                rest.to_owned()
            }
        })
        .collect()
}

fn english_singular(w: &str) -> String {
    if w.len() <= 3 || w.ends_with("ss") || w.ends_with("us") {
        return w.to_owned();
    }
    if let Some(rest) = w.strip_suffix("ies") {
        return format!("{rest}y");
    }
    for ending in ["oes", "ches", "shes", "xes", "sses"] {
        if let Some(rest) = w.strip_suffix(ending) {
            return format!("{rest}{}", &ending[..ending.len() - 2]);
        }
    }
    w.strip_suffix('s').unwrap_or(w).to_owned()
}

/// The transliteration key: the word's consonant sounds in broad classes (aspirated and plain
/// alike, the three sibilants alike, `ng`/ং alike), a leading vowel as `V`, other vowels,
/// `y`/`w`/য় and a nasal before a consonant left out, repeats merged. Bangla words and Bangla
/// written in Latin letters get the same key: মধু and modhu are `MD`, নকশী and nakshi `NKS`,
/// কাঁথা and kantha `KT`, ইলিশ and ilish `VLS`. Keys of one sound are too vague and are not made.
pub fn key(word: &str, script: Script) -> Option<String> {
    let sounds = match script {
        Script::Bangla => bangla_sounds(word),
        Script::Latin => latin_sounds(word),
        _ => return None,
    };
    let mut key = String::new();
    for s in sounds {
        if !key.ends_with(s) {
            key.push(s);
        }
    }
    (key.chars().count() >= 2).then_some(key)
}

fn bangla_sounds(word: &str) -> Vec<char> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let sound = match c {
            'অ' | 'আ' | 'ই' | 'ঈ' | 'উ' | 'ঊ' | 'ঋ' | 'এ' | 'ঐ' | 'ও' | 'ঔ' => {
                if i == 0 {
                    Some('V')
                } else {
                    None
                }
            }
            'ক' | 'খ' => Some('K'),
            'গ' | 'ঘ' | 'ং' | 'ঙ' => Some('G'),
            'চ' | 'ছ' => Some('C'),
            'জ' | 'ঝ' => Some('J'),
            // য is j at the start of a word and silent as a phala; য় (with nukta) is y.
            'য' => (i == 0 && next != Some(NUKTA)).then_some('J'),
            'ট' | 'ঠ' | 'ত' | 'থ' | 'ৎ' => Some('T'),
            'ড' | 'ঢ' if next == Some(NUKTA) => Some('R'),
            'ড' | 'ঢ' | 'দ' | 'ধ' => Some('D'),
            // A nasal before a virama (ন্ত, ঞ্চ) is left out, as in Latin spellings.
            'ন' | 'ণ' | 'ঞ' => (next != Some('\u{09CD}')).then_some('N'),
            'প' | 'ফ' => Some('P'),
            'ব' | 'ভ' => Some('B'),
            'ম' => Some('M'),
            'র' => Some('R'),
            'ল' => Some('L'),
            'শ' | 'ষ' | 'স' => Some('S'),
            'হ' => Some('H'),
            _ => None,
        };
        // ক্ষ sounds as kh: the ষ after ক্ is not a second sound.
        let after_k = i >= 2 && chars[i - 1] == '\u{09CD}' && chars[i - 2] == 'ক';
        if let Some(s) = sound.filter(|_| !(c == 'ষ' && after_k)) {
            out.push(s);
        }
    }
    out
}

fn latin_sounds(word: &str) -> Vec<char> {
    let b = word.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let two = |x: u8| next == Some(x);
        let (sound, step) = match c {
            _ if vowel(c) => (if i == 0 { Some('V') } else { None }, 1),
            b'k' | b'g' | b'c' | b'j' | b't' | b'd' | b'p' | b'b' | b's' | b'r' if two(b'h') => {
                let s = match c {
                    b'k' => 'K',
                    b'g' => 'G',
                    b'c' => 'C',
                    b'j' => 'J',
                    b't' => 'T',
                    b'd' => 'D',
                    b'p' => 'P',
                    b'b' => 'B',
                    b's' => 'S',
                    _ => 'R',
                };
                // `chh` is one sound.
                let step = if c == b'c' && b.get(i + 2) == Some(&b'h') {
                    3
                } else {
                    2
                };
                (Some(s), step)
            }
            b'n' if two(b'g') => (Some('G'), 2),
            // A nasal before a consonant (kantha, sonpapri) is the chandrabindu or a cluster.
            b'n' if next.is_some_and(|n| !vowel(n) && n != b'y') => (None, 1),
            b'k' | b'q' | b'c' => (Some('K'), 1),
            b'x' => (Some('K'), 1),
            b'g' => (Some('G'), 1),
            b'j' | b'z' => (Some('J'), 1),
            b't' => (Some('T'), 1),
            b'd' => (Some('D'), 1),
            b'n' => (Some('N'), 1),
            b'p' | b'f' => (Some('P'), 1),
            b'b' | b'v' => (Some('B'), 1),
            b'm' => (Some('M'), 1),
            b'r' => (Some('R'), 1),
            b'l' => (Some('L'), 1),
            b's' => (Some('S'), 1),
            // After a consonant an `h` only marks aspiration (Sylhet = সিলেট).
            b'h' if i > 0 && !vowel(b[i - 1]) => (None, 1),
            b'h' => (Some('H'), 1),
            _ => (None, 1),
        };
        if let Some(s) = sound {
            out.push(s);
        }
        i += step;
    }
    out
}

/// Whether a word is written in Latin letters (typo tolerance applies to those).
pub fn is_latin(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_alphabetic())
}

/// Prefixes of a word for search-as-you-type: from 2 characters up to 20 (code points, as people
/// type them).
pub fn prefixes(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (2..=chars.len().min(20))
        .map(|n| chars[..n].iter().collect())
        .collect()
}

#[cfg(test)]
#[path = "analyzer_tests.rs"]
mod tests;
