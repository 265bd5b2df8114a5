#!/usr/bin/env bash
# The packed package's types and exports, as a consumer resolves them: @arethetypeswrong/cli
# (require and import under node10, node16 CJS and ESM, bundler) and publint --strict.
# Usage: check_types.sh [tarball]; without one, packs dist/ as it is (--ignore-scripts: no
# prebuilds, which neither tool reads).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tarball=${1:-}
if [ -z "$tarball" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  [ -f dist/esm/index.d.ts ] || npm run build:ts >/dev/null
  npm pack --ignore-scripts --pack-destination "$work" >/dev/null 2>&1
  tarball=$(ls "$work"/tensorgrad-*.tgz)
fi
node_modules/.bin/attw --no-definitely-typed --no-emoji --no-color --format table-flipped "$tarball"
node_modules/.bin/publint run --strict --pack false "$tarball"
