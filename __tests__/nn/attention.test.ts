// MultiheadAttention beyond the PyTorch fixture (layers_parity.test.ts) and
// scaledDotProductAttention (PyTorch 1.13 has none, so against the float64 definition).
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

const { nn } = tg;
const F = nn.functional;

/** softmax(q k^T / sqrt(E) + mask) v, row by row. */
function naive(q: number[][], k: number[][], v: number[][], allowed: (i: number, j: number) => boolean): number[] {
  const e = q[0].length;
  const out: number[] = [];
  for (let i = 0; i < q.length; i++) {
    const s = k.map((kr, j) => (allowed(i, j) ? kr.reduce((acc, x, d) => acc + x * q[i][d], 0) / Math.sqrt(e) : -Infinity));
    const m = Math.max(...s);
    const p = s.map((x) => Math.exp(x - m));
    const z = p.reduce((a, b) => a + b, 0);
    for (let d = 0; d < v[0].length; d++) out.push(p.reduce((acc, pj, j) => acc + (pj / z) * v[j][d], 0));
  }
  return out;
}

test('scaledDotProductAttention: plain, bool mask (true = attend), causal', () => {
  const g = new tg.Generator().manualSeed(3);
  const q = tg.randn([4, 3], { generator: g, dtype: 'float64' });
  const k = tg.randn([5, 3], { generator: g, dtype: 'float64' });
  const v = tg.randn([5, 2], { generator: g, dtype: 'float64' });
  const [qa, ka, va] = [q, k, v].map((t) => t.toArray() as number[][]);
  expectClose(
    flat(F.scaledDotProductAttention(q, k, v)),
    naive(qa, ka, va, () => true),
    1e-12,
  );
  const allowed = (i: number, j: number) => (i + j) % 3 !== 1;
  const mask = tg.tensor(Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => allowed(i, j))));
  expectClose(flat(F.scaledDotProductAttention(q, k, v, { attnMask: mask })), naive(qa, ka, va, allowed), 1e-12);
  expectClose(
    flat(F.scaledDotProductAttention(q, k, v, { isCausal: true })),
    naive(qa, ka, va, (i, j) => j <= i),
    1e-12,
  );
  expectTensorError(() => F.scaledDotProductAttention(q, k, v, { isCausal: true, attnMask: mask }), 'ARGUMENT');
  const qg = q.detach().requiresGrad_();
  expect(tg.autograd.gradcheck((a) => F.scaledDotProductAttention(a, k, v, { attnMask: mask }), [qg])).toBe(true);
});

test('MultiheadAttention: needWeights false gives null; eval ignores dropout; call runs hooks', () => {
  const m = new nn.MultiheadAttention(4, 2, { dropout: 0.9, generator: new tg.Generator().manualSeed(1) });
  const x = tg.randn([3, 2, 4]);
  const [out, w] = m.eval().forward(x, x, x, { needWeights: false });
  expect(w).toBeNull();
  expect(out.shape).toEqual([3, 2, 4]);
  expectClose(flat(m.forward(x, x, x)[0]), flat(out), 1e-6);
  let seen = 0;
  m.registerForwardHook(() => {
    seen++;
  });
  const [o2, w2] = m.call(x, x, x);
  expect([seen, o2.shape, w2!.shape]).toEqual([1, [3, 2, 4], [2, 3, 3]]);
  m.train();
  const [o3] = m.forward(x, x, x);
  expect(flat(o3)).not.toEqual(flat(out)); // dropout on the weights in training
});

test('state-dict keys and repr are PyTorch’s', () => {
  const m = new nn.MultiheadAttention(8, 2, { kdim: 3, vdim: 5, addBiasKv: true });
  expect(Object.keys(m.stateDict())).toEqual([
    'q_proj_weight',
    'k_proj_weight',
    'v_proj_weight',
    'in_proj_bias',
    'bias_k',
    'bias_v',
    'out_proj.weight',
    'out_proj.bias',
  ]);
  expect(m.toString()).toBe('MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)\n)');
  expect(Object.keys(new nn.MultiheadAttention(4, 1).stateDict())).toEqual(['in_proj_weight', 'in_proj_bias', 'out_proj.weight', 'out_proj.bias']);
});

test('errors', () => {
  expectTensorError(() => new nn.MultiheadAttention(8, 3), 'ARGUMENT', 'embed_dim must be divisible by num_heads');
  expectTensorError(() => new nn.MultiheadAttention(0, 1), 'ARGUMENT');
  expectTensorError(() => new nn.MultiheadAttention(8, 2, { dropout: 2 }), 'ARGUMENT', 'dropout probability');
  const m = new nn.MultiheadAttention(8, 2);
  const x = tg.zeros([3, 2, 8]);
  expectTensorError(() => m.forward(x, tg.zeros([3, 8]), tg.zeros([3, 8])), 'SHAPE', 'expected `key` and `value` to be 3-D but found 2-D and 2-D');
  expectTensorError(() => m.forward(tg.zeros([3, 2, 7]), x, x), 'SHAPE', 'was expecting embedding dimension of 8, but got 7');
  expectTensorError(() => m.forward(x, x, x, { attnMask: tg.zeros([3, 4]) }), 'SHAPE', 'The shape of the 2D attn_mask is [3, 4], but should be [3, 3].');
  expectTensorError(() => m.forward(x, x, x, { attnMask: tg.zeros([3, 3], { dtype: 'int32' }) }), 'DTYPE');
  expectTensorError(() => m.forward(x, x, x, { keyPaddingMask: tg.zeros([2, 4], { dtype: 'bool' }) }), 'SHAPE', 'key_padding_mask');
  expectTensorError(() => m.forward(tg.zeros([8]), tg.zeros([8]), tg.zeros([8])), 'SHAPE');
});
