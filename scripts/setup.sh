#!/usr/bin/env bash
# Install what Hinge needs on Debian 12 or Ubuntu 22.04/24.04, skipping
# whatever is already there. Sourced by run.sh, test.sh and web.sh.
#
#   (nothing)        running: the build and run packages, Rust; Xvfb only
#                    when there is no display
#   HINGE_TEST=1     testing too: Xvfb, Node.js >= 20, Python, Chromium,
#                    rustfmt and clippy (test.sh)
#   HINGE_WEB=1      the web build: the wasm target, wasm-bindgen, Node.js
#                    and the Node tools (web.sh, test.sh)
#   HINGE_EXTRA_PKGS more Debian packages to install
#   SETUP_LIB_ONLY=1 define the functions and do nothing (tests/setup/test-setup.sh)
#
# System packages go through apt-get, as root or with sudo, one group at a
# time, so one name apt cannot install does not stop the others. Whatever
# cannot be installed ends the set-up with one sentence saying what and how.
set -euo pipefail

SETUP_ROOT="${SETUP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# playwright-core's "engines" (tools/package-lock.json).
SETUP_NODE_MIN=20
# Where a browser for the web test may be: a path or a command name.
SETUP_BROWSERS="${SETUP_BROWSERS:-/usr/bin/chromium chromium chromium-browser /snap/bin/chromium google-chrome-stable google-chrome}"

# Build: a C compiler, pkg-config + libudev (gamepads through gilrs), the
# Wayland and xkbcommon headers (Wayland windows).
SETUP_PKGS_BUILD="pkg-config libudev-dev gcc libc6-dev libwayland-dev libxkbcommon-dev"
# Run: X11 client libraries, xkbcommon for X11, Vulkan with Mesa's drivers
# (lavapipe renders on the CPU where there is no GPU).
SETUP_PKGS_RUN="libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libvulkan1 mesa-vulkan-drivers"
# A virtual display: the tests, and running where there is no display.
SETUP_PKGS_XVFB="xvfb xauth"

setup_die() { echo "setup: $*" >&2; exit 1; }
setup_say() { echo "setup: $*"; }

setup_have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# Root: SUDO="" ; sudo that works (no password needed, or a terminal to ask
# on): SUDO=sudo ; otherwise return 1.
setup_sudo() {
  if [ "$(id -u)" = 0 ]; then SUDO=""; return 0; fi
  if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    SUDO=sudo; return 0
  fi
  return 1
}
setup_root() { if [ -n "${SUDO:-}" ]; then sudo "$@"; else "$@"; fi; }

# What to do when apt-get cannot install a package.
setup_hint() {
  case "$1" in
    chromium) echo "Ubuntu ships Chromium as a snap: run 'sudo snap install chromium', or set CHROMIUM=/path/to/chromium (Chrome works too), then run this again" ;;
    nodejs|npm) echo "install Node.js $SETUP_NODE_MIN or newer from NodeSource (https://github.com/nodesource/distributions) or with nvm (https://github.com/nvm-sh/nvm), then run this again" ;;
    *) echo "'apt-cache policy $1' shows whether this release has it; install it or its equivalent by hand, then run this again" ;;
  esac
}

# The groups this run needs, one "name pkg..." per line.
setup_groups() {
  local base="" web=""
  command -v curl >/dev/null 2>&1 || base="curl"
  setup_have_pkg ca-certificates || base="$base ca-certificates"
  echo "prerequisites $base"
  echo "build $SETUP_PKGS_BUILD"
  echo "run $SETUP_PKGS_RUN"
  if [ -n "${HINGE_TEST:-}" ] || { [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; }; then
    echo "display $SETUP_PKGS_XVFB"
  fi
  if [ -n "${HINGE_TEST:-}${HINGE_WEB:-}" ]; then
    if ! command -v node >/dev/null 2>&1; then echo "node nodejs npm"
    elif ! command -v npm >/dev/null 2>&1; then echo "node npm"
    fi
  fi
  if [ -n "${HINGE_TEST:-}" ]; then
    command -v python3 >/dev/null 2>&1 || web="python3"
    setup_find_browser >/dev/null || web="$web chromium"
    echo "web $web"
  fi
  [ -z "${HINGE_EXTRA_PKGS:-}" ] || echo "extra $HINGE_EXTRA_PKGS"
}

# The groups' packages that are not installed yet.
setup_missing() {
  local name pkgs p
  while read -r name pkgs; do
    for p in $pkgs; do setup_have_pkg "$p" || echo "$p"; done
  done < <(setup_groups) | awk '!seen[$0]++'
}

# Install one group's missing packages; if apt-get refuses, try each alone
# and name the ones it cannot install. Returns 1 if any is left out.
setup_apt_group() {
  local name=$1 p; shift
  local missing=() failed=()
  for p in "$@"; do setup_have_pkg "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  setup_say "installing ($name) ${missing[*]}"
  setup_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null && return 0
  for p in "${missing[@]}"; do
    setup_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null 2>&1 || failed+=("$p")
  done
  ((${#failed[@]})) || return 0
  for p in "${failed[@]}"; do echo "setup: apt-get cannot install $p ($name): $(setup_hint "$p")" >&2; done
  SETUP_FAILED+=("${failed[@]}")
  return 1
}

# Node.js for the test and web tools: is the one on PATH new enough?
setup_node_ok() {
  local v; v=$(node --version 2>/dev/null) || return 1
  v=${v#v}
  [ "${v%%.*}" -ge "$SETUP_NODE_MIN" ] 2>/dev/null
}
setup_node_check() {
  [ -n "${HINGE_TEST:-}${HINGE_WEB:-}" ] || return 0
  command -v node >/dev/null 2>&1 || return 0
  setup_node_ok && return 0
  setup_die "Node.js $(node --version 2>/dev/null || echo '(unknown version)') at $(command -v node) is too old: the test tools (playwright-core) need Node.js $SETUP_NODE_MIN or newer; install a newer one from NodeSource (curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash - && sudo apt-get install -y nodejs) or with nvm (nvm install 22), then run this again"
}

# The browser for the web test: CHROMIUM, else the first of SETUP_BROWSERS
# that exists (on Ubuntu chromium-browser may be the snap's shim: fine).
setup_find_browser() {
  local b
  if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] && { echo "$CHROMIUM"; return 0; }
    echo "setup: CHROMIUM=$CHROMIUM is not an executable file" >&2
    return 1
  fi
  for b in $SETUP_BROWSERS; do
    case "$b" in
      /*) [ -x "$b" ] && { echo "$b"; return 0; } ;;
      *) command -v "$b" 2>/dev/null && return 0 ;;
    esac
  done
  return 1
}

setup_system_packages() {
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: no apt-get here, so no system packages installed: on Fedora, Arch or macOS install them by hand (README, 'Other systems')" >&2
    return 0
  fi
  local missing
  missing=$(setup_missing | tr '\n' ' '); missing=${missing% }
  if [ -n "$missing" ]; then
    setup_sudo || setup_die "missing system packages ($missing), and this is not root and has no usable sudo to install them: as root, run 'apt-get update && apt-get install -y $missing', then run this again"
    setup_say "updating the package lists"
    setup_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      || setup_die "'apt-get update' failed (network or package sources): run it to see why, then run this again"
    SETUP_FAILED=()
    local name pkgs
    # shellcheck disable=SC2086 # the package lists are words
    while read -r name pkgs; do
      setup_apt_group "$name" $pkgs || true
    done < <(setup_groups)
    ((${#SETUP_FAILED[@]} == 0)) \
      || setup_die "could not install ${SETUP_FAILED[*]} (see above); install them by hand, then run this again"
  fi
}

# Everything the system gives: an old Node ends the set-up before anything
# is installed; after the packages, Node and the browser must be there.
setup_system() {
  setup_node_check
  setup_system_packages
  if [ -n "${HINGE_TEST:-}${HINGE_WEB:-}" ]; then
    setup_node_ok || setup_die "Node.js $SETUP_NODE_MIN or newer is needed and $(node --version 2>/dev/null || echo 'none') is installed: $(setup_hint nodejs)"
  fi
  if [ -n "${HINGE_TEST:-}" ]; then
    CHROMIUM=$(setup_find_browser) \
      || setup_die "no Chromium for the browser test: $(setup_hint chromium)"
    export CHROMIUM
  fi
}

# Version a < b (dotted numbers)?
setup_version_lt() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$1" ]; }
setup_toolchain_channel() { sed -n 's/^channel *= *"\([^"]*\)".*/\1/p' "$SETUP_ROOT/rust-toolchain.toml"; }
setup_rust_version() { sed -n 's/^rust-version *= *"\([^"]*\)".*/\1/p' "$SETUP_ROOT/Cargo.toml" | head -n 1; }

# Rust: the toolchain of rust-toolchain.toml through rustup.
setup_rust() {
  local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin" want need have
  want=$(setup_toolchain_channel); need=$(setup_rust_version)
  if [ -x "$cargo_bin/rustup" ] || [ -x "$cargo_bin/cargo" ]; then
    case ":$PATH:" in *":$cargo_bin:"*) ;; *) export PATH="$cargo_bin:$PATH" ;; esac
  fi
  if ! command -v rustup >/dev/null 2>&1; then
    if command -v cargo >/dev/null 2>&1; then
      have=$(cargo --version 2>/dev/null | awk '{print $2}')
      if setup_version_lt "${have:-0}" "$need"; then
        setup_die "cargo ${have:-(unknown version)} at $(command -v cargo) is older than Rust $need, which Hinge needs, and there is no rustup to get Rust $want: install rustup (curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --default-toolchain $want), or remove the distribution's cargo and rustc and run this again"
      fi
      return 0 # a new enough cargo without rustup: use it as it is
    fi
    command -v curl >/dev/null 2>&1 || setup_die "curl is needed to install Rust: install curl and ca-certificates, then run this again"
    setup_say "installing Rust $want with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain "$want"
    export PATH="$cargo_bin:$PATH"
  fi
  setup_rust_toolchain "$want"
  have=$(cd "$SETUP_ROOT" && cargo --version 2>/dev/null | awk '{print $2}')
  if setup_version_lt "${have:-0}" "$need"; then
    setup_die "the cargo first on PATH ($(command -v cargo), ${have:-unknown version}) is older than Rust $need: put $cargo_bin first (export PATH=\"$cargo_bin:\$PATH\"), then run this again"
  fi
}

# The toolchain WANT installed with the components and targets this run
# needs. When it is missing but the installed stable toolchain is that very
# release, link it under its version's name instead of downloading it again.
setup_rust_toolchain() {
  local want=$1 home="${RUSTUP_HOME:-$HOME/.rustup}" vv host release installed
  if ! rustup toolchain list 2>/dev/null | grep -q "^$want-"; then
    vv=$(rustup run stable rustc -vV 2>/dev/null || true)
    host=$(sed -n 's/^host: //p' <<<"$vv"); release=$(sed -n 's/^release: //p' <<<"$vv")
    if [ -n "$host" ] && [ "$release" = "$want" ] && [ -d "$home/toolchains/stable-$host" ]; then
      setup_say "using the installed stable toolchain (Rust $want) as $want"
      ln -s "stable-$host" "$home/toolchains/$want-$host"
    else
      setup_say "installing Rust $want with rustup"
      rustup toolchain install "$want" --profile minimal
    fi
  fi
  if [ -n "${HINGE_TEST:-}" ]; then
    installed=$(rustup component list --installed --toolchain "$want" 2>/dev/null || true)
    grep -q '^rustfmt' <<<"$installed" || rustup component add --toolchain "$want" rustfmt
    grep -q '^clippy' <<<"$installed" || rustup component add --toolchain "$want" clippy
  fi
  if [ -n "${HINGE_TEST:-}${HINGE_WEB:-}" ]; then
    { rustup target list --installed --toolchain "$want" 2>/dev/null || true; } | grep -q '^wasm32-unknown-unknown$' \
      || rustup target add --toolchain "$want" wasm32-unknown-unknown
  fi
}

# The web build: wasm-bindgen's CLI at exactly the version of the
# wasm-bindgen crate in Cargo.lock (TOOLING.md).
setup_wasm_bindgen() {
  local wb_version
  wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$SETUP_ROOT/Cargo.lock")
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
    setup_say "installing wasm-bindgen-cli $wb_version (about 2 minutes)"
    # Not --locked: a dependency it pinned is no longer served (TOOLING.md).
    cargo install wasm-bindgen-cli --version "$wb_version" --force
  fi
}

# Node tools for the tests and the web build (glTF validator, playwright-core,
# binaryen's wasm-opt, zopfli for the gzip copies, MediaPipe's pose model for
# the web page), from the npm registry.
setup_node_tools() {
  local m="$SETUP_ROOT/tools/node_modules"
  if [ ! -d "$m/gltf-validator" ] || [ ! -d "$m/playwright-core" ] || [ ! -d "$m/binaryen" ] ||
    [ ! -d "$m/@mediapipe/pose" ] || [ ! -d "$m/@gfx/zopfli" ]; then
    setup_say "installing the Node test tools"
    npm ci --prefix "$SETUP_ROOT/tools" --no-audit --no-fund --loglevel=error
  fi
}

setup_main() {
  setup_system
  setup_rust
  if [ -n "${HINGE_TEST:-}${HINGE_WEB:-}" ]; then
    setup_node_tools
    setup_wasm_bindgen
  fi
  # One target directory outside the clone, so a fresh clone on the same
  # machine (CI) reuses the Bevy build instead of spending 8 minutes on it.
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hinge-target}"
  mkdir -p "$CARGO_TARGET_DIR"
}

[ -n "${SETUP_LIB_ONLY:-}" ] || setup_main
