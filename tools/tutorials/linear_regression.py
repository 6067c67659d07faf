#!/usr/bin/env python3
"""What examples/linear_regression prints, computed by the tutorials' own numpy
code (seeds 001 and 004, messages translated) and torch for the autograd,
nn.Linear + SGD and DataLoader variants:

    /usr/bin/python3 tools/tutorials/linear_regression.py > tests/examples/linear_regression.expected
"""
import numpy as np
import torch

torch.set_default_dtype(torch.float64)


# ---- seed 001
def gradient_descent(x, y, lr=0.01, n_iters=1000):
    m, n = x.shape
    w = np.zeros(n)
    for _ in range(n_iters):
        y_pred = np.dot(x, w)
        gradient = np.dot(x.T, (y_pred - y)) / m
        w = w - lr * gradient
    return w


x = np.array([[1, 2], [3, 4], [5, 6]])
y = np.array([1, 2, 3])
print("# 1. X = [[1, 2], [3, 4], [5, 6]], y = [1, 2, 3], lr 0.01, 1000 steps of w -= lr * X^T (X w - y) / m")
print("hand-written gradient, optimal parameters:", gradient_descent(x, y))
X = torch.tensor(x, dtype=torch.float64)
Y = torch.tensor(y, dtype=torch.float64)
w = torch.zeros(2, requires_grad=True)
for _ in range(1000):
    loss = ((X.mv(w) - Y) ** 2).sum() / (2 * 3)
    loss.backward()
    with torch.no_grad():
        w -= 0.01 * w.grad
    w.grad = None
print("autograd of |X w - y|^2 / 2m, optimal parameters:", w.detach().numpy())
print()

# ---- seed 004
np.random.seed(42)
X_train = 2 * np.random.rand(100, 1)
y_train = 4 + 3 * X_train + np.random.randn(100, 1)
X_b = np.c_[np.ones((100, 1)), X_train]
theta0 = np.random.randn(2, 1)  # linear_regression_gd draws this first


def linear_regression_gd(X, y, learning_rate=0.01, iterations=1000):
    m, n = X.shape
    theta = theta0.copy()
    loss_history = []
    for i in range(iterations):
        predictions = X.dot(theta)
        errors = predictions - y
        gradients = (2/m) * X.T.dot(errors)
        theta = theta - learning_rate * gradients
        mse = (1/m) * np.sum(errors**2)
        loss_history.append(mse)
    return theta, loss_history


print("# 2. y = 4 + 3x + noise, 100 points (np.random.seed(42)), lr 0.1, 100 full-batch steps from theta = randn(2, 1)")
print("initial theta:", theta0.ravel())
theta, losses = linear_regression_gd(X_b, y_train, learning_rate=0.1, iterations=100)
print(f"hand-rolled, trained parameters: {theta.ravel()} (ideally close to [4, 3])")
print(f"mse at the first and last step: {losses[0]:.6f} {losses[-1]:.6f}")

xs = torch.tensor(X_train)
ys = torch.tensor(y_train)


def make_model():
    model = torch.nn.Linear(1, 1)
    with torch.no_grad():
        model.bias.fill_(theta0[0, 0])
        model.weight.fill_(theta0[1, 0])
    return model


model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(100):
    optimizer.zero_grad()
    loss = torch.nn.functional.mse_loss(model(xs), ys)
    loss.backward()
    optimizer.step()
print("nn::Linear + optim::SGD + MSELoss: bias = %.8f, weight = %.8f" % (model.bias.item(), model.weight.item()))
print()

print("# 3. the same model, 20 epochs at lr 0.1, batches in order (no shuffling)")
for name, batch in (("full-batch", 100), ("mini-batch", 10), ("stochastic", 1)):
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(20):
        for start in range(0, 100, batch):
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(model(xs[start:start + batch]), ys[start:start + batch])
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        mse = torch.nn.functional.mse_loss(model(xs), ys).item()
    print("%-10s batch %3d: bias = %.6f, weight = %.6f, mse = %.6f, steps = %d" %
          (name, batch, model.bias.item(), model.weight.item(), mse, 20 * (100 // batch)))
