#!/usr/bin/env bash
# Builds the kernel test (tests.kernel_test in native/sources.json) with the kernel and driver sources (no Node needed) and runs
# it: natively for each ISA this CPU has, under valgrind memcheck with `valgrind`, and with `arm64` cross-compiled for AArch64 (NEON)
# and run under qemu-aarch64. `arm64` also cross-compiles the whole addon to prove it builds.
# Needs Debian's g++-aarch64-linux-gnu and qemu-user for arm64.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/kernel_test"
mkdir -p "$out"
cd "$root"

# shellcheck source=scripts/native_sources.sh
source "$root/scripts/native_sources.sh"
manifest common sources portable
flags=(-std=c++17 -O2 -ffp-contract=off -Inative -Wall -Wno-unused-parameter -pthread)

compile() {  # compile <compiler> <binary> <source> [flags...]: prints the object file
  local cxx=$1 bin=$2 src=$3
  shift 3
  local obj
  obj="$out/$(basename "$bin")-$(echo "$src" | tr / _).o"
  "$cxx" "${flags[@]}" "$@" -c "$src" -o "$obj"
  echo "$obj"
}

build() {  # build <compiler> <binary> <arch>: the portable sources, the test and arch's ISA kernels
  local cxx=$1 bin=$2 arch=$3 objs=() isas isa src
  manifest test_main sources kernel_test
  # (obj=$(...) || exit: a failed compile inside objs+=("$(...)") would not stop set -e, and a
  # stale binary would run.)
  local obj
  for src in "${common[@]}" "${test_main[@]}"; do
    obj=$(compile "$cxx" "$bin" "$src") || exit 1
    objs+=("$obj")
  done
  manifest isas isas "$arch"
  for isa in "${isas[@]}"; do
    local isa_sources isa_flags
    manifest isa_sources sources "$isa"
    manifest isa_flags flags "$isa" --gcc
    for src in "${isa_sources[@]}"; do
      obj=$(compile "$cxx" "$bin" "$src" "${isa_flags[@]}") || exit 1
      objs+=("$obj")
    done
  done
  "$cxx" "${flags[@]}" "${objs[@]}" -o "$bin" ${STATIC:-}
}

case "${1:-native}" in
  native)
    build g++ "$out/kernel_test" x64
    "$out/kernel_test"
    ;;
  valgrind)
    # memcheck over the same binary (valgrind runs AVX2, not AVX-512: it gets the ref and avx2 tables).
    [ -x "$out/kernel_test" ] || "$0" native >/dev/null
    TG_KERNEL_TEST_MEMCHECK=1 valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-possibly-lost=no --quiet "$out/kernel_test"
    ;;
  arm64)
    STATIC=-static build aarch64-linux-gnu-g++ "$out/kernel_test_arm64" arm64
    qemu-aarch64 "$out/kernel_test_arm64"
    # The whole addon, N-API layer included, cross-compiles for AArch64.
    inc=(-I "$(node -p "require('node-api-headers').include_dir")" -I "$(node -p "require('node-addon-api').include_dir")")
    manifest addon sources portable addon neon
    aarch64-linux-gnu-g++ "${flags[@]}" -fPIC -shared -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS "${inc[@]}" \
      "${addon[@]}" -static-libstdc++ -o "$out/tensorgrad-arm64.node"
    echo "test_kernels: cross-compiled the addon for arm64 ($(wc -c < "$out/tensorgrad-arm64.node") bytes)"
    ;;
  *)
    echo "usage: test_kernels.sh [native|valgrind|arm64]" >&2
    exit 2
    ;;
esac
