// torch.nn.Conv1d with PyTorch's default init and random stream.
import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { zeros } from '../creation';
import type { Generator } from '../generator';
import { conv1d, type Conv1dOptions, type PaddingMode } from '../ops/conv';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from './init';
import { Module, Parameter } from './module';
import { py } from './repr';

export interface Conv1dModuleOptions extends Conv1dOptions {
  bias?: boolean;
  paddingMode?: PaddingMode;
  generator?: Generator;
}

const MODES: readonly string[] = ['zeros', 'reflect', 'replicate', 'circular'];

/**
 * 1-D convolution over [N, C, L] or [C, L] (torch.nn.Conv1d): weight [out, in / groups, kernel]
 * by kaiming_uniform_(a = sqrt(5)), then bias ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)), from
 * PyTorch's stream in its order, so a seeded module equals PyTorch's.
 */
export class Conv1d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly stride: number;
  readonly padding: number | 'same' | 'valid';
  readonly dilation: number;
  readonly groups: number;
  readonly paddingMode: PaddingMode;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    opts: Conv1dModuleOptions = {},
  ) {
    super();
    opts = optionsBag('Conv1d', opts) ?? {};
    const int = (name: string, v: unknown, min: number): number => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw argumentError(`Conv1d: ${name} must be an integer >= ${min}, got ${show(v)}`);
      return v;
    };
    int('in_channels', inChannels, 0);
    int('out_channels', outChannels, 0);
    int('kernel_size', kernelSize, 1);
    this.stride = int('stride', opts.stride ?? 1, 1);
    this.dilation = int('dilation', opts.dilation ?? 1, 1);
    const groups = opts.groups ?? 1;
    if (typeof groups !== 'number' || !Number.isInteger(groups) || groups <= 0) throw argumentError('groups must be a positive integer');
    this.groups = groups;
    if (inChannels % groups !== 0) throw argumentError('in_channels must be divisible by groups');
    if (outChannels % groups !== 0) throw argumentError('out_channels must be divisible by groups');
    const padding = opts.padding ?? 0;
    if (typeof padding === 'string') {
      if (padding !== 'same' && padding !== 'valid') throw argumentError(`Invalid padding string ${py(padding)}, should be one of {'valid', 'same'}`);
      if (padding === 'same' && this.stride !== 1) throw argumentError("padding='same' is not supported for strided convolutions");
    } else int('padding', padding, 0);
    this.padding = padding;
    const mode = opts.paddingMode ?? 'zeros';
    if (!MODES.includes(mode))
      throw argumentError(`padding_mode must be one of {'replicate', 'zeros', 'reflect', 'circular'}, but got padding_mode=${py(mode)}`);
    this.paddingMode = mode;
    const w = zeros([outChannels, inChannels / groups, kernelSize]);
    kaimingUniform_(w, { a: Math.sqrt(5), generator: opts.generator });
    this.weight = Parameter(w);
    if (opts.bias ?? true) {
      const b = zeros([outChannels]);
      const fanIn = w.numel === 0 ? 0 : calculateFanInAndFanOut(w)[0];
      if (fanIn !== 0) uniform_(b, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), { generator: opts.generator });
      this.bias = Parameter(b);
    } else this.bias = null;
  }

  forward(x: Tensor): Tensor {
    return conv1d(x, this.weight, this.bias, this);
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${py([this.kernelSize])}, stride=${py([this.stride])}`;
    if (this.padding !== 0) s += `, padding=${typeof this.padding === 'string' ? this.padding : py([this.padding])}`;
    if (this.dilation !== 1) s += `, dilation=${py([this.dilation])}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}
