//! The type the tutor writes with. egui's four default fonts whole were
//! 1.4 MB of the web module; the tutor needs one face and a few symbols.
//! Ubuntu Light (egui's own text face, from `epaint_default_fonts`, whole
//! and unchanged: every Latin, Greek and Cyrillic letter a coach may type
//! into a drill or a class plan) and, for the symbols on the buttons,
//! three small subsets of egui's other default fonts, in `src/ui/fonts/`,
//! made by `scripts/fonts.sh` (their licences allow subsets: OFL-1.1 for
//! Noto Emoji, MIT for emoji-icon-font, MIT and the Bitstream Vera licence
//! for Hack; the texts are in THIRD-PARTY-LICENSES.txt).

use bevy::prelude::*;
use bevy_egui::{EguiContext, egui};
use std::sync::Arc;

/// Every symbol the tutor writes outside Ubuntu Light's letters: what
/// `scripts/fonts.sh` keeps of the three symbol fonts. A test checks that
/// every character in `src/` and `assets/` has a glyph.
pub const SYMBOLS: &str = "▶◀⚠✋✔✖⏭⏮⏱⏸★☰↻←↑→↓↶";

/// The faces, in the order egui looks for a glyph: the text face first,
/// then the symbols, each with the scale egui's defaults give its source.
const FACES: [(&str, &[u8], f32); 4] = [
    ("Ubuntu-Light", epaint_default_fonts::UBUNTU_LIGHT, 1.0),
    (
        "noto-emoji-symbols",
        include_bytes!("fonts/noto-emoji-symbols.ttf"),
        0.81,
    ),
    (
        "emoji-icon-symbols",
        include_bytes!("fonts/emoji-icon-symbols.ttf"),
        0.90,
    ),
    ("hack-arrows", include_bytes!("fonts/hack-arrows.ttf"), 1.0),
];

/// The fonts as egui takes them.
pub fn definitions() -> egui::FontDefinitions {
    let mut defs = egui::FontDefinitions::empty();
    for (name, bytes, scale) in FACES {
        let data = egui::FontData::from_static(bytes).tweak(egui::FontTweak {
            scale,
            ..Default::default()
        });
        defs.font_data.insert(name.to_string(), Arc::new(data));
    }
    let order: Vec<String> = FACES.iter().map(|(name, ..)| name.to_string()).collect();
    // Nothing in the tutor is set in a fixed-width face; egui's own
    // widgets that ask for one get the same letters.
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        defs.families.insert(family, order.clone());
    }
    defs
}

/// A new egui context gets the fonts before its first pass begins, so the
/// first frame's glyphs are drawn from them.
pub(super) fn install(mut contexts: Query<&mut EguiContext, Added<EguiContext>>) {
    for mut ctx in &mut contexts {
        ctx.get_mut().set_fonts(definitions());
    }
}

/// An egui context with the tutor's fonts, for tests that lay out widgets.
#[cfg(test)]
pub(crate) fn test_context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_fonts(definitions());
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs" || e == "ron") {
                out.push(p);
            }
        }
    }

    /// Whether one of the faces has a glyph for `c` (egui's own
    /// `has_glyph` says no for every letter of the face that also holds
    /// its replacement glyph).
    fn drawn(c: char) -> bool {
        FACES.iter().any(|(_, bytes, _)| {
            ttf_parser::Face::parse(bytes, 0)
                .unwrap()
                .glyph_index(c)
                .is_some()
        })
    }

    /// A character with no glyph is drawn as an empty box: on a button
    /// ("↶ Undo"), in a cue, in a drill's steps. Every character written
    /// in the code and the content has one, in the text face or the symbols.
    #[test]
    fn every_character_the_tutor_writes_has_a_glyph() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = Vec::new();
        files(&root.join("src"), &mut all);
        files(&root.join("assets"), &mut all);
        assert!(all.len() > 50, "{} files", all.len());
        let mut missing = std::collections::BTreeMap::new();
        for file in &all {
            let text = std::fs::read_to_string(file).unwrap();
            for c in text.chars().filter(|c| !c.is_ascii() && !drawn(*c)) {
                missing.insert(c, file.strip_prefix(root).unwrap().display().to_string());
            }
        }
        assert!(missing.is_empty(), "no glyph for: {missing:?}");
        // The symbols the subsets were cut for are all there; a sign no
        // face has is not (the test can tell).
        assert!(SYMBOLS.chars().all(drawn));
        assert!(!drawn('\u{2603}'));
    }

    /// A letter a coach may type into their own drill (German, Polish,
    /// Greek, Cyrillic) has a glyph too: the text face is whole. And egui
    /// takes the fonts: a pass lays out a symbol at its size.
    #[test]
    fn a_coach_s_own_words_have_glyphs_and_egui_takes_the_fonts() {
        let words = "Kniebeuge ß ü Ö · Martwy ciąg ł · Άρση · Становая тяга";
        assert!(words.chars().all(drawn), "{words}");
        let ctx = test_context();
        let mut out = ctx.run_ui(Default::default(), |_| {});
        out.textures_delta.clear();
        let id = egui::FontId::proportional(20.0);
        // The arrow is only in the last face: egui found it there.
        assert!(ctx.fonts_mut(|f| f.has_glyph(&id, '↶')));
        assert!(!ctx.fonts_mut(|f| f.has_glyph(&id, '\u{2603}')));
    }
}
