#!/usr/bin/env bash
# `npm run test:asan`: builds the addon with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-asan/) and runs the native, robustness, property and op suites against it. Any report
# aborts the process and fails the run. Node itself is not instrumented, so the sanitizer
# runtimes are preloaded and leak checking (of Node's own allocations) is off.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npx cmake-js compile --out build-asan --CDTG_SANITIZE=ON --CDTG_PORTABLE_GLIBC=OFF >/dev/null
addon="$root/build-asan/Release/tensorgrad.node"
[ -f "$addon" ] || addon=$(ls "$root"/build-asan/*/tensorgrad.node | head -1)
export LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TENSORGRAD_ADDON="$addon"
npx jest --runInBand "$@" __tests__/native __tests__/robustness __tests__/property __tests__/ops __tests__/autograd
