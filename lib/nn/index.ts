export { Module, Parameter, isParameter } from './module';
export { Linear, Sequential, Dropout, type LinearOptions } from './layers';
export { ReLU, Sigmoid, Tanh } from './activation_modules';
export {
  ReLU6,
  LeakyReLU,
  ELU,
  SELU,
  CELU,
  GELU,
  SiLU,
  Mish,
  Softplus,
  Softsign,
  Hardtanh,
  Hardsigmoid,
  Hardswish,
  Tanhshrink,
  Softshrink,
  Hardshrink,
  LogSigmoid,
  Threshold,
  Softmax,
  LogSoftmax,
  Softmin,
  GLU,
  PReLU,
} from './activation_modules';
export { Identity, Flatten, Unflatten, ModuleList, ModuleDict } from './containers';
export type { InplaceOptions } from './activation_modules';
import * as init from './init';
export { init };
export { MSELoss, L1Loss, BCEWithLogitsLoss, CrossEntropyLoss } from './loss';
import * as functional from './functional';
export { functional };
export { Conv1d, type Conv1dModuleOptions } from './conv';
export { MaxPool1d, AvgPool1d, type MaxPool1dOutput } from './pooling';
export { MultiheadAttention, NonDynamicallyQuantizableLinear, type MultiheadAttentionOptions, type AttentionForwardOptions } from './attention';
export { LayerNorm, RMSNorm, BatchNorm1d } from './normalization';
export type { LayerNormOptions, RMSNormOptions, BatchNormOptions } from './normalization';
export { Embedding, EmbeddingBag } from './embedding';
export type { EmbeddingOptions, EmbeddingBagOptions, FromPretrainedOptions } from './embedding';
export { NLLLoss, BCELoss, HuberLoss, SmoothL1Loss, KLDivLoss, CosineEmbeddingLoss, MarginRankingLoss, TripletMarginLoss } from './losses';
import * as utils from './utils';
export { utils };
