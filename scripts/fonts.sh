#!/usr/bin/env bash
# Cut the symbol fonts in src/ui/fonts/ from egui's default fonts (the
# crate epaint_default_fonts, in cargo's registry), keeping only the symbols
# in ui::fonts::SYMBOLS. Run it after adding a symbol to the tutor's text
# (the test every_character_the_tutor_writes_has_a_glyph names the missing
# one). Needs fontTools' pyftsubset (pip install fonttools). The fonts'
# licences allow subsets; their texts are in THIRD-PARTY-LICENSES.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v pyftsubset >/dev/null || { echo "fonts: pyftsubset is missing: pip install fonttools" >&2; exit 1; }
src=$(cargo metadata --locked --format-version 1 |
  python3 -c 'import json,sys; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"]=="epaint_default_fonts"))' |
  xargs dirname)/fonts
out=src/ui/fonts
cut() { # FONT TEXT OUT
  pyftsubset "$src/$1" --text="$2" --output-file="$out/$3" \
    --layout-features='' --no-hinting 2>/dev/null
  echo "fonts: $3 $(stat -c %s "$out/$3") bytes: $2"
}
# Where egui's defaults find each symbol first (Noto Emoji, then
# emoji-icon-font); the arrows only Hack has.
cut NotoEmoji-Regular.ttf "▶◀⚠✋✔✖" noto-emoji-symbols.ttf
cut emoji-icon-font.ttf "⏭⏮⏱⏸★☰↻" emoji-icon-symbols.ttf
cut Hack-Regular.ttf "←↑→↓↶" hack-arrows.ttf
