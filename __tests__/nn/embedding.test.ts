// Embedding, EmbeddingBag and the functional oneHot / pad / embedding errors, against PyTorch
// (scripts/pytorch_norm_layers.py; the version is in the fixture) and hand-derived values.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'norm_layers.json'), 'utf8'));
const nn = tg.nn;
const F = tg.nn.functional;
const I = (v: tg.NestedArray, dtype: tg.DType = 'int64') => tg.tensor(v, { dtype });

describe(`Embedding follows PyTorch ${fixture.pytorch}`, () => {
  test('init: normal_(0, 1) from the seeded stream, padding row zeroed; a generator option', () => {
    tg.manualSeed(0);
    const e = new nn.Embedding(10, 3, { paddingIdx: 2 });
    expect(flat(e.weight)).toEqual(fixture.init.embedding_seed0_pad2); // bit for bit
    expect(flat(e.weight.select(0, 2))).toEqual([0, 0, 0]);
    tg.manualSeed(0);
    expect(flat(new nn.Embedding(3, 2).weight)).toEqual(fixture.init.embedding_small_seed0);
    const g = new tg.Generator();
    g.manualSeed(5);
    expect(flat(new nn.Embedding(7, 4, { generator: g }).weight)).toEqual(fixture.init.generator5_7x4);
    expect(e.weight.dtype).toBe('float32');
    expect(e.weight.requiresGrad).toBe(true);
  });

  test('max_norm renormalises the looked-up rows in place (embedding_renorm_)', () => {
    const r = fixture.embedding.renorm;
    const e = new nn.Embedding(6, 3, { maxNorm: 1, weight: tg.tensor(Float32Array.from(r.w0 as number[]), { shape: [6, 3] }) });
    const y = e.call(tg.tensor(r.indices as number[], { shape: [2, 2], dtype: 'int64' }));
    expectClose(flat(y), r.y, 1e-6);
    expectClose(flat(e.weight), r.weight_after, 1e-6);
    tg.autograd
      .grad(y.mul(tg.tensor(Float32Array.from(r.g as number[]), { shape: [2, 2, 3] })).sum(), [e.weight])
      .forEach((g) => expectClose(flat(g!), r.grad, 1e-6));
    const r1 = fixture.embedding.renorm_l1;
    const e1 = new nn.Embedding(5, 2, { maxNorm: 0.5, normType: 1, weight: tg.tensor(Float32Array.from(r1.w0 as number[]), { shape: [5, 2] }) });
    expectClose(flat(e1.call(I([1, 4, 1]))), r1.y, 1e-6);
    expectClose(flat(e1.weight), r1.weight_after, 1e-6);
    expect(e1.toString()).toBe('Embedding(5, 2, max_norm=0.5, norm_type=1.0)');
  });

  test('indices of any shape, int32 or int64; repr; fromPretrained', () => {
    const w = tg.tensor([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    const e = nn.Embedding.fromPretrained(w);
    expect(e.weight.requiresGrad).toBe(false);
    expect(e.call(I([[[2]], [[0]]], 'int32')).toArray()).toEqual([[[[4, 5]]], [[[0, 1]]]]);
    expect(e.call(I([], 'int64')).shape).toEqual([0, 2]);
    expect(e.call(tg.tensor(1, { dtype: 'int64' })).toArray()).toEqual([2, 3]);
    const trainable = nn.Embedding.fromPretrained(w, { freeze: false, paddingIdx: 1 });
    expect(trainable.weight.requiresGrad).toBe(true);
    expect(flat(trainable.weight.select(0, 1))).toEqual([2, 3]); // from_pretrained keeps the padding row's values
    expect(trainable.toString()).toBe('Embedding(3, 2, padding_idx=1)');
    expect(new nn.Embedding(10, 3, { paddingIdx: -1 }).toString()).toBe('Embedding(10, 3, padding_idx=9)');
    expect(new nn.Embedding(10, 3, { scaleGradByFreq: true }).toString()).toBe('Embedding(10, 3, scale_grad_by_freq=True)');
    expect(Object.keys(e.stateDict())).toEqual(['weight']);
    const y = trainable.call(I([1, 0, 0]));
    expect(y.gradFn?.name).toBe('EmbeddingBackward0');
    y.sum().backward();
    expect(trainable.weight.grad!.toArray()).toEqual([
      [2, 2],
      [0, 0],
      [0, 0],
    ]);
  });

  test('errors with PyTorch wording', () => {
    const w = tg.randn([5, 3]);
    expectTensorError(() => F.embedding(I([5]), w), 'INDEX', 'index out of range in self');
    expectTensorError(() => F.embedding(I([-1]), w), 'INDEX', 'index out of range in self');
    expectTensorError(
      () => F.embedding(tg.tensor([1]), w),
      'DTYPE',
      /'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor/,
    );
    expectTensorError(() => F.embedding(I([1]), w, { paddingIdx: 5 }), 'ARGUMENT', 'Padding_idx must be within num_embeddings');
    expectTensorError(() => new nn.Embedding(5, 3, { paddingIdx: -6 }), 'ARGUMENT', 'Padding_idx must be within num_embeddings');
    expectTensorError(() => F.embedding(I([1]), tg.randn([5])), 'SHAPE');
    expectTensorError(() => nn.Embedding.fromPretrained(tg.randn([5])), 'SHAPE', 'Embeddings parameter is expected to be 2-dimensional');
  });
});

describe('EmbeddingBag', () => {
  test(`sum with per-sample weights and an empty bag, as PyTorch ${fixture.pytorch}`, () => {
    const c = fixture.embedding.bag_sum_psw;
    const bag = new nn.EmbeddingBag(8, 3, { mode: 'sum', weight: tg.tensor(Float32Array.from(c.w0 as number[]), { shape: [8, 3] }) });
    const psw = tg.tensor(Float32Array.from(c.psw as number[]), { requiresGrad: true });
    const y = bag.call(I(c.input as number[]), I(c.offsets as number[]), psw);
    expect(y.gradFn?.name).toBe(c.grad_fn);
    expectClose(flat(y), c.y, 1e-6);
    const [gw, gp] = tg.autograd.grad(y.mul(tg.tensor(Float32Array.from(c.g as number[]), { shape: y.shape })).sum(), [bag.weight, psw]);
    expectClose(flat(gw!), c.grad_weight, 1e-6);
    expectClose(flat(gp!), c.grad_psw, 1e-6);
  });

  test('modes by hand: mean, max, padding left out, includeLastOffset, repr', () => {
    const w = tg.tensor([
      [1, 10],
      [2, -20],
      [3, 30],
      [4, 0],
    ]);
    const mean = new nn.EmbeddingBag(4, 2, { weight: w });
    expect(mean.toString()).toBe('EmbeddingBag(4, 2, mode=mean)');
    expect(
      mean
        .call(
          I([
            [0, 1],
            [2, 3],
          ]),
        )
        .toArray(),
    ).toEqual([
      [1.5, -5],
      [3.5, 15],
    ]);
    const max = new nn.EmbeddingBag(4, 2, { mode: 'max', weight: w, paddingIdx: 2 });
    expect(max.toString()).toBe('EmbeddingBag(4, 2, mode=max, padding_idx=2)');
    expect(max.call(I([0, 1, 2, 2]), I([0, 2, 3])).toArray()).toEqual([
      [2, 10],
      [0, 0],
      [0, 0],
    ]);
    const last = new nn.EmbeddingBag(4, 2, { mode: 'sum', weight: w, includeLastOffset: true });
    expect(last.call(I([0, 1, 3]), I([0, 1, 3])).toArray()).toEqual([
      [1, 10],
      [6, -20],
    ]);
  });

  test('errors with PyTorch wording', () => {
    const w = tg.randn([5, 3]);
    expectTensorError(() => F.embeddingBag(I([1, 2]), w, { offsets: I([1]) }), 'ARGUMENT', /offsets\[0\] has to be 0/);
    expectTensorError(
      () => F.embeddingBag(I([1, 2]), w, { offsets: I([0, 3]), includeLastOffset: true }),
      'ARGUMENT',
      /can not be greater than input's length 2/,
    );
    expectTensorError(() => F.embeddingBag(I([1, 2]), w), 'ARGUMENT', 'offsets has to be a 1D Tensor but got None');
    expectTensorError(() => F.embeddingBag(I([[1, 2]]), w, { offsets: I([0]) }), 'ARGUMENT', /if input is 2D, then offsets has to be None/);
    expectTensorError(
      () => F.embeddingBag(I([1, 2]), w, { offsets: I([0]), mode: 'max', perSampleWeights: tg.ones([2]) }),
      'ARGUMENT',
      /only supported for mode='sum' \(got mode='max'\)/,
    );
    expectTensorError(
      () => F.embeddingBag(I([1, 2]), w, { offsets: I([0]), mode: 'sum', perSampleWeights: tg.ones([3]) }),
      'SHAPE',
      /must have the same shape as the input/,
    );
    expectTensorError(() => F.embeddingBag(I([1, 7]), w, { offsets: I([0]) }), 'INDEX');
    expectTensorError(() => new nn.EmbeddingBag(5, 3, { mode: 'median' as 'sum' }), 'ARGUMENT', 'mode has to be one of sum, mean or max');
  });
});

describe('oneHot and pad', () => {
  test('oneHot: int64 result, inferred or given class count, errors', () => {
    const y = F.oneHot(I([1, 3]));
    expect(y.dtype).toBe('int64');
    expect(y.toArray()).toEqual([
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(F.oneHot(I([[0], [2]], 'int32'), 3).toArray()).toEqual([[[1, 0, 0]], [[0, 0, 1]]]);
    expect(F.oneHot(I([], 'int64'), 2).shape).toEqual([0, 2]);
    expectTensorError(() => F.oneHot(tg.tensor([1])), 'DTYPE', 'one_hot is only applicable to index tensor.');
    expectTensorError(() => F.oneHot(I([-1])), 'ARGUMENT', 'Class values must be non-negative.');
    expectTensorError(() => F.oneHot(I([3]), 3), 'ARGUMENT', 'Class values must be smaller than num_classes.');
    expectTensorError(() => F.oneHot(I([], 'int64')), 'ARGUMENT', 'Can not infer total number of classes from empty tensor.');
  });

  test('pad: hand-checked modes and errors', () => {
    const x = tg.tensor([[[1, 2, 3]]]);
    expect(F.pad(x, [2, 1], { mode: 'reflect' }).toArray()).toEqual([[[3, 2, 1, 2, 3, 2]]]);
    expect(F.pad(x, [2, 1], { mode: 'replicate' }).toArray()).toEqual([[[1, 1, 1, 2, 3, 3]]]);
    expect(F.pad(x, [2, 1], { mode: 'circular' }).toArray()).toEqual([[[2, 3, 1, 2, 3, 1]]]);
    expect(F.pad(x, [1, -2], { value: 9 }).toArray()).toEqual([[[9, 1]]]);
    expect(F.pad(tg.tensor([[1, 2]]), [1, 0], { mode: 'reflect' }).toArray()).toEqual([[2, 1, 2]]); // unbatched
    expectTensorError(
      () => F.pad(x, [3, 3], { mode: 'reflect' }),
      'ARGUMENT',
      'Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (3, 3) at dimension 2 of input [1, 1, 3]',
    );
    expectTensorError(() => F.pad(x, [1]), 'ARGUMENT', 'Padding length must be divisible by 2');
    expectTensorError(() => F.pad(tg.ones([2]), [1, 1, 1, 1]), 'ARGUMENT', 'Padding length too large');
    expectTensorError(() => F.pad(x, [4, 4], { mode: 'circular' }), 'ARGUMENT', 'Padding value causes wrapping around more than once.');
    expectTensorError(() => F.pad(tg.ones([3]), [1, 1], { mode: 'reflect' }), 'ARGUMENT');
    expectTensorError(() => F.pad(x, [1, 1], { mode: 'foo' as 'reflect' }), 'ARGUMENT', 'Unrecognised padding mode foo');
    expectTensorError(() => F.pad(x, [-2, -2]), 'ARGUMENT', /resulted in a negative output size/);
  });

  test('normalize, cosineSimilarity, pairwiseDistance by hand', () => {
    expectClose(
      flat(
        F.normalize(
          tg.tensor([
            [3, 4],
            [0, 0],
          ]),
        ),
      ),
      [0.6, 0.8, 0, 0],
      1e-7,
    );
    expectClose(
      flat(
        F.cosineSimilarity(
          tg.tensor([
            [1, 0],
            [1, 1],
          ]),
          tg.tensor([
            [0, 1],
            [2, 2],
          ]),
        ),
      ),
      [0, 1],
      1e-7,
    );
    expectClose(flat(F.cosineSimilarity(tg.tensor([[1, 2]], { dtype: 'int64' }), tg.tensor([[2, 4]], { dtype: 'int64' }))), [1], 1e-7);
    expectClose(flat(F.pairwiseDistance(tg.tensor([[0, 0]]), tg.tensor([[3, 4]]), { eps: 0 })), [5], 1e-7);
  });
});
