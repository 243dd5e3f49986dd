#!/usr/bin/env bash
# Installs what Passerelle needs on a fresh Debian/Ubuntu machine, and nothing twice:
# the system packages for Tauri (WebKitGTK) and for the tests (Xvfb, WebKitWebDriver, a keyring),
# the UI's npm packages, and tauri-driver. Sourced by run.sh and test.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '\n=== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_system_packages() {
  local pkgs=(build-essential pkg-config curl libssl-dev libwebkit2gtk-4.1-dev
    libayatana-appindicator3-dev librsvg2-dev libxdo-dev libdbus-1-dev libsecret-1-dev
    xvfb xauth webkit2gtk-driver gnome-keyring keyutils dbus fonts-dejavu-core imagemagick xdotool)
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${missing[@]}"
  fi
  command -v cargo >/dev/null || { echo "Rust is missing: install it from rustup first" >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js 20 and npm are missing: install them first" >&2; exit 1; }
}

install_ui_packages() {
  local stamp="$root/ui/node_modules/.passerelle-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$root/ui/package-lock.json" "$stamp"; then
    say "installing the UI's npm packages"
    (cd "$root/ui" && npm ci --no-audit --no-fund)
    cp "$root/ui/package-lock.json" "$stamp"
  fi
}

install_test_tools() {
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver"
    cargo install tauri-driver --locked --version '^2'
  fi
  if ! command -v cargo-nextest >/dev/null; then
    say "installing cargo-nextest"
    cargo install cargo-nextest --locked
  fi
}

build_ui() {
  say "building the UI"
  (cd "$root/ui" && npm run build)
}
