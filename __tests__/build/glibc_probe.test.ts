// The glibc compatibility wrappers are linked only when the compiler targets glibc: the probe that
// binding.gyp runs (CMakeLists.txt runs the same test with check_cxx_source_compiles). Against
// Debian's musl headers (musl-dev, installed by .ci/run) it must answer 0, or a from-source build
// on Alpine would link --wrap flags for symbols nothing defines.
import { execFileSync } from 'child_process';
import * as path from 'path';

const script = path.join(__dirname, '..', '..', 'scripts', 'native_manifest.js');
const probe = (cxx: string): string => execFileSync(process.execPath, [script, 'glibc'], { env: { ...process.env, CXX: cxx }, encoding: 'utf8' }).trim();

test('the libc probe: glibc for the system compiler and the arm64 cross compiler, not for musl', () => {
  expect(probe('g++')).toBe('1');
  expect(probe('aarch64-linux-gnu-g++')).toBe('1');
  expect(probe('g++ -nostdinc -isystem /usr/include/x86_64-linux-musl')).toBe('0');
});
