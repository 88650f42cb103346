//! Front-end files embedded in the binary and served by shetu itself (no CDN).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

struct Asset {
    path: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        path: "shetu.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../static/shetu.css"),
    },
    Asset {
        path: "favicon.svg",
        mime: "image/svg+xml",
        body: include_bytes!("../static/favicon.svg"),
    },
    Asset {
        path: "vendor/htmx/htmx.min.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/vendor/htmx/htmx.min.js"),
    },
    Asset {
        path: "vendor/htmx/LICENSE",
        mime: "text/plain; charset=utf-8",
        body: include_bytes!("../static/vendor/htmx/LICENSE"),
    },
    Asset {
        path: "vendor/swagger-ui/swagger-ui-bundle.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/vendor/swagger-ui/swagger-ui-bundle.js"),
    },
    Asset {
        path: "vendor/swagger-ui/swagger-ui.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../static/vendor/swagger-ui/swagger-ui.css"),
    },
    Asset {
        path: "vendor/swagger-ui/LICENSE",
        mime: "text/plain; charset=utf-8",
        body: include_bytes!("../static/vendor/swagger-ui/LICENSE"),
    },
    Asset {
        path: "explorer.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/explorer.js"),
    },
];

/// Serves an embedded file; a day of browser caching (names change when contents do not, so
/// keep it short).
pub async fn serve(Path(path): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.path == path) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.mime),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            asset.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Browsers ask for `/favicon.ico` on pages that name no icon.
pub async fn favicon() -> Response {
    serve(Path("favicon.svg".to_owned())).await
}
