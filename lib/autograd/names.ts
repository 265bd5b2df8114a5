import type { DType } from '../dtype';

const LEGACY: Record<DType, string> = {
  float32: 'torch.FloatTensor',
  float64: 'torch.DoubleTensor',
  int32: 'torch.IntTensor',
  int64: 'torch.LongTensor',
  bool: 'torch.BoolTensor',
};

/** PyTorch's legacy type name used in autograd messages, e.g. torch.FloatTensor. */
export function torchTypeName(d: DType): string {
  return LEGACY[d];
}
