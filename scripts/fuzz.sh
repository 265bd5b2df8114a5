#!/usr/bin/env bash
# Builds the fuzz target (tests.fuzz in native/sources.json) with libFuzzer, ASan and UBSan (clang) and fuzzes
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
manifest srcs sources portable
cxx=${CXX_FUZZ:-clang++}
flags=(-std=c++17 -O1 -g -Inative -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
compile() {  # compile <source> [flags...]: adds the object file to objs
  local src=$1 obj
  shift
  obj="$out/$(echo "$src" | tr / _).o"
  "$cxx" "${flags[@]}" "$@" -c "$src" -o "$obj"
  objs+=("$obj")
}
objs=()
manifest fuzz_main sources fuzz
for src in "${srcs[@]}" "${fuzz_main[@]}"; do compile "$src"; done
# Each x64 ISA's kernels with their flags (clang: without the GCC-only ones).
manifest isas isas x64
for isa in "${isas[@]}"; do
  manifest isa_sources sources "$isa"
  manifest isa_flags flags "$isa"
  for src in "${isa_sources[@]}"; do compile "$src" "${isa_flags[@]}"; done
done
"$cxx" "${flags[@]}" "${objs[@]}" -o "$out/fuzz_args"
corpus="$out/corpus"
mkdir -p "$corpus"
cp native/tests/fuzz_corpus/* "$corpus/" 2>/dev/null || true
"$out/fuzz_args" "$corpus" -artifact_prefix="$out/" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -15
