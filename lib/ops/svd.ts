// Singular values for the 'nuc' and ±2 matrix norms (PyTorch: linalg.svdvals, whose node is
// LinalgSvdBackward0): dS -> U diag(dS) V^T.
import { defineOp } from '../autograd/define_op';
import { svdRaw } from '../backend/svd';
import type { Tensor } from '../tensor';
import { mT } from './factor_support';
import { matmul } from './linalg';

interface SvdState {
  u: Tensor;
  v: Tensor;
}

const svdvalsOp = defineOp<[], SvdState>({
  op: 'linalg_svdvals',
  nodeName: 'LinalgSvdBackward0',
  forward(ctx, [a]) {
    const { s, u, v } = svdRaw(a);
    ctx.state = { u, v };
    return s;
  },
  backward(ctx, g) {
    const { u, v } = ctx.state;
    return [matmul(u.mul(g.unsqueeze(-2)), mT(v))];
  },
});

/** The singular values of A [..., m, n] (checked by the caller), descending. */
export function svdvals(a: Tensor): Tensor {
  return svdvalsOp([a]);
}
