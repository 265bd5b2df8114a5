/** Error codes of the contract (API.md, "Errors"). */
export type ErrorCode = 'SHAPE' | 'DTYPE' | 'INDEX' | 'GRAD' | 'ARGUMENT' | 'STATE' | 'IO';

/** Every error tensorgrad throws: a message naming the op and the offending shapes, and a code. */
export class TensorError extends Error {
  readonly code: ErrorCode;

  constructor(message: string, code: ErrorCode) {
    super(message);
    this.name = 'TensorError';
    this.code = code;
  }
}

export function shapeError(message: string): TensorError {
  return new TensorError(message, 'SHAPE');
}
export function dtypeError(message: string): TensorError {
  return new TensorError(message, 'DTYPE');
}
export function indexError(message: string): TensorError {
  return new TensorError(message, 'INDEX');
}
export function gradError(message: string): TensorError {
  return new TensorError(message, 'GRAD');
}
export function argumentError(message: string): TensorError {
  return new TensorError(message, 'ARGUMENT');
}
export function stateError(message: string): TensorError {
  return new TensorError(message, 'STATE');
}
export function ioError(message: string): TensorError {
  return new TensorError(message, 'IO');
}
