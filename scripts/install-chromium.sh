#!/bin/sh
# The page tests drive Debian's chromium. Install it when missing (needs root, as on CI).
set -eu
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing: run 'sudo apt-get install chromium' (the page tests need it)" >&2
    exit 1
fi
echo "installing Debian's chromium for the page tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
