//! The composition root: which modules this build of shetu has, and how a node starts. The
//! binary (`src/main.rs`) and the test kit both build the platform from [`modules`].

pub mod config;
pub mod run;

use shetu_web::Modules;
use std::sync::Arc;

/// The node's memory allocator: mimalloc returns freed memory to the system within moments, where
/// the C library's allocator kept what a burst of work (the taxonomy import at first start, the
/// search index's build, sign-ins) had used for the life of the process. See ADR 23.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
