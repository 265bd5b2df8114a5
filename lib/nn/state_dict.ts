// load_state_dict's checks, run over every entry before anything is copied (nothing is half-loaded).
import { argumentError, shapeError } from '../errors';
import { fmt, sameShape } from '../shape';
import { isTensor, type Tensor } from '../tensor';

/** The keys a loadStateDict did not find, and the keys it did not expect (PyTorch's _IncompatibleKeys). */
export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Checks `state` against the module's own entries: each present key must hold a Tensor of the
 * same shape; with strict, every key must be present and no other (an own `__proto__` key is an
 * unexpected key, not a prototype). Throws PyTorch's "Error(s) in loading state_dict" as ARGUMENT.
 */
export function checkStateDict(owner: string, targets: Map<string, Tensor>, state: Record<string, Tensor>, strict: boolean): LoadResult {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) throw argumentError('loadStateDict: expected an object of name -> Tensor');
  const keys = Object.keys(state);
  const result: LoadResult = {
    missingKeys: [...targets.keys()].filter((k) => !Object.prototype.hasOwnProperty.call(state, k)),
    unexpectedKeys: keys.filter((k) => !targets.has(k)),
  };
  const errors: string[] = [];
  let shapeOnly = true;
  if (strict) {
    // PyTorch's order and wording, its trailing space included.
    if (result.missingKeys.length > 0) errors.push(`Missing key(s) in state_dict: ${result.missingKeys.map((k) => JSON.stringify(k)).join(', ')}. `);
    if (result.unexpectedKeys.length > 0) errors.push(`Unexpected key(s) in state_dict: ${result.unexpectedKeys.map((k) => JSON.stringify(k)).join(', ')}. `);
    if (errors.length > 0) shapeOnly = false;
  }
  for (const k of keys) {
    const target = targets.get(k);
    if (target === undefined) continue;
    const src = state[k];
    if (!isTensor(src)) {
      errors.push(`While copying the parameter named "${k}", expected torch.Tensor or Tensor-like object from checkpoint but received ${typeof src}`);
      shapeOnly = false;
    } else if (!sameShape(src.shape, target.shape)) {
      errors.push(`size mismatch for ${k}: copying a param with shape ${fmt(src.shape)} from checkpoint, the shape in current model is ${fmt(target.shape)}.`);
    }
  }
  if (errors.length > 0) {
    const message = `Error(s) in loading state_dict for ${owner}:\n\t${errors.join('\n\t')}`;
    throw shapeOnly ? shapeError(message) : argumentError(message);
  }
  return result;
}

/** A module's entries that loadStateDict fills in when a state dict lacks them (see withLoadDefaults). */
export const LOAD_DEFAULTS: unique symbol = Symbol('tensorgrad.loadDefaults');

interface WithDefaults {
  [LOAD_DEFAULTS]?: () => Record<string, Tensor>;
}

/**
 * `state` with the entries PyTorch's _load_from_state_dict adds when missing (BatchNorm's
 * num_batches_tracked = 0, for a state dict without version metadata such as a safetensors file),
 * under each module's dotted path; `state` itself is not changed.
 */
export function withLoadDefaults(modules: [string, unknown][], state: Record<string, Tensor>): Record<string, Tensor> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return state;
  let out = state;
  for (const [path, m] of modules) {
    const defaults = (m as WithDefaults)[LOAD_DEFAULTS]?.() ?? {};
    for (const [k, v] of Object.entries(defaults)) {
      const key = path === '' ? k : `${path}.${k}`;
      if (Object.prototype.hasOwnProperty.call(out, key)) continue;
      if (out === state) out = { ...state };
      out[key] = v;
    }
  }
  return out;
}
