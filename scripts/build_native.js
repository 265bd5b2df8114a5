'use strict';
// Builds the addon from source. Runs as the install script (a no-op when a prebuilt or an
// already-built addon loads) and as `npx tensorgrad build` (always rebuilds).
//
// cmake-js is preferred: it compiles against the N-API headers of the node-api-headers npm
// package, so nothing but npm packages is downloaded; it needs cmake. Without cmake, node-gyp
// (bundled with npm) builds binding.gyp; it uses npm's `nodedir` setting when there is one and
// otherwise fetches Node's headers for the running version, as node-gyp always does.
const { execFileSync, execSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');

function loads() {
  try {
    require('node-gyp-build')(root);
    return true;
  } catch {
    return false;
  }
}

function onPath(cmd) {
  try {
    execSync(process.platform === 'win32' ? `where ${cmd}` : `command -v ${cmd}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function resolveBin(pkg, bin) {
  try {
    return require.resolve(`${pkg}/${bin}`, { paths: [root] });
  } catch {
    return null;
  }
}

function run(file, args) {
  execFileSync(file, args, { cwd: root, stdio: 'inherit' });
}

/** Builds build/Release/tensorgrad.node; throws when the build fails. */
function build() {
  if (onPath('cmake')) {
    const cmakeJs = resolveBin('cmake-js', 'bin/cmake-js');
    if (cmakeJs) run(process.execPath, [cmakeJs, 'compile', '--CDCMAKE_BUILD_TYPE=Release']);
    else run('npx', ['--yes', 'cmake-js@8', 'compile', '--CDCMAKE_BUILD_TYPE=Release']);
    return;
  }
  const nodeGyp = process.env.npm_config_node_gyp || resolveBin('node-gyp', 'bin/node-gyp.js');
  if (nodeGyp) run(process.execPath, [nodeGyp, 'rebuild']);
  else run('npx', ['--yes', 'node-gyp', 'rebuild']);
}

module.exports = { build, loads };

if (require.main === module) {
  if (!loads()) build();
}
