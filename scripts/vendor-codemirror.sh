#!/bin/sh
# Vendor the SPARQL editor: CodeMirror 6 (view, state, commands, language, autocomplete and the
# SPARQL mode of legacy-modes) bundled by esbuild into one script, window.HelixEditor, so the
# /sparql page works with no network and nothing is built at install time. Versions pinned here;
# the licences (all MIT) are copied beside the bundle.
set -eu
DEST=src/helixgraph/web/static/codemirror
ENTRY=$(pwd)/scripts/codemirror/entry.js
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PACKAGES="@codemirror/view@6.44.2 @codemirror/state@6.7.6 @codemirror/commands@6.11.2
@codemirror/language@6.13.1 @codemirror/autocomplete@6.20.4 @codemirror/legacy-modes@6.5.5
esbuild@0.28.2"
(cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund $PACKAGES)
cp "$ENTRY" "$WORK/entry.js"
(cd "$WORK" && ./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife \
  --global-name=HelixEditor --legal-comments=none --outfile=editor.min.js)
mkdir -p "$DEST"
cp "$WORK/editor.min.js" "$DEST/"
: > "$DEST/LICENSES"
for package in "$WORK"/node_modules/@codemirror/* "$WORK"/node_modules/@lezer/* \
               "$WORK"/node_modules/@marijn/* "$WORK"/node_modules/crelt \
               "$WORK"/node_modules/style-mod "$WORK"/node_modules/w3c-keyname; do
  [ -d "$package" ] || continue
  name=$(node -p "require('$package/package.json').name + ' ' + require('$package/package.json').version")
  printf '== %s ==\n' "$name" >> "$DEST/LICENSES"
  cat "$package"/LICENSE* >> "$DEST/LICENSES" 2>/dev/null || echo "(MIT, see package.json)" >> "$DEST/LICENSES"
  printf '\n' >> "$DEST/LICENSES"
done
printf 'CodeMirror 6 bundle for the SPARQL editor, built by scripts/vendor-codemirror.sh\n%s\n' \
  "$PACKAGES" > "$DEST/VERSION"
echo "vendored the CodeMirror editor into $DEST"
