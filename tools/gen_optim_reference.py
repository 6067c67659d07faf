#!/usr/bin/python3
"""Writes tests/data/optim_reference.txt: training trajectories from torch.optim.

A small fixed network (3 inputs, 4 tanh hidden units, 1 output), fixed
initial weights and a fixed data set of 8 points are trained full-batch with
mean squared error, once per case: an optimizer with some options, optionally
driven by a learning-rate schedule. The file records the parameters (and the
loss) after selected steps. tests/test_optim_reference.cpp replays every case
with xgrad and compares.

Run with Debian's interpreter, which has python3-torch (1.13):
    /usr/bin/python3 tools/gen_optim_reference.py [output path]
CI never needs torch.

One training step is
    zero_grad(); loss = mse(net(x), y); loss.backward(); optimizer.step(); scheduler.step()
and for LBFGS, optimizer.step(closure) with a closure doing the first three.
The parameter list, in this order, is w1 [4,3], b1 [4], w2 [1,4], b2 [1];
the network is out = tanh(x w1^T + b1) w2^T + b2 and the loss mean((out - y)^2).

Only well-conditioned checks are written. Each case is run a second time from
initial weights moved by one ulp (float64: nextafter; float32: one float32
ulp); a check is kept only while the two torch runs agree within
SENSITIVITY_LIMIT (1e-12 in float64, 2.5e-7 in float32), a hundredth and a
quarter of the tolerances of the C++ test. Past that point (a chaotic phase
of training, or LBFGS after it has converged) rounding differences of one ulp
decide the trajectory, and no two implementations can be expected to agree.
The script prints which checks it dropped.

Schedules follow LibTorch where LibTorch has the class: LibTorch's StepLR
leaves the rate alone on its first step() (its count starts at 0), so the
StepLR cases skip Python's first scheduler.step(). InverseTimeDecay is not in
torch; its cases set lr = lr0 / (1 + decay k) by hand after step k.

File format (line based, '#' starts a comment line, values round-trip):
    tensor <name> <ndim> <dim>... <value>...     initial weights and data (float64)
    case <name>
    dtype float64|float32
    optimizer <Name>                             SGD Momentum Nesterov Adagrad RMSprop Adam AdamW LBFGS
    option <key> <token>...                      an optimizer option (bools: true/false)
    scheduler <Name>                             optional
    scheduler_option <key> <token>...
    metric loss|negative_loss                    what ReduceLROnPlateau watches (optional)
    steps <n>
    check <step> <loss> <value>...               after step <step>: the loss computed in that step,
                                                 then w1, b1, w2, b2 flattened
    end
"""

import math
import sys
from pathlib import Path

import numpy as np
import torch

F64 = torch.float64
F32 = torch.float32

# ---- the problem ----------------------------------------------------------------------------

def initial_tensors():
    """Initial weights and the data set, float64, made once from a fixed seed."""
    g = torch.Generator().manual_seed(20240611)
    w1 = torch.randn(4, 3, generator=g, dtype=F64) * 0.7
    b1 = torch.randn(4, generator=g, dtype=F64) * 0.1
    w2 = torch.randn(1, 4, generator=g, dtype=F64) * 0.7
    b2 = torch.zeros(1, dtype=F64)
    x = torch.rand(8, 3, generator=g, dtype=F64) * 2 - 1
    y = (torch.sin(2 * x[:, 0]) + x[:, 1] * x[:, 2] - 0.5 * x[:, 2]).unsqueeze(1)
    return {"w1": w1, "b1": b1, "w2": w2, "b2": b2, "x": x, "y": y}


PARAM_NAMES = ["w1", "b1", "w2", "b2"]


def loss_of(params, x, y):
    w1, b1, w2, b2 = params
    hidden = torch.tanh(x.matmul(w1.t()) + b1)
    out = hidden.matmul(w2.t()) + b2
    return torch.square(out - y).mean()


# ---- the cases ----------------------------------------------------------------------------------

FIRST_ORDER_CHECKS = [1, 2, 3, 5, 10, 20, 50, 100, 200, 300]
LBFGS_CHECKS = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30]


def case(name, optimizer, options=None, dtype="float64", scheduler=None, scheduler_options=None,
         metric=None, steps=300, checks=FIRST_ORDER_CHECKS):
    return dict(name=name, optimizer=optimizer, options=options or {}, dtype=dtype, scheduler=scheduler,
                scheduler_options=scheduler_options or {}, metric=metric, steps=steps, checks=checks)


# A float32 value of min_lr: LibTorch's ReduceLROnPlateauScheduler takes min_lr as float.
MIN_LR_F32 = float(np.float32(0.02))

CASES = [
    case("sgd", "SGD", {"lr": 0.1}),
    case("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.01}),
    case("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}),
    case("sgd_momentum_dampening", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5}),
    case("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    case("sgd_nesterov_weight_decay", "SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.001}),
    case("momentum_preset", "Momentum", {"lr": 0.05}),
    case("nesterov_preset", "Nesterov", {"lr": 0.05}),
    case("adagrad", "Adagrad", {"lr": 0.1}),
    case("adagrad_lr_decay", "Adagrad", {"lr": 0.2, "lr_decay": 0.01}),
    case("adagrad_initial_accumulator_weight_decay", "Adagrad",
         {"lr": 0.1, "initial_accumulator_value": 0.1, "weight_decay": 0.01, "eps": 1e-6}),
    case("rmsprop", "RMSprop", {"lr": 0.001}),
    case("rmsprop_centered", "RMSprop", {"lr": 0.001, "centered": True}),
    case("rmsprop_momentum", "RMSprop", {"lr": 0.002, "momentum": 0.9}),
    case("rmsprop_centered_momentum_weight_decay", "RMSprop",
         {"lr": 0.001, "alpha": 0.9, "momentum": 0.5, "centered": True, "weight_decay": 0.01, "eps": 1e-2}),
    case("adam", "Adam", {"lr": 0.01}),
    case("adam_weight_decay", "Adam", {"lr": 0.01, "weight_decay": 0.01}),
    case("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}),
    case("adam_betas_eps", "Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6}),
    case("adamw", "AdamW", {"lr": 0.01}),
    case("adamw_amsgrad_weight_decay", "AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    case("lbfgs", "LBFGS", {"lr": 0.5}, steps=30, checks=LBFGS_CHECKS),
    case("lbfgs_strong_wolfe", "LBFGS", {"lr": 1.0, "line_search_fn": "strong_wolfe"}, steps=30, checks=LBFGS_CHECKS),
    # A first trial step 3x too long: the line search zooms into a bracket.
    case("lbfgs_strong_wolfe_zoom", "LBFGS", {"lr": 3.0, "max_iter": 5, "line_search_fn": "strong_wolfe"},
         steps=30, checks=LBFGS_CHECKS),
    # A first trial step far too short: the line search extrapolates.
    case("lbfgs_strong_wolfe_extrapolate", "LBFGS", {"lr": 0.05, "max_iter": 5, "line_search_fn": "strong_wolfe"},
         steps=30, checks=LBFGS_CHECKS),
    # A history of 3 pairs, so old pairs are dropped.
    case("lbfgs_strong_wolfe_short_history", "LBFGS",
         {"lr": 3.0, "max_iter": 4, "history_size": 3, "line_search_fn": "strong_wolfe"},
         steps=30, checks=LBFGS_CHECKS),
    # Schedules, each driving SGD with momentum.
    case("step_lr", "SGD", {"lr": 0.1, "momentum": 0.5}, scheduler="StepLR",
         scheduler_options={"step_size": 50, "gamma": 0.5}),
    case("exponential_lr", "SGD", {"lr": 0.1, "momentum": 0.5}, scheduler="ExponentialLR",
         scheduler_options={"gamma": 0.99}),
    case("lambda_lr", "SGD", {"lr": 0.1, "momentum": 0.5}, scheduler="LambdaLR",
         scheduler_options={"lambda": "inverse_sqrt"}),
    case("cosine_annealing_lr", "SGD", {"lr": 0.1, "momentum": 0.5}, scheduler="CosineAnnealingLR",
         scheduler_options={"T_max": 40, "eta_min": 0.01}),
    case("multi_step_lr", "SGD", {"lr": 0.1, "momentum": 0.5}, scheduler="MultiStepLR",
         scheduler_options={"milestones": [30, 80, 80, 150], "gamma": 0.5}),
    case("reduce_lr_on_plateau", "SGD", {"lr": 0.2, "momentum": 0.5}, scheduler="ReduceLROnPlateauScheduler",
         scheduler_options={"mode": "min", "factor": 0.5, "patience": 5, "threshold": 0.01,
                            "threshold_mode": "rel", "cooldown": 2, "min_lr": MIN_LR_F32},
         metric="loss"),
    case("reduce_lr_on_plateau_max_abs", "SGD", {"lr": 0.2, "momentum": 0.5}, scheduler="ReduceLROnPlateauScheduler",
         scheduler_options={"mode": "max", "factor": 0.3, "patience": 3, "threshold": 1e-4,
                            "threshold_mode": "abs", "cooldown": 0, "min_lr": 0.0},
         metric="negative_loss"),
    case("inverse_time_decay", "SGD", {"lr": 0.1, "momentum": 0.5}, scheduler="InverseTimeDecay",
         scheduler_options={"decay": 0.05}),
    # A few in float32.
    case("sgd_momentum_f32", "SGD", {"lr": 0.05, "momentum": 0.9}, dtype="float32"),
    case("adagrad_f32", "Adagrad", {"lr": 0.1}, dtype="float32"),
    case("rmsprop_centered_f32", "RMSprop", {"lr": 0.001, "centered": True}, dtype="float32"),
    case("adam_f32", "Adam", {"lr": 0.005}, dtype="float32"),
    case("adamw_amsgrad_f32", "AdamW", {"lr": 0.005, "amsgrad": True}, dtype="float32"),
    case("lbfgs_f32", "LBFGS", {"lr": 0.5, "max_iter": 2}, dtype="float32", steps=30, checks=LBFGS_CHECKS),
]

# The LambdaLR factors, by name; the C++ test has the same table.
LAMBDAS = {
    "inverse_sqrt": lambda epoch: 1.0 / math.sqrt(1.0 + epoch),
}


# ---- running a case -----------------------------------------------------------------------------

def make_optimizer(c, params):
    o = dict(c["options"])
    name = c["optimizer"]
    if name == "SGD":
        return torch.optim.SGD(params, **o)
    if name == "Momentum":  # xgrad's preset: SGD with momentum 0.9
        return torch.optim.SGD(params, lr=o["lr"], momentum=0.9)
    if name == "Nesterov":  # xgrad's preset: SGD with Nesterov momentum 0.9
        return torch.optim.SGD(params, lr=o["lr"], momentum=0.9, nesterov=True)
    if name == "Adagrad":
        return torch.optim.Adagrad(params, **o)
    if name == "RMSprop":
        return torch.optim.RMSprop(params, **o)
    if name == "Adam":
        return torch.optim.Adam(params, **o)
    if name == "AdamW":
        return torch.optim.AdamW(params, **o)
    if name == "LBFGS":
        return torch.optim.LBFGS(params, **o)
    raise ValueError(name)


class LibTorchStepLR:
    """torch's StepLR stepped as LibTorch's StepLR: the first step() changes nothing."""

    def __init__(self, optimizer, step_size, gamma):
        self.inner = torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=gamma)
        self.calls = 0

    def step(self):
        self.calls += 1
        if self.calls > 1:
            self.inner.step()


class InverseTimeDecay:
    """lr = lr0 / (1 + decay k) after the k-th step() (not a torch class)."""

    def __init__(self, optimizer, decay):
        self.optimizer = optimizer
        self.decay = decay
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.k = 0

    def step(self):
        self.k += 1
        for group, lr0 in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = lr0 / (1 + self.decay * self.k)


def make_scheduler(c, optimizer):
    s = c["scheduler_options"]
    name = c["scheduler"]
    sched = torch.optim.lr_scheduler
    if name is None:
        return None
    if name == "StepLR":
        return LibTorchStepLR(optimizer, s["step_size"], s["gamma"])
    if name == "ExponentialLR":
        return sched.ExponentialLR(optimizer, gamma=s["gamma"])
    if name == "LambdaLR":
        return sched.LambdaLR(optimizer, LAMBDAS[s["lambda"]])
    if name == "CosineAnnealingLR":
        return sched.CosineAnnealingLR(optimizer, T_max=s["T_max"], eta_min=s["eta_min"])
    if name == "MultiStepLR":
        return sched.MultiStepLR(optimizer, milestones=s["milestones"], gamma=s["gamma"])
    if name == "ReduceLROnPlateauScheduler":
        return sched.ReduceLROnPlateau(optimizer, mode=s["mode"], factor=s["factor"], patience=s["patience"],
                                       threshold=s["threshold"], threshold_mode=s["threshold_mode"],
                                       cooldown=s["cooldown"], min_lr=s["min_lr"])
    if name == "InverseTimeDecay":
        return InverseTimeDecay(optimizer, s["decay"])
    raise ValueError(name)


def run(c, init):
    dtype = {"float64": F64, "float32": F32}[c["dtype"]]
    params = [init[n].to(dtype).clone().requires_grad_(True) for n in PARAM_NAMES]
    x, y = init["x"].to(dtype), init["y"].to(dtype)
    optimizer = make_optimizer(c, params)
    scheduler = make_scheduler(c, optimizer)
    records = []
    for step in range(1, c["steps"] + 1):
        if c["optimizer"] == "LBFGS":
            def closure():
                optimizer.zero_grad()
                loss = loss_of(params, x, y)
                loss.backward()
                return loss
            loss = optimizer.step(closure)
        else:
            optimizer.zero_grad()
            loss = loss_of(params, x, y)
            loss.backward()
            optimizer.step()
        if scheduler is not None:
            if c["metric"] == "loss":
                scheduler.step(loss.item())
            elif c["metric"] == "negative_loss":
                scheduler.step(-loss.item())
            else:
                scheduler.step()
        if step in c["checks"]:
            values = [v for p in params for v in p.detach().to(F64).flatten().tolist()]
            records.append((step, loss.item(), values))
    return records


SENSITIVITY_LIMIT = {"float64": 1e-12, "float32": 2.5e-7}


def nudged(init, dtype):
    """The initial weights moved up by one ulp of `dtype` (the data unchanged)."""
    out = dict(init)
    for name in PARAM_NAMES:
        t = init[name].to(dtype)
        out[name] = torch.nextafter(t, torch.full_like(t, math.inf)).to(F64)
    return out


def well_conditioned(c, init, records):
    """The leading records whose parameters move by at most SENSITIVITY_LIMIT when the
    initial weights move by one ulp, and the first sensitivity that was too large."""
    dtype = {"float64": F64, "float32": F32}[c["dtype"]]
    limit = SENSITIVITY_LIMIT[c["dtype"]]
    kept = []
    for record, other in zip(records, run(c, nudged(init, dtype))):
        sensitivity = max(abs(a - b) / max(1.0, abs(a)) for a, b in zip(record[2], other[2]))
        if sensitivity > limit:
            return kept, (record[0], sensitivity)
        kept.append(record)
    return kept, None


# ---- writing ----------------------------------------------------------------------------------------

def token(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return " ".join(token(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def main():
    default_path = Path(__file__).resolve().parent.parent / "tests/data/optim_reference.txt"
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else default_path
    torch.set_num_threads(1)
    init = initial_tensors()
    lines = [
        "# Training trajectories from torch.optim " + torch.__version__ + ", written by tools/gen_optim_reference.py.",
        "# The format is described in that script's docstring.",
    ]
    for name in PARAM_NAMES + ["x", "y"]:
        t = init[name]
        lines.append(" ".join(["tensor", name, str(t.dim())] + [str(s) for s in t.shape] +
                              [repr(v) for v in t.flatten().tolist()]))
    for c in CASES:
        lines.append("case " + c["name"])
        lines.append("dtype " + c["dtype"])
        lines.append("optimizer " + c["optimizer"])
        for key, value in c["options"].items():
            lines.append(f"option {key} {token(value)}")
        if c["scheduler"]:
            lines.append("scheduler " + c["scheduler"])
            for key, value in c["scheduler_options"].items():
                lines.append(f"scheduler_option {key} {token(value)}")
        if c["metric"]:
            lines.append("metric " + c["metric"])
        records, dropped = well_conditioned(c, init, run(c, init))
        if not records:
            raise RuntimeError(f"case {c['name']}: no well-conditioned check step")
        if dropped:
            note = (f"checks from step {dropped[0]} on dropped: there one ulp in the initial weights "
                    f"moves torch's parameters by {dropped[1]:.1e}")
            print(f"{c['name']}: {note}")
            lines.append(f"# {c['name']}: {note}")
        lines.append(f"steps {records[-1][0]}")
        for step, loss, values in records:
            lines.append(" ".join(["check", str(step), repr(loss)] + [repr(v) for v in values]))
        lines.append("end")
    out_path.write_text("\n".join(lines) + "\n")
    print(f"wrote {len(CASES)} cases to {out_path}")


if __name__ == "__main__":
    main()
