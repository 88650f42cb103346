//! Money: an integer count of a currency's minor units. Never a float, never rounded to two
//! decimals when the currency has three (JOD), never added across currencies.

use crate::digits::{fold_digits, localize_digits};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 currency and how many minor units it has (BDT 2, JOD 3).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
}

impl Currency {
    /// A currency from its three-letter code and number of minor-unit digits (0 to 4).
    pub fn new(code: &str, minor_units: u8) -> Result<Currency, MoneyError> {
        let bytes = code.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(MoneyError::BadCurrency(code.chars().take(8).collect()));
        }
        if minor_units > 4 {
            return Err(MoneyError::BadCurrency(code.to_owned()));
        }
        Ok(Currency {
            code: [bytes[0], bytes[1], bytes[2]],
            minor_units,
        })
    }

    /// The ISO 4217 code, e.g. `BDT`.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Digits after the decimal point (2 for BDT, 3 for JOD).
    pub fn minor_units(&self) -> u8 {
        self.minor_units
    }

    fn scale(&self) -> i64 {
        10i64.pow(u32::from(self.minor_units))
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.code(), self.minor_units)
    }
}

/// Why an amount of money could not be made or combined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a known ISO 4217 code.
    #[error("`{0}` is not a currency code")]
    BadCurrency(String),
    /// Not a number.
    #[error("`{0}` is not an amount of money")]
    NotAnAmount(String),
    /// More decimals than the currency has minor units.
    #[error("{currency} has {minor_units} decimal places; `{input}` has more")]
    TooManyDecimals {
        currency: String,
        minor_units: u8,
        input: String,
    },
    /// Two currencies in one sum.
    #[error("cannot combine {0} and {1}")]
    CurrencyMismatch(String, String),
    /// The amount does not fit.
    #[error("the amount is too large")]
    Overflow,
}

/// An amount of money: integer minor units plus its currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// `minor` units of `currency` (e.g. 1250 JOD-fils is 1.250 JOD).
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// The amount in minor units.
    pub fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Parses an amount as a person types it: `1,250.5`, `১২৫০.৫০`, `١٫٢٥٠`. Group separators
    /// (`,`) are ignored; more decimals than the currency allows is an error, never rounded.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, MoneyError> {
        let not_amount = || MoneyError::NotAnAmount(input.chars().take(40).collect());
        let folded: String = fold_digits(input.trim())
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let (negative, body) = match folded.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, folded.as_str()),
        };
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(not_amount());
        }
        if !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
        {
            return Err(not_amount());
        }
        let places = usize::from(currency.minor_units);
        if frac.len() > places {
            return Err(MoneyError::TooManyDecimals {
                currency: currency.code().to_owned(),
                minor_units: currency.minor_units,
                input: input.chars().take(40).collect(),
            });
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::Overflow)?
        };
        let frac_padded = format!("{frac:0<places$}");
        let frac: i64 = if places == 0 {
            0
        } else {
            frac_padded.parse().map_err(|_| not_amount())?
        };
        let minor = whole
            .checked_mul(currency.scale())
            .and_then(|w| w.checked_add(frac))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money {
            minor: if negative { -minor } else { minor },
            currency,
        })
    }

    /// The sum, if both are in the same currency and it fits.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..self })
    }

    /// The difference, if both are in the same currency and it fits.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_sub(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..self })
    }

    /// The amount times a whole quantity.
    pub fn checked_mul(self, quantity: i64) -> Result<Money, MoneyError> {
        let minor = self
            .minor
            .checked_mul(quantity)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..self })
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(
                self.currency.code().into(),
                other.currency.code().into(),
            ))
        }
    }

    /// The plain decimal amount with every minor digit, e.g. `1.250` for 1250 fils.
    pub fn decimal_string(&self) -> String {
        let places = usize::from(self.currency.minor_units);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let scale = self.currency.scale().unsigned_abs();
        if places == 0 {
            format!("{sign}{abs}")
        } else {
            format!("{sign}{}.{:0places$}", abs / scale, abs % scale)
        }
    }

    /// Formats the amount for people: grouping, symbol and digits as the pack and language say.
    pub fn format(&self, style: &MoneyFormat, lang: &str) -> String {
        let plain = self.decimal_string();
        let (sign, plain) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest.to_owned()),
            None => ("", plain),
        };
        let (whole, frac) = plain
            .split_once('.')
            .map_or((plain.as_str(), None), |(w, f)| (w, Some(f)));
        let mut out = String::from(sign);
        out.push_str(&group_digits(whole, style.grouping));
        if let Some(frac) = frac {
            out.push('.');
            out.push_str(frac);
        }
        let number = localize_digits(&out, lang);
        let gap = if style.symbol_space { "\u{00A0}" } else { "" };
        if style.symbol_first {
            format!("{}{gap}{number}", style.symbol)
        } else {
            format!("{number}{gap}{}", style.symbol)
        }
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.decimal_string(), self.currency.code())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.decimal_string(), self.currency.code())
    }
}

/// How digits of the whole part are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// 1,234,567 (thousands).
    #[default]
    Thousands,
    /// 12,34,567 (lakh and crore, as in Bangladesh).
    Lakh,
}

/// How a country writes amounts of money (from its pack).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyFormat {
    /// The symbol, e.g. `৳` or `د.أ.`.
    pub symbol: String,
    /// Whether the symbol comes before the number.
    #[serde(default)]
    pub symbol_first: bool,
    /// Whether a (non-breaking) space separates symbol and number.
    #[serde(default)]
    pub symbol_space: bool,
    /// Digit grouping of the whole part.
    #[serde(default)]
    pub grouping: Grouping,
}

fn group_digits(whole: &str, grouping: Grouping) -> String {
    let digits: Vec<char> = whole.chars().collect();
    let mut groups: Vec<String> = Vec::new();
    let mut end = digits.len();
    let mut size = 3;
    while end > 0 {
        let start = end.saturating_sub(size);
        groups.push(digits[start..end].iter().collect());
        end = start;
        if grouping == Grouping::Lakh {
            size = 2;
        }
    }
    groups.reverse();
    groups.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bdt() -> Currency {
        Currency::new("BDT", 2).unwrap_or_else(|e| panic!("{e}"))
    }
    fn jod() -> Currency {
        Currency::new("JOD", 3).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn keeps_three_minor_units_for_jod() {
        let m = Money::parse("1.25", jod()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.minor(), 1250);
        assert_eq!(m.decimal_string(), "1.250");
        assert_eq!(Money::parse("0.005", jod()).map(|m| m.minor()), Ok(5));
        assert!(matches!(
            Money::parse("0.005", bdt()),
            Err(MoneyError::TooManyDecimals { .. })
        ));
    }

    #[test]
    fn parses_bangla_and_arabic_amounts() {
        assert_eq!(
            Money::parse("১,২৫০.৫০", bdt()).map(|m| m.minor()),
            Ok(125_050)
        );
        assert_eq!(Money::parse("١٫٢٥٠", jod()).map(|m| m.minor()), Ok(1250));
        assert!(Money::parse("", bdt()).is_err());
        assert!(Money::parse("1.2.3", bdt()).is_err());
        assert!(Money::parse("abc", bdt()).is_err());
        assert_eq!(
            Money::parse("99999999999999999999", bdt()),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn refuses_to_mix_currencies() {
        let a = Money::from_minor(100, bdt());
        let b = Money::from_minor(100, jod());
        assert!(matches!(
            a.checked_add(b),
            Err(MoneyError::CurrencyMismatch(..))
        ));
        assert_eq!(a.checked_add(a).map(|m| m.minor()), Ok(200));
        assert_eq!(
            Money::from_minor(i64::MAX, bdt()).checked_add(a),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn formats_lakh_grouping_and_scripts() {
        let style = MoneyFormat {
            symbol: "৳".into(),
            symbol_first: true,
            symbol_space: false,
            grouping: Grouping::Lakh,
        };
        let m = Money::from_minor(123_456_789, bdt());
        assert_eq!(m.format(&style, "en"), "৳12,34,567.89");
        assert_eq!(m.format(&style, "bn"), "৳১২,৩৪,৫৬৭.৮৯");
        assert_eq!(Money::from_minor(-5, bdt()).format(&style, "en"), "৳-0.05");
    }

    #[test]
    fn formats_three_decimals_for_jordan() {
        let style = MoneyFormat {
            symbol: "د.أ.".into(),
            symbol_first: false,
            symbol_space: true,
            grouping: Grouping::Thousands,
        };
        let m = Money::from_minor(1_234_500, jod());
        assert_eq!(m.format(&style, "en"), "1,234.500\u{a0}د.أ.");
        assert_eq!(m.format(&style, "ar"), "١٬٢٣٤٫٥٠٠\u{a0}د.أ.");
    }

    proptest::proptest! {
        #[test]
        fn decimal_string_parses_back(minor in -1_000_000_000_000i64..1_000_000_000_000, units in 0u8..=4) {
            let c = Currency::new("XTS", units).unwrap_or_else(|e| panic!("{e}"));
            let m = Money::from_minor(minor, c);
            proptest::prop_assert_eq!(Money::parse(&m.decimal_string(), c), Ok(m));
        }
    }
}
