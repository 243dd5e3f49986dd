#!/usr/bin/env bash
# Runs every test of Passerelle: UI unit tests, every Rust crate (with the bindings check), the
# system tests against the sandbox, PostgreSQL and MariaDB, and the end-to-end tests of the real
# window under Xvfb. Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$root"
export CARGO_TERM_COLOR=never NO_COLOR=1
export PASSERELLE_REQUIRE_SERVICES="${PASSERELLE_REQUIRE_SERVICES:-1}"

install_system_packages
install_ui_packages
install_test_tools
build_ui

say "UI unit tests"
(cd ui && npx vitest run)

# One feature set for every cargo invocation, so the Tauri stack is compiled once.
FEATURES=(--workspace --all-targets --features passerelle-app/custom-protocol)
say "building every crate and test"
cargo build "${FEATURES[@]}"

say "Rust tests (unit, system, end-to-end under Xvfb with a headless keyring)"
artifacts="$root/tests/artifacts"
mkdir -p "$artifacts"
export PASSERELLE_E2E_ARTIFACTS="$artifacts"
export XDG_DATA_HOME="$(mktemp -d)" XDG_CONFIG_HOME="$(mktemp -d)" XDG_CACHE_HOME="$(mktemp -d)"
dbus-run-session -- bash -c '
  echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec keyctl session - xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo nextest run --no-fail-fast "$@"' _ "${FEATURES[@]}" 2>&1

say "generated bindings are committed and current"
if ! git diff --exit-code -- ui/src/bindings; then
  echo "ui/src/bindings differs from what cargo test generated: commit the regenerated files" >&2
  exit 1
fi
if [ -n "$(git ls-files --others --exclude-standard ui/src/bindings)" ]; then
  echo "new generated bindings are not committed:" >&2
  git ls-files --others --exclude-standard ui/src/bindings >&2
  exit 1
fi
say "all tests passed"
