export { Module, Parameter, isParameter } from './module';
export { Linear, Sequential, ReLU, Sigmoid, Tanh, Dropout, type LinearOptions } from './layers';
import * as init from './init';
export { init };
export { MSELoss, L1Loss, BCEWithLogitsLoss, CrossEntropyLoss } from './loss';
import * as functional from './functional';
export { functional };
