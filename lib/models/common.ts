// Argument checks and scores shared by the classifiers and the MLP.
import { INDEX_DTYPE } from '../dtype';
import { noGradSync } from '../autograd/grad_mode';
import { argumentError, indexError, shapeError } from '../errors';
import { logSoftmax } from '../ops/softmax';
import { fmt } from '../shape';
import { Tensor } from '../tensor';

/** x as [n, nFeatures] in `dtype` (float32 parameters take any numeric x, as scikit-learn). */
export function features(op: string, x: unknown, nFeatures: number, dtype: Tensor['dtype'] = 'float32'): Tensor {
  if (!(x instanceof Tensor)) throw argumentError(`${op}: x must be a Tensor`);
  if (x.ndim !== 2 || x.shape[1] !== nFeatures) throw shapeError(`${op}: expected x of shape [n, ${nFeatures}], got ${fmt(x.shape)}`);
  return x.dtype === dtype ? x : x.to(dtype);
}

/**
 * Class labels for (x with n rows): a tensor of n integers in [0, classes), shaped [n] or [n, 1],
 * of any dtype (float labels must hold whole numbers); returned as int64 [n].
 */
export function classTargets(op: string, y: unknown, n: number, classes: number): Tensor {
  if (!(y instanceof Tensor) || y.numel !== n || y.ndim > 2 || y.ndim === 0 || (y.ndim === 2 && y.shape[1] !== 1)) {
    throw shapeError(`${op}: expected y of shape [${n}] or [${n}, 1], got ${y instanceof Tensor ? fmt(y.shape) : typeof y}`);
  }
  if (y.dtype === 'bool' || y.dtype.startsWith('complex')) throw argumentError(`${op}: class labels must be numbers, got ${y.dtype}`);
  const flat = y.reshape([-1]);
  for (const v of flat.toArray() as (number | bigint)[]) {
    const k = Number(v);
    if (!Number.isInteger(k)) throw argumentError(`${op}: class labels must be whole numbers, got ${k}`);
    if (k < 0 || k >= classes) throw indexError(`${op}: Target ${k} is out of bounds (classes: ${classes})`);
  }
  return y.dtype === INDEX_DTYPE ? flat : flat.to(INDEX_DTYPE);
}

/** Regression targets [n, outputs] in `dtype` from [n] or [n, outputs]. */
export function regressionTargets(op: string, y: unknown, n: number, outputs: number, dtype: Tensor['dtype']): Tensor {
  const ok = y instanceof Tensor && y.numel === n * outputs && y.shape[0] === n && (y.ndim === 2 ? y.shape[1] === outputs : y.ndim === 1 && outputs === 1);
  if (!ok) {
    const want = outputs === 1 ? `[${n}] or [${n}, 1]` : `[${n}, ${outputs}]`;
    throw shapeError(`${op}: expected y of shape ${want}, got ${y instanceof Tensor ? fmt(y.shape) : typeof y}`);
  }
  return y.reshape([n, outputs]).to(dtype);
}

/** Mean cross entropy of logits [n, C] against int64 labels [n] (torch.nn.CrossEntropyLoss). */
export function crossEntropySum(logits: Tensor, labels: Tensor): Tensor {
  return logSoftmax(logits, 1).gather(1, labels.unsqueeze(1)).neg().sum();
}

/** The fraction of labels equal to the predictions (scikit-learn's accuracy_score). */
export function accuracy(pred: Tensor, labels: Tensor): number {
  return noGradSync(() => pred.eq(labels).to('float64').mean().item());
}

/** R^2, averaged over output columns as scikit-learn's r2_score (float64 sums). */
export function r2(pred: Tensor, target: Tensor): number {
  return noGradSync(() => {
    const p = pred.to('float64');
    const t = target.to('float64');
    const ssRes = p.sub(t).pow(2).sum(0);
    const ssTot = t.sub(t.mean(0, true)).pow(2).sum(0);
    const res = ssRes.toArray() as number[];
    const tot = ssTot.toArray() as number[];
    return res.reduce((acc, r, i) => acc + (tot[i] === 0 ? (r === 0 ? 1 : 0) : 1 - r / tot[i]), 0) / res.length;
  });
}

/** Extra metadata for save(): string keys and values only. */
export function extraMetadata(op: string, meta: unknown): Record<string, string> {
  if (meta === undefined || meta === null) return {};
  if (typeof meta !== 'object') throw argumentError(`${op}: metadata must be an object of strings`);
  for (const [k, v] of Object.entries(meta)) if (typeof v !== 'string') throw argumentError(`${op}: metadata value for '${k}' must be a string`);
  return meta as Record<string, string>;
}
