//! The double-entry ledger. Every money movement is one transaction whose entries sum to zero
//! (debits positive, credits negative), in minor units of the pack's currency. Balances are
//! derived from entries, never stored.

use crate::error::CommerceError;
use shetu_store::{Db, Tx};

/// Cash a courier (or the shop delivering itself) collected on delivery and has not remitted.
pub const COD_HELD: &str = "cod:held";
/// Money buyers paid for orders not yet delivered (or delivered and not yet split).
pub const UNEARNED: &str = "orders:unearned";
/// Money owed back to buyers, until the provider has paid it out.
pub const REFUNDS_DUE: &str = "refunds:due";
/// The platform's fee income.
pub const PLATFORM_FEE: &str = "platform:fee";

/// Money held at a payment provider (e.g. `provider:sandbox`).
pub fn provider(name: &str) -> String {
    format!("provider:{name}")
}

/// What the platform owes a shop.
pub fn shop_payable(shop: &str) -> String {
    format!("shop:{shop}:payable")
}

/// What the platform owes an agent in commission.
pub fn agent_commission(agent: &str) -> String {
    format!("agent:{agent}:commission")
}

/// Fees the platform takes, in thousandths of the order's subtotal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// The platform's fee.
    pub fee_permille: i64,
    /// An agent's commission on an order they placed for someone.
    pub commission_permille: i64,
}

impl Default for Rates {
    fn default() -> Rates {
        Rates {
            fee_permille: 20,
            commission_permille: 10,
        }
    }
}

/// How an order's total divides once it is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// The platform's fee.
    pub fee: i64,
    /// The agent's commission (0 when no agent placed it).
    pub commission: i64,
    /// What the shop gets.
    pub shop: i64,
}

impl Rates {
    /// The split of `total` (rounded down in the shop's favour; never negative).
    pub fn split(&self, total: i64, with_agent: bool) -> Split {
        let part = |permille: i64| {
            i64::try_from(i128::from(total) * i128::from(permille.clamp(0, 1000)) / 1000)
                .unwrap_or(0)
        };
        let fee = part(self.fee_permille);
        let commission = if with_agent {
            part(self.commission_permille).min(total - fee)
        } else {
            0
        };
        Split {
            fee,
            commission,
            shop: total - fee - commission,
        }
    }
}

/// Entries of one transaction, merged by account and with zero lines dropped; refused unless
/// they balance.
pub fn entries(lines: &[(&str, i64)]) -> Result<Vec<(String, i64)>, Unbalanced> {
    let mut merged: Vec<(String, i64)> = Vec::new();
    let mut sum: i128 = 0;
    for (account, amount) in lines {
        sum += i128::from(*amount);
        match merged.iter_mut().find(|(a, _)| a == account) {
            Some((_, total)) => *total += amount,
            None => merged.push(((*account).to_owned(), *amount)),
        }
    }
    if sum != 0 {
        return Err(Unbalanced(sum));
    }
    merged.retain(|(_, amount)| *amount != 0);
    Ok(merged)
}

/// A transaction whose entries do not sum to zero (a bug, never a user's mistake).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("ledger transaction does not balance: off by {0}")]
pub struct Unbalanced(pub i128);

/// Records one balanced transaction in the caller's database transaction.
pub async fn post(
    tx: &mut Tx,
    kind: &str,
    order: Option<&str>,
    lines: &[(&str, i64)],
    now: i64,
) -> Result<(), CommerceError> {
    let merged = entries(lines)
        .map_err(|e| CommerceError::Store(shetu_store::StoreError::Corrupt(e.to_string())))?;
    if merged.is_empty() {
        return Ok(());
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO ledger_txn (id, kind, order_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&id)
        .bind(kind)
        .bind(order)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    for (account, amount) in &merged {
        sqlx::query("INSERT INTO ledger_entry (txn_id, account, amount_minor) VALUES ($1, $2, $3)")
            .bind(&id)
            .bind(account)
            .bind(amount)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// An account's balance (debits minus credits).
pub async fn balance(db: &Db, account: &str) -> Result<i64, CommerceError> {
    let sum: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM ledger_entry WHERE account = $1",
    )
    .bind(account)
    .fetch_one(db.pool())
    .await?;
    Ok(sum.unwrap_or(0))
}

/// Transactions whose entries do not sum to zero (there should be none).
pub async fn unbalanced(db: &Db) -> Result<Vec<String>, CommerceError> {
    Ok(sqlx::query_scalar(
        "SELECT txn_id FROM ledger_entry GROUP BY txn_id HAVING SUM(amount_minor) <> 0",
    )
    .fetch_all(db.pool())
    .await?)
}

/// How many transactions the ledger holds, and how many of them do not balance.
pub async fn summary(db: &Db) -> Result<(i64, i64), CommerceError> {
    let txns: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_txn")
        .fetch_one(db.pool())
        .await?;
    let off = i64::try_from(unbalanced(db).await?.len()).unwrap_or(i64::MAX);
    Ok((txns, off))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_split_never_creates_or_loses_money(
            total in 0i64..=i64::MAX / 2,
            fee in -5i64..1200,
            commission in -5i64..1200,
            agent: bool,
        ) {
            let rates = Rates { fee_permille: fee, commission_permille: commission };
            let s = rates.split(total, agent);
            prop_assert_eq!(s.fee + s.commission + s.shop, total);
            prop_assert!(s.fee >= 0 && s.commission >= 0 && s.shop >= 0);
            if !agent { prop_assert_eq!(s.commission, 0); }
            let lines = [
                (UNEARNED, total),
                ("shop:x:payable", -s.shop),
                (PLATFORM_FEE, -s.fee),
                ("agent:y:commission", -s.commission),
            ];
            prop_assert!(entries(&lines).is_ok());
        }

        #[test]
        fn entries_balance_or_are_refused(amounts in proptest::collection::vec(-1_000_000i64..1_000_000, 1..8)) {
            let names = ["a", "b", "c", "a"];
            let lines: Vec<(&str, i64)> = amounts.iter().enumerate().map(|(i, x)| (names[i % 4], *x)).collect();
            let sum: i64 = amounts.iter().sum();
            match entries(&lines) {
                Ok(merged) => {
                    prop_assert_eq!(sum, 0);
                    prop_assert_eq!(merged.iter().map(|(_, x)| x).sum::<i64>(), 0);
                    prop_assert!(merged.iter().all(|(_, x)| *x != 0));
                }
                Err(Unbalanced(off)) => prop_assert_eq!(off, i128::from(sum)),
            }
        }
    }
}
