#!/usr/bin/env bash
# The set-up's decisions, tested without root and without installing
# anything: scripts/setup.sh's functions run in a shell whose PATH holds only
# fakes (apt-get, dpkg-query, id, sudo, node, npm, curl, cargo, rustup, a
# browser) and the few real tools the script uses. Each case names what it
# checks; the script exits 1 if any fails.
#
#   bash tests/setup/test-setup.sh        (scripts/test.sh runs it first)
#
# SETUP_SCRIPT=path tests another copy of setup.sh.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SETUP=${SETUP_SCRIPT:-$ROOT/scripts/setup.sh}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
FAILS=0; CASES=0

# The real tools setup.sh uses; nothing else from this machine is on PATH.
mkdir -p "$W/sys" "$W/tpl"
for c in bash sh env grep sed awk sort head tr cat mkdir ln dirname ls touch cp chmod; do
  ln -s "$(command -v "$c")" "$W/sys/$c"
done

# The fakes. They log what they are asked to $STATE/log; a package counts
# as installed when $STATE/pkgs/NAME exists.
cat >"$W/tpl/apt-get" <<'EOF'
#!/bin/bash
echo "apt-get $*" >>"$STATE/log"
[ "$1" = install ] || exit 0
shift; pkgs=()
for a; do case $a in -*) ;; *) pkgs+=("$a") ;; esac; done
for p in "${pkgs[@]}"; do
  case " ${FAKE_UNAVAILABLE:-} " in *" $p "*) echo "E: Package '$p' has no installation candidate" >&2; exit 100 ;; esac
done
for p in "${pkgs[@]}"; do
  touch "$STATE/pkgs/$p"
  case $p in
    curl) printf '#!/bin/bash\nexit 0\n' >"$FAKE/curl"; chmod +x "$FAKE/curl" ;;
    nodejs) printf '#!/bin/bash\necho %s\n' "${FAKE_APT_NODE:-v20.11.0}" >"$FAKE/node"; chmod +x "$FAKE/node" ;;
    npm) printf '#!/bin/bash\nexit 0\n' >"$FAKE/npm"; chmod +x "$FAKE/npm" ;;
  esac
done
EOF
cat >"$W/tpl/dpkg-query" <<'EOF'
#!/bin/bash
[ -e "$STATE/pkgs/${!#}" ] || exit 1
printf 'install ok installed'
EOF
cat >"$W/tpl/id" <<'EOF'
#!/bin/bash
[ "$1" = -u ] && echo "${FAKE_UID:-1000}"
EOF
cat >"$W/tpl/sudo" <<'EOF'
#!/bin/bash
echo "sudo $*" >>"$STATE/log"
[ "$1" = -n ] && exit "${FAKE_SUDO_N:-0}"
exec "$@"
EOF
cat >"$W/tpl/node" <<'EOF'
#!/bin/bash
echo "${FAKE_NODE:-v20.11.0}"
EOF
printf '#!/bin/bash\nexit 0\n' >"$W/tpl/npm"
printf '#!/bin/bash\nexit 0\n' >"$W/tpl/chromium-browser"
cat >"$W/tpl/cargo" <<'EOF'
#!/bin/bash
[ "$1" = --version ] && echo "cargo ${FAKE_CARGO:-1.95.0} (fake)"
exit 0
EOF
cat >"$W/tpl/rustup" <<'EOF'
#!/bin/bash
echo "rustup $*" >>"$STATE/log"
case "$1 $2" in
  "toolchain list") ls "$RUSTUP_HOME/toolchains" 2>/dev/null ;;
  "run stable") [ -d "$RUSTUP_HOME/toolchains/stable-x86_64-unknown-linux-gnu" ] || exit 1
    printf 'rustc %s\nhost: x86_64-unknown-linux-gnu\nrelease: %s\n' "$FAKE_STABLE" "$FAKE_STABLE" ;;
  "toolchain install") mkdir -p "$RUSTUP_HOME/toolchains/$3-x86_64-unknown-linux-gnu" ;;
esac
exit 0
EOF
# curl piped to sh: the "rustup installer" logs itself and leaves rustup and cargo.
cat >"$W/tpl/curl" <<'EOF'
#!/bin/bash
echo "curl $*" >>"$STATE/log"
cat <<'EOS'
echo "rustup-init $*" >>"$STATE/log"
mkdir -p "$CARGO_HOME/bin" && cp "$TPL/rustup" "$TPL/cargo" "$CARGO_HOME/bin/"
EOS
EOF
chmod +x "$W"/tpl/*

# A fresh machine for one case: FAKES on PATH, PKGS installed.
fresh() { # "FAKES" "PKGS"
  rm -rf "${W:?}/fake" "${W:?}/state" "${W:?}/home"
  mkdir -p "$W/fake" "$W/state/pkgs" "$W/home/.rustup/toolchains"
  : >"$W/state/log"
  local f p
  for f in apt-get dpkg-query id $1; do cp "$W/tpl/$f" "$W/fake/"; done
  for p in $2; do touch "$W/state/pkgs/$p"; done
}
# Run shell code after sourcing setup.sh's functions: run [VAR=value...] CODE
# shellcheck disable=SC2016 # $1 is expanded by the inner shell
run() {
  local code=${!#}
  env -i PATH="$W/fake:$W/sys" HOME="$W/home" CARGO_HOME="$W/home/.cargo" RUSTUP_HOME="$W/home/.rustup" \
    STATE="$W/state" FAKE="$W/fake" TPL="$W/tpl" SETUP_ROOT="$ROOT" SETUP_BROWSERS="$W/none chromium chromium-browser" \
    "${@:1:$#-1}" bash -c 'SETUP_LIB_ONLY=1; source "$1"; '"$code" _ "$SETUP" >"$W/out" 2>"$W/err" </dev/null
  RC=$?
}
check() { # CASE COMMAND...: one assertion on the last run
  local name=$1; shift
  CASES=$((CASES + 1))
  if ! "$@"; then
    FAILS=$((FAILS + 1)); echo "FAIL $name: $*"
    sed 's/^/       out: /' "$W/out"; sed 's/^/       err: /' "$W/err"; sed 's/^/       log: /' "$W/state/log"
  fi
}
has() { grep -q -- "$2" "$W/$1"; }        # has out|err|state/log TEXT
lacks() { ! grep -q -- "$2" "$W/$1"; }
installed() { [ -e "$W/state/pkgs/$1" ]; }
succeeded() { [ "$RC" = 0 ]; }
failed() { [ "$RC" != 0 ]; }
first_install() { grep -m1 'apt-get install' "$W/state/log" | grep -q -- "$1"; }
one_line() { [ "$(grep -c . "$W/err")" = 1 ]; }

# Everything a test run installs, for the cases that start from a full machine.
BUILD_RUN=$(SETUP_LIB_ONLY=1 bash -c 'source "$1"; echo $SETUP_PKGS_BUILD $SETUP_PKGS_RUN' _ "$SETUP")
ALL="ca-certificates $BUILD_RUN xvfb xauth python3"

CASE="no curl: curl and ca-certificates are installed first, on their own"
fresh "" ""
run FAKE_UID=0 DISPLAY=:0 setup_system
check "$CASE" succeeded
check "$CASE" first_install "curl ca-certificates$"
check "$CASE" has state/log "apt-get update"
check "$CASE" installed pkg-config
check "$CASE" installed mesa-vulkan-drivers
check "$CASE" lacks state/log "xvfb"      # a display: no Xvfb
check "$CASE" lacks state/log "nodejs"    # running needs no Node
check "$CASE" lacks state/log "chromium"

CASE="running with no display adds Xvfb, and nothing for the tests"
fresh "curl" "$BUILD_RUN ca-certificates"
run FAKE_UID=0 setup_system
check "$CASE" succeeded
check "$CASE" first_install "xvfb xauth$"
check "$CASE" lacks state/log "python3"

CASE="missing chromium: the snap named, the other groups still installed"
fresh "curl node npm" ""
run FAKE_UID=0 HINGE_TEST=1 FAKE_UNAVAILABLE=chromium setup_system
check "$CASE" failed
check "$CASE" has err "apt-get cannot install chromium"
check "$CASE" has err "sudo snap install chromium"
check "$CASE" has err "CHROMIUM="
check "$CASE" installed python3
check "$CASE" installed xvfb
check "$CASE" installed pkg-config

CASE="a browser on PATH is found and exported as CHROMIUM"
fresh "curl node npm chromium-browser" "$ALL"
# shellcheck disable=SC2016
run FAKE_UID=1000 HINGE_TEST=1 'setup_system && echo "CHROMIUM=$CHROMIUM"'
check "$CASE" succeeded
check "$CASE" has out "CHROMIUM=$W/fake/chromium-browser"
check "$CASE" lacks state/log "apt-get"

CASE="CHROMIUM pointing at nothing is named"
fresh "curl node npm chromium-browser" "$ALL"
run FAKE_UID=0 HINGE_TEST=1 CHROMIUM=/nowhere/chrome setup_system
check "$CASE" failed
check "$CASE" has err "CHROMIUM=/nowhere/chrome is not an executable"

CASE="old Node: how to get a newer one, before anything is installed"
fresh "curl node npm chromium-browser" ""
run FAKE_UID=0 HINGE_TEST=1 FAKE_NODE=v18.19.0 setup_system
check "$CASE" failed
check "$CASE" has err "Node.js v18.19.0 .* is too old"
check "$CASE" has err "NodeSource"
check "$CASE" has err "nvm"
check "$CASE" lacks state/log "apt-get"

CASE="no Node: the distribution's nodejs is installed, and found too old"
fresh "curl chromium-browser" "$ALL"
run FAKE_UID=0 HINGE_WEB=1 FAKE_APT_NODE=v18.19.0 setup_system
check "$CASE" failed
check "$CASE" installed nodejs
check "$CASE" has err "Node.js 20 or newer is needed and v18.19.0 is installed"

CASE="no sudo and not root: one sentence with the command, nothing run"
fresh "curl" "ca-certificates"
run FAKE_UID=1000 setup_system
check "$CASE" failed
check "$CASE" one_line
check "$CASE" has err "missing system packages (pkg-config .*), and this is not root and has no usable sudo"
check "$CASE" has err "apt-get update && apt-get install -y pkg-config"
check "$CASE" lacks state/log "apt-get"

CASE="sudo that wants a password and no terminal: the same sentence"
fresh "curl sudo" "ca-certificates"
run FAKE_UID=1000 FAKE_SUDO_N=1 setup_system
check "$CASE" failed
check "$CASE" one_line
check "$CASE" lacks state/log "apt-get"

CASE="not root with sudo: apt-get through sudo"
fresh "curl sudo" "ca-certificates"
run FAKE_UID=1000 DISPLAY=:0 setup_system
check "$CASE" succeeded
check "$CASE" has state/log "^sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config"

CASE="nothing missing: no apt-get and no sudo needed"
fresh "curl" "$ALL"
run FAKE_UID=1000 setup_system
check "$CASE" succeeded
check "$CASE" lacks state/log "apt-get"

CASE="no apt-get (another system): a note, and no failure"
fresh "curl" ""
rm "$W/fake/apt-get"
run FAKE_UID=0 setup_system
check "$CASE" succeeded
check "$CASE" has err "Other systems"

CASE="a distribution's old cargo and no rustup: says so"
fresh "cargo" ""
run FAKE_CARGO=1.63.0 setup_rust
check "$CASE" failed
check "$CASE" has err "cargo 1.63.0 .* is older than Rust 1.95"
check "$CASE" has err "install rustup"

CASE="no Rust: rustup is installed with curl, with the toolchain file's Rust"
fresh "curl" ""
run setup_rust
check "$CASE" succeeded
check "$CASE" has state/log "^curl .*https://sh.rustup.rs"
check "$CASE" has state/log "^rustup-init .*--default-toolchain 1.95.0"

CASE="stable is the wanted Rust: linked under its version, no download"
fresh "rustup cargo" ""
mkdir -p "$W/home/.rustup/toolchains/stable-x86_64-unknown-linux-gnu"
run FAKE_STABLE=1.95.0 HINGE_TEST=1 setup_rust
check "$CASE" succeeded
check "$CASE" test -L "$W/home/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu"
check "$CASE" lacks state/log "toolchain install"
check "$CASE" has state/log "rustup component add --toolchain 1.95.0 clippy"
check "$CASE" has state/log "rustup target add --toolchain 1.95.0 wasm32-unknown-unknown"

CASE="stable is another Rust: rustup installs the wanted one"
fresh "rustup cargo" ""
mkdir -p "$W/home/.rustup/toolchains/stable-x86_64-unknown-linux-gnu"
run FAKE_STABLE=1.96.0 setup_rust
check "$CASE" succeeded
check "$CASE" has state/log "rustup toolchain install 1.95.0"
check "$CASE" test ! -L "$W/home/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu"
check "$CASE" lacks state/log "target add"   # running needs no wasm target

if ((FAILS)); then echo "set-up decisions: $FAILS of $CASES checks failed"; exit 1; fi
echo "set-up decisions: all $CASES checks passed"
