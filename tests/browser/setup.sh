#!/usr/bin/env bash
# ctest fixture of the browser tests: copies them into the build tree and installs their one npm
# dependency there from the committed lockfile (npm ci: exact versions, no install scripts, so
# playwright-core downloads no browser; Debian's /usr/bin/chromium is the browser).
set -euo pipefail
src="$1"
dst="$2"
if [[ ! -x "${MOTCUA_CHROMIUM:-/usr/bin/chromium}" ]]; then
  echo "browser tests need Debian's chromium (bash deploy/bootstrap.sh installs it)" >&2
  exit 1
fi
mkdir -p "$dst"
cp "$src"/package.json "$src"/package-lock.json "$src"/*.mjs "$dst"/
rm -rf "$dst/fixtures" && cp -r "$src/fixtures" "$dst/fixtures"
cd "$dst"
if ! cmp -s package-lock.json node_modules/.motcua-lock 2>/dev/null; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.motcua-lock
fi
echo "browser tests ready in $dst (playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version"))"
