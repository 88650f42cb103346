//! Configuration: defaults, then `shetu.toml`, then `SHETU_*` environment variables, then flags.
//! Every error names the setting and says what is wrong.

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use shetu_pack::Pack;
use std::net::SocketAddr;
use std::path::Path;

/// The settings `shetu serve`, `migrate` and `worker` run with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    database_url: Option<String>,
    db_max_connections: Option<u32>,
    migrate_on_start: Option<bool>,
    pack: Option<String>,
    workers: Option<u32>,
    secure_cookies: Option<bool>,
    trust_proxy: Option<bool>,
    search_dir: Option<String>,
    log: Option<String>,
}

/// The documented settings with their environment variables.
pub const SETTINGS: [(&str, &str); 10] = [
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
        Ok(Config {
            listen,
            database_url,
            db_max_connections,
            migrate_on_start,
            pack,
            workers,
            secure_cookies,
            trust_proxy,
            search_dir,
            log,
        })
    }
}

fn read_file(path: &Path) -> Result<FileConfig> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).map_err(|e| anyhow!("{}: {}", path.display(), e.message()))
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
