// Every argument check of the 0.2 losses, with its code and PyTorch's wording.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const F = tg.nn.functional;
const idx = (v: tg.NestedArray, dtype: tg.DType = 'int64') => tg.tensor(v, { dtype });
const x = tg.tensor([
  [0.1, 0.2, 0.3, 0.4],
  [0.5, 0.6, 0.7, 0.8],
  [0.2, 0.2, 0.2, 0.2],
]);
const t = idx([0, 2, 1]);

test('nll_loss', () => {
  expectTensorError(() => F.nllLoss(tg.tensor(1), idx(0)), 'ARGUMENT', 'Expected 1 or more dimensions (got 0)');
  expectTensorError(() => F.nllLoss(x, idx([0, 1])), 'SHAPE', 'Expected input batch_size (3) to match target batch_size (2).');
  expectTensorError(() => F.nllLoss(x, idx(1)), 'SHAPE', 'Expected input batch_size (3) to match target batch_size (0).');
  expectTensorError(() => F.nllLoss(x, tg.zeros([3, 2], { dtype: 'int64' })), 'SHAPE', '0D or 1D target tensor expected, multi-target not supported');
  expectTensorError(() => F.nllLoss(x.select(0, 0), idx([1])), 'SHAPE', 'size mismatch (got input: [4], target: [1])');
  expectTensorError(
    () => F.nllLoss(x, t, { weight: tg.ones([3]) }),
    'SHAPE',
    'weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [3]',
  );
  expectTensorError(() => F.nllLoss(x, t, { weight: tg.ones([2, 2]) }), 'SHAPE', 'got weight tensor of shape: [2, 2]');
  expectTensorError(() => F.nllLoss(x, t.to('float32')), 'DTYPE', 'expected scalar type Long but found Float');
  expectTensorError(() => F.nllLoss(x, t.to('bool')), 'DTYPE', 'expected scalar type Long but found Bool');
  expectTensorError(() => F.nllLoss(x.to('int64'), t), 'DTYPE', `"nll_loss_out_frame" not implemented for 'Long'`);
  expectTensorError(() => F.nllLoss(x, t, { weight: tg.ones([4], { dtype: 'float64' }) }), 'DTYPE', 'expected scalar type Float but found Double');
  expectTensorError(() => F.nllLoss(x, idx([0, 4, 1])), 'INDEX', 'Target 4 is out of bounds.');
  expectTensorError(() => F.nllLoss(x, idx([0, -1, 1])), 'INDEX', 'Target -1 is out of bounds.');
  expectTensorError(() => F.nllLoss(x, idx([0, -100, 1]), { ignoreIndex: 1 }), 'INDEX', 'Target -100 is out of bounds.');
  expectTensorError(() => F.nllLoss(tg.zeros([3, 0]), idx([0, 0, 0])), 'INDEX', 'Target 0 is out of bounds.');
  const wg = tg.ones([4], { requiresGrad: true });
  expectTensorError(() => F.nllLoss(x, t, { weight: wg }), 'GRAD', "not differentiable with respect to argument 'weight'");
  expect(tg.noGrad(() => F.nllLoss(x, t, { weight: wg })).dtype).toBe('float32');
  expectTensorError(() => F.nllLoss(x, t, { reduction: 'foo' as never }), 'ARGUMENT', 'foo is not a valid value for reduction');
  expectTensorError(() => F.nllLoss(x, [0, 1, 2] as never), 'ARGUMENT', 'target must be a Tensor');
  expectTensorError(() => F.nllLoss(x, t, { ignoreIndex: 0.5 }), 'ARGUMENT', 'ignoreIndex must be an integer');
});

test('nll_loss with K dimensions', () => {
  const x4 = tg.zeros([2, 3, 4, 5]);
  expectTensorError(
    () => F.nllLoss(x4, tg.zeros([2, 4], { dtype: 'int64' })),
    'SHAPE',
    'only batches of spatial targets supported (3D tensors) but got targets of dimension: 2',
  );
  expectTensorError(() => F.nllLoss(x4, tg.zeros([2, 4, 4], { dtype: 'int64' })), 'SHAPE', 'size mismatch (got input: [2, 3, 4, 5] , target: [2, 4, 4]');
  expectTensorError(
    () => F.nllLoss(x4, tg.zeros([2, 4, 5], { dtype: 'int64' }), { weight: tg.ones([2]) }),
    'SHAPE',
    'weight tensor should be defined either for all or no classes',
  );
  expectTensorError(() => F.nllLoss(x4, tg.full([2, 4, 5], 3, { dtype: 'int64' })), 'INDEX', 'Target 3 is out of bounds.');
  expectTensorError(() => F.nllLoss(tg.zeros([2, 3, 4]), tg.zeros([2, 5], { dtype: 'int64' })), 'SHAPE', 'Expected target size [2, 4], got [2, 5]');
  expectTensorError(
    () => F.nllLoss(tg.zeros([2, 3, 4]), tg.zeros([3, 4], { dtype: 'int64' })),
    'SHAPE',
    'Expected input batch_size (2) to match target batch_size (3).',
  );
});

test('cross_entropy', () => {
  expectTensorError(() => F.crossEntropy(x.to('int64'), tg.rand([3, 4])), 'DTYPE', `"log_softmax" not implemented for 'Long'`);
  expectTensorError(
    () => F.crossEntropy(x, tg.zeros([3, 4], { dtype: 'int64' })),
    'DTYPE',
    'Expected floating point type for target with class probabilities, got Long',
  );
  expectTensorError(() => F.crossEntropy(x, tg.rand([3, 4]).gt(0.5)), 'DTYPE', 'Expected floating point type for target with class probabilities, got Bool');
  expectTensorError(() => F.crossEntropy(x, tg.rand([3, 4]), { ignoreIndex: 1 }), 'ARGUMENT', 'ignore_index is not supported for floating point target');
  expectTensorError(() => F.crossEntropy(x, t, { labelSmoothing: 1.5 }), 'ARGUMENT', 'label_smoothing must be between 0.0 and 1.0. Got: 1.5');
  expectTensorError(() => F.crossEntropy(x, tg.rand([3, 4]), { labelSmoothing: 1.5 }), 'ARGUMENT', 'label_smoothing must be between 0.0 and 1.0. Got: 1.5');
  expectTensorError(
    () => F.crossEntropy(x, tg.rand([3, 4]), { weight: tg.ones([3]) }),
    'SHAPE',
    'cross_entropy: weight tensor should be defined either for all 4 classes',
  );
  expectTensorError(() => F.crossEntropy(x, tg.tensor([true, false, true])), 'DTYPE', 'expected scalar type Long but found Bool');
  expectTensorError(() => F.crossEntropy(x, tg.tensor([0, 1, 2])), 'DTYPE', 'expected scalar type Long but found Float');
  expectTensorError(() => F.crossEntropy(x, tg.rand([3, 5])), 'SHAPE', '0D or 1D target tensor expected');
  expectTensorError(() => F.crossEntropy(x, t, { labelSmoothing: 'a' as never }), 'ARGUMENT', 'labelSmoothing must be a number');
  // a negative label smoothing is no smoothing, as in PyTorch
  expect(F.crossEntropy(x, t, { labelSmoothing: -0.5 }).item()).toBe(F.crossEntropy(x, t).item());
});

test('binary_cross_entropy', () => {
  const p = x.sigmoid();
  expectTensorError(() => F.binaryCrossEntropy(p.mul(2), p), 'ARGUMENT', 'all elements of input should be between 0 and 1');
  expectTensorError(() => F.binaryCrossEntropy(tg.tensor([NaN]), tg.tensor([0.5])), 'ARGUMENT', 'all elements of input should be between 0 and 1');
  expectTensorError(
    () => F.binaryCrossEntropy(p, p.select(0, 0)),
    'SHAPE',
    'Using a target size ([4]) that is different to the input size ([3, 4]) is deprecated.',
  );
  expectTensorError(() => F.binaryCrossEntropy(p, p, { weight: tg.ones([3]) }), 'SHAPE');
  expectTensorError(() => F.binaryCrossEntropy(p, p.to('float64')), 'DTYPE', 'Found dtype Double but expected Float');
  expectTensorError(() => F.binaryCrossEntropy(p, p.to('int64')), 'DTYPE', 'Found dtype Long but expected Float');
  expectTensorError(() => F.binaryCrossEntropy(p.gt(2).to('int64'), p.gt(2).to('int64')), 'DTYPE', `"binary_cross_entropy" not implemented for 'Long'`);
  expectTensorError(() => F.binaryCrossEntropy(p, p, { reduction: 'batchmean' as never }), 'ARGUMENT', 'batchmean is not a valid value for reduction');
});

test('huber, smooth L1 and KL divergence', () => {
  expectTensorError(() => F.huberLoss(x, x, 0), 'ARGUMENT', 'huber_loss does not support non-positive values for delta.');
  expectTensorError(() => F.huberLoss(x, x, { delta: -1 }), 'ARGUMENT', 'huber_loss does not support non-positive values for delta.');
  expectTensorError(() => F.huberLoss(x.to('int64'), x.to('int64')), 'DTYPE', `"huber_cpu" not implemented for 'Long'`);
  expectTensorError(() => F.huberLoss(x, tg.zeros([2, 4])), 'SHAPE');
  expectTensorError(() => F.smoothL1Loss(x, x, -1), 'ARGUMENT', 'smooth_l1_loss does not support negative values for beta.');
  expectTensorError(() => F.smoothL1Loss(x.to('int32'), x.to('int32')), 'DTYPE', `"smooth_l1_cpu" not implemented for 'Int'`);
  expectTensorError(() => F.smoothL1Loss(x, x, { beta: NaN }), 'ARGUMENT', 'beta must be a number');
  expectTensorError(() => F.klDiv(x.to('int64'), x), 'DTYPE', 'kl_div: Integral inputs not supported.');
  expectTensorError(() => F.klDiv(x, tg.zeros([2, 4])), 'SHAPE');
  expectTensorError(() => F.klDiv(x, x, { reduction: 'foo' as never }), 'ARGUMENT', 'foo is not a valid value for reduction');
  // integer targets broadcast and promote for huber, as PyTorch's TensorIterator does
  expect(F.huberLoss(x, tg.zeros([4], { dtype: 'int64' })).dtype).toBe('float32');
});

test('cosine embedding, margin ranking and triplet margin', () => {
  const y = tg.tensor([1, -1, 1]);
  expectTensorError(() => F.cosineEmbeddingLoss(x, x, tg.ones([3, 1])), 'SHAPE', '0D or 1D target tensor expected, multi-target not supported');
  expectTensorError(
    () => F.cosineEmbeddingLoss(tg.zeros([2, 3, 4]), tg.zeros([2, 3, 4]), y),
    'SHAPE',
    '1D target tensor expects 2D input tensors, but found inputs with sizes [2, 3, 4] and [2, 3, 4].',
  );
  expectTensorError(() => F.cosineEmbeddingLoss(x.select(0, 0), x.select(0, 0), tg.tensor([1])), 'SHAPE', '1D target tensor expects 2D input tensors');
  expectTensorError(() => F.cosineEmbeddingLoss(x, x, tg.tensor(1)), 'SHAPE', '0D target tensor expects 1D input tensors');
  expectTensorError(() => F.cosineEmbeddingLoss(x, x.narrow(1, 0, 3), y), 'SHAPE');
  expectTensorError(
    () => F.marginRankingLoss(x, x, y),
    'SHAPE',
    'margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: [3, 4], input2: [3, 4], target: [3]',
  );
  expectTensorError(() => F.marginRankingLoss(y, y.narrow(0, 0, 2), y), 'SHAPE');
  expectTensorError(() => F.tripletMarginLoss(x, x.select(0, 0), x), 'SHAPE', 'All inputs should have same dimension but got 2D, 1D and 2D inputs.');
  expectTensorError(() => F.tripletMarginLoss(x, x.narrow(1, 0, 3), x), 'SHAPE');
  expectTensorError(() => F.tripletMarginLoss(x, x, x, { p: 'x' as never }), 'ARGUMENT', 'p must be a number');
  expectTensorError(() => F.tripletMarginLoss(x, x, x, { reduction: 'all' as never }), 'ARGUMENT', 'all is not a valid value for reduction');
});
