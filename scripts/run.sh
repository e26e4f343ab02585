#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine and run the tutor. Extra arguments go
# to `hinge` (e.g. ./scripts/run.sh --view compare --fault rounded_back).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display here; running under a virtual X server (Xvfb)" >&2
  export HINGE_NO_VSYNC=1
  exec xvfb-run -a -s "-screen 0 1280x720x24" cargo run --bin hinge -- "$@"
fi
exec cargo run --bin hinge -- "$@"
