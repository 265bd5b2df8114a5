// RMSprop, Adagrad, Adamax, NAdam and RAdam on parameters large enough for the addon's fused
// steps (native/kernels/body/optim_body.h): every option combination, float32 and float64, the
// parameters and every state buffer after each step bit for bit equal to the JS loop's
// (lib/backend/js_optim.ts, which pytorch_optim.test.ts holds to PyTorch 1.13's bits), on gradients
// with zeros, -0, overflowing squares, infinities and a NaN. Run under TENSORGRAD_ISA=ref, avx2
// and the default to cover each kernel table; and the driver's checks at the addon's boundary.
import * as tg from '../../lib';
import * as jsOptim from '../../lib/backend/js_optim';
import { optimNative } from '../../lib/backend/entries_optim';
import { OptimCode } from '../../lib/backend/codes';
import { JS_STEP } from '../../lib/backend/js_paths';
import { expectTensorError } from '../helpers';

const N = 1029; // above JS_STEP, with a vector remainder
const STEPS = 7; // RAdam's rectification starts at step 6 with the default betas

type Dtype = 'float32' | 'float64';
type Opts = Record<string, unknown>;

const CASES: [string, Opts][] = [
  ['RMSprop', {}],
  ['RMSprop', { momentum: 0.9, weightDecay: 0.05 }],
  ['RMSprop', { centered: true, maximize: true }],
  ['RMSprop', { centered: true, momentum: 0.5, weightDecay: 0.1, alpha: 0.9, eps: 1e-6, maximize: true }],
  ['Adagrad', {}],
  ['Adagrad', { lrDecay: 0.05, weightDecay: 0.1, initialAccumulatorValue: 0.1 }],
  ['Adagrad', { lr: 0.05, eps: 1e-6, maximize: true }],
  ['Adamax', {}],
  ['Adamax', { weightDecay: 0.1, betas: [0.8, 0.99], maximize: true }],
  ['Adamax', { eps: 1e-3 }],
  ['NAdam', {}],
  ['NAdam', { weightDecay: 0.1, momentumDecay: 0.01, maximize: true }],
  ['NAdam', { betas: [0.8, 0.99], eps: 1e-6 }],
  ['RAdam', {}],
  ['RAdam', { weightDecay: 0.1, maximize: true }],
  ['RAdam', { betas: [0.9, 0.9], lr: 0.01 }],
];

// A fixed LCG: the same values for both runs, independent of the library's generators.
function values(seed: number, n: number, specials: boolean): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push((s / 2 ** 32) * 4 - 2);
  }
  if (specials) {
    out[1] = 0;
    out[2] = -0;
    out[3] = 3e38; // its square overflows float32
    out[4] = -Infinity;
    out[5] = 1e-30;
    // float64 extremes where an FMA done by error-free transforms needs care: a square that is
    // subnormal, operands past Dekker's split range, a subnormal gradient
    out[6] = 1.3283911057137432e-158;
    out[7] = -1e300;
    out[8] = 2e-310;
    out[N - 1] = NaN;
  }
  return out;
}

/** Each step's parameter and state buffers, as raw bits. */
function trajectory(name: string, opts: Opts, dtype: Dtype): ArrayBuffer[] {
  // a parameter that starts at an offset in its storage, and a gradient that does too
  const p = tg
    .tensor([7, ...values(1, N, false)], { dtype })
    .narrow(0, 1, N)
    .detach()
    .requiresGrad_();
  const opt = new (tg.optim as unknown as Record<string, new (ps: tg.Tensor[], o: Opts) => tg.optim.Optimizer>)[name]([p], opts);
  const out: ArrayBuffer[] = [];
  const bits = (t: tg.Tensor): ArrayBuffer => t.detach().clone().dataSync<tg.TypedArray>().buffer.slice(0) as ArrayBuffer;
  for (let step = 0; step < STEPS; step++) {
    p.grad = tg.tensor([0, 0, ...values(100 + step, N, step % 2 === 1)], { dtype }).narrow(0, 2, N);
    opt.step();
    out.push(bits(p));
    for (const v of Object.values(opt.stateDict().state[0])) {
      if (tg.isTensor(v)) out.push(bits(v));
    }
  }
  return out;
}

/** Bit equality, NaNs matching NaNs (their payload is the operand order's). */
function expectSameBits(got: ArrayBuffer[], want: ArrayBuffer[], dtype: Dtype, label: string): void {
  expect(got.length).toBe(want.length);
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const Bits = dtype === 'float32' ? Uint32Array : BigUint64Array;
  for (let k = 0; k < got.length; k++) {
    const [a, b] = [new Arr(got[k]), new Arr(want[k])];
    const [x, y] = [new Bits(got[k]), new Bits(want[k])];
    for (let i = 0; i < a.length; i++) {
      if (x[i] !== y[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) {
        throw new Error(`${label}: buffer ${k} element ${i}: addon ${a[i]}, JS loop ${b[i]}`);
      }
    }
  }
}

describe('the fused native steps give the JS loop bits', () => {
  afterEach(() => jest.restoreAllMocks());

  test.each(CASES.flatMap(([name, opts]) => (['float32', 'float64'] as Dtype[]).map((d) => [name, JSON.stringify(opts), d, opts] as const)))(
    '%s %s %s',
    (name, _, dtype, opts) => {
      expect(N).toBeGreaterThan(JS_STEP);
      const calls = jest.spyOn(optimNative, 'optimStep');
      const got = trajectory(name, opts, dtype);
      expect(calls).toHaveBeenCalledTimes(STEPS);
      calls.mockClear();
      // the same run with the JS loop at every size
      jest.spyOn(jsOptim, 'smallOptimStep').mockImplementation((op, p, g, s, h) => {
        jsOptim.jsOptimStep(op, p, g, s, h);
        return true;
      });
      const want = trajectory(name, opts, dtype);
      expect(calls).not.toHaveBeenCalled();
      expectSameBits(got, want, dtype, `${name} ${JSON.stringify(opts)} ${dtype}`);
    },
  );

  test('a tiny parameter stays in JS', () => {
    const calls = jest.spyOn(optimNative, 'optimStep');
    const p = tg.ones([JS_STEP], { requiresGrad: true });
    p.grad = tg.ones([JS_STEP]);
    new tg.optim.RMSprop([p]).step();
    expect(calls).not.toHaveBeenCalled();
  });
});

describe('optimStep checks its arguments at the boundary', () => {
  const f = (n: number): Float32Array => new Float32Array(n);
  const c = [0, 0.9, 0.1, 0.999, 0.001, 0.5, 0.01, 1e-8, 0.5, 1];
  const call = (op: number, n: number, bufs: Float32Array[] | (Float32Array | Float64Array)[], offsets = [0, 0, 0, 0, 0], has = [true, true, false]): void =>
    optimNative.optimStep(op, n, bufs, offsets, has, false, false, c);

  test('lengths and offsets past a buffer', () => {
    expectTensorError(() => call(OptimCode.Adamax, 8, [f(8), f(8), f(8), f(7), f(8)]), 'INDEX', /adamax.*exp_inf/);
    expectTensorError(() => call(OptimCode.NAdam, 8, [f(8), f(8), f(8), f(8), f(8)], [1, 0, 0, 0, 0]), 'INDEX', /nadam.*parameter/);
    expectTensorError(() => call(OptimCode.RAdam, 8, [f(8), f(4), f(8), f(8), f(8)]), 'INDEX', /radam.*gradient/);
    expectTensorError(() => call(OptimCode.Adagrad, -1, [f(8), f(8), f(8), f(8), f(8)], undefined, [true, false, false]), 'ARGUMENT', /adagrad/);
  });

  test('dtypes', () => {
    const d = new Float64Array(8);
    expectTensorError(() => call(OptimCode.Adamax, 8, [f(8), d, f(8), f(8), f(8)]), 'DTYPE', /adamax/);
    const i = new Int32Array(8) as unknown as Float32Array;
    expectTensorError(() => call(OptimCode.RAdam, 8, [i, i, i, i, i]), 'DTYPE', /radam/);
  });

  test('state buffers the op does not have, or lacks', () => {
    const b = [f(8), f(8), f(8), f(8), f(8)];
    expectTensorError(() => call(OptimCode.Adagrad, 8, b, undefined, [true, true, false]), 'ARGUMENT', /adagrad/);
    expectTensorError(() => call(OptimCode.NAdam, 8, b, undefined, [true, false, false]), 'ARGUMENT', /nadam: missing exp_avg_sq/);
    expectTensorError(() => call(OptimCode.RMSprop, 8, b, undefined, [false, true, true]), 'ARGUMENT', /rmsprop: missing square_avg/);
    expectTensorError(() => call(99, 8, b), 'ARGUMENT', /optim_step: unknown optimizer code 99/);
  });
});
