// The 0.2 losses against hand-derived values, their modules, and every error case with its code.
// Values and gradients against PyTorch: scripts/parity/losses.py (fixtures/parity/losses.json).
import * as tg from '../../lib';
import { expectClose, flat } from '../helpers';

const F = tg.nn.functional;
const f64 = (v: tg.NestedArray) => tg.tensor(v, { dtype: 'float64' });
const idx = (v: tg.NestedArray, dtype: tg.DType = 'int64') => tg.tensor(v, { dtype });

describe('nll_loss and cross_entropy by hand', () => {
  const logp = f64([
    [-1, -2, -3],
    [-0.5, -1.5, -2.5],
  ]);
  const w = f64([1, 2, 3]);

  test('the weighted mean divides by the weights of the non-ignored targets', () => {
    expectClose(flat(F.nllLoss(logp, idx([2, 0]), { weight: w })), [(3 * 3 + 1 * 0.5) / 4], 1e-15);
    expectClose(flat(F.nllLoss(logp, idx([2, -100]), { weight: w })), [3], 1e-15);
    expectClose(flat(F.nllLoss(logp, idx([2, 0]), { weight: w, reduction: 'sum' })), [9.5], 1e-15);
    expectClose(flat(F.nllLoss(logp, idx([2, -100]), { weight: w, reduction: 'none' })), [9, 0], 1e-15);
    expectClose(flat(F.nllLoss(logp, idx([1, 1], 'int32'), { ignoreIndex: 1 })), [NaN]);
  });

  test('gradients: -w[t] / total weight at the target class, 0 elsewhere and for ignored rows', () => {
    const x = logp.clone().requiresGrad_();
    F.nllLoss(x, idx([2, 0, -100].slice(0, 2)), { weight: w }).backward();
    expectClose(flat(x.grad!), [0, 0, -3 / 4, -1 / 4, 0, 0], 1e-15);
    const y = logp.clone().requiresGrad_();
    F.nllLoss(y, idx([-100, 1])).backward();
    expectClose(flat(y.grad!), [0, 0, 0, 0, -1, 0], 1e-15);
  });

  test('an ignored row whose log-probability is -inf adds nothing', () => {
    const x = f64([
      [-Infinity, 0],
      [-1, -2],
    ]);
    expectClose(flat(F.nllLoss(x, idx([0, 1]), { ignoreIndex: 0 })), [2], 1e-15);
  });

  test('cross entropy with label smoothing is (1 - s) nll + s / C * mean(-sum log p)', () => {
    const x = f64([
      [0.2, -1, 0.7],
      [1.5, 0.1, -0.3],
    ]);
    const lp = x.logSoftmax(1).toArray() as number[][];
    const s = 0.3;
    const nll = (-lp[0][2] - lp[1][0]) / 2;
    const smooth = (-lp[0].reduce((a, b) => a + b) - lp[1].reduce((a, b) => a + b)) / 2;
    expectClose(flat(F.crossEntropy(x, idx([2, 0]), { labelSmoothing: s })), [(1 - s) * nll + (s / 3) * smooth], 1e-14);
    // the same as cross entropy against the smoothed one-hot distribution
    const soft = f64([
      [0.1, 0.1, 0.8],
      [0.8, 0.1, 0.1],
    ]);
    expectClose(flat(F.crossEntropy(x, idx([2, 0]), { labelSmoothing: s })), flat(F.crossEntropy(x, soft)), 1e-14);
  });

  test('class probabilities: -sum(p log softmax(x)) per row, the mean over rows', () => {
    const x = f64([[1, 2, 3]]);
    const p = f64([[0.2, 0.3, 0.5]]);
    const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    expectClose(flat(F.crossEntropy(x, p)), [-(0.2 * (1 - lse) + 0.3 * (2 - lse) + 0.5 * (3 - lse))], 1e-14);
  });

  test('empty batches: NaN for the mean, 0 for the sum, an empty tensor for none', () => {
    expectClose(flat(F.nllLoss(tg.zeros([0, 4]), idx([]).reshape([0]))), [NaN]);
    expect(F.nllLoss(tg.zeros([0, 4]), idx([]).reshape([0]), { reduction: 'sum' }).item()).toBe(0);
    expect(F.nllLoss(tg.zeros([0, 3, 4]), idx([]).reshape([0, 4]), { reduction: 'none' }).shape).toEqual([0, 4]);
    expectClose(flat(F.crossEntropy(tg.zeros([0, 4]), tg.zeros([0, 4]))), [NaN]);
  });

  test('float32 inputs stay float32, int32 and int64 targets agree', () => {
    const x = tg.tensor([
      [0.3, -0.2],
      [1, 2],
    ]);
    const a = F.crossEntropy(x, idx([1, 0], 'int32'));
    const b = F.crossEntropy(x, idx([1, 0]));
    expect(a.dtype).toBe('float32');
    expect(a.item()).toBe(b.item());
  });
});

describe('pointwise losses by hand', () => {
  test('binary cross entropy, its -100 clamp, and weights', () => {
    expectClose(flat(F.binaryCrossEntropy(f64([0.5, 0.25]), f64([1, 0]), { reduction: 'none' })), [Math.log(2), -Math.log(0.75)], 1e-15);
    expectClose(flat(F.binaryCrossEntropy(f64([0, 1]), f64([1, 0]), { reduction: 'none' })), [100, 100]);
    expectClose(flat(F.binaryCrossEntropy(f64([0.5, 0.5]), f64([1, 1]), { weight: f64([1, 3]) })), [2 * Math.log(2)], 1e-15);
    const x = f64([0.25]).requiresGrad_();
    F.binaryCrossEntropy(x, f64([1])).backward();
    expectClose(flat(x.grad!), [-4], 1e-15); // (x - y) / (x (1 - x))
  });

  test('huber and smooth L1: quadratic inside, linear outside', () => {
    const x = f64([2, 0.5, -3]);
    const zero = f64([0, 0, 0]);
    expectClose(flat(F.huberLoss(x, zero, { reduction: 'none' })), [1.5, 0.125, 2.5], 1e-15);
    expectClose(flat(F.huberLoss(x, zero, { delta: 0.5, reduction: 'none' })), [0.875, 0.125, 1.375], 1e-15);
    expectClose(flat(F.smoothL1Loss(x, zero, { beta: 0.5, reduction: 'none' })), [1.75, 0.25, 2.75], 1e-15);
    expectClose(flat(F.smoothL1Loss(f64([0.2]), f64([0]), 0.5)), [0.04], 1e-15);
    expectClose(flat(F.smoothL1Loss(x, zero, 0)), [(2 + 0.5 + 3) / 3], 1e-15);
    const y = f64([2, 0.5, -3]).requiresGrad_();
    F.huberLoss(y, zero, { delta: 1, reduction: 'sum' }).backward();
    expectClose(flat(y.grad!), [1, 0.5, -1], 1e-15);
  });

  test('KL divergence: sum q log(q / p), batchmean divides by the batch, 0 where q = 0', () => {
    const p = [
      [0.25, 0.75],
      [0.5, 0.5],
    ];
    const q = [
      [0.5, 0.5],
      [0, 1],
    ];
    const logp = f64(p).log();
    const total = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75) + Math.log(1 / 0.5);
    expectClose(flat(F.klDiv(logp, f64(q), { reduction: 'batchmean' })), [total / 2], 1e-15);
    expectClose(flat(F.klDiv(logp, f64(q), { reduction: 'sum' })), [total], 1e-15);
    expectClose(flat(F.klDiv(logp, f64(q))), [total / 4], 1e-15);
    // with logTarget a zero probability is log 0 = -inf, and exp(-inf) * (-inf - x) is NaN, as in PyTorch
    const q2 = f64([
      [0.5, 0.5],
      [0.25, 0.75],
    ]);
    expectClose(flat(F.klDiv(logp, q2.log(), { reduction: 'sum', logTarget: true })), flat(F.klDiv(logp, q2, { reduction: 'sum' })), 1e-15);
    expectClose(flat(F.klDiv(logp, f64(q).log(), { reduction: 'sum', logTarget: true })), [NaN]);
    expect(flat(F.klDiv(logp, f64(q), { reduction: 'none' }))[2]).toBe(0);
  });

  test('cosine embedding, margin ranking and triplet margin', () => {
    const a = f64([
      [1, 0],
      [1, 1],
    ]);
    const b = f64([
      [0, 1],
      [1, 1],
    ]);
    expectClose(flat(F.cosineEmbeddingLoss(a, b, f64([1, -1]), { reduction: 'none', margin: 0.5 })), [1, 0.5], 1e-12);
    expectClose(flat(F.marginRankingLoss(f64([1, 3]), f64([2, 1]), f64([1, 1]), { reduction: 'none', margin: 0.5 })), [1.5, 0], 1e-15);
    const anchor = f64([[0, 0]]);
    const d = (u: number[], v: number[]) => Math.hypot(u[0] - v[0] + 1e-6, u[1] - v[1] + 1e-6);
    const want = d([0, 0], [3, 4]) - d([0, 0], [0, 1]) + 1;
    expectClose(flat(F.tripletMarginLoss(anchor, f64([[3, 4]]), f64([[0, 1]]))), [want], 1e-14);
    // swap: the positive-negative distance (1 here) replaces a larger anchor-negative distance
    const swapped = d([0, 0], [1, 0]) - d([1, 0], [2, 0]) + 1;
    expectClose(flat(F.tripletMarginLoss(anchor, f64([[1, 0]]), f64([[2, 0]]), { swap: true })), [swapped], 1e-14);
  });

  test('graph nodes are PyTorch’s', () => {
    const x = f64([0.3, 0.6]).requiresGrad_();
    expect(F.binaryCrossEntropy(x, f64([0, 1])).gradFn?.name).toBe('BinaryCrossEntropyBackward0');
    expect(F.huberLoss(x, f64([0, 1])).gradFn?.name).toBe('HuberLossBackward0');
    expect(F.smoothL1Loss(x, f64([0, 1])).gradFn?.name).toBe('SmoothL1LossBackward0');
    expect(F.marginRankingLoss(x, f64([0, 1]), f64([1, -1]), { reduction: 'none' }).gradFn?.name).toBe('ClampMinBackward0');
    const logits = tg.zeros([2, 3, 4, 5], { dtype: 'float64', requiresGrad: true });
    expect(F.nllLoss(logits, tg.zeros([2, 4, 5], { dtype: 'int64' })).gradFn?.name).toBe('NllLoss2DBackward0');
    expect(F.crossEntropy(logits.sum(3), tg.zeros([2, 4], { dtype: 'int64' }), { reduction: 'none' }).gradFn?.name).toBe('ViewBackward0');
  });
});

describe('loss modules', () => {
  const x = tg.tensor([
    [0.2, -1, 0.7],
    [1.5, 0.1, -0.3],
  ]);
  const t = idx([2, 0]);

  test('hold PyTorch’s attributes and defaults, and have no parameters', () => {
    const ce = new tg.nn.CrossEntropyLoss();
    expect([ce.weight, ce.ignoreIndex, ce.labelSmoothing, ce.reduction]).toEqual([null, -100, 0, 'mean']);
    expect(ce.parameters()).toEqual([]);
    const nll = new tg.nn.NLLLoss({ weight: tg.tensor([1, 2, 3]), ignoreIndex: 1, reduction: 'sum' });
    expect([nll.ignoreIndex, nll.reduction]).toEqual([1, 'sum']);
    expect(nll.parameters()).toEqual([]);
    expect(new tg.nn.HuberLoss().delta).toBe(1);
    expect(new tg.nn.HuberLoss(0.5).delta).toBe(0.5);
    expect(new tg.nn.HuberLoss(0.5, { reduction: 'sum' }).reduction).toBe('sum');
    expect(new tg.nn.HuberLoss({ delta: 2, reduction: 'none' }).delta).toBe(2);
    expect(new tg.nn.SmoothL1Loss(0.25).beta).toBe(0.25);
    expect(new tg.nn.SmoothL1Loss({ reduction: 'none' }).beta).toBe(1);
    expect(new tg.nn.KLDivLoss({ reduction: 'batchmean', logTarget: true }).logTarget).toBe(true);
    expect(new tg.nn.KLDivLoss().reduction).toBe('mean');
    expect(new tg.nn.CosineEmbeddingLoss().margin).toBe(0);
    expect(new tg.nn.MarginRankingLoss({ margin: 0.1 }).margin).toBe(0.1);
    const tr = new tg.nn.TripletMarginLoss();
    expect([tr.margin, tr.p, tr.eps, tr.swap]).toEqual([1, 2, 1e-6, false]);
  });

  test('weight is a buffer, as PyTorch registers it: in stateDict(), converted by to(), absent when not given', () => {
    const w = tg.tensor([1, 2, 0.5]);
    const ce = new tg.nn.CrossEntropyLoss({ weight: w });
    expect(ce.weight).toBe(w);
    expect(Object.keys(ce.stateDict())).toEqual(['weight']);
    expect(ce.buffers()).toEqual([w]);
    expect(Object.keys(new tg.nn.CrossEntropyLoss().stateDict())).toEqual([]);
    expect(Object.keys(new tg.nn.NLLLoss({ weight: w }).stateDict())).toEqual(['weight']);
    expect(Object.keys(new tg.nn.BCELoss({ weight: w }).stateDict())).toEqual(['weight']);
    expect(new tg.nn.BCELoss().weight).toBeNull();
    const bl = new tg.nn.BCEWithLogitsLoss({ weight: w, posWeight: tg.tensor([2]) });
    expect(Object.keys(bl.stateDict())).toEqual(['weight', 'pos_weight']);
    const logits = x.clone().requiresGrad_();
    const out = bl.forward(logits, x.sigmoid());
    expect(out.gradFn?.name).toBe('BinaryCrossEntropyWithLogitsBackward0');
    expect(out.item()).toBe(F.binaryCrossEntropyWithLogits(x, x.sigmoid(), { weight: w, posWeight: tg.tensor([2]) }).item());
    const nll = new tg.nn.NLLLoss({ weight: w }).to('float64');
    expect(nll.weight!.dtype).toBe('float64');
    expect(nll.forward(x.logSoftmax(1).to('float64'), t).dtype).toBe('float64');
    expect(String(ce)).toBe('CrossEntropyLoss()');
    expect(String(new tg.nn.TripletMarginLoss({ margin: 2 }))).toBe('TripletMarginLoss()');
  });

  test('forward is the functional with the module’s options', () => {
    const w = tg.tensor([1, 2, 0.5]);
    const opts = { weight: w, ignoreIndex: 0, labelSmoothing: 0.1, reduction: 'sum' as const };
    expect(new tg.nn.CrossEntropyLoss(opts).forward(x, t).item()).toBe(F.crossEntropy(x, t, opts).item());
    expect(new tg.nn.NLLLoss({ weight: w }).forward(x.logSoftmax(1), t).item()).toBe(F.nllLoss(x.logSoftmax(1), t, { weight: w }).item());
    const p = x.sigmoid();
    const q = tg.tensor([
      [0, 1, 0.5],
      [1, 0, 0.25],
    ]);
    expect(new tg.nn.BCELoss({ reduction: 'sum' }).forward(p, q).item()).toBe(F.binaryCrossEntropy(p, q, { reduction: 'sum' }).item());
    expect(new tg.nn.HuberLoss(0.3).forward(x, q).item()).toBe(F.huberLoss(x, q, 0.3).item());
    expect(new tg.nn.SmoothL1Loss(0.3).forward(x, q).item()).toBe(F.smoothL1Loss(x, q, { beta: 0.3 }).item());
    const kl = new tg.nn.KLDivLoss({ reduction: 'batchmean' }).forward(x.logSoftmax(1), x.softmax(1));
    expect(kl.item()).toBeCloseTo(0, 6);
    const y = tg.tensor([1, -1]);
    expect(new tg.nn.CosineEmbeddingLoss({ margin: 0.2 }).forward(x, q, y).item()).toBe(F.cosineEmbeddingLoss(x, q, y, { margin: 0.2 }).item());
    const [x0, x1] = [x.select(1, 0), x.select(1, 1)];
    expect(new tg.nn.MarginRankingLoss({ margin: 2 }).forward(x0, x1, y).item()).toBe(F.marginRankingLoss(x0, x1, y, { margin: 2 }).item());
    expect(new tg.nn.TripletMarginLoss({ p: 1 }).forward(x, q, p).item()).toBe(F.tripletMarginLoss(x, q, p, { p: 1 }).item());
  });

  test('a training step through CrossEntropyLoss reaches the parameters', () => {
    const lin = new tg.nn.Linear(3, 3);
    const loss = new tg.nn.CrossEntropyLoss({ labelSmoothing: 0.1 }).forward(lin.forward(x), t);
    loss.backward();
    expect(lin.weight.grad).not.toBeNull();
    expect(flat(lin.weight.grad!).some((v) => v !== 0)).toBe(true);
  });
});
