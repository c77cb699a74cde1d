#!/usr/bin/env bash
# Renders the PNG sizes of the application icon from its SVG (needs rsvg-convert: Debian librsvg2-bin).
# The PNGs are committed; run this again only after changing the SVG.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/png"
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" "$here/tiktok-shop-dashboard.svg" -o "$here/png/tiktok-shop-dashboard-$size.png"
done
# The Windows icon (installer and executable), from the PNGs (ImageMagick). macOS's .icns is made at
# build time on the Mac by iconutil (installer/CMakeLists.txt).
convert "$here"/png/tiktok-shop-dashboard-{16,24,32,48,64,128,256}.png "$here/tiktok-shop-dashboard.ico"
