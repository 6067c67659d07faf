#!/usr/bin/python3
"""Writes tests/data/reference_ops.txt: xgrad's ops evaluated by PyTorch.

For every case: fixed random inputs, the forward result, and the gradient of
(out * w).sum() with respect to every floating input, w being a fixed random
weight of the output's shape. Second-order cases also hold, for every input,
a weight v and the gradient of sum((d loss / d input) * v), taken through a
first gradient made with create_graph=True.

Run with Debian's interpreter, which has python3-torch:
    /usr/bin/python3 tools/gen_reference.py [output path]
tests/test_reference.cpp reads the file; CI never needs torch.

File format (line based, '#' starts a comment line):
    case <name>
    op <op key>                          the entry of the C++ op table to run
    arg <key> <token>...                 op parameters (ints, floats, names)
    <role> <name> <dtype> <ndim> <dim>... <value>...
    gradfn <node name>                   after out, when PyTorch's result records a node
    end
Roles, in this order: input (floating, differentiated), const (not
differentiated), out, weight, grad <input>, gradweight <input>, grad2 <input>.
The op receives the input and const tensors in file order. Values are
row-major; floats are written with repr(), which round-trips exactly. A scalar
argument written without a '.' (2, not 2.0) is an integral scalar, which
matters for the result dtype. The argument transpose_inputs <i>... is common to
all ops: those inputs are stored transposed and handed to the op as a
transposed view, so that the op meets strided memory.

Inputs are kept away from the points where an op is not differentiable (abs,
relu, sign at 0, clamp at its bounds, ties in max/min), except in the cases
named *_ties, which check how a tied gradient is shared.
"""

import sys
import zlib
from pathlib import Path

import torch
import torch.nn.functional as F

DTYPE_NAMES = {
    torch.float64: "float64",
    torch.float32: "float32",
    torch.int64: "int64",
    torch.bool: "bool",
}
DTYPES = {name: dtype for dtype, name in DTYPE_NAMES.items()}
F32 = torch.float32
F64 = torch.float64


# ---- ops: the same keys and meanings as the table in tests/test_reference.cpp ----------

def index_key(spec):
    """The Python index for a list of tokens: int:<i>, slice:<start>:<stop>:<step>, none, ellipsis."""
    def parse(token):
        kind, _, rest = token.partition(":")
        if kind == "int":
            return int(rest)
        if kind == "slice":
            return slice(*(int(p) if p else None for p in rest.split(":")))
        if kind == "none":
            return None
        if kind == "ellipsis":
            return Ellipsis
        raise ValueError(f"unknown index token {token}")
    return tuple(parse(t) for t in spec)


def interpolate_as_libtorch(x, a):
    """F::interpolate as LibTorch's C++ functional computes it: the output size from size or
    floor(size * scale), then the upsample op with one scale per dim, which records
    Upsample*Backward0 (Python's F.interpolate calls the .vec overloads, Backward1)."""
    import math
    scale = a.get("scale")
    size = a.get("size") or [math.floor(x.shape[i + 2] * s) for i, s in enumerate(scale)]
    scales = [None] * len(size) if scale is None or a.get("recompute", 0) else scale
    if a["mode"] == "nearest" and x.dim() == 3:
        return torch._C._nn.upsample_nearest1d(x, size, scales=scales[0])
    if a["mode"] == "nearest":
        return torch._C._nn.upsample_nearest2d(x, size, scales_h=scales[0], scales_w=scales[1])
    return torch._C._nn.upsample_bilinear2d(x, size, bool(a.get("align_corners", 0)), scales_h=scales[0],
                                            scales_w=scales[1])


def slice_along(x, a):
    key = (slice(None),) * (a["dim"] % x.dim()) + (slice(a.get("start"), a.get("end"), a.get("step", 1)),)
    return x[key]


def inplace_chain(x, y):
    z = x * 1.0
    z.mul_(y)
    z.add_(y, alpha=0.5)
    z.div_(2.0)
    z.sub_(x)
    z.add_(1.5)
    return z.clamp_(-1.0, 1.0)


def index_put_slice(x, y):
    z = x * 2.0
    z[:, 1] = y
    return z


def index_put_mask(mask, x):
    z = x.sin()
    z[mask] = 0.5
    return z


def dtype_arg(a):
    return DTYPES[a["dtype"]] if "dtype" in a else None


OPS = {
    # arithmetic
    "add": lambda x, a: torch.add(x[0], x[1], alpha=a.get("alpha", 1)),
    "add_scalar": lambda x, a: torch.add(x[0], a["other"], alpha=a.get("alpha", 1)),
    "sub": lambda x, a: torch.sub(x[0], x[1], alpha=a.get("alpha", 1)),
    "sub_scalar": lambda x, a: torch.sub(x[0], a["other"], alpha=a.get("alpha", 1)),
    "rsub": lambda x, a: torch.rsub(x[0], x[1], alpha=a.get("alpha", 1)),
    "rsub_scalar": lambda x, a: torch.rsub(x[0], a["other"], alpha=a.get("alpha", 1)),
    "scalar_minus": lambda x, a: a["other"] - x[0],
    "mul": lambda x, a: x[0] * x[1],
    "mul_scalar": lambda x, a: x[0] * a["other"],
    "div": lambda x, a: x[0] / x[1],
    "div_scalar": lambda x, a: x[0] / a["other"],
    "scalar_div": lambda x, a: a["other"] / x[0],
    "neg": lambda x, a: -x[0],
    "pow": lambda x, a: torch.pow(x[0], x[1]),
    "pow_scalar": lambda x, a: torch.pow(x[0], a["exponent"]),
    "pow_scalar_base": lambda x, a: torch.pow(a["base"], x[0]),
    # elementwise
    "abs": lambda x, a: torch.abs(x[0]),
    "exp": lambda x, a: torch.exp(x[0]),
    "log": lambda x, a: torch.log(x[0]),
    "sqrt": lambda x, a: torch.sqrt(x[0]),
    "rsqrt": lambda x, a: torch.rsqrt(x[0]),
    "square": lambda x, a: torch.square(x[0]),
    "sin": lambda x, a: torch.sin(x[0]),
    "cos": lambda x, a: torch.cos(x[0]),
    "tanh": lambda x, a: torch.tanh(x[0]),
    "sigmoid": lambda x, a: torch.sigmoid(x[0]),
    "relu": lambda x, a: torch.relu(x[0]),
    "sign": lambda x, a: torch.sign(x[0]),
    "reciprocal": lambda x, a: torch.reciprocal(x[0]),
    "clamp": lambda x, a: torch.clamp(x[0], min=a.get("min"), max=a.get("max")),
    "clamp_min": lambda x, a: torch.clamp_min(x[0], a["min"]),
    "clamp_max": lambda x, a: torch.clamp_max(x[0], a["max"]),
    "maximum": lambda x, a: torch.maximum(x[0], x[1]),
    "minimum": lambda x, a: torch.minimum(x[0], x[1]),
    "where": lambda x, a: torch.where(x[0], x[1], x[2]),
    "where_scalar_other": lambda x, a: torch.where(x[0], x[1], a["scalar"]),
    "where_scalar_self": lambda x, a: torch.where(x[0], a["scalar"], x[1]),
    # reductions
    "sum": lambda x, a: torch.sum(x[0], dtype=dtype_arg(a)),
    "sum_dims": lambda x, a: torch.sum(x[0], a["dims"], keepdim=a.get("keepdim", False)),
    "mean": lambda x, a: torch.mean(x[0], dtype=dtype_arg(a)),
    "mean_dims": lambda x, a: torch.mean(x[0], a["dims"], keepdim=a.get("keepdim", False)),
    "prod": lambda x, a: torch.prod(x[0], dtype=dtype_arg(a)),
    "prod_dim": lambda x, a: torch.prod(x[0], a["dim"], keepdim=a.get("keepdim", False)),
    "max": lambda x, a: torch.max(x[0]),
    "min": lambda x, a: torch.min(x[0]),
    "max_dim": lambda x, a: torch.max(x[0], a["dim"], keepdim=a.get("keepdim", False))[0],
    "min_dim": lambda x, a: torch.min(x[0], a["dim"], keepdim=a.get("keepdim", False))[0],
    "max_dim_indices": lambda x, a: torch.max(x[0], a["dim"], keepdim=a.get("keepdim", False))[1],
    "min_dim_indices": lambda x, a: torch.min(x[0], a["dim"], keepdim=a.get("keepdim", False))[1],
    "argmax": lambda x, a: torch.argmax(x[0], dim=a.get("dim"), keepdim=a.get("keepdim", False)),
    "argmin": lambda x, a: torch.argmin(x[0], dim=a.get("dim"), keepdim=a.get("keepdim", False)),
    "norm": lambda x, a: torch.norm(x[0], a["p"]),
    "norm_dims": lambda x, a: torch.norm(x[0], a["p"], a["dims"], keepdim=a.get("keepdim", False)),
    "var": lambda x, a: torch.var(x[0], unbiased=a["unbiased"]),
    "var_dims": lambda x, a: torch.var(x[0], a["dims"], unbiased=a["unbiased"], keepdim=a.get("keepdim", False)),
    "std": lambda x, a: torch.std(x[0], unbiased=a["unbiased"]),
    "std_dims": lambda x, a: torch.std(x[0], a["dims"], unbiased=a["unbiased"], keepdim=a.get("keepdim", False)),
    "logsumexp": lambda x, a: torch.logsumexp(x[0], a["dims"], keepdim=a.get("keepdim", False)),
    "softmax": lambda x, a: torch.softmax(x[0], a["dim"], dtype=dtype_arg(a)),
    "log_softmax": lambda x, a: torch.log_softmax(x[0], a["dim"], dtype=dtype_arg(a)),
    # linear algebra
    "matmul": lambda x, a: torch.matmul(x[0], x[1]),
    "mm": lambda x, a: torch.mm(x[0], x[1]),
    "mv": lambda x, a: torch.mv(x[0], x[1]),
    "bmm": lambda x, a: torch.bmm(x[0], x[1]),
    "dot": lambda x, a: torch.dot(x[0], x[1]),
    "outer": lambda x, a: torch.outer(x[0], x[1]),
    # joining
    "cat": lambda x, a: torch.cat(x, a["dim"]),
    "stack": lambda x, a: torch.stack(x, a["dim"]),
    # views and copies
    "view": lambda x, a: x[0].view(a["shape"]),
    "reshape": lambda x, a: x[0].reshape(a["shape"]),
    "select": lambda x, a: x[0].select(a["dim"], a["index"]),
    "narrow": lambda x, a: x[0].narrow(a["dim"], a["start"], a["length"]),
    "slice": lambda x, a: slice_along(x[0], a),
    "transpose": lambda x, a: x[0].transpose(a["dim0"], a["dim1"]),
    "permute": lambda x, a: x[0].permute(a["dims"]),
    "expand": lambda x, a: x[0].expand(a["shape"]),
    "squeeze": lambda x, a: x[0].squeeze(),
    "squeeze_dim": lambda x, a: x[0].squeeze(a["dim"]),
    "unsqueeze": lambda x, a: x[0].unsqueeze(a["dim"]),
    "flatten": lambda x, a: x[0].flatten(a.get("start_dim", 0), a.get("end_dim", -1)),
    "t": lambda x, a: x[0].t(),
    "index": lambda x, a: x[0][index_key(a["spec"])],
    "to": lambda x, a: x[0].to(DTYPES[a["dtype"]]),
    "clone": lambda x, a: x[0].clone(),
    "contiguous": lambda x, a: x[0].contiguous(),
    "unbind": lambda x, a: x[0].unbind(a["dim"])[a["index"]],
    # in-place writes into a tensor made inside the expression
    "inplace_chain": lambda x, a: inplace_chain(x[0], x[1]),
    "index_put_slice": lambda x, a: index_put_slice(x[0], x[1]),
    "index_put_mask": lambda x, a: index_put_mask(x[0], x[1]),
    # gather, scatter and masks
    "gather": lambda x, a: torch.gather(x[0], a["dim"], x[1]),
    "scatter": lambda x, a: torch.scatter(x[0], a["dim"], x[1], x[2]),
    "scatter_value": lambda x, a: torch.scatter(x[0], a["dim"], x[1], a["value"]),
    "scatter_add": lambda x, a: torch.scatter_add(x[0], a["dim"], x[1], x[2]),
    "scatter_add_inplace": lambda x, a: (x[0] * 1.0).scatter_add_(a["dim"], x[1], x[2]),
    "index_select": lambda x, a: torch.index_select(x[0], a["dim"], x[1]),
    "index_add": lambda x, a: torch.index_add(x[0], a["dim"], x[1], x[2], alpha=a.get("alpha", 1)),
    "masked_fill": lambda x, a: x[0].masked_fill(x[1], a["value"]),
    "masked_fill_tensor": lambda x, a: x[0].masked_fill(x[1], x[2].sum()),
    "masked_fill_inplace": lambda x, a: (x[0] * 1.0).masked_fill_(x[1], a["value"]),
    "masked_select": lambda x, a: x[0].masked_select(x[1]),
    "nonzero": lambda x, a: x[0].nonzero(),
    "where_condition": lambda x, a: torch.where(x[0])[a["index"]],
    # expressions that reuse a node
    "mul_self": lambda x, a: x[0] * x[0],
    "view_chain": lambda x, a: torch.tanh(x[0].t().select(0, 1) * x[0].narrow(1, 0, 1).squeeze(1)) * x[0][:, None, -1],
    "reuse_chain": lambda x, a: torch.tanh(x[0]) * x[0] + torch.exp(x[0] * x[1]).sum(-1, keepdim=True) / x[1],
    # more elementwise functions and arithmetic
    "log1p": lambda x, a: torch.log1p(x[0]),
    "expm1": lambda x, a: torch.expm1(x[0]),
    "tan": lambda x, a: torch.tan(x[0]),
    "atan": lambda x, a: torch.atan(x[0]),
    "sinh": lambda x, a: torch.sinh(x[0]),
    "cosh": lambda x, a: torch.cosh(x[0]),
    "log2": lambda x, a: torch.log2(x[0]),
    "log10": lambda x, a: torch.log10(x[0]),
    "floor": lambda x, a: torch.floor(x[0]),
    "ceil": lambda x, a: torch.ceil(x[0]),
    "round": lambda x, a: torch.round(x[0]),
    "trunc": lambda x, a: torch.trunc(x[0]),
    "atan2": lambda x, a: torch.atan2(x[0], x[1]),
    "xlogy": lambda x, a: torch.xlogy(x[0], x[1]),
    "log_sigmoid": lambda x, a: torch.nn.functional.logsigmoid(x[0]),
    "fmod": lambda x, a: torch.fmod(x[0], x[1]),
    "fmod_scalar": lambda x, a: torch.fmod(x[0], a["other"]),
    "remainder": lambda x, a: torch.remainder(x[0], x[1]),
    "remainder_scalar": lambda x, a: torch.remainder(x[0], a["other"]),
    "lerp": lambda x, a: torch.lerp(x[0], x[1], a["weight"]),
    "lerp_tensor": lambda x, a: torch.lerp(x[0], x[1], x[2]),
    "addcmul": lambda x, a: torch.addcmul(x[0], x[1], x[2], value=a.get("value", 1)),
    "addcdiv": lambda x, a: torch.addcdiv(x[0], x[1], x[2], value=a.get("value", 1)),
    "isinf": lambda x, a: torch.isinf(x[0]),
    "isclose": lambda x, a: torch.isclose(x[0], x[1], rtol=a.get("rtol", 1e-05), atol=a.get("atol", 1e-08),
                                          equal_nan=bool(a.get("equal_nan", 0))),
    # more reductions and scans
    "amax": lambda x, a: torch.amax(x[0], a["dims"], keepdim=a.get("keepdim", False)),
    "amin": lambda x, a: torch.amin(x[0], a["dims"], keepdim=a.get("keepdim", False)),
    "all_dim": lambda x, a: torch.all(x[0], a["dim"], keepdim=a.get("keepdim", False)),
    "any_dim": lambda x, a: torch.any(x[0], a["dim"], keepdim=a.get("keepdim", False)),
    "cumsum": lambda x, a: torch.cumsum(x[0], a["dim"], dtype=dtype_arg(a)),
    # convolutions and pooling (the bias, when there is one, is the third input)
    "conv2d": lambda x, a: F.conv2d(x[0], x[1], x[2] if len(x) > 2 else None, a.get("stride", 1), a.get("padding", 0),
                                    a.get("dilation", 1), a.get("groups", 1)),
    "conv1d": lambda x, a: F.conv1d(x[0], x[1], x[2] if len(x) > 2 else None, a.get("stride", 1), a.get("padding", 0),
                                    a.get("dilation", 1), a.get("groups", 1)),
    "max_pool2d": lambda x, a: F.max_pool2d(x[0], a["kernel"], a.get("stride"), a.get("padding", 0),
                                            a.get("dilation", 1), ceil_mode=bool(a.get("ceil_mode", 0))),
    "avg_pool2d": lambda x, a: F.avg_pool2d(x[0], a["kernel"], a.get("stride"), a.get("padding", 0),
                                            ceil_mode=bool(a.get("ceil_mode", 0)),
                                            count_include_pad=bool(a.get("count_include_pad", 1)),
                                            divisor_override=a.get("divisor_override")),
    # shape and ordering: splitting, triangles, diagonals, flips, rolls, repeats, cumprod, sort, topk
    "split": lambda x, a: x[0].split(a["size"], a["dim"])[a["index"]],
    "split_sizes": lambda x, a: x[0].split(a["sizes"], a["dim"])[a["index"]],
    "chunk": lambda x, a: x[0].chunk(a["chunks"], a["dim"])[a["index"]],
    "tensor_split": lambda x, a: x[0].tensor_split(a["sections"], a["dim"])[a["index"]],
    "tensor_split_indices": lambda x, a: x[0].tensor_split(a["indices"], a["dim"])[a["index"]],
    "diagonal": lambda x, a: x[0].diagonal(a.get("offset", 0), a.get("dim1", 0), a.get("dim2", 1)),
    "diag": lambda x, a: torch.diag(x[0], a.get("diagonal", 0)),
    "tril": lambda x, a: torch.tril(x[0], a.get("diagonal", 0)),
    "triu": lambda x, a: torch.triu(x[0], a.get("diagonal", 0)),
    "triu_inplace": lambda x, a: (x[0] * 1.0).triu_(a.get("diagonal", 0)),
    "flip": lambda x, a: x[0].flip(a["dims"]),
    "roll": lambda x, a: x[0].roll(a["shifts"], a.get("dims", [])),
    "repeat": lambda x, a: x[0].repeat(a["repeats"]),
    "repeat_interleave": lambda x, a: x[0].repeat_interleave(a["repeats"], dim=a.get("dim")),
    "cumprod": lambda x, a: torch.cumprod(x[0], a["dim"], dtype=dtype_arg(a)),
    "sort": lambda x, a: torch.sort(x[0], a.get("dim", -1), a.get("descending", False))[0],
    "sort_indices": lambda x, a: torch.sort(x[0], a.get("dim", -1), a.get("descending", False))[1],
    "sort_stable_indices": lambda x, a: torch.sort(x[0], stable=True, dim=a.get("dim", -1),
                                                   descending=a.get("descending", False))[1],
    "argsort": lambda x, a: torch.argsort(x[0], a.get("dim", -1), a.get("descending", False)),
    "topk": lambda x, a: torch.topk(x[0], a["k"], a.get("dim", -1), a.get("largest", True), a.get("sorted", True))[0],
    "topk_indices": lambda x, a: torch.topk(x[0], a["k"], a.get("dim", -1), a.get("largest", True),
                                            a.get("sorted", True))[1],
    # advanced indexing (index tensors and masks) and in-place ops on views (CopySlices)
    "index_tensor": lambda x, a: x[0][x[1]],
    "index_slice_tensor": lambda x, a: x[0][:, x[1]],
    "index_adjacent_tensors": lambda x, a: x[0][:, x[1], x[2]],
    "index_separated_tensors": lambda x, a: x[0][x[1], :, x[2]],
    "index_put_tensor": lambda x, a: torch.index_put(x[0], (x[1],), x[2], accumulate=bool(a.get("accumulate", 0))),
    "index_put_tensor_inplace": lambda x, a: (x[0] * 1.0).index_put_((x[1],), x[2], accumulate=bool(a.get("accumulate", 0))),
    "copy_slices_mul": lambda x, a: copy_slices_mul(x[0]),
    "copy_slices_copy": lambda x, a: copy_slices_copy(x[0], x[1]),
    "copy_slices_zero": lambda x, a: copy_slices_zero(x[0]),
    # einsum and LU-based linear algebra (autograd/ops/einsum.cpp, autograd/ops/linalg_lu.cpp)
    "einsum": lambda x, a: torch.einsum(a["equation"], *x),
    "inverse": lambda x, a: torch.inverse(x[0]),
    "det": lambda x, a: torch.det(x[0]),
    "linalg_solve": lambda x, a: torch.linalg.solve(x[0], x[1], left=bool(a.get("left", 1))),
    # conversions to another tensor's dtype, and new tensors with self's dtype
    "type_as": lambda x, a: x[0].type_as(x[1]),
    "to_other": lambda x, a: x[0].to(x[1]),
    "new_full": lambda x, a: x[0].new_full(a["size"], a["value"]),
    # upsampling, 1-d and adaptive pooling
    "interpolate": lambda x, a: interpolate_as_libtorch(x[0], a),
    "max_pool1d": lambda x, a: F.max_pool1d(x[0], a["kernel"], a.get("stride"), a.get("padding", 0), a.get("dilation", 1),
                                            ceil_mode=bool(a.get("ceil_mode", 0))),
    "avg_pool1d": lambda x, a: F.avg_pool1d(x[0], a["kernel"], a.get("stride"), a.get("padding", 0),
                                            ceil_mode=bool(a.get("ceil_mode", 0)),
                                            count_include_pad=bool(a.get("count_include_pad", 1))),
    "adaptive_avg_pool1d": lambda x, a: F.adaptive_avg_pool1d(x[0], a["size"]),
    "adaptive_avg_pool2d": lambda x, a: F.adaptive_avg_pool2d(x[0], a["size"]),
    "adaptive_max_pool1d": lambda x, a: F.adaptive_max_pool1d(x[0], a["size"]),
    "adaptive_max_pool2d": lambda x, a: F.adaptive_max_pool2d(x[0], a["size"]),
    # pixel shuffle, fold and unfold
    "pixel_shuffle": lambda x, a: F.pixel_shuffle(x[0], a["factor"]),
    "pixel_unshuffle": lambda x, a: F.pixel_unshuffle(x[0], a["factor"]),
    "unfold": lambda x, a: F.unfold(x[0], a["kernel"], a.get("dilation", 1), a.get("padding", 0), a.get("stride", 1)),
    "fold": lambda x, a: F.fold(x[0], a["size"], a["kernel"], a.get("dilation", 1), a.get("padding", 0),
                                a.get("stride", 1)),
}


def copy_slices_mul(x):
    z = x * 1.0
    z.select(0, 1).mul_(2.0)
    return z


def copy_slices_copy(x, y):
    z = x * 1.0
    z.narrow(1, 0, 1).copy_(y)
    return z


def copy_slices_zero(x):
    z = x.sin()
    z[0:2].zero_()
    return z


# ---- inputs (drawn after the case's own seed, so cases do not depend on each other) -------

def normal(*shape, dtype=F64):
    return torch.randn(shape, dtype=F64).to(dtype)


def uniform(lo, hi, *shape, dtype=F64):
    return (torch.rand(shape, dtype=F64) * (hi - lo) + lo).to(dtype)


def positive(*shape, dtype=F64):
    return uniform(0.5, 2.0, *shape, dtype=dtype)


def away(x, points=(0.0,), margin=0.1):
    """x with every value closer than margin to one of the points pushed out to that distance."""
    for p in points:
        d = x - p
        x = torch.where(d.abs() < margin, p + torch.where(d >= 0, margin, -margin), x).to(x.dtype)
    return x


def nonzero(*shape, dtype=F64):
    return away(normal(*shape), margin=0.3).to(dtype)


def near_one(*shape):
    """Magnitudes in [0.5, 1.5] with random signs: products stay moderate."""
    return uniform(0.5, 1.5, *shape) * torch.where(torch.rand(shape) < 0.5, -1.0, 1.0).double()


def mask(*shape):
    return torch.rand(shape) < 0.5


def integers(*shape, low=-5, high=6):
    return torch.randint(low, high, shape, dtype=torch.int64)


# ---- writing --------------------------------------------------------------------------------

def tokens_of(value):
    if isinstance(value, bool):
        return [str(int(value))]
    if isinstance(value, (int, float)):
        return [repr(value)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in tokens_of(v)]
    raise TypeError(f"cannot write argument {value!r}")


def tensor_line(role, name, t):
    t = t.detach()
    dims = list(t.shape)
    if t.dtype == torch.bool:
        values = ["1" if v else "0" for v in t.flatten().tolist()]
    elif t.dtype == torch.int64:
        values = [str(v) for v in t.flatten().tolist()]
    else:
        values = [repr(float(v)) for v in t.double().flatten().tolist()]
    return " ".join([role, name, DTYPE_NAMES[t.dtype], str(len(dims))] + [str(d) for d in dims] + values)


def transposed_inputs(inputs, a):
    """The op's view of its inputs: the ones listed in transpose_inputs are seen transposed (strided)."""
    flipped = set(a.get("transpose_inputs", []))
    return [x.transpose(-2, -1) if i in flipped else x for i, x in enumerate(inputs)]


# Ops whose Python spelling records another node than their C++ one, so that the
# node name PyTorch gives here is not LibTorch's: Python turns a number operand into
# a tensor (x + 2 records AddBackward0 where C++'s x.add(2) records AddBackward1, and
# 2 - x records RsubBackward1 where C++ records SubBackward0), and Python's x.norm()
# goes through torch.functional.norm (NormBackward1 where C++ records NormBackward0).
# Their node names are checked against LibTorch's C++ API by the programs of tests/compat.
PYTHON_RECORDS_ANOTHER_NODE = {"add_scalar", "sub_scalar", "mul_scalar", "div_scalar", "scalar_div", "scalar_minus", "norm"}


class Writer:
    def __init__(self):
        self.lines = []
        self.names = set()
        self.ops_used = set()

    def case(self, name, op, make_inputs, second_order=False, **args):
        assert name not in self.names, f"duplicate case {name}"
        assert " " not in name
        self.names.add(name)
        self.ops_used.add(op)
        torch.manual_seed(zlib.crc32(name.encode()))
        inputs = [x.clone() for x in make_inputs()]
        names = [f"x{i}" for i in range(len(inputs))]
        differentiable = [x.is_floating_point() for x in inputs]
        for x, d in zip(inputs, differentiable):
            x.requires_grad_(d)
        out = OPS[op](transposed_inputs(inputs, args), args)
        if not out.is_floating_point() or not out.requires_grad:
            differentiable = [False] * len(inputs)

        lines = [f"case {name}", f"op {op}"]
        lines += ["arg " + " ".join([key] + tokens_of(value)) for key, value in args.items()]
        lines += [tensor_line("input" if d else "const", n, x) for n, x, d in zip(names, inputs, differentiable)]
        lines.append(tensor_line("out", "out", out))
        if out.grad_fn is not None and op not in PYTHON_RECORDS_ANOTHER_NODE:
            lines.append(f"gradfn {out.grad_fn.name()}")
        wrt = [(n, x) for n, x, d in zip(names, inputs, differentiable) if d]
        if wrt:
            w = normal(*out.shape, dtype=out.dtype)
            lines.append(tensor_line("weight", "w", w))
            loss = (out * w).sum()
            grads = torch.autograd.grad(loss, [x for _, x in wrt], create_graph=second_order, allow_unused=True)
            grads = [g if g is not None else torch.zeros_like(x) for g, (_, x) in zip(grads, wrt)]
            lines += [tensor_line("grad", n, g) for (n, _), g in zip(wrt, grads)]
            if second_order:
                vs = [normal(*x.shape, dtype=x.dtype) for _, x in wrt]
                loss2 = sum((g * v).sum() for g, v in zip(grads, vs) if g.requires_grad)
                grads2 = torch.autograd.grad(loss2, [x for _, x in wrt], allow_unused=True)
                grads2 = [g if g is not None else torch.zeros_like(x) for g, (_, x) in zip(grads2, wrt)]
                lines += [tensor_line("gradweight", n, v) for (n, _), v in zip(wrt, vs)]
                lines += [tensor_line("grad2", n, g) for (n, _), g in zip(wrt, grads2)]
        else:
            assert not second_order, f"{name}: second order needs a differentiable input"
        lines.append("end")
        self.lines += lines + [""]


# ---- the cases ------------------------------------------------------------------------------

def arithmetic_cases(c):
    c.case("add_same_shape", "add", lambda: [normal(3, 4), normal(3, 4)])
    c.case("add_broadcast_row", "add", lambda: [normal(2, 3, 4), normal(4)])
    c.case("add_broadcast_both", "add", lambda: [normal(4, 1, 3), normal(2, 1)])
    c.case("add_alpha", "add", lambda: [normal(3, 4), normal(4)], alpha=2.5)
    c.case("add_alpha_int", "add", lambda: [normal(3, 4), normal(3, 1)], alpha=-3)
    c.case("add_zero_dim", "add", lambda: [normal(5), normal()])
    c.case("add_scalar", "add_scalar", lambda: [normal(3, 4)], other=1.5)
    c.case("add_scalar_alpha", "add_scalar", lambda: [normal(2, 3)], other=1.5, alpha=2)
    c.case("sub_broadcast", "sub", lambda: [normal(3, 1), normal(1, 4)])
    c.case("sub_alpha", "sub", lambda: [normal(3, 4), normal(4)], alpha=-0.5)
    c.case("sub_scalar", "sub_scalar", lambda: [normal(3, 4)], other=0.75)
    c.case("sub_scalar_alpha", "sub_scalar", lambda: [normal(3, 4)], other=0.75, alpha=3.0)
    c.case("rsub_tensor_alpha", "rsub", lambda: [normal(3, 4), normal(4)], alpha=2)
    c.case("rsub_scalar", "rsub_scalar", lambda: [normal(3, 4)], other=3.0)
    c.case("rsub_scalar_alpha", "rsub_scalar", lambda: [normal(3, 4)], other=3.0, alpha=2)
    c.case("scalar_minus_tensor", "scalar_minus", lambda: [normal(2, 5)], other=3.5)
    c.case("mul_same_shape", "mul", lambda: [normal(3, 4), normal(3, 4)])
    c.case("mul_broadcast", "mul", lambda: [normal(2, 1, 4), normal(3, 1)])
    c.case("mul_scalar", "mul_scalar", lambda: [normal(3, 4)], other=-1.25)
    c.case("mul_self", "mul_self", lambda: [normal(3, 4)])
    c.case("div_same_shape", "div", lambda: [normal(3, 4), nonzero(3, 4)])
    c.case("div_broadcast", "div", lambda: [normal(4), nonzero(3, 1)])
    c.case("div_scalar", "div_scalar", lambda: [normal(3, 4)], other=0.8)
    c.case("scalar_div_tensor", "scalar_div", lambda: [nonzero(3, 4)], other=2.0)
    c.case("neg", "neg", lambda: [normal(3, 4)])
    c.case("pow_scalar_cube", "pow_scalar", lambda: [normal(3, 4)], exponent=3.0)
    c.case("pow_scalar_int_two", "pow_scalar", lambda: [normal(3, 4)], exponent=2)
    c.case("pow_scalar_half", "pow_scalar", lambda: [positive(3, 4)], exponent=0.5)
    c.case("pow_scalar_negative", "pow_scalar", lambda: [positive(3, 4)], exponent=-1.5)
    c.case("pow_scalar_zero", "pow_scalar", lambda: [normal(3, 4)], exponent=0.0)
    c.case("pow_tensor", "pow", lambda: [positive(3, 4), normal(3, 4)])
    c.case("pow_tensor_broadcast", "pow", lambda: [positive(3, 4), normal(4)])
    c.case("pow_scalar_base", "pow_scalar_base", lambda: [normal(3, 4)], base=2.5)
    c.case("pow_scalar_base_int", "pow_scalar_base", lambda: [normal(5)], base=2)
    c.case("view_chain", "view_chain", lambda: [normal(3, 4)])
    c.case("inplace_chain", "inplace_chain", lambda: [normal(3, 4), normal(4)])
    c.case("index_put_slice", "index_put_slice", lambda: [normal(3, 4), normal(3)])
    c.case("index_put_mask", "index_put_mask", lambda: [mask(3, 4), normal(3, 4)])
    c.case("reuse_chain", "reuse_chain", lambda: [normal(3, 4), uniform(0.5, 1.0, 4)])


def elementwise_cases(c):
    c.case("abs", "abs", lambda: [away(normal(3, 4))])
    c.case("exp", "exp", lambda: [normal(3, 4)])
    c.case("log", "log", lambda: [positive(3, 4)])
    c.case("sqrt", "sqrt", lambda: [positive(3, 4)])
    c.case("rsqrt", "rsqrt", lambda: [positive(3, 4)])
    c.case("square", "square", lambda: [normal(3, 4)])
    c.case("sin", "sin", lambda: [normal(3, 4)])
    c.case("cos", "cos", lambda: [normal(3, 4)])
    c.case("tanh", "tanh", lambda: [normal(3, 4)])
    c.case("sigmoid", "sigmoid", lambda: [normal(3, 4)])
    c.case("relu", "relu", lambda: [away(normal(3, 4))])
    c.case("sign", "sign", lambda: [away(normal(3, 4))])
    c.case("reciprocal", "reciprocal", lambda: [nonzero(3, 4)])
    c.case("exp_zero_dim", "exp", lambda: [normal()])
    c.case("tanh_strided", "tanh", lambda: [normal(4, 3)], transpose_inputs=[0])
    c.case("clamp_both", "clamp", lambda: [away(normal(4, 5), (-0.5, 0.5))], min=-0.5, max=0.5)
    c.case("clamp_min_only", "clamp", lambda: [away(normal(4, 5), (-0.2,))], min=-0.2)
    c.case("clamp_max_only", "clamp", lambda: [away(normal(4, 5), (0.3,))], max=0.3)
    c.case("clamp_int_bounds", "clamp", lambda: [away(normal(4, 5), (-1.0, 1.0))], min=-1, max=1)
    c.case("clamp_min", "clamp_min", lambda: [away(normal(4, 5), (0.1,))], min=0.1)
    c.case("clamp_max", "clamp_max", lambda: [away(normal(4, 5), (-0.1,))], max=-0.1)
    c.case("maximum", "maximum", lambda: [normal(3, 4), normal(3, 4)])
    c.case("maximum_broadcast", "maximum", lambda: [normal(3, 4), normal(4)])
    c.case("maximum_ties", "maximum", lambda: [torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=F64),
                                               torch.tensor([1.0, 2.0, 0.5, -3.0], dtype=F64)])
    c.case("minimum_ties", "minimum", lambda: [torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=F64),
                                               torch.tensor([1.0, 2.0, 0.5, -3.0], dtype=F64)])
    c.case("minimum", "minimum", lambda: [normal(3, 4), normal(3, 4)])
    c.case("minimum_broadcast", "minimum", lambda: [normal(3, 1), normal(4)])
    c.case("where", "where", lambda: [mask(3, 4), normal(3, 4), normal(3, 4)])
    c.case("where_broadcast", "where", lambda: [mask(3, 4), normal(3, 1), normal(4)])
    c.case("where_scalar_other", "where_scalar_other", lambda: [mask(3, 4), normal(3, 4)], scalar=0.5)
    c.case("where_scalar_self", "where_scalar_self", lambda: [mask(3, 4), normal(3, 4)], scalar=-2.0)


def reduction_cases(c):
    c.case("sum_all", "sum", lambda: [normal(2, 3, 4)])
    c.case("sum_dim", "sum_dims", lambda: [normal(2, 3, 4)], dims=[1])
    c.case("sum_dim_negative_keepdim", "sum_dims", lambda: [normal(2, 3, 4)], dims=[-1], keepdim=True)
    c.case("sum_dims_list", "sum_dims", lambda: [normal(2, 3, 4)], dims=[0, 2])
    c.case("sum_dims_list_keepdim", "sum_dims", lambda: [normal(2, 3, 4)], dims=[2, 0], keepdim=True)
    c.case("sum_strided", "sum_dims", lambda: [normal(2, 4, 3)], dims=[1], transpose_inputs=[0])
    c.case("mean_all", "mean", lambda: [normal(2, 3, 4)])
    c.case("mean_dim", "mean_dims", lambda: [normal(2, 3, 4)], dims=[1])
    c.case("mean_dims_keepdim", "mean_dims", lambda: [normal(2, 3, 4)], dims=[0, -1], keepdim=True)
    c.case("prod_all", "prod", lambda: [near_one(2, 3)])
    c.case("prod_dim", "prod_dim", lambda: [near_one(3, 4)], dim=1)
    c.case("prod_dim_keepdim", "prod_dim", lambda: [near_one(3, 4)], dim=0, keepdim=True)
    c.case("prod_dim_one_zero", "prod_dim", lambda: [near_one(3, 4).index_fill(0, torch.tensor([1]), 1.0).index_put(
        (torch.tensor([1]), torch.tensor([2])), torch.tensor([0.0], dtype=F64))], dim=1)
    c.case("prod_dim_two_zeros", "prod_dim", lambda: [near_one(3, 4).index_put(
        (torch.tensor([0, 0]), torch.tensor([1, 3])), torch.tensor([0.0, 0.0], dtype=F64))], dim=1)
    c.case("prod_all_one_zero", "prod", lambda: [near_one(2, 3).index_put(
        (torch.tensor([1]), torch.tensor([0])), torch.tensor([0.0], dtype=F64))])
    c.case("max_all", "max", lambda: [normal(3, 4)])
    c.case("min_all", "min", lambda: [normal(3, 4)])
    c.case("max_dim", "max_dim", lambda: [normal(2, 3, 4)], dim=1)
    c.case("max_dim_keepdim", "max_dim", lambda: [normal(2, 3, 4)], dim=-1, keepdim=True)
    c.case("min_dim", "min_dim", lambda: [normal(2, 3, 4)], dim=0)
    c.case("min_dim_keepdim", "min_dim", lambda: [normal(3, 4)], dim=1, keepdim=True)
    c.case("max_dim_indices", "max_dim_indices", lambda: [normal(2, 3, 4)], dim=1)
    c.case("min_dim_indices_keepdim", "min_dim_indices", lambda: [normal(2, 3, 4)], dim=2, keepdim=True)
    # Ties, on purpose: the gradient is shared evenly between the tied elements.
    c.case("max_all_ties", "max", lambda: [torch.tensor([[0.5, 2.0, -1.0], [2.0, 0.25, 2.0]], dtype=F64)])
    c.case("min_all_ties", "min", lambda: [torch.tensor([[-0.5, 2.0, -1.5], [-1.5, 0.25, 1.0]], dtype=F64)])
    c.case("argmax_all", "argmax", lambda: [normal(3, 4)])
    c.case("argmax_dim", "argmax", lambda: [normal(2, 3, 4)], dim=1)
    c.case("argmax_dim_keepdim", "argmax", lambda: [normal(2, 3, 4)], dim=-1, keepdim=True)
    c.case("argmin_all", "argmin", lambda: [normal(3, 4)])
    c.case("argmin_dim", "argmin", lambda: [normal(2, 3, 4)], dim=0)
    c.case("argmax_int64", "argmax", lambda: [torch.randperm(12).view(3, 4)], dim=1)
    c.case("norm_p1", "norm", lambda: [away(normal(3, 4))], p=1)
    c.case("norm_p2", "norm", lambda: [normal(3, 4)], p=2)
    c.case("norm_p3", "norm", lambda: [away(normal(3, 4))], p=3)
    c.case("norm_p2_float", "norm", lambda: [normal(3, 4)], p=2.0)
    c.case("norm_pinf", "norm", lambda: [normal(3, 4)], p=float("inf"))
    c.case("norm_p2_dim", "norm_dims", lambda: [normal(2, 3, 4)], p=2, dims=[1])
    c.case("norm_p2_dim_keepdim", "norm_dims", lambda: [normal(2, 3, 4)], p=2, dims=[-1], keepdim=True)
    c.case("norm_p1_dims", "norm_dims", lambda: [away(normal(2, 3, 4))], p=1, dims=[0, 2])
    c.case("norm_p3_dims", "norm_dims", lambda: [away(normal(2, 3, 4))], p=3, dims=[0, 2])
    c.case("norm_pinf_dim", "norm_dims", lambda: [normal(2, 3, 4)], p=float("inf"), dims=[1])
    c.case("norm_pinf_dim_ties", "norm_dims", lambda: [torch.tensor(
        [[0.5, -2.0, 2.0], [1.0, 0.25, -1.0], [3.0, 0.5, -0.75]], dtype=F64)], p=float("inf"), dims=[1])
    c.case("var_unbiased", "var", lambda: [normal(3, 4)], unbiased=True)
    c.case("var_biased", "var", lambda: [normal(3, 4)], unbiased=False)
    c.case("var_dim_unbiased", "var_dims", lambda: [normal(2, 3, 4)], dims=[1], unbiased=True)
    c.case("var_dims_biased_keepdim", "var_dims", lambda: [normal(2, 3, 4)], dims=[0, 2], unbiased=False,
           keepdim=True)
    c.case("std_unbiased", "std", lambda: [normal(3, 4)], unbiased=True)
    c.case("std_biased", "std", lambda: [normal(3, 4)], unbiased=False)
    c.case("std_dim_unbiased", "std_dims", lambda: [normal(2, 3, 4)], dims=[-1], unbiased=True)
    c.case("std_dims_biased_keepdim", "std_dims", lambda: [normal(2, 3, 4)], dims=[0, 1], unbiased=False,
           keepdim=True)
    c.case("logsumexp_dim", "logsumexp", lambda: [normal(3, 4)], dims=[1])
    c.case("logsumexp_dims_keepdim", "logsumexp", lambda: [normal(2, 3, 4)], dims=[0, 2], keepdim=True)
    c.case("logsumexp_large", "logsumexp", lambda: [normal(3, 4) * 10 + 500], dims=[-1])
    c.case("softmax_dim0", "softmax", lambda: [normal(3, 4)], dim=0)
    c.case("softmax_last", "softmax", lambda: [normal(2, 3, 4)], dim=-1)
    c.case("softmax_middle", "softmax", lambda: [normal(2, 3, 4)], dim=1)
    c.case("log_softmax_dim0", "log_softmax", lambda: [normal(3, 4)], dim=0)
    c.case("log_softmax_last", "log_softmax", lambda: [normal(2, 3, 4)], dim=-1)
    c.case("log_softmax_large", "log_softmax", lambda: [normal(3, 4) * 30], dim=1)


def linalg_cases(c):
    c.case("matmul_1d_1d", "matmul", lambda: [normal(4), normal(4)])
    c.case("matmul_2d_1d", "matmul", lambda: [normal(3, 4), normal(4)])
    c.case("matmul_1d_2d", "matmul", lambda: [normal(4), normal(4, 5)])
    c.case("matmul_2d_2d", "matmul", lambda: [normal(3, 4), normal(4, 5)])
    c.case("matmul_3d_3d", "matmul", lambda: [normal(2, 3, 4), normal(2, 4, 5)])
    c.case("matmul_3d_2d", "matmul", lambda: [normal(2, 3, 4), normal(4, 5)])
    c.case("matmul_3d_1d", "matmul", lambda: [normal(2, 3, 4), normal(4)])
    c.case("matmul_1d_3d", "matmul", lambda: [normal(4), normal(2, 4, 5)])
    c.case("matmul_2d_3d", "matmul", lambda: [normal(3, 4), normal(2, 4, 5)])
    c.case("matmul_4d_3d_broadcast", "matmul", lambda: [normal(2, 1, 3, 4), normal(3, 4, 5)])
    c.case("matmul_transposed", "matmul", lambda: [normal(4, 3), normal(5, 4)], transpose_inputs=[0, 1])
    c.case("mm", "mm", lambda: [normal(3, 4), normal(4, 5)])
    c.case("mm_transposed_left", "mm", lambda: [normal(4, 3), normal(4, 5)], transpose_inputs=[0])
    c.case("mm_transposed_right", "mm", lambda: [normal(3, 4), normal(5, 4)], transpose_inputs=[1])
    c.case("mv", "mv", lambda: [normal(3, 4), normal(4)])
    c.case("mv_transposed", "mv", lambda: [normal(4, 3), normal(4)], transpose_inputs=[0])
    c.case("bmm", "bmm", lambda: [normal(2, 3, 4), normal(2, 4, 5)])
    c.case("bmm_transposed", "bmm", lambda: [normal(2, 4, 3), normal(2, 5, 4)], transpose_inputs=[0, 1])
    c.case("dot", "dot", lambda: [normal(5), normal(5)])
    c.case("outer", "outer", lambda: [normal(3), normal(4)])


def join_and_view_cases(c):
    c.case("cat_dim0", "cat", lambda: [normal(2, 3), normal(1, 3), normal(3, 3)], dim=0)
    c.case("cat_dim1", "cat", lambda: [normal(2, 3), normal(2, 1)], dim=1)
    c.case("cat_negative_dim", "cat", lambda: [normal(2, 2, 3), normal(2, 2, 2)], dim=-1)
    c.case("stack_dim0", "stack", lambda: [normal(2, 3), normal(2, 3), normal(2, 3)], dim=0)
    c.case("stack_dim1", "stack", lambda: [normal(2, 3), normal(2, 3)], dim=1)
    c.case("stack_last", "stack", lambda: [normal(2, 3), normal(2, 3)], dim=-1)
    c.case("view", "view", lambda: [normal(3, 4)], shape=[2, 6])
    c.case("view_infer", "view", lambda: [normal(2, 3, 4)], shape=[-1, 4])
    c.case("reshape", "reshape", lambda: [normal(2, 3, 4)], shape=[4, 6])
    c.case("reshape_strided", "reshape", lambda: [normal(4, 3)], shape=[12], transpose_inputs=[0])
    c.case("select", "select", lambda: [normal(2, 3, 4)], dim=1, index=2)
    c.case("select_negative", "select", lambda: [normal(2, 3, 4)], dim=-1, index=-1)
    c.case("narrow", "narrow", lambda: [normal(3, 5)], dim=1, start=1, length=3)
    c.case("slice_step", "slice", lambda: [normal(3, 7)], dim=1, start=1, end=6, step=2)
    c.case("slice_negative", "slice", lambda: [normal(5, 3)], dim=0, start=-3)
    c.case("transpose", "transpose", lambda: [normal(2, 3, 4)], dim0=0, dim1=2)
    c.case("permute", "permute", lambda: [normal(2, 3, 4)], dims=[2, 0, 1])
    c.case("expand", "expand", lambda: [normal(3, 1)], shape=[2, 3, 4])
    c.case("expand_keep", "expand", lambda: [normal(1, 4)], shape=[3, -1])
    c.case("squeeze", "squeeze", lambda: [normal(1, 3, 1, 4)])
    c.case("squeeze_dim", "squeeze_dim", lambda: [normal(3, 1, 4)], dim=1)
    c.case("squeeze_dim_noop", "squeeze_dim", lambda: [normal(3, 4)], dim=0)
    c.case("unsqueeze", "unsqueeze", lambda: [normal(3, 4)], dim=1)
    c.case("unsqueeze_last", "unsqueeze", lambda: [normal(3, 4)], dim=-1)
    c.case("flatten_all", "flatten", lambda: [normal(2, 3, 4)])
    c.case("flatten_range", "flatten", lambda: [normal(2, 3, 4, 2)], start_dim=1, end_dim=2)
    c.case("unbind", "unbind", lambda: [normal(3, 4)], dim=1, index=2)
    c.case("t", "t", lambda: [normal(3, 4)])
    c.case("index_slice_int_none_ellipsis", "index", lambda: [normal(3, 4, 5)],
           spec=["slice:1::", "int:0", "none", "ellipsis"])
    c.case("index_ellipsis_step", "index", lambda: [normal(3, 4, 5)], spec=["ellipsis", "slice:::2"])
    c.case("index_none_negative", "index", lambda: [normal(3, 4)], spec=["none", "slice:::", "int:-1"])
    c.case("index_int_range", "index", lambda: [normal(3, 4)], spec=["int:1", "slice:1:3:"])
    c.case("index_ellipsis_middle", "index", lambda: [normal(2, 3, 4)], spec=["int:1", "ellipsis", "slice:-2::"])
    c.case("to_float32", "to", lambda: [normal(3, 4)], dtype="float32")
    c.case("to_float64", "to", lambda: [normal(3, 4, dtype=F32)], dtype="float64")
    c.case("to_int64", "to", lambda: [normal(3, 4) * 3], dtype="int64")
    c.case("clone", "clone", lambda: [normal(3, 4)])
    c.case("contiguous_strided", "contiguous", lambda: [normal(4, 3)], transpose_inputs=[0])


def float32_cases(c):
    c.case("f32_mul_broadcast", "mul", lambda: [normal(3, 4, dtype=F32), normal(4, dtype=F32)])
    c.case("f32_div", "div", lambda: [normal(3, 4, dtype=F32), nonzero(3, 4, dtype=F32)])
    c.case("f32_pow_scalar", "pow_scalar", lambda: [positive(3, 4, dtype=F32)], exponent=2.5)
    c.case("f32_exp", "exp", lambda: [normal(3, 4, dtype=F32)])
    c.case("f32_log", "log", lambda: [positive(3, 4, dtype=F32)])
    c.case("f32_tanh", "tanh", lambda: [normal(3, 4, dtype=F32)])
    c.case("f32_sigmoid", "sigmoid", lambda: [normal(3, 4, dtype=F32)])
    c.case("f32_sum_dims", "sum_dims", lambda: [normal(2, 3, 4, dtype=F32)], dims=[0, 2])
    c.case("f32_mean", "mean", lambda: [normal(2, 3, 4, dtype=F32)])
    c.case("f32_norm", "norm", lambda: [normal(3, 4, dtype=F32)], p=2)
    c.case("f32_var_dim", "var_dims", lambda: [normal(3, 4, dtype=F32)], dims=[1], unbiased=True)
    c.case("f32_std", "std", lambda: [normal(3, 4, dtype=F32)], unbiased=True)
    c.case("f32_softmax", "softmax", lambda: [normal(3, 4, dtype=F32)], dim=-1)
    c.case("f32_log_softmax", "log_softmax", lambda: [normal(3, 4, dtype=F32)], dim=1)
    c.case("f32_logsumexp", "logsumexp", lambda: [normal(3, 4, dtype=F32)], dims=[1])
    c.case("f32_matmul_2d", "matmul", lambda: [normal(3, 4, dtype=F32), normal(4, 5, dtype=F32)])
    c.case("f32_matmul_batched", "matmul", lambda: [normal(2, 3, 4, dtype=F32), normal(4, 2, dtype=F32)])
    c.case("f32_bmm", "bmm", lambda: [normal(2, 3, 4, dtype=F32), normal(2, 4, 5, dtype=F32)])
    c.case("f32_mv", "mv", lambda: [normal(3, 4, dtype=F32), normal(4, dtype=F32)])


def promotion_cases(c):
    c.case("promote_int64_times_float_scalar", "mul_scalar", lambda: [integers(3, 4)], other=2.5)
    c.case("promote_int64_times_int_scalar", "mul_scalar", lambda: [integers(3, 4)], other=2)
    c.case("promote_float32_plus_float64", "add", lambda: [normal(3, 4, dtype=F32), normal(3, 4)])
    c.case("promote_bool_mask_times_float", "mul", lambda: [mask(3, 4), normal(3, 4)])
    c.case("promote_int64_plus_float32", "add", lambda: [integers(3, 4), normal(3, 4, dtype=F32)])
    c.case("promote_float32_times_zero_dim_float64", "mul", lambda: [normal(3, dtype=F32), normal()])
    c.case("promote_int64_div_int64", "div", lambda: [integers(3, 4), integers(3, 4, low=1, high=5)])
    c.case("promote_float32_times_double_scalar", "mul_scalar", lambda: [normal(3, 4, dtype=F32)], other=2.5)
    c.case("promote_int64_sum", "sum", lambda: [integers(3, 4)])
    c.case("promote_float32_sum_to_float64", "sum", lambda: [normal(3, 4, dtype=F32)], dtype="float64")
    c.case("promote_float32_mean_to_float64", "mean", lambda: [normal(3, 4, dtype=F32)], dtype="float64")
    c.case("promote_float32_prod_to_float64", "prod", lambda: [uniform(0.5, 1.5, 2, 3, dtype=F32)], dtype="float64")
    c.case("promote_where_float32_scalar", "where_scalar_other", lambda: [mask(3, 4), normal(3, 4, dtype=F32)],
           scalar=0.5)
    c.case("promote_int64_pow_int", "pow_scalar", lambda: [integers(3, 4)], exponent=2)
    c.case("promote_int64_pow_float", "pow_scalar", lambda: [integers(3, 4, low=1, high=6)], exponent=0.5)
    c.case("promote_int64_exp", "exp", lambda: [integers(3, 4, low=-2, high=3)])
    c.case("promote_where_float32_float64", "where", lambda: [mask(3, 4), normal(3, 4, dtype=F32), normal(3, 4)])
    c.case("promote_cat_float32_float64", "cat", lambda: [normal(2, 3, dtype=F32), normal(1, 3)], dim=0)
    c.case("promote_softmax_to_float64", "softmax", lambda: [normal(3, 4, dtype=F32)], dim=1, dtype="float64")
    c.case("promote_clamp_int64", "clamp", lambda: [integers(3, 4)], min=-2, max=3)


def edge_cases(c):
    c.case("zero_dim_sum", "sum", lambda: [normal()])
    c.case("zero_dim_sum_dims", "sum_dims", lambda: [normal()], dims=[0])
    c.case("zero_dim_max_dim", "max_dim", lambda: [normal()], dim=0)
    c.case("zero_dim_softmax", "softmax", lambda: [normal()], dim=0)
    c.case("zero_dim_norm", "norm", lambda: [nonzero()], p=2)
    c.case("zero_dim_mul_broadcast", "mul", lambda: [normal(), normal(2, 3)])
    c.case("empty_sum_dim", "sum_dims", lambda: [normal(0, 3)], dims=[0])
    c.case("empty_sum_all", "sum", lambda: [normal(2, 0)])
    c.case("empty_prod_dim", "prod_dim", lambda: [normal(3, 0)], dim=1)
    c.case("empty_mm_inner", "mm", lambda: [normal(3, 0), normal(0, 4)])
    c.case("empty_cat_piece", "cat", lambda: [normal(2, 3), normal(0, 3), normal(1, 3)], dim=0)
    c.case("empty_add_broadcast", "add", lambda: [normal(0, 3), normal(3)])
    c.case("strided_softmax", "softmax", lambda: [normal(4, 3)], dim=-1, transpose_inputs=[0])
    c.case("strided_maximum", "maximum", lambda: [normal(4, 3), normal(3, 4)], transpose_inputs=[0])
    c.case("strided_where", "where", lambda: [mask(3, 4), normal(4, 3), normal(4)], transpose_inputs=[1])
    c.case("strided_cat", "cat", lambda: [normal(3, 2), normal(3, 4)], dim=0, transpose_inputs=[0, 1])
    c.case("strided_var_dims", "var_dims", lambda: [normal(2, 4, 3)], dims=[0, 1], unbiased=True,
           transpose_inputs=[0])
    c.case("strided_prod_dim", "prod_dim", lambda: [near_one(4, 3)], dim=0, transpose_inputs=[0])
    c.case("strided_view_chain", "view_chain", lambda: [normal(4, 3)], transpose_inputs=[0])
    c.case("int64_abs", "abs", lambda: [integers(3, 4)])
    c.case("int64_neg", "neg", lambda: [integers(3, 4)])
    c.case("int64_relu", "relu", lambda: [integers(3, 4)])
    c.case("int64_sign", "sign", lambda: [integers(3, 4)])
    c.case("int64_sub_alpha", "sub", lambda: [integers(3, 4), integers(4)], alpha=3)
    c.case("int64_sum_dims", "sum_dims", lambda: [integers(2, 3, 4)], dims=[0, 2], keepdim=True)
    c.case("int64_prod_dim", "prod_dim", lambda: [integers(3, 4, low=-3, high=4)], dim=1)
    c.case("int64_max_dim", "max_dim", lambda: [torch.randperm(12).view(3, 4)], dim=0)
    c.case("int64_min_all", "min", lambda: [integers(3, 4)])
    c.case("int64_mm", "mm", lambda: [integers(3, 4), integers(4, 2)])
    c.case("int64_matmul_batched", "matmul", lambda: [integers(2, 3, 4), integers(4)])
    c.case("int64_cat", "cat", lambda: [integers(2, 3), integers(1, 3)], dim=0)
    c.case("int64_maximum", "maximum", lambda: [integers(3, 4), integers(4)])
    c.case("int64_where", "where", lambda: [mask(3, 4), integers(3, 4), integers(3, 4)])
    c.case("int64_to_float64", "to", lambda: [integers(3, 4)], dtype="float64")
    c.case("bool_to_float32", "to", lambda: [mask(3, 4)], dtype="float32")
    c.case("bool_sum", "sum", lambda: [mask(3, 4)])
    c.case("int64_view_transpose", "transpose", lambda: [integers(2, 3, 4)], dim0=1, dim1=2)


# ---- gather, scatter, index_select/index_add and masks (autograd/ops/scatter.cpp) -------------

def scatter_cases(c):
    def index(high, *shape):
        return torch.randint(0, high, shape, dtype=torch.int64)
    c.case("gather_dim0", "gather", lambda: [normal(3, 4), index(3, 2, 4)], dim=0)
    c.case("gather_dim_last", "gather", lambda: [normal(2, 3, 4), index(4, 2, 2, 5)], dim=-1)
    c.case("gather_float32", "gather", lambda: [normal(3, 4, dtype=torch.float32), index(4, 3, 2)], dim=1)
    c.case("gather_long", "gather", lambda: [integers(3, 4), index(4, 3, 2)], dim=1)
    # a permutation per column: no position written twice, so the result does not depend on write order
    c.case("scatter_src", "scatter", lambda: [normal(3, 4), torch.stack([torch.randperm(3)[:2] for _ in range(4)], 1),
                                              normal(2, 4)], dim=0)
    c.case("scatter_value", "scatter_value", lambda: [normal(3, 4), torch.tensor([[3], [0], [1]])], dim=1, value=-2.5)
    c.case("scatter_add_repeats", "scatter_add", lambda: [normal(3, 4), index(3, 5, 4), normal(5, 4)], dim=0)
    c.case("scatter_add_inplace", "scatter_add_inplace", lambda: [normal(2, 3, 4), index(3, 2, 3, 2),
                                                                  normal(2, 3, 2)], dim=2)
    c.case("index_select_dim1", "index_select", lambda: [normal(3, 4), index(4, 6)], dim=1)
    c.case("index_select_0d_index", "index_select", lambda: [normal(3, 4), torch.tensor(2)], dim=0)
    c.case("index_add_alpha", "index_add", lambda: [normal(4, 3), index(4, 5), normal(5, 3)], dim=0, alpha=-1.5)
    c.case("masked_fill_broadcast", "masked_fill", lambda: [normal(3, 4), mask(4)], value=0.75)
    c.case("masked_fill_mask_broadcasts_self", "masked_fill", lambda: [normal(4), mask(3, 4)], value=2.0)
    c.case("masked_fill_tensor", "masked_fill_tensor", lambda: [normal(3, 4), mask(3, 1), normal(2)])
    c.case("masked_fill_inplace", "masked_fill_inplace", lambda: [normal(3, 4), mask(3, 4)], value=-1.0)
    c.case("masked_select", "masked_select", lambda: [normal(3, 4), mask(3, 4)])
    c.case("masked_select_broadcast", "masked_select", lambda: [normal(3, 1), mask(2, 3, 4)])
    c.case("nonzero_float", "nonzero", lambda: [normal(3, 4).relu()])
    c.case("nonzero_bool_3d", "nonzero", lambda: [mask(2, 3, 2)])
    c.case("where_condition_dim1", "where_condition", lambda: [mask(3, 4)], index=1)


def second_order_cases(c):
    c.case("grad2_tanh", "tanh", lambda: [normal(3, 4)], second_order=True)
    c.case("grad2_sigmoid", "sigmoid", lambda: [normal(3, 4)], second_order=True)
    c.case("grad2_exp", "exp", lambda: [normal(3, 4)], second_order=True)
    c.case("grad2_log", "log", lambda: [positive(3, 4)], second_order=True)
    c.case("grad2_pow_scalar", "pow_scalar", lambda: [positive(3, 4)], exponent=2.5, second_order=True)
    c.case("grad2_pow_tensor", "pow", lambda: [positive(3, 4), normal(3, 4)], second_order=True)
    c.case("grad2_mul", "mul", lambda: [normal(3, 4), normal(4)], second_order=True)
    c.case("grad2_div", "div", lambda: [normal(3, 4), nonzero(3, 4)], second_order=True)
    c.case("grad2_softmax", "softmax", lambda: [normal(3, 4)], dim=1, second_order=True)
    c.case("grad2_log_softmax", "log_softmax", lambda: [normal(3, 4)], dim=-1, second_order=True)
    c.case("grad2_matmul", "matmul", lambda: [normal(3, 4), normal(4, 5)], second_order=True)
    c.case("grad2_matmul_batched", "matmul", lambda: [normal(2, 3, 4), normal(4, 2)], second_order=True)
    c.case("grad2_norm_p2", "norm", lambda: [normal(3, 4)], p=2, second_order=True)
    c.case("grad2_norm_p3_dim", "norm_dims", lambda: [away(normal(3, 4))], p=3, dims=[1], second_order=True)
    c.case("grad2_sqrt", "sqrt", lambda: [positive(3, 4)], second_order=True)
    c.case("grad2_rsqrt", "rsqrt", lambda: [positive(3, 4)], second_order=True)
    c.case("grad2_reciprocal", "reciprocal", lambda: [nonzero(3, 4)], second_order=True)
    c.case("grad2_sin", "sin", lambda: [normal(3, 4)], second_order=True)
    c.case("grad2_cos", "cos", lambda: [normal(3, 4)], second_order=True)
    c.case("grad2_pow_scalar_base", "pow_scalar_base", lambda: [normal(3, 4)], base=1.5, second_order=True)
    c.case("grad2_logsumexp", "logsumexp", lambda: [normal(3, 4)], dims=[1], second_order=True)
    c.case("grad2_var_dims", "var_dims", lambda: [normal(3, 4)], dims=[0], unbiased=True, second_order=True)
    c.case("grad2_std", "std", lambda: [normal(3, 4)], unbiased=False, second_order=True)
    c.case("grad2_prod_dim", "prod_dim", lambda: [near_one(3, 4)], dim=1, second_order=True)
    c.case("grad2_bmm", "bmm", lambda: [normal(2, 3, 4), normal(2, 4, 5)], second_order=True)
    c.case("grad2_mv", "mv", lambda: [normal(3, 4), normal(4)], second_order=True)
    c.case("grad2_view_chain", "view_chain", lambda: [normal(3, 4)], second_order=True)
    c.case("grad2_inplace_chain", "inplace_chain", lambda: [normal(3, 4), normal(4)], second_order=True)
    c.case("grad2_reuse_chain", "reuse_chain", lambda: [normal(3, 4), uniform(0.5, 1.0, 4)], second_order=True)


def everyday_elementwise_cases(c):
    """More elementwise functions and arithmetic: log1p ... trunc, atan2, fmod, remainder, lerp, addcmul,
    addcdiv, isinf, isclose."""
    c.case("log1p", "log1p", lambda: [uniform(-0.5, 2.0, 3, 4)])
    c.case("expm1", "expm1", lambda: [normal(3, 4)])
    c.case("expm1_tiny", "expm1", lambda: [normal(5) * 1e-10])
    c.case("tan", "tan", lambda: [uniform(-1.2, 1.2, 3, 4)])
    c.case("atan", "atan", lambda: [normal(3, 4) * 3])
    c.case("sinh", "sinh", lambda: [normal(3, 4)])
    c.case("cosh", "cosh", lambda: [normal(3, 4)])
    c.case("log2", "log2", lambda: [positive(3, 4)])
    c.case("log10", "log10", lambda: [positive(3, 4)])
    c.case("floor", "floor", lambda: [normal(3, 4) * 3])
    c.case("ceil", "ceil", lambda: [normal(3, 4) * 3])
    c.case("round", "round", lambda: [normal(3, 4) * 3])
    c.case("round_halves_to_even", "round", lambda: [torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], dtype=F64)])
    c.case("trunc", "trunc", lambda: [normal(3, 4) * 3])
    c.case("int64_floor", "floor", lambda: [integers(3, 4)])
    c.case("f32_round", "round", lambda: [normal(3, 4, dtype=F32) * 3])
    c.case("promote_int64_log1p", "log1p", lambda: [integers(3, 4, low=0, high=5)])
    c.case("atan2", "atan2", lambda: [away(normal(3, 4)), away(normal(3, 4))])
    c.case("atan2_broadcast", "atan2", lambda: [away(normal(3, 1)), away(normal(4))])
    c.case("promote_int64_atan2", "atan2", lambda: [integers(3, 4), integers(4, low=1, high=4)])
    c.case("fmod", "fmod", lambda: [normal(3, 4) * 3, nonzero(4)])
    c.case("fmod_scalar", "fmod_scalar", lambda: [normal(3, 4) * 3], other=0.7)
    c.case("int64_fmod", "fmod", lambda: [integers(3, 4), integers(4, low=1, high=4) * torch.tensor([1, -1, 1, -1])])
    c.case("int64_fmod_scalar", "fmod_scalar", lambda: [integers(3, 4)], other=-3)
    c.case("promote_int64_fmod_float", "fmod_scalar", lambda: [integers(3, 4)], other=2.5)
    c.case("remainder", "remainder", lambda: [normal(3, 4) * 3, nonzero(3, 1)])
    c.case("remainder_scalar", "remainder_scalar", lambda: [normal(3, 4) * 3], other=-0.7)
    c.case("int64_remainder", "remainder", lambda: [integers(3, 4), integers(4, low=1, high=4) * torch.tensor([1, -1, 1, -1])])
    c.case("int64_remainder_scalar", "remainder_scalar", lambda: [integers(3, 4)], other=3)
    c.case("lerp", "lerp", lambda: [normal(3, 4), normal(4)], weight=0.3)
    c.case("lerp_far_weight", "lerp", lambda: [normal(3, 4), normal(3, 4)], weight=0.8)
    c.case("lerp_tensor", "lerp_tensor", lambda: [normal(3, 4), normal(4), uniform(0.0, 1.0, 3, 1)])
    c.case("f32_lerp", "lerp", lambda: [normal(3, 4, dtype=F32), normal(3, 4, dtype=F32)], weight=0.6)
    c.case("addcmul", "addcmul", lambda: [normal(3, 4), normal(3, 1), normal(4)])
    c.case("addcmul_value", "addcmul", lambda: [normal(4), normal(2, 4), normal()], value=0.5)
    c.case("int64_addcmul", "addcmul", lambda: [integers(3, 4), integers(3, 4), integers(4)], value=2)
    c.case("addcdiv", "addcdiv", lambda: [normal(3, 4), normal(3, 1), nonzero(4)])
    c.case("addcdiv_value", "addcdiv", lambda: [normal(4), normal(2, 4), nonzero()], value=-2.0)
    c.case("isinf", "isinf", lambda: [torch.tensor([1.0, float("inf"), -float("inf"), float("nan"), 0.0], dtype=F64)
                                      .requires_grad_(False)])
    c.case("int64_isinf", "isinf", lambda: [integers(5)])
    c.case("isclose", "isclose", lambda: [torch.tensor([1.0, 1.0, float("inf"), float("nan"), 0.0, 2.0]),
                                          torch.tensor([1.0 + 1e-6, 1.1, float("inf"), float("nan"), 1e-9, -2.0])])
    c.case("isclose_tolerances", "isclose", lambda: [torch.tensor([1.0, 1.0, 1.0, float("nan")], dtype=F64),
                                                     torch.tensor([1.05, 1.2, 0.91, float("nan")], dtype=F64)],
           rtol=0.05, atol=0.01, equal_nan=1)
    c.case("int64_isclose", "isclose", lambda: [integers(6), integers(6)], atol=1.5)
    c.case("grad2_tan", "tan", lambda: [uniform(-1.2, 1.2, 3, 4)], second_order=True)
    c.case("grad2_atan2", "atan2", lambda: [away(normal(3, 4)), away(normal(4))], second_order=True)
    c.case("grad2_log1p", "log1p", lambda: [positive(3, 4)], second_order=True)
    c.case("grad2_cosh", "cosh", lambda: [normal(3, 4)], second_order=True)
    c.case("grad2_lerp_tensor", "lerp_tensor", lambda: [normal(3, 4), normal(4), normal(3, 1)], second_order=True)
    c.case("grad2_addcdiv", "addcdiv", lambda: [normal(3, 4), normal(3, 1), nonzero(4)], value=0.5, second_order=True)


def everyday_reduction_cases(c):
    """More reductions and scans: amax, amin (ties share the gradient evenly), all/any along a dim, cumsum."""
    c.case("amax_dims", "amax", lambda: [normal(2, 3, 4)], dims=[0, 2])
    c.case("amax_all", "amax", lambda: [normal(3, 4)], dims=[])
    c.case("amax_ties", "amax", lambda: [torch.tensor([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]], dtype=F64)], dims=[1])
    c.case("amax_ties_all", "amax", lambda: [torch.tensor([[1.0, 3.0, 3.0], [3.0, 2.0, 0.0]], dtype=F64)], dims=[])
    c.case("amin_keepdim", "amin", lambda: [normal(2, 3, 4)], dims=[-1], keepdim=True)
    c.case("amin_ties", "amin", lambda: [torch.tensor([[1.0, 0.0, 0.0], [0.5, 0.5, 2.0]], dtype=F64)], dims=[0, 1],
           keepdim=True)
    c.case("int64_amax", "amax", lambda: [integers(3, 4)], dims=[0])
    c.case("all_dim", "all_dim", lambda: [integers(3, 4, low=0, high=3)], dim=1)
    c.case("any_dim_keepdim", "any_dim", lambda: [mask(3, 4) & mask(3, 4)], dim=0, keepdim=True)
    c.case("all_dim_float", "all_dim", lambda: [torch.tensor([[0.0, 1.0], [2.0, float("nan")]], dtype=F64)], dim=-1)
    c.case("cumsum", "cumsum", lambda: [normal(2, 3, 4)], dim=1)
    c.case("cumsum_last", "cumsum", lambda: [normal(3, 4)], dim=-1)
    c.case("cumsum_strided", "cumsum", lambda: [normal(4, 3)], dim=0, transpose_inputs=[0])
    c.case("cumsum_zero_dim", "cumsum", lambda: [normal()], dim=0)
    c.case("int64_cumsum", "cumsum", lambda: [integers(3, 4)], dim=0)
    c.case("bool_cumsum", "cumsum", lambda: [mask(3, 4)], dim=1)
    c.case("f32_cumsum_to_float64", "cumsum", lambda: [normal(3, 4, dtype=F32)], dim=1, dtype="float64")


# ---- convolutions and pooling (autograd/ops/conv.cpp, autograd/ops/pool.cpp) -------------------

def conv_and_pool_cases(c):
    """conv2d and conv1d with stride, padding, dilation, groups, unbatched inputs, no bias; max_pool2d and
    avg_pool2d with ceil_mode, padding, count_include_pad and divisor_override; second order of the
    convolutions (pooling is piecewise linear: its second derivative is zero, gradcheck covers its double backward)."""
    c.case("conv2d", "conv2d", lambda: [normal(2, 3, 6, 5), normal(4, 3, 3, 3), normal(4)])
    c.case("conv2d_stride_padding_dilation_groups", "conv2d", lambda: [normal(2, 4, 7, 6), normal(6, 2, 3, 2), normal(6)],
           stride=[2, 1], padding=[1, 2], dilation=[1, 2], groups=2)
    c.case("conv2d_unbatched_no_bias", "conv2d", lambda: [normal(3, 5, 5), normal(2, 3, 2, 2)], padding=[1])
    c.case("conv2d_depthwise", "conv2d", lambda: [normal(1, 3, 5, 5), normal(3, 1, 3, 3)], groups=3, stride=[2])
    c.case("f32_conv2d", "conv2d", lambda: [normal(2, 2, 8, 8, dtype=F32), normal(3, 2, 5, 5, dtype=F32),
                                           normal(3, dtype=F32)], padding=[2])
    c.case("conv1d", "conv1d", lambda: [normal(2, 3, 9), normal(4, 3, 3), normal(4)], stride=[2], padding=[1])
    c.case("conv1d_unbatched_dilation_groups", "conv1d", lambda: [normal(4, 9), normal(2, 2, 3)], dilation=[2], groups=2)
    c.case("max_pool2d", "max_pool2d", lambda: [normal(2, 3, 6, 6)], kernel=[2])
    c.case("max_pool2d_ceil_padding_dilation", "max_pool2d", lambda: [normal(2, 5, 7)], kernel=[3, 2], stride=[2, 1],
           padding=[1, 1], dilation=[1, 2], ceil_mode=1)
    c.case("f32_max_pool2d", "max_pool2d", lambda: [normal(1, 2, 5, 5, dtype=F32)], kernel=[3], stride=[1])
    c.case("avg_pool2d", "avg_pool2d", lambda: [normal(2, 3, 6, 6)], kernel=[2])
    c.case("avg_pool2d_ceil_exclude_pad", "avg_pool2d", lambda: [normal(1, 2, 5, 7)], kernel=[3], stride=[2],
           padding=[1], ceil_mode=1, count_include_pad=0)
    c.case("avg_pool2d_ceil_include_pad", "avg_pool2d", lambda: [normal(2, 5, 7)], kernel=[3, 2], stride=[2],
           padding=[1], ceil_mode=1)
    c.case("avg_pool2d_divisor_override", "avg_pool2d", lambda: [normal(1, 2, 4, 5)], kernel=[2, 3], stride=[1],
           divisor_override=5)
    c.case("grad2_conv2d", "conv2d", lambda: [normal(2, 2, 5, 5), normal(4, 1, 2, 3), normal(4)], padding=[1],
           groups=2, second_order=True)
    c.case("grad2_conv1d", "conv1d", lambda: [normal(2, 3, 7), normal(2, 3, 3)], stride=[2], second_order=True)


# ---- shape and ordering (autograd/ops/join.cpp, view.cpp, rearrange.cpp, scan.cpp, sort.cpp) -----

def ties(*shape):
    """Values from {0, 1, 2, 3}: many ties, whose order sort and topk must give as torch does."""
    return torch.randint(0, 4, shape).to(F64)


def shape_and_ordering_cases(c):
    c.case("split", "split", lambda: [normal(5, 3)], size=2, dim=0, index=2)
    c.case("split_last_dim", "split", lambda: [normal(2, 3, 4)], size=3, dim=-1, index=0)
    c.case("split_sizes", "split_sizes", lambda: [normal(2, 6)], sizes=[1, 0, 5], dim=1, index=2)
    c.case("chunk", "chunk", lambda: [normal(7, 2)], chunks=3, dim=0, index=1)
    c.case("tensor_split", "tensor_split", lambda: [normal(3, 7)], sections=3, dim=1, index=0)
    c.case("tensor_split_indices", "tensor_split_indices", lambda: [normal(6, 2)], indices=[1, -2], dim=0, index=1)
    c.case("diagonal", "diagonal", lambda: [normal(3, 4)])
    c.case("diagonal_offset_dims", "diagonal", lambda: [normal(2, 3, 4)], offset=-1, dim1=2, dim2=1)
    c.case("diag_of_matrix", "diag", lambda: [normal(4, 3)], diagonal=-1)
    c.case("diag_of_vector", "diag", lambda: [normal(3)], diagonal=2)
    c.case("tril", "tril", lambda: [normal(2, 3, 4)])
    c.case("tril_strided", "tril", lambda: [normal(5, 3)], diagonal=1, transpose_inputs=[0])
    c.case("triu_negative", "triu", lambda: [normal(4, 4)], diagonal=-1)
    c.case("int64_tril", "tril", lambda: [integers(3, 3)])
    c.case("triu_inplace", "triu_inplace", lambda: [normal(3, 5)], diagonal=2)
    c.case("flip", "flip", lambda: [normal(2, 3, 4)], dims=[0, -1])
    c.case("flip_strided", "flip", lambda: [normal(4, 3)], dims=[1], transpose_inputs=[0])
    c.case("roll_flat", "roll", lambda: [normal(3, 4)], shifts=[5])
    c.case("roll_dims", "roll", lambda: [normal(2, 3, 4)], shifts=[-1, 6], dims=[2, 0])
    c.case("repeat", "repeat", lambda: [normal(2, 3)], repeats=[2, 1, 3])
    c.case("repeat_interleave_flat", "repeat_interleave", lambda: [normal(2, 3)], repeats=2)
    c.case("repeat_interleave_dim", "repeat_interleave", lambda: [normal(2, 3)], repeats=3, dim=1)
    c.case("cumprod", "cumprod", lambda: [normal(3, 4)], dim=1, second_order=True)
    c.case("cumprod_one_zero", "cumprod",
           lambda: [torch.tensor([[2.0, 0.0, 3.0, -1.5], [0.5, 1.5, 2.0, 0.0]], dtype=F64)], dim=1, second_order=True)
    c.case("cumprod_two_zeros", "cumprod",
           lambda: [torch.tensor([[1.5, 0.0, 0.0, 2.0], [0.0, 3.0, 0.0, 1.0]], dtype=F64)], dim=-1, second_order=True)
    c.case("int64_cumprod", "cumprod", lambda: [integers(3, 4)], dim=0)
    c.case("f32_cumprod_to_float64", "cumprod", lambda: [normal(2, 3, dtype=F32)], dim=1, dtype="float64")
    c.case("sort", "sort", lambda: [normal(3, 5)])
    c.case("sort_descending_dim0", "sort", lambda: [normal(4, 3)], dim=0, descending=True)
    c.case("sort_ties", "sort", lambda: [ties(2, 40)])
    c.case("sort_ties_indices", "sort_indices", lambda: [ties(2, 40)], descending=True)
    c.case("sort_short_ties_indices", "sort_indices", lambda: [ties(3, 9)], dim=1)
    c.case("sort_nan_indices", "sort_indices",
           lambda: [torch.tensor([1.0, float("nan"), -2.0, float("nan"), 0.5], dtype=F64)])
    c.case("int64_sort_indices", "sort_indices", lambda: [integers(2, 30)], dim=1)
    c.case("sort_stable_indices", "sort_stable_indices", lambda: [ties(2, 40)], descending=True)
    c.case("argsort", "argsort", lambda: [ties(3, 20)], dim=1, descending=True)
    c.case("topk", "topk", lambda: [normal(3, 6)], k=2)
    c.case("topk_smallest_dim0", "topk", lambda: [normal(5, 3)], k=3, dim=0, largest=False)
    c.case("topk_ties_indices", "topk_indices", lambda: [ties(4, 10)], k=4)
    c.case("topk_ties_unsorted_indices", "topk_indices", lambda: [ties(3, 12)], k=5, sorted=False)
    c.case("topk_partial_sort_indices", "topk_indices", lambda: [ties(2, 200)], k=3, largest=False)


# ---- advanced indexing and in-place ops on views (autograd/ops/advanced_index.cpp, --------------
# ---- autograd/graph/view_history.cpp) ------------------------------------------------------------

def advanced_indexing_cases(c):
    def index(low, high, *shape):
        return torch.randint(low, high, shape, dtype=torch.int64)
    c.case("index_tensor_rows", "index_tensor", lambda: [normal(3, 4), index(-3, 3, 2, 3)])
    c.case("index_tensor_mask", "index_tensor", lambda: [normal(3, 4), mask(3, 4)])
    c.case("index_tensor_row_mask", "index_tensor", lambda: [normal(3, 4), mask(3)])
    c.case("index_slice_tensor", "index_slice_tensor", lambda: [normal(3, 4), index(-4, 4, 5)])
    c.case("index_adjacent_tensors", "index_adjacent_tensors", lambda: [normal(2, 3, 4), index(0, 3, 2, 1),
                                                                         index(0, 4, 3)])
    c.case("index_separated_tensors", "index_separated_tensors", lambda: [normal(2, 3, 4), index(0, 2, 3),
                                                                           index(-4, 4, 3)])
    c.case("index_put_tensor", "index_put_tensor", lambda: [normal(3, 4), torch.tensor([2, 0]), normal(2, 4)])
    c.case("index_put_accumulate_repeats", "index_put_tensor", lambda: [normal(3, 4), index(0, 3, 5), normal(5, 4)],
           accumulate=1)
    c.case("index_put_tensor_inplace", "index_put_tensor_inplace", lambda: [normal(3, 4), torch.tensor([1, -1]),
                                                                             normal(4)])
    c.case("index_put_mask_inplace", "index_put_tensor_inplace", lambda: [normal(3, 4), mask(3, 4), normal()])
    c.case("copy_slices_mul", "copy_slices_mul", lambda: [normal(3, 4)])
    c.case("copy_slices_copy", "copy_slices_copy", lambda: [normal(3, 4), normal(3, 1)])
    c.case("copy_slices_zero", "copy_slices_zero", lambda: [normal(3, 4)])


# ---- einsum and LU-based linear algebra (autograd/ops/einsum.cpp, autograd/ops/linalg_lu.cpp) -------

def invertible(*shape, dtype=F64):
    """Square matrices far from singular: normal entries plus 4 on the diagonal."""
    return normal(*shape, dtype=dtype) + 4 * torch.eye(shape[-1], dtype=dtype)


def einsum_and_lu_cases(c):
    c.case("einsum_matmul", "einsum", lambda: [normal(3, 4), normal(4, 5)], equation="ij,jk->ik", second_order=True)
    c.case("einsum_implicit", "einsum", lambda: [normal(4, 5), normal(3, 4)], equation="jk,ij")
    c.case("einsum_diagonal", "einsum", lambda: [normal(3, 3)], equation="ii->i")
    c.case("einsum_trace", "einsum", lambda: [normal(4, 4)], equation="ii")
    c.case("einsum_sum_all", "einsum", lambda: [normal(3, 4)], equation="ij->")
    c.case("einsum_transpose", "einsum", lambda: [normal(2, 3, 4)], equation="abc->cab")
    c.case("einsum_outer", "einsum", lambda: [normal(3), normal(4)], equation="i,j->ij")
    c.case("einsum_dot", "einsum", lambda: [normal(5), normal(5)], equation="i,i->")
    c.case("einsum_hadamard", "einsum", lambda: [normal(3, 4), normal(3, 4)], equation="ij,ij->ij")
    c.case("einsum_batched", "einsum", lambda: [normal(2, 3, 4), normal(2, 4, 5)], equation="bij,bjk->bik")
    c.case("einsum_ellipsis_broadcast", "einsum", lambda: [normal(2, 1, 3, 4), normal(3, 4, 2)],
           equation="...ij,...jk->...ik", second_order=True)
    c.case("einsum_ellipsis_middle", "einsum", lambda: [normal(3, 2, 5, 4)], equation="i...j->j...i")
    c.case("einsum_ellipsis_summed", "einsum", lambda: [normal(2, 3, 4)], equation="...j->j")
    c.case("einsum_three_operands", "einsum", lambda: [normal(3, 4), normal(4, 5), normal(5, 2)],
           equation="ij,jk,kl->il")
    c.case("einsum_bilinear", "einsum", lambda: [normal(2, 3), normal(4, 3, 5), normal(2, 5)],
           equation="bn,anm,bm->ba")
    c.case("einsum_repeated_and_broadcast", "einsum", lambda: [normal(2, 3, 3), normal(1, 3)],
           equation="bii,bi->b")
    c.case("einsum_uppercase", "einsum", lambda: [normal(3, 4), normal(4)], equation="Ab,b->A")
    c.case("einsum_strided", "einsum", lambda: [normal(4, 3), normal(5, 4)], equation="ij,jk->ki",
           transpose_inputs=[0, 1])
    c.case("f32_einsum", "einsum", lambda: [normal(2, 3, dtype=F32), normal(3, 4, dtype=F32)], equation="ij,jk->ik")
    c.case("int64_einsum", "einsum", lambda: [integers(2, 3), integers(3, 4)], equation="ij,jk->ik")
    c.case("inverse", "inverse", lambda: [invertible(3, 3)], second_order=True)
    c.case("inverse_batched", "inverse", lambda: [invertible(2, 2, 4, 4)])
    c.case("inverse_strided", "inverse", lambda: [invertible(3, 3)], transpose_inputs=[0])
    c.case("f32_inverse", "inverse", lambda: [invertible(4, 4, dtype=F32)])
    c.case("det", "det", lambda: [invertible(3, 3)], second_order=True)
    c.case("det_batched", "det", lambda: [normal(2, 3, 4, 4)])
    c.case("det_pivoting", "det", lambda: [torch.tensor([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [3.0, 0.5, 2.0]], dtype=F64)])
    c.case("det_singular", "det", lambda: [torch.tensor([[1.0, 2.0], [2.0, 4.0]], dtype=F64)])
    c.case("f32_det", "det", lambda: [invertible(3, 3, dtype=F32)])
    c.case("linalg_solve", "linalg_solve", lambda: [invertible(3, 3), normal(3, 2)], second_order=True)
    c.case("linalg_solve_vector", "linalg_solve", lambda: [invertible(4, 4), normal(4)])
    c.case("linalg_solve_batched_vector", "linalg_solve", lambda: [invertible(2, 3, 3), normal(2, 3)])
    c.case("linalg_solve_broadcast", "linalg_solve", lambda: [invertible(3, 3), normal(2, 3, 2)])
    c.case("linalg_solve_broadcast_a", "linalg_solve", lambda: [invertible(2, 1, 3, 3), normal(4, 3, 1)])
    c.case("linalg_solve_right", "linalg_solve", lambda: [invertible(3, 3), normal(2, 3)], left=0)
    c.case("f32_linalg_solve", "linalg_solve", lambda: [invertible(3, 3, dtype=F32), normal(3, 2, dtype=F32)])


# ---- the ops the distribution and margin losses are made of: xlogy, log_sigmoid -----------------

def loss_building_block_cases(c):
    def with_zeros(*shape):
        x = normal(*shape)
        x[0] = 0.0  # 0 log y = 0, and its gradient for y is 0
        return x
    c.case("xlogy", "xlogy", lambda: [with_zeros(3, 4), positive(3, 4)])
    c.case("xlogy_broadcast", "xlogy", lambda: [with_zeros(3, 1), positive(4)])
    c.case("promote_int64_xlogy", "xlogy", lambda: [integers(3, 4, low=0), integers(4, low=1, high=5)])
    c.case("log_sigmoid", "log_sigmoid", lambda: [normal(3, 4)])
    c.case("log_sigmoid_tails", "log_sigmoid", lambda: [torch.tensor([-800.0, -40.0, -1.0, 0.0, 2.0, 40.0, 800.0],
                                                                     dtype=F64)])
    c.case("float32_log_sigmoid", "log_sigmoid", lambda: [normal(5, dtype=torch.float32) * 30])


# ---- conversions: x.type_as(y), x.to(y), x.new_full (autograd/ops/copy.cpp, creation.cpp) -------

def conversion_cases(c):
    # The other tensor is an integer one (a const), or the input is: torch gives no gradient
    # with respect to the tensor whose dtype is taken, so it must not be a differentiated input.
    c.case("type_as_long", "type_as", lambda: [normal(3, 4) * 3, integers(2)])
    c.case("type_as_float64", "type_as", lambda: [integers(3, 4), normal(1)])
    c.case("to_other_float32", "to_other", lambda: [integers(2, 5), normal(1, dtype=F32)])
    c.case("new_full_long_truncates", "new_full", lambda: [integers(2)], size=[2, 3], value=2.5)
    c.case("new_full_float32", "new_full", lambda: [normal(2, dtype=F32)], size=[4], value=-1.25)


# ---- upsampling, 1-d and adaptive pooling (autograd/ops/upsample.cpp, autograd/ops/pool.cpp) -----

def upsample_and_pool_cases(c):
    """F.interpolate in its nearest (3-D, 4-D) and bilinear (align_corners both ways) modes, by size, by
    scale_factor (integral and fractional) and with recompute_scale_factor; max_pool1d, avg_pool1d and the
    adaptive pools, with windows that overlap and differ in size."""
    c.case("interpolate_nearest1d_size", "interpolate", lambda: [normal(2, 3, 5)], size=[8], mode="nearest")
    c.case("interpolate_nearest1d_scale", "interpolate", lambda: [normal(2, 3, 5)], scale=[1.7], mode="nearest")
    c.case("interpolate_nearest2d_size", "interpolate", lambda: [normal(2, 3, 4, 5)], size=[7, 3], mode="nearest")
    c.case("interpolate_nearest2d_scale", "interpolate", lambda: [normal(1, 2, 4, 5)], scale=[2.0, 1.5], mode="nearest")
    c.case("interpolate_nearest2d_recompute", "interpolate", lambda: [normal(1, 2, 4, 5)], scale=[1.3, 0.7],
           mode="nearest", recompute=1)
    c.case("f32_interpolate_nearest2d", "interpolate", lambda: [normal(1, 2, 3, 3, dtype=F32)], scale=[3.0, 2.0],
           mode="nearest")
    c.case("interpolate_bilinear_size", "interpolate", lambda: [normal(2, 3, 4, 5)], size=[7, 9], mode="bilinear",
           align_corners=0)
    c.case("interpolate_bilinear_align_corners", "interpolate", lambda: [normal(2, 3, 4, 5)], size=[7, 3],
           mode="bilinear", align_corners=1)
    c.case("interpolate_bilinear_scale", "interpolate", lambda: [normal(1, 2, 4, 5)], scale=[1.5, 2.25],
           mode="bilinear", align_corners=0)
    c.case("interpolate_bilinear_downsample_recompute", "interpolate", lambda: [normal(1, 2, 7, 6)], scale=[0.6, 0.5],
           mode="bilinear", align_corners=0, recompute=1)
    c.case("f32_interpolate_bilinear", "interpolate", lambda: [normal(1, 2, 5, 4, dtype=F32)], size=[8, 8],
           mode="bilinear", align_corners=0)
    c.case("max_pool1d", "max_pool1d", lambda: [normal(2, 3, 9)], kernel=[3], stride=[2], padding=[1], dilation=[2],
           ceil_mode=1)
    c.case("avg_pool1d", "avg_pool1d", lambda: [normal(2, 3, 8)], kernel=[3], stride=[2], padding=[1], ceil_mode=1,
           count_include_pad=0)
    c.case("adaptive_avg_pool1d", "adaptive_avg_pool1d", lambda: [normal(2, 3, 7)], size=[3])
    c.case("adaptive_avg_pool2d", "adaptive_avg_pool2d", lambda: [normal(2, 3, 5, 7)], size=[3, 4])
    c.case("adaptive_avg_pool2d_upsampling", "adaptive_avg_pool2d", lambda: [normal(3, 2, 3)], size=[5, 4])
    c.case("adaptive_avg_pool2d_global", "adaptive_avg_pool2d", lambda: [normal(2, 3, 4, 4)], size=[1, 1])
    c.case("adaptive_max_pool1d", "adaptive_max_pool1d", lambda: [normal(2, 3, 7)], size=[3])
    c.case("adaptive_max_pool2d", "adaptive_max_pool2d", lambda: [normal(2, 3, 5, 7)], size=[3, 4])


def max_pool_ties_cases(c):
    """max_pool2d on inputs full of ties: the gradient lands on the tap each window picks, so these
    check that the first maximum in row-major tap order wins, in the unrolled 2x2 loop (kernel 2
    inside the input, stride 2 or 1) and in the general one (padding, a ceil_mode window)."""
    c.case("max_pool2d_ties_2x2", "max_pool2d", lambda: [ties(2, 3, 6, 6)], kernel=[2])
    c.case("max_pool2d_ties_2x2_overlapping", "max_pool2d", lambda: [ties(2, 4, 5)], kernel=[2], stride=[1])
    c.case("max_pool2d_ties_padding", "max_pool2d", lambda: [ties(1, 2, 5, 5)], kernel=[3], stride=[2], padding=[1])
    c.case("max_pool2d_ties_ceil_mode", "max_pool2d", lambda: [ties(1, 2, 5, 5)], kernel=[2], ceil_mode=1)


# ---- pixel shuffle, fold and unfold (autograd/ops/resample.cpp; F.fold and F.unfold are col2im and im2col) -----

def resample_cases(c):
    """pixel_shuffle and pixel_unshuffle on 3-D, 4-D and 5-D inputs; F.unfold and F.fold with unequal kernel sides,
    stride, padding and dilation, overlapping blocks (fold adds them up), unbatched inputs, strided inputs. All are
    linear: their second derivatives are zero (gradcheck covers their double backward)."""
    c.case("pixel_shuffle", "pixel_shuffle", lambda: [normal(2, 8, 3, 2)], factor=2)
    c.case("pixel_shuffle_unbatched", "pixel_shuffle", lambda: [normal(9, 2, 1)], factor=3)
    c.case("pixel_shuffle_5d_strided", "pixel_shuffle", lambda: [normal(2, 2, 4, 3, 2)], factor=2,
           transpose_inputs=[0])
    c.case("f32_pixel_shuffle", "pixel_shuffle", lambda: [normal(1, 4, 2, 2, dtype=F32)], factor=2)
    c.case("pixel_unshuffle", "pixel_unshuffle", lambda: [normal(2, 2, 4, 6)], factor=2)
    c.case("pixel_unshuffle_unbatched", "pixel_unshuffle", lambda: [normal(1, 3, 6)], factor=3)
    c.case("pixel_unshuffle_5d_strided", "pixel_unshuffle", lambda: [normal(2, 1, 3, 4, 2)], factor=2,
           transpose_inputs=[0])
    c.case("unfold", "unfold", lambda: [normal(2, 3, 5, 4)], kernel=[2, 3])
    c.case("unfold_stride_padding_dilation", "unfold", lambda: [normal(2, 2, 6, 7)], kernel=[3, 2], dilation=[1, 2],
           padding=[1, 0], stride=[2, 1])
    c.case("unfold_unbatched_strided", "unfold", lambda: [normal(2, 5, 4)], kernel=[2, 2], stride=[1, 2],
           transpose_inputs=[0])
    c.case("f32_unfold", "unfold", lambda: [normal(1, 2, 5, 5, dtype=F32)], kernel=[3, 3], padding=[1, 1])
    c.case("fold", "fold", lambda: [normal(2, 12, 12)], size=[4, 5], kernel=[2, 2])
    c.case("fold_stride_padding_dilation", "fold", lambda: [normal(2, 12, 8)], size=[6, 5], kernel=[3, 2],
           dilation=[2, 1], padding=[1, 0], stride=[1, 2])
    c.case("fold_unbatched", "fold", lambda: [normal(18, 9)], size=[5, 5], kernel=[3, 3], padding=[1, 1],
           stride=[2, 2])
    c.case("f32_fold", "fold", lambda: [normal(1, 8, 6, dtype=F32)], size=[3, 4], kernel=[2, 2])


def main():
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else (
        Path(__file__).resolve().parent.parent / "tests" / "data" / "reference_ops.txt")
    torch.set_default_dtype(torch.float32)
    writer = Writer()
    for group in (arithmetic_cases, elementwise_cases, reduction_cases, linalg_cases, join_and_view_cases,
                  float32_cases, promotion_cases, edge_cases, second_order_cases, scatter_cases,
                  everyday_elementwise_cases, everyday_reduction_cases, conv_and_pool_cases,
                  shape_and_ordering_cases, advanced_indexing_cases, einsum_and_lu_cases,
                  loss_building_block_cases, conversion_cases,
                  upsample_and_pool_cases, max_pool_ties_cases,
                  resample_cases):
        group(writer)
    unused = sorted(set(OPS) - writer.ops_used)
    assert not unused, f"ops without a case: {unused}"
    header = [
        "# xgrad reference data: PyTorch's results for xgrad's ops.",
        f"# Generated by tools/gen_reference.py with torch {torch.__version__}; do not edit by hand.",
        "# Format: see the docstring of tools/gen_reference.py.",
        f"# {len(writer.names)} cases",
        "",
    ]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("\n".join(header + writer.lines))
    print(f"wrote {len(writer.names)} cases to {out_path}")


if __name__ == "__main__":
    main()
