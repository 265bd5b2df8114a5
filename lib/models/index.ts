export { squaredLoss } from './squared_loss';
export { LinearRegression, type FitOptions, type AsyncFitOptions, type LinearRegressionOptions } from './linear_regression';
