export { Module, Parameter, isParameter } from './module';
export { Linear, Sequential, ReLU, Sigmoid, Tanh, type LinearOptions } from './layers';
export { MSELoss, L1Loss, BCEWithLogitsLoss, CrossEntropyLoss } from './loss';
import * as functional from './functional';
export { functional };
