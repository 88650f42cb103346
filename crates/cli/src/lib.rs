//! The composition root: which modules this build of shetu has, and how a node starts. The
//! binary (`src/main.rs`) and the test kit both build the platform from [`modules`].

pub mod config;
pub mod run;

use shetu_web::Modules;
use std::sync::Arc;

/// Every module compiled into this build, in the order their pages and seeds come.
pub fn modules() -> Modules {
    Modules::new(vec![
        Arc::new(shetu_people::web::People::default()),
        Arc::new(shetu_commons::Regions),
        Arc::new(shetu_commons::Feedback),
        Arc::new(shetu_commerce::web::Commerce::default()),
        Arc::new(shetu_skills::web::Skills::default()),
        Arc::new(shetu_exchange::web::Exchange::default()),
    ])
}
