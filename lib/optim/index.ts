export { Optimizer, type ZeroGradOptions, type OptimizerStateDict, type ParamGroup, type ParamGroupSpec, type Params, type ParamState } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { Adam, AdamW, type AdamOptions } from './adam';
export { trainAsync, type TrainAsyncOptions } from './train_async';
