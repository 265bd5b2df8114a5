'use strict';
// Reads native/sources.json, the one list of native sources and per-ISA flags, for binding.gyp
// (command expansion) and the shell scripts. Prints space-separated words:
//   sources <group>...       the sources of groups: portable, addon, an ISA or a test program
//   isas <arch>              the ISAs of an architecture (x64, arm64)
//   flags <isa> [--gcc]      an ISA's flags; --gcc adds its gcc_flags (GCC builds)
//   glibc                    1 when the C++ compiler ($CXX, else c++) targets glibc, else 0
// CMakeLists.txt reads the JSON itself.
const { execFileSync } = require('child_process');
const path = require('path');

const manifest = require(path.join(__dirname, '..', 'native', 'sources.json'));

function isa(name) {
  const entry = manifest.isa[name];
  if (!entry) throw new Error(`native_manifest: no ISA ${name} in native/sources.json`);
  return entry;
}

function group(name) {
  if (name === 'portable' || name === 'addon') return manifest[name];
  if (Object.hasOwn(manifest.tests, name)) return manifest.tests[name];
  return isa(name).sources;
}

// The glibc compatibility wrappers (native/core/glibc_compat.cc) exist only for glibc: on musl
// (Alpine) their --wrap link flags would name symbols nothing defines. Ask the compiler that builds
// (a cross compiler for the arm64 prebuild), falling back to the running Node's own libc.
function targetsGlibc() {
  if (process.platform !== 'linux') return false;
  const [cxx, ...cxxArgs] = (process.env.CXX || 'c++').split(' ').filter(Boolean);
  try {
    const macros = execFileSync(cxx, [...cxxArgs, '-dM', '-E', '-x', 'c++', '-'], {
      input: '#include <stdint.h>\n',
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    return /^#define __GLIBC__ /m.test(macros);
  } catch {
    return Boolean(process.report.getReport().header.glibcVersionRuntime);
  }
}

function words(command, args) {
  if (command === 'glibc' && args.length === 0) return [targetsGlibc() ? '1' : '0'];
  if (command === 'sources' && args.length > 0) return args.flatMap(group);
  if (command === 'isas' && args.length === 1) {
    return Object.keys(manifest.isa).filter((name) => manifest.isa[name].arch === args[0]);
  }
  if (command === 'flags' && (args.length === 1 || (args.length === 2 && args[1] === '--gcc'))) {
    const entry = isa(args[0]);
    return args[1] === '--gcc' ? [...entry.flags, ...entry.gcc_flags] : entry.flags;
  }
  throw new Error('usage: native_manifest.js sources <group>... | isas <arch> | flags <isa> [--gcc] | glibc');
}

try {
  const [command, ...args] = process.argv.slice(2);
  process.stdout.write(words(command, args).join(' ') + '\n');
} catch (e) {
  // A bad name must fail the build that asked, not expand to nothing.
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
