// The CLI's error discipline for flags util.parseArgs refuses with a two-line message: one line.
import * as path from 'path';
import { main } from '../../lib/cli/main';

const CSV = path.join(__dirname, '../../examples/data/breast_cancer.csv');

test.each([
  [['classify', '--csv', CSV, '--target', 'target', '--epochs', '-1'], /^tensorgrad: Option '--epochs' argument is ambiguous\. Did you forget/],
  [['mlp', '--csv', CSV, '--target', 'target', '--lr', '-0.1'], /^tensorgrad: Option '--lr' argument is ambiguous\./],
])('%p: a single line without a newline, exit code 2', async (args, pattern) => {
  const err: string[] = [];
  const code = await main(args, { out: () => undefined, err: (l) => err.push(l), tty: false });
  expect(code).toBe(2);
  expect(err).toHaveLength(1);
  expect(err[0]).not.toContain('\n');
  expect(err[0]).toMatch(pattern);
});
