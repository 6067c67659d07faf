#!/usr/bin/env python3
"""What examples/autograd_basics prints, computed by the tutorial's own torch and
Python code (seed 001). Writes tests/examples/autograd_basics.expected:

    /usr/bin/python3 tools/tutorials/autograd_basics.py > tests/examples/autograd_basics.expected
"""
import torch

# ---- the tutorial's torch snippet
x = torch.tensor([1.0, 2.0], requires_grad=True)


def fun(x):
    return x[0]**2 + 3*x[1]


y = fun(x)
y.backward()
print("# 1. y = x[0]**2 + 3*x[1] at x = [1, 2], then y.backward()")
print("x.grad =", x.grad.numpy())
print()


# ---- the tutorial's f(x) = x**2 + 3x with its hand-written gradient, and autograd's
def function(x):
    return x**2 + 3*x


def gradient(x):  # the tutorial's: forgets the 3
    return 2 * x


def autograd_gradient(value):
    t = torch.tensor(value, dtype=torch.float64, requires_grad=True)
    function(t).backward()
    return t.grad.item()


print("# 2. f(x) = x**2 + 3*x: the tutorial's gradient 2*x against autograd")
print("%6s %14s %14s" % ("x", "hand-written", "autograd"))
for value in (-3.0, -1.5, 0.0, 2.0, 10.0):
    print("%6.2f %14.4f %14.4f" % (value, gradient(value), autograd_gradient(value)))
print()


def gradient_descent(initial_x, learning_rate, num_iterations, grad_of):
    x = initial_x
    for i in range(num_iterations):
        grad = grad_of(x)
        x = x - learning_rate * grad
        if i % 10 == 0:
            print(f"Iteration {i}: x = {x}, f(x) = {function(x)}")
    return x


print("# gradient descent from x = 10, lr 0.1, 100 steps, with the hand-written gradient (the tutorial's output)")
hand = gradient_descent(10.0, 0.1, 100, gradient)
print("# the same with autograd's gradient 2*x + 3")
auto = gradient_descent(10.0, 0.1, 100, autograd_gradient)
print(f"after 100 steps: hand-written gradient -> x = {hand}, autograd -> x = {auto}; "
      f"the minimum is at x = -1.5, f(-1.5) = {function(-1.5)}")
