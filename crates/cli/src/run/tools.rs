//! Operator commands: verify and integrate the audit log, create an administrator, rebuild the
//! search index.

use super::*;

/// `shetu audit verify`: recomputes the audit log's Merkle tree from the events and checks it
/// against every signed tree head; fails, naming what broke.
pub async fn audit_verify(config_path: Option<&Path>) -> Result<()> {
    let config = Config::load(config_path, &env)?;
    let signer = head_signer(&config)?;
    let keys = KeyRing::new(&signer, &config.audit_previous_keys).map_err(|e| anyhow!("{e}"))?;
    let db = Db::connect(&DbConfig::new(&config.database_url))
        .await
        .context("SHETU_DATABASE_URL: cannot open the database")?;
    let verdict = shetu_store::audit::verify(&db, &keys).await;
    let waiting = shetu_store::audit::waiting(&db).await;
    db.close().await;
    match verdict? {
        shetu_store::audit::Verdict::Intact {
            events,
            heads,
            root,
        } => {
            println!("audit log intact: {events} events in the tree, {heads} signed tree heads hold; root {root}");
            let waiting = waiting?;
            if waiting > 0 {
                println!("{waiting} events wait to be added to the tree (a running node adds them within seconds; `shetu audit integrate` does it now)");
            }
            Ok(())
        }
        shetu_store::audit::Verdict::Broken(problems) => Err(anyhow!(
            "audit log broken:\n  - {}",
            problems.join("\n  - ")
        )),
    }
}

/// `shetu audit integrate`: adds waiting events to the tree and signs a head now.
pub async fn audit_integrate(config_path: Option<&Path>) -> Result<()> {
    let config = Config::load(config_path, &env)?;
    let signer = head_signer(&config)?;
    let db = Db::connect(&DbConfig::new(&config.database_url))
        .await
        .context("SHETU_DATABASE_URL: cannot open the database")?;
    let mut added = 0;
    let mut size = 0;
    loop {
        let done = shetu_store::audit::integrate(&db, &signer, 1000).await?;
        added += done.events;
        size = done.tree_size.max(size);
        if done.events == 0 {
            break;
        }
    }
    db.close().await;
    println!(
        "{added} events added; the tree holds {size} events; signed with key {}",
        signer.key_id()
    );
    Ok(())
}

/// `shetu admin`: makes a person an administrator (the first one of a fresh installation).
pub async fn admin_create(config_path: Option<&Path>, name: &str, phone: &str) -> Result<()> {
    let config = Config::load(config_path, &env)?;
    let modules = configured_modules(&config)?;
    let db = open(&config, &modules).await?;
    let phone = config
        .pack
        .phone
        .parse_mobile(phone)
        .map_err(|e| anyhow!("--phone: {e}"))?;
    let person = match shetu_people::persons::by_phone(&db, &phone).await? {
        Some(p) => p,
        None => {
            let name = shetu_core::Text::parse(name, 120).map_err(|e| anyhow!("--name: {e}"))?;
            let new = shetu_people::persons::NewPerson {
                name,
                phone: phone.clone(),
                language: config.pack.default_language.clone(),
                home_region: None,
                password: None,
            };
            shetu_people::persons::create(&db, None, new, now_ms()).await?
        }
    };
    shetu_people::orgs::bootstrap_role(&db, person.id, shetu_people::Role::Admin, now_ms()).await?;
    println!("{} ({phone}) is an administrator; they set a password at /password with a code sent to their phone", person.name);
    db.close().await;
    Ok(())
}

/// Opens this node's search index (the feed writes it, the web handlers read it); `None`, with
/// the reason logged, when its folder cannot be used.
pub fn open_search(config: &Config) -> Option<Arc<shetu_search::TantivyIndex>> {
    match shetu_search::TantivyIndex::open(&config.search_dir) {
        Ok(index) => Some(Arc::new(
            index.with_synonyms(shetu_search::Synonyms::parse(&config.pack.synonyms)),
        )),
        Err(e) => {
            tracing::error!(error = %e, dir = %config.search_dir.display(), "search index unavailable");
            None
        }
    }
}

/// Keeps this node's search index fresh from the outbox until shutdown: a change is findable
/// within about half a second.
pub(super) async fn follow_feed(
    db: Db,
    modules: Modules,
    index: Arc<shetu_search::TantivyIndex>,
    mut stopped: watch::Receiver<bool>,
) {
    let sources = modules.search_sources();
    let index = &*index;
    // A new index, or one an older analyzer wrote, is built from the database first.
    if matches!(shetu_search::SearchBackend::position(index), Ok(None)) {
        match shetu_search::feed::rebuild(&db, index, &sources, |_, _, _| {}).await {
            Ok(done) => tracing::info!(documents = done, "search index rebuilt"),
            Err(e) => tracing::error!(error = %e, "search index could not be rebuilt"),
        }
    }
    while !*stopped.borrow() {
        if let Err(e) = shetu_search::feed::catch_up(&db, index, &sources).await {
            tracing::error!(error = %e, "search index could not follow the outbox");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(500)) => {}
            _ = stopped.changed() => {}
        }
    }
}

/// `shetu reindex`: rebuilds this node's search index from the database, with a progress bar.
pub async fn reindex(config_path: Option<&Path>) -> Result<()> {
    let config = Config::load(config_path, &env)?;
    init_logging(&config.log);
    let modules = configured_modules(&config)?;
    let db = open(&config, &modules).await?;
    let index = shetu_search::TantivyIndex::open(&config.search_dir)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let done = shetu_search::feed::rebuild(
        &db,
        &index,
        &modules.search_sources(),
        |source, done, total| {
            bar.set_message(source.to_owned());
            bar.set_length(total);
            bar.set_position(done);
        },
    )
    .await?;
    bar.finish();
    println!(
        "search index rebuilt in {}: {done} documents",
        config.search_dir.display()
    );
    db.close().await;
    Ok(())
}
