export { squaredLoss } from '../ops/loss';
export { LinearRegression, type FitOptions, type AsyncFitOptions, type LinearRegressionOptions } from './linear_regression';
