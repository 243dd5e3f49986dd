#!/usr/bin/env bash
# Opens Passerelle on its built-in sandbox workspace (installing what is missing first).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$root"

install_system_packages
install_ui_packages
build_ui

say "building and starting Passerelle"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting Passerelle inside a virtual X display (Xvfb)." >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo run --release -p passerelle-app --features passerelle-app/custom-protocol
fi
exec cargo run --release -p passerelle-app --features passerelle-app/custom-protocol
