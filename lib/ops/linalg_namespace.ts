// tg.linalg: PyTorch's torch.linalg functions under their camelCase names.
export { inv, det, solve, cholesky, type SolveOptions, type CholeskyOptions } from './factor';
export { qr, lstsq, type QrMode, type QrOptions, type LstsqOptions, type LstsqResult } from './qr';
export { vectorNorm, matrixNorm, linalgNorm as norm, type VectorNormOptions, type MatrixOrd } from './norms';
