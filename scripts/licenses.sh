#!/usr/bin/env bash
# Write THIRD-PARTY-LICENSES.txt: every crate Hinge is built from (listed
# from Cargo.lock by cargo-about, with each licence's text) and the fonts
# the tutor draws its text with. Run it after a change to Cargo.lock; a
# test (tests/cli.rs) says when the list no longer matches the lock file.
# The file ships in web/dist/ (scripts/web.sh) and beside the installed
# binary (scripts/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
ABOUT_VERSION=0.8.4
if ! cargo about --version 2>/dev/null | grep -q "$ABOUT_VERSION"; then
  echo "licenses: installing cargo-about $ABOUT_VERSION (a few minutes)"
  cargo install --locked cargo-about --version "$ABOUT_VERSION"
fi
out=THIRD-PARTY-LICENSES.txt
cargo about generate --locked --fail -o "$out.crates" about.hbs
# egui's fonts, with their own licences (epaint_default_fonts keeps them
# beside the font files).
fonts=$(cargo metadata --locked --format-version 1 |
  python3 -c 'import json,sys; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"]=="epaint_default_fonts"))' |
  xargs dirname)/fonts
{
  cat "$out.crates"
  echo "==============================================================================="
  echo "The fonts (from epaint_default_fonts, egui's default fonts): Ubuntu Light"
  echo "whole, and subsets of Noto Emoji, emoji-icon-font and Hack with the symbols"
  echo "on the tutor's buttons (src/ui/fonts/, cut by scripts/fonts.sh)"
  for f in "$fonts"/*.txt; do
    [ -f "$f" ] || continue
    echo
    echo "-------------------------------------------------------------------------------"
    echo "$(basename "$f")"
    echo
    cat "$f"
  done
} > "$out"
rm "$out.crates"
# Every other package of Cargo.lock, named as left out, so a test can tell
# (without cargo-about) that the list still matches the lock file.
python3 - "$out" <<'PY'
import re, sys, tomllib
out = sys.argv[1]
text = open(out, encoding="utf-8").read()
shipped = set(re.findall(r"^- (\S+) (\S+)$", text, re.M))
lock = tomllib.load(open("Cargo.lock", "rb"))["package"]
rest = sorted({(p["name"], p["version"]) for p in lock} - shipped - {("hinge", "0.1.0")})
with open(out, "a", encoding="utf-8") as f:
    f.write("\n===============================================================================\n")
    f.write("Not in the program: the other packages of Cargo.lock (the tests' and the\n")
    f.write("build scripts' crates, and those of platforms Hinge is not built for)\n\n")
    for name, version in rest:
        f.write(f"  {name} {version}\n")
PY
echo "licenses: wrote $out ($(wc -c < "$out") bytes)"
