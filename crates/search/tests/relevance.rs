//! The judged relevance set: recall@10 and nDCG@10 of our search, overall and per case. The
//! floors are the figures reached (docs/benchmarks.md); a change that loses relevance fails.

use shetu_search::relevance::{self, ndcg_at, recall_at};
use shetu_search::{SearchBackend, SearchRequest, Synonyms, TantivyIndex};
use std::collections::BTreeMap;

#[test]
fn judged_queries_find_what_a_reader_expects() {
    let index = TantivyIndex::in_memory()
        .expect("index")
        .with_synonyms(Synonyms::parse(relevance::BD_SYNONYMS));
    index.add_new(&relevance::documents()).expect("add");
    index
        .commit(shetu_store::outbox::Position { txid: 0, seq: 1 })
        .expect("commit");
    let queries = relevance::queries();
    let mut by_case: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
    let (mut recall, mut ndcg) = (0.0, 0.0);
    let mut misses = Vec::new();
    for q in &queries {
        let found = index
            .search(&SearchRequest {
                text: q.query.clone(),
                limit: 10,
                skip_total: true,
                ..SearchRequest::default()
            })
            .expect("search");
        let ids: Vec<String> = found.hits.iter().map(|h| h.id.clone()).collect();
        let (r, n) = (
            recall_at(10, &ids, &q.relevant),
            ndcg_at(10, &ids, &q.relevant),
        );
        recall += r;
        ndcg += n;
        let case = by_case.entry(q.case.clone()).or_default();
        case.0 += r;
        case.1 += n;
        case.2 += 1;
        if r < 1.0 {
            misses.push(format!("{:.2} {} [{}]", r, q.query, q.case));
        }
    }
    let count = queries.len() as f64;
    let (recall, ndcg) = (recall / count, ndcg / count);
    for (case, (r, n, k)) in &by_case {
        eprintln!(
            "{case:<11} {k:>3} queries  recall@10 {:.3}  nDCG@10 {:.3}",
            r / *k as f64,
            n / *k as f64
        );
    }
    eprintln!(
        "all         {:>3} queries  recall@10 {recall:.3}  nDCG@10 {ndcg:.3}",
        queries.len()
    );
    eprintln!("below 1.0:\n  {}", misses.join("\n  "));
    // Reached: recall@10 0.959, nDCG@10 0.966 (226 queries over 524 items).
    assert!(recall >= 0.955, "recall@10 {recall:.3}");
    assert!(ndcg >= 0.96, "nDCG@10 {ndcg:.3}");
}

#[test]
fn typing_cha_shows_chal() {
    let index = TantivyIndex::in_memory().expect("index");
    index.add_new(&relevance::documents()).expect("add");
    index
        .commit(shetu_store::outbox::Position { txid: 0, seq: 1 })
        .expect("commit");
    let found = index
        .search(&SearchRequest {
            text: "চা".into(),
            limit: 200,
            skip_total: true,
            ..SearchRequest::default()
        })
        .expect("search");
    let titles: Vec<&str> = found.hits.iter().map(|h| h.title.as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("চাল")), "{titles:?}");
    // Whole-word matches (tea) come before completions.
    assert!(titles[0].split(' ').any(|w| w == "চা"), "{titles:?}");
}
