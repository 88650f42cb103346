//! The shetu analyzer as a tantivy tokenizer.

use crate::analyzer;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The analyzer as a tantivy tokenizer (`prefixes`: emit every word's prefixes too).
#[derive(Clone, Default)]
pub(crate) struct ShetuTokenizer {
    pub(crate) prefixes: bool,
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
        for (position, word) in analyzer::words(text).into_iter().enumerate() {
            let forms = if self.prefixes {
                analyzer::prefixes(&word)
            } else {
                vec![word]
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
