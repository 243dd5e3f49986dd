#!/usr/bin/env bash
# Measures Passerelle's release build under Xvfb: cold start to first paint of the inbox, and
# memory once idle. Prints one line per run and a summary; see docs/benchmarks.md.
#
#   bash scripts/bench-startup.sh [runs]      (default 5 runs)
#
# "Cold" means a fresh data directory each run: the sandbox is seeded and the WebKit cache is
# empty. First paint is the first moment the screen shows the inbox's first request row
# (detected by polling screenshots of the virtual display every 50 ms; the window's content
# area turns from blank to the painted table).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$root"
runs="${1:-5}"

install_system_packages
install_ui_packages
build_ui
say "building the release binary"
cargo build --release -p passerelle-app --features passerelle-app/custom-protocol
app="$root/target/release/passerelle-app"

measure() {
  local data; data="$(mktemp -d)"
  export XDG_DATA_HOME="$data/data" XDG_CONFIG_HOME="$data/config" XDG_CACHE_HOME="$data/cache"
  local t0; t0=$(date +%s%N)
  "$app" >"$data/app.log" 2>&1 &
  local pid=$!
  local painted=""
  for _ in $(seq 1 400); do
    # The first request row's requester name sits at about (300, 225) in a 1280×800 window:
    # dark text on a white row once painted. Xvfb's empty screen is black, and a window still
    # loading is plain grey or white, so "painted" means mostly light with some dark text.
    if import -silent -window root -crop 200x20+259+215 +repage "$data/probe.png" 2>/dev/null; then
      local dark
      dark=$(convert "$data/probe.png" -colorspace gray -threshold 50% -format '%[fx:1-mean]' info:)
      if awk -v d="$dark" 'BEGIN { exit !(d > 0.03 && d < 0.5) }'; then
        painted=$(( ($(date +%s%N) - t0) / 1000000 ))
        # PASSERELLE_BENCH_SHOTS=DIR keeps the screen at the detected first paint, to check.
        if [ -n "${PASSERELLE_BENCH_SHOTS:-}" ]; then
          import -silent -window root "$PASSERELLE_BENCH_SHOTS/first-paint-$(date +%s%N).png"
        fi
        break
      fi
    fi
    sleep 0.05
  done
  sleep 10
  # Memory of the app and every process it started (WebKit's web and network processes).
  local pids; pids="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
  for child in $pids; do pids="$pids $(pgrep -P "$child" | tr '\n' ' ')"; done
  local rss=0 pss=0
  for p in $(echo "$pids" | tr ' ' '\n' | sort -u); do
    [ -r "/proc/$p/smaps_rollup" ] || continue
    rss=$(( rss + $(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup") ))
    pss=$(( pss + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup") ))
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  echo "first_paint_ms=${painted:-timeout} idle_rss_mib=$((rss / 1024)) idle_pss_mib=$((pss / 1024))"
}

if [ -z "${PASSERELLE_BENCH_IN_XVFB:-}" ]; then
  export PASSERELLE_BENCH_IN_XVFB=1
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
fi
say "measuring $runs cold starts"
for i in $(seq 1 "$runs"); do
  echo "run $i: $(measure)"
done
