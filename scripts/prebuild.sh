#!/usr/bin/env bash
# Builds a prebuild with prebuildify (node-gyp, N-API): prebuilds/<platform>-<arch>/. Usage:
#   prebuild.sh x64      linux-x64 (glibc), with the host's g++
#   prebuild.sh arm64    linux-arm64 (glibc), cross-compiled with Debian's g++-aarch64-linux-gnu
#   prebuild.sh win32    win32-x64, cross-compiled with Debian's mingw-w64 (posix threads)
# (cross compilers are installed here with apt-get when missing and run as root).
# All compile against the node-api-headers package (a header-only nodedir made by
# scripts/build_native.js), so nothing is downloaded. node-gyp rebuild empties build/, so the
# Linux builds run in a staging copy of binding.gyp and native/: the worktree's build/ (the addon
# the tests load) is left alone. gyp cannot target Windows from Linux with make, so win32 is built
# here from the same manifest (native/sources.json), linked against an import library for
# node.exe made from node-api-headers' node_api.def, with libstdc++, libgcc and winpthreads
# static: the addon needs only node.exe, KERNEL32 and msvcrt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:?usage: prebuild.sh x64|arm64|win32}
cd "$root"

need() {  # need <command> <Debian package>
  command -v "$1" >/dev/null 2>&1 && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
  else
    echo "prebuild: $1 is missing (Debian: apt-get install $2)" >&2
    exit 1
  fi
}

win32() {
  need x86_64-w64-mingw32-g++-posix g++-mingw-w64-x86-64-posix
  local cxx=x86_64-w64-mingw32-g++-posix
  out=$(mktemp -d)  # global: the EXIT trap reads it
  trap 'rm -rf "$out"' EXIT
  # _USE_MATH_DEFINES: M_SQRT2 and the other <cmath> constants, which strict C++17 on Windows
  # leaves out (g++ on Linux defines _GNU_SOURCE, which brings them).
  local headers addon_api flags=(-std=c++17 -O3 -ffp-contract=off -D_USE_MATH_DEFINES -Inative -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS -DNODE_ADDON_API_DISABLE_DEPRECATED)
  headers=$(node -p "require('node-api-headers').include_dir")
  addon_api=$(node -p "require('node-addon-api').include_dir")
  flags+=(-I "$headers" -I "$addon_api")
  x86_64-w64-mingw32-dlltool -d node_modules/node-api-headers/def/node_api.def -l "$out/node.lib.a" -D node.exe
  # One job per source, two at a time; each ISA's sources get its flags. GCC assumes a 16-byte
  # aligned stack on Win64 and may spill AVX registers with aligned moves: the assembler makes
  # every vector move unaligned for the AVX sources.
  {
    for src in $(node scripts/native_manifest.js sources portable addon); do echo "$src"; done
    for isa in $(node scripts/native_manifest.js isas x64); do
      for src in $(node scripts/native_manifest.js sources "$isa"); do
        echo "$src -Wa,-muse-unaligned-vector-move $(node scripts/native_manifest.js flags "$isa" --gcc)"
      done
    done
  } | while read -r src extra; do
    echo "$cxx ${flags[*]} $extra -c $src -o $out/$(echo "$src" | tr / _).o"
  done | xargs -P 2 -I{} sh -c '{}'
  mkdir -p prebuilds/win32-x64
  "$cxx" -shared -s -o prebuilds/win32-x64/tensorgrad.node "$out"/*.o "$out/node.lib.a" -static -static-libgcc -static-libstdc++
  local dlls
  dlls=$(x86_64-w64-mingw32-objdump -p prebuilds/win32-x64/tensorgrad.node | sed -n 's/^\s*DLL Name: //p' | sort | tr '\n' ' ')
  echo "prebuild: prebuilds/win32-x64/tensorgrad.node ($(wc -c <prebuilds/win32-x64/tensorgrad.node) bytes) imports $dlls"
  [ "$dlls" = "KERNEL32.dll msvcrt.dll node.exe " ] || { echo "prebuild: the win32 addon needs more than node.exe, KERNEL32 and msvcrt" >&2; exit 1; }
}

env_cross=()
strip_bin=()
case "$arch" in
  x64) ;;
  win32)
    rm -rf prebuilds/win32-x64
    win32
    exit 0
    ;;
  arm64)
    need aarch64-linux-gnu-g++ g++-aarch64-linux-gnu
    t=aarch64-linux-gnu
    env_cross=(CC="$t-gcc" CXX="$t-g++" LINK="$t-g++" AR="$t-ar" )
    strip_bin=(--strip-bin "$t-strip")
    ;;
  *)
    echo "prebuild: unknown target $arch (x64, arm64 or win32)" >&2
    exit 2
    ;;
esac

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r package.json binding.gyp native "$stage/"
mkdir -p "$stage/scripts"
cp scripts/native_manifest.js "$stage/scripts/"
ln -s "$root/node_modules" "$stage/node_modules"
nodedir=$(node -p "require('./scripts/build_native.js').napiNodedir()")

rm -rf "prebuilds/linux-$arch"
env "${env_cross[@]}" JOBS=max npm_config_nodedir="$nodedir" \
  node node_modules/prebuildify/bin.js --cwd "$stage" --out "$root" --napi --strip "${strip_bin[@]}" --tag-libc --arch "$arch" --platform linux
file=prebuilds/linux-$arch/tensorgrad.glibc.node
[ -f "$file" ] || { echo "prebuild: $file was not written" >&2; exit 1; }
node scripts/check_glibc.js "$file"
