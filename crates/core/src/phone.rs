//! Phone numbers: stored and compared in E.164 (`+8801711000000`), read the way people type them
//! (`01711-000000`, `০১৭১১০০০০০০`, `+880 1711 000000`), checked by the country pack's rules.

use crate::digits::fold_digits;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid E.164 phone number: `+`, a country calling code and the national number (at most 15
/// digits in all).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

/// Why a phone number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Not digits in a phone-number shape.
    #[error("not a phone number")]
    NotANumber,
    /// A number of another country.
    #[error("not a number of this country (expected +{expected})")]
    WrongCountry { expected: String },
    /// Too short or too long for this country.
    #[error("wrong number of digits for this country")]
    WrongLength,
    /// The number does not begin like a number this country accepts for this use.
    #[error("not a mobile number of this country")]
    NotMobile,
}

impl Phone {
    /// Checks an already international number (`+` and 8 to 15 digits, no leading zero).
    pub fn parse_e164(input: &str) -> Result<Phone, PhoneError> {
        let digits = input.strip_prefix('+').ok_or(PhoneError::NotANumber)?;
        let ok = (8..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0');
        if ok {
            Ok(Phone(input.to_owned()))
        } else {
            Err(PhoneError::NotANumber)
        }
    }

    /// The number in E.164.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.0)
    }
}

impl std::str::FromStr for Phone {
    type Err = PhoneError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phone::try_from(s.to_owned())
    }
}

crate::__sql_text_codec!(Phone);

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse_e164(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

/// A country's phone-number rules, from its pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneRules {
    /// Country calling code without `+`, e.g. `880`.
    pub calling_code: String,
    /// Trunk prefix dialled before national numbers, e.g. `0`.
    #[serde(default)]
    pub trunk_prefix: String,
    /// Allowed lengths of the national significant number (without the trunk prefix).
    pub national_lengths: Vec<usize>,
    /// Prefixes of mobile numbers (national significant number), e.g. `13`…`19` in Bangladesh.
    #[serde(default)]
    pub mobile_prefixes: Vec<String>,
    /// An example number in E.164, shown to people as a hint.
    pub example: String,
}

impl PhoneRules {
    /// Reads a mobile number as a person typed it, in any digits, with or without the country
    /// code or trunk prefix, and returns it in E.164.
    pub fn parse_mobile(&self, input: &str) -> Result<Phone, PhoneError> {
        let national = self.national_number(input)?;
        if !self.national_lengths.contains(&national.len()) {
            return Err(PhoneError::WrongLength);
        }
        if !self.mobile_prefixes.is_empty()
            && !self
                .mobile_prefixes
                .iter()
                .any(|p| national.starts_with(p.as_str()))
        {
            return Err(PhoneError::NotMobile);
        }
        Phone::parse_e164(&format!("+{}{}", self.calling_code, national))
    }

    fn national_number(&self, input: &str) -> Result<String, PhoneError> {
        let folded = fold_digits(input.trim());
        let mut compact = String::with_capacity(folded.len());
        for (i, c) in folded.chars().enumerate() {
            match c {
                '0'..='9' => compact.push(c),
                '+' if i == 0 => compact.push(c),
                ' ' | '-' | '.' | '(' | ')' | '\u{00A0}' => {}
                _ => return Err(PhoneError::NotANumber),
            }
        }
        if compact.len() < 4 || compact.len() > 20 {
            return Err(PhoneError::NotANumber);
        }
        let international = compact
            .strip_prefix('+')
            .or_else(|| compact.strip_prefix("00"))
            .map(str::to_owned);
        if let Some(intl) = international {
            return intl
                .strip_prefix(&self.calling_code)
                .map(str::to_owned)
                .ok_or_else(|| PhoneError::WrongCountry {
                    expected: self.calling_code.clone(),
                });
        }
        let longest = self.national_lengths.iter().max().copied().unwrap_or(0);
        if let Some(rest) = compact.strip_prefix(&self.calling_code) {
            if self.national_lengths.contains(&rest.len()) && compact.len() > longest {
                return Ok(rest.to_owned());
            }
        }
        if !self.trunk_prefix.is_empty() {
            if let Some(rest) = compact.strip_prefix(&self.trunk_prefix) {
                return Ok(rest.to_owned());
            }
        }
        Ok(compact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bd() -> PhoneRules {
        PhoneRules {
            calling_code: "880".into(),
            trunk_prefix: "0".into(),
            national_lengths: vec![10],
            mobile_prefixes: ["13", "14", "15", "16", "17", "18", "19"]
                .map(String::from)
                .to_vec(),
            example: "+8801711000000".into(),
        }
    }

    fn jo() -> PhoneRules {
        PhoneRules {
            calling_code: "962".into(),
            trunk_prefix: "0".into(),
            national_lengths: vec![9],
            mobile_prefixes: ["77", "78", "79"].map(String::from).to_vec(),
            example: "+962791234567".into(),
        }
    }

    #[test]
    fn reads_bangladeshi_mobiles_as_typed() {
        for typed in [
            "01711000000",
            "+8801711000000",
            "8801711000000",
            "০১৭১১০০০০০০",
            "+880 1711-000000",
            "008801711000000",
        ] {
            assert_eq!(
                bd().parse_mobile(typed).map(|p| p.to_string()),
                Ok("+8801711000000".into()),
                "{typed}"
            );
        }
        assert_eq!(
            bd().parse_mobile("0171100000"),
            Err(PhoneError::WrongLength)
        );
        assert_eq!(bd().parse_mobile("01211000000"), Err(PhoneError::NotMobile));
        assert!(matches!(
            bd().parse_mobile("+962791234567"),
            Err(PhoneError::WrongCountry { .. })
        ));
        assert_eq!(
            bd().parse_mobile("01711x00000"),
            Err(PhoneError::NotANumber)
        );
        assert_eq!(bd().parse_mobile(""), Err(PhoneError::NotANumber));
    }

    #[test]
    fn reads_jordanian_mobiles() {
        assert_eq!(
            jo().parse_mobile("٠٧٩١٢٣٤٥٦٧").map(|p| p.to_string()),
            Ok("+962791234567".into())
        );
        assert_eq!(
            jo().parse_mobile("0791234567").map(|p| p.to_string()),
            Ok("+962791234567".into())
        );
        assert_eq!(jo().parse_mobile("0612345678"), Err(PhoneError::NotMobile));
    }

    #[test]
    fn e164_shape() {
        assert!(Phone::parse_e164("+8801711000000").is_ok());
        assert!(Phone::parse_e164("8801711000000").is_err());
        assert!(Phone::parse_e164("+0123456789").is_err());
        assert!(Phone::parse_e164("+1234567890123456").is_err());
    }
}
