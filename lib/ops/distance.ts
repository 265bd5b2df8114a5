// torch.outer (a MulBackward0 composite, as PyTorch's) and torch.cdist (CdistBackward0), whose
// p = 2 forward takes the matrix-product formula for more than 25 rows, as PyTorch's
// use_mm_for_euclid_dist_if_necessary does.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { isFloating } from '../dtype';
import { argumentError, dtypeError, shapeError } from '../errors';
import { broadcastShapes } from '../shape';
import { checkTensor } from '../backend/operand';
import type { Tensor } from '../tensor';
import { sumTo } from './composite_support';
import { where } from './compare';
import { scalarName } from './factor_support';
import { matmul } from './linalg';
import { cat } from './join';
import { onesLike } from '../creation';

/** torch.outer(a, b): a[i] * b[j] for 1-D a and b. */
export function outer(a: Tensor, b: Tensor): Tensor {
  checkTensor('outer', a);
  checkTensor('outer', b, 'vec2');
  if (a.ndim !== 1) throw shapeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  if (b.ndim !== 1) throw shapeError(`outer: Expected 1-D argument vec2, but got ${b.ndim}-D`);
  return a.reshape([a._shape[0], 1]).mul(b);
}

interface CdistState {
  p: number;
}

/** x1 [..., P, 1, M] - x2 [..., 1, R, M]. */
function diff(x1: Tensor, x2: Tensor): Tensor {
  return x1.unsqueeze(-2).sub(x2.unsqueeze(-3));
}

/**
 * PyTorch's _euclidean_dist, a composite (its gradient flows through the ops, and the result's
 * node is the final view's): sqrt(clamp_min([-2 x1, |x1|^2, 1] @ [x2, 1, |x2|^2]^T, 1e-30)).
 */
function euclideanDist(x1: Tensor, x2: Tensor, outShape: number[]): Tensor {
  const n1 = x1.pow(2).sum(-1, true);
  const n2 = x2.pow(2).sum(-1, true);
  const a = cat([x1.mul(-2), n1, onesLike(n1)], -1);
  const b = cat([x2, onesLike(n2), n2], -1);
  return matmul(a, b.transpose(-2, -1)).clamp(1e-30).sqrt().view(outShape);
}

function cdistValue(x1: Tensor, x2: Tensor, p: number): Tensor {
  return noGradSync(() => {
    const d = diff(x1, x2).abs();
    if (p === 0) return d.ne(0).to(x1.dtype).sum(-1);
    if (p === 1) return d.sum(-1);
    if (p === 2) return d.mul(d).sum(-1).sqrt();
    if (p === Infinity) return d._shape[d.ndim - 1] === 0 ? d.sum(-1) : d.max(-1).values;
    return d
      .pow(p)
      .sum(-1)
      .pow(1 / p);
  });
}

const cdistOp = defineOp<[number], CdistState>({
  op: 'cdist',
  nodeName: 'CdistBackward0',
  forward(ctx, [x1, x2], p) {
    const out = cdistValue(x1, x2, p);
    ctx.state = { p };
    ctx.save(x1, x2);
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    // _cdist_backward: d dist_ij / d x1_i = diff * |diff|^(p-2) / dist^(p-1) (0 where dist = 0).
    const [x1, x2, dist] = ctx.savedTensors();
    const { p } = ctx.state;
    const d = diff(x1!, x2!);
    const gd = g.unsqueeze(-1);
    const dd = dist!.unsqueeze(-1);
    let term: Tensor;
    if (p === 0) term = d.mul(0);
    else if (p === 1) term = d.sign().mul(gd);
    else if (p === 2) term = where(dd.eq(0), 0, d.div(dd)).mul(gd);
    else if (p === Infinity) term = d.sign().mul(d.abs().eq(dd).to(d.dtype)).mul(gd);
    else if (p < 1) term = where(d.eq(0), 0, d.sign().mul(d.abs().pow(p - 1))).mul(where(dd.eq(0), 0, gd.div(dd.pow(p - 1))));
    else
      term = d
        .sign()
        .mul(d.abs().pow(p - 1))
        .mul(where(dd.eq(0), 0, gd.div(dd.pow(p - 1))));
    const g1 = ctx.needsInputGrad[0] ? sumTo(term.sum(-2), ctx.inputShape(0)) : null;
    const g2 = ctx.needsInputGrad[1] ? sumTo(term.sum(-3).neg(), ctx.inputShape(1)) : null;
    return [g1, g2];
  },
});

/** torch.cdist(x1, x2, p = 2): p-norm distances between the rows of x1 [..., P, M] and x2 [..., R, M]. */
export function cdist(x1: Tensor, x2: Tensor, p = 2): Tensor {
  checkTensor('cdist', x1, 'x1');
  checkTensor('cdist', x2, 'x2');
  if (!isFloating(x1.dtype)) throw dtypeError(`cdist only supports floating-point dtypes, X1 got: ${scalarName(x1.dtype)}`);
  if (!isFloating(x2.dtype)) throw dtypeError(`cdist only supports floating-point dtypes, X2 got: ${scalarName(x2.dtype)}`);
  if (x1.dtype !== x2.dtype) throw dtypeError(`cdist: X1 and X2 must have the same dtype, got ${scalarName(x1.dtype)} and ${scalarName(x2.dtype)}`);
  if (x1.ndim < 2) throw shapeError(`cdist only supports at least 2D tensors, X1 got: ${x1.ndim}D`);
  if (x2.ndim < 2) throw shapeError(`cdist only supports at least 2D tensors, X2 got: ${x2.ndim}D`);
  const c1 = x1._shape[x1.ndim - 1];
  const c2 = x2._shape[x2.ndim - 1];
  if (c1 !== c2) throw shapeError(`X1 and X2 must have the same number of columns. X1: ${c1} X2: ${c2}`);
  if (typeof p !== 'number' || Number.isNaN(p)) throw argumentError('cdist: p must be a number');
  if (p < 0) throw argumentError('cdist only supports non-negative p values');
  const batch = broadcastShapes('cdist', x1._shape.slice(0, -2), x2._shape.slice(0, -2));
  const r1 = x1._shape[x1.ndim - 2];
  const r2 = x2._shape[x2.ndim - 2];
  // use_mm_for_euclid_dist_if_necessary: the matrix-product formula past 25 rows.
  if (p === 2 && (r1 > 25 || r2 > 25) && c1 > 0) {
    const e1 = x1.expand([...batch, r1, c1]);
    const e2 = x2.expand([...batch, r2, c2]);
    return euclideanDist(e1, e2, [...batch, r1, r2]);
  }
  return cdistOp([x1, x2], p);
}
