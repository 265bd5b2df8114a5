// linalg.qr (Householder, LAPACK's signs) and linalg.lstsq (gelsy's fields). Q and R are two
// outputs of one PyTorch node; here each is the output of its own LinalgQrBackward0 node over the
// one factorization, and the engine sums their gradients (the formula is linear in gQ and gR).
import { defineOp } from '../autograd/define_op';
import { INDEX_DTYPE } from '../dtype';
import { argumentError, dtypeError, gradError, shapeError } from '../errors';
import { broadcastShapes } from '../shape';
import { checkTensor } from '../backend/operand';
import { qrRaw, triMaskRaw } from '../backend/factor';
import { lstsqRaw } from '../backend/lstsq';
import { castRaw, fromStorage } from '../backend/raw';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { sumTo } from './composite_support';
import { solve } from './factor';
import { checkMatrices, mT, options, scalarName } from './factor_support';
import { cat } from './join';
import { matmul } from './linalg';

export type QrMode = 'reduced' | 'complete' | 'r';

interface QrState {
  q: Tensor;
  r: Tensor;
  mode: QrMode;
}

/** gA for A = QR with m >= n (reduced or square): (gQ + Q copyltu(M)) R^-H, M = R gR^H - gQ^H Q. */
function qrBackwardTall(gq: Tensor | null, gr: Tensor | null, q: Tensor, r: Tensor): Tensor {
  const n = r._shape[r.ndim - 1];
  let m = gr !== null ? matmul(r, mT(gr)) : null;
  if (gq !== null) m = m === null ? matmul(mT(gq), q).neg() : m.sub(matmul(mT(gq), q));
  const lower = m!.mul(triMaskRaw(n, r.dtype, true, 1));
  const copyltu = lower.add(mT(m!.mul(triMaskRaw(n, r.dtype, true, 0))));
  let b = matmul(q, copyltu);
  if (gq !== null) b = b.add(gq);
  // b R^-H: X R^T = b  <=>  R X^T = b^T
  return mT(solve(r, mT(b)));
}

/** m < n: A = [X | Y], R = [U | V]; Y = Q V, X = Q U square. */
function qrBackward(gq: Tensor | null, gr: Tensor | null, q: Tensor, r: Tensor, a: Tensor): Tensor {
  const m = q._shape[q.ndim - 2];
  const n = r._shape[r.ndim - 1];
  if (m >= n) return qrBackwardTall(gq, gr, q, r);
  const u = r.narrow(-1, 0, m);
  const y = a.narrow(-1, m, n - m);
  const gv = gr !== null ? gr.narrow(-1, m, n - m) : null;
  const gu = gr !== null ? gr.narrow(-1, 0, m) : null;
  let gq2 = gq;
  if (gv !== null) gq2 = gq2 === null ? matmul(y, mT(gv)) : gq2.add(matmul(y, mT(gv)));
  const gx = qrBackwardTall(gq2, gu, q, u);
  const gy = gv !== null ? matmul(q, gv) : y.mul(0);
  return cat([gx, gy], -1);
}

function checkDifferentiable(s: QrState): void {
  if (s.mode === 'r') {
    throw gradError(
      "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.",
    );
  }
  const m = s.q._shape[s.q.ndim - 2];
  const n = s.r._shape[s.r.ndim - 1];
  if (s.mode === 'complete' && m > n) throw gradError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
}

function defineQrOutput(op: string, which: 'q' | 'r') {
  return defineOp<[QrState], QrState>({
    op,
    nodeName: 'LinalgQrBackward0',
    forward(ctx, [a], s) {
      ctx.state = s;
      ctx.save(a, s.q, s.r);
      return s[which];
    },
    backward(ctx, g) {
      checkDifferentiable(ctx.state);
      const [a, q, r] = ctx.savedTensors();
      return [which === 'q' ? qrBackward(g, null, q!, r!, a!) : qrBackward(null, g, q!, r!, a!)];
    },
  });
}

const qrQOp = defineQrOutput('linalg_qr_q', 'q');
const qrROp = defineQrOutput('linalg_qr_r', 'r');

export interface QrOptions {
  /** 'reduced' (default): Q [m, k], R [k, n]; 'complete': Q [m, m], R [m, n]; 'r': R only (Q empty). */
  mode?: QrMode;
}

/** torch.linalg.qr(A, {mode}): {Q, R} with A = QR, Householder reflectors as LAPACK (R's diagonal may be negative). */
export function qr(a: Tensor, opts?: QrOptions): { Q: Tensor; R: Tensor } {
  const A = checkMatrices('linalg.qr', a);
  const { mode = 'reduced' } = options<QrOptions>('linalg.qr', opts, ['mode']);
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') {
    throw argumentError(`qr received unrecognized mode '${String(mode)}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  }
  const m = A._shape[A.ndim - 2];
  const n = A._shape[A.ndim - 1];
  const k = Math.min(m, n);
  const rows = mode === 'complete' ? m : k;
  const { q, r } = qrRaw(A, mode === 'r' ? 0 : rows);
  const rOut = r.narrow(-2, 0, rows).contiguous();
  const qOut = mode === 'r' ? fromStorage(q._storage, [0], A.dtype) : q;
  const state: QrState = { q: qOut, r: rOut, mode };
  return { Q: mode === 'r' ? qOut : qrQOp([A], state), R: qrROp([A], state) };
}

interface LstsqState {
  vector: boolean;
}

/** X = pinv(A) B for full-rank A: pinv built from solve, as 1.13's linalg_lstsq_backward uses linalg_pinv. */
function pinv(a: Tensor): Tensor {
  const m = a._shape[a.ndim - 2];
  const n = a._shape[a.ndim - 1];
  return m >= n ? solve(matmul(mT(a), a), mT(a)) : mT(solve(matmul(a, mT(a)), a));
}

/** pinv_backward (derivatives of the pseudo-inverse), PyTorch's formula. */
function pinvBackward(g: Tensor, p: Tensor, a: Tensor): Tensor {
  const m = a._shape[a.ndim - 2];
  const n = a._shape[a.ndim - 1];
  const ph = mT(p);
  const gh = mT(g);
  if (m <= n) {
    const k = matmul(gh, p);
    const kph = matmul(k, ph);
    return mT(matmul(p, k))
      .neg()
      .add(kph)
      .sub(matmul(matmul(a, p), kph))
      .add(matmul(matmul(ph, p), gh.sub(matmul(k, a))));
  }
  const k = matmul(p, gh);
  const phk = matmul(ph, k);
  return mT(matmul(k, p))
    .neg()
    .add(matmul(matmul(gh.sub(matmul(a, k)), p), ph))
    .add(phk)
    .sub(matmul(matmul(phk, p), a));
}

const lstsqOp = defineOp<[boolean, number, Int32Array[]], LstsqState>({
  op: 'linalg_lstsq',
  nodeName: 'LinalgLstsqBackward0',
  forward(ctx, [a, b], vector, rcond, rankSink) {
    const bm = vector ? b.unsqueeze(-1) : b;
    const batch = broadcastShapes('linalg.lstsq', a._shape.slice(0, -2), bm._shape.slice(0, -2));
    const m = a._shape[a.ndim - 2];
    const n = a._shape[a.ndim - 1];
    const k = bm._shape[bm.ndim - 1];
    const { solution, rank } = lstsqRaw(a.expand([...batch, m, n]), bm.expand([...batch, m, k]), rcond);
    rankSink.push(rank);
    ctx.state = { vector };
    ctx.save(a, b);
    return vector ? fromStorage(solution._storage, solution._shape.slice(0, -1), solution.dtype) : solution;
  },
  backward(ctx, g) {
    const [a, b] = ctx.savedTensors();
    const { vector } = ctx.state;
    const gm = vector ? g.unsqueeze(-1) : g;
    const bm = vector ? b!.unsqueeze(-1) : b!;
    const p = pinv(a!);
    const ga = ctx.needsInputGrad[0] ? sumTo(pinvBackward(matmul(gm, mT(bm)), p, a!), ctx.inputShape(0)) : null;
    const gb = ctx.needsInputGrad[1] ? matmul(mT(p), gm) : null;
    return [ga, gb === null ? null : sumTo(vector ? gb.squeeze(-1) : gb, ctx.inputShape(1))];
  },
});

export interface LstsqOptions {
  /** Singular values below rcond times the largest count as zero; default eps(dtype) * max(m, n). */
  rcond?: number;
  /** Only 'gelsy' (PyTorch's CPU default). */
  driver?: 'gelsy';
}

export interface LstsqResult {
  solution: Tensor;
  /** Empty: gelsy computes no residuals. */
  residuals: Tensor;
  rank: Tensor;
  /** Empty: gelsy computes no singular values. */
  singularValues: Tensor;
}

/** torch.linalg.lstsq(A, B, {rcond, driver}) with the default CPU driver gelsy's results. */
export function lstsq(a: Tensor, b: Tensor, opts?: LstsqOptions): LstsqResult {
  const A = checkTensor('linalg.lstsq', a, 'A');
  const B = checkTensor('linalg.lstsq', b, 'B');
  const { rcond, driver = 'gelsy' } = options<LstsqOptions>('linalg.lstsq', opts, ['rcond', 'driver']);
  if (A.dtype !== 'float32' && A.dtype !== 'float64') throw dtypeError("This function doesn't handle types other than float and double");
  if (A.dtype !== B.dtype)
    throw dtypeError(
      `torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype ${scalarName(A.dtype)} and other's dtype ${scalarName(B.dtype)}`,
    );
  if (driver !== 'gelsy') throw argumentError(`torch.linalg.lstsq: only the 'gelsy' driver is supported here, got '${String(driver)}'`);
  if (A.ndim < 2) throw shapeError(`torch.linalg.lstsq: input must have at least 2 dimensions.`);
  if (B.ndim < 1) throw shapeError(`torch.linalg.lstsq: other must have at least 1 dimension.`);
  const vector = B.ndim === A.ndim - 1;
  const m = A._shape[A.ndim - 2];
  const n = A._shape[A.ndim - 1];
  if (vector ? B._shape[B.ndim - 1] !== m : B._shape[B.ndim - 2] !== m) {
    throw shapeError(`torch.linalg.lstsq: input.size(-2) should match other.size(${vector ? -1 : -2})`);
  }
  const eps = A.dtype === 'float32' ? 1.1920928955078125e-7 : 2.220446049250313e-16;
  const rc = rcond === undefined || rcond === null || rcond < 0 ? eps * Math.max(m, n) : rcond;
  const sink: Int32Array[] = [];
  const solution = lstsqOp([A, B], vector, rc, sink);
  const batch = solution._shape.slice(0, vector ? -1 : -2);
  // The ranks in PyTorch's index dtype, converted by the backend's cast (int32 today, int64 next).
  const rank = castRaw(fromStorage(new Storage(sink[0]), batch, 'int32'), INDEX_DTYPE);
  return { solution, residuals: Tensor.empty([0], A.dtype), rank, singularValues: Tensor.empty([0], A.dtype) };
}
