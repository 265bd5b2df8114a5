'use strict';
// Builds the addon from source: `npx tensorgrad build` (the package has no install script; a
// prebuilt addon needs none). Nothing but npm packages is downloaded.
//
// cmake-js builds CMakeLists.txt when cmake is on PATH; node-gyp builds binding.gyp otherwise
// (it needs python3). Either failing falls back to the other when its tool is there. Both compile
// against the N-API headers of the node-api-headers package: cmake-js by itself (package.json's
// binary.napi_versions), node-gyp through a header folder made here from that package, unless
// npm's `nodedir` setting names Node's own headers.
const { execFileSync, execSync } = require('child_process');
const fs = require('fs');
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

function resolveFrom(request) {
  try {
    return require.resolve(request, { paths: [root] });
  } catch {
    return null;
  }
}

function run(file, args) {
  execFileSync(file, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' && file === 'npx' });
}

function cmakeJs() {
  const bin = resolveFrom('cmake-js/bin/cmake-js');
  if (bin) run(process.execPath, [bin, 'compile', '--CDCMAKE_BUILD_TYPE=Release']);
  else run('npx', ['--yes', 'cmake-js@8', 'compile', '--CDCMAKE_BUILD_TYPE=Release']);
}

/**
 * A node-gyp `nodedir` holding only what an N-API addon compiles against: node-api-headers'
 * headers and a common.gypi with the two configurations node-gyp builds. Node's own headers
 * (and node-gyp's download of them) are not needed.
 */
function napiNodedir() {
  const headers = path.dirname(resolveFrom('node-api-headers/include/node_api.h') ?? '');
  if (!fs.existsSync(path.join(headers, 'node_api.h'))) throw new Error('the node-api-headers package is missing');
  const dir = path.join(root, 'build', 'node-api-nodedir');
  const include = path.join(dir, 'include', 'node');
  fs.mkdirSync(include, { recursive: true });
  for (const f of fs.readdirSync(headers)) if (f.endsWith('.h')) fs.copyFileSync(path.join(headers, f), path.join(include, f));
  fs.writeFileSync(path.join(include, 'config.gypi'), "{ 'variables': {} }\n");
  fs.writeFileSync(
    path.join(dir, 'common.gypi'),
    "{ 'target_defaults': { 'default_configuration': 'Release', 'configurations': { 'Debug': {}, 'Release': {} },\n" +
      "  'conditions': [['OS != \"win\" and OS != \"mac\"', { 'cflags': ['-pthread'], 'ldflags': ['-pthread'] }]] } }\n",
  );
  return dir;
}

function nodeGyp() {
  const args = ['rebuild', '--jobs=max'];
  if (!process.env.npm_config_nodedir) args.push(`--nodedir=${napiNodedir()}`);
  const bin = process.env.npm_config_node_gyp || resolveFrom('node-gyp/bin/node-gyp.js');
  if (bin) run(process.execPath, [bin, ...args]);
  else run('npx', ['--yes', 'node-gyp@11', ...args]);
}

/** Builds build/Release/tensorgrad.node; throws when every available build fails. */
function build() {
  const tools = [];
  if (onPath('cmake') && fs.existsSync(path.join(root, 'CMakeLists.txt'))) tools.push(['cmake-js', cmakeJs]);
  if (onPath('python3') || onPath('python')) tools.push(['node-gyp', nodeGyp]);
  if (tools.length === 0) throw new Error('neither cmake nor python3 is on PATH: install one of them (and a C++17 compiler and make)');
  const failures = [];
  for (const [name, fn] of tools) {
    try {
      fn();
      return;
    } catch (e) {
      failures.push(`${name}: ${e.message.split('\n')[0]}`);
      if (failures.length < tools.length) console.error(`tensorgrad: the ${name} build failed; trying ${tools[failures.length][0]}`);
    }
  }
  throw new Error(`every build failed (${failures.join('; ')})`);
}

module.exports = { build, loads, napiNodedir };

if (require.main === module) build();
