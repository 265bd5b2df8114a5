// Every public function and every Tensor method, called with hostile arguments: each call must
// return normally (PyTorch accepts some, e.g. empty tensors) or throw a TensorError. Any other
// exception (a TypeError, a RangeError) fails the test. The counts by kind go in the issue notes.
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';

const bool = tg.tensor([true, false]);
const int = tg.tensor([1, 2], { dtype: 'int32' });
const HOSTILE: [string, () => unknown][] = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-0', () => -0],
  ['negative', () => -3],
  ['fractional', () => 1.5],
  ['huge', () => 2 ** 40],
  ['string', () => 'abc'],
  ['object', () => ({ a: 1 })],
  ['empty array', () => []],
  ['ragged array', () => [[1], [1, 2]]],
  ['nested garbage', () => [[NaN, 'x']]],
  ['bigint', () => 10n],
  ['symbol', () => Symbol('s')],
  ['function', () => () => 1],
  ['bool tensor', () => bool],
  ['int32 tensor', () => int],
  ['empty tensor', () => tg.zeros([0, 3])],
  ['0-d tensor', () => tg.tensor(2)],
  ['huge shape', () => [2 ** 31, 2 ** 31, 2 ** 31]],
  ['negative dims', () => [-1, -2]],
  // Plain objects shaped like tensors: every entry point must check its tensors (checkTensor).
  [
    'tensor look-alike',
    () => ({ shape: [2, 2], strides: [2, 1], offset: 0, numel: 4, dtype: 'float32', _storage: { data: new Float32Array(4), disposed: false, busy: 0 } }),
  ],
  [
    'tensor prototype look-alike',
    () => Object.assign(Object.create(tg.Tensor.prototype) as object, { shape: [2], strides: [1], offset: 0, numel: 2, dtype: 'float32' }),
  ],
  ['array of look-alikes', () => [{ shape: [2], dtype: 'float32', _storage: {} }]],
  ['Map', () => new Map([[0, 1]])],
  ['sparse array', () => [, 2]], // eslint-disable-line no-sparse-arrays
  [
    'self-referencing array',
    () => {
      const a: unknown[] = [];
      a.push(a);
      return a;
    },
  ],
];

const SKIP = new Set(['setNumThreads', 'manualSeed', 'setGradEnabled', 'save', 'Tensor', 'Generator', 'TensorError']);
const counts: Record<string, number> = {};
const failures: string[] = [];

function classify(e: unknown, where: string): void {
  if (e instanceof tg.TensorError) return;
  failures.push(`${where}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
}

async function attempt(where: string, kind: string, fn: () => unknown): Promise<void> {
  counts[kind] = (counts[kind] ?? 0) + 1;
  try {
    const r = fn();
    if (r !== undefined && r !== null && typeof (r as Promise<unknown>).then === 'function') await (r as Promise<unknown>).catch((e) => classify(e, where));
  } catch (e) {
    classify(e, where);
  }
}

describe('hostile arguments to the public API', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(os.tmpdir())); // anything a call might write lands in a temp dir
  afterAll(() => process.chdir(cwd));

  test('top-level functions', async () => {
    const fns = Object.entries(tg).filter(([k, v]) => typeof v === 'function' && !SKIP.has(k)) as [string, (...a: unknown[]) => unknown][];
    expect(fns.length).toBeGreaterThan(50);
    const base = tg.ones([2, 2]);
    for (const [name, fn] of fns) {
      for (const [kind, make] of HOSTILE) {
        for (let pos = 0; pos < 3; pos++) {
          const args: unknown[] = [base, base, base].slice(0, pos);
          args.push(make());
          await attempt(`tg.${name} arg ${pos} = ${kind}`, kind, () => fn(...args));
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test('namespaced functions (autograd, data, io, nn.functional)', async () => {
    const groups: [string, Record<string, unknown>][] = [
      ['autograd', tg.autograd],
      ['data', tg.data],
      ['io', tg.io],
      ['nn.functional', tg.nn.functional],
    ];
    for (const [group, mod] of groups) {
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== 'function' || /^[A-Z]/.test(name) || name === 'save' || name === 'writeNpy') continue;
        for (const [kind, make] of HOSTILE) {
          await attempt(`${group}.${name}(${kind})`, kind, () => (fn as (...a: unknown[]) => unknown)(make(), make()));
          await attempt(`${group}.${name}(tensor, ${kind})`, kind, () => (fn as (...a: unknown[]) => unknown)(tg.ones([2, 2]), make()));
        }
      }
    }
    for (const [kind, make] of HOSTILE) {
      await attempt(`io.save(${kind})`, kind, () => tg.save(make() as never, path.join(os.tmpdir(), 'tg-hostile.safetensors')));
      await attempt(`io.writeNpy(${kind})`, kind, () => tg.io.writeNpy(path.join(os.tmpdir(), 'tg-hostile.npy'), make() as never));
      await attempt(`new Linear(${kind})`, kind, () => new tg.nn.Linear(make() as never, 2));
      await attempt(`new SGD(${kind})`, kind, () => new tg.optim.SGD(make() as never, { lr: 0.1 }));
      await attempt(`new Adam(params, ${kind})`, kind, () => new tg.optim.Adam([tg.ones([1], { requiresGrad: true })], make() as never));
      await attempt(`new DataLoader(${kind})`, kind, () => new tg.data.DataLoader(make() as never));
      await attempt(`new TensorDataset(${kind})`, kind, () => new tg.data.TensorDataset(make() as never));
      await attempt(`LinearRegression.fit(${kind})`, kind, () => new tg.models.LinearRegression(2).fit(make() as never, make() as never));
    }
    expect(failures).toEqual([]);
  });

  test('Tensor methods on tensors of every dtype', async () => {
    const methods = Object.getOwnPropertyNames(tg.Tensor.prototype).filter(
      (k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(tg.Tensor.prototype, k)?.value === 'function',
    );
    expect(methods.length).toBeGreaterThan(60);
    const subjects: [string, () => tg.Tensor][] = [
      ['float32', () => tg.randn([2, 3])],
      ['float64 grad', () => tg.randn([2, 3], { dtype: 'float64', requiresGrad: true }).mul(1)],
      ['int32', () => tg.tensor([[1, 2, 3]], { dtype: 'int32' })],
      ['bool', () => tg.tensor([true, false])],
      ['empty', () => tg.zeros([0, 2])],
      ['0-d', () => tg.tensor(3)],
      ['expanded view', () => tg.ones([1, 3]).expand(4, 3)],
    ];
    for (const name of methods) {
      if (name === 'backward' || name === 'registerHook') continue; // covered below with a graph
      for (const [what, make] of subjects) {
        for (const [kind, arg] of HOSTILE) {
          await attempt(`${what}.${name}(${kind})`, kind, () => (make() as unknown as Record<string, (...a: unknown[]) => unknown>)[name](arg(), arg()));
        }
      }
    }
    for (const [kind, arg] of HOSTILE) {
      await attempt(`backward(${kind})`, kind, () =>
        tg
          .ones([2], { requiresGrad: true })
          .mul(2)
          .backward(arg() as never),
      );
      await attempt(`registerHook(${kind})`, kind, () => tg.ones([2], { requiresGrad: true }).registerHook(arg() as never));
      await attempt(`grad = ${kind}`, kind, () => {
        tg.ones([2], { requiresGrad: true }).grad = arg() as never;
      });
      await attempt(`requiresGrad = ${kind}`, kind, () => {
        tg.ones([2]).requiresGrad = arg() as never;
      });
    }
    expect(failures).toEqual([]);
  });

  afterAll(() => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `hostile calls: ${total} (${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})\n`,
    );
  });
});
