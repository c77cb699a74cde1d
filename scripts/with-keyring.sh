#!/usr/bin/env bash
# Runs a command with an unlocked gnome-keyring Secret Service in the current D-Bus session
# (start it under dbus-run-session). The keyring lives in a throw-away HOME-independent folder.
set -euo pipefail
keyring_home=$(mktemp -d /tmp/tts-keyring.XXXXXX)
trap 'kill "${GNOME_KEYRING_PID:-}" 2>/dev/null || true; rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'test\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID
"$@"
