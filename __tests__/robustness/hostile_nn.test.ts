// nn.functional, nn modules and optimizers given a PyTorch-style positional argument where the
// options object goes (F.pad(x, p, 'reflect'), F.crossEntropy(x, t, weight)): each used to be
// ignored silently, giving another result than the caller asked for. Now ARGUMENT. Also messages
// that name the op and the offending value.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const F = tg.nn.functional;
const nn = tg.nn;
const i64 = (a: number[]): tg.Tensor => tg.tensor(a, { dtype: 'int64' });
const x = (): tg.Tensor => tg.randn([2, 2, 4]);
type Any = never;

const CALLS: [string, (bad: unknown) => unknown][] = [
  ['pad', (o) => F.pad(x(), [1, 1], o as Any)],
  ['embedding', (o) => F.embedding(i64([0]), tg.randn([3, 2]), o as Any)],
  ['embeddingBag', (o) => F.embeddingBag(i64([0]), tg.randn([3, 2]), o as Any)],
  ['conv1d', (o) => F.conv1d(x(), tg.randn([2, 2, 3]), null, o as Any)],
  ['maxPool1d', (o) => F.maxPool1d(x(), 2, o as Any)],
  ['avgPool1d', (o) => F.avgPool1d(x(), 2, o as Any)],
  ['layerNorm', (o) => F.layerNorm(x(), [4], o as Any)],
  ['batchNorm', (o) => F.batchNorm(x(), null, null, o as Any)],
  ['normalize', (o) => F.normalize(x(), o as Any)],
  ['crossEntropy', (o) => F.crossEntropy(tg.randn([2, 3]), i64([0, 1]), o as Any)],
  ['nllLoss', (o) => F.nllLoss(tg.randn([2, 3]), i64([0, 1]), o as Any)],
  ['mseLoss', (o) => F.mseLoss(tg.randn([2]), tg.randn([2]), o as Any)],
  ['binaryCrossEntropy', (o) => F.binaryCrossEntropy(tg.rand([2]), tg.rand([2]), o as Any)],
  ['tripletMarginLoss', (o) => F.tripletMarginLoss(tg.rand([2, 3]), tg.rand([2, 3]), tg.rand([2, 3]), o as Any)],
  ['Conv1d', (o) => new nn.Conv1d(2, 3, 3, o as Any)],
  ['Embedding', (o) => new nn.Embedding(2, 3, o as Any)],
  ['LayerNorm', (o) => new nn.LayerNorm(3, o as Any)],
  ['CrossEntropyLoss', (o) => new nn.CrossEntropyLoss(o as Any)],
  ['MSELoss', (o) => new nn.MSELoss(o as Any)],
  ['Adam', (o) => new tg.optim.Adam([tg.zeros([1], { requiresGrad: true })], o as Any)],
  ['SGD', (o) => new tg.optim.SGD([tg.zeros([1], { requiresGrad: true })], o as Any)],
  ['StepLR', (o) => new tg.optim.lrScheduler.StepLR(new tg.optim.SGD([tg.zeros([1], { requiresGrad: true })], { lr: 1 }), o as Any)],
  ['CosineAnnealingLR', (o) => new tg.optim.lrScheduler.CosineAnnealingLR(new tg.optim.SGD([tg.zeros([1], { requiresGrad: true })], { lr: 1 }), o as Any)],
];

describe('a positional argument where the options object goes is ARGUMENT, not ignored', () => {
  test.each(CALLS)('%s', (name, call) => {
    for (const bad of ['reflect', 2, tg.ones([3]), [1, 2]]) expectTensorError(() => call(bad), 'ARGUMENT', `${name}: options must be an object, got `);
  });

  test('undefined and null still mean the defaults, and a module passes itself through', () => {
    expect(F.pad(tg.ones([1, 2]), [1, 0], null as Any).shape).toEqual([1, 3]);
    expect(F.crossEntropy(tg.zeros([2, 3]), i64([0, 1]), undefined).item()).toBeCloseTo(Math.log(3), 6);
    expect(new nn.Conv1d(2, 3, 3, { padding: 1 }).forward(x()).shape).toEqual([2, 3, 4]);
  });
});

describe('index errors name the op and the value', () => {
  test('embedding, embedding_bag and one_hot', () => {
    expectTensorError(() => F.embedding(i64([0, 7]), tg.randn([5, 2])), 'INDEX', 'embedding: index out of range in self (index 7, 5 embeddings)');
    expectTensorError(
      () => F.embedding(i64([0]), tg.randn([5, 2]), { paddingIdx: 9 }),
      'ARGUMENT',
      'Padding_idx must be within num_embeddings (padding_idx 9, 5 embeddings)',
    );
    expectTensorError(
      () => F.embeddingBag(i64([0, 1]), tg.randn([5, 2]), { offsets: i64([0, 3]) }),
      'ARGUMENT',
      /^embedding_bag: offsets\[-1\] can not be greater/,
    );
    expectTensorError(
      () => F.embeddingBag(i64([0, 1]), tg.randn([5, 2]), { offsets: i64([0]), mode: 'prod' as Any }),
      'ARGUMENT',
      'embedding_bag: mode has to be one of sum, mean or max, got prod',
    );
    expectTensorError(() => F.oneHot(i64([0, -2])), 'ARGUMENT', 'one_hot: Class values must be non-negative. (got -2)');
    expectTensorError(() => F.oneHot(i64([0, 4]), 3), 'ARGUMENT', 'one_hot: Class values must be smaller than num_classes. (got 4, num_classes 3)');
  });
});

test("Module.loadStateDict(sd, false) (PyTorch's positional strict) is ARGUMENT, not a strict load", () => {
  const m = new nn.Linear(2, 3);
  const sd = m.stateDict();
  delete sd.bias;
  expectTensorError(() => m.loadStateDict(sd, false as never), 'ARGUMENT', 'loadStateDict: options must be an object, got false');
  expect(m.loadStateDict(sd, { strict: false }).missingKeys).toEqual(['bias']);
});

test("huberLoss/smoothL1Loss given PyTorch's positional reduction string: ARGUMENT, not a silent 'mean'", () => {
  const a = tg.tensor([0, 3]);
  const b = tg.tensor([1, 0]);
  expectTensorError(() => F.huberLoss(a, b, 'sum' as never), 'ARGUMENT', 'huber_loss: options must be an object, got sum');
  expectTensorError(() => F.smoothL1Loss(a, b, 'sum' as never), 'ARGUMENT', 'smooth_l1_loss: options must be an object, got sum');
  expectTensorError(() => F.huberLoss(a, b, tg.ones([2]) as never), 'ARGUMENT', /huber_loss: options must be an object/);
  // the number form (delta / beta) and the options form still work: |d| = [1, 3]
  expect(F.huberLoss(a, b, 2).item()).toBeCloseTo((0.5 + 2 * (3 - 1)) / 2, 6);
  expect(F.smoothL1Loss(a, b, { reduction: 'sum' }).item()).toBeCloseTo(0.5 + 2.5, 6);
  expectTensorError(() => F.celu(a, 0), 'ARGUMENT', 'celu: ZeroDivisionError');
});

test('batchNorm with parameters or running statistics of another dtype than the input is DTYPE, as ATen on CPU (it was promoted)', () => {
  const x64 = tg.randn([2, 3], { dtype: 'float64' });
  expectTensorError(() => new nn.BatchNorm1d(3).forward(x64), 'DTYPE', /batch_norm: mixed dtype \(CPU\): expect .* Double, got Float/);
  const m = new nn.BatchNorm1d(3);
  m.eval();
  expectTensorError(() => m.forward(x64), 'DTYPE', /mixed dtype/);
  expectTensorError(
    () => F.batchNorm(tg.randn([2, 3]), null, null, { training: true, weight: tg.ones([3], { dtype: 'float64' }) }),
    'DTYPE',
    /expect weight to have the input's scalar type Float, got Double/,
  );
  expect(new nn.BatchNorm1d(3).to('float64').forward(x64).dtype).toBe('float64');
});
