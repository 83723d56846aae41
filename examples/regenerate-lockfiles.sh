#!/usr/bin/env bash
# Regenerates examples/*/package-lock.json with the real npm from each package.json.
# The lockfiles are fixtures for the tool's version detection: never edit them by hand.
#
# Made with Node 20.20.2 and npm 11.19.1 (lockfileVersion 3). On Node 20, npm prefers
# versions whose `engines` allow Node 20 (e.g. convex 1.48.0 rather than 1.51.0, which
# needs Node >= 22), so a run on another Node version may resolve other versions.
# `resolved` URLs are written explicitly, as in real-world lockfiles, whatever the local
# npm config says (`omit-lockfile-registry-resolved`).
#
# Usage: examples/regenerate-lockfiles.sh [example ...]   (default: every example)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

if [ "$#" -gt 0 ]; then
  examples=("$@")
else
  examples=()
  for dir in */; do
    [ -f "$dir/package.json" ] && examples+=("${dir%/}")
  done
fi

for example in "${examples[@]}"; do
  echo "== $example" >&2
  rm -f "$example/package-lock.json"
  (cd "$example" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund \
     --omit-lockfile-registry-resolved=false)
done
