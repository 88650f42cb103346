//! The shetu analyzer as tantivy tokenizers, one per indexed form of a word.

use crate::analyzer;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Marks the as-written form of a word in the text fields, beside its stem.
pub(crate) const EXACT: char = '=';

/// Which forms of each word a field holds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Forms {
    /// The stem and, at the same position, the exact form marked with [`EXACT`].
    Text,
    /// Every prefix of the folded word (2 to 20 letters), for typing.
    Prefixes,
    /// Transliteration keys.
    Keys,
}

/// The analyzer as a tantivy tokenizer.
#[derive(Clone)]
pub(crate) struct ShetuTokenizer {
    pub(crate) forms: Forms,
}

pub(crate) struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for ShetuTokenizer {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let mut tokens = Vec::new();
        for (position, term) in analyzer::terms(text).into_iter().enumerate() {
            let forms = match self.forms {
                Forms::Text => {
                    let mut forms = term.stems;
                    forms.push(format!("{EXACT}{}", term.exact));
                    forms
                }
                Forms::Prefixes => analyzer::prefixes(&term.folded),
                Forms::Keys => term.keys,
            };
            for form in forms {
                tokens.push(Token {
                    offset_from: 0,
                    offset_to: text.len(),
                    position,
                    text: form,
                    position_length: 1,
                });
            }
        }
        Tokens { tokens, next: 0 }
    }
}
