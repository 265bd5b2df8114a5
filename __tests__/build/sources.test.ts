// binding.gyp (node-gyp, prebuildify) and CMakeLists.txt (cmake-js) must build the same thing:
// both read native/sources.json, the one list of native sources and per-ISA flags.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

interface Manifest {
  portable: string[];
  addon: string[];
  tests: Record<string, string[]>;
  isa: Record<string, { arch: string; sources: string[]; flags: string[]; gcc_flags: string[] }>;
}

const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(root, 'native', 'sources.json'), 'utf8'));
const isaSources = Object.values(manifest.isa).flatMap((e) => e.sources);

function read(file: string): string {
  return fs.readFileSync(path.join(root, file), 'utf8');
}

// The build files and every script, without comments (which may name a file).
function buildFiles(): Array<[string, string]> {
  const scripts = fs
    .readdirSync(path.join(root, 'scripts'), { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `scripts/${e.name}`);
  return ['CMakeLists.txt', 'binding.gyp', ...scripts].map((file) => {
    const comment = file.endsWith('.js') ? /(^|\s)\/\/.*$/gm : /(^|\s)#.*$/gm;
    return [file, read(file).replace(comment, '$1')];
  });
}

function reader(...args: string[]): string[] {
  return execFileSync(process.execPath, [path.join(root, 'scripts', 'native_manifest.js'), ...args], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

function wrapped(text: string): string[] {
  return [...text.matchAll(/--wrap=(\w+)/g)].map((m) => m[1]).sort();
}

describe('build files', () => {
  test('the manifest lists every native source once, the test programs among them', () => {
    const all: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (e.name.endsWith('.cc')) all.push(rel);
      }
    };
    walk('native');
    const listed = [...manifest.portable, ...manifest.addon, ...isaSources, ...Object.values(manifest.tests).flat()];
    expect(listed.length).toBe(new Set(listed).size);
    expect([...listed].sort()).toEqual(all.sort());
  });

  test('no build file or script names a native source or an ISA flag', () => {
    for (const [file, text] of buildFiles()) {
      expect([file, text.match(/native\/[\w/]+\.cc/g)]).toEqual([file, null]);
      expect([file, text.match(/native\/(?!tests\/fuzz_corpus\/)[\w/]*\*/g)]).toEqual([file, null]); // nor a glob of them
      expect([file, text.match(/-m(avx\w*|fma|sse\w*|arch=|tune=|cpu=|fpu=)/g)]).toEqual([file, null]);
    }
  });

  test('ISA flags only on their own kernel sources, never -march=native', () => {
    expect(Object.keys(manifest.isa).sort()).toEqual(['avx2', 'avx512', 'neon']);
    for (const [isa, entry] of Object.entries(manifest.isa)) {
      expect(['x64', 'arm64']).toContain(entry.arch);
      for (const src of entry.sources) expect(src.startsWith(`native/kernels/${isa}/`)).toBe(true);
      for (const flag of entry.flags) expect(flag).toMatch(/^-m(avx2|avx512f|fma)$/);
      for (const flag of entry.gcc_flags) expect(flag).toMatch(/^-Wno-/);
    }
    for (const src of [...manifest.portable, ...manifest.addon]) expect(src).not.toMatch(/^native\/kernels\/(?!ref\/)/);
    // CMake applies an ISA's flags to its sources only, never to the whole target.
    const cmake = read('CMakeLists.txt');
    expect(cmake.match(/\$\{isa_flags\}/g)).toEqual([`\${isa_flags}`]);
    expect(cmake).toContain(`set_source_files_properties(\${isa_sources} PROPERTIES COMPILE_OPTIONS "\${isa_flags}")`);
    for (const [file, text] of [...buildFiles(), ['native/sources.json', read('native/sources.json')]]) {
      expect([file, text.match(/-march=native/g)]).toEqual([file, null]);
    }
  });

  test('binding.gyp builds the manifest: the portable and addon sources, and each ISA with its flags', () => {
    const gyp = read('binding.gyp');
    expect(gyp).toContain('<!@(node scripts/native_manifest.js sources portable addon)');
    for (const isa of Object.keys(manifest.isa)) {
      expect(gyp).toContain(`"target_name": "tg_${isa}"`);
      expect(gyp).toContain(`<!@(node scripts/native_manifest.js sources ${isa})`);
      expect(gyp).toContain(`<!@(node scripts/native_manifest.js flags ${isa} --gcc)`);
    }
    expect(reader('sources', 'portable', 'addon')).toEqual([...manifest.portable, ...manifest.addon]);
    expect(reader('flags', 'avx512', '--gcc')).toEqual(['-mavx512f', '-mavx2', '-mfma', '-Wno-uninitialized', '-Wno-maybe-uninitialized']);
    expect(reader('flags', 'avx2')).toEqual(['-mavx2', '-mfma']);
    expect(reader('isas', 'x64')).toEqual(['avx2', 'avx512']);
    expect(reader('isas', 'arm64')).toEqual(['neon']);
    // A from-source install runs binding.gyp, so the reader ships.
    expect(JSON.parse(read('package.json')).files).toContain('scripts/native_manifest.js');
  });

  test('both builds (and the kernel tests) compile without floating-point contraction', () => {
    for (const file of ['CMakeLists.txt', 'binding.gyp', 'scripts/test_kernels.sh']) {
      expect(fs.readFileSync(path.join(root, file), 'utf8')).toContain('-ffp-contract=off');
    }
  });

  test('the same glibc compatibility wraps in both builds', () => {
    const cmake = fs.readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8');
    const gyp = fs.readFileSync(path.join(root, 'binding.gyp'), 'utf8');
    const compat = fs.readFileSync(path.join(root, 'native', 'core', 'glibc_compat.cc'), 'utf8');
    const defined = [...compat.matchAll(/^TG_OLD\(\s*[\w*]+,\s*(\w+)/gm)].map((m) => m[1]).sort();
    expect(wrapped(cmake)).toEqual(defined);
    expect(wrapped(gyp)).toEqual(defined);
  });

  test('NAPI_VERSION is declared once, in package.json, and read by both builds', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.binary.napi_versions).toHaveLength(1);
    const read = "require('./package.json').binary.napi_versions[0]";
    expect(fs.readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8')).toContain(read);
    expect(fs.readFileSync(path.join(root, 'binding.gyp'), 'utf8').replace(/\\/g, '')).toContain(read);
    for (const file of ['CMakeLists.txt', 'binding.gyp']) {
      expect(fs.readFileSync(path.join(root, file), 'utf8')).not.toMatch(/NAPI_VERSION=\d/);
    }
  });
});
