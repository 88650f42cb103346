//! Pictures for the demo's products, drawn rather than photographed: a motif by the kind of goods
//! (stripes for cloth, a jar for food, furrows for farm produce, a woven check for crafts) in
//! colours that differ from product to product, so a catalogue page looks like one.

use image::{DynamicImage, Rgb, RgbImage};

/// How many different pictures a motif comes in (8 colours, each with 3 companions).
pub const DISTINCT: usize = 24;

/// A 480 × 360 picture for a product of `top` (a top-level category) numbered `seed`.
pub fn picture(top: &str, seed: usize) -> DynamicImage {
    let palette: [[u8; 3]; 8] = [
        [176, 58, 46],
        [212, 140, 38],
        [36, 113, 163],
        [30, 132, 73],
        [125, 60, 152],
        [185, 119, 14],
        [23, 165, 137],
        [160, 64, 0],
    ];
    let a = palette[seed % palette.len()];
    let b = palette[(seed / 3 + 5) % palette.len()];
    let paper: [u8; 3] = [250, 246, 238];
    let mix = |c: [u8; 3], t: f32| {
        Rgb([0usize, 1, 2].map(|i| (f32::from(c[i]) * t + f32::from(paper[i]) * (1.0 - t)) as u8))
    };
    let (w, h) = (480u32, 360u32);
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let image = RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        match top {
            "textiles" => {
                let band = ((x + y) / 24) % 3;
                match band {
                    0 => mix(a, 0.9),
                    1 => mix(b, 0.7),
                    _ => mix(a, 0.25),
                }
            }
            "food" => {
                let (dx, dy) = ((fx - cx) / 110.0, (fy - cy - 20.0) / 130.0);
                let lid = (fy - 70.0).abs() < 18.0 && (fx - cx).abs() < 80.0;
                if lid {
                    mix(b, 0.9)
                } else if dx * dx + dy * dy < 1.0 {
                    mix(a, 0.85 - 0.3 * dy.max(0.0))
                } else {
                    mix(b, 0.12)
                }
            }
            "produce" | "agri-inputs" => {
                let sky = fy < 120.0 + 10.0 * (fx / 60.0).sin();
                if sky {
                    mix([120, 180, 220], 0.5)
                } else if (((fy - 120.0) / 20.0) as u32).is_multiple_of(2) {
                    mix(a, 0.8)
                } else {
                    mix(b, 0.6)
                }
            }
            _ => {
                let check = ((x / 30) + (y / 30)).is_multiple_of(2);
                let weave = (x % 30 < 4) || (y % 30 < 4);
                if weave {
                    mix(b, 0.9)
                } else if check {
                    mix(a, 0.75)
                } else {
                    mix(a, 0.35)
                }
            }
        }
    });
    DynamicImage::ImageRgb8(image)
}
