#!/usr/bin/env bash
# Builds a prebuild with prebuildify (node-gyp, N-API): prebuilds/<platform>-<arch>/. Usage:
#   prebuild.sh x64      linux-x64 (glibc), with the host's g++
#   prebuild.sh arm64    linux-arm64 (glibc), cross-compiled with Debian's g++-aarch64-linux-gnu
#                        (installed here with apt-get when missing and run as root)
# Both compile against the node-api-headers package (a header-only nodedir made by
# scripts/build_native.js), so nothing is downloaded. node-gyp rebuild empties build/, so the
# build runs in a staging copy of binding.gyp and native/: the worktree's build/ (the addon the
# tests load) is left alone.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:?usage: prebuild.sh x64|arm64}
cd "$root"

env_cross=()
strip_bin=()
case "$arch" in
  x64) ;;
  arm64)
    if ! command -v aarch64-linux-gnu-g++ >/dev/null 2>&1; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends g++-aarch64-linux-gnu >/dev/null
      else
        echo "prebuild: aarch64-linux-gnu-g++ is missing (Debian: apt-get install g++-aarch64-linux-gnu)" >&2
        exit 1
      fi
    fi
    t=aarch64-linux-gnu
    env_cross=(CC="$t-gcc" CXX="$t-g++" LINK="$t-g++" AR="$t-ar" )
    strip_bin=(--strip-bin "$t-strip")
    ;;
  *)
    echo "prebuild: unknown arch $arch (x64 or arm64)" >&2
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
