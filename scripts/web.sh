#!/usr/bin/env bash
# Build the web version into web/dist/: a static folder any static file
# server can host (index.html, the wasm module, its JS glue, the assets, a
# service worker that keeps them for offline use, and gzip + brotli copies of
# each beside it).
#
#   ./scripts/web.sh            the small release build (profile `web`,
#                               wasm-opt -Oz; about 20 minutes from cold)
#   ./scripts/web.sh --quick    a fast debug build, for the browser test
#   ./scripts/web.sh --serve    build (release), then serve on 127.0.0.1:8080
#
# OUT=dir puts the folder elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=0; SERVE=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --serve) SERVE=1 ;;
    *) echo "web.sh: unknown option '$a' (accepted: --quick, --serve)" >&2; exit 2 ;;
  esac
done
HINGE_WEB=1 source scripts/setup.sh
OUT="${OUT:-web/dist}"
T=wasm32-unknown-unknown

if [ "$QUICK" = 1 ]; then
  PROFILE=dev; DIR=debug
else
  PROFILE=web; DIR=web
fi
echo "=== web: cargo build --profile $PROFILE --target $T"
cargo build --locked --profile "$PROFILE" --target "$T" --bin hinge
rm -rf "$OUT"; mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --remove-name-section \
  --out-dir "$OUT" --out-name hinge "$CARGO_TARGET_DIR/$T/$DIR/hinge.wasm"
if [ "$QUICK" = 0 ]; then
  echo "=== web: wasm-opt -Oz (binaryen from npm; several minutes)"
  before=$(stat -c %s "$OUT/hinge_bg.wasm")
  # The feature flags match what Rust's wasm32 target emits (TOOLING.md).
  tools/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$OUT/hinge_bg.wasm" -o "$OUT/hinge_bg.opt.wasm"
  mv "$OUT/hinge_bg.opt.wasm" "$OUT/hinge_bg.wasm"
  echo "wasm-opt: $before -> $(stat -c %s "$OUT/hinge_bg.wasm") bytes"
fi
# The page, its web app manifest and icon (a coach can add it to a tablet's
# home screen).
cp web/index.html web/pose-guess.js web/manifest.webmanifest assets/linux/hinge.svg "$OUT/"
# What the page is made of, and under which terms.
cp LICENSE-MIT LICENSE-APACHE THIRD-PARTY-LICENSES.txt "$OUT/"
# The content the app loads at run time (the web has no folder listing:
# drills are named in content::builtin::DRILLS). Not models/: in a browser
# the app builds the mannequin itself (stage::figure::MannequinModel).
mkdir -p "$OUT/assets"
cp -r assets/coach assets/drills assets/*.ron "$OUT/assets/"
[ -d assets/quiz ] && cp -r assets/quiz "$OUT/assets/"
# Last of the files: the service worker that keeps them all for offline use.
node tools/service-worker.mjs "$OUT"
if [ "$QUICK" = 0 ]; then
  node tools/compress.mjs "$OUT" | tee "$OUT/size-report.txt"
fi
# The pose model for "Guess the marks" (web/pose-guess.js): MediaPipe Pose
# from its npm package (Apache-2.0), fetched only when a learner asks for a
# guess, so it is neither kept for offline use nor in the size report.
POSE=tools/node_modules/@mediapipe/pose
mkdir -p "$OUT/pose"
cp "$POSE"/pose.js "$POSE"/pose_web.binarypb "$POSE"/pose_landmark_full.tflite \
  "$POSE"/pose_solution_packed_assets_loader.js "$POSE"/pose_solution_packed_assets.data \
  "$POSE"/pose_solution_simd_wasm_bin.js "$POSE"/pose_solution_simd_wasm_bin.wasm \
  "$POSE"/pose_solution_simd_wasm_bin.data \
  "$POSE"/pose_solution_wasm_bin.js "$POSE"/pose_solution_wasm_bin.wasm \
  "$POSE"/package.json "$OUT/pose/"
cat > "$OUT/pose/NOTICE.txt" <<NOTICE
MediaPipe Pose $(node -p "require('./$POSE/package.json').version"), (c) Google LLC,
under the Apache License 2.0 (its text: ../LICENSE-APACHE). From the npm
package @mediapipe/pose, unchanged. Hinge runs it in the browser to guess a
photo's marks; the photo is not sent anywhere.
NOTICE
echo "web: built $OUT"
if [ "$SERVE" = 1 ]; then
  echo "web: serving http://127.0.0.1:8080/ (Ctrl-C stops)"
  exec python3 -m http.server 8080 --bind 127.0.0.1 --directory "$OUT"
fi
