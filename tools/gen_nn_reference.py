#!/usr/bin/python3
"""Writes tests/data/nn_reference.txt: xgrad's nn layers, losses, init and utils
evaluated by PyTorch.

Run with Debian's interpreter, which has python3-torch 1.13:
    /usr/bin/python3 tools/gen_nn_reference.py [output path]
tests/test_nn_reference.cpp reads the file; CI never needs torch.

File format (line based, '#' starts a comment line):
    case <name>
    op <key>                           the entry of the C++ table in tests/test_nn_reference.cpp
    arg <key> <token>                  options of the layer, loss or function (ints, floats, names)
    seed <n>                           manual_seed(n) right before the forward (dropout, init)
    <role> <name> <dtype> <ndim> <dim>... <value>...
    end
Roles: param (values loaded into the module's parameter of that name), input
(differentiated), const (targets and option tensors, not differentiated), out
(the result), outweight (a weight w of the result's shape), grad <name> (the
gradient of sum(out * w) with respect to the input or parameter of that name).
Values are row-major; floats are written with repr(), which round-trips exactly.
Second-order cases (padding) add, for each input, gradweight <name> (a weight v of the
input's shape) and gradgrad <name> (the gradient of sum(grad <name> * v) with respect to
the outweight: the backward of the backward, taken through a first gradient made with
create_graph=True).
Normalisation layers add: const warmup<k> (inputs run through the module, in order and in
training mode, before the case's forward; arg train 0 then puts it in eval mode) and
buffer <name> (the module's buffer of that name after the case: running statistics).

Inputs are kept away from the points where a function is not differentiable
(relu, leaky_relu and elu at 0; |x - y| at 0 and at beta/delta in the robust
regression losses).
"""

import math
import sys
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

F32 = torch.float32
F64 = torch.float64
DTYPE_NAMES = {F64: "float64", F32: "float32", torch.int64: "int64", torch.bool: "bool"}

generator = torch.Generator().manual_seed(20240611)


def randn(*shape, dtype=F64, scale=1.0):
    return (torch.randn(tuple(shape), generator=generator, dtype=F64) * scale).to(dtype)


def away_from(x, points, gap=0.05):
    """Nudges elements of x that lie within gap of any of the points."""
    x = x.clone()
    for p in points:
        near = (x - p).abs() < gap
        x[near] = p + torch.where(x[near] >= p, torch.tensor(gap * 2, dtype=x.dtype), torch.tensor(-gap * 2, dtype=x.dtype))
    return x


def tensor_line(role, name, t):
    t = t.detach()
    dtype = DTYPE_NAMES[t.dtype]
    dims = list(t.shape)
    if t.dtype in (F32, F64):
        values = [repr(float(v)) for v in t.reshape(-1).tolist()]
    else:
        values = [str(int(v)) for v in t.reshape(-1).tolist()]
    head = f"{role} {name}" if name else role
    return " ".join([head, dtype, str(len(dims))] + [str(d) for d in dims] + values)


class Writer:
    def __init__(self):
        self.lines = []
        self.count = 0

    def case(self, name, op, args=None, seed=None, params=None, inputs=None, consts=None, fn=None, module=None,
             grads=True, warmups=(), buffers=False, second_order=False):
        """Runs fn(*inputs, *consts) (after manual_seed(seed) when given) and records the case.

        params: dict name -> tensor, loaded into `module` (whose parameters they are) before the call.
        """
        inputs = inputs or {}
        consts = consts or {}
        lines = [f"case {name}", f"op {op}"]
        for key, value in (args or {}).items():
            lines.append(f"arg {key} {value}")
        if seed is not None:
            lines.append(f"seed {seed}")
        if module is not None:
            with torch.no_grad():
                named = dict(module.named_parameters())
                for pname, value in (params or {}).items():
                    named[pname].copy_(value)
            for pname, p in module.named_parameters():
                lines.append(tensor_line("param", pname, p))
        leaves = {k: v.detach().clone().requires_grad_(v.is_floating_point() and grads) for k, v in inputs.items()}
        for k, v in leaves.items():
            lines.append(tensor_line("input", k, v))
        for k, v in consts.items():
            lines.append(tensor_line("const", k, v))
        for k, v in enumerate(warmups):
            lines.append(tensor_line("const", f"warmup{k}", v))
            module.train()
            module(v)
        if warmups and not int((args or {}).get("train", 1)):
            module.eval()
        if seed is not None:
            torch.manual_seed(seed)
        out = fn(*leaves.values(), *consts.values())
        lines.append(tensor_line("out", None, out))
        differentiable = [(k, v) for k, v in leaves.items() if v.requires_grad]
        if module is not None and grads:
            differentiable += list(module.named_parameters())
        if grads and differentiable and out.requires_grad:
            w = randn(*out.shape, dtype=out.dtype).requires_grad_(second_order)
            lines.append(tensor_line("outweight", None, w))
            gs = torch.autograd.grad((out * w).sum(), [v for _, v in differentiable], allow_unused=True,
                                     create_graph=second_order)
            for (k, _), g in zip(differentiable, gs):
                if g is not None:
                    lines.append(tensor_line("grad", k, g))
            if second_order:
                for (k, x), g in zip(differentiable, gs):
                    v = randn(*x.shape, dtype=x.dtype)
                    gg, = torch.autograd.grad((g * v).sum(), [w])
                    lines += [tensor_line("gradweight", k, v), tensor_line("gradgrad", k, gg)]
        if buffers:
            for bname, b in module.named_buffers():
                if bname != "num_batches_tracked":  # long in PyTorch, converted by LibTorch's to(dtype)
                    lines.append(tensor_line("buffer", bname, b))
        lines.append("end")
        self.lines.extend(lines)
        self.count += 1


def layer_cases(w):
    # Linear: float64 and float32, 2-D and 3-D inputs, with and without bias.
    for dtype in (F64, F32):
        m = nn.Linear(4, 3).to(dtype)
        w.case(f"linear_{DTYPE_NAMES[dtype]}", "Linear", {"in_features": 4, "out_features": 3, "bias": 1},
               module=m, params={"weight": randn(3, 4, dtype=dtype), "bias": randn(3, dtype=dtype)},
               inputs={"x": randn(5, 4, dtype=dtype)}, fn=m)
    m = nn.Linear(4, 2, bias=False).double()
    w.case("linear_no_bias_3d", "Linear", {"in_features": 4, "out_features": 2, "bias": 0}, module=m,
           params={"weight": randn(2, 4)}, inputs={"x": randn(2, 3, 4)}, fn=m)
    w.case("identity", "Identity", inputs={"x": randn(2, 3)}, fn=nn.Identity())
    w.case("flatten", "Flatten", inputs={"x": randn(2, 3, 2, 2)}, fn=nn.Flatten())
    w.case("flatten_0_1", "Flatten", {"start_dim": 0, "end_dim": 1}, inputs={"x": randn(2, 3, 2)},
           fn=nn.Flatten(0, 1))

    kinked = away_from(randn(4, 5, scale=2.0), [0.0])
    for dtype in (F64, F32):
        suffix = DTYPE_NAMES[dtype]
        x = kinked.to(dtype)
        w.case(f"relu_{suffix}", "ReLU", inputs={"x": x}, fn=nn.ReLU())
        w.case(f"leaky_relu_{suffix}", "LeakyReLU", inputs={"x": x}, fn=nn.LeakyReLU())
        w.case(f"elu_{suffix}", "ELU", inputs={"x": x}, fn=nn.ELU())
        w.case(f"gelu_{suffix}", "GELU", inputs={"x": x}, fn=nn.GELU())
        w.case(f"sigmoid_{suffix}", "Sigmoid", inputs={"x": x}, fn=nn.Sigmoid())
        w.case(f"tanh_{suffix}", "Tanh", inputs={"x": x}, fn=nn.Tanh())
        w.case(f"softmax_{suffix}", "Softmax", {"dim": 1}, inputs={"x": x}, fn=nn.Softmax(1))
        w.case(f"log_softmax_{suffix}", "LogSoftmax", {"dim": 1}, inputs={"x": x}, fn=nn.LogSoftmax(1))
    w.case("leaky_relu_slope", "LeakyReLU", {"negative_slope": 0.2}, inputs={"x": kinked},
           fn=nn.LeakyReLU(0.2))
    w.case("elu_alpha", "ELU", {"alpha": 0.5}, inputs={"x": kinked}, fn=nn.ELU(0.5))
    w.case("elu_large", "ELU", inputs={"x": torch.tensor([-800.0, -30.0, -1e-3, 1e-3, 30.0, 800.0], dtype=F64)},
           fn=nn.ELU())
    w.case("gelu_tanh", "GELU", {"approximate": "tanh"}, inputs={"x": kinked}, fn=nn.GELU("tanh"))
    w.case("gelu_tails", "GELU", inputs={"x": torch.tensor([-12.0, -6.0, -3.0, -0.5, 0.0, 0.5, 3.0, 6.0, 12.0])
                                                 .to(F64)}, fn=nn.GELU())
    w.case("softmax_dim0", "Softmax", {"dim": 0}, inputs={"x": randn(3, 4)}, fn=nn.Softmax(0))
    w.case("log_softmax_3d", "LogSoftmax", {"dim": -1}, inputs={"x": randn(2, 3, 4, scale=5.0)},
           fn=nn.LogSoftmax(-1))
    w.case("softmax_large", "Softmax", {"dim": 1}, inputs={"x": torch.tensor([[1000.0, 1001.0, 999.0],
                                                                               [-1000.0, -1002.0, -1001.0]], dtype=F64)},
           fn=nn.Softmax(1))

    # Dropout: the masks come from the global generator (the same numbers as torch after manual_seed).
    d = nn.Dropout(0.5)
    d.eval()
    w.case("dropout_eval", "Dropout", {"p": 0.5, "train": 0}, inputs={"x": randn(3, 4)}, fn=d)
    for dtype, p, seed in ((F32, 0.3, 0), (F64, 0.5, 3), (F32, 0.9, 11)):
        d = nn.Dropout(p)
        w.case(f"dropout_{DTYPE_NAMES[dtype]}_p{p}", "Dropout", {"p": p, "train": 1}, seed=seed,
               inputs={"x": randn(6, 25, dtype=dtype)}, fn=d)
    w.case("dropout_p1", "Dropout", {"p": 1.0, "train": 1}, inputs={"x": randn(2, 3)}, fn=nn.Dropout(1.0))

    m = nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 2)).double()
    w.case("sequential", "Sequential", module=m,
           params={"0.weight": randn(6, 4), "0.bias": randn(6), "2.weight": randn(2, 6), "2.bias": randn(2)},
           inputs={"x": randn(3, 4)}, fn=m)


def loss_cases(w):
    reductions = ("none", "mean", "sum")
    x = randn(4, 3)
    y = randn(4, 3)
    robust_x = x
    robust_y = y
    for r in reductions:
        w.case(f"mse_{r}", "MSELoss", {"reduction": r}, inputs={"x": x, "y": y}, fn=nn.MSELoss(reduction=r))
        w.case(f"l1_{r}", "L1Loss", {"reduction": r}, inputs={"x": away_from(x - y, [0.0]) + y, "y": y},
               fn=nn.L1Loss(reduction=r))
    w.case("mse_float32", "MSELoss", {"reduction": "mean"}, inputs={"x": x.float(), "y": y.float()}, fn=nn.MSELoss())
    for beta in (1.0, 0.5, 0.0):
        d = away_from(randn(5, 3, scale=1.5), [0.0, beta, -beta])
        for r in reductions:
            w.case(f"smooth_l1_beta{beta}_{r}", "SmoothL1Loss", {"reduction": r, "beta": beta},
                   inputs={"x": d + robust_y[:1], "y": robust_y[:1].expand(5, 3).clone()},
                   fn=nn.SmoothL1Loss(reduction=r, beta=beta))
    for delta in (1.0, 2.0):
        d = away_from(randn(5, 3, scale=2.0), [0.0, delta, -delta])
        for r in reductions:
            w.case(f"huber_delta{delta}_{r}", "HuberLoss", {"reduction": r, "delta": delta},
                   inputs={"x": d + robust_x[:1], "y": robust_x[:1].expand(5, 3).clone()},
                   fn=nn.HuberLoss(reduction=r, delta=delta))

    # Binary cross entropy on probabilities, with hard and soft targets.
    p = torch.sigmoid(randn(4, 3, scale=2.0))
    t = torch.tensor([[0.0, 1.0, 1.0], [1.0, 0.0, 0.3], [0.0, 0.0, 1.0], [0.7, 1.0, 0.0]], dtype=F64)
    bce_weight = torch.tensor([0.5, 1.0, 2.0], dtype=F64)
    for r in reductions:
        w.case(f"bce_{r}", "BCELoss", {"reduction": r}, inputs={"x": p, "y": t}, fn=nn.BCELoss(reduction=r))
        w.case(f"bce_weight_{r}", "BCELoss", {"reduction": r}, inputs={"x": p, "y": t}, consts={"weight": bce_weight},
               fn=lambda x, y, wt, r=r: F.binary_cross_entropy(x, y, weight=wt, reduction=r))
    w.case("bce_float32", "BCELoss", {"reduction": "mean"}, inputs={"x": p.float(), "y": t.float()}, fn=nn.BCELoss())
    w.case("bce_saturated", "BCELoss", {"reduction": "none"},
           inputs={"x": torch.tensor([0.0, 1.0, 1e-50, 1.0 - 1e-16], dtype=F64),
                   "y": torch.tensor([0.0, 1.0, 1.0, 0.0], dtype=F64)},
           fn=nn.BCELoss(reduction="none"), grads=False)

    logits = randn(4, 3, scale=3.0)
    logits[0, 0] = 40.0
    logits[1, 1] = -40.0
    pos_weight = torch.tensor([3.0, 0.5, 1.5], dtype=F64)
    for r in reductions:
        w.case(f"bce_logits_{r}", "BCEWithLogitsLoss", {"reduction": r}, inputs={"x": logits, "y": t},
               fn=nn.BCEWithLogitsLoss(reduction=r))
        w.case(f"bce_logits_weights_{r}", "BCEWithLogitsLoss", {"reduction": r}, inputs={"x": logits, "y": t},
               consts={"weight": bce_weight, "pos_weight": pos_weight},
               fn=lambda x, y, wt, pw, r=r: F.binary_cross_entropy_with_logits(x, y, weight=wt, pos_weight=pw,
                                                                                reduction=r))
    w.case("bce_logits_pos_weight", "BCEWithLogitsLoss", {"reduction": "mean"}, inputs={"x": logits, "y": t},
           consts={"pos_weight": pos_weight}, fn=lambda x, y, pw: F.binary_cross_entropy_with_logits(x, y, pos_weight=pw))
    w.case("bce_logits_float32", "BCEWithLogitsLoss", {"reduction": "mean"}, inputs={"x": logits.float(), "y": t.float()},
           fn=nn.BCEWithLogitsLoss())

    # Class-index losses.
    scores = randn(5, 4, scale=2.0)
    logp = torch.log_softmax(scores, 1)
    target = torch.tensor([0, 3, 1, 1, 2])
    target_ignored = torch.tensor([0, 3, -100, 1, 2])
    class_weight = torch.tensor([1.0, 2.0, 0.5, 1.5], dtype=F64)
    for r in reductions:
        w.case(f"nll_{r}", "NLLLoss", {"reduction": r}, inputs={"x": logp}, consts={"target": target},
               fn=nn.NLLLoss(reduction=r))
        w.case(f"nll_weight_ignore_{r}", "NLLLoss", {"reduction": r, "ignore_index": 1}, inputs={"x": logp},
               consts={"target": target, "weight": class_weight},
               fn=lambda x, tg, wt, r=r: F.nll_loss(x, tg, weight=wt, ignore_index=1, reduction=r))
        w.case(f"cross_entropy_{r}", "CrossEntropyLoss", {"reduction": r}, inputs={"x": scores},
               consts={"target": target}, fn=nn.CrossEntropyLoss(reduction=r))
        w.case(f"cross_entropy_weight_{r}", "CrossEntropyLoss", {"reduction": r}, inputs={"x": scores},
               consts={"target": target_ignored, "weight": class_weight},
               fn=lambda x, tg, wt, r=r: F.cross_entropy(x, tg, weight=wt, reduction=r))
        w.case(f"cross_entropy_smoothing_{r}", "CrossEntropyLoss", {"reduction": r, "label_smoothing": 0.1},
               inputs={"x": scores}, consts={"target": target_ignored},
               fn=lambda x, tg, r=r: F.cross_entropy(x, tg, label_smoothing=0.1, reduction=r))
        w.case(f"cross_entropy_smoothing_weight_{r}", "CrossEntropyLoss",
               {"reduction": r, "label_smoothing": 0.2, "ignore_index": 2}, inputs={"x": scores},
               consts={"target": target, "weight": class_weight},
               fn=lambda x, tg, wt, r=r: F.cross_entropy(x, tg, weight=wt, ignore_index=2, label_smoothing=0.2,
                                                         reduction=r))
        probs = torch.softmax(randn(5, 4), 1)
        w.case(f"cross_entropy_probabilities_{r}", "CrossEntropyLoss", {"reduction": r}, inputs={"x": scores},
               consts={"target": probs}, fn=lambda x, tg, r=r: F.cross_entropy(x, tg, reduction=r))
        w.case(f"cross_entropy_probabilities_smoothing_weight_{r}", "CrossEntropyLoss",
               {"reduction": r, "label_smoothing": 0.3}, inputs={"x": scores}, consts={"target": probs,
                                                                                       "weight": class_weight},
               fn=lambda x, tg, wt, r=r: F.cross_entropy(x, tg, weight=wt, label_smoothing=0.3, reduction=r))
    w.case("nll_ignore_default", "NLLLoss", {"reduction": "mean"}, inputs={"x": logp},
           consts={"target": target_ignored}, fn=nn.NLLLoss())
    w.case("nll_3d_none", "NLLLoss", {"reduction": "none"}, inputs={"x": torch.log_softmax(randn(3, 4, 2), 1)},
           consts={"target": torch.tensor([[0, 3], [2, 2], [1, 0]])}, fn=nn.NLLLoss(reduction="none"))
    w.case("nll_3d_mean_weight", "NLLLoss", {"reduction": "mean"}, inputs={"x": torch.log_softmax(randn(3, 4, 2), 1)},
           consts={"target": torch.tensor([[0, 3], [2, 2], [1, 0]]), "weight": class_weight},
           fn=lambda x, tg, wt: F.nll_loss(x, tg, weight=wt))
    w.case("cross_entropy_3d", "CrossEntropyLoss", {"reduction": "mean"}, inputs={"x": randn(2, 4, 3)},
           consts={"target": torch.tensor([[0, 1, 3], [2, 2, 1]])}, fn=nn.CrossEntropyLoss())
    w.case("cross_entropy_1d", "CrossEntropyLoss", {"reduction": "mean"}, inputs={"x": randn(4)},
           consts={"target": torch.tensor(2)}, fn=nn.CrossEntropyLoss())
    w.case("cross_entropy_float32", "CrossEntropyLoss", {"reduction": "mean"}, inputs={"x": scores.float()},
           consts={"target": target}, fn=nn.CrossEntropyLoss())
    w.case("cross_entropy_large_logits", "CrossEntropyLoss", {"reduction": "sum"},
           inputs={"x": torch.tensor([[1000.0, -1000.0, 0.0], [-500.0, 500.0, 499.0]], dtype=F64)},
           consts={"target": torch.tensor([1, 2])}, fn=nn.CrossEntropyLoss(reduction="sum"))


def init_cases(w):
    def init_case(name, fn_name, shape, dtype=F32, seed=0, args=None, call=None):
        def run():
            t = torch.empty(*shape, dtype=dtype)
            return call(t)
        w.case(name, "init", dict({"fn": fn_name, "shape": ",".join(map(str, shape)), "dtype": DTYPE_NAMES[dtype]},
                                  **(args or {})), seed=seed, fn=run, grads=False)

    init_case("init_uniform", "uniform_", (3, 5), args={"a": -2.0, "b": 3.0},
              call=lambda t: nn.init.uniform_(t, -2.0, 3.0))
    init_case("init_normal_small", "normal_", (3, 4), args={"a": 1.0, "b": 0.5}, seed=1,
              call=lambda t: nn.init.normal_(t, 1.0, 0.5))
    init_case("init_normal_vectorised", "normal_", (8, 9), args={"a": -1.0, "b": 2.0}, seed=2,
              call=lambda t: nn.init.normal_(t, -1.0, 2.0))
    init_case("init_normal_float64", "normal_", (5, 7), dtype=F64, args={"a": 0.0, "b": 1.0}, seed=3,
              call=lambda t: nn.init.normal_(t))
    init_case("init_constant", "constant_", (2, 3), args={"a": 0.25}, call=lambda t: nn.init.constant_(t, 0.25))
    init_case("init_zeros", "zeros_", (2, 2), call=nn.init.zeros_)
    init_case("init_ones", "ones_", (2, 2), call=nn.init.ones_)
    init_case("init_eye", "eye_", (3, 4), call=nn.init.eye_)
    init_case("init_xavier_uniform", "xavier_uniform_", (6, 4), seed=4, call=nn.init.xavier_uniform_)
    init_case("init_xavier_uniform_gain", "xavier_uniform_", (6, 4), seed=4, args={"a": 2.5},
              call=lambda t: nn.init.xavier_uniform_(t, gain=2.5))
    init_case("init_xavier_normal", "xavier_normal_", (10, 8), seed=5, call=nn.init.xavier_normal_)
    init_case("init_kaiming_uniform", "kaiming_uniform_", (5, 3), seed=6, call=nn.init.kaiming_uniform_)
    init_case("init_kaiming_uniform_fan_out_relu", "kaiming_uniform_", (5, 3, 2), seed=7,
              args={"a": 0.1, "mode": "fan_out", "nonlinearity": "relu"},
              call=lambda t: nn.init.kaiming_uniform_(t, a=0.1, mode="fan_out", nonlinearity="relu"))
    init_case("init_kaiming_normal", "kaiming_normal_", (7, 3), seed=8, call=nn.init.kaiming_normal_)
    init_case("init_kaiming_normal_tanh", "kaiming_normal_", (4, 6), seed=9, dtype=F64,
              args={"a": 0.0, "mode": "fan_in", "nonlinearity": "tanh"},
              call=lambda t: nn.init.kaiming_normal_(t, mode="fan_in", nonlinearity="tanh"))

    for nonlinearity, param in (("linear", None), ("sigmoid", None), ("tanh", None), ("relu", None),
                                ("leaky_relu", None), ("leaky_relu", 0.2), ("conv2d", None)):
        args = {"nonlinearity": nonlinearity}
        if param is not None:
            args["a"] = param
        gain = nn.init.calculate_gain(nonlinearity, param)
        w.case(f"gain_{nonlinearity}_{param}", "calculate_gain", args, fn=lambda g=gain: torch.tensor(g, dtype=F64),
               grads=False)

    # Linear's default initialisation: manual_seed(0); Linear(784, 256), and a small one in full.
    def linear_stats():
        m = nn.Linear(784, 256)
        return torch.cat([m.weight.sum().reshape(1), m.bias.sum().reshape(1), m.weight.abs().max().reshape(1),
                          m.weight[0, :8], m.weight[255, -8:], m.bias[:8]])
    w.case("linear_init_784_256", "linear_init_stats", {"in_features": 784, "out_features": 256}, seed=0,
           fn=linear_stats, grads=False)

    def linear_full():
        m = nn.Linear(5, 3)
        return torch.cat([m.weight.reshape(-1), m.bias])
    w.case("linear_init_5_3", "linear_init_full", {"in_features": 5, "out_features": 3}, seed=42, fn=linear_full,
           grads=False)


def utils_cases(w):
    grads = [randn(3, 4), randn(5), randn(2, 2, scale=3.0)]
    for norm_type in (2.0, 1.0, math.inf, 3.0):
        for max_norm in (1.0, 100.0):
            def run(g0, g1, g2, norm_type=norm_type, max_norm=max_norm):
                params = [torch.zeros_like(g) for g in (g0, g1, g2)]
                for p, g in zip(params, (g0, g1, g2)):
                    p.grad = g.clone()
                total = nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
                return torch.cat([total.reshape(1).to(F64)] + [p.grad.reshape(-1) for p in params])
            w.case(f"clip_grad_norm_{norm_type}_{max_norm}", "clip_grad_norm",
                   {"max_norm": max_norm, "norm_type": norm_type}, consts={"g0": grads[0], "g1": grads[1], "g2": grads[2]},
                   fn=run, grads=False)

    def run_value(g0, g1, g2):
        params = [torch.zeros_like(g) for g in (g0, g1, g2)]
        for p, g in zip(params, (g0, g1, g2)):
            p.grad = g.clone()
        nn.utils.clip_grad_value_(params, 0.7)
        return torch.cat([p.grad.reshape(-1) for p in params])
    w.case("clip_grad_value", "clip_grad_value", {"clip_value": 0.7},
           consts={"g0": grads[0], "g1": grads[1], "g2": grads[2]}, fn=run_value, grads=False)


# ---- activations: SiLU, Mish, Softsign, Softplus, Hardtanh, ReLU6, SELU, PReLU (and Unflatten) ----
def activation_cases(w):
    # Inputs kept away from the kinks: hardtanh's bounds, relu6's 0 and 6, selu's and prelu's 0.
    x64 = away_from(randn(4, 5, scale=3.0), [-1.0, 0.0, 1.0, 6.0])
    tails = torch.tensor([-800.0, -40.0, -19.0, -0.5, 0.3, 9.0, 19.0, 21.0, 40.0, 800.0], dtype=F64)
    for dtype in (F64, F32):
        suffix = DTYPE_NAMES[dtype]
        x = x64.to(dtype)
        w.case(f"silu_{suffix}", "SiLU", inputs={"x": x}, fn=nn.SiLU())
        w.case(f"mish_{suffix}", "Mish", inputs={"x": x}, fn=nn.Mish())
        w.case(f"softsign_{suffix}", "Softsign", inputs={"x": x}, fn=nn.Softsign())
        w.case(f"softplus_{suffix}", "Softplus", inputs={"x": x}, fn=nn.Softplus())
        w.case(f"hardtanh_{suffix}", "Hardtanh", inputs={"x": x}, fn=nn.Hardtanh())
        w.case(f"relu6_{suffix}", "ReLU6", inputs={"x": x * 3}, fn=nn.ReLU6())
        w.case(f"selu_{suffix}", "SELU", inputs={"x": x}, fn=nn.SELU())
        m = nn.PReLU().to(dtype)
        w.case(f"prelu_{suffix}", "PReLU", {"num_parameters": 1}, module=m, params={"weight": randn(1, dtype=dtype)},
               inputs={"x": x}, fn=m)
    w.case("softplus_beta_threshold", "Softplus", {"beta": 2, "threshold": 10},
           inputs={"x": away_from(tails / 4, [5.0])}, fn=nn.Softplus(2, 10))
    w.case("softplus_tails", "Softplus", inputs={"x": tails}, fn=nn.Softplus())
    w.case("softplus_tails_float32", "Softplus", inputs={"x": tails.to(F32)}, fn=nn.Softplus())
    w.case("mish_tails", "Mish", inputs={"x": tails}, fn=nn.Mish())
    w.case("silu_tails", "SiLU", inputs={"x": tails}, fn=nn.SiLU())
    w.case("selu_tails", "SELU", inputs={"x": tails}, fn=nn.SELU())
    w.case("hardtanh_bounds", "Hardtanh", {"min_val": -2.5, "max_val": 0.5},
           inputs={"x": away_from(x64, [-2.5, 0.5])}, fn=nn.Hardtanh(-2.5, 0.5))
    m = nn.PReLU(3, init=0.1).double()
    w.case("prelu_channels_3d", "PReLU", {"num_parameters": 3}, module=m, params={"weight": randn(3)},
           inputs={"x": away_from(randn(2, 3, 4), [0.0])}, fn=m)
    m = nn.PReLU(4).double()
    w.case("prelu_channels_2d", "PReLU", {"num_parameters": 4}, module=m, params={"weight": randn(4)},
           inputs={"x": away_from(randn(5, 4), [0.0])}, fn=m)
    w.case("unflatten", "Unflatten", {"dim": 1, "sizes": "2,-1"}, inputs={"x": randn(3, 6, 2)},
           fn=nn.Unflatten(1, (2, -1)))
    m = nn.PReLU().double()
    w.case("prelu_init", "PReLU", {"num_parameters": 1}, module=m, inputs={"x": x64}, fn=m)


# ---- Distribution and margin losses: KLDiv, PoissonNLL, GaussianNLL, MarginRanking, CosineEmbedding,
# TripletMargin, MultiLabelSoftMargin ----
def distribution_and_margin_loss_cases(w):
    reductions = ("none", "mean", "sum")
    logp = torch.log_softmax(randn(4, 3), 1)
    probs = torch.softmax(randn(4, 3), 1)
    probs_with_zero = probs.clone()
    probs_with_zero[1, 2] = 0.0  # 0 log 0 = 0
    for r in reductions + ("batchmean",):
        w.case(f"kl_div_{r}", "KLDivLoss", {"reduction": r}, inputs={"x": logp, "y": probs},
               fn=nn.KLDivLoss(reduction=r))
        w.case(f"kl_div_log_target_{r}", "KLDivLoss", {"reduction": r, "log_target": 1},
               inputs={"x": logp, "y": torch.log(probs)}, fn=nn.KLDivLoss(reduction=r, log_target=True))
    w.case("kl_div_zero_target", "KLDivLoss", {"reduction": "sum"}, inputs={"x": logp},
           consts={"target": probs_with_zero}, fn=nn.KLDivLoss(reduction="sum"))
    w.case("kl_div_float32", "KLDivLoss", {"reduction": "batchmean"}, inputs={"x": logp.float(), "y": probs.float()},
           fn=nn.KLDivLoss(reduction="batchmean"))

    log_rates = randn(4, 3)
    rates = torch.rand(4, 3, generator=generator, dtype=F64) * 3 + 0.2
    counts = torch.tensor([[0.0, 1.0, 2.0], [5.0, 3.0, 0.0], [1.0, 7.0, 4.0], [2.0, 0.0, 10.0]], dtype=F64)
    for r in reductions:
        for full in (0, 1):
            w.case(f"poisson_nll_full{full}_{r}", "PoissonNLLLoss", {"reduction": r, "full": full},
                   inputs={"x": log_rates}, consts={"target": counts},
                   fn=nn.PoissonNLLLoss(full=bool(full), reduction=r))
        w.case(f"poisson_nll_rates_{r}", "PoissonNLLLoss", {"reduction": r, "log_input": 0, "eps": 0.01},
               inputs={"x": rates, "y": counts + 0.5}, fn=nn.PoissonNLLLoss(log_input=False, eps=0.01, reduction=r))
    w.case("poisson_nll_rates_full", "PoissonNLLLoss", {"reduction": "mean", "log_input": 0, "full": 1},
           inputs={"x": rates}, consts={"target": counts}, fn=nn.PoissonNLLLoss(log_input=False, full=True))
    w.case("poisson_nll_float32", "PoissonNLLLoss", {"reduction": "mean"}, inputs={"x": log_rates.float()},
           consts={"target": counts.float()}, fn=nn.PoissonNLLLoss())

    means = randn(4, 3)
    observed = randn(4, 3)
    variances = torch.rand(4, 3, generator=generator, dtype=F64) + 0.1
    tiny = variances.clone()
    tiny[0, 1] = 1e-9  # below eps: clamped, the gradient still reaches it
    for r in reductions:
        for full in (0, 1):
            w.case(f"gaussian_nll_full{full}_{r}", "GaussianNLLLoss", {"reduction": r, "full": full},
                   inputs={"x": means, "y": observed, "var": variances},
                   fn=nn.GaussianNLLLoss(full=bool(full), reduction=r))
    w.case("gaussian_nll_var_per_row", "GaussianNLLLoss", {"reduction": "none"},
           inputs={"x": means, "y": observed, "var": variances[:, 0]}, fn=nn.GaussianNLLLoss(reduction="none"))
    w.case("gaussian_nll_var_column", "GaussianNLLLoss", {"reduction": "sum"},
           inputs={"x": means, "y": observed, "var": variances[:, :1]}, fn=nn.GaussianNLLLoss(reduction="sum"))
    w.case("gaussian_nll_clamped", "GaussianNLLLoss", {"reduction": "none", "eps": 1e-4},
           inputs={"x": means, "y": observed, "var": tiny}, fn=nn.GaussianNLLLoss(eps=1e-4, reduction="none"))
    w.case("gaussian_nll_float32", "GaussianNLLLoss", {"reduction": "mean"},
           inputs={"x": means.float(), "y": observed.float(), "var": variances.float()}, fn=nn.GaussianNLLLoss())

    x1 = randn(6)
    x2 = randn(6)
    signs = torch.tensor([1.0, -1.0, -1.0, 1.0, 1.0, -1.0], dtype=F64)
    for r in reductions:
        for margin in (0.0, 0.3):
            w.case(f"margin_ranking_{margin}_{r}", "MarginRankingLoss", {"reduction": r, "margin": margin},
                   inputs={"x1": x1, "x2": x2}, consts={"target": signs},
                   fn=nn.MarginRankingLoss(margin=margin, reduction=r))
    w.case("margin_ranking_float32", "MarginRankingLoss", {"reduction": "mean", "margin": 0.1},
           inputs={"x1": x1.float(), "x2": x2.float()}, consts={"target": signs.float()},
           fn=nn.MarginRankingLoss(margin=0.1))

    e1 = randn(5, 4)
    e2 = randn(5, 4)
    e2[3] = e1[3] * 0.5 + 0.1  # a similar pair
    pairs = torch.tensor([1.0, -1.0, -1.0, -1.0, 1.0], dtype=F64)
    for r in reductions:
        for margin in (0.0, -0.2):
            w.case(f"cosine_embedding_{margin}_{r}", "CosineEmbeddingLoss", {"reduction": r, "margin": margin},
                   inputs={"x1": e1, "x2": e2}, consts={"target": pairs},
                   fn=nn.CosineEmbeddingLoss(margin=margin, reduction=r))
    w.case("cosine_embedding_1d", "CosineEmbeddingLoss", {"reduction": "mean"}, inputs={"x1": e1[0], "x2": e2[0]},
           consts={"target": torch.tensor(-1.0, dtype=F64)}, fn=nn.CosineEmbeddingLoss())
    w.case("cosine_embedding_float32", "CosineEmbeddingLoss", {"reduction": "mean"},
           inputs={"x1": e1.float(), "x2": e2.float()}, consts={"target": pairs.float()}, fn=nn.CosineEmbeddingLoss())

    anchor = randn(5, 4)
    positive = anchor + randn(5, 4, scale=0.7)
    negative = anchor + randn(5, 4, scale=1.2)
    for r in reductions:
        w.case(f"triplet_margin_{r}", "TripletMarginLoss", {"reduction": r},
               inputs={"anchor": anchor, "positive": positive, "negative": negative},
               fn=nn.TripletMarginLoss(reduction=r))
        w.case(f"triplet_margin_p1_swap_{r}", "TripletMarginLoss",
               {"reduction": r, "margin": 2.0, "p": 1.0, "eps": 1e-3, "swap": 1},
               inputs={"anchor": anchor, "positive": positive, "negative": negative},
               fn=nn.TripletMarginLoss(margin=2.0, p=1.0, eps=1e-3, swap=True, reduction=r))
    w.case("triplet_margin_p3_1d", "TripletMarginLoss", {"reduction": "mean", "p": 3.0, "margin": 3.0},
           inputs={"anchor": anchor[0], "positive": positive[0], "negative": negative[0]},
           fn=nn.TripletMarginLoss(p=3.0, margin=3.0))
    w.case("triplet_margin_float32", "TripletMarginLoss", {"reduction": "mean", "swap": 1},
           inputs={"anchor": anchor.float(), "positive": positive.float(), "negative": negative.float()},
           fn=nn.TripletMarginLoss(swap=True))

    logits = randn(4, 3, scale=2.0)
    labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 1.0], [0.0, 1.0, 0.0]], dtype=F64)
    class_weight = torch.tensor([0.5, 1.0, 2.0], dtype=F64)
    for r in reductions:
        w.case(f"multilabel_soft_margin_{r}", "MultiLabelSoftMarginLoss", {"reduction": r},
               inputs={"x": logits, "y": labels}, fn=nn.MultiLabelSoftMarginLoss(reduction=r))
        w.case(f"multilabel_soft_margin_weight_{r}", "MultiLabelSoftMarginLoss", {"reduction": r},
               inputs={"x": logits}, consts={"target": labels, "weight": class_weight},
               fn=lambda x, tg, wt, r=r: F.multilabel_soft_margin_loss(x, tg, weight=wt, reduction=r))
    w.case("multilabel_soft_margin_1d", "MultiLabelSoftMarginLoss", {"reduction": "mean"}, inputs={"x": logits[0]},
           consts={"target": labels[0]}, fn=nn.MultiLabelSoftMarginLoss())
    w.case("multilabel_soft_margin_float32", "MultiLabelSoftMarginLoss", {"reduction": "mean"},
           inputs={"x": logits.float()}, consts={"target": labels.float()}, fn=nn.MultiLabelSoftMarginLoss())


def norm_cases(w):
    """BatchNorm, InstanceNorm, LayerNorm and GroupNorm: outputs, gradients, and running
    statistics after several training steps (then eval outputs from them)."""

    def module_case(name, op, args, module, shape, dtype=F64, warmups=0, train=True, affine=True, scale=1.0):
        module = module.to(dtype)
        params = {}
        if affine:
            params = {pname: randn(*p.shape, dtype=dtype) * 0.5 + 1.0 if pname == "weight" else randn(*p.shape, dtype=dtype)
                      for pname, p in module.named_parameters()}
        steps = [randn(*shape, dtype=dtype, scale=scale) + 0.5 * k for k in range(warmups)]
        x = randn(*shape, dtype=dtype, scale=scale) - 0.3
        module.train(train)
        w.case(name, op, dict(args, train=int(train)), params=params, inputs={"x": x}, module=module, fn=module,
               warmups=steps, buffers=True)

    def bn_args(c, momentum=0.1, affine=True, track=True, eps=1e-5):
        return {"num_features": c, "momentum": "none" if momentum is None else momentum, "affine": int(affine),
                "track_running_stats": int(track), "eps": eps}

    def bn(cls, c, momentum=0.1, affine=True, track=True, eps=1e-5):
        return cls(c, eps=eps, momentum=momentum, affine=affine, track_running_stats=track)

    module_case("batchnorm1d_train_2d", "BatchNorm1d", bn_args(3), bn(nn.BatchNorm1d, 3), (6, 3), warmups=2)
    module_case("batchnorm1d_train_3d_momentum", "BatchNorm1d", bn_args(3, momentum=0.3), bn(nn.BatchNorm1d, 3, 0.3),
                (4, 3, 5), warmups=2, scale=2.0)
    module_case("batchnorm1d_cumulative_average", "BatchNorm1d", bn_args(3, momentum=None),
                bn(nn.BatchNorm1d, 3, None), (5, 3), warmups=3)
    module_case("batchnorm1d_eval", "BatchNorm1d", bn_args(3, eps=1e-3), bn(nn.BatchNorm1d, 3, eps=1e-3), (4, 3),
                warmups=3, train=False)
    module_case("batchnorm1d_no_affine_float32", "BatchNorm1d", bn_args(3, affine=False),
                bn(nn.BatchNorm1d, 3, affine=False), (4, 3, 5), dtype=F32, warmups=1, affine=False)
    module_case("batchnorm1d_no_running_stats_eval", "BatchNorm1d", bn_args(3, track=False),
                bn(nn.BatchNorm1d, 3, track=False), (5, 3), train=False)
    module_case("batchnorm2d_train", "BatchNorm2d", bn_args(4), bn(nn.BatchNorm2d, 4), (3, 4, 5, 2), warmups=2)
    module_case("batchnorm2d_eval_float32", "BatchNorm2d", bn_args(4, momentum=0.2), bn(nn.BatchNorm2d, 4, 0.2),
                (2, 4, 3, 3), dtype=F32, warmups=3, train=False)
    module_case("batchnorm2d_cumulative_eval", "BatchNorm2d", bn_args(2, momentum=None),
                bn(nn.BatchNorm2d, 2, None), (2, 2, 3, 3), warmups=4, train=False)

    def in_args(c, affine=False, track=False, momentum=0.1):
        return {"num_features": c, "momentum": momentum, "affine": int(affine), "track_running_stats": int(track)}

    def inorm(cls, c, affine=False, track=False, momentum=0.1):
        return cls(c, momentum=momentum, affine=affine, track_running_stats=track)

    module_case("instancenorm1d_default", "InstanceNorm1d", in_args(4), inorm(nn.InstanceNorm1d, 4), (3, 4, 6),
                affine=False)
    module_case("instancenorm1d_affine_tracking", "InstanceNorm1d", in_args(3, True, True, 0.2),
                inorm(nn.InstanceNorm1d, 3, True, True, 0.2), (2, 3, 5), warmups=2)
    module_case("instancenorm1d_eval", "InstanceNorm1d", in_args(3, True, True),
                inorm(nn.InstanceNorm1d, 3, True, True), (2, 3, 5), warmups=2, train=False)
    module_case("instancenorm1d_unbatched", "InstanceNorm1d", in_args(4, True), inorm(nn.InstanceNorm1d, 4, True),
                (4, 6))
    module_case("instancenorm2d_affine", "InstanceNorm2d", in_args(3, True), inorm(nn.InstanceNorm2d, 3, True),
                (2, 3, 4, 5))
    module_case("instancenorm2d_tracking_eval_float32", "InstanceNorm2d", in_args(2, False, True),
                inorm(nn.InstanceNorm2d, 2, False, True), (3, 2, 3, 3), dtype=F32, warmups=2, train=False,
                affine=False)

    module_case("layernorm_last_dim", "LayerNorm", {"normalized_shape": "5"}, nn.LayerNorm([5]), (4, 5))
    module_case("layernorm_two_dims", "LayerNorm", {"normalized_shape": "3,4"}, nn.LayerNorm([3, 4]), (2, 3, 4),
                scale=3.0)
    module_case("layernorm_no_affine_float32", "LayerNorm",
                {"normalized_shape": "6", "elementwise_affine": 0, "eps": 1e-3},
                nn.LayerNorm([6], eps=1e-3, elementwise_affine=False), (3, 6), dtype=F32, affine=False)

    module_case("groupnorm_3_groups", "GroupNorm", {"num_groups": 3, "num_channels": 6}, nn.GroupNorm(3, 6), (4, 6, 5))
    module_case("groupnorm_no_affine_4d", "GroupNorm", {"num_groups": 2, "num_channels": 4, "affine": 0},
                nn.GroupNorm(2, 4, affine=False), (2, 4, 3, 3), affine=False)
    module_case("groupnorm_2d_float32", "GroupNorm", {"num_groups": 6, "num_channels": 6, "eps": 1e-4},
                nn.GroupNorm(6, 6, eps=1e-4), (3, 6, 2), dtype=F32)
    module_case("groupnorm_one_group", "GroupNorm", {"num_groups": 1, "num_channels": 4}, nn.GroupNorm(1, 4),
                (2, 4, 5), scale=0.5)


# ---- padding: ConstantPad1d/2d, ZeroPad2d, ReflectionPad1d/2d, ReplicationPad1d/2d and F::pad ----
def padding_cases(w):
    """Every mode of F::pad through its module (circular has none: F::pad only), batched and
    unbatched inputs, negative padding (a crop) in every mode; reflect and replicate
    to second order (padding is linear: its double backward pads the weight again)."""

    def pad_case(name, op, padding, shape, mode, value=None, dtype=F64, second_order=False):
        """op: the module, or "pad" for F::pad alone; mode and value as F.pad takes them."""
        args = {"padding": ",".join(str(p) for p in padding), "mode": mode}
        if value is not None:
            args["value"] = value
        w.case(name, op, args, inputs={"x": randn(*shape, dtype=dtype)},
               fn=lambda x: F.pad(x, padding, mode, 0.0 if value is None else value), second_order=second_order)

    pad_case("constantpad1d_value", "ConstantPad1d", (1, 2), (2, 3, 4), "constant", 3.5)
    pad_case("constantpad1d_unbatched_crop", "ConstantPad1d", (-1, 2), (3, 5), "constant", -0.75)
    pad_case("constantpad2d_value", "ConstantPad2d", (1, 0, 2, 1), (2, 2, 3, 3), "constant", -1.25)
    pad_case("constantpad2d_crop_float32", "ConstantPad2d", (-1, 2, 1, -2), (1, 2, 4, 4), "constant", 2.0, dtype=F32)
    pad_case("zeropad2d", "ZeroPad2d", (2, 1, 0, 1), (1, 2, 3, 4), "constant")
    pad_case("zeropad2d_unbatched_crop", "ZeroPad2d", (-1, 1, 0, -1), (2, 3, 4), "constant")
    pad_case("pad_constant_3_dims", "pad", (1, 0, 0, 2, 1, 1), (2, 2, 3, 2), "constant", 0.5)
    for name, op, padding, shape, mode in (
            ("reflectionpad1d", "ReflectionPad1d", (2, 1), (2, 3, 5), "reflect"),
            ("reflectionpad1d_unbatched", "ReflectionPad1d", (3, 0), (2, 4), "reflect"),
            ("reflectionpad2d", "ReflectionPad2d", (1, 1, 2, 0), (2, 2, 4, 5), "reflect"),
            ("reflectionpad2d_unbatched", "ReflectionPad2d", (2, 1, 1, 2), (2, 3, 4), "reflect"),
            ("replicationpad1d", "ReplicationPad1d", (3, 1), (2, 2, 4), "replicate"),
            ("replicationpad1d_unbatched", "ReplicationPad1d", (1, 4), (2, 3), "replicate"),
            ("replicationpad2d", "ReplicationPad2d", (2, 0, 1, 3), (1, 2, 3, 4), "replicate"),
            ("replicationpad2d_unbatched", "ReplicationPad2d", (1, 2, 2, 1), (2, 3, 3), "replicate")):
        pad_case(name, op, padding, shape, mode, second_order=True)
    pad_case("reflectionpad2d_float32", "ReflectionPad2d", (1, 2, 0, 1), (1, 3, 3, 4), "reflect", dtype=F32)
    pad_case("replicationpad2d_float32", "ReplicationPad2d", (0, 1, 3, 1), (2, 1, 2, 3), "replicate", dtype=F32)
    pad_case("pad_circular_1d", "pad", (2, 1), (2, 2, 5), "circular")
    pad_case("pad_circular_1d_crop", "pad", (-1, 3), (1, 3, 4), "circular")
    pad_case("pad_circular_2d", "pad", (1, 2, 2, 0), (1, 2, 3, 4), "circular")
    pad_case("pad_circular_2d_crop_float32", "pad", (0, 3, -1, 1), (2, 1, 3, 3), "circular", dtype=F32)
    pad_case("reflectionpad1d_crop", "ReflectionPad1d", (-1, 2), (1, 2, 5), "reflect")
    pad_case("replicationpad2d_crop", "ReplicationPad2d", (1, -2, -1, 2), (1, 2, 3, 4), "replicate")


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "tests/data/nn_reference.txt"
    w = Writer()
    layer_cases(w)
    loss_cases(w)
    init_cases(w)
    utils_cases(w)
    activation_cases(w)
    distribution_and_margin_loss_cases(w)  # last: it draws after the others, leaving their data as it was
    norm_cases(w)  # after the others too, for the same reason
    padding_cases(w)  # last again: the earlier cases keep their data
    header = [
        f"# PyTorch {torch.__version__} reference values for tests/test_nn_reference.cpp.",
        "# Written by tools/gen_nn_reference.py (see its docstring for the format); do not edit.",
    ]
    out.write_text("\n".join(header + w.lines) + "\n")
    print(f"{out}: {w.count} cases")


if __name__ == "__main__":
    main()
