"""The "more math" elementwise family: trigonometric, hyperbolic, exp/log variants, erf/erfinv,
rounding, atan2/hypot/fmod/remainder/lerp, nan_to_num and the logical functions, in float64,
float32 and on integer inputs (int_to_float promotion). Non-finite outputs are left to
__tests__/math/elementwise.test.ts (the comparison here is relative)."""

# Inputs inside each function's domain, built from the random a (and b).
UNARY = [
    ("sin", "a.mul(3).sin()"),
    ("cos", "a.mul(3).cos()"),
    ("tan", "a.tan()"),
    ("asin", "a.tanh().mul(0.9).asin()"),
    ("acos", "a.tanh().mul(0.9).acos()"),
    ("atan", "a.mul(2).atan()"),
    ("sinh", "a.sinh()"),
    ("cosh", "a.cosh()"),
    ("asinh", "a.mul(3).asinh()"),
    ("acosh", "a.abs().add(1.1).acosh()"),
    ("atanh", "a.tanh().mul(0.9).atanh()"),
    ("reciprocal", "a.abs().add(0.2).mul(a.sign()).reciprocal()"),
    ("rsqrt", "a.abs().add(0.1).rsqrt()"),
    ("square", "a.square()"),
    ("log1p", "a.abs().mul(2).sub(0.5).log1p()"),
    ("expm1", "a.expm1()"),
    ("log2", "a.abs().add(0.1).log2()"),
    ("log10", "a.abs().add(0.1).log10()"),
    ("exp2", "a.mul(3).exp2()"),
    ("erf", "a.mul(2).erf()"),
    ("erfinv", "a.tanh().mul(0.95).erfinv()"),
    ("frac", "a.mul(4).frac()"),
]

CASES = []
for name, expr in UNARY:
    CASES.append((name, [[3, 4]], expr))
    CASES.append((name + " float32", [[3, 4]], expr, None, {"dtype": "float32", "tol": 2e-6}))

ROUND = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, -3.7, 3.7, 0.49999997, 1e7 + 0.5, -0.2]
CASES += [
    ("floor ceil trunc", [[12]], "a.floor().add(a.ceil().mul(3)).add(a.trunc().mul(5))", None, {"values": [ROUND]}),
    ("round half to even", [[12]], "a.round()", None, {"values": [ROUND]}),
    ("round half to even float32", [[12]], "a.round()", None, {"values": [ROUND], "dtype": "float32"}),
    ("round decimals", [[6]], "a.round(decimals=2)", "a.round({ decimals: 2 })", {"values": [[1.23456, -2.345, 0.125, 0.135, 12.5, -0.005]]}),
    ("round decimals float32", [[6]], "a.round(decimals=1)", "a.round({ decimals: 1 })", {"values": [[1.25, -2.35, 0.15, 0.05, 12.5, -0.45]], "dtype": "float32"}),
    ("round negative decimals", [[4]], "a.round(decimals=-2)", "a.round({ decimals: -2 })", {"values": [[1234.5678, -150.0, 250.0, 49.9]]}),
    # Integer inputs: transcendental functions compute in float32, rounding keeps the dtype.
    ("sin of int32", [[6]], "a.sin()", None, {"dtype": "int32"}),
    ("exp2 log1p of int32", [[6]], "a.exp2().add(a.abs().log1p())", None, {"dtype": "int32"}),
    ("reciprocal of nonzero int32", [[4]], "a.reciprocal()", None, {"dtype": "int32", "values": [[1, -2, 3, 7]]}),
    ("floor of int32", [[6]], "a.floor()", None, {"dtype": "int32"}),
    ("square of int32", [[6]], "a.square()", None, {"dtype": "int32"}),
    ("erf of bool", [[5]], "a.erf()", None, {"dtype": "bool"}),
    # Binary functions, broadcasting.
    ("atan2", [[3, 4], [4]], "a.atan2(b)"),
    ("atan2 float32", [[3, 4], [3, 1]], "torch.atan2(a, b)", "tg.atan2(a, b)", {"dtype": "float32", "tol": 2e-6}),
    ("atan2 int32", [[3, 4], [4]], "a.atan2(b)", None, {"dtype": "int32"}),
    ("hypot", [[3, 4], [4]], "a.hypot(b)"),
    ("hypot float32", [[2, 3], [2, 1]], "torch.hypot(a, b)", "tg.hypot(a, b)", {"dtype": "float32"}),
    ("fmod tensor", [[3, 4], [4]], "a.mul(5).fmod(b)"),
    ("fmod scalar", [[3, 4]], "a.mul(5).fmod(1.5)"),
    ("fmod float32", [[3, 4], [4]], "a.mul(5).fmod(b)", None, {"dtype": "float32"}),
    ("remainder tensor", [[3, 4], [4]], "a.mul(5).remainder(b)"),
    ("remainder scalar", [[3, 4]], "a.mul(5).remainder(-1.5)"),
    ("remainder float32", [[3, 4], [1, 4]], "a.mul(5).remainder(b)", None, {"dtype": "float32"}),
    ("fmod int32", [[8], [8]], "a.fmod(b)", None, {"dtype": "int32", "values": [[7, -7, 7, -7, 0, 5, -5, 3], [3, 3, -3, -3, 2, 5, 2, -4]]}),
    ("remainder int32", [[8], [8]], "a.remainder(b)", None, {"dtype": "int32", "values": [[7, -7, 7, -7, 0, 5, -5, 3], [3, 3, -3, -3, 2, 5, 2, -4]]}),
    ("remainder int32 by a float", [[5]], "a.remainder(2.5)", None, {"dtype": "int32"}),
    ("remainder signed zeros", [[4], [4]], "a.remainder(b)", None, {"values": [[-4.0, 4.0, -1.0, 3.0], [2.0, -2.0, 3.0, -3.0]], "grad": False}),
    ("lerp scalar weight", [[3, 4], [4]], "a.lerp(b, 0.3)", "a.lerp(b, 0.3)"),
    ("lerp scalar weight above half", [[3, 4], [3, 4]], "torch.lerp(a, b, 0.75)", "tg.lerp(a, b, 0.75)", {"dtype": "float32"}),
    ("lerp tensor weight", [[3, 4], [4], [3, 1]], "a.lerp(b, c.sigmoid())", "a.lerp(b, c.sigmoid())"),
    ("lerp tensor weight float32", [[2, 4], [2, 4], [4]], "a.lerp(b, c)", None, {"dtype": "float32"}),
    ("nan_to_num", [[6]], "a.nan_to_num()", "a.nanToNum()", {"values": [[float("nan"), 1.5, float("inf"), -float("inf"), -2.0, 0.0]]}),
    ("nan_to_num float32", [[4]], "a.nan_to_num()", "a.nanToNum()", {"values": [[float("nan"), float("inf"), -float("inf"), 3.0]], "dtype": "float32"}),
    ("nan_to_num values", [[5]], "a.nan_to_num(nan=-1.0, posinf=7.0, neginf=-7.5)", "a.nanToNum({ nan: -1, posinf: 7, neginf: -7.5 })", {"values": [[float("nan"), float("inf"), -float("inf"), 3.0, -0.5]]}),
    ("isnan isinf isfinite", [[5]], "a.isnan().logical_or(a.isinf()).logical_xor(a.isfinite())", "a.isnan().logicalOr(a.isinf()).logicalXor(a.isfinite())", {"values": [[float("nan"), float("inf"), -float("inf"), 3.0, -0.0]]}),
    ("isinf", [[5]], "a.isinf()", None, {"values": [[float("nan"), float("inf"), -float("inf"), 3.0, 1e308]]}),
    ("logical_not", [[4]], "a.logical_not()", "a.logicalNot()", {"values": [[0.0, float("nan"), -0.0, 2.0]]}),
    ("logical_and broadcast", [[3, 4], [4]], "a.gt(0).logical_and(b)", "a.gt(0).logicalAnd(b)", {"dtype": "int32"}),
    ("logical_or xor int32", [[3, 4], [3, 1]], "a.logical_or(b).logical_xor(a.logical_and(b))", "a.logicalOr(b).logicalXor(a.logicalAnd(b))", {"dtype": "int32"}),
    # PyTorch's erfinv bit for bit (its Horner steps fused, as Debian's build compiles them).
    ("erfinv bits float32", [[4000]], "a.div(4).clamp(-0.999, 0.999).erfinv()", None, {"dtype": "float32", "tol": 0, "grad": False}),
    ("erfinv bits float64", [[4000]], "a.div(4).clamp(-0.999, 0.999).erfinv()", None, {"tol": 0, "grad": False}),
]
