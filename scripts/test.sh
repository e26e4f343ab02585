#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine and run every test: format, lints,
# unit, property and integration tests, the benchmarks compiled, and the web
# build in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "=== $*"; }
# First, in a few seconds: the set-up's own decisions, with fake apt-get and Node.
step "set-up decisions"
bash tests/setup/test-setup.sh
export HINGE_TEST=1 HINGE_WEB=1
source scripts/setup.sh

step "format"
cargo fmt --all -- --check
step "lints"
cargo clippy --all-targets --locked -- -D warnings
step "tests"
cargo test --locked --all-targets 2>&1 | tee "$CARGO_TARGET_DIR/test.log"
echo
echo "$(grep -h '^test result:' "$CARGO_TARGET_DIR/test.log" | awk '{p+=$4; f+=$6} END {print p " passed, " f " failed"}')"
step "the run command's build is the tests' build"
# ./scripts/run.sh right after this must start the tutor at once: a
# dev-dependency that turns on another feature of a crate in Bevy's tree
# makes `cargo run` build that crate and all above it again (winit, Bevy).
rebuilt=$(cargo build --locked --bin hinge 2>&1 | grep -E '^ *Compiling' || true)
if [ -n "$rebuilt" ]; then
  echo "test: \`cargo build --bin hinge\` after \`cargo test\` built again:" >&2
  echo "$rebuilt" >&2
  echo "test: give the dev-dependency the features the normal tree has (cargo tree -e features -i CRATE)" >&2
  exit 1
fi
echo "nothing to build again"
step "web: a quick build, opened in headless Chromium"
OUT="$CARGO_TARGET_DIR/web-quick" ./scripts/web.sh --quick
node tools/web-test.mjs "$CARGO_TARGET_DIR/web-quick" out/web
