export { Optimizer, type ZeroGradOptions } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
