"""The optimizer race of examples/optimizer_race.cpp, run with torch.optim in float64.

Writes the output the example must print (tests/examples/optimizer_race.expected),
with the time column as '*' (any word): the tests compare every other word, numbers
to a relative 1e-4. The TrainingMonitor's rules (viz/training_monitor.h) are
written out here again, from their documentation.

    /usr/bin/python3 tools/tutorials/optimizer_race.py > tests/examples/optimizer_race.expected
"""
import math

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
TOLERANCE = 1e-6

# name, other settings, lr on the regression, lr on Rosenbrock, constructor
RACERS = [
    ("SGD", "-", 0.1, 1e-3, lambda p, lr: torch.optim.SGD(p, lr)),
    ("Momentum", "momentum=0.9", 0.1, 1e-3, lambda p, lr: torch.optim.SGD(p, lr, momentum=0.9)),
    ("Nesterov", "momentum=0.9", 0.1, 1e-3, lambda p, lr: torch.optim.SGD(p, lr, momentum=0.9, nesterov=True)),
    ("Adagrad", "-", 1.0, 0.1, lambda p, lr: torch.optim.Adagrad(p, lr)),
    ("RMSprop", "alpha=0.99", 0.01, 1e-3, lambda p, lr: torch.optim.RMSprop(p, lr)),
    ("Adam", "betas=(0.9,0.999)", 0.3, 0.1, lambda p, lr: torch.optim.Adam(p, lr)),
    ("AdamW", "weight_decay=0.01", 0.3, 0.1, lambda p, lr: torch.optim.AdamW(p, lr)),
    ("LBFGS", "strong_wolfe", 1.0, 1.0, lambda p, lr: torch.optim.LBFGS(p, lr, line_search_fn="strong_wolfe")),
]


def regression():
    np.random.seed(42)
    x = 2 * np.random.rand(100, 1)
    y = 4 + 3 * x + np.random.randn(100, 1)
    features = torch.tensor(np.c_[np.ones((100, 1)), x])
    targets = torch.tensor(y).view(100)

    def loss(p):
        return ((features @ p - targets) ** 2).mean()

    bias, slope = np.linalg.lstsq(np.c_[np.ones((100, 1)), x], y, rcond=None)[0].ravel()
    minimum = float(loss(torch.tensor([bias, slope])))
    print("Problem 1: linear regression y = 4 + 3x + noise, 100 points, mean squared error")
    print("  least squares: bias %.8f slope %.8f loss %.8f" % (bias, slope, minimum))
    return dict(loss=loss, start=[0.0, 0.0], minimum=minimum, budget=500, lr=2, names=("bias", "slope"))


def rosenbrock():
    def loss(p):
        return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] * p[0]) ** 2

    print("Problem 2: Rosenbrock f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1)")
    return dict(loss=loss, start=[-1.2, 1.0], minimum=0.0, budget=2000, lr=3, names=("x", "y"))


def race(racer, problem):
    p = torch.tensor(problem["start"], requires_grad=True)
    optimizer = racer[4]([p], racer[problem["lr"]])
    evals = [0]
    monitor = Monitor()

    def closure():
        optimizer.zero_grad()
        loss = problem["loss"](p)
        loss.backward()
        evals[0] += 1
        return loss

    steps = goal_evals = "-"
    for step in range(problem["budget"]):
        before = evals[0]
        loss = float(optimizer.step(closure))
        monitor.log_step(loss, float(p.grad.norm()))  # LBFGS: the gradient of its last evaluation
        if steps == "-" and loss - problem["minimum"] <= TOLERANCE:
            steps, goal_evals = str(step), str(before)
    with torch.no_grad():
        final = float(problem["loss"](p))
    return steps, goal_evals, final, p.detach().tolist(), monitor.summary()


def race_all(problem):
    print("  from (%g, %g); goal: loss within %g of the minimum; budget %d steps\n"
          % (problem["start"][0], problem["start"][1], TOLERANCE, problem["budget"]))
    print("%-9s %-7s %-18s %6s %6s %14s %11s %11s %9s  %s" % ("optimizer", "lr", "other settings", "steps", "evals",
                                                             "final loss", *problem["names"], "us/step", "monitor"))
    for racer in RACERS:
        steps, evals, final, (x, y), monitor = race(racer, problem)
        print("%-9s %-7g %-18s %6s %6s %14.8e %11.7f %11.7f %9s  %s"
              % (racer[0], racer[problem["lr"]], racer[1], steps, evals, final, x, y, "*", monitor))
    print()


class Monitor:
    """viz::TrainingMonitor with its default thresholds, its rules written out from viz/training_monitor.h."""

    def __init__(self, window=10, plateau_window=50):
        self.window, self.plateau_window = window, plateau_window
        self.losses, self.grads, self.warnings = [], [], []  # warnings: (kind, step, message), first of each kind

    def log_step(self, loss, grad):
        self.losses.append(loss)
        self.grads.append(grad)
        verdict = self.diagnose()
        if verdict and verdict[0] not in [w[0] for w in self.warnings]:
            self.warnings.append((verdict[0], len(self.losses) - 1, verdict[1]))
        return verdict

    def diagnose(self):
        losses, grads, window = self.losses, self.grads, self.window
        loss, grad, n = losses[-1], grads[-1], len(losses)
        if not (math.isfinite(loss) and math.isfinite(grad)):
            return "non-finite", "the loss is %.4g and the gradient norm %.4g" % (loss, grad)
        if grad > 1e3:
            return "exploding gradients", "the gradient norm is %.4g (above 1000)" % grad
        if n >= window:
            smallest = min(grads[-window:])
            if smallest > 0 and grad > 100 * smallest and loss > losses[-window] + 0.1 * abs(losses[-window]):
                return "exploding gradients", ("the gradient norm grew %.4g times in %d steps while the loss rose "
                                               "from %.4g to %.4g" % (grad / smallest, window, losses[-window], loss))
            l = losses[-window:]
            turns = sum((l[i + 1] - l[i]) * (l[i + 2] - l[i + 1]) < 0 for i in range(window - 2))
            swing = sum(abs(l[i + 1] - l[i]) for i in range(window - 1)) / (window - 1)
            level = sum(abs(v) for v in l) / window
            if turns / (window - 2) >= 0.6 and swing > 0.1 * level:
                return "oscillating loss", ("the loss changed direction %d times in %d steps, by %.4g on average "
                                            "(%.4g%% of the loss)" % (turns, window, swing, 100 * swing / level))
        if grad < 1e-7 and losses[0] - loss < 0.1 * abs(losses[0]):
            return "vanishing gradients", "the gradient norm is %.4g (below 1e-07) while the loss is still %.4g " \
                "(it started at %.4g)" % (grad, loss, losses[0])
        w = self.plateau_window
        if n > w:
            before, recent = min(losses[:-w]), min(losses[-w:])
            if before - recent <= 1e-4 * abs(before):
                return "plateau", "the best loss has not improved in %d steps (best %.4g, before them %.4g)" % (
                    w, recent, before)
        return None

    def summary(self):
        """The table's column: the first step of each kind of warning, or healthy."""
        return ",".join("%s@%d" % (kind.split()[0], step) for kind, step, _ in self.warnings) or "healthy"


def too_large_a_step(problem, lr):
    print("SGD with lr=%g on the regression, watched by viz::TrainingMonitor:" % lr)
    p = torch.tensor(problem["start"], requires_grad=True)
    optimizer = torch.optim.SGD([p], lr)
    monitor = Monitor()
    for step in range(30):
        optimizer.zero_grad()
        loss = problem["loss"](p)
        loss.backward()
        verdict = monitor.log_step(float(loss), float(p.grad.norm()))
        if verdict:
            break
        optimizer.step()
    kind, message = verdict
    print("  step %d: %s: %s" % (step, kind, message))
    print("  try: lower the learning rate (try 10 times smaller), normalize the inputs, or clip the gradients "
          "(nn::utils::clip_grad_norm_)")


def main():
    print("Optimizer race: every optimizer of xg::optim from the same start, in float64.\n")
    linear = regression()
    race_all(linear)
    race_all(rosenbrock())
    too_large_a_step(linear, 0.7)
    print("\npictures: race_{regression,rosenbrock}_{loss,paths}.svg and .png")


if __name__ == "__main__":
    main()
