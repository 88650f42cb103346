//! The shipped category tree and units, suited to what rural producers sell. Each category's
//! label is the message `commerce-cat-<id>`; each unit's `commerce-unit-<id>`.

/// A category: its id and its parent's (`None` at the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// Stable id, used in URLs and the API (`honey`).
    pub id: &'static str,
    /// The category above it.
    pub parent: Option<&'static str>,
}

const fn top(id: &'static str) -> Category {
    Category { id, parent: None }
}

const fn under(parent: &'static str, id: &'static str) -> Category {
    Category {
        id,
        parent: Some(parent),
    }
}

/// Every category, tops first, each followed by what is under it.
pub const CATEGORIES: &[Category] = &[
    top("textiles"),
    under("textiles", "jamdani"),
    under("textiles", "nakshi-kantha"),
    under("textiles", "handloom-saree"),
    under("textiles", "gamchha-lungi"),
    top("handicrafts"),
    under("handicrafts", "pottery"),
    under("handicrafts", "bamboo-cane"),
    under("handicrafts", "jute-goods"),
    under("handicrafts", "wood-craft"),
    top("food"),
    under("food", "honey"),
    under("food", "rice"),
    under("food", "fruit"),
    under("food", "dried-fish"),
    under("food", "spices"),
    under("food", "sweets-snacks"),
    under("food", "dairy-ghee"),
    under("food", "oil"),
    top("produce"),
    under("produce", "vegetables"),
    under("produce", "pulses-grain"),
    under("produce", "livestock-poultry"),
    top("agri-inputs"),
    under("agri-inputs", "seeds"),
    under("agri-inputs", "organic-fertiliser"),
    under("agri-inputs", "tools"),
];

/// The category with this id.
pub fn category(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

/// The path from the top to `id` (for the search index's category facet).
pub fn category_path(id: &str) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = category(id);
    while let Some(c) = at {
        path.push(c.id.to_owned());
        at = c.parent.and_then(category);
    }
    path.reverse();
    path
}

/// Categories directly under `parent` (`None`: the tops).
pub fn children(parent: Option<&str>) -> impl Iterator<Item = &'static Category> + '_ {
    CATEGORIES.iter().filter(move |c| c.parent == parent)
}

/// Units a product is sold by.
pub const UNITS: &[&str] = &[
    "piece", "kg", "gram", "dozen", "litre", "metre", "pair", "set", "maund",
];

/// Kinds of shop.
pub const SHOP_KINDS: &[&str] = &["shop", "farmer", "wholesaler"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parent_is_a_top_category_and_ids_are_unique() {
        for c in CATEGORIES {
            if let Some(p) = c.parent {
                assert_eq!(category(p).map(|p| p.parent), Some(None), "{}", c.id);
            }
            assert_eq!(CATEGORIES.iter().filter(|d| d.id == c.id).count(), 1);
        }
        assert_eq!(category_path("honey"), vec!["food", "honey"]);
        assert_eq!(category_path("food"), vec!["food"]);
        assert!(category_path("nothing").is_empty());
    }
}
