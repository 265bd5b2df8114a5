// `tensorgrad classify`, `mlp` and `predict`: held-out accuracy on scikit-learn's breast cancer
// data equal to PyTorch's (scripts/pytorch_classify.py --fixture), labels, saves, errors.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { expectClose } from '../helpers';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), tty: false });
  return { code, out, err };
}

const CSV = path.join(__dirname, '../../examples/data/breast_cancer.csv');
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/models/classify.json'), 'utf8')) as {
  cases: { args: string[]; losses: number[]; correct: number; nVal: number }[];
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-classify-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true }));

function write(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

describe('tensorgrad classify on the breast cancer data, against PyTorch', () => {
  test.each(fixture.cases.map((c) => [c.args.join(' ') || '(defaults)', c] as const))('%s', async (_, c) => {
    const { code, out, err } = await run(['classify', '--csv', CSV, '--target', 'target', ...c.args]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const losses = out.filter((l) => /^epoch \d+, loss /.test(l)).map((l) => Number(/loss (\S+?),/.exec(l)![1]));
    expectClose(losses, c.losses, 2e-5);
    const m = /^held-out accuracy: (\d\.\d{4}) \((\d+)\/(\d+)\)$/.exec(out.find((l) => l.startsWith('held-out accuracy:'))!)!;
    expect(Number(m[3])).toBe(c.nVal);
    expect(Math.abs(Number(m[2]) - c.correct)).toBeLessThanOrEqual(1);
  });
});

describe('tensorgrad classify, mlp, predict', () => {
  test('text labels: mapped to 0..K-1 in sorted order, printed back by predict with probabilities', async () => {
    const rows = ['a,b,kind'];
    for (let i = 0; i < 90; i++) {
      const kind = ['setosa', 'versi, color', 'virginica'][i % 3];
      const c = (i % 3) * 3;
      rows.push(`${c + Math.sin(i)},${-c + Math.cos(2 * i)},"${kind}"`);
    }
    const file = write('iris.csv', rows);
    const model = path.join(dir, 'iris.safetensors');
    const { code, out } = await run(['classify', '--csv', file, '--target', 'kind', '--epochs', '40', '--lr', '0.5', '--save', model]);
    expect(code).toBe(0);
    expect(out).toContain('classes: 0=setosa, 1=versi, color, 2=virginica');
    expect(out).toContain('held-out accuracy: 1.0000 (18/18)');
    const p = await run(['predict', '--model', model, '--csv', file]);
    expect(p.code).toBe(0);
    expect(p.out[0]).toBe('kind,p(setosa),"p(versi, color)",p(virginica)');
    expect(p.out).toHaveLength(91);
    const labels = p.out.slice(1).map((l) => (l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.split(',')[0]));
    expect(labels).toEqual(rows.slice(1).map((r) => /"(.*)"/.exec(r)![1]));
    for (const l of p.out.slice(1)) {
      const probs = l
        .slice(l.lastIndexOf('"') + 1)
        .split(',')
        .slice(1)
        .map(Number);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
  });

  test('predict applies the saved standardisation and picks columns by name (target absent, order changed)', async () => {
    const model = path.join(dir, 'bc.safetensors');
    const { code } = await run(['classify', '--csv', CSV, '--target', 'target', '--model', 'mlp', '--hidden', '8', '--epochs', '3', '--save', model]);
    expect(code).toBe(0);
    const lines = fs.readFileSync(CSV, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    // Reverse the feature columns and drop the target.
    const reorder = (l: string) => l.split(',').slice(0, -1).reverse().join(',');
    const file = write('bc_features.csv', [reorder(lines[0]), ...lines.slice(1, 41).map(reorder)]);
    const out = path.join(dir, 'pred.csv');
    const p = await run(['predict', '--model', model, '--csv', file, '--out', out]);
    expect(p.out).toEqual([`wrote 40 predictions to ${out}`]);
    const pred = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(pred[0]).toBe('target,p(0),p(1)');
    const truth = lines.slice(1, 41).map((l) => l.split(',')[header.length - 1]);
    const right = pred.slice(1).filter((l, i) => l.split(',')[0] === truth[i]).length;
    expect(right).toBeGreaterThanOrEqual(36);
  });

  test('mlp regression: R^2 on the held-out part; predict on a linreg save too', async () => {
    const rows = ['u,v,y'];
    for (let i = 0; i < 300; i++) {
      const u = Math.sin(i * 1.3);
      const v = Math.cos(i * 0.7);
      rows.push(`${u},${v},${(u * u + 0.5 * v).toFixed(6)}`);
    }
    const file = write('reg.csv', rows);
    const model = path.join(dir, 'reg.safetensors');
    const r = await run(['mlp', '--csv', file, '--target', 'y', '--hidden', '32,16', '--epochs', '60', '--optimizer', 'adam', '--lr', '0.01', '--save', model]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^MLP 2-32-16-1 \(relu, regression\)/);
    const r2 = Number(r.out.find((l) => l.startsWith('held-out R^2: '))!.slice(14));
    expect(r2).toBeGreaterThan(0.95);
    const p = await run(['predict', '--model', model, '--csv', file]);
    expect(p.out[0]).toBe('y');
    const err = p.out.slice(1).map((l, i) => (Number(l) - Number(rows[i + 1].split(',')[2])) ** 2);
    expect(err.reduce((a, b) => a + b, 0) / err.length).toBeLessThan(0.01);

    const lin = path.join(dir, 'lin.safetensors');
    expect((await run(['linreg', '--csv', file, '--target', 'y', '--save', lin])).code).toBe(0);
    const lp = await run(['predict', '--model', lin, '--csv', file]);
    expect(lp.code).toBe(0);
    expect(lp.out).toHaveLength(301);
  });

  test('mlp --task classification and --val-fraction 0', async () => {
    const r = await run(['mlp', '--csv', CSV, '--target', 'target', '--task', 'classification', '--hidden', '8', '--epochs', '5', '--val-fraction', '0']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('held-out: none (--val-fraction 0)');
    expect(Number(r.out.find((l) => l.startsWith('training accuracy: '))!.slice(19))).toBeGreaterThan(0.9);
  });

  const bad: [string, string[], RegExp][] = [
    ['no --target', ['classify', '--csv', CSV], /classify needs --target COLUMN/],
    ['no --csv', ['mlp', '--target', 'y'], /mlp needs --csv FILE/],
    ['an unknown target', ['classify', '--csv', CSV, '--target', 'nope'], /--target: no column 'nope'/],
    ['a bad --hidden', ['classify', '--csv', CSV, '--target', 'target', '--model', 'mlp', '--hidden', '8,x'], /--hidden must be a comma-separated list/],
    ['--hidden 0', ['mlp', '--csv', CSV, '--target', 'target', '--hidden', '0'], /--hidden/],
    ['--val-fraction 1', ['classify', '--csv', CSV, '--target', 'target', '--val-fraction', '1'], /--val-fraction must be a number in \[0, 1\)/],
    ['--model svm', ['classify', '--csv', CSV, '--target', 'target', '--model', 'svm'], /--model must be logreg or mlp/],
    ['--task for classify', ['classify', '--csv', CSV, '--target', 'target', '--task', 'regression'], /--task is not an option of classify/],
    ['--samples for mlp', ['mlp', '--csv', CSV, '--target', 'target', '--samples', '3'], /--samples is not an option of mlp/],
    ['--hidden for linreg', ['linreg', '--hidden', '3'], /--hidden is not an option of linreg/],
    ['--activation swish', ['mlp', '--csv', CSV, '--target', 'target', '--activation', 'swish'], /--activation must be relu, gelu/],
    ['--dropout 1', ['mlp', '--csv', CSV, '--target', 'target', '--dropout', '1'], /--dropout/],
    ['--lr 0', ['classify', '--csv', CSV, '--target', 'target', '--lr', '0'], /--lr must be a positive number/],
    ['a missing file', ['classify', '--csv', '/nonexistent/x.csv', '--target', 'y'], /cannot read/],
    ['predict without --model', ['predict', '--csv', CSV], /predict needs --model FILE/],
    ['predict of a missing model', ['predict', '--model', '/nonexistent/m.safetensors', '--csv', CSV], /--model: no such file/],
  ];
  test.each(bad)('%s: one line on stderr, exit code 2', async (_, args, message) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^tensorgrad: /);
    expect(err[0]).toMatch(message);
  });

  test('bad data: a text feature, a single class, a regression target of text, a model file without a model', async () => {
    const text = write('text.csv', ['a,b,y', '1,x,0', '2,3,1']);
    const one = write('one.csv', ['a,y', '1,a', '2,a', '3,a']);
    const labels = write('labels.csv', ['a,y', '1,a', '2,b', '3,a']);
    const notModel = path.join(dir, 'tensor.safetensors');
    fs.writeFileSync(notModel, Buffer.alloc(0));
    for (const [args, message] of [
      [['classify', '--csv', text, '--target', 'y'], /column 'b' is not a number: 'x'/],
      [['classify', '--csv', one, '--target', 'y'], /single class \(a\)/],
      [['mlp', '--csv', labels, '--target', 'y'], /column 'y' is not a number: 'a'/],
      [['predict', '--model', notModel, '--csv', labels], /tensorgrad: /],
      [['predict', '--model', path.join(dir, 'iris.safetensors'), '--csv', labels], /has no column 'b'/],
    ] as const) {
      const { code, err } = await run(args.slice());
      expect(code).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
    }
  });
});
