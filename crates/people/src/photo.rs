//! Photos of signed paper forms: checked by what they contain (a JPEG, PNG or WebP image, not
//! whatever the file name or the browser says), decoded with limits, scaled down and re-encoded
//! as JPEG — which also drops every piece of metadata (location, camera, owner).

use crate::error::PeopleError;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Longest side kept, in pixels: enough to read a signature, small enough for a weak signal.
pub const MAX_SIDE: u32 = 1600;
/// Largest input accepted, in bytes.
pub const MAX_BYTES: usize = 900 * 1024;

/// The cleaned JPEG of `bytes`, or `not_an_image` / `too_large`.
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, PeopleError> {
    jpeg(&decode(bytes, MAX_BYTES)?, MAX_SIDE, 80)
}

/// The image in `bytes` (at most `max_bytes`), if its content is a JPEG, PNG or WebP image that
/// decodes within limits; `photo` is `not_an_image` or too long otherwise.
pub fn decode(bytes: &[u8], max_bytes: usize) -> Result<DynamicImage, PeopleError> {
    let not_image = || PeopleError::Invalid("photo", "not_an_image");
    if bytes.len() > max_bytes {
        return Err(PeopleError::TooLong {
            field: "photo",
            max: (max_bytes / 1024) as i64,
        });
    }
    let format = image::guess_format(bytes).map_err(|_| not_image())?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(not_image());
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(|_| not_image())
}

/// `image` scaled down to at most `max_side` pixels a side and encoded as JPEG (which keeps no
/// metadata).
pub fn jpeg(image: &DynamicImage, max_side: u32, quality: u8) -> Result<Vec<u8>, PeopleError> {
    let scaled;
    let image = if image.width().max(image.height()) > max_side {
        scaled = image.thumbnail(max_side, max_side);
        &scaled
    } else {
        image
    };
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    image
        .to_rgb8()
        .write_with_encoder(encoder)
        .map_err(|_| PeopleError::Invalid("photo", "not_an_image"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap_or_else(|e| panic!("{e}"));
        out
    }

    #[test]
    fn images_are_re_encoded_and_anything_else_is_refused() {
        let cleaned = clean(&png(40, 30)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image::guess_format(&cleaned).ok(), Some(ImageFormat::Jpeg));
        // A text file named .jpg, a truncated JPEG header, an SVG: refused.
        for bad in [
            &b"hello, this is not a photo"[..],
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0][..],
            &b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..],
        ] {
            assert!(matches!(
                clean(bad),
                Err(PeopleError::Invalid("photo", "not_an_image"))
            ));
        }
        assert!(matches!(
            clean(&vec![0u8; MAX_BYTES + 1]),
            Err(PeopleError::TooLong { .. })
        ));
    }

    #[test]
    fn big_photos_are_scaled_down() {
        let cleaned = clean(&png(2400, 1200)).unwrap_or_else(|e| panic!("{e}"));
        let back = image::load_from_memory(&cleaned).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (1600, 800));
    }
}
