#!/usr/bin/env bash
# Install Hinge for this user, so it opens from the desktop's applications
# menu: the release binary in ~/.local/bin (cargo install), the desktop entry
# in ~/.local/share/applications, the icon in ~/.local/share/icons, and the
# licences (Hinge's and its crates' and fonts') in ~/.local/share/doc/hinge.
#
#   ./scripts/install.sh              set up what is missing, build, install
#   ./scripts/install.sh --uninstall  remove all four
#
# PREFIX=dir installs under dir instead of ~/.local. The binary reads its
# content from this clone's assets/ (or HINGE_ASSETS); with the clone moved
# or deleted it falls back to the drills and mannequin built into it.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${PREFIX:-$HOME/.local}"
APPS="$PREFIX/share/applications"
ICONS="$PREFIX/share/icons/hicolor"
DOC="$PREFIX/share/doc/hinge"

refresh() {
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$APPS" || true; fi
  if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$ICONS" || true; fi
}

case "${1:-}" in
  "") ;;
  --uninstall)
    cargo uninstall --root "$PREFIX" hinge || true
    rm -f "$APPS/hinge.desktop" "$ICONS/scalable/apps/hinge.svg"
    rm -rf "$DOC"
    refresh
    echo "install: removed hinge from $PREFIX"
    exit 0 ;;
  *) echo "install.sh: unknown option '$1' (accepted: --uninstall)" >&2; exit 2 ;;
esac

source scripts/setup.sh
echo "=== install: cargo install --path . --locked --root $PREFIX (a release build: several minutes)"
cargo install --path . --locked --root "$PREFIX"

# The menu entry runs the binary by its full path: the session's PATH may
# not hold ~/.local/bin until the next login.
mkdir -p "$APPS" "$ICONS/scalable/apps"
sed "s|^Exec=hinge$|Exec=$PREFIX/bin/hinge|" assets/linux/hinge.desktop >"$APPS/hinge.desktop"
cp assets/linux/hinge.svg "$ICONS/scalable/apps/hinge.svg"
mkdir -p "$DOC"
cp LICENSE-MIT LICENSE-APACHE THIRD-PARTY-LICENSES.txt "$DOC/"
refresh
echo "install: $PREFIX/bin/hinge, $APPS/hinge.desktop, $ICONS/scalable/apps/hinge.svg, $DOC/"
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "install: $PREFIX/bin is not on PATH; add it (export PATH=\"$PREFIX/bin:\$PATH\") to run 'hinge' from a terminal" ;;
esac
