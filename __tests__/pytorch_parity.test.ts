// tensorgrad against results recorded from PyTorch: scripts/pytorch_parity.py writes one fixture
// per module of scripts/parity/ into fixtures/parity/ with Debian's python3-torch (its version
// is in each file). The checks are scripts/parity_check.js's, which the pack check also runs on
// the installed package under qemu (arm64) and wine (win32).
import * as path from 'path';
import * as tg from '../lib';

interface Fixture {
  module: string;
  pytorch: string;
  cases: { name: string }[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain-JS script shared with the pack check
const { loadFixtures, checkCase } = require('../scripts/parity_check.js') as {
  loadFixtures: (dir: string) => Fixture[];
  checkCase: (lib: typeof tg, c: unknown) => void;
};

const fixtures = loadFixtures(path.join(__dirname, 'fixtures', 'parity'));

test('there are fixtures, with cases', () => {
  expect(fixtures.map((f) => f.module)).toContain('core');
  for (const f of fixtures) expect(f.cases.length).toBeGreaterThan(0);
});

describe.each(fixtures.map((f) => [f.module, f] as const))('parity with PyTorch: %s', (_module, fixture) => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))(`%s (PyTorch ${fixture.pytorch})`, (_name, c) => {
    checkCase(tg, c);
  });
});
