// torch.nn.init: PyTorch's initialisers with its gain and fan rules, drawing from its random
// streams (uniform_, normal_ in place), so after the same seed a tensor gets PyTorch's values.
// Each fills in place without recording a gradient and returns the tensor, as PyTorch's do.
import { noGradSync } from '../autograd/grad_mode';
import { argumentError } from '../errors';
import type { Generator } from '../generator';
import { tensor } from '../creation';
import { qr } from '../ops/qr';
import { show } from '../shape';
import { isTensor, Tensor } from '../tensor';

export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';
export interface InitOptions {
  generator?: Generator;
}

function checked(op: string, t: unknown): Tensor {
  if (!isTensor(t)) throw argumentError(`${op}: expected a Tensor, got ${show(t)}`);
  return t;
}

/** PyTorch's recommended gain for a nonlinearity (torch.nn.init.calculate_gain). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'conv_transpose1d':
    case 'conv_transpose2d':
    case 'conv_transpose3d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.sqrt(2);
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      if (typeof slope !== 'number' || !Number.isFinite(slope)) throw argumentError(`negative_slope ${show(slope)} not a valid number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw argumentError(`Unsupported nonlinearity ${show(nonlinearity)}`);
  }
}

/** fan_in and fan_out of a weight of 2 or more dims: size(1) and size(0) times the receptive field. */
export function calculateFanInAndFanOut(t: Tensor): [number, number] {
  if (t.ndim < 2) throw argumentError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

export const uniform_ = (t: Tensor, a = 0, b = 1, opts?: InitOptions): Tensor => noGradSync(() => checked('uniform_', t).uniform_(a, b, opts));
export const normal_ = (t: Tensor, mean = 0, std = 1, opts?: InitOptions): Tensor => noGradSync(() => checked('normal_', t).normal_(mean, std, opts));
export const constant_ = (t: Tensor, val: number): Tensor => noGradSync(() => checked('constant_', t).fill_(val));
export const zeros_ = (t: Tensor): Tensor => noGradSync(() => checked('zeros_', t).zero_());
export const ones_ = (t: Tensor): Tensor => noGradSync(() => checked('ones_', t).fill_(1));

/** The identity in a 2-D tensor (torch.nn.init.eye_). */
export function eye_(t: Tensor): Tensor {
  checked('eye_', t);
  if (t.ndim !== 2) throw argumentError('Only tensors with 2 dimensions are supported');
  return noGradSync(() => t.zero_().copy_(eyeLike(t)));
}

function eyeLike(t: Tensor): Tensor {
  const [r, c] = t.shape;
  const v = new Float64Array(r * c);
  for (let i = 0; i < Math.min(r, c); i++) v[i * c + i] = 1;
  return tensor(v, { shape: [r, c] });
}

/** U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)) (torch.nn.init.xavier_uniform_). */
export function xavierUniform_(t: Tensor, gain = 1, opts?: InitOptions): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(checked('xavier_uniform_', t));
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  const a = Math.sqrt(3) * std;
  return uniform_(t, -a, a, opts);
}

/** N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)) (torch.nn.init.xavier_normal_). */
export function xavierNormal_(t: Tensor, gain = 1, opts?: InitOptions): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(checked('xavier_normal_', t));
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), opts);
}

export interface KaimingOptions extends InitOptions {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: Nonlinearity;
}

function kaimingStd(op: string, t: Tensor, o: KaimingOptions): number {
  const mode = o.mode ?? 'fan_in';
  if (mode !== 'fan_in' && mode !== 'fan_out') throw argumentError(`Mode ${show(mode)} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(checked(op, t));
  const gain = calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0);
  return gain / Math.sqrt(mode === 'fan_in' ? fanIn : fanOut);
}

/** He uniform: U(-b, b), b = sqrt(3) * gain / sqrt(fan) (torch.nn.init.kaiming_uniform_); no draw for an empty tensor. */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  if (checked('kaiming_uniform_', t).numel === 0) return t;
  const bound = Math.sqrt(3) * kaimingStd('kaiming_uniform_', t, opts);
  return uniform_(t, -bound, bound, opts);
}

/** He normal: N(0, (gain / sqrt(fan))^2) (torch.nn.init.kaiming_normal_); no draw for an empty tensor. */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  if (checked('kaiming_normal_', t).numel === 0) return t;
  return normal_(t, 0, kaimingStd('kaiming_normal_', t, opts), opts);
}

export interface TruncNormalOptions extends InitOptions {
  mean?: number;
  std?: number;
  a?: number;
  b?: number;
}

/**
 * N(mean, std^2) truncated to [a, b], by PyTorch's inverse-CDF method: uniform_ on
 * [2 cdf(a) - 1, 2 cdf(b) - 1], erfinv, scale by std * sqrt(2), shift by mean, clamp to [a, b]
 * (torch.nn.init.trunc_normal_). The CDF's erf is the C library's, as Python's math.erf.
 */
export function truncNormal_(t: Tensor, opts: TruncNormalOptions = {}): Tensor {
  checked('trunc_normal_', t);
  const { mean = 0, std = 1, a = -2, b = 2 } = opts;
  const [ea, eb] = tensor([(a - mean) / std / Math.SQRT2, (b - mean) / std / Math.SQRT2], { dtype: 'float64' })
    .erf()
    .toArray() as number[];
  const [l, u] = [(1 + ea) / 2, (1 + eb) / 2];
  return noGradSync(() => {
    t.uniform_(2 * l - 1, 2 * u - 1, opts);
    t.copy_(t.erfinv());
    t.mul_(std * Math.sqrt(2));
    t.add_(mean);
    return t.copy_(t.clamp(a, b));
  });
}

/**
 * A (semi-)orthogonal matrix from the QR of a normal sample, signs fixed by R's diagonal, times
 * gain (torch.nn.init.orthogonal_). The draws are PyTorch's; the QR is tensorgrad's Householder,
 * so values agree with PyTorch's to rounding, not bit for bit.
 */
export function orthogonal_(t: Tensor, gain = 1, opts?: InitOptions): Tensor {
  checked('orthogonal_', t);
  if (t.ndim < 2) throw argumentError('Only tensors with 2 or more dimensions are supported');
  if (t.numel === 0) return t;
  const rows = t.shape[0];
  const cols = t.numel / rows;
  return noGradSync(() => {
    let flat = tensor(new Float32Array(rows * cols), { shape: [rows, cols], dtype: t.dtype }).normal_(0, 1, opts);
    if (rows < cols) flat = flat.t();
    const { Q, R } = qr(flat);
    const k = Math.min(R.shape[0], R.shape[1]);
    const d = tensor(
      Float64Array.from({ length: k }, (_, i) => Math.sign(R.select(0, i).select(0, i).item())),
      { dtype: t.dtype },
    );
    let q = Q.mul(d);
    if (rows < cols) q = q.t();
    t.copy_(q.reshape(t.shape.slice()));
    return t.mul_(gain);
  });
}
