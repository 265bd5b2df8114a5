// Activation methods: thin forwards to lib/ops/activations.ts and lib/ops/softmax.ts.
import {
  elu,
  gelu,
  hardtanh,
  leakyRelu,
  logSigmoid,
  mish,
  relu6,
  silu,
  softplus,
  type GeluOptions,
  type HardtanhOptions,
  type SoftplusOptions,
} from '../ops/activations';
import { logSoftmax, softmax, type SoftmaxOptions } from '../ops/softmax';
import { Tensor } from '../tensor';

declare module '../tensor' {
  interface Tensor {
    /** Softmax along `dim` (Tensor.softmax). */
    softmax(dim: number, options?: SoftmaxOptions): Tensor;
    /** log(softmax) along `dim`, computed stably (Tensor.log_softmax). */
    logSoftmax(dim: number, options?: SoftmaxOptions): Tensor;
    /** x * Phi(x) (torch.nn.functional.gelu). */
    gelu(options?: GeluOptions): Tensor;
    /** x * sigmoid(x) (torch.nn.functional.silu). */
    silu(): Tensor;
    /** x * tanh(softplus(x)) (torch.nn.functional.mish). */
    mish(): Tensor;
    /** log(sigmoid(x)) (torch.nn.functional.logsigmoid). */
    logSigmoid(): Tensor;
    /** log(1 + exp(beta x)) / beta (torch.nn.functional.softplus). */
    softplus(options?: SoftplusOptions): Tensor;
    /** x > 0 ? x : alpha (exp(x) - 1) (torch.nn.functional.elu). */
    elu(alpha?: number): Tensor;
    /** x > 0 ? x : slope x (torch.nn.functional.leaky_relu). */
    leakyRelu(slope?: number): Tensor;
    /** x clamped to [minVal, maxVal] (torch.nn.functional.hardtanh). */
    hardtanh(options?: HardtanhOptions): Tensor;
    /** x clamped to [0, 6] (torch.nn.functional.relu6). */
    relu6(): Tensor;
  }
}

Tensor.prototype.softmax = function (this: Tensor, dim: number, options?: SoftmaxOptions): Tensor {
  return softmax(this, dim, options);
};
Tensor.prototype.logSoftmax = function (this: Tensor, dim: number, options?: SoftmaxOptions): Tensor {
  return logSoftmax(this, dim, options);
};
Tensor.prototype.gelu = function (this: Tensor, options?: GeluOptions): Tensor {
  return gelu(this, options);
};
Tensor.prototype.silu = function (this: Tensor): Tensor {
  return silu(this);
};
Tensor.prototype.mish = function (this: Tensor): Tensor {
  return mish(this);
};
Tensor.prototype.logSigmoid = function (this: Tensor): Tensor {
  return logSigmoid(this);
};
Tensor.prototype.softplus = function (this: Tensor, options?: SoftplusOptions): Tensor {
  return softplus(this, options);
};
Tensor.prototype.elu = function (this: Tensor, alpha?: number): Tensor {
  return elu(this, alpha);
};
Tensor.prototype.leakyRelu = function (this: Tensor, slope?: number): Tensor {
  return leakyRelu(this, slope);
};
Tensor.prototype.hardtanh = function (this: Tensor, options?: HardtanhOptions): Tensor {
  return hardtanh(this, options);
};
Tensor.prototype.relu6 = function (this: Tensor): Tensor {
  return relu6(this);
};
