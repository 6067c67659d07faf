"""examples/mlp_classifier.cpp in PyTorch: the same draws, the same batches, the same training.

xgrad's generator gives torch's numbers after the same manual_seed, and its nn.Linear
initialises with the same draws, so this script only has to draw in the same order.
The DataLoader shuffles with its own std::mt19937_64 (seeded by DataLoaderOptions::seed)
and a Fisher-Yates pass (data/data_loader.cpp); MT19937-64 and that pass are written out
below. Writes the output the example must print:

    /usr/bin/python3 tools/tutorials/mlp_classifier.py > tests/examples/mlp_classifier.expected
"""
import math

import torch

torch.set_default_dtype(torch.float64)
MASK64 = (1 << 64) - 1


class MT19937_64:
    """std::mt19937_64 (Matsumoto and Nishimura's 64-bit Mersenne Twister, as the C++ standard fixes it)."""

    def __init__(self, seed):
        self.state = [seed & MASK64]
        for i in range(1, 312):
            previous = self.state[-1]
            self.state.append((6364136223846793005 * (previous ^ (previous >> 62)) + i) & MASK64)
        self.index = 312

    def __call__(self):
        if self.index >= 312:
            for i in range(312):
                y = (self.state[i] & 0xFFFFFFFF80000000) | (self.state[(i + 1) % 312] & 0x7FFFFFFF)
                value = self.state[(i + 156) % 312] ^ (y >> 1)
                if y & 1:
                    value ^= 0xB5026F5AA96619E9
                self.state[i] = value
            self.index = 0
        y = self.state[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y


def check_mt19937_64():
    engine = MT19937_64(5489)
    for _ in range(9999):
        engine()
    assert engine() == 9981545732273789042  # the value the C++ standard requires


def draw_below(engine, bound):
    limit = MASK64 - MASK64 % bound
    x = engine()
    while x >= limit:
        x = engine()
    return x % bound


def random_permutation(n, engine):
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = draw_below(engine, i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def two_moons(per_class, noise):
    t = torch.rand(2, per_class) * math.pi
    upper = torch.stack([t[0].cos(), t[0].sin()], 1)
    lower = torch.stack([1 - t[1].cos(), 0.5 - t[1].sin()], 1)
    x = torch.cat([upper, lower]) + noise * torch.randn(2 * per_class, 2)
    y = torch.cat([torch.zeros(per_class, dtype=torch.long), torch.ones(per_class, dtype=torch.long)])
    return x, y


def make_model():
    torch.set_default_dtype(torch.float32)  # initialised in float32, as xgrad's Linear, then converted
    model = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2))
    torch.set_default_dtype(torch.float64)
    return model.double()


def accuracy(model, x, y):
    with torch.no_grad():
        return float((model(x).argmax(1) == y).double().mean())


def main():
    check_mt19937_64()
    torch.manual_seed(0)
    x_train, y_train = two_moons(150, 0.15)
    x_test, y_test = two_moons(100, 0.15)
    model = make_model()
    engine = MT19937_64(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    criterion = torch.nn.CrossEntropyLoss()

    print("two moons: %d training points, %d test points; model %s"
          % (len(x_train), len(x_test), "Linear(2, 16) - ReLU - Linear(16, 2)"))
    for epoch in range(1, 31):
        order = random_permutation(len(x_train), engine)
        loss_sum = 0.0
        for start in range(0, len(order), 30):
            batch = torch.tensor(order[start:start + 30])
            x, y = x_train[batch], y_train[batch]
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            loss_sum += float(loss) * len(batch)
        print("epoch %2d  loss %.6f  accuracy %.4f" % (epoch, loss_sum / len(x_train), accuracy(model, x_train, y_train)))
    print("test accuracy %.4f" % accuracy(model, x_test, y_test))
    print("checkpoint reloaded into a fresh model: identical predictions (largest difference 0)")
    print("picture: mlp_moons.svg and .png")


if __name__ == "__main__":
    main()
