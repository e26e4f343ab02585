#!/usr/bin/env bash
# Install what building and testing Hinge needs on Debian/Ubuntu, skipping
# whatever is already there. Sourced by run.sh and test.sh.
set -euo pipefail

need_pkgs=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# Build: pkg-config + libudev (gamepads through gilrs), a C compiler.
# Tests: Node.js and npm for the glTF validator.
# Run: X11 client libraries and xkbcommon for the window.
# Headless rendering: Xvfb and Mesa's software Vulkan (lavapipe).
for p in pkg-config libudev-dev gcc libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 \
         libvulkan1 mesa-vulkan-drivers xvfb xauth ${HINGE_EXTRA_PKGS:-}; do
  have_pkg "$p" || need_pkgs+=("$p")
done
# The web build and its browser test: Python's static server, Debian's Chromium.
if [ -n "${HINGE_WEB:-}" ]; then
  for p in python3 chromium; do have_pkg "$p" || need_pkgs+=("$p"); done
fi
# Node.js and npm only if the machine has none (it may have its own build).
command -v npm >/dev/null || need_pkgs+=(nodejs npm)
if ((${#need_pkgs[@]})); then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = none ]; then
    echo "setup: missing system packages (${need_pkgs[*]}) and no root or sudo to install them" >&2
  else
    echo "setup: installing ${need_pkgs[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  fi
fi

if ! command -v cargo >/dev/null; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "setup: installing the Rust toolchain with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi
if command -v rustup >/dev/null; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
fi

# The web build: the wasm target and wasm-bindgen's CLI at exactly the
# version of the wasm-bindgen crate in Cargo.lock (TOOLING.md).
if [ -n "${HINGE_WEB:-}" ]; then
  if command -v rustup >/dev/null; then
    rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
  fi
  wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
    echo "setup: installing wasm-bindgen-cli $wb_version (about 2 minutes)"
    # Not --locked: a dependency it pinned is no longer served (TOOLING.md).
    cargo install wasm-bindgen-cli --version "$wb_version" --force
  fi
fi

# Node tools for the tests and the web build (glTF validator, playwright-core,
# binaryen's wasm-opt), from the npm registry.
if { [ ! -d tools/node_modules/gltf-validator ] || [ ! -d tools/node_modules/playwright-core ] \
     || [ ! -d tools/node_modules/binaryen ]; } && command -v npm >/dev/null; then
  echo "setup: installing the Node test tools"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi

# One target directory outside the clone, so a fresh clone on the same
# machine (CI) reuses the Bevy build instead of spending 8 minutes on it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hinge-target}"
mkdir -p "$CARGO_TARGET_DIR"
