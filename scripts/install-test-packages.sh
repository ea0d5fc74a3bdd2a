#!/bin/sh
# The Debian packages the tests run for real: chromium (the page tests) and Virtuoso Open Source
# (a remote store other than Oxigraph). Installed when missing (needs root, as on CI).
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v virtuoso-t >/dev/null 2>&1 || missing="$missing virtuoso-opensource"
if [ -z "$missing" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "missing:$missing; run 'sudo apt-get install$missing' (the tests need them)" >&2
    exit 1
fi
echo "installing Debian's$missing for the tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
