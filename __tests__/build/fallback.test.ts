// Without a prebuilt or built addon, loading fails with a TensorError that names the platform
// and the one command that builds from source.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

test('a missing addon gives a clear STATE error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-noaddon-'));
  try {
    fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
    for (const f of ['package.json', 'binding.gyp']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const res = spawnSync(process.execPath, ['-e', `try { require(${JSON.stringify(dir)}) } catch (e) { console.log(e.code + ' ' + e.message) }`], {
      encoding: 'utf8',
    });
    expect(res.stdout).toMatch(/^STATE tensorgrad: no native addon for linux-x64/);
    expect(res.stdout).toMatch(/npx tensorgrad build/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
