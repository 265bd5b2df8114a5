// torch.nn.utils: gradient clipping and flattening parameters to one vector and back, as
// PyTorch's clip_grad.py and convert_parameters.py do them.
import { noGradSync } from '../autograd/grad_mode';
import { argumentError, shapeError } from '../errors';
import { fmt } from '../shape';
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { cat, stack } from '../ops/join';

/** A single tensor or an iterable of tensors, as PyTorch's `parameters` arguments. */
export type Parameters = Tensor | Iterable<Tensor>;

function paramList(op: string, params: unknown): Tensor[] {
  if (params instanceof Tensor) return [params];
  if (params === null || typeof params !== 'object' || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw argumentError(`${op}: parameters must be a Tensor or an iterable of Tensors, got ${params === null ? 'null' : typeof params}`);
  }
  const list = [...(params as Iterable<unknown>)];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw argumentError(`${op}: parameter ${i} is not a Tensor`);
  });
  return list as Tensor[];
}

function finite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw argumentError(`${op}: ${name} must be a number, got ${String(v)}`);
  return v;
}

export interface ClipGradNormOptions {
  /** The p of the norms (default 2; Infinity for the max norm). */
  normType?: number;
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

/**
 * Scales the gradients of `params` in place so that their total norm (the norm of the per-tensor
 * norms) is at most maxNorm: each is multiplied by min(maxNorm / (total + 1e-6), 1). Returns the
 * total norm before clipping as a 0-d tensor; parameters without a gradient are skipped
 * (torch.nn.utils.clip_grad_norm_).
 */
export function clipGradNorm_(params: Parameters, maxNorm: number, opts: ClipGradNormOptions = {}): Tensor {
  const op = 'clip_grad_norm_';
  const grads = paramList(op, params)
    .map((p) => p.grad)
    .filter((g): g is Tensor => g !== null);
  maxNorm = finite(op, 'maxNorm', maxNorm);
  const normType = finite(op, 'normType', opts?.normType ?? 2);
  if (grads.length === 0) return tensor(0);
  return noGradSync(() => {
    let total: Tensor;
    if (normType === Infinity) {
      const norms = grads.map((g) => g.abs().max());
      total = norms.length === 1 ? norms[0] : stack(norms).max();
    } else {
      total = stack(grads.map((g) => g.norm(normType))).norm(normType);
    }
    if (opts?.errorIfNonfinite === true && !total.isfinite().item()) {
      throw argumentError(
        `${op}: The total norm of order ${normType === Infinity ? 'inf' : Number.isInteger(normType) ? normType.toFixed(1) : String(normType)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
          'To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`',
      );
    }
    const coef = total.add(1e-6).reciprocal().mul(maxNorm).clamp(null, 1);
    for (const g of grads) g.mul_(coef.to(g.dtype));
    return total;
  });
}

/** Clamps every gradient of `params` in place into [-clipValue, clipValue] (torch.nn.utils.clip_grad_value_). */
export function clipGradValue_(params: Parameters, clipValue: number): void {
  const op = 'clip_grad_value_';
  const list = paramList(op, params);
  const v = finite(op, 'clipValue', clipValue);
  noGradSync(() => {
    for (const p of list) {
      const g = p.grad;
      if (g !== null) g.copy_(g.clamp(-v, v));
    }
  });
}

/** The parameters flattened and concatenated into one vector, differentiable (torch.nn.utils.parameters_to_vector). */
export function parametersToVector(params: Parameters): Tensor {
  const list = paramList('parameters_to_vector', params);
  if (list.length === 0) throw argumentError('parameters_to_vector: torch.cat(): expected a non-empty list of Tensors');
  return cat(list.map((p) => p.view(-1)));
}

/**
 * Puts consecutive slices of `vec` into the parameters, in order: each parameter then views
 * vec's storage as PyTorch's `param.data = vec[...]` does (a copy when the dtypes differ)
 * (torch.nn.utils.vector_to_parameters).
 */
export function vectorToParameters(vec: Tensor, params: Parameters): void {
  const op = 'vector_to_parameters';
  if (!(vec instanceof Tensor)) throw argumentError(`${op}: expected torch.Tensor, but got: ${vec === null ? 'null' : typeof vec}`);
  const list = paramList(op, params);
  if (vec.ndim !== 1) throw shapeError(`${op}: expected a 1-D vector, got ${fmt(vec.shape)}`);
  const need = list.reduce((n, p) => n + p.numel, 0);
  if (need > vec.numel) throw shapeError(`${op}: the vector has ${vec.numel} elements, the parameters need ${need}`);
  let at = 0;
  for (const p of list) {
    const piece = vec.detach().narrow(0, at, p.numel).view(p.shape);
    p.data = piece.dtype === p.dtype ? piece : piece.to(p.dtype);
    at += p.numel;
  }
}
