// The CLI given a negative number after a flag: parseArgs explains it over three lines; the
// contract is one line on stderr and exit code 2.
import { main } from '../../lib/cli/main';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), tty: false });
  return { code, out, err };
}

test.each([
  ['linreg', '--epochs', '-1'],
  ['linreg', '--lr', '-0.5'],
  ['classify', '--val-fraction', '-0.1'],
  ['mlp', '--hidden', '-1'],
])('%s %s %s: one line, exit 2', async (...args) => {
  const { code, out, err } = await run(args);
  expect(code).toBe(2);
  expect(out).toEqual([]);
  expect(err).toHaveLength(1);
  expect(err[0]).not.toContain('\n');
  expect(err[0]).toMatch(new RegExp(`^tensorgrad: Option '${args[1]}' argument is ambiguous\\. .*'${args[1]}=-XYZ'`));
});
