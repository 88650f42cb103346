//! Criterion micro-benchmarks of the hot paths (`cargo bench -p shetu-bench`); the side-by-side
//! comparisons with peers are in the `shetu-bench` binary.

use criterion::{criterion_group, criterion_main, Criterion};
use shetu_match::topk::{Index, Item, Query};
use std::hint::black_box;

fn analyzer(c: &mut Criterion) {
    let text = "নকশী কাঁথা হাতে তৈরি, ক্ষুদ্র ও কুটির শিল্প — مَدْرَسَة Nakshi kantha ২৫ কেজি";
    c.bench_function("analyzer/words", |b| {
        b.iter(|| shetu_search::analyzer::words(black_box(text)))
    });
}

fn top_k(c: &mut Criterion) {
    let items: Vec<Item> = (0..20_000u32)
        .map(|i| Item {
            id: i,
            features: (0..8)
                .map(|j| ((i * 31 + j * 17) % 3000, 1 + (i + j) % 997))
                .collect(),
            required: Vec::new(),
            labels: Vec::new(),
        })
        .collect();
    let index = Index::new(items);
    let q = Query {
        features: (0..12).map(|j| (j * 97 % 3000, 10 + j)).collect(),
        ..Query::default()
    };
    c.bench_function("topk/maxscore_20k", |b| {
        b.iter(|| index.top_k(black_box(&q), 20))
    });
    c.bench_function("topk/brute_force_20k", |b| {
        b.iter(|| index.brute_force(black_box(&q), 20))
    });
}

criterion_group!(benches, analyzer, top_k);
criterion_main!(benches);
