// linalg.inv, det, solve, cholesky: LU / Cholesky factorizations (native/linalg/) with PyTorch's
// node names and derivatives.yaml formulas; the backwards are built from these same ops, so second
// derivatives work where PyTorch has them.
import { defineOp } from '../autograd/define_op';
import { dtypeError, shapeError } from '../errors';
import { broadcastShapes, broadcastStrides, fmt, sameShape, type Shape } from '../shape';
import { checkTensor } from '../backend/operand';
import { choleskyRaw, detFromLuRaw, identityRaw, luFactorRaw, luSolveRaw, mTRaw, solveRaw, triMaskRaw } from '../backend/factor';
import { cloneRaw, fromStorage, outputRaw, viewRaw } from '../backend/raw';
import { svdRaw } from '../backend/svd';
import type { Tensor } from '../tensor';
import { sumTo } from './composite_support';
import { checkSquare, mT, options, raiseInfo, scalarName } from './factor_support';
import { matmul } from './linalg';

const invOp = defineOp<[], null>({
  op: 'linalg_inv',
  nodeName: 'LinalgInvExBackward0',
  forward(ctx, [a]) {
    const n = a._shape[a.ndim - 1];
    const { x: out, info } = solveRaw(a, identityRaw(a._shape.slice(0, -2), n, a.dtype), a.isContiguous());
    raiseInfo(
      'linalg.inv',
      info,
      a.ndim > 2,
      (i) => `The diagonal element ${i} is zero, the inversion could not be completed because the input matrix is singular.`,
    );
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    // -A^-H g A^-H
    const [inv] = ctx.savedTensors();
    const t = mT(inv!);
    return [matmul(t, matmul(g, t)).neg()];
  },
});

/** torch.linalg.inv: the inverse of square matrices [..., n, n]; ARGUMENT when one is singular. */
export function inv(a: Tensor): Tensor {
  return invOp([checkSquare('linalg.inv', a)]);
}

const detOp = defineOp<[], null>({
  op: 'linalg_det',
  nodeName: 'LinalgDetBackward0',
  forward(ctx, [a]) {
    ctx.save(a);
    const out = detFromLuRaw(luFactorRaw(a));
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    // g det A^-T (the cofactor matrix); through the SVD when some A is singular, as 1.13 does.
    const [a, det] = ctx.savedTensors();
    const singular = Array.from(det!.dataSync() as ArrayLike<number>).some((d) => d === 0);
    if (singular) return [g.unsqueeze(-1).unsqueeze(-1).mul(cofactorsBySvd(a!))];
    return [
      g
        .mul(det!)
        .unsqueeze(-1)
        .unsqueeze(-1)
        .mul(mT(inv(a!))),
    ];
  },
});

/**
 * The cofactor matrices det(A) A^-T of square A, singular or not: with A = U S V^T,
 * det(U) det(V) U diag(prod_{j != i} s_j) V^T (constants: first derivatives only).
 */
function cofactorsBySvd(a: Tensor): Tensor {
  const { s, u, v } = svdRaw(a);
  const n = a._shape[a.ndim - 1];
  const sv = s.dataSync() as ArrayLike<number>;
  const c = outputRaw(s._shape, s.dtype);
  for (let b = 0; b < sv.length / Math.max(1, n); b++) {
    for (let i = 0; i < n; i++) {
      let p = 1;
      for (let j = 0; j < n; j++) if (j !== i) p *= sv[b * n + j];
      c._storage.data[b * n + i] = p;
    }
  }
  const signs = detFromLuRaw(luFactorRaw(u)).mul(detFromLuRaw(luFactorRaw(v)));
  return matmul(u.mul(c.unsqueeze(-2)), mT(v)).mul(signs.unsqueeze(-1).unsqueeze(-1));
}

/** torch.linalg.det: determinants of square matrices [..., n, n] (via LU, as LAPACK). */
export function det(a: Tensor): Tensor {
  return detOp([checkSquare('linalg.det', a)]);
}

interface SolveState {
  vector: boolean;
  left: boolean;
}

const solveOp = defineOp<[boolean, boolean], SolveState>({
  op: 'linalg_solve',
  nodeName: 'LinalgSolveExBackward0',
  forward(ctx, [a, b], vector, left) {
    const n = a._shape[a.ndim - 1];
    const bm = vector ? viewRaw(b, [...b._shape, 1], [...b._strides, 1], b.offset) : b;
    const batch = broadcastShapes('linalg.solve', a._shape.slice(0, -2), bm._shape.slice(0, -2));
    const rows = bm._shape[bm.ndim - 2];
    const cols = bm._shape[bm.ndim - 1];
    const aExp = viewRaw(a, [...batch, n, n], broadcastStrides(a._shape, a._strides, [...batch, n, n]), a.offset);
    const bExp = viewRaw(bm, [...batch, rows, cols], broadcastStrides(bm._shape, bm._strides, [...batch, rows, cols]), bm.offset);
    let x: Tensor;
    if (left) {
      const r = solveRaw(aExp, bExp, a.isContiguous());
      raiseInfo('torch.linalg.solve', r.info, batch.length > 0, () => 'The solver failed because the input matrix is singular.');
      x = r.x;
      if (vector) x = fromStorage(x._storage, x._shape.slice(0, -1), x.dtype);
    } else {
      // XA = B: A^T X^T = B^T, a transposed solve with A's own factors.
      const f = luFactorRaw(aExp, false);
      raiseInfo('torch.linalg.solve', f.info, batch.length > 0, () => 'The solver failed because the input matrix is singular.');
      x = cloneRaw(mTRaw(luSolveRaw({ ...f, transposed: true }, mTRaw(bExp))));
    }
    ctx.state = { vector, left };
    ctx.save(a);
    ctx.saveOutput(x);
    return x;
  },
  backward(ctx, g) {
    // left: gB = A^-H g, gA = -gB X^H; right (XA = B): gB = g A^-H, gA = -X^H gB (linalg_solve_backward)
    const [a, x] = ctx.savedTensors();
    const { vector, left } = ctx.state;
    const gm = vector ? g.unsqueeze(-1) : g;
    const xm = vector ? x!.unsqueeze(-1) : x!;
    const gb = left ? solve(mT(a!), gm) : mT(solve(a!, mT(gm)));
    const gaFull = left ? matmul(gb, mT(xm)) : matmul(mT(xm), gb);
    const ga = ctx.needsInputGrad[0] ? sumTo(gaFull.neg(), ctx.inputShape(0)) : null;
    const gbOut = ctx.needsInputGrad[1] ? sumTo(vector ? gb.squeeze(-1) : gb, ctx.inputShape(1)) : null;
    return [ga, gbOut];
  },
});

export interface SolveOptions {
  /** Solve AX = B (true, the default) or XA = B. */
  left?: boolean;
}

/** torch.linalg.solve(A, B, {left}): X with AX = B (batch dims broadcast; B a vector or matrices). */
export function solve(a: Tensor, b: Tensor, opts?: SolveOptions): Tensor {
  const A = checkSquare('linalg.solve', a);
  const B = checkTensor('linalg.solve', b, 'B');
  const { left = true } = options<SolveOptions>('linalg.solve', opts, ['left']);
  if (A.dtype !== B.dtype) {
    throw dtypeError(
      `linalg.solve: Expected A and B to have the same dtype, but found A of type ${scalarName(A.dtype)} and B of type ${scalarName(B.dtype)} instead`,
    );
  }
  const n = A._shape[A.ndim - 1];
  const vector = left && (B.ndim === 1 || (B.ndim === A.ndim - 1 && sameShape(B._shape, A._shape.slice(0, -1))));
  const fits = vector ? B._shape[B.ndim - 1] === n : B.ndim >= 2 && B._shape[B.ndim - (left ? 2 : 1)] === n;
  if (!fits) {
    const shown = vector ? `${B._shape[B.ndim - 1]}x1` : B.ndim >= 2 ? `${B._shape[B.ndim - 2]}x${B._shape[B.ndim - 1]}` : fmt(B._shape);
    const equation = left ? 'AX = B' : 'XA = B';
    throw shapeError(`linalg.solve: Incompatible shapes of A and B for the equation ${equation} (${n}x${n} and ${shown})`);
  }
  return solveOp([A, B], vector, left);
}

interface CholeskyState {
  upper: boolean;
}

const choleskyOp = defineOp<[boolean], CholeskyState>({
  op: 'linalg_cholesky',
  nodeName: 'LinalgCholeskyExBackward0',
  forward(ctx, [a], upper) {
    // The upper factor reads A's upper triangle: the lower factor of A^T, transposed.
    const { l, info } = choleskyRaw(upper ? mT(a) : a);
    raiseInfo(
      'linalg.cholesky',
      info,
      a.ndim > 2,
      (i) => `The factorization could not be completed because the input is not positive-definite (the leading minor of order ${i} is not positive-definite).`,
    );
    const out = upper ? mT(l).contiguous() : l;
    ctx.state = { upper };
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    // cholesky_backward: Phi = tril(L^H gL) with its diagonal halved, symmetrised; gA = L^-H Phi L^-1.
    const [out] = ctx.savedTensors();
    const { upper } = ctx.state;
    const l = upper ? mT(out!) : out!;
    const gl = upper ? mT(g) : g;
    const n = l._shape[l.ndim - 1];
    const phi = matmul(mT(l), gl).mul(triMaskRaw(n, l.dtype, true, 1));
    const sym = phi.add(mT(phi.mul(triMaskRaw(n, l.dtype, true, 0)))).mul(0.5);
    const y = solve(mT(l), sym); // L^-H Phi
    return [mT(solve(mT(l), mT(y)))]; // (L^-H Phi) L^-1
  },
});

export interface CholeskyOptions {
  /** Return U with A = U^H U instead of L with A = L L^H. */
  upper?: boolean;
}

/** torch.linalg.cholesky(A, {upper}): ARGUMENT when a matrix is not positive-definite. */
export function cholesky(a: Tensor, opts?: CholeskyOptions): Tensor {
  const A = checkSquare('linalg.cholesky', a);
  const { upper = false } = options<CholeskyOptions>('linalg.cholesky', opts, ['upper']);
  return choleskyOp([A], upper === true);
}

/** The shape's batch part. */
export function batchShape(s: Shape): Shape {
  return s.slice(0, -2);
}
