'use strict';
// Install step: use a prebuilt or already-built addon when one loads; otherwise compile.
// cmake-js is the build of a development checkout; node-gyp (binding.gyp) is the fallback
// for an installed package, where only npm's own node-gyp is at hand.
const { execSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
try {
  require('node-gyp-build')(root);
  process.exit(0);
} catch {
  /* nothing loadable yet: build it */
}

function run(cmd) {
  execSync(cmd, { cwd: root, stdio: 'inherit' });
}

let cmakeJs = null;
try {
  cmakeJs = require.resolve('cmake-js/bin/cmake-js', { paths: [root] });
} catch {
  /* not a development checkout */
}
if (cmakeJs) {
  run(`"${process.execPath}" "${cmakeJs}" compile --CDCMAKE_BUILD_TYPE=Release`);
} else {
  run('node-gyp rebuild');
}
