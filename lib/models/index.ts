export { squaredLoss } from '../ops/loss';
export { LinearRegression, type FitOptions, type AsyncFitOptions, type LinearRegressionOptions } from './linear_regression';
export { LogisticRegression, type LogisticRegressionOptions } from './logistic_regression';
export { MLP, type MLPOptions, type MLPActivation, type MLPTask } from './mlp';
