// torch.autograd.gradcheck: analytic gradients (from the engine) against central finite
// differences, element by element.
import type { NumberArray } from '../dtype';
import { argumentError, gradError } from '../errors';
import { isTensor, Tensor } from '../tensor';
import { grad } from './grad';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

function outputsOf(fn: Fn, inputs: Tensor[]): Tensor[] {
  const out = fn(...inputs);
  const list = isTensor(out) ? [out] : Array.isArray(out) ? (out as readonly unknown[]).slice() : null;
  if (list === null || list.some((t) => !isTensor(t))) throw argumentError('gradcheck: fn must return a Tensor or an array of Tensors');
  return list as Tensor[];
}

/** Storage index of the k-th element (row-major) of t. */
function storageIndex(t: Tensor, k: number): number {
  let idx = t.offset;
  for (let d = t.ndim - 1; d >= 0; d--) {
    const s = t._shape[d];
    idx += (k % s) * t._strides[d];
    k = Math.floor(k / s);
  }
  return idx;
}

/** Returns true, or throws a GRAD TensorError naming the input and the worst element. */
export function gradcheck(fn: Fn, inputs: Tensor | readonly Tensor[], opts: GradcheckOptions = {}): boolean {
  opts = opts ?? {};
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  if (typeof fn !== 'function') throw argumentError('gradcheck: fn must be a function');
  const given = isTensor(inputs) ? [inputs] : Array.isArray(inputs) ? (inputs as readonly unknown[]).slice() : null;
  if (given === null || given.some((t) => !isTensor(t))) throw argumentError('gradcheck: inputs must be a Tensor or an array of Tensors');
  const ins = given as Tensor[];
  const diff = ins.map((t, i) => ({ t, i })).filter(({ t }) => t.requiresGrad);
  if (diff.length === 0) throw argumentError('gradcheck: at least one input must require grad');
  const outs = outputsOf(fn, ins);
  const numerical = (o: number) =>
    diff.map(({ t }) => {
      const cols: Float64Array[] = [];
      const data = t._storage.data as NumberArray; // requires grad: a float tensor
      for (let k = 0; k < t.numel; k++) {
        const at = storageIndex(t, k);
        const orig = data[at];
        // Written straight into storage, as PyTorch perturbs .data: no version bump.
        const f = (v: number) => {
          data[at] = v;
          return Float64Array.from(outputsOf(fn, ins)[o].dataSync());
        };
        const plus = f(orig + eps);
        const minus = f(orig - eps);
        data[at] = orig;
        cols.push(plus.map((p, j) => (p - minus[j]) / (2 * eps)));
      }
      return cols; // cols[k][j] = d out_j / d in_k
    });
  outs.forEach((out, o) => {
    if (!out.requiresGrad) return;
    const num = numerical(o);
    for (let j = 0; j < out.numel; j++) {
      const seed = Tensor.empty(out._shape, out.dtype);
      seed._storage.data[j] = 1;
      const grads = grad(
        out,
        diff.map((d) => d.t),
        { gradOutputs: [seed], retainGraph: true, allowUnused: true },
      );
      diff.forEach(({ t, i }, di) => {
        const g = grads[di]?.dataSync();
        let worst = -1;
        let worstErr = 0;
        for (let k = 0; k < t.numel; k++) {
          const a = g ? g[k] : 0;
          const n = num[di][k][j];
          const err = Math.abs(a - n) - (atol + rtol * Math.abs(n));
          if (!(err <= 0) && (worst < 0 || !(err <= worstErr))) {
            worst = k;
            worstErr = err;
          }
        }
        if (worst >= 0) {
          const a = g ? g[worst] : 0;
          throw gradError(
            `gradcheck: Jacobian mismatch for output ${o} with respect to input ${i}: element ${worst} of the input, ` +
              `output element ${j}: numerical ${num[di][worst][j]}, analytical ${a} (atol ${atol}, rtol ${rtol})`,
          );
        }
      });
    }
  });
  return true;
}
