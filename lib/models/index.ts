export { LinearRegression, squaredLoss, type FitOptions, type LinearRegressionOptions } from './linear_regression';
