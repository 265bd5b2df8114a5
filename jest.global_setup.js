'use strict';
// Tests that run processes (the CLI binary, the per-ISA kernel suite) use the compiled
// dist/; build it from the current sources first so they never test a stale copy.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = function globalSetup() {
  execFileSync(process.execPath, [path.join(__dirname, 'scripts', 'build_ts.js')], { stdio: 'inherit' });
};
