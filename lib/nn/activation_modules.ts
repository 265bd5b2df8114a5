// Activation modules (torch.nn's), each a thin wrapper of its functional with PyTorch's repr.
import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { full } from '../creation';
import { elu, gelu, hardtanh, leakyRelu, logSigmoid, mish, relu6, silu, softplus } from '../ops/activations';
import { logSoftmax, softmax } from '../ops/softmax';
import { celu, glu, hardshrink, hardsigmoid, hardswish, prelu, selu, softmin, softshrink, softsign, tanhshrink, threshold } from './activation_functional';
import { Module, Parameter } from './module';
import { py, pyFloat } from './repr';

function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw argumentError(`${op}: ${name} must be a number, got ${show(v)}`);
  return v;
}

/** PyTorch's `inplace` flag: accepted and shown in the repr; the result is computed out of place (see docs/nn.md). */
export interface InplaceOptions {
  inplace?: boolean;
}

/** `opts.inplace`, or `opts` itself when it is a boolean; false when absent, ARGUMENT when not a boolean. */
export function inplaceFlag(op: string, opts: InplaceOptions | boolean | null | undefined): boolean {
  // A boolean is PyTorch's positional inplace (nn.ReLU(True)).
  const v = typeof opts === 'boolean' ? opts : (opts?.inplace ?? false);
  if (typeof v !== 'boolean') throw argumentError(`${op}: inplace must be a boolean, got ${show(v)}`);
  return v;
}

/** A module whose only option is inplace; its repr is `inplace=True` when set (ReLU, SELU, SiLU, ...). */
abstract class InplaceModule extends Module {
  readonly inplace: boolean;
  constructor(opts: InplaceOptions | boolean = {}) {
    super();
    this.inplace = inplaceFlag(new.target.name, opts);
  }
  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** max(0, x) (torch.nn.ReLU). */
export class ReLU extends InplaceModule {
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** 1 / (1 + exp(-x)) (torch.nn.Sigmoid). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** tanh(x) (torch.nn.Tanh). */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** min(max(0, x), 6) (torch.nn.ReLU6). */
export class ReLU6 extends InplaceModule {
  forward(x: Tensor): Tensor {
    return relu6(x);
  }
}

/** x where x > 0, else negativeSlope * x (torch.nn.LeakyReLU). */
export class LeakyReLU extends Module {
  readonly inplace: boolean;
  constructor(
    readonly negativeSlope = 0.01,
    opts: InplaceOptions | boolean = {},
  ) {
    super();
    num('LeakyReLU', 'negativeSlope', negativeSlope);
    this.inplace = inplaceFlag('LeakyReLU', opts);
  }
  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }
  override extraRepr(): string {
    return `negative_slope=${py(this.negativeSlope)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** x where x > 0, else alpha * (exp(x) - 1) (torch.nn.ELU). */
export class ELU extends Module {
  readonly inplace: boolean;
  constructor(
    readonly alpha = 1,
    opts: InplaceOptions | boolean = {},
  ) {
    super();
    num('ELU', 'alpha', alpha);
    this.inplace = inplaceFlag('ELU', opts);
  }
  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** Scaled ELU with PyTorch's constants (torch.nn.SELU). */
export class SELU extends InplaceModule {
  forward(x: Tensor): Tensor {
    return selu(x);
  }
}

/** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) (torch.nn.CELU). */
export class CELU extends Module {
  readonly inplace: boolean;
  constructor(
    readonly alpha = 1,
    opts: InplaceOptions | boolean = {},
  ) {
    super();
    num('CELU', 'alpha', alpha);
    this.inplace = inplaceFlag('CELU', opts);
  }
  forward(x: Tensor): Tensor {
    return celu(x, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** x * Phi(x), or its tanh approximation with `{approximate: 'tanh'}` (torch.nn.GELU). */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';
  constructor(opts: { approximate?: 'none' | 'tanh' } = {}) {
    super();
    opts = optionsBag('GELU', opts) ?? {};
    this.approximate = opts.approximate ?? 'none';
    if (this.approximate !== 'none' && this.approximate !== 'tanh') throw argumentError('GELU: approximate argument must be either none or tanh.');
  }
  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate=${py(this.approximate)}`;
  }
}

/** x * sigmoid(x) (torch.nn.SiLU). */
export class SiLU extends InplaceModule {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

/** x * tanh(softplus(x)) (torch.nn.Mish). */
export class Mish extends InplaceModule {
  forward(x: Tensor): Tensor {
    return mish(x);
  }
}

/** An options object, or the leading optional arguments given positionally (as PyTorch allows). */
function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** log(1 + exp(beta x)) / beta, linear above threshold (torch.nn.Softplus): `new Softplus({beta, threshold})` or `(beta, threshold)`. */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(beta: number | { beta?: number; threshold?: number } = 1, threshold = 20) {
    super();
    const o = isOptions(beta) ? beta : { beta, threshold };
    this.beta = num('Softplus', 'beta', o.beta ?? 1);
    this.threshold = num('Softplus', 'threshold', o.threshold ?? 20);
  }
  forward(x: Tensor): Tensor {
    return softplus(x, { beta: this.beta, threshold: this.threshold });
  }
  override extraRepr(): string {
    return `beta=${py(this.beta)}, threshold=${py(this.threshold)}`;
  }
}

/** x / (1 + |x|) (torch.nn.Softsign). */
export class Softsign extends Module {
  forward(x: Tensor): Tensor {
    return softsign(x);
  }
}

/** x clamped to [minVal, maxVal] (torch.nn.Hardtanh): `new Hardtanh({minVal, maxVal})` or `(minVal, maxVal)`. */
export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;
  constructor(minVal: number | { minVal?: number; maxVal?: number; inplace?: boolean } = -1, maxVal = 1, opts: InplaceOptions | boolean = {}) {
    super();
    const o = isOptions(minVal) ? minVal : { minVal, maxVal };
    this.inplace = inplaceFlag('Hardtanh', isOptions(minVal) ? minVal : opts);
    this.minVal = num('Hardtanh', 'minVal', o.minVal ?? -1);
    this.maxVal = num('Hardtanh', 'maxVal', o.maxVal ?? 1);
    if (this.maxVal <= this.minVal) throw argumentError(`Hardtanh: max_val (${show(this.maxVal)}) must be greater than min_val (${show(this.minVal)})`);
  }
  forward(x: Tensor): Tensor {
    return hardtanh(x, { minVal: this.minVal, maxVal: this.maxVal });
  }
  override extraRepr(): string {
    // PyTorch's bounds are floats (-2.0), unless given as Python ints; a JS number is read as the float.
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** relu6(x + 3) / 6 (torch.nn.Hardsigmoid). */
export class Hardsigmoid extends InplaceModule {
  override extraRepr(): string {
    return '';
  }
  forward(x: Tensor): Tensor {
    return hardsigmoid(x);
  }
}

/** x * relu6(x + 3) / 6 (torch.nn.Hardswish). */
export class Hardswish extends InplaceModule {
  override extraRepr(): string {
    return '';
  }
  forward(x: Tensor): Tensor {
    return hardswish(x);
  }
}

/** x - tanh(x) (torch.nn.Tanhshrink). */
export class Tanhshrink extends Module {
  forward(x: Tensor): Tensor {
    return tanhshrink(x);
  }
}

/** Shrinks towards 0 by lambd (torch.nn.Softshrink). */
export class Softshrink extends Module {
  constructor(readonly lambd = 0.5) {
    super();
    num('Softshrink', 'lambd', lambd);
  }
  forward(x: Tensor): Tensor {
    return softshrink(x, this.lambd);
  }
  override extraRepr(): string {
    return pyFloat(this.lambd);
  }
}

/** x where |x| > lambd, else 0 (torch.nn.Hardshrink). */
export class Hardshrink extends Module {
  constructor(readonly lambd = 0.5) {
    super();
    num('Hardshrink', 'lambd', lambd);
  }
  forward(x: Tensor): Tensor {
    return hardshrink(x, this.lambd);
  }
  override extraRepr(): string {
    return pyFloat(this.lambd);
  }
}

/** log(sigmoid(x)) (torch.nn.LogSigmoid). */
export class LogSigmoid extends Module {
  forward(x: Tensor): Tensor {
    return logSigmoid(x);
  }
}

/** x where x > threshold, else value (torch.nn.Threshold). */
export class Threshold extends Module {
  readonly inplace: boolean;
  constructor(
    readonly threshold: number,
    readonly value: number,
    opts: InplaceOptions | boolean = {},
  ) {
    super();
    num('Threshold', 'threshold', threshold);
    num('Threshold', 'value', value);
    this.inplace = inplaceFlag('Threshold', opts);
  }
  forward(x: Tensor): Tensor {
    return threshold(x, this.threshold, this.value);
  }
  override extraRepr(): string {
    return `threshold=${py(this.threshold)}, value=${py(this.value)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** PyTorch's implicit softmax dim when none is given: 0 for 0-, 1- and 3-d inputs, else 1. */
function softmaxDim(dim: number | null, ndim: number): number {
  if (dim !== null) return dim;
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

abstract class DimModule extends Module {
  constructor(readonly dim: number | null = null) {
    super();
    if (dim !== null && !Number.isInteger(dim)) throw argumentError(`${new.target.name}: dim must be an integer or null, got ${show(dim)}`);
  }
  override extraRepr(): string {
    return `dim=${py(this.dim)}`;
  }
}

/** softmax along dim (torch.nn.Softmax). */
export class Softmax extends DimModule {
  forward(x: Tensor): Tensor {
    return softmax(x, softmaxDim(this.dim, x.ndim));
  }
}

/** log_softmax along dim (torch.nn.LogSoftmax). */
export class LogSoftmax extends DimModule {
  forward(x: Tensor): Tensor {
    return logSoftmax(x, softmaxDim(this.dim, x.ndim));
  }
}

/** softmax(-x) along dim (torch.nn.Softmin). */
export class Softmin extends DimModule {
  forward(x: Tensor): Tensor {
    return softmin(x, softmaxDim(this.dim, x.ndim));
  }
}

/** Gated linear unit: a * sigmoid(b) over the halves along dim (torch.nn.GLU). */
export class GLU extends Module {
  constructor(readonly dim = -1) {
    super();
    if (!Number.isInteger(dim)) throw argumentError(`GLU: dim must be an integer, got ${show(dim)}`);
  }
  forward(x: Tensor): Tensor {
    return glu(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** Leaky ReLU with a learned slope per channel (or one shared), initialised to `init` (torch.nn.PReLU). */
export class PReLU extends Module {
  readonly weight: Tensor;
  readonly numParameters: number;
  /** `new PReLU({numParameters, init})` or `(numParameters, init)`. */
  constructor(numParameters: number | { numParameters?: number; init?: number } = 1, init = 0.25) {
    super();
    const o = isOptions(numParameters) ? numParameters : { numParameters, init };
    numParameters = o.numParameters ?? 1;
    init = o.init ?? 0.25;
    this.numParameters = numParameters;
    if (!Number.isInteger(numParameters) || numParameters < 1)
      throw argumentError(`PReLU: numParameters must be a positive integer, got ${show(numParameters)}`);
    this.weight = Parameter(full([numParameters], num('PReLU', 'init', init)));
  }
  forward(x: Tensor): Tensor {
    return prelu(x, this.weight);
  }
  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}
