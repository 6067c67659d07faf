#!/usr/bin/env python3
"""What examples/gradient_descent_1d prints, computed by the tutorials' own code
(seed 003: 1000 steps on (x-1)^2 + 1; seed 004: the GradientDescentOptimizer
class, its Chinese messages translated). Writes the expected output:

    /usr/bin/python3 tools/tutorials/gradient_descent_1d.py > tests/examples/gradient_descent_1d.expected
"""

# ---- seed 003, verbatim apart from the prints
cur_x = 6
cur_y = (cur_x-1)**2 + 1
eta = 0.05
iter = 1000
cur_df = None
all_x = []
all_y = []
all_x.append(cur_x)
all_y.append(cur_y)
for i in range(iter):
    cur_df = 2*cur_x - 2
    cur_x = cur_x - eta*cur_df
    cur_y = (cur_x-1)**2 + 1
    all_x.append(cur_x)
    all_y.append(cur_y)

print("# f(x) = (x-1)**2 + 1 from x = 6, eta = 0.05, 1000 steps; the derivative 2*x - 2 from autograd")
for step in (1, 2, 3, 10, 100, 1000):
    print(f"step {step}: x = {all_x[step]}, f(x) = {all_y[step]}")
print(f"all_x[-1] = {all_x[-1]}, all_y[-1] = {all_y[-1]}")
print()


# ---- seed 004's optimizer class (messages translated)
class GradientDescentOptimizer:
    def __init__(self, learning_rate=0.1, decay_rate=0.0, tolerance=1e-6):
        self.learning_rate = learning_rate
        self.decay_rate = decay_rate
        self.tolerance = tolerance
        self.history = []

    def optimize(self, func, grad_func, start_x, max_iterations=1000):
        x = start_x
        current_lr = self.learning_rate
        print(f"--- start | initial x: {start_x} | learning rate: {self.learning_rate} ---")
        for i in range(max_iterations):
            gradient = grad_func(x)
            loss = func(x)
            self.history.append({'x': x, 'y': loss, 'grad': gradient})
            if abs(gradient) < self.tolerance:
                print(f"converged at iteration {i}.")
                break
            current_lr = self.learning_rate / (1 + self.decay_rate * i)
            x = x - current_lr * gradient
        return x, self.history


def target_function(x):
    return x**2 + 4*x + 4


def target_gradient(x):
    return 2*x + 4


print("# the tutorial's GradientDescentOptimizer on f(x) = x**2 + 4*x + 4: lr 0.9, decay 0.1, tolerance 1e-05")
optimizer = GradientDescentOptimizer(learning_rate=0.9, decay_rate=0.1, tolerance=1e-5)
final_x, history = optimizer.optimize(target_function, target_gradient, start_x=0, max_iterations=50)
for i, h in enumerate(history):
    print(f"{i}: x = {float(h['x'])}, f(x) = {float(h['y'])}, gradient = {float(h['grad'])}")
print(f"final x = {float(final_x)}")
