//! Order states and who may move an order from one to another.

use serde::{Deserialize, Serialize};

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Placed; an online payment is awaited (stock is reserved until it expires).
    Placed,
    /// Accepted: paid, or cash on delivery.
    Confirmed,
    /// Packed by the shop.
    Packed,
    /// Handed to the courier (or on its way to the digital centre).
    Shipped,
    /// In the buyer's hands.
    Delivered,
    /// Done: the return window has passed or the buyer accepted it.
    Completed,
    /// Cancelled before shipping; the stock went back.
    Cancelled,
    /// Sent back within the return window; the stock went back and the money too.
    Returned,
}

/// Every state, in the order an order passes through them.
pub const STATES: &[State] = &[
    State::Placed,
    State::Confirmed,
    State::Packed,
    State::Shipped,
    State::Delivered,
    State::Completed,
    State::Cancelled,
    State::Returned,
];

impl State {
    /// Its name in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Placed => "placed",
            State::Confirmed => "confirmed",
            State::Packed => "packed",
            State::Shipped => "shipped",
            State::Delivered => "delivered",
            State::Completed => "completed",
            State::Cancelled => "cancelled",
            State::Returned => "returned",
        }
    }

    /// The state with this name.
    pub fn parse(s: &str) -> Option<State> {
        STATES.iter().copied().find(|x| x.as_str() == s)
    }

    /// Whether nothing more can happen to the order.
    pub fn is_final(self) -> bool {
        matches!(self, State::Completed | State::Cancelled | State::Returned)
    }
}

/// Who is moving the order, as the order sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The person who buys (or an agent acting for them under a mandate).
    Buyer,
    /// The shop's owner (or an agent acting for them).
    Shop,
    /// The agent who placed the order at a digital centre (hands pickups over).
    Agent,
    /// A platform administrator.
    Admin,
    /// The platform itself: payments, expiries, the courier's signed callbacks.
    System,
}

/// Whether `party` may move an order from `from` to `to`.
pub fn allowed(from: State, to: State, party: Party) -> bool {
    use Party::*;
    use State::*;
    let who: &[Party] = match (from, to) {
        (Placed, Confirmed) => &[Shop, Admin, System],
        (Confirmed, Packed) | (Packed, Shipped) => &[Shop, Admin],
        (Shipped, Delivered) => &[Shop, Agent, Admin, System],
        (Delivered, Completed) => &[Buyer, Admin, System],
        (Placed | Confirmed | Packed, Cancelled) => &[Buyer, Shop, Agent, Admin, System],
        (Delivered, Returned) => &[Buyer, Agent, Admin],
        // A parcel that never arrived goes back to the shop (the courier returns it to the
        // sender): an administrator records it, usually deciding the buyer's report.
        (Shipped, Returned) => &[Admin],
        _ => &[],
    };
    who.contains(&party)
}

/// States an order in `from` may move to by `party` (for the buttons a page shows).
pub fn next(from: State, party: Party) -> Vec<State> {
    STATES
        .iter()
        .copied()
        .filter(|to| allowed(from, *to, party))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_states_lead_nowhere_and_nothing_skips_ahead() {
        let parties = [
            Party::Buyer,
            Party::Shop,
            Party::Agent,
            Party::Admin,
            Party::System,
        ];
        for from in STATES {
            for p in parties {
                if from.is_final() {
                    assert!(next(*from, p).is_empty(), "{from:?}");
                }
                assert!(!allowed(*from, *from, p));
            }
        }
        assert!(!allowed(State::Placed, State::Shipped, Party::Admin));
        assert!(!allowed(State::Shipped, State::Cancelled, Party::Buyer));
        assert!(allowed(State::Shipped, State::Returned, Party::Admin));
        assert!(!allowed(State::Shipped, State::Returned, Party::Buyer));
        assert!(!allowed(State::Confirmed, State::Packed, Party::Buyer));
        assert!(allowed(State::Confirmed, State::Cancelled, Party::Buyer));
        for s in STATES {
            assert_eq!(State::parse(s.as_str()), Some(*s));
        }
    }
}
