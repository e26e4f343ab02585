#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine and run every test: format, lints,
# unit, property and integration tests, and the benchmarks compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { echo; echo "=== $*"; }
step "format"
cargo fmt --all -- --check
step "lints"
cargo clippy --all-targets --locked -- -D warnings
step "tests"
cargo test --locked --all-targets 2>&1 | tee "$CARGO_TARGET_DIR/test.log"
echo
echo "$(grep -h '^test result:' "$CARGO_TARGET_DIR/test.log" | awk '{p+=$4; f+=$6} END {print p " passed, " f " failed"}')"
