#!/usr/bin/env bash
# Builds native/tests/kernel_test.cc with the kernel and driver sources (no Node needed) and runs
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
common=("${native_sources[@]}")
flags=(-std=c++17 -O2 -ffp-contract=off -Inative -Wall -Wno-unused-parameter -pthread)

build() {  # build <compiler> <binary> <isa sources and flags...>
  local cxx=$1 bin=$2
  shift 2
  local objs=()
  for src in "${common[@]}" native/tests/kernel_test.cc; do
    local obj="$out/$(basename "$bin")-$(echo "$src" | tr / _).o"
    "$cxx" "${flags[@]}" -c "$src" -o "$obj"
    objs+=("$obj")
  done
  while [ $# -gt 0 ]; do
    local src=$1 isa_flags=$2
    shift 2
    local obj="$out/$(basename "$bin")-$(echo "$src" | tr / _).o"
    # shellcheck disable=SC2086
    "$cxx" "${flags[@]}" $isa_flags -c "$src" -o "$obj"
    objs+=("$obj")
  done
  "$cxx" "${flags[@]}" "${objs[@]}" -o "$bin" ${STATIC:-}
}

case "${1:-native}" in
  native)
    build g++ "$out/kernel_test" \
      native/kernels/avx2/table.cc "-mavx2 -mfma" \
      native/kernels/avx512/table.cc "-mavx512f -mavx2 -mfma -Wno-uninitialized -Wno-maybe-uninitialized"
    "$out/kernel_test"
    ;;
  valgrind)
    # memcheck over the same binary (valgrind runs AVX2, not AVX-512: it gets the ref and avx2 tables).
    [ -x "$out/kernel_test" ] || "$0" native >/dev/null
    valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-possibly-lost=no --quiet "$out/kernel_test"
    ;;
  arm64)
    STATIC=-static build aarch64-linux-gnu-g++ "$out/kernel_test_arm64" native/kernels/neon/table.cc ""
    qemu-aarch64 "$out/kernel_test_arm64"
    # The whole addon, N-API layer included, cross-compiles for AArch64.
    inc=(-I "$(node -p "require('node-api-headers').include_dir")" -I "$(node -p "require('node-addon-api').include_dir")")
    aarch64-linux-gnu-g++ "${flags[@]}" -fPIC -shared -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS "${inc[@]}" \
      native/addon.cc native/napi/*.cc native/core/glibc_compat.cc "${common[@]}" native/kernels/neon/table.cc \
      -static-libstdc++ -o "$out/tensorgrad-arm64.node"
    echo "test_kernels: cross-compiled the addon for arm64 ($(wc -c < "$out/tensorgrad-arm64.node") bytes)"
    ;;
  *)
    echo "usage: test_kernels.sh [native|valgrind|arm64]" >&2
    exit 2
    ;;
esac
