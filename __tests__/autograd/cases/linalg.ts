// gradcheck cases of the linalg family: factorizations on well-conditioned inputs (a shifted
// identity), norms away from their kinks, cdist away from coinciding points.
import * as tg from '../../../lib';
import { nonzero, pos, rnd, type Case, type SecondOrder } from './common';

const eye = (n: number, s = 3): tg.Tensor => tg.eye(n, { dtype: 'float64' }).mul(s);
/** A well-conditioned square matrix from x. */
const wc = (x: tg.Tensor): tg.Tensor => x.add(eye(x.shape[x.ndim - 1]));
/** A symmetric positive-definite matrix from x. */
const spd = (x: tg.Tensor): tg.Tensor => x.matmul(x.transpose(-2, -1)).add(eye(x.shape[x.ndim - 1]));

export const CASES: Record<string, Case[]> = {
  linalg_inv: [
    { inputs: () => [rnd([3, 3], 301)], fn: (a) => tg.linalg.inv(wc(a)) },
    { inputs: () => [rnd([2, 3, 3], 302)], fn: (a) => tg.linalg.inv(wc(a).transpose(-2, -1)) },
  ],
  linalg_det: [
    { inputs: () => [rnd([3, 3], 303)], fn: (a) => tg.linalg.det(wc(a)) },
    { inputs: () => [rnd([2, 2, 2], 304)], fn: (a) => tg.linalg.det(wc(a)) },
    // Singular (det exactly 0, rank 2 and rank 1): the gradient is the cofactor matrix, by SVD.
    {
      inputs: () => [
        tg.tensor(
          [
            [1, 2, 3],
            [2, 4, 6],
            [1, 0, 1],
          ],
          { dtype: 'float64', requiresGrad: true },
        ),
      ],
      fn: (a) => tg.linalg.det(a),
    },
    {
      inputs: () => [
        tg.tensor(
          [
            [
              [1, 2, 3],
              [2, 4, 6],
              [3, 6, 9],
            ],
            [
              [2, 1, 0],
              [1, 2, 1],
              [0, 1, 2],
            ],
          ],
          { dtype: 'float64', requiresGrad: true },
        ),
      ],
      fn: (a) => tg.linalg.det(a),
    },
  ],
  linalg_solve: [
    { inputs: () => [rnd([3, 3], 305), rnd([3, 2], 306)], fn: (a, b) => tg.linalg.solve(wc(a), b) },
    { inputs: () => [rnd([2, 3, 3], 307), rnd([3], 308)], fn: (a, b) => tg.linalg.solve(wc(a), b) },
    { inputs: () => [rnd([3, 3], 309), rnd([2, 3, 1], 310)], fn: (a, b) => tg.linalg.solve(wc(a), b) },
    { inputs: () => [rnd([3, 3], 311), rnd([2, 3], 312)], fn: (a, b) => tg.linalg.solve(wc(a), b, { left: false }) },
  ],
  linalg_cholesky: [
    { inputs: () => [rnd([3, 3], 313)], fn: (a) => tg.linalg.cholesky(spd(a)) },
    { inputs: () => [rnd([2, 3, 3], 314)], fn: (a) => tg.linalg.cholesky(spd(a), { upper: true }) },
  ],
  linalg_qr_q: [
    { inputs: () => [rnd([4, 3], 315)], fn: (a) => tg.linalg.qr(a).Q },
    { inputs: () => [rnd([2, 3, 3], 316)], fn: (a) => tg.linalg.qr(a).Q },
    { inputs: () => [rnd([2, 4], 317)], fn: (a) => tg.linalg.qr(a).Q },
  ],
  linalg_qr_r: [
    { inputs: () => [rnd([4, 3], 318)], fn: (a) => tg.linalg.qr(a).R },
    { inputs: () => [rnd([2, 4], 319)], fn: (a) => tg.linalg.qr(a).R },
    { inputs: () => [rnd([3, 3], 320)], fn: (a) => tg.linalg.qr(a, { mode: 'complete' }).R.add(tg.linalg.qr(a).Q) },
  ],
  linalg_lstsq: [
    { inputs: () => [rnd([5, 3], 321), rnd([5, 2], 322)], fn: (a, b) => tg.linalg.lstsq(a, b).solution },
    { inputs: () => [rnd([2, 4], 323), rnd([2, 1], 324)], fn: (a, b) => tg.linalg.lstsq(a, b).solution },
    { inputs: () => [rnd([2, 4, 3], 325), rnd([4], 326)], fn: (a, b) => tg.linalg.lstsq(a, b.expand(2, 4)).solution },
  ],
  norm: [
    { inputs: () => [rnd([3, 4], 327)], fn: (a) => a.norm() },
    { inputs: () => [nonzero([3, 4], 328)], fn: (a) => a.norm(1, 1) },
    { inputs: () => [nonzero([3, 4], 329)], fn: (a) => a.norm(3, 0, { keepdim: true }) },
    { inputs: () => [nonzero([3, 4], 330)], fn: (a) => a.norm(0.5) },
    { inputs: () => [nonzero([3, 4], 331)], fn: (a) => a.norm(1.5, -1) },
    { inputs: () => [rnd([3, 4], 332)], fn: (a) => a.norm(Infinity, 1) },
    { inputs: () => [rnd([3, 4], 333)], fn: (a) => a.norm('fro', 0) },
  ],
  linalg_vector_norm: [
    { inputs: () => [rnd([3, 4], 334)], fn: (a) => tg.linalg.vectorNorm(a) },
    { inputs: () => [rnd([2, 3, 4], 335)], fn: (a) => tg.linalg.vectorNorm(a, -Infinity, [0, 2]) },
    { inputs: () => [rnd([3, 4], 336)], fn: (a) => tg.linalg.matrixNorm(a, 1).add(tg.linalg.matrixNorm(a, -Infinity)) },
  ],
  linalg_svdvals: [
    { inputs: () => [rnd([4, 3], 360)], fn: (a) => tg.linalg.matrixNorm(a, 'nuc') },
    { inputs: () => [rnd([2, 2, 4], 361)], fn: (a) => tg.linalg.matrixNorm(a, 2).add(tg.linalg.matrixNorm(a, -2)) },
  ],
  cdist: [
    { inputs: () => [rnd([3, 4], 337), rnd([5, 4], 338)], fn: (a, b) => tg.cdist(a, b) },
    { inputs: () => [rnd([2, 3, 4], 339), rnd([5, 4], 340)], fn: (a, b) => tg.cdist(a, b, 1) },
    { inputs: () => [rnd([3, 4], 341), rnd([2, 4], 342)], fn: (a, b) => tg.cdist(a, b, 3) },
    { inputs: () => [rnd([3, 4], 343), rnd([2, 4], 344)], fn: (a, b) => tg.cdist(a, b, Infinity) },
    { inputs: () => [pos([3, 2], 345), rnd([2, 2], 346)], fn: (a, b) => tg.cdist(a, b, 0.5) },
    { inputs: () => [rnd([30, 2], 347), rnd([3, 2], 348)], fn: (a, b) => tg.cdist(a, b) },
  ],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['linalg.inv', () => rnd([3, 3], 350), (x) => tg.linalg.inv(wc(x))],
  ['linalg.det', () => rnd([3, 3], 351), (x) => tg.linalg.det(wc(x))],
  ['linalg.solve', () => rnd([3, 3], 352), (x) => tg.linalg.solve(wc(x), x.narrow(1, 0, 2))],
  ['norm', () => rnd([3, 4], 353), (x) => x.norm(2, 1)],
  ['einsum', () => rnd([3, 3], 354), (x) => tg.einsum('ij,jk,ii->ik', x, x, x)],
];
