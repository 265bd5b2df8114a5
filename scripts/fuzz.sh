#!/usr/bin/env bash
# Builds native/tests/fuzz_args.cc with libFuzzer, AddressSanitizer and UBSan (clang) and fuzzes
# the native drivers for SECONDS (default 30), starting from the corpus in native/tests/fuzz_corpus.
# Needs Debian's clang and libclang-rt-14-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
out="$root/build/fuzz"
mkdir -p "$out"
cd "$root"
# shellcheck source=scripts/native_sources.sh
source "$root/scripts/native_sources.sh"
srcs=("${native_sources[@]}")
cxx=${CXX_FUZZ:-clang++}
flags=(-std=c++17 -O1 -g -Inative -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
objs=()
for src in "${srcs[@]}" native/tests/fuzz_args.cc; do
  obj="$out/$(echo "$src" | tr / _).o"
  "$cxx" "${flags[@]}" -c "$src" -o "$obj"
  objs+=("$obj")
done
"$cxx" "${flags[@]}" -mavx2 -mfma -c native/kernels/avx2/table.cc -o "$out/avx2.o"
"$cxx" "${flags[@]}" -mavx512f -mavx2 -mfma -c native/kernels/avx512/table.cc -o "$out/avx512.o"
"$cxx" "${flags[@]}" "${objs[@]}" "$out/avx2.o" "$out/avx512.o" -o "$out/fuzz_args"
corpus="$out/corpus"
mkdir -p "$corpus"
cp native/tests/fuzz_corpus/* "$corpus/" 2>/dev/null || true
"$out/fuzz_args" "$corpus" -artifact_prefix="$out/" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -15
