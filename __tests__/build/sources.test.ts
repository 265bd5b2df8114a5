// binding.gyp (node-gyp, prebuildify) and CMakeLists.txt (cmake-js) must build the same thing.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function cmakeSources(): string[] {
  const text = fs.readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8');
  return [...new Set(text.match(/native\/[\w/]+\.cc/g) ?? [])].sort();
}

function gypSources(): string[] {
  const text = fs.readFileSync(path.join(root, 'binding.gyp'), 'utf8');
  return [...new Set(text.match(/native\/[\w/]+\.cc/g) ?? [])].sort();
}

function wrapped(text: string): string[] {
  return [...text.matchAll(/--wrap=(\w+)/g)].map((m) => m[1]).sort();
}

describe('build files', () => {
  test('both builds compile the same sources, and every source file is built', () => {
    const all: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (e.name.endsWith('.cc') && !rel.startsWith('native/tests/')) all.push(rel);
      }
    };
    walk('native');
    expect(gypSources()).toEqual(cmakeSources());
    expect(cmakeSources()).toEqual(all.sort());
  });

  test('ISA flags only on the ISA kernel sources, never -march=native', () => {
    for (const file of ['CMakeLists.txt', 'binding.gyp']) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect(text).not.toMatch(/-march=native/);
      for (const m of text.matchAll(/-m(avx\w*|fma)/g)) expect(m[0]).toMatch(/^-m(avx2|avx512f|fma)$/);
    }
    const cmake = fs.readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8');
    for (const line of cmake.split('\n').filter((l) => /-mavx/.test(l))) expect(line).toMatch(/set_source_files_properties\(native\/kernels\/(avx2|avx512)\//);
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
