export { LinearRegression, squaredLoss, type FitOptions, type AsyncFitOptions, type LinearRegressionOptions } from './linear_regression';
