// LayerNorm, RMSNorm and BatchNorm1d against PyTorch (scripts/pytorch_norm_layers.py with Debian's
// python3-torch; its version is in the fixture), RMSNorm against a float64 naive loop (it is
// PyTorch 2.4's, newer than the recording torch), and PyTorch-saved checkpoints through loadStateDict.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat, values } from '../helpers';

const FIX = path.join(__dirname, '..', 'fixtures');
const fixture = JSON.parse(fs.readFileSync(path.join(FIX, 'norm_layers.json'), 'utf8'));
const nn = tg.nn;

type Step = { x: number[]; y: number[]; w: number[]; grads: number[][]; running_mean: number[]; running_var: number[]; num_batches_tracked: number };
type Run = {
  name: string;
  shape: number[];
  options: { eps?: number; momentum?: number | null; affine?: boolean };
  dtype: 'float32' | 'float64';
  init: { weight: number[] | null; bias: number[] | null };
  steps: Step[];
  eval: { x: number[]; y: number[]; w: number[]; grads: number[][]; grad_fn: string };
  state_dict: [string, string, number[]][];
  repr: string;
};

const T = (v: number[], shape: number[], dtype: tg.DType = 'float32') => tg.tensor(Float64Array.from(v), { shape }).to(dtype);

describe(`BatchNorm1d follows PyTorch ${fixture.pytorch}`, () => {
  test.each((fixture.batchnorm as Run[]).map((r) => [r.name, r] as const))('%s: training steps, running statistics, eval', (_n, run) => {
    const tol = run.dtype === 'float64' ? 1e-12 : 2e-6;
    const bn = new nn.BatchNorm1d(3, run.options).to(run.dtype);
    expect(bn.toString()).toBe(run.repr);
    if (run.init.weight !== null) {
      tg.noGrad(() => {
        bn.weight!.copy_(T(run.init.weight!, [3], run.dtype));
        bn.bias!.copy_(T(run.init.bias!, [3], run.dtype));
      });
    }
    for (const step of [...run.steps, null]) {
      const s = step ?? run.eval;
      if (step === null) bn.eval();
      const x = T(s.x, run.shape, run.dtype).requiresGrad_(true);
      const y = bn.call(x);
      expect(y.gradFn?.name).toBe('NativeBatchNormBackward0');
      expectClose(flat(y), s.y, tol);
      const params = [x, ...(bn.affine ? [bn.weight!, bn.bias!] : [])];
      const grads = tg.autograd.grad(y.mul(T(s.w, run.shape, run.dtype)).sum(), params);
      grads.forEach((g, i) => expectClose(flat(g!), s.grads[i], tol * 10));
      if (step !== null) {
        expectClose(flat(bn.runningMean!), step.running_mean, tol);
        expectClose(flat(bn.runningVar!), step.running_var, tol);
        expect(bn.numBatchesTracked!.item()).toBe(step.num_batches_tracked);
      }
    }
    const sd = bn.stateDict();
    expect(Object.entries(sd).map(([k, v]) => [k, v.dtype, v.shape])).toEqual(run.state_dict);
  });

  test('buffers: registered, int64 count, reset, not parameters', () => {
    const bn = new nn.BatchNorm1d(4);
    expect(bn.namedBuffers().map(([k]) => k)).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    expect(bn.numBatchesTracked!.dtype).toBe('int64');
    expect(bn.parameters()).toHaveLength(2);
    bn.call(tg.randn([5, 4]));
    bn.call(tg.randn([5, 4]));
    expect(bn.numBatchesTracked!.item()).toBe(2);
    bn.resetRunningStats();
    expect(flat(bn.runningMean!)).toEqual([0, 0, 0, 0]);
    expect(flat(bn.runningVar!)).toEqual([1, 1, 1, 1]);
    expect(bn.numBatchesTracked!.item()).toBe(0);
    // No running statistics: batch statistics in eval() too, nothing in the state dict but the affine parameters.
    const free = new nn.BatchNorm1d(2, { trackRunningStats: false, affine: false });
    expect(Object.keys(free.stateDict())).toEqual([]);
    free.eval();
    const y = free.call(
      tg.tensor([
        [1, 2],
        [3, 6],
      ]),
    );
    expectClose(flat(y), [-1, -1, 1, 1], 1e-4);
  });

  test('errors: one value per channel in training, wrong dims or channels', () => {
    const bn = new nn.BatchNorm1d(3);
    expectTensorError(() => bn.call(tg.randn([1, 3])), 'ARGUMENT', 'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])');
    expectTensorError(() => bn.call(tg.randn([1, 3, 1])), 'ARGUMENT', /more than 1 value per channel/);
    // An empty batch is not an error (PyTorch raises only for exactly one value per channel) and moves nothing.
    expect(bn.call(tg.zeros([0, 3])).shape).toEqual([0, 3]);
    expect(flat(bn.runningMean!)).toEqual([0, 0, 0]);
    bn.eval();
    expect(bn.call(tg.randn([1, 3])).shape).toEqual([1, 3]);
    expectTensorError(() => bn.call(tg.randn([2, 3, 2, 2])), 'SHAPE', 'expected 2D or 3D input (got 4D input)');
    expectTensorError(() => bn.call(tg.randn([2, 4])), 'SHAPE', 'running_mean should contain 4 elements not 3');
    expectTensorError(() => tg.nn.functional.batchNorm(tg.randn([2, 3]), null, null), 'ARGUMENT', /evaluation mode/);
    expectTensorError(() => tg.nn.functional.batchNorm(tg.tensor([[1, 2]], { dtype: 'int32' }), null, null, { training: true }), 'DTYPE');
  });
});

describe('LayerNorm', () => {
  test('parameters, state dict and repr as PyTorch', () => {
    const ln = new nn.LayerNorm(4);
    expect(ln.toString()).toBe('LayerNorm((4,), eps=1e-05, elementwise_affine=True)');
    expect(new nn.LayerNorm([3, 4], { elementwiseAffine: false, eps: 1e-6 }).toString()).toBe('LayerNorm((3, 4), eps=1e-06, elementwise_affine=False)');
    expect(Object.keys(ln.stateDict())).toEqual(['weight', 'bias']);
    expect(flat(ln.weight!)).toEqual([1, 1, 1, 1]);
    expect(flat(ln.bias!)).toEqual([0, 0, 0, 0]);
    const noBias = new nn.LayerNorm([2, 2], { bias: false });
    expect(Object.keys(noBias.stateDict())).toEqual(['weight']);
    expect(noBias.weight!.shape).toEqual([2, 2]);
    expect(new nn.LayerNorm(3, { elementwiseAffine: false }).parameters()).toHaveLength(0);
  });

  test('forward matches a float64 naive loop; node NativeLayerNormBackward0', () => {
    const x = tg.tensor(values(24, 3), { shape: [2, 3, 4], dtype: 'float64' });
    const ln = new nn.LayerNorm([3, 4], { eps: 1e-3 }).to('float64');
    tg.noGrad(() => ln.weight!.copy_(tg.tensor(values(12, 4), { shape: [3, 4], dtype: 'float64' })));
    const y = ln.call(x);
    const xv = flat(x);
    const wv = flat(ln.weight!);
    const expected: number[] = [];
    for (let b = 0; b < 2; b++) {
      const row = xv.slice(b * 12, b * 12 + 12);
      const m = row.reduce((s, v) => s + v, 0) / 12;
      const v = row.reduce((s, u) => s + (u - m) ** 2, 0) / 12;
      row.forEach((u, i) => expected.push(((u - m) / Math.sqrt(v + 1e-3)) * wv[i]));
    }
    expectClose(flat(y), expected, 1e-12);
    expect(ln.call(x.requiresGrad_(true)).gradFn?.name).toBe('NativeLayerNormBackward0');
  });

  test('errors', () => {
    const F = tg.nn.functional;
    expectTensorError(
      () => F.layerNorm(tg.randn([3, 5]), 4),
      'SHAPE',
      'Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[3, 5]',
    );
    expectTensorError(() => F.layerNorm(tg.randn([3, 4]), 4, { weight: tg.ones([3]) }), 'SHAPE', /Expected weight to be of same shape as normalized_shape/);
    expectTensorError(() => F.layerNorm(tg.tensor([[1, 2]], { dtype: 'int64' }), 2), 'DTYPE', `"LayerNormKernelImpl" not implemented for 'Long'`);
    expectTensorError(() => new nn.LayerNorm(-1), 'ARGUMENT');
  });
});

describe('RMSNorm (PyTorch 2.4) against a float64 naive loop', () => {
  function naive(x: number[], rows: number, n: number, eps: number, w: number[] | null): number[] {
    const out: number[] = [];
    for (let r = 0; r < rows; r++) {
      const row = x.slice(r * n, r * n + n);
      const ms = row.reduce((s, v) => s + v * v, 0) / n;
      row.forEach((v, i) => out.push((v / Math.sqrt(ms + eps)) * (w === null ? 1 : w[i])));
    }
    return out;
  }

  test('eps null is the dtype epsilon; weight ones; repr', () => {
    const m = new nn.RMSNorm([2, 3]);
    expect(m.toString()).toBe('RMSNorm((2, 3), eps=None, elementwise_affine=True)');
    expect(new nn.RMSNorm(4, { eps: 1e-6, elementwiseAffine: false }).toString()).toBe('RMSNorm((4,), eps=1e-06, elementwise_affine=False)');
    expect(Object.keys(m.stateDict())).toEqual(['weight']);
    const x64 = tg.tensor(values(12, 5), { shape: [2, 2, 3], dtype: 'float64' });
    m.to('float64');
    tg.noGrad(() => m.weight!.copy_(tg.tensor(values(6, 6), { shape: [2, 3], dtype: 'float64' })));
    expectClose(flat(m.call(x64)), naive(flat(x64), 2, 6, 2 ** -52, flat(m.weight!)), 1e-12);
    // float32: eps = 2^-23, visible on a tiny input.
    const tiny = tg.tensor([[1e-4, -2e-4, 3e-4]]);
    expectClose(flat(tg.nn.functional.rmsNorm(tiny, 3)), naive([1e-4, -2e-4, 3e-4], 1, 3, 2 ** -23, null), 1e-5);
    expectClose(flat(tg.nn.functional.rmsNorm(tiny, 3, { eps: 1e-3 })), naive([1e-4, -2e-4, 3e-4], 1, 3, 1e-3, null), 1e-5);
  });

  test('gradients pass gradcheck', () => {
    const x = tg.tensor(values(8, 7), { shape: [2, 4], dtype: 'float64', requiresGrad: true });
    const w = tg.tensor(values(4, 8), { shape: [4], dtype: 'float64', requiresGrad: true });
    expect(tg.autograd.gradcheck((a, b) => tg.nn.functional.rmsNorm(a, 4, { weight: b, eps: 1e-5 }), [x, w])).toBe(true);
  });
});

describe(`checkpoints saved by PyTorch ${fixture.pytorch} load with loadStateDict (strict) and give its eval outputs`, () => {
  class GELU extends nn.Module {
    forward(x: tg.Tensor): tg.Tensor {
      return x.gelu();
    }
  }
  const C = fixture.checkpoint;

  test('EmbeddingBag -> LayerNorm -> Linear -> GELU -> BatchNorm1d -> Linear', () => {
    const model = new nn.Sequential(
      new nn.EmbeddingBag(20, 8, { mode: 'mean', paddingIdx: 0 }),
      new nn.LayerNorm(8),
      new nn.Linear(8, 6),
      new GELU(),
      new nn.BatchNorm1d(6),
      new nn.Linear(6, 2),
    );
    const sd = model.stateDict();
    expect(Object.entries(sd).map(([k, v]) => [k, v.dtype, v.shape])).toEqual(C.bag_model.keys);
    const result = model.loadStateDict(tg.load(path.join(FIX, 'norm_layers_model.safetensors')));
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
    model.eval();
    const x = tg.tensor(C.bag_model.x as number[], { shape: C.bag_model.x_shape, dtype: 'int64' });
    expectClose(flat(model.call(x)), C.bag_model.y, 2e-6);
    const lines = (C.bag_model.repr as string).split('\n');
    for (const i of [1, 2, 5]) expect(model.toString().split('\n')[i]).toBe(lines[i]);
  });

  test('Embedding -> LayerNorm -> Linear', () => {
    const model = new nn.Sequential(new nn.Embedding(12, 4, { paddingIdx: 0 }), new nn.LayerNorm(4), new nn.Linear(4, 3));
    expect(Object.keys(model.stateDict())).toEqual(C.seq_model.keys);
    model.loadStateDict(tg.load(path.join(FIX, 'norm_layers_seq.safetensors')));
    expect(model.toString()).toBe(C.seq_model.repr);
    const x = tg.tensor(C.seq_model.x as number[], { shape: C.seq_model.x_shape, dtype: 'int64' });
    expectClose(flat(model.call(x)), C.seq_model.y, 2e-6);
  });
});
