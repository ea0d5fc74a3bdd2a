#!/bin/sh
# Vendor vis-network's standalone build (JS with its CSS inlined) from the npm registry, so the
# pages work with no network. Licence: Apache-2.0 OR MIT (both texts are copied beside it).
set -eu
VERSION=10.1.2
DEST=src/helixgraph/web/static/vis-network
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "vis-network@$VERSION" >/dev/null && tar xzf vis-network-*.tgz)
mkdir -p "$DEST"
cp "$WORK/package/standalone/umd/vis-network.min.js" "$DEST/"
cp "$WORK/package/LICENSE-MIT" "$WORK/package/LICENSE-APACHE-2.0" "$DEST/"
printf 'vis-network %s (npm), standalone/umd/vis-network.min.js\nLicence: Apache-2.0 OR MIT\n' "$VERSION" > "$DEST/VERSION"
echo "vendored vis-network $VERSION into $DEST"
