#!/usr/bin/env bash
# Validates the desktop metadata sources: the AppStream metainfo (appstreamcli), the desktop entry
# (desktop-file-validate), the manual pages (man --warnings) and the icon PNG sizes (file). Registered
# as the CTest "installer_metadata"; exits 77 (skipped) when none of the tools is installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
icons="$here/../resources/app/png"
checked=0
failed=0

if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --pedantic "$here"/linux/*.metainfo.xml || failed=1
    checked=1
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$here"/linux/*.desktop || failed=1
    checked=1
fi
if command -v man >/dev/null; then
    for page in "$here"/linux/*.1; do
        warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null || true)
        if [ -n "$warnings" ]; then
            echo "$page: $warnings" >&2
            failed=1
        fi
    done
    checked=1
fi
if command -v file >/dev/null; then
    for png in "$icons"/tiktok-shop-dashboard-*.png; do
        size=${png##*-}
        size=${size%.png}
        file "$png" | grep -q "PNG image data, $size x $size," || { echo "$png is not ${size}x${size}" >&2; failed=1; }
    done
    checked=1
fi

[ "$checked" -eq 1 ] || { echo "no validation tool installed (appstream, desktop-file-utils, man-db, file)"; exit 77; }
[ "$failed" -eq 0 ] && echo "metadata OK"
exit "$failed"
