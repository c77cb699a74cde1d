#!/usr/bin/env bash
# CI check of the Debian package, on a Debian 12 machine, as root (or with sudo):
#   installer/ci-check.sh BUILD_DIR
# BUILD_DIR is a configured and built tree (cmake --build BUILD_DIR). The script
#   1. makes the .deb (cpack -G DEB) and checks it: lintian (no errors), appstreamcli, desktop-file-validate;
#   2. installs it with apt-get install ./package.deb;
#   3. runs the installed tiktok-shop-sync --version, then connect + sync + status against the
#      installed tiktok-shop-demo-server (inside a D-Bus session with an unlocked gnome-keyring);
#   4. starts the installed window under Xvfb and waits for it to show a window;
#   5. removes the package with apt-get remove --purge and checks every file it had installed is gone.
# Everything the programs write goes to a throw-away HOME. Exit status 0 only if every step passed.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/CMakeCache.txt" ]; then
    echo "usage: $0 BUILD_DIR   (a configured and built CMake tree)" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
package=tiktok-shop-dashboard

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi

step() { printf '\n=== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# The tools of this check only (the build's own packages come from scripts/deps.sh).
TTS_EXTRA_PACKAGES="lintian appstream desktop-file-utils xvfb xauth x11-utils xdotool dpkg-dev" \
    "$root/scripts/deps.sh"

work=$(mktemp -d /tmp/tts-ci-check.XXXXXX)
demo_pid=""
cleanup() {
    [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true
    if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "installed"; then
        $sudo apt-get remove --purge -y -qq "$package" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step "Building the package"
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "installed"; then
    fail "$package is already installed on this machine; remove it first (apt-get remove --purge $package)"
fi
cmake --build "$build" --parallel "$(nproc)"
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log") || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
deb=$(find "$work/pkg" -maxdepth 1 -name "${package}_*.deb" | head -n 1)
[ -n "$deb" ] || fail "cpack made no .deb"
version=$(dpkg-deb -f "$deb" Version)
upstream_version=${version%-*}
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Package Version Architecture Depends Recommends

step "lintian"
lintian --fail-on error --display-info "$deb" || fail "lintian reports errors"

step "AppStream metadata and desktop entry"
dpkg-deb -x "$deb" "$work/contents"
if [ -d "$work/contents/usr/share/metainfo" ]; then
    metainfo=$(find "$work/contents/usr/share/metainfo" -name '*.metainfo.xml' | head -n 1)
    desktop=$(find "$work/contents/usr/share/applications" -name '*.desktop' | head -n 1)
    [ -n "$metainfo" ] && [ -n "$desktop" ] || fail "the metainfo or the desktop entry is missing"
    appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
    desktop-file-validate "$desktop" || fail "desktop-file-validate"
else
    echo "(no window in this build: no desktop entry or metainfo to check)"
fi

step "Installing with apt-get"
$sudo apt-get install -y -qq "$deb" >"$work/apt-install.log" 2>&1 || { cat "$work/apt-install.log" >&2; fail "apt-get install"; }
dpkg -L "$package" | sort >"$work/installed-files"
echo "$(wc -l <"$work/installed-files") paths installed"

step "tiktok-shop-sync --version"
out=$(/usr/bin/tiktok-shop-sync --version) || fail "tiktok-shop-sync --version exited with $?"
echo "$out"
grep -qF "$upstream_version" <<<"$out" || fail "--version does not print $upstream_version"
man -w tiktok-shop-sync >/dev/null || fail "no manual page for tiktok-shop-sync"

export HOME="$work/home"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
mkdir -p "$HOME"

step "Sync against the installed demo server"
orders=300
/usr/bin/tiktok-shop-demo-server --port 0 --orders "$orders" --seed 7 >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
for _ in $(seq 1 300); do
    grep -q '^auth_code ' "$work/demo.out" 2>/dev/null && break
    kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.err" >&2; fail "the demo server exited"; }
    sleep 0.1
done
base=$(sed -n 's/^listening //p' "$work/demo.out")
code=$(sed -n 's/^auth_code //p' "$work/demo.out")
[ -n "$base" ] && [ -n "$code" ] || fail "the demo server printed no address or auth code"
echo "demo server at $base"

cat >"$work/sync.sh" <<'EOF'
set -euo pipefail
sync=(/usr/bin/tiktok-shop-sync --db "$DB" --api-base "$BASE" --auth-base "$BASE")
TIKTOK_APP_SECRET=demo-app-secret "${sync[@]}" connect --app-key demo-app-key --auth-code "$CODE"
"${sync[@]}" --json sync >"$WORK/sync.json"
"${sync[@]}" --json status >"$WORK/status.json"
"${sync[@]}" disconnect
EOF
DB="$work/shop.sqlite" BASE="$base" CODE="$code" WORK="$work" \
    dbus-run-session -- "$root/scripts/with-keyring.sh" bash "$work/sync.sh" || fail "connect / sync / status / disconnect"
echo "sync:   $(cat "$work/sync.json")"
echo "status: $(head -c 400 "$work/status.json")"
upserted=$(grep -o '"orders_upserted": *[0-9]*' "$work/sync.json" | grep -o '[0-9]*$' || true)
# Upserts count rows written (the catch-up after a first full sync rewrites a few): at least every order.
[ -n "$upserted" ] && [ "$upserted" -ge "$orders" ] || fail "sync upserted ${upserted:-no} orders of $orders"
in_db=$(sqlite3 "$work/shop.sqlite" 'SELECT count(*) FROM orders')
[ "$in_db" = "$orders" ] || fail "the database holds $in_db orders, the demo shop has $orders"
grep -q '"orders": *'"$orders" "$work/status.json" || fail "status does not report $orders orders"
kill "$demo_pid" 2>/dev/null || true
wait "$demo_pid" 2>/dev/null || true
demo_pid=""

if [ -x /usr/bin/tiktok-shop-dashboard ]; then
    step "The installed window under Xvfb"
    cat >"$work/gui.sh" <<'EOF'
set -uo pipefail
unset QT_QPA_PLATFORM
/usr/bin/tiktok-shop-dashboard >"$WORK/gui.log" 2>&1 &
gui=$!
shown=""
for _ in $(seq 1 60); do
    kill -0 "$gui" 2>/dev/null || break
    # A mapped (viewable) top-level window of the process, at least 200x150 (not a helper window).
    for id in $(xdotool search --onlyvisible --pid "$gui" 2>/dev/null); do
        read -r w h < <(xwininfo -id "$id" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w, h}')
        if [ "${w:-0}" -ge 200 ] && [ "${h:-0}" -ge 150 ]; then
            shown="$id: \"$(xdotool getwindowname "$id")\" ${w}x${h}"
            break
        fi
    done
    [ -n "$shown" ] && break
    sleep 0.5
done
if [ -n "$shown" ]; then
    echo "window $shown"
    kill "$gui"
    wait "$gui" 2>/dev/null
    exit 0
fi
kill "$gui" 2>/dev/null
cat "$WORK/gui.log" >&2
exit 1
EOF
    WORK="$work" xvfb-run -a -s "-screen 0 1280x800x24" \
        dbus-run-session -- "$root/scripts/with-keyring.sh" bash "$work/gui.sh" || fail "the window did not show"
    echo "the window showed"
else
    echo "(this build has no window: skipped the Xvfb check)"
fi

step "Removing with apt-get remove --purge"
$sudo apt-get remove --purge -y -qq "$package" >"$work/apt-remove.log" 2>&1 || { cat "$work/apt-remove.log" >&2; fail "apt-get remove --purge"; }
dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "installed" && fail "$package is still installed"
left=0
while IFS= read -r path; do
    [ -e "$path" ] || continue
    # A directory that another package owns (/usr/bin, /usr/share/man/man1, ...) stays, of course.
    if [ -d "$path" ] && dpkg-query -S "$path" >/dev/null 2>&1; then
        continue
    fi
    echo "left behind: $path" >&2
    left=$((left + 1))
done <"$work/installed-files"
[ "$left" -eq 0 ] || fail "$left paths of the package were left behind"
echo "every file of the package is gone"

step "ci-check passed"
