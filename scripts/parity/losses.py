"""Losses (lib/nn/functional_loss.ts, lib/ops/loss_nll.ts, lib/ops/loss_pointwise.ts)."""
import torch
import torch.nn.functional as F

ENV = {"F": F}
F32 = {"dtype": "float32", "tol": 1e-5}
JF = "tg.nn.functional"


def case(name, shapes, py, js, opts=None):
    return (name, shapes, py, js.replace("JF.", JF + "."), opts or {})


def both(name, shapes, py, js, opts=None):
    """The case in float64 and in float32."""
    opts = opts or {}
    return [case(name, shapes, py, js, opts), case(name + " f32", shapes, py, js, {**F32, **opts})]


T4 = ("torch.tensor([0, 2, 1, 4])", "tg.tensor([0, 2, 1, 4], { dtype: 'int64' })")
T4I = ("torch.tensor([0, 2, 1, 4])", "tg.tensor([0, 2, 1, 4], { dtype: 'int32' })")
T4IGN = ("torch.tensor([0, -100, 1, 4])", "tg.tensor([0, -100, 1, 4], { dtype: 'int64' })")
W5 = ("torch.tensor([0.5, 2.0, 1.0, 0.25, 3.0], dtype=a.dtype)", "tg.tensor([0.5, 2.0, 1.0, 0.25, 3.0], { dtype: a.dtype })")
W3 = ("torch.tensor([0.5, 2.0, 1.5], dtype=a.dtype)", "tg.tensor([0.5, 2.0, 1.5], { dtype: a.dtype })")
# [2, 3, 2, 2] and [2, 3, 4] targets of class indices over 3 classes
T222 = ("torch.tensor([[[0, 2], [1, 1]], [[2, 0], [-100, 1]]])", "tg.tensor([[[0, 2], [1, 1]], [[2, 0], [-100, 1]]], { dtype: 'int64' })")
T24 = ("torch.tensor([[0, 2, 1, 1], [2, 0, 1, 0]])", "tg.tensor([[0, 2, 1, 1], [2, 0, 1, 0]], { dtype: 'int64' })")
T2211 = ("torch.tensor([[[[0]], [[2]]], [[[1]], [[0]]]])", "tg.tensor([[[[0]], [[2]]], [[[1]], [[0]]]], { dtype: 'int64' })")
Y4 = ("torch.tensor([1.0, -1.0, 1.0, -1.0], dtype=a.dtype)", "tg.tensor([1, -1, 1, -1], { dtype: a.dtype })")
Y5 = ("torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0], dtype=a.dtype)", "tg.tensor([1, -1, 1, -1, 1], { dtype: a.dtype })")


def nll(args_py, args_js):
    return f"F.nll_loss(a, {args_py})", f"JF.nllLoss(a, {args_js})"


CASES = [
    *both("nll_loss mean", [[4, 5]], f"F.nll_loss(a, {T4[0]})", f"JF.nllLoss(a, {T4[1]})"),
    case("nll_loss int32 target", [[4, 5]], f"F.nll_loss(a, {T4I[0]})", f"JF.nllLoss(a, {T4I[1]})"),
    case("nll_loss sum", [[4, 5]], f"F.nll_loss(a, {T4[0]}, reduction='sum')", f"JF.nllLoss(a, {T4[1]}, {{ reduction: 'sum' }})"),
    case("nll_loss none", [[4, 5]], f"F.nll_loss(a, {T4[0]}, reduction='none')", f"JF.nllLoss(a, {T4[1]}, {{ reduction: 'none' }})"),
    *both("nll_loss weight ignore mean", [[4, 5]], f"F.nll_loss(a, {T4IGN[0]}, weight={W5[0]})", f"JF.nllLoss(a, {T4IGN[1]}, {{ weight: {W5[1]} }})"),
    case("nll_loss weight none", [[4, 5]], f"F.nll_loss(a, {T4IGN[0]}, weight={W5[0]}, reduction='none')", f"JF.nllLoss(a, {T4IGN[1]}, {{ weight: {W5[1]}, reduction: 'none' }})"),
    case("nll_loss weight sum", [[4, 5]], f"F.nll_loss(a, {T4[0]}, weight={W5[0]}, reduction='sum')", f"JF.nllLoss(a, {T4[1]}, {{ weight: {W5[1]}, reduction: 'sum' }})"),
    case("nll_loss ignore_index 2", [[4, 5]], f"F.nll_loss(a, {T4[0]}, ignore_index=2)", f"JF.nllLoss(a, {T4[1]}, {{ ignoreIndex: 2 }})"),
    case("nll_loss all ignored", [[4, 5]], "F.nll_loss(a, torch.tensor([-100, -100, -100, -100]))", "JF.nllLoss(a, tg.tensor([-100, -100, -100, -100], { dtype: 'int64' }))"),
    case("nll_loss 1-d input", [[5]], "F.nll_loss(a, torch.tensor(3))", "JF.nllLoss(a, tg.tensor(3, { dtype: 'int64' }))"),
    case("nll_loss 1-d none", [[5]], "F.nll_loss(a, torch.tensor(3), reduction='none')", "JF.nllLoss(a, tg.tensor(3, { dtype: 'int64' }), { reduction: 'none' })"),
    case("nll_loss transposed", [[5, 4]], f"F.nll_loss(a.t(), {T4[0]})", f"JF.nllLoss(a.t(), {T4[1]})"),
    *both("nll_loss 4-d", [[2, 3, 2, 2]], f"F.nll_loss(a, {T222[0]}, weight={W3[0]})", f"JF.nllLoss(a, {T222[1]}, {{ weight: {W3[1]} }})"),
    case("nll_loss 4-d none", [[2, 3, 2, 2]], f"F.nll_loss(a, {T222[0]}, reduction='none')", f"JF.nllLoss(a, {T222[1]}, {{ reduction: 'none' }})"),
    case("nll_loss 3-d", [[2, 3, 4]], f"F.nll_loss(a, {T24[0]})", f"JF.nllLoss(a, {T24[1]})"),
    case("nll_loss 3-d none", [[2, 3, 4]], f"F.nll_loss(a, {T24[0]}, reduction='none')", f"JF.nllLoss(a, {T24[1]}, {{ reduction: 'none' }})"),
    case("nll_loss 5-d sum", [[2, 3, 2, 1, 1]], f"F.nll_loss(a, {T2211[0]}, reduction='sum')", f"JF.nllLoss(a, {T2211[1]}, {{ reduction: 'sum' }})"),
    *both("cross_entropy", [[4, 5]], f"F.cross_entropy(a, {T4[0]})", f"JF.crossEntropy(a, {T4[1]})"),
    case("cross_entropy int32", [[4, 5]], f"F.cross_entropy(a, {T4I[0]})", f"JF.crossEntropy(a, {T4I[1]})"),
    case("cross_entropy none", [[4, 5]], f"F.cross_entropy(a, {T4[0]}, reduction='none')", f"JF.crossEntropy(a, {T4[1]}, {{ reduction: 'none' }})"),
    *both("cross_entropy weight ignore", [[4, 5]], f"F.cross_entropy(a, {T4IGN[0]}, weight={W5[0]})", f"JF.crossEntropy(a, {T4IGN[1]}, {{ weight: {W5[1]} }})"),
    case("cross_entropy large logits", [[4, 5]], f"F.cross_entropy(a * 200, {T4[0]})", f"JF.crossEntropy(a.mul(200), {T4[1]})"),
    case("cross_entropy 1-d", [[5]], "F.cross_entropy(a, torch.tensor(1))", "JF.crossEntropy(a, tg.tensor(1, { dtype: 'int64' }))"),
    case("cross_entropy 4-d", [[2, 3, 2, 2]], f"F.cross_entropy(a, {T222[0]})", f"JF.crossEntropy(a, {T222[1]})"),
    case("cross_entropy 3-d none", [[2, 3, 4]], f"F.cross_entropy(a, {T24[0]}, reduction='none')", f"JF.crossEntropy(a, {T24[1]}, {{ reduction: 'none' }})"),
    *both("cross_entropy label smoothing", [[4, 5]], f"F.cross_entropy(a, {T4[0]}, label_smoothing=0.1)", f"JF.crossEntropy(a, {T4[1]}, {{ labelSmoothing: 0.1 }})"),
    case("cross_entropy ls ignore", [[4, 5]], f"F.cross_entropy(a, {T4IGN[0]}, label_smoothing=0.2)", f"JF.crossEntropy(a, {T4IGN[1]}, {{ labelSmoothing: 0.2 }})"),
    *both("cross_entropy ls weight ignore", [[4, 5]], f"F.cross_entropy(a, {T4IGN[0]}, weight={W5[0]}, label_smoothing=0.3)", f"JF.crossEntropy(a, {T4IGN[1]}, {{ weight: {W5[1]}, labelSmoothing: 0.3 }})"),
    case("cross_entropy ls sum", [[4, 5]], f"F.cross_entropy(a, {T4IGN[0]}, weight={W5[0]}, label_smoothing=0.3, reduction='sum')", f"JF.crossEntropy(a, {T4IGN[1]}, {{ weight: {W5[1]}, labelSmoothing: 0.3, reduction: 'sum' }})"),
    case("cross_entropy ls none", [[4, 5]], f"F.cross_entropy(a, {T4IGN[0]}, label_smoothing=0.3, reduction='none')", f"JF.crossEntropy(a, {T4IGN[1]}, {{ labelSmoothing: 0.3, reduction: 'none' }})"),
    case("cross_entropy ls 4-d", [[2, 3, 2, 2]], f"F.cross_entropy(a, {T222[0]}, weight={W3[0]}, label_smoothing=0.15)", f"JF.crossEntropy(a, {T222[1]}, {{ weight: {W3[1]}, labelSmoothing: 0.15 }})"),
    case("cross_entropy ls 1.0", [[4, 5]], f"F.cross_entropy(a, {T4[0]}, label_smoothing=1.0)", f"JF.crossEntropy(a, {T4[1]}, {{ labelSmoothing: 1 }})"),
    *both("cross_entropy probabilities", [[4, 5], [4, 5]], "F.cross_entropy(a, b.softmax(1))", "JF.crossEntropy(a, b.softmax(1))"),
    case("cross_entropy probabilities sum", [[4, 5], [4, 5]], "F.cross_entropy(a, b.softmax(1), reduction='sum')", "JF.crossEntropy(a, b.softmax(1), { reduction: 'sum' })"),
    case("cross_entropy probabilities none", [[4, 5], [4, 5]], "F.cross_entropy(a, b.softmax(1), reduction='none')", "JF.crossEntropy(a, b.softmax(1), { reduction: 'none' })"),
    *both("cross_entropy probabilities weight ls", [[4, 5], [4, 5]], f"F.cross_entropy(a, b.softmax(1), weight={W5[0]}, label_smoothing=0.25)", f"JF.crossEntropy(a, b.softmax(1), {{ weight: {W5[1]}, labelSmoothing: 0.25 }})"),
    case("cross_entropy probabilities 4-d none", [[2, 3, 2, 2], [2, 3, 2, 2]], f"F.cross_entropy(a, b.softmax(1), weight={W3[0]}, reduction='none')", f"JF.crossEntropy(a, b.softmax(1), {{ weight: {W3[1]}, reduction: 'none' }})"),
    case("cross_entropy probabilities 1-d", [[5], [5]], "F.cross_entropy(a, b.softmax(0))", "JF.crossEntropy(a, b.softmax(0))"),
    *both("binary_cross_entropy", [[3, 4], [3, 4]], "F.binary_cross_entropy(a.sigmoid(), b.sigmoid())", "JF.binaryCrossEntropy(a.sigmoid(), b.sigmoid())"),
    case("binary_cross_entropy weight sum", [[3, 4], [3, 4]], "F.binary_cross_entropy(a.sigmoid(), b.sigmoid(), weight=torch.tensor([0.5, 1.0, 2.0, 3.0], dtype=a.dtype), reduction='sum')", "JF.binaryCrossEntropy(a.sigmoid(), b.sigmoid(), { weight: tg.tensor([0.5, 1.0, 2.0, 3.0], { dtype: a.dtype }), reduction: 'sum' })"),
    case("binary_cross_entropy weight column none", [[3, 4], [3, 4]], "F.binary_cross_entropy(a.sigmoid(), b.sigmoid(), weight=torch.tensor([[0.5], [2.0], [3.0]], dtype=a.dtype), reduction='none')", "JF.binaryCrossEntropy(a.sigmoid(), b.sigmoid(), { weight: tg.tensor([[0.5], [2.0], [3.0]], { dtype: a.dtype }), reduction: 'none' })"),
    case("binary_cross_entropy clamped logs", [[6], [6]], "F.binary_cross_entropy(a, b, reduction='none')", "JF.binaryCrossEntropy(a, b, { reduction: 'none' })", {"values": [[0.0, 1.0, 0.0, 1.0, 1e-50, 0.5], [0.0, 0.0, 1.0, 1.0, 0.3, 0.25]], "grad": False}),
    *both("binary_cross_entropy_with_logits", [[3, 4], [3, 4]], "F.binary_cross_entropy_with_logits(a * 3, b.sigmoid())", "JF.binaryCrossEntropyWithLogits(a.mul(3), b.sigmoid())"),
    *both(
        "binary_cross_entropy_with_logits weight pos_weight",
        [[3, 4], [3, 4]],
        "F.binary_cross_entropy_with_logits(a * 3, b.sigmoid(), weight=torch.tensor([[0.5], [2.0], [3.0]], dtype=a.dtype), pos_weight=torch.tensor([1.0, 2.0, 0.5, 4.0], dtype=a.dtype), reduction='sum')",
        "JF.binaryCrossEntropyWithLogits(a.mul(3), b.sigmoid(), { weight: tg.tensor([[0.5], [2.0], [3.0]], { dtype: a.dtype }), posWeight: tg.tensor([1.0, 2.0, 0.5, 4.0], { dtype: a.dtype }), reduction: 'sum' })",
    ),
    case("binary_cross_entropy_with_logits weight none", [[3, 4], [3, 4]], "F.binary_cross_entropy_with_logits(a * 30, b.sigmoid(), weight=torch.tensor([0.5, 1.0, 2.0, 3.0], dtype=a.dtype), reduction='none')", "JF.binaryCrossEntropyWithLogits(a.mul(30), b.sigmoid(), { weight: tg.tensor([0.5, 1.0, 2.0, 3.0], { dtype: a.dtype }), reduction: 'none' })"),
    *both("huber_loss", [[3, 4], [3, 4]], "F.huber_loss(a * 2, b)", "JF.huberLoss(a.mul(2), b)"),
    case("huber_loss delta none", [[3, 4], [3, 4]], "F.huber_loss(a * 2, b, delta=0.5, reduction='none')", "JF.huberLoss(a.mul(2), b, { delta: 0.5, reduction: 'none' })"),
    case("huber_loss delta positional sum", [[3, 4], [3, 4]], "F.huber_loss(a * 2, b, delta=1.5, reduction='sum')", "JF.huberLoss(a.mul(2), b, { delta: 1.5, reduction: 'sum' })"),
    case("huber_loss broadcast", [[3, 4], [4]], "F.huber_loss(a * 2, b)", "JF.huberLoss(a.mul(2), b)"),
    *both("smooth_l1_loss", [[3, 4], [3, 4]], "F.smooth_l1_loss(a * 2, b)", "JF.smoothL1Loss(a.mul(2), b)"),
    case("smooth_l1_loss beta none", [[3, 4], [3, 4]], "F.smooth_l1_loss(a * 2, b, beta=0.5, reduction='none')", "JF.smoothL1Loss(a.mul(2), b, { beta: 0.5, reduction: 'none' })"),
    case("smooth_l1_loss beta 0", [[3, 4], [3, 4]], "F.smooth_l1_loss(a, b, beta=0.0)", "JF.smoothL1Loss(a, b, 0)"),
    case("smooth_l1_loss broadcast sum", [[3, 1], [4]], "F.smooth_l1_loss(a, b, reduction='sum')", "JF.smoothL1Loss(a, b, { reduction: 'sum' })"),
    *both("kl_div", [[3, 4], [3, 4]], "F.kl_div(a.log_softmax(1), b.softmax(1))", "JF.klDiv(a.logSoftmax(1), b.softmax(1))"),
    case("kl_div batchmean", [[3, 4], [3, 4]], "F.kl_div(a.log_softmax(1), b.softmax(1), reduction='batchmean')", "JF.klDiv(a.logSoftmax(1), b.softmax(1), { reduction: 'batchmean' })"),
    case("kl_div sum", [[3, 4], [3, 4]], "F.kl_div(a, b.softmax(1), reduction='sum')", "JF.klDiv(a, b.softmax(1), { reduction: 'sum' })"),
    case("kl_div none", [[3, 4], [3, 4]], "F.kl_div(a, b.softmax(1), reduction='none')", "JF.klDiv(a, b.softmax(1), { reduction: 'none' })"),
    *both("kl_div log_target", [[3, 4], [3, 4]], "F.kl_div(a, b.log_softmax(1), reduction='batchmean', log_target=True)", "JF.klDiv(a, b.logSoftmax(1), { reduction: 'batchmean', logTarget: true })"),
    case("kl_div zero target", [[4], [4]], "F.kl_div(a, b, reduction='none')", "JF.klDiv(a, b, { reduction: 'none' })", {"values": [[-1.0, -2.0, -0.5, -3.0], [0.0, 0.5, 0.25, 0.25]], "grad": False}),
    *both("cosine_embedding_loss", [[4, 6], [4, 6]], f"F.cosine_embedding_loss(a, b, {Y4[0]})", f"JF.cosineEmbeddingLoss(a, b, {Y4[1]})"),
    case("cosine_embedding_loss margin none", [[4, 6], [4, 6]], f"F.cosine_embedding_loss(a, b, {Y4[0]}, margin=-0.3, reduction='none')", f"JF.cosineEmbeddingLoss(a, b, {Y4[1]}, {{ margin: -0.3, reduction: 'none' }})"),
    case("cosine_embedding_loss int target sum", [[4, 6], [4, 6]], "F.cosine_embedding_loss(a, b, torch.tensor([1, -1, 0, -1]), reduction='sum')", "JF.cosineEmbeddingLoss(a, b, tg.tensor([1, -1, 0, -1], { dtype: 'int64' }), { reduction: 'sum' })"),
    case("cosine_embedding_loss 1-d", [[6], [6]], "F.cosine_embedding_loss(a, b, torch.tensor(-1.0, dtype=a.dtype), margin=-0.5)", "JF.cosineEmbeddingLoss(a, b, tg.tensor(-1, { dtype: a.dtype }), { margin: -0.5 })"),
    *both("margin_ranking_loss", [[5], [5]], f"F.margin_ranking_loss(a, b, {Y5[0]})", f"JF.marginRankingLoss(a, b, {Y5[1]})"),
    case("margin_ranking_loss margin none", [[5], [5]], f"F.margin_ranking_loss(a, b, {Y5[0]}, margin=0.5, reduction='none')", f"JF.marginRankingLoss(a, b, {Y5[1]}, {{ margin: 0.5, reduction: 'none' }})"),
    case("margin_ranking_loss 2-d sum", [[2, 3], [2, 3]], "F.margin_ranking_loss(a, b, torch.tensor([[1.0], [-1.0]], dtype=a.dtype), margin=0.2, reduction='sum')", "JF.marginRankingLoss(a, b, tg.tensor([[1], [-1]], { dtype: a.dtype }), { margin: 0.2, reduction: 'sum' })"),
    *both("triplet_margin_loss", [[4, 5], [4, 5], [4, 5]], "F.triplet_margin_loss(a, b, c)", "JF.tripletMarginLoss(a, b, c)"),
    case("triplet_margin_loss none", [[4, 5], [4, 5], [4, 5]], "F.triplet_margin_loss(a, b, c, margin=2.0, reduction='none')", "JF.tripletMarginLoss(a, b, c, { margin: 2, reduction: 'none' })"),
    case("triplet_margin_loss p1 swap", [[4, 5], [4, 5], [4, 5]], "F.triplet_margin_loss(a, b, c, p=1, swap=True, eps=1e-3, reduction='sum')", "JF.tripletMarginLoss(a, b, c, { p: 1, swap: true, eps: 1e-3, reduction: 'sum' })"),
    case("triplet_margin_loss 1-d", [[5], [5], [5]], "F.triplet_margin_loss(a, b, c, p=3, margin=3.0)", "JF.tripletMarginLoss(a, b, c, { p: 3, margin: 3 })"),
]
