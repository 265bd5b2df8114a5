import { allocate, type DType, type TypedArray } from './dtype';

/**
 * A V8-owned typed buffer that native kernels read and write in place (zero copy). Views of
 * one tensor share a Storage.
 */
export class Storage {
  constructor(readonly data: TypedArray) {}

  static alloc(dtype: DType, n: number): Storage {
    return new Storage(allocate(dtype, n));
  }
}

/**
 * PyTorch's version counter: bumped by every in-place write, shared by a tensor and its views,
 * checked by saved tensors at backward time. `.data` gets a fresh one so writes through it go
 * unnoticed, exactly as in PyTorch.
 */
export class VersionCounter {
  value = 0;
}
