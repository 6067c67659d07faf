#!/usr/bin/env python3
"""What examples/gradient_descent_2d prints, computed by the tutorials' own
numpy code (seeds 000 and 002) and, for the autograd runs, torch:

    /usr/bin/python3 tools/tutorials/gradient_descent_2d.py > tests/examples/gradient_descent_2d.expected
"""
import numpy as np
import torch


# ---- seed 000: numerical gradient that restores x[idx]
def numerical_gradient_1d(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        xi = x[idx]
        x[idx] = float(xi) + h
        fxh1 = f(x)
        x[idx] = xi - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2*h)
        x[idx] = xi
    return grad


def loss_function(w):
    return w[0]**2 + w[1]**2


def autograd_gradient(f, w):
    t = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    f(t).backward()
    return t.grad.numpy()


def gradient_descent(initial_w, gradient_of, learning_rate=0.1, num_iterations=100):
    w = initial_w
    for i in range(num_iterations):
        grad = gradient_of(loss_function, w)
        w -= learning_rate * grad
        if i % 10 == 0:
            print(f"Iteration {i}: w = {w}, loss = {loss_function(w)}")
    return w


print("# f(w) = w0**2 + w1**2 from [-3, 4], lr 0.1, 100 steps: central differences, h = 1e-4 (the tutorial)")
final_w = gradient_descent(np.array([-3.0, 4.0]), numerical_gradient_1d)
print(f"Final parameters: {final_w}")
print("# the same with autograd (exact gradient 2*w)")
final_w = gradient_descent(np.array([-3.0, 4.0]), autograd_gradient)
print(f"Final parameters: {final_w}")
print()


# ---- seed 002: numerical_gradient never restores x[idx]
def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2*h)
    return grad


def foo(x):
    return np.sum(x ** 2)


print("# numerical gradients of sum(x**2) (tutorial 002)")
print(numerical_gradient(foo, np.array([3.0, 4.0])))
print(numerical_gradient(foo, np.array([0.0, 2.0])))
print(numerical_gradient(foo, np.array([3.0, 0.0])))
print("# tutorial 002's descent from [-3, 4], lr 0.1: its gradient leaves x[idx] at x[idx] - h")
x = np.array([-3.0, 4.0])
for i in range(100):
    grad = numerical_gradient(foo, x)
    x -= 0.1 * grad
    if i < 5 or i % 10 == 0 or i == 99:
        print(i, 'x=', x, 'grad=', grad)
print(x)
