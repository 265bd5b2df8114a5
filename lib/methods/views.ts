// Indexing and views of the 0.2 surface as Tensor methods: thin forwards to ops/slicing.ts,
// ops/reorder.ts, ops/masking.ts and ops/scatter.ts.
import { signedSizes } from '../shape';
import { Tensor } from '../tensor';
import { maskedFill, maskedFillInplace, maskedSelect, nonzero } from '../ops/masking';
import { flip, repeat, roll, tile } from '../ops/reorder';
import { indexAdd, indexFill, scatter, scatterAdd, scatterInplace, take } from '../ops/scatter';
import { chunk, index, matrixT, movedim, numpyT, select, slice, split, unbind, type IndexSpec } from '../ops/slicing';

type Sizes = (number | readonly number[])[];

declare module '../tensor' {
  interface Tensor {
    /** x[:, i] along dim (the dim removed), a view (PyTorch's select). */
    select(dim: number, index: number): Tensor;
    /** x[:, start:end:step] along dim, a view (PyTorch's slice; Python's clamping, step > 0). */
    slice(dim: number, start?: number | null, end?: number | null, step?: number): Tensor;
    /** Basic indexing, a view: a number, null (new axis), '...' or [start?, end?, step?] per spec. */
    index(...specs: IndexSpec[]): Tensor;
    /** Views of `size` along dim (the last maybe shorter), or of the listed sizes (PyTorch's split). */
    split(sizeOrSizes: number | readonly number[], dim?: number): Tensor[];
    /** Views of ceil(size / n) along dim, so maybe fewer than n (PyTorch's chunk). */
    chunk(chunks: number, dim?: number): Tensor[];
    /** Every slice along dim, the dim removed (PyTorch's unbind). */
    unbind(dim?: number): Tensor[];
    /** A copy reversed along dims (PyTorch's flip). */
    flip(...dims: Sizes): Tensor;
    /** A copy shifted along dims with wrap-around; without dims over the flattened tensor (PyTorch's roll). */
    roll(shifts: number | readonly number[], dims?: number | readonly number[] | null): Tensor;
    /** x tiled sizes[i] times along each dim (PyTorch's repeat). */
    repeat(...sizes: Sizes): Tensor;
    /** repeat with the reps padded by leading ones (PyTorch's tile). */
    tile(...reps: Sizes): Tensor;
    /** Dims moved from source to destination positions, a view (PyTorch's movedim). */
    movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor;
    /** A copy with value where the bool mask is true (PyTorch's masked_fill). */
    maskedFill(mask: Tensor, value: number | boolean | Tensor): Tensor;
    /** In-place masked_fill_. */
    maskedFill_(mask: Tensor, value: number | boolean | Tensor): Tensor;
    /** The elements where the bool mask is true, 1-D (PyTorch's masked_select). */
    maskedSelect(mask: Tensor): Tensor;
    /** The indices of the non-zero elements, [n, ndim] (PyTorch's nonzero). */
    nonzero(): Tensor;
    /** A copy with src (a tensor or number) written at index along dim (PyTorch's scatter). */
    scatter(dim: number, index: Tensor, src: Tensor | number | boolean): Tensor;
    /** In-place scatter_. */
    scatter_(dim: number, index: Tensor, src: Tensor | number | boolean): Tensor;
    /** A copy with src added at index along dim (PyTorch's scatter_add). */
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    /** A copy with alpha * src's slices added at the indices along dim (PyTorch's index_add). */
    indexAdd(dim: number, index: Tensor | readonly number[], src: Tensor, opts?: { alpha?: number }): Tensor;
    /** A copy with the slices at the indices along dim set to value (PyTorch's index_fill). */
    indexFill(dim: number, index: Tensor | readonly number[], value: number | boolean | Tensor): Tensor;
    /** Elements of the flattened tensor at the indices, shaped as index (PyTorch's take). */
    take(index: Tensor | readonly number[]): Tensor;
    /** The dims reversed, a view (PyTorch's x.T: t() for 2-D). */
    readonly T: Tensor;
    /** The last two dims swapped, a view (PyTorch's x.mT). */
    readonly mT: Tensor;
  }
}

const P = Tensor.prototype;
P.select = function (dim, i) {
  return select(this, dim, i);
};
P.slice = function (dim, start, end, step) {
  return slice(this, dim, start, end, step);
};
P.index = function (...specs) {
  return index(this, ...specs);
};
P.split = function (sizeOrSizes, dim) {
  return split(this, sizeOrSizes, dim);
};
P.chunk = function (chunks, dim) {
  return chunk(this, chunks, dim);
};
P.unbind = function (dim) {
  return unbind(this, dim);
};
P.flip = function (...dims) {
  return flip(this, signedSizes('flip', dims, 'dims'));
};
P.roll = function (shifts, dims) {
  return roll(this, shifts, dims);
};
P.repeat = function (...sizes) {
  return repeat(this, signedSizes('repeat', sizes));
};
P.tile = function (...reps) {
  return tile(this, signedSizes('tile', reps, 'dims'));
};
P.movedim = function (source, destination) {
  return movedim(this, source, destination);
};
P.maskedFill = function (mask, value) {
  return maskedFill(this, mask, value);
};
P.maskedFill_ = function (mask, value) {
  return maskedFillInplace(this, mask, value);
};
P.maskedSelect = function (mask) {
  return maskedSelect(this, mask);
};
P.nonzero = function () {
  return nonzero(this);
};
P.scatter = function (dim, idx, src) {
  return scatter(this, dim, idx, src);
};
P.scatter_ = function (dim, idx, src) {
  return scatterInplace(this, dim, idx, src);
};
P.scatterAdd = function (dim, idx, src) {
  return scatterAdd(this, dim, idx, src);
};
P.indexAdd = function (dim, idx, src, opts) {
  return indexAdd(this, dim, idx, src, opts);
};
P.indexFill = function (dim, idx, value) {
  return indexFill(this, dim, idx, value);
};
P.take = function (idx) {
  return take(this, idx);
};
Object.defineProperty(P, 'T', {
  get(this: Tensor) {
    return numpyT(this);
  },
  configurable: true,
});
Object.defineProperty(P, 'mT', {
  get(this: Tensor) {
    return matrixT(this);
  },
  configurable: true,
});
