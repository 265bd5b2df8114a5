import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { main } from '../../lib/cli/main';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), tty: false });
  return { code, out, err };
}

describe('tensorgrad linreg', () => {
  test('the tutorial by default: 10 epochs, learned next to true values', async () => {
    const { code, out } = await run(['linreg']);
    expect(code).toBe(0);
    expect(out.filter((l) => /^epoch \d+, loss \d+\.\d{6}$/.test(l))).toHaveLength(10);
    const num = (prefix: string) => Number(out.find((l) => l.startsWith(prefix))!.slice(prefix.length));
    expect(num('true b:')).toBe(4.2);
    const short = 4.2 - num('learned b:');
    expect(short).toBeGreaterThan(0.015);
    expect(short).toBeLessThan(0.035);
  });

  test('flags change the run', async () => {
    const { code, out } = await run(['linreg', '--epochs', '3', '--features', '4', '--samples', '200', '--batch-size', '50', '--lr', '0.1', '--seed', '5']);
    expect(code).toBe(0);
    expect(out.filter((l) => l.startsWith('epoch'))).toHaveLength(3);
    expect(out.find((l) => l.startsWith('learned w:'))!.split(',')).toHaveLength(4);
  });

  test('a CSV file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-cli-'));
    const file = path.join(dir, 'data.csv');
    const rows = ['a,b,price'];
    for (let i = 0; i < 200; i++) {
      const a = Math.sin(i);
      const b = Math.cos(3 * i);
      rows.push(`${a},${b},${(2 * a - b + 1).toFixed(6)}`);
    }
    fs.writeFileSync(file, rows.join('\n') + '\n');
    const { code, out } = await run(['linreg', '--csv', file, '--target', 'price', '--epochs', '60', '--lr', '0.1', '--batch-size', '20', '--closed-form']);
    expect(code).toBe(0);
    const coef = (name: string) =>
      Number(
        out
          .find((l) => l.startsWith(name + ' '))!
          .trim()
          .split(/\s+/)[1],
      );
    expect(coef('a')).toBeCloseTo(2, 2);
    expect(coef('b')).toBeCloseTo(-1, 2);
    expect(coef('bias')).toBeCloseTo(1, 2);
    // SGD's R^2 matches the least-squares solution's within 1e-3.
    const r2 = out.filter((l) => l.startsWith('R^2: ')).map((l) => Number(l.slice(5)));
    expect(r2).toHaveLength(2);
    expect(Math.abs(r2[0] - r2[1])).toBeLessThan(1e-3);
    fs.rmSync(dir, { recursive: true });
  });

  test.each([
    [['linreg', '--lr', 'abc'], /--lr must be a positive number/],
    [['linreg', '--epochs', '-3'], /--epochs/],
    [['linreg', '--bogus'], /Unknown option '--bogus'/],
    [['linreg', '--csv', '/no/such/file.csv', '--target', 'y'], /cannot read \/no\/such\/file.csv/],
    [['linreg', '--csv', 'x.csv'], /--csv needs --target/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /missing command/],
    [['linreg', '--optimizer', 'rmsprop'], /--optimizer must be sgd or adam/],
  ])('bad input %p: one line, exit code 2', async (args, pattern) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(pattern);
  });

  test('a CSV with a bad cell names the line and the column', async () => {
    const file = path.join(os.tmpdir(), `tg-bad-${process.pid}.csv`);
    fs.writeFileSync(file, 'x,y\n1,2\n3,abc\n');
    const { code, err } = await run(['linreg', '--csv', file, '--target', 'y']);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/:3: column 'y' is not a number: 'abc'/);
    fs.writeFileSync(file, 'x,y\n1,2\n3,4\n');
    const missing = await run(['linreg', '--csv', file, '--target', 'z']);
    expect(missing.err[0]).toMatch(/no column 'z'/);
    fs.unlinkSync(file);
  });

  test('--optimizer adam, --save then load, --closed-form, and --help', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-cli2-'));
    const model = path.join(dir, 'model.safetensors');
    const { code, out } = await run(['linreg', '--optimizer', 'adam', '--lr', '0.1', '--epochs', '30', '--save', model, '--closed-form']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/adam/);
    expect(out.some((l) => l.startsWith('least squares: w'))).toBe(true);
    expect(out.some((l) => l.includes('loss per epoch'))).toBe(true);
    const loaded = tg.models.LinearRegression.load(model);
    const learnedB = Number(out.find((l) => l.startsWith('learned b:'))!.slice(10));
    expect(loaded.bias!.item()).toBeCloseTo(learnedB, 4);
    fs.rmSync(dir, { recursive: true });
    const help = await run(['--help']);
    for (const flag of [
      '--seed',
      '--samples',
      '--features',
      '--epochs',
      '--batch-size',
      '--lr',
      '--optimizer',
      '--closed-form',
      '--csv',
      '--target',
      '--save',
      '--plot',
      'build',
    ]) {
      expect(help.out.join('\n')).toContain(flag);
    }
  });

  test('the installed bin runs as a process (exit codes, no stack trace)', () => {
    const bin = path.join(__dirname, '..', '..', 'bin', 'tensorgrad.js');
    const ok = spawnSync(process.execPath, [bin, 'linreg', '--epochs', '1'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/epoch 1, loss/);
    // --plot loads the ESM-only Vega packages, which only a real process (not jest's VM) can import.
    const svg = path.join(os.tmpdir(), `tg-plot-${process.pid}.svg`);
    const plotted = spawnSync(process.execPath, [bin, 'linreg', '--epochs', '3', '--plot', svg], { encoding: 'utf8' });
    expect(plotted.status).toBe(0);
    expect(fs.readFileSync(svg, 'utf8')).toMatch(/^<svg/);
    fs.unlinkSync(svg);
    const bad = spawnSync(process.execPath, [bin, 'linreg', '--samples', 'many'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
  test('--csv that is not a regular file (a directory, a FIFO, /dev/zero): one line naming it, exit code 2, promptly', () => {
    // In a process with a timeout: the previous reader blocked on a FIFO and read /dev/zero forever.
    const bin = path.join(__dirname, '..', '..', 'bin', 'tensorgrad.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-cli-files-'));
    const inputs: [string, RegExp][] = [[dir, /a directory, not a regular file/]];
    if (process.platform !== 'win32') {
      const fifo = path.join(dir, 'fifo');
      spawnSync('mkfifo', [fifo]);
      inputs.push([fifo, /a FIFO, not a regular file/], ['/dev/zero', /a device, not a regular file/]);
    }
    for (const [file, pattern] of inputs) {
      const res = spawnSync(process.execPath, [bin, 'linreg', '--csv', file, '--target', 'y'], { encoding: 'utf8', timeout: 15000 });
      expect(res.signal).toBeNull();
      expect(res.status).toBe(2);
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toMatch(pattern);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
