//! `shetu`: the one binary. `shetu demo` runs the whole platform on an SQLite file with demo data;
//! `shetu serve` runs it as configured; `shetu migrate` and `shetu worker` are for operators.

use shetu::run;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "shetu",
    version,
    about = "shetu (সেতু): assisted rural e-commerce, skills matchmaking and \
public-service innovation exchange on one platform."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole platform with demo data on an SQLite file (no setup needed).
    Demo {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Folder for the demo database (created if missing; reused on the next run).
        #[arg(long, default_value = "shetu-data")]
        data_dir: PathBuf,
        /// Country pack to seed: bd (Bangladesh) or jo (Jordan).
        #[arg(long, default_value = "bd")]
        pack: String,
        /// Seed and serve this database instead of the SQLite file (e.g. an empty PostgreSQL
        /// database, to try the demo on the production engine).
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Serve the platform as configured by shetu.toml and SHETU_* environment variables.
    Serve {
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Address to listen on (overrides the configuration).
        #[arg(long)]
        listen: Option<String>,
    },
    /// Apply database migrations and seed the country pack's reference data, then exit.
    Migrate {
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run background jobs only (for nodes that serve no web traffic).
    Worker {
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Rebuild this node's search index from the database (with a progress bar).
    Reindex {
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Load reference data from files (e.g. `shetu import taxonomy data/taxonomy`), with a
    /// progress bar. Importing the same files again changes nothing.
    Import {
        /// What to import: `taxonomy` (skills and occupations, Tabiya/ESCO CSV files).
        what: String,
        /// The folder with the files.
        dir: PathBuf,
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Check the audit trail: re-walk the hash chain; exits non-zero naming the first broken event.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Make a person an administrator (the first one of a new installation).
    Admin {
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Their name (if they are not registered yet).
        #[arg(long)]
        name: String,
        /// Their mobile number.
        #[arg(long)]
        phone: String,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Add the events that wait to the Merkle tree and sign a new tree head now (a running node
    /// does this by itself about every second).
    Integrate {
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Recompute the audit log's Merkle tree and check it against every signed tree head;
    /// name every altered, inserted, deleted, reordered or truncated event.
    Verify {
        /// Configuration file (default: ./shetu.toml if it exists).
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("shetu: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Demo {
                listen,
                data_dir,
                pack,
                database_url,
            } => run::demo(&listen, &data_dir, &pack, database_url).await,
            Command::Serve { config, listen } => {
                run::serve(config.as_deref(), listen.as_deref()).await
            }
            Command::Migrate { config } => run::migrate(config.as_deref()).await,
            Command::Worker { config } => run::worker(config.as_deref()).await,
            Command::Reindex { config } => run::reindex(config.as_deref()).await,
            Command::Import { what, dir, config } => {
                run::import(config.as_deref(), &what, &dir).await
            }
            Command::Admin {
                config,
                name,
                phone,
            } => run::admin_create(config.as_deref(), &name, &phone).await,
            Command::Audit {
                action: AuditAction::Verify { config },
            } => run::audit_verify(config.as_deref()).await,
            Command::Audit {
                action: AuditAction::Integrate { config },
            } => run::audit_integrate(config.as_deref()).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shetu: {e:#}");
            ExitCode::FAILURE
        }
    }
}
