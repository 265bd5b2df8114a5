// cat and stack: copies into slices of one output; the backward narrows the gradient back.
import { defineOp } from '../autograd/define_op';
import { promoteTypes } from '../dtype';
import { argumentError, shapeError, stateError } from '../errors';
import { fmt, normDim } from '../shape';
import { isTensor, Tensor } from '../tensor';
import { copyInto, emptyRaw, viewRaw } from '../backend/raw';

interface JoinState {
  dim: number;
  sizes: number[];
  stack: boolean;
}

const joinOp = defineOp<[number, boolean], JoinState>({
  op: 'cat',
  nodeName: (_dim, stack) => (stack ? 'StackBackward0' : 'CatBackward0'),
  forward(ctx, inputs, dim, stack) {
    const dtype = inputs.map((t) => t.dtype).reduce(promoteTypes);
    // For stack every input fills a slice of size 1 at `dim`; for cat, its own size there.
    const parts = inputs.filter((t) => stack || !(t.ndim === 1 && t._shape[0] === 0));
    const ref = parts[0] ?? inputs[0];
    const sizes = inputs.map((t) => (stack ? 1 : t.ndim === 1 && t._shape[0] === 0 && ref.ndim !== 1 ? 0 : t._shape[dim]));
    const outShape = stack ? [...ref._shape.slice(0, dim), inputs.length, ...ref._shape.slice(dim)] : ref._shape.slice();
    if (!stack) outShape[dim] = sizes.reduce((a, b) => a + b, 0);
    const out = emptyRaw(outShape, dtype);
    let at = 0;
    inputs.forEach((t, i) => {
      if (sizes[i] === 0) return;
      const sliceShape = outShape.slice();
      sliceShape[dim] = sizes[i];
      const slice = viewRaw(out, sliceShape, out._strides, at * out._strides[dim]);
      copyInto(
        stack
          ? viewRaw(
              slice,
              t._shape,
              out._strides.filter((_, d) => d !== dim),
              slice.offset,
            )
          : slice,
        t,
      );
      at += sizes[i];
    });
    ctx.state = { dim, sizes, stack };
    return out;
  },
  backward(ctx, g) {
    const { dim, sizes, stack } = ctx.state;
    let at = 0;
    return sizes.map((n, i) => {
      if (!ctx.needsInputGrad[i] || n === 0) {
        at += n;
        return null;
      }
      const part = g.narrow(dim, at, n);
      at += n;
      return stack ? part.squeeze(dim) : part;
    });
  },
});

function tensorList(op: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors) || tensors.some((t) => !isTensor(t))) {
    throw argumentError(`${op}(): argument 'tensors' must be an array of Tensors`);
  }
  if (tensors.length === 0) throw argumentError(`${op}(): expected a non-empty list of Tensors`);
  // A disposed storage reads as empty: refused here, before the output is allocated or written.
  const i = (tensors as Tensor[]).findIndex((t) => t._storage.disposed);
  if (i >= 0) throw stateError(`${op}(): the tensor at position ${i} has been disposed`);
  return tensors as Tensor[];
}

/** Concatenates along an existing dim (torch.cat); 1-D empty tensors are skipped as in PyTorch. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const list = tensorList('cat', tensors);
  const parts = list.filter((t) => !(t.ndim === 1 && t._shape[0] === 0));
  if (parts.length === 0) return joinOp(list, 0, false);
  const ref = parts[0];
  if (ref.ndim === 0) throw argumentError('cat(): zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = normDim('cat', dim, ref.ndim);
  parts.forEach((t, i) => {
    if (t.ndim !== ref.ndim) {
      throw shapeError(`cat(): Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
    }
    t._shape.forEach((s, k) => {
      if (k !== d && s !== ref._shape[k]) {
        throw shapeError(
          `cat(): Sizes of tensors must match except in dimension ${d}. Expected size ${ref._shape[k]} but got size ${s} for tensor number ${list.indexOf(t)} in the list.`,
        );
      }
    });
    void i;
  });
  return joinOp(list, d, false);
}

/** Joins equal-shaped tensors along a new dim (torch.stack). */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const list = tensorList('stack', tensors);
  const ref = list[0];
  list.forEach((t, i) => {
    if (t._shape.length !== ref._shape.length || t._shape.some((s, k) => s !== ref._shape[k])) {
      throw shapeError(`stack expects each tensor to be equal size, but got ${fmt(ref._shape)} at entry 0 and ${fmt(t._shape)} at entry ${i}`);
    }
  });
  return joinOp(list, normDim('stack', dim, ref.ndim + 1), true);
}
