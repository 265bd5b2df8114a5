#!/usr/bin/env bash
# Packaging check (run by .ci/run): pack the library (prepack builds the linux-x64 prebuild),
# install the tarball into a fresh folder with --ignore-scripts and with no compiler, make or
# cmake on PATH, then import it from CommonJS and from ESM and compute something real.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
if ! npm pack --pack-destination "$work" >"$work/pack.log" 2>&1; then
  cat "$work/pack.log" >&2
  exit 1
fi
tarball=$(ls "$work"/tensorgrad-*.tgz)
echo "pack_check: $(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files"
if tar -tzf "$tarball" | grep -E '^package/(__tests__|bench|lib|docs|build)/'; then
  echo "pack_check: the tarball holds files a user does not need" >&2
  exit 1
fi

# A PATH with node and npm and nothing to compile with.
sandbox="$work/bin"
mkdir -p "$sandbox"
for tool in node npm npx sh bash env; do ln -s "$(command -v "$tool")" "$sandbox/$tool"; done
for tool in cc gcc g++ c++ make cmake python3; do
  if PATH="$sandbox" command -v "$tool" >/dev/null 2>&1; then
    echo "pack_check: $tool is still reachable" >&2
    exit 1
  fi
done

app="$work/app"
mkdir -p "$app"
cd "$app"
echo '{ "name": "smoke", "version": "1.0.0", "private": true }' > package.json
PATH="$sandbox" npm install --ignore-scripts --no-audit --no-fund "$tarball" >/dev/null

cat > smoke.cjs <<'JS'
const tg = require('tensorgrad');
const x = tg.ones([2, 2], { requiresGrad: true });
x.add(2).mul(x.add(2)).mul(3).mean().backward();
if (String(x.grad) !== 'tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])') throw new Error(`bad grad ${x.grad}`);
const m = tg.randn([64, 64]).matmul(tg.eye(64));
if (m.shape.join() !== '64,64') throw new Error('bad matmul');
console.log(`smoke (CommonJS): ok, isa ${tg.backendInfo().isa}`);
JS
cat > smoke.mjs <<'JS'
import * as tg from 'tensorgrad';
import cjs from 'tensorgrad';
const y = tg.tensor([1, 2, 3], { requiresGrad: true });
y.pow(2).sum().backward();
if (y.grad.toArray().join() !== '2,4,6') throw new Error('bad grad');
if (tg.Tensor !== cjs.Tensor) throw new Error('ESM and CommonJS load two copies');
const model = new tg.models.LinearRegression(2);
if (!(model.weight instanceof tg.Tensor)) throw new Error('bad model');
console.log('smoke (ESM): ok');
JS
PATH="$sandbox" node smoke.cjs
PATH="$sandbox" node smoke.mjs
PATH="$sandbox" ./node_modules/.bin/tensorgrad linreg --epochs 2 | tail -1
