//! Configuration: defaults, then `shetu.toml`, then `SHETU_*` environment variables, then flags.
//! Every error names the setting and says what is wrong.

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use shetu_pack::Pack;
use std::net::SocketAddr;
use std::path::Path;

/// The settings `shetu serve`, `migrate` and `worker` run with.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Where people, partners and providers reach this deployment (default `http://{listen}`).
    pub public_url: String,
    /// Where this node keeps files: uploaded photos and the like.
    pub data_dir: std::path::PathBuf,
    /// A demonstration (`shetu demo`): sandboxes for payments and couriers on by default.
    pub demo: bool,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Database pool size.
    pub db_max_connections: u32,
    /// Apply migrations when starting.
    pub migrate_on_start: bool,
    /// Country pack.
    pub pack: &'static Pack,
    /// Background job workers in this process (0: none).
    pub workers: u32,
    /// Mark cookies Secure (behind TLS).
    pub secure_cookies: bool,
    /// Read client addresses from X-Forwarded-For (behind a proxy).
    pub trust_proxy: bool,
    /// This node's search index folder (each node keeps its own).
    pub search_dir: std::path::PathBuf,
    /// Log filter, e.g. `info` or `shetu=debug,info`.
    pub log: String,
    /// Who runs this deployment (privacy notice, terms of use).
    pub operator_name: String,
    /// How people reach the operator about their data.
    pub operator_contact: String,
    /// SQLite durability (`full` unless an operator chooses `normal`).
    pub sqlite_synchronous: shetu_store::Synchronous,
    /// Modules to turn on (`None`: every compiled-in module).
    pub modules: Option<Vec<String>>,
    /// Each module's own section (`[modules.<name>]`).
    pub module_sections: Option<toml::Value>,
    /// The audit log's signing key (base64 Ed25519 seed), if given directly.
    pub audit_signing_key: Option<String>,
    /// Where the audit log's signing key is kept when not given directly (made on first start).
    pub audit_key_file: std::path::PathBuf,
    /// Public keys that signed earlier tree heads (after a key rotation).
    pub audit_previous_keys: Vec<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database_url", &redact_url(&self.database_url))
            .field("db_max_connections", &self.db_max_connections)
            .field("pack", &self.pack.code)
            .field("workers", &self.workers)
            .field("modules", &self.modules)
            .field(
                "audit_signing_key",
                &self.audit_signing_key.as_ref().map(|_| "(set)"),
            )
            .field("audit_key_file", &self.audit_key_file)
            .finish_non_exhaustive()
    }
}

/// A database URL fit to print: the password, if any, replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = rest
        .split_once('/')
        .map_or((rest, None), |(a, t)| (a, Some(t)));
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split_once(':').map_or(user_info, |(u, _)| u);
            if user_info.contains(':') {
                format!("{user}:***@{host}")
            } else {
                format!("{user}@{host}")
            }
        }
        None => authority.to_owned(),
    };
    // A password may also come as a query parameter.
    let tail = tail.map(|t| match t.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => kv.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => t.to_owned(),
    });
    match tail {
        Some(t) => format!("{scheme}://{authority}/{t}"),
        None => format!("{scheme}://{authority}"),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    public_url: Option<String>,
    data_dir: Option<String>,
    database_url: Option<String>,
    db_max_connections: Option<u32>,
    migrate_on_start: Option<bool>,
    pack: Option<String>,
    workers: Option<u32>,
    secure_cookies: Option<bool>,
    trust_proxy: Option<bool>,
    search_dir: Option<String>,
    log: Option<String>,
    modules: Option<toml::Value>,
    sqlite_synchronous: Option<String>,
    operator_name: Option<String>,
    operator_contact: Option<String>,
    audit_signing_key: Option<String>,
    audit_key_file: Option<String>,
    audit_previous_keys: Option<Vec<String>>,
}

/// The documented settings with their environment variables.
pub const SETTINGS: [(&str, &str); 18] = [
    ("public_url", "SHETU_PUBLIC_URL"),
    ("data_dir", "SHETU_DATA_DIR"),
    ("operator_name", "SHETU_OPERATOR_NAME"),
    ("operator_contact", "SHETU_OPERATOR_CONTACT"),
    ("sqlite_synchronous", "SHETU_SQLITE_SYNCHRONOUS"),
    ("modules", "SHETU_MODULES"),
    ("audit_signing_key", "SHETU_AUDIT_SIGNING_KEY"),
    ("audit_key_file", "SHETU_AUDIT_KEY_FILE"),
    ("search_dir", "SHETU_SEARCH_DIR"),
    ("trust_proxy", "SHETU_TRUST_PROXY"),
    ("listen", "SHETU_LISTEN"),
    ("database_url", "SHETU_DATABASE_URL"),
    ("db_max_connections", "SHETU_DB_MAX_CONNECTIONS"),
    ("migrate_on_start", "SHETU_MIGRATE_ON_START"),
    ("pack", "SHETU_PACK"),
    ("workers", "SHETU_WORKERS"),
    ("secure_cookies", "SHETU_SECURE_COOKIES"),
    ("log", "SHETU_LOG"),
];

impl Config {
    /// Reads the configuration file (if any) and the environment.
    pub fn load(path: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Result<Config> {
        let file = match path {
            Some(p) => Some(read_file(p)?),
            None if Path::new("shetu.toml").exists() => Some(read_file(Path::new("shetu.toml"))?),
            None => None,
        }
        .unwrap_or_default();
        let pick = |name: &str, from_file: Option<String>| -> Option<(String, String)> {
            let var = SETTINGS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, v)| v);
            env(var)
                .map(|v| (var.to_owned(), v))
                .or_else(|| from_file.map(|v| (format!("{name} in shetu.toml"), v)))
        };
        let listen = match pick("listen", file.listen) {
            Some((source, v)) => parse_addr(&source, &v)?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        let public_url = match pick("public_url", file.public_url) {
            Some((source, v)) => check_public_url(&source, &v)?,
            None => format!("http://{listen}"),
        };
        let data_dir =
            pick("data_dir", file.data_dir).map_or_else(|| "shetu-data".into(), |(_, v)| v.into());
        let database_url = match pick("database_url", file.database_url) {
            Some((source, v)) => check_url(&source, &v)?,
            None => "sqlite://shetu-data/shetu.db".to_owned(),
        };
        let db_max_connections = match pick(
            "db_max_connections",
            file.db_max_connections.map(|n| n.to_string()),
        ) {
            Some((source, v)) => parse_count(&source, &v, 1, 1000)?,
            None => 10,
        };
        let migrate_on_start = match pick(
            "migrate_on_start",
            file.migrate_on_start.map(|b| b.to_string()),
        ) {
            Some((source, v)) => parse_bool(&source, &v)?,
            None => true,
        };
        let pack_code =
            pick("pack", file.pack).unwrap_or_else(|| ("pack".to_owned(), "bd".to_owned()));
        let pack = Pack::built_in(&pack_code.1).map_err(|e| anyhow!("{}: {e}", pack_code.0))?;
        let workers = match pick("workers", file.workers.map(|n| n.to_string())) {
            Some((source, v)) => parse_count(&source, &v, 0, 64)?,
            None => 2,
        };
        let secure_cookies =
            match pick("secure_cookies", file.secure_cookies.map(|b| b.to_string())) {
                Some((source, v)) => parse_bool(&source, &v)?,
                None => false,
            };
        let trust_proxy = match pick("trust_proxy", file.trust_proxy.map(|b| b.to_string())) {
            Some((source, v)) => parse_bool(&source, &v)?,
            None => false,
        };
        let search_dir = pick("search_dir", file.search_dir)
            .map_or_else(|| "shetu-data/search".into(), |(_, v)| v.into());
        let log = pick("log", file.log).map_or_else(|| "info,tantivy=warn".to_owned(), |(_, v)| v);
        // `modules = ["people", …]` lists what to turn on; `[modules.<name>]` tables configure one.
        let (file_modules, module_sections) = match file.modules {
            None => (None, None),
            Some(toml::Value::Array(names)) => {
                let names = names
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| anyhow!("modules in shetu.toml: a list of module names, e.g. [\"people\", \"regions\"]"))?;
                (Some(names), None)
            }
            Some(toml::Value::Table(mut table)) => {
                let enabled = match table.remove("enabled") {
                    None => None,
                    Some(toml::Value::Array(names)) => Some(
                        names
                            .iter()
                            .map(|v| v.as_str().map(str::to_owned))
                            .collect::<Option<Vec<_>>>()
                            .ok_or_else(|| {
                                anyhow!("modules.enabled in shetu.toml: a list of module names")
                            })?,
                    ),
                    Some(_) => bail!("modules.enabled in shetu.toml: a list of module names"),
                };
                (enabled, Some(toml::Value::Table(table)))
            }
            Some(_) => bail!("modules in shetu.toml: a list of module names, or a [modules] table"),
        };
        let modules = match env("SHETU_MODULES") {
            Some(v) => Some(
                v.split(',')
                    .map(|m| m.trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .collect(),
            ),
            None => file_modules,
        };
        let sqlite_synchronous = match pick("sqlite_synchronous", file.sqlite_synchronous) {
            None => shetu_store::Synchronous::Full,
            Some((source, v)) => match v.trim().to_ascii_lowercase().as_str() {
                "full" => shetu_store::Synchronous::Full,
                "normal" => shetu_store::Synchronous::Normal,
                _ => bail!("{source}: `{v}` is not `full` or `normal`"),
            },
        };
        let operator_name = pick("operator_name", file.operator_name)
            .map(|(_, v)| v)
            .unwrap_or_default();
        let operator_contact = pick("operator_contact", file.operator_contact)
            .map(|(_, v)| v)
            .unwrap_or_default();
        let audit_signing_key = pick("audit_signing_key", file.audit_signing_key).map(|(_, v)| v);
        let audit_key_file = pick("audit_key_file", file.audit_key_file)
            .map_or_else(|| "shetu-data/audit-signing.key".into(), |(_, v)| v.into());
        Ok(Config {
            listen,
            public_url,
            data_dir,
            demo: false,
            database_url,
            db_max_connections,
            migrate_on_start,
            pack,
            workers,
            secure_cookies,
            trust_proxy,
            search_dir,
            log,
            sqlite_synchronous,
            operator_name,
            operator_contact,
            modules,
            module_sections,
            audit_signing_key,
            audit_key_file,
            audit_previous_keys: file.audit_previous_keys.unwrap_or_default(),
        })
    }
}

fn read_file(path: &Path) -> Result<FileConfig> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).map_err(|e| anyhow!("{}: {}", path.display(), e.message()))
}

/// An `http(s)://host[:port][/path]` address without a trailing slash, naming `source` on error.
pub fn check_public_url(source: &str, value: &str) -> Result<String> {
    let v = value.trim().trim_end_matches('/');
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(v.to_owned()),
        _ => bail!("{source}: `{value}` is not an address people can reach (expected http(s)://host, such as https://shetu.example.gov.bd)"),
    }
}

/// Parses a listen address, naming `source` on error.
pub fn parse_addr(source: &str, value: &str) -> Result<SocketAddr> {
    value
        .trim()
        .parse()
        .map_err(|_| anyhow!("{source}: `{value}` is not an address to listen on (expected host:port, such as 127.0.0.1:8080)"))
}

fn check_url(source: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.starts_with("sqlite://") || v.starts_with("postgres://") || v.starts_with("postgresql://")
    {
        Ok(v.to_owned())
    } else {
        bail!(
            "{source}: must start with sqlite:// or postgres:// (got `{}`)",
            v.chars().take(20).collect::<String>()
        )
    }
}

fn parse_count(source: &str, value: &str, min: u32, max: u32) -> Result<u32> {
    match shetu_core::parse_number::<u32>(value) {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ => bail!("{source}: `{value}` is not a whole number from {min} to {max}"),
    }
}

fn parse_bool(source: &str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => bail!("{source}: `{value}` is not true or false"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::load(None, &|k| vars.get(k).cloned())
    }

    #[test]
    fn defaults_serve_bangladesh_on_sqlite() {
        let c = load(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert!(c.database_url.starts_with("sqlite://"));
        assert_eq!(c.pack.code, "bd");
    }

    #[test]
    fn environment_overrides_and_errors_name_the_setting() {
        let c = load(&[
            ("SHETU_DATABASE_URL", "postgres://x@h/db"),
            ("SHETU_PACK", "jo"),
            ("SHETU_WORKERS", "৪"),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (c.database_url.as_str(), c.pack.code.as_str(), c.workers),
            ("postgres://x@h/db", "jo", 4)
        );
        let err = |vars: &[(&str, &str)]| {
            load(vars)
                .map(|_| ())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err(&[("SHETU_LISTEN", "nowhere")]).starts_with("SHETU_LISTEN: `nowhere`"));
        assert!(err(&[("SHETU_DATABASE_URL", "mysql://x")])
            .starts_with("SHETU_DATABASE_URL: must start"));
        assert!(err(&[("SHETU_PACK", "zz")]).starts_with("SHETU_PACK: unknown country pack"));
        assert!(
            err(&[("SHETU_DB_MAX_CONNECTIONS", "0")]).starts_with("SHETU_DB_MAX_CONNECTIONS: `0`")
        );
        assert!(err(&[("SHETU_MIGRATE_ON_START", "maybe")]).contains("not true or false"));
        assert!(err(&[("SHETU_SQLITE_SYNCHRONOUS", "off")])
            .starts_with("SHETU_SQLITE_SYNCHRONOUS: `off`"));
        assert_eq!(
            load(&[]).map(|c| c.sqlite_synchronous).ok(),
            Some(shetu_store::Synchronous::Full)
        );
    }

    #[test]
    fn database_passwords_never_print() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db.example:5432/shetu"),
            "postgres://app:***@db.example:5432/shetu"
        );
        assert_eq!(
            redact_url("postgres://app@db/shetu?password=s3cret&sslmode=require"),
            "postgres://app@db/shetu?password=***&sslmode=require"
        );
        assert_eq!(
            redact_url("sqlite://shetu-data/shetu.db"),
            "sqlite://shetu-data/shetu.db"
        );
        let mut c = load(&[("SHETU_DATABASE_URL", "postgres://app:s3cret@h/db")])
            .unwrap_or_else(|e| panic!("{e}"));
        c.audit_signing_key = Some("c2VjcmV0".into());
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("c2VjcmV0"),
            "{shown}"
        );
    }

    #[test]
    fn modules_are_chosen_by_file_or_environment() {
        let c = load(&[("SHETU_MODULES", "people, regions")]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            c.modules,
            Some(vec!["people".to_owned(), "regions".to_owned()])
        );
        let dir = std::env::temp_dir().join(format!("shetu-config-m-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("shetu.toml");
        std::fs::write(
            &path,
            "[modules]\nenabled = [\"people\"]\n[modules.people]\nx = 1\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let c = Config::load(Some(&path), &|_| None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.modules, Some(vec!["people".to_owned()]));
        assert!(c
            .module_sections
            .as_ref()
            .and_then(|s| s.get("people"))
            .is_some());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn file_settings_are_read_and_unknown_keys_refused() {
        let dir = std::env::temp_dir().join(format!("shetu-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("shetu.toml");
        std::fs::write(&path, "listen = \"0.0.0.0:9000\"\nworkers = 0\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let c = Config::load(Some(&path), &|_| None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((c.listen.port(), c.workers), (9000, 0));
        std::fs::write(&path, "lisen = \"0.0.0.0:9000\"\n").unwrap_or_else(|e| panic!("{e}"));
        let e = Config::load(Some(&path), &|_| None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("unknown field `lisen`"), "{e}");
        let _ = std::fs::remove_dir_all(dir);
    }
}
