'use strict';
// Tests that run processes (the CLI binary, the per-ISA kernel suite) use the compiled
// dist/; build it from the current sources first so they never test a stale copy.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = function globalSetup() {
  // The processes tests start keep their code cache (lib/compile_cache.ts) in a directory of this
  // run's, not the user's; jest.global_teardown.js removes it.
  process.env.TENSORGRAD_COMPILE_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-jest-cache-'));
  execFileSync(process.execPath, [path.join(__dirname, 'scripts', 'build_ts.js')], { stdio: 'inherit' });
};
