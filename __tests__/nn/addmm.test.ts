import * as tg from '../../lib';
import { addmm } from '../../lib/ops/linalg';

// nn.Linear and LinearRegression record bias + x @ m as one addmm node; values and gradients must be
// the bits of the composite matmul then add, on both the small (JS) and native paths.
const bits = (t: tg.Tensor) => Array.from(t.contiguous().dataSync());

test.each([
  [1, 3, 1],
  [5, 2, 1],
  [100, 2, 1],
  [64, 7, 5],
  [300, 33, 17],
])('addmm of [%i, %i] x %i outputs is bit-identical to matmul then add', (rows, inF, outF) => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const transposed of [true, false]) {
      const gen = new tg.Generator().manualSeed(rows * 31 + inF);
      const x0 = tg.normal(0, 1, [rows, inF], { generator: gen, dtype });
      const w0 = tg.normal(0, 1, transposed ? [outF, inF] : [inF, outF], { generator: gen, dtype });
      const b0 = tg.normal(0, 1, [outF], { generator: gen, dtype });
      const g = tg.normal(0, 1, [rows, outF], { generator: gen, dtype });
      const run = (f: (x: tg.Tensor, w: tg.Tensor, b: tg.Tensor) => tg.Tensor) => {
        const [x, w, b] = [x0, w0, b0].map((t) => t.detach().requiresGrad_(true));
        const y = f(x, w, b);
        y.backward(g);
        return { y, grads: [x, w, b].map((t) => bits(t.grad!)) };
      };
      const fused = run((x, w, b) => addmm(b, x, transposed ? w.t() : w));
      const composite = run((x, w, b) => x.matmul(transposed ? w.t() : w).add(b));
      expect(fused.y.gradFn!.name).toBe('AddmmBackward0');
      expect(bits(fused.y)).toEqual(bits(composite.y));
      expect(fused.grads).toEqual(composite.grads);
    }
  }
});

test('nn.Linear records one AddmmBackward0 node, as PyTorch; other shapes fall back; mixed dtypes are DTYPE errors', () => {
  const layer = new tg.nn.Linear(3, 2);
  const x = tg.randn([4, 3]);
  const y = layer.forward(x);
  expect(y.gradFn!.name).toBe('AddmmBackward0');
  // PyTorch's addmm edges: bias, input (none: x needs no grad), weight.t().
  expect(y.gradFn!.nextFunctions.map(([f]) => f?.name ?? null)).toEqual(['AccumulateGrad', null, 'TBackward0']);
  // Independent reference: sum_k x[i,k] w[j,k] + b[j] in float64.
  const xd = x.dataSync(),
    wd = layer.weight.dataSync(),
    bd = layer.bias!.dataSync();
  const want: number[] = [];
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 2; j++) {
      let s = bd[j];
      for (let k = 0; k < 3; k++) s += xd[i * 3 + k] * wd[j * 3 + k];
      want.push(s);
    }
  bits(y).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  // Batched input takes matmul then add.
  expect(layer.forward(tg.randn([2, 4, 3])).shape).toEqual([2, 4, 2]);
  // A float64 bias with float32 operands: PyTorch 2.x's addmm refuses it ("self and mat2 must have the same dtype").
  expect(() => addmm(tg.randn([2], { dtype: 'float64' }), tg.randn([4, 3]), tg.randn([3, 2]))).toThrow(
    expect.objectContaining({ code: 'DTYPE', message: 'addmm: self and mat2 must have the same dtype, but got Double and Float' }),
  );
});
