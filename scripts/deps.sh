#!/usr/bin/env bash
# Installs the Debian packages the build, the app and the tests need, only those missing.
# Sourced or run by scripts/demo and scripts/test; works on a fresh Debian 12 machine.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qtkeychain-qt6-dev libqt6sql6-sqlite
    qt6-qpa-plugins libgl-dev
    xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
    sqlite3 libsqlite3-dev appstream desktop-file-utils openssl
)
if [ "${TTS_EXTRA_PACKAGES:-}" ]; then
    read -r -a extra <<<"$TTS_EXTRA_PACKAGES"
    packages+=("${extra[@]}")
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
