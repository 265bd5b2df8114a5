// RMSprop, Adagrad, Adamax, NAdam and RAdam steps as JS loops: PyTorch 1.13's single-tensor
// implementations op by op, each op rounded to the dtype (float32 tensor ops round once each; its
// AVX2 kernels fuse add(alpha) and addcmul into one FMA; addcdiv is p + (v * t1) / t2). This is
// the reference: the addon's optim_step kernels (native/kernels/body/optim_body.h) do the same
// operations in the same order, so the two give the same bits. Runs for parameters too small to
// be worth the crossing (js_paths.ts JS_STEP), and in tests against the kernels.
import type { NumberArray } from '../dtype';
import type { Tensor } from '../tensor';
import { OptimCode } from './codes';
import { deferring } from './deferral';
import { fma32, fma64 } from './fma';
import { JS_STEP } from './js_paths';

/** An optimizer step's scalars (unrounded: each is rounded to the dtype, as the addon casts them) and switches. */
export interface OptimStepHyper {
  /** The op's scalars in the order of native/kernels/body/optim_body.h. */
  c: readonly number[];
  maximize: boolean;
  /** RAdam: the variance rectification applies at this step. */
  rectify?: boolean;
}

type Fma = (a: number, b: number, c: number) => number;
const id = (v: number): number => v;

/** The step in JS when `p` is small (and calls run now); false when the addon must do it. */
export function smallOptimStep(op: OptimCode, p: Tensor, g: Tensor, state: readonly (Tensor | undefined)[], h: OptimStepHyper): boolean {
  if (p.numel > JS_STEP || deferring()) return false;
  jsOptimStep(op, p, g, state, h);
  return true;
}

/** One step of contiguous `p` (gradient `g`, contiguous state buffers, undefined where unused) in JS, at any size. */
export function jsOptimStep(op: OptimCode, p: Tensor, g: Tensor, state: readonly (Tensor | undefined)[], h: OptimStepHyper): void {
  const f32 = p.dtype === 'float32';
  const r = f32 ? Math.fround : id;
  const fma = f32 ? fma32 : fma64;
  const c = h.c.map(r);
  const P = p._storage.data as NumberArray;
  const G = g._storage.data as NumberArray;
  const S = state.map((t) => (t === undefined ? null : (t._storage.data as NumberArray)));
  const so = state.map((t) => t?.offset ?? 0);
  const po = p.offset;
  const go = g.offset;
  const n = p.numel;
  const wd = c[0];
  const sign = h.maximize ? -1 : 1;
  // gi: the gradient, negated under maximize, plus weight_decay * p where that is not 0
  const grad = (i: number): number => (wd !== 0 ? fma(P[po + i], wd, sign * G[go + i]) : sign * G[go + i]);
  switch (op) {
    case OptimCode.RMSprop:
      rmsprop(n, P, po, S, so, c, grad, r, fma);
      break;
    case OptimCode.Adagrad: {
      const [, negClr, eps] = c;
      const [Sum] = S as NumberArray[];
      const o = so[0];
      for (let i = 0; i < n; i++) {
        const gi = grad(i);
        const sum = (Sum[o + i] = fma(gi, gi, Sum[o + i]));
        const std = r(r(Math.sqrt(sum)) + eps);
        P[po + i] = r(P[po + i] + r(r(negClr * gi) / std));
      }
      break;
    }
    case OptimCode.Adamax: {
      const [, b1, oneMinusB1, b2, eps, negClr] = c;
      const [M, U] = S as NumberArray[];
      const [mo, uo] = so;
      for (let i = 0; i < n; i++) {
        const gi = grad(i);
        const m = (M[mo + i] = fma(gi, oneMinusB1, r(M[mo + i] * b1)));
        const x = r(U[uo + i] * b2);
        const y = r(Math.abs(gi) + eps);
        const u = (U[uo + i] = Number.isNaN(x) || Number.isNaN(y) ? NaN : x > y ? x : y); // amax propagates NaN
        P[po + i] = r(P[po + i] + r(r(negClr * m) / u));
      }
      break;
    }
    case OptimCode.NAdam: {
      const [, b1, oneMinusB1, b2, oneMinusB2, bc2, eps, c1, c2] = c;
      const [M, V] = S as NumberArray[];
      const [mo, vo] = so;
      for (let i = 0; i < n; i++) {
        const gi = grad(i);
        const m = (M[mo + i] = fma(gi, oneMinusB1, r(M[mo + i] * b1)));
        const v = (V[vo + i] = fma(r(oneMinusB2 * gi), gi, r(V[vo + i] * b2)));
        const denom = r(r(Math.sqrt(r(v / bc2))) + eps);
        const q = r(P[po + i] + r(r(c1 * gi) / denom));
        P[po + i] = r(q + r(r(c2 * m) / denom));
      }
      break;
    }
    default: {
      const [, b1, oneMinusB1, b2, oneMinusB2, bc1, lr, eps, sqrtBc2, rect] = c;
      const [M, V] = S as NumberArray[];
      const [mo, vo] = so;
      const rectify = h.rectify === true;
      for (let i = 0; i < n; i++) {
        const gi = grad(i);
        const m = (M[mo + i] = fma(gi, oneMinusB1, r(M[mo + i] * b1)));
        const v = (V[vo + i] = fma(r(oneMinusB2 * gi), gi, r(V[vo + i] * b2)));
        let t = r(r(m / bc1) * lr);
        if (rectify) {
          // adaptive_lr = sqrt(bc2) / (sqrt(v) + eps): a float over a tensor is reciprocal() * float
          const adaptive = r(r(1 / r(r(Math.sqrt(v)) + eps)) * sqrtBc2);
          t = r(r(t * adaptive) * rect);
        }
        P[po + i] = r(P[po + i] - t);
      }
    }
  }
}

// square_avg = alpha * square_avg + (1 - alpha) * g^2 (addcmul: one FMA); centered subtracts
// grad_avg^2 (addcmul with value -1); the momentum buffer's add is not fused (buf * mom + g / avg).
function rmsprop(
  n: number,
  P: NumberArray,
  po: number,
  S: (NumberArray | null)[],
  so: number[],
  c: number[],
  grad: (i: number) => number,
  r: (v: number) => number,
  fma: Fma,
): void {
  const [, a, oneMinusA, eps, mom, negLr] = c;
  const [SQ, GA, B] = S;
  const [sqo, gao, bo] = so;
  for (let i = 0; i < n; i++) {
    const gi = grad(i);
    const sq = (SQ![sqo + i] = fma(r(oneMinusA * gi), gi, r(SQ![sqo + i] * a)));
    let avg: number;
    if (GA !== null) {
      const ga = (GA[gao + i] = fma(gi, oneMinusA, r(GA[gao + i] * a)));
      avg = r(Math.sqrt(fma(-ga, ga, sq)));
    } else avg = r(Math.sqrt(sq));
    avg = r(avg + eps);
    if (B !== null) {
      const b = (B[bo + i] = r(r(B[bo + i] * mom) + r(gi / avg)));
      P[po + i] = fma(b, negLr, P[po + i]);
    } else P[po + i] = r(P[po + i] + r(r(negLr * gi) / avg));
  }
}
