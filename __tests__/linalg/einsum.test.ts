// einsum against a naive loop over every label assignment; its routing (bmm, mul, sum as the last
// op, as PyTorch's composite); errors with PyTorch's messages; outer and cdist against loops.
import * as tg from '../../lib';
import { expectClose, expectTensorError, forEachIndex } from '../helpers';
import { randMat } from './support';

/** einsum by brute force: explicit output labels, no ellipsis. */
function einsumRef(eq: string, ops: tg.Tensor[]): { shape: number[]; values: number[] } {
  const [lhs, out] = eq.split('->');
  const terms = lhs.split(',');
  const size = new Map<string, number>();
  terms.forEach((t, i) => [...t].forEach((l, d) => size.set(l, ops[i].shape[d])));
  const labels = [...size.keys()];
  const data = ops.map((o) => Array.from(o.contiguous().dataSync() as Float64Array));
  const outShape = [...out].map((l) => size.get(l)!);
  const values = new Array<number>(outShape.reduce((a, b) => a * b, 1)).fill(0);
  forEachIndex(
    labels.map((l) => size.get(l)!),
    (idx) => {
      const at = (l: string) => idx[labels.indexOf(l)];
      let p = 1;
      terms.forEach((t, i) => {
        let off = 0;
        [...t].forEach((l, d) => (off = off * ops[i].shape[d] + at(l)));
        p *= data[i][off];
      });
      let o = 0;
      [...out].forEach((l, d) => (o = o * outShape[d] + at(l)));
      values[o] += p;
    },
  );
  return { shape: outShape, values };
}

describe('einsum', () => {
  test.each([
    [
      'ij,jk->ik',
      [
        [3, 4],
        [4, 5],
      ],
    ],
    [
      'bij,bjk->bik',
      [
        [2, 3, 4],
        [2, 4, 2],
      ],
    ],
    ['ii->i', [[4, 4]]],
    ['ii->', [[4, 4]]],
    ['ij->', [[3, 4]]],
    ['i,j->ij', [[3], [4]]],
    ['ij->ji', [[3, 4]]],
    [
      'ijk,ikl,ilm->jm',
      [
        [2, 3, 2],
        [2, 2, 3],
        [2, 3, 2],
      ],
    ],
    [
      'bn,anm,bm->ba',
      [
        [2, 3],
        [4, 3, 5],
        [2, 5],
      ],
    ],
    ['iij->j', [[3, 3, 2]]],
    [
      'ij,ij->i',
      [
        [3, 4],
        [3, 4],
      ],
    ],
    ['i,i->', [[5], [5]]],
    [
      'ab,cd->abcd',
      [
        [2, 2],
        [2, 3],
      ],
    ],
  ])('%s matches the naive sum', (eq, shapes) => {
    const ops = shapes.map((s, i) => randMat(s, 100 + i));
    const ref = einsumRef(eq, ops);
    const r = tg.einsum(eq, ...ops);
    expect(r.shape).toEqual(ref.shape);
    expectClose(Array.from(r.contiguous().dataSync() as Float64Array), ref.values, 1e-12);
  });

  test('implicit output, ellipsis, broadcasting, non-contiguous operands and float32', () => {
    const a = randMat([3, 4], 110);
    const b = randMat([4, 5], 111);
    const ab = tg.einsum('ij,jk', a, b);
    expectClose(Array.from(ab.dataSync() as Float64Array), Array.from(a.matmul(b).dataSync() as Float64Array), 1e-12);
    expect(tg.einsum('ba', a).shape).toEqual([4, 3]); // implicit output is sorted: a, b
    const x = randMat([2, 1, 3, 4], 112);
    const y = randMat([5, 4, 2], 113);
    const e = tg.einsum('...ij,...jk->...ik', x, y);
    expect(e.shape).toEqual([2, 5, 3, 2]);
    expectClose(Array.from(e.dataSync() as Float64Array), Array.from(x.matmul(y).dataSync() as Float64Array), 1e-12);
    const t = tg.einsum('ij,jk->ik', a.t().contiguous().t(), b.t().contiguous().t());
    expectClose(Array.from(t.dataSync() as Float64Array), Array.from(ab.dataSync() as Float64Array), 1e-12);
    expect(tg.einsum('ij,jk->ik', a.to('float32'), b.to('float32')).dtype).toBe('float32');
    expect(tg.einsum('ij,j->i', [a, b.narrow(1, 0, 1).reshape(4)]).shape).toEqual([3]);
  });

  test("routing: 'bij,bjk->bik' is a bmm of views (ViewBackward0), as PyTorch's", () => {
    const a = randMat([2, 3, 4], 120).requiresGrad_();
    const b = randMat([2, 4, 5], 121);
    expect(tg.einsum('bij,bjk->bik', a, b).gradFn?.name).toBe('ViewBackward0');
    expect(tg.einsum('ij->', a.narrow(0, 0, 1).reshape(3, 4)).gradFn?.name).toBe('SumBackward1');
    expect(tg.einsum('i,j->ij', a.reshape(24), b.reshape(40)).gradFn?.name).toBe('MulBackward0');
  });

  test('errors', () => {
    const m = tg.ones([2, 2]);
    expectTensorError(
      () => tg.einsum('ij', tg.ones([2, 2, 2])),
      'SHAPE',
      'einsum(): the number of subscripts in the equation (2) does not match the number of dimensions (3) for operand 0 and no ellipsis was given',
    );
    expectTensorError(() => tg.einsum('ij,jk', m), 'ARGUMENT', 'einsum(): fewer operands were provided than specified in the equation');
    expectTensorError(() => tg.einsum('ij', m, m), 'ARGUMENT', 'einsum(): more operands were provided than specified in the equation');
    expectTensorError(() => tg.einsum('ij->k', m), 'ARGUMENT', 'einsum(): output subscript k does not appear in the equation for any input operand');
    expectTensorError(() => tg.einsum('ij->ii', m), 'ARGUMENT', 'einsum(): output subscript i appears more than once in the output');
    expectTensorError(
      () => tg.einsum('i1->i', m),
      'ARGUMENT',
      'einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]',
    );
    expectTensorError(() => tg.einsum('ii->i', tg.ones([2, 3])), 'SHAPE', "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2");
    expectTensorError(
      () => tg.einsum('i,i->', tg.ones([2]), tg.ones([3])),
      'SHAPE',
      'einsum(): subscript i has size 3 for operand 1 which does not broadcast with previously seen size 2',
    );
    expectTensorError(() => tg.einsum('...i...->i', m), 'ARGUMENT', "einsum(): found '.' for operand 0 for which an ellipsis was already found");
    expectTensorError(() => tg.einsum('i.->i', m), 'ARGUMENT', "einsum(): found '.' for operand 0 that is not part of any ellipsis");
    expectTensorError(() => tg.einsum('ijk...', m), 'SHAPE', 'is more than the number of dimensions (2) for operand 0');
  });
});

describe('outer and cdist', () => {
  test('outer is a[i] b[j], a MulBackward0, promoting as mul', () => {
    const a = tg.tensor([1, 2, 3], { requiresGrad: true });
    const o = tg.outer(a, tg.tensor([4, 5]));
    expect(o.toArray()).toEqual([
      [4, 5],
      [8, 10],
      [12, 15],
    ]);
    expect(o.gradFn?.name).toBe('MulBackward0');
    expect(tg.tensor([1, 2], { dtype: 'int32' }).outer(tg.tensor([0.5])).dtype).toBe('float32');
    expectTensorError(() => tg.outer(tg.ones([2, 2]), tg.ones([3])), 'SHAPE', 'outer: Expected 1-D argument self, but got 2-D');
    expectTensorError(() => tg.outer(tg.ones([2]), tg.ones([3, 1])), 'SHAPE', 'outer: Expected 1-D argument vec2, but got 2-D');
  });

  test.each([0, 1, 2, 3, 0.5, Infinity])('cdist p = %d against a loop, small and on the mm path', (p) => {
    for (const [r1, r2] of [
      [3, 4],
      [30, 7],
    ]) {
      const x1 = randMat([2, r1, 3], 130 + r1);
      const x2 = randMat([r2, 3], 131 + r2);
      const d = tg.cdist(x1, x2, p);
      expect(d.shape).toEqual([2, r1, r2]);
      const a = Array.from(x1.dataSync() as Float64Array);
      const b = Array.from(x2.dataSync() as Float64Array);
      const ref: number[] = [];
      for (let bt = 0; bt < 2; bt++)
        for (let i = 0; i < r1; i++)
          for (let j = 0; j < r2; j++) {
            const diff = [0, 1, 2].map((c) => Math.abs(a[bt * r1 * 3 + i * 3 + c] - b[j * 3 + c]));
            ref.push(p === Infinity ? Math.max(...diff) : p === 0 ? diff.filter((v) => v !== 0).length : diff.reduce((s, v) => s + v ** p, 0) ** (1 / p));
          }
      expectClose(Array.from(d.dataSync() as Float64Array), ref, 1e-10);
    }
  });

  test('cdist errors and node', () => {
    expect(tg.cdist(tg.ones([2, 3], { requiresGrad: true }), tg.ones([4, 3])).gradFn?.name).toBe('CdistBackward0');
    expectTensorError(() => tg.cdist(tg.ones([2, 3]), tg.ones([4, 2])), 'SHAPE', 'X1 and X2 must have the same number of columns. X1: 3 X2: 2');
    expectTensorError(() => tg.cdist(tg.ones([3]), tg.ones([4, 3])), 'SHAPE', 'cdist only supports at least 2D tensors, X1 got: 1D');
    expectTensorError(() => tg.cdist(tg.ones([2, 3]), tg.ones([4, 3]), -1), 'ARGUMENT', 'cdist only supports non-negative p values');
    expectTensorError(
      () => tg.cdist(tg.ones([2, 3], { dtype: 'int32' }), tg.ones([4, 3], { dtype: 'int32' })),
      'DTYPE',
      'cdist only supports floating-point dtypes, X1 got: Int',
    );
  });
});
