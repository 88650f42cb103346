//! The module's configuration (`[modules.commerce]` in `shetu.toml`) and what it builds: the
//! payment provider and, on a demonstration node, the mobile-money sandbox.
//!
//! ```toml
//! [modules.commerce.mobile_money]
//! url = "https://pay.example.com/merchant-api"   # the provider's API
//! merchant_key = "…"
//! secret = "…"                                    # signs its callbacks
//! # or, on a staging node: sandbox = true          # the sandbox under /sandbox/momo
//! ```
//!
//! Without that section mobile money is offered only on a demonstration node (with the sandbox);
//! a production node without a provider offers cash on delivery alone.

use crate::payments::sandbox::{self, Sandbox};
use crate::payments::{HttpMobileMoney, PaymentProvider};
use crate::photos::PhotoStore;
use shetu_web::seam::Node;
use std::path::PathBuf;
use std::sync::Arc;

/// What the module runs with.
#[derive(Clone)]
pub struct Settings {
    /// Where people and providers reach the node.
    pub public_url: String,
    /// Where the node keeps files.
    pub data_dir: PathBuf,
    /// The mobile-money provider, if mobile money is offered.
    pub mobile_money: Option<Arc<dyn PaymentProvider>>,
    /// The sandbox this node serves, if any.
    pub sandbox: Option<Arc<Sandbox>>,
    /// Where product photos are kept.
    pub photos: PhotoStore,
    /// The courier shops hand parcels to, if any.
    pub courier: Option<Arc<dyn crate::courier::Courier>>,
    /// The sandbox courier this node serves, if any.
    pub courier_sandbox: Option<Arc<crate::courier_sandbox::SandboxCourier>>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("public_url", &self.public_url)
            .field("data_dir", &self.data_dir)
            .field(
                "mobile_money",
                &self.mobile_money.as_ref().map(|p| p.name()),
            )
            .field("sandbox", &self.sandbox.is_some())
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            public_url: "http://127.0.0.1:8080".into(),
            data_dir: PathBuf::from("shetu-data"),
            mobile_money: None,
            sandbox: None,
            photos: PhotoStore::new(std::path::Path::new("shetu-data")),
            courier: None,
            courier_sandbox: None,
        }
    }
}

fn text(table: &toml::Value, key: &str) -> Result<Option<String>, String> {
    match table.get(key) {
        None => Ok(None),
        Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
        Some(_) => Err(format!("mobile_money.{key}: expected a non-empty text")),
    }
}

/// `[modules.commerce.photos]`: `store = "folder"` (the default, `<data_dir>/photos`) or
/// `store = "s3"` with `endpoint`, `bucket`, `region`, `access_key` and `secret_key`.
fn photo_store(table: &toml::Value, node: &Node) -> Result<PhotoStore, String> {
    let field = |key: &str| -> Result<Option<String>, String> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
            Some(_) => Err(format!("photos.{key}: expected a non-empty text")),
        }
    };
    if let Some(unknown) = table.as_table().and_then(|t| {
        t.keys().find(|k| {
            ![
                "store",
                "endpoint",
                "bucket",
                "region",
                "access_key",
                "secret_key",
            ]
            .contains(&k.as_str())
        })
    }) {
        return Err(format!("photos.{unknown}: no such setting"));
    }
    match field("store")?.as_deref() {
        None | Some("folder") => Ok(PhotoStore::new(&node.data_dir)),
        Some("s3") => {
            let need = |key: &str| {
                field(key)?.ok_or_else(|| format!("photos.{key}: needed when store = \"s3\""))
            };
            PhotoStore::s3(&crate::photos::S3Settings {
                endpoint: need("endpoint")?,
                bucket: need("bucket")?,
                region: field("region")?.unwrap_or_else(|| "us-east-1".into()),
                access_key: need("access_key")?,
                secret_key: need("secret_key")?,
            })
        }
        Some(other) => Err(format!(
            "photos.store: {other}: expected \"folder\" or \"s3\""
        )),
    }
}

impl Settings {
    /// Reads `[modules.commerce]` for a node.
    pub fn read(section: Option<&toml::Value>, node: &Node) -> Result<Settings, String> {
        let mut settings = Settings {
            public_url: node.public_url.clone(),
            data_dir: node.data_dir.clone(),
            photos: PhotoStore::new(&node.data_dir),
            ..Settings::default()
        };
        let momo = section.and_then(|s| s.get("mobile_money"));
        if let Some(unknown) = section.and_then(toml::Value::as_table).and_then(|t| {
            t.keys()
                .find(|k| !["mobile_money", "courier", "photos"].contains(&k.as_str()))
        }) {
            return Err(format!(
                "{unknown}: no such setting (there are: mobile_money, courier, photos)"
            ));
        }
        if let Some(photos) = section.and_then(|s| s.get("photos")) {
            settings.photos = photo_store(photos, node)?;
        }
        let courier = section.and_then(|s| s.get("courier"));
        match courier.map(|c| (text(c, "url"), text(c, "key"), text(c, "secret"))) {
            Some((Ok(Some(url)), Ok(Some(key)), Ok(Some(secret)))) => {
                settings.courier = Some(Arc::new(crate::courier::HttpCourier {
                    url: url.trim_end_matches('/').to_owned(),
                    key,
                    secret,
                    client: shetu_web::outbound::client(),
                }));
            }
            Some(_) => return Err("courier: needs url, key and secret".into()),
            None if node.demo => {
                settings.courier_sandbox = Some(crate::courier_sandbox::SandboxCourier::new());
                settings.courier = Some(Arc::new(crate::courier::HttpCourier {
                    url: format!("{}{}", node.public_url, crate::courier_sandbox::PATH),
                    key: crate::courier_sandbox::KEY.into(),
                    secret: crate::courier_sandbox::SECRET.into(),
                    client: shetu_web::outbound::client(),
                }));
            }
            None => {}
        }
        let wants_sandbox = match momo.and_then(|m| m.get("sandbox")) {
            None => momo.is_none() && node.demo,
            Some(toml::Value::Boolean(b)) => *b,
            Some(_) => return Err("mobile_money.sandbox: expected true or false".into()),
        };
        let url = momo.map(|m| text(m, "url")).transpose()?.flatten();
        match (url, wants_sandbox) {
            (Some(_), true) => {
                return Err(
                    "mobile_money: give either url (a real provider) or sandbox = true".into(),
                )
            }
            (Some(url), false) => {
                let table = momo.unwrap_or(&toml::Value::Boolean(false));
                let (Some(merchant_key), Some(secret)) =
                    (text(table, "merchant_key")?, text(table, "secret")?)
                else {
                    return Err(
                        "mobile_money: a provider's url needs merchant_key and secret".into(),
                    );
                };
                settings.mobile_money = Some(Arc::new(HttpMobileMoney {
                    url: url.trim_end_matches('/').to_owned(),
                    merchant_key,
                    secret,
                    client: shetu_web::outbound::client(),
                }));
            }
            (None, true) => {
                let base = format!("{}{}", node.public_url, sandbox::PATH);
                settings.sandbox = Some(Sandbox::new(base.clone()));
                settings.mobile_money = Some(Arc::new(HttpMobileMoney {
                    url: base,
                    merchant_key: sandbox::MERCHANT_KEY.into(),
                    secret: sandbox::SECRET.into(),
                    client: shetu_web::outbound::client(),
                }));
            }
            (None, false) => {}
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> Node {
        Node {
            public_url: "https://shetu.example".into(),
            data_dir: PathBuf::from("/srv/shetu"),
            demo: false,
        }
    }

    fn read(toml_text: &str) -> Result<Settings, String> {
        let section: toml::Value = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        Settings::read(Some(&section), &node())
    }

    #[test]
    fn the_photo_store_is_a_folder_or_a_bucket_and_mistakes_are_named() {
        let folder = read("").unwrap_or_else(|e| panic!("{e}"));
        assert!(format!("{:?}", folder.photos).contains("/srv/shetu/photos"));
        let bucket = read(
            "[photos]\nstore = \"s3\"\nendpoint = \"https://s3.example\"\nbucket = \"b\"\n\
             access_key = \"k\"\nsecret_key = \"never-printed\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let shown = format!("{:?}", bucket.photos);
        assert!(
            shown.contains("s3.example") && !shown.contains("never-printed"),
            "{shown}"
        );
        for (text, named) in [
            ("[photos]\nstore = \"s3\"\nbucket = \"b\"\naccess_key = \"k\"\nsecret_key = \"s\"\n", "photos.endpoint"),
            ("[photos]\nstore = \"ftp\"\n", "photos.store"),
            ("[photos]\nstore = \"s3\"\nendpoint = \"ftp://x\"\nbucket = \"b\"\naccess_key = \"k\"\nsecret_key = \"s\"\n", "photos.endpoint"),
            ("[photos]\nbuckt = \"b\"\n", "photos.buckt"),
        ] {
            let error = read(text).err().unwrap_or_default();
            assert!(error.contains(named), "{text}: {error}");
        }
    }
}
