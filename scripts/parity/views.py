"""Indexing and views (0.2): select, slice, index, split/chunk/unbind, flip/roll/repeat/tile/movedim,
masked_fill/masked_select/nonzero, scatter/scatter_add/index_add/index_fill/take, T/mT."""
def I(v):  # noqa: E743 -- an int32 index tensor in JS
    return f"tg.tensor({v}, {{ dtype: 'int32' }})"


SRC = "[[0, 1, 2, 0], [2, 0, 1, 1]]"
TAKE = "[[0, 11], [-1, 5]]"
CASES = [
    ("select", [[3, 4]], "a.select(1, -2)"),
    ("select transposed", [[3, 4]], "a.t().select(0, 1)"),
    ("index int and step slice", [[3, 5, 4]], "a[0, 1::2]", "a.index(0, [1, null, 2])"),
    ("index new axis and ellipsis", [[3, 5, 4]], "a[None, ..., 1]", "a.index(null, '...', 1)"),
    ("index negative slices", [[4, 5]], "a[-3:, :-1]", "a.index([-3], [null, -1])"),
    ("index ellipsis alias", [[2, 3]], "a[...]", "a.index('...')"),
    ("index clamped slice", [[3, 7]], "a[:, 1:100:3]", "a.index([], [1, 100, 3])"),
    ("slice", [[3, 7]], "a[:, -5:6:2]", "a.slice(1, -5, 6, 2)"),
    ("split size", [[5, 3]], "a.split(2)[2]"),
    ("split sizes", [[4, 5]], "a.split([1, 4], 1)[1]"),
    ("chunk", [[5, 2]], "a.chunk(4)[2]"),
    ("unbind", [[3, 4]], "a.unbind(1)[2]"),
    ("split of an empty dim", [[0, 3]], "a.split(2)[0]"),
    ("flip", [[2, 3, 4]], "a.flip(0, 2)"),
    ("flip transposed", [[3, 4]], "a.t().flip(-1)"),
    ("flip int32", [[3, 4]], "a.flip(1)", None, {"dtype": "int32"}),
    ("roll dims", [[3, 4]], "a.roll((1, -2), (0, 1))", "a.roll([1, -2], [0, 1])"),
    ("roll flat", [[3, 4]], "a.roll(7)"),
    ("roll transposed", [[3, 4]], "a.t().roll(-1, 0)"),
    ("roll bool", [[5]], "a.roll(2)", None, {"dtype": "bool"}),
    ("repeat", [[2, 3]], "a.repeat(2, 1, 3)"),
    ("repeat 0-d", [[]], "a.repeat(2, 3)"),
    ("repeat zero", [[2, 3]], "a.repeat(0, 2)"),
    ("repeat int32", [[2, 2]], "a.repeat(1, 2)", None, {"dtype": "int32"}),
    ("tile", [[2, 3]], "a.tile((2,))", "a.tile(2)"),
    ("movedim", [[2, 3, 4]], "a.movedim((0, 1), (2, 0))", "a.movedim([0, 1], [2, 0])"),
    ("movedim negative", [[2, 3, 4]], "a.movedim(-1, 0)"),
    ("T", [[3, 4]], "a.T"),
    ("mT", [[2, 3, 4]], "a.mT"),
    ("masked_fill", [[3, 4]], "a.masked_fill(a.gt(0), -1.5)", "a.maskedFill(a.gt(0), -1.5)"),
    ("masked_fill mask broadcast", [[3, 4], [4]], "a.masked_fill(b.gt(0), 2.0)", "a.maskedFill(b.gt(0), 2.0)"),
    ("masked_fill mask larger", [[4], [3, 4]], "a.masked_fill(b.gt(0), 2.0)", "a.maskedFill(b.gt(0), 2.0)"),
    ("masked_fill tensor value", [[3, 4], [4], [2]], "a.masked_fill(b.gt(0), c.sum())", "a.maskedFill(b.gt(0), c.sum())"),
    ("masked_fill int32", [[3, 4]], "a.masked_fill(a.gt(0), 7)", "a.maskedFill(a.gt(0), 7)", {"dtype": "int32"}),
    ("masked_fill_ through a view", [[3, 4], [4]], "masked_fill_view(a, b)", "(() => { const y = a.mul(2); y.select(0, 1).maskedFill_(b.gt(0), 0.5); return y; })()"),
    ("masked_select", [[3, 4]], "a.masked_select(a.gt(0))", "a.maskedSelect(a.gt(0))"),
    ("masked_select broadcast", [[3, 1], [3, 4]], "a.masked_select(b.gt(0))", "a.maskedSelect(b.gt(0))"),
    ("nonzero", [[3, 4]], "a.gt(0).nonzero().double()"),
    ("nonzero 3-d", [[2, 3, 2]], "a.nonzero().double()", None, {"dtype": "int32"}),
    ("scatter src", [[3, 4], [2, 4]], f"a.scatter(0, torch.tensor({SRC}), b)", f"a.scatter(0, {I(SRC)}, b)"),
    ("scatter value", [[3, 4]], "a.scatter(1, torch.tensor([[3], [0], [1]]), 2.5)", f"a.scatter(1, {I('[[3], [0], [1]]')}, 2.5)"),
    ("scatter_ in place", [[3, 4], [1, 2]], "scatter_inplace(a, b)", f"(() => {{ const y = a.mul(1); y.scatter_(1, {I('[[2, 0]]')}, b); return y; }})()"),
    ("scatter_add", [[3, 4], [2, 4]], f"a.scatter_add(0, torch.tensor({SRC}), b)", f"a.scatterAdd(0, {I(SRC)}, b)"),
    ("scatter_add transposed", [[4, 3], [4, 3]], "a.t().scatter_add(1, torch.tensor([[0, 0], [3, 1], [1, 1]]), b.t())", f"a.t().scatterAdd(1, {I('[[0, 0], [3, 1], [1, 1]]')}, b.t())", {"grad": False}),  # PyTorch's backward refuses a src larger than index
    ("index_add alpha", [[4, 3], [3, 3]], "a.index_add(0, torch.tensor([2, 0, 2]), b, alpha=2.5)", "a.indexAdd(0, [2, 0, 2], b, { alpha: 2.5 })"),
    ("index_add dim 1", [[4, 3], [4, 2]], "a.index_add(1, torch.tensor([2, 0]), b)", f"a.indexAdd(1, {I('[2, 0]')}, b)"),
    ("index_add int32", [[4, 3], [1, 3]], "a.index_add(0, torch.tensor([1]), b)", "a.indexAdd(0, [1], b)", {"dtype": "int32"}),
    ("index_fill", [[4, 3]], "a.index_fill(1, torch.tensor([0, -1]), -3.0)", "a.indexFill(1, [0, -1], -3)"),
    ("index_fill tensor value", [[4, 3], [2]], "a.index_fill(0, torch.tensor([1, 1, 3]), b.sum())", "a.indexFill(0, [1, 1, 3], b.sum())"),
    ("index_fill 0-d", [[]], "a.index_fill(0, torch.tensor([0]), 1.5)", "a.indexFill(0, [0], 1.5)"),
    ("take", [[3, 4]], f"a.take(torch.tensor({TAKE}))", f"a.take({I(TAKE)})"),
    ("take transposed repeated", [[3, 4]], "a.t().take(torch.tensor([1, 1, 2]))", "a.t().take([1, 1, 2])"),
    ("float32 chain", [[4, 5]], "a[1:, ::2].flip(0).roll(1, 1).repeat(2, 1)", "a.index([1], [null, null, 2]).flip(0).roll(1, 1).repeat(2, 1)", {"dtype": "float32"}),
]


def masked_fill_view(a, b):
    y = a.mul(2)
    y.select(0, 1).masked_fill_(b.gt(0), 0.5)
    return y


def scatter_inplace(a, b):
    y = a.mul(1)
    y.scatter_(1, __import__("torch").tensor([[2, 0]]), b)
    return y


ENV = {"masked_fill_view": masked_fill_view, "scatter_inplace": scatter_inplace}
