#!/usr/bin/env python3
"""Writes tests/data/pyformat_reference.txt: doubles as Python's repr() prints
them and arrays as NumPy's str() prints them (default print options), for
test_pyformat. Values are stored as exact hex floats.

    /usr/bin/python3 tools/gen_pyformat_reference.py

Lines:  repr <TAB> hex <TAB> repr(x)
        array <TAB> float64|float32 <TAB> shape <TAB> hex values <TAB> str(array), newlines as '|'
"""
import math
import os

import numpy as np

rng = np.random.RandomState(2024)
lines = []


def hexf(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    return v.hex()  # 'inf' / '-inf' for infinities


def add_repr(x):
    lines.append("repr\t%s\t%s" % (hexf(x), repr(float(x))))


def add_array(a):
    a = np.asarray(a)
    text = str(a)
    assert "|" not in text and "..." not in text
    lines.append("array\t%s\t%s\t%s\t%s" % (a.dtype.name, ",".join(map(str, a.shape)),
                                            " ".join(hexf(v) for v in a.ravel()), text.replace("\n", "|")))


# ---- scalars: every decade, the edges of positional printing, signs, specials
for e in range(-324, 309):
    for m in (1.0, 9.999999999999998, 1 / 3):
        x = m * 10.0 ** e if e > -300 else m * 1e-300 * 10.0 ** (e + 300)
        if math.isfinite(x):
            add_repr(x)
            add_repr(-x)
for x in (0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e16, 9999999999999998.0, 1e-4, 9.999e-05,
          0.0001000001, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 0.2, 0.3, 0.1 + 0.2,
          123456789012345678.0, 15.99999999999875, 2.4519928653780434e-05, 8.0, 1e-05, 0.8589934592000003):
    add_repr(x)
for x in rng.standard_normal(300) * 10.0 ** rng.randint(-12, 18, 300):
    add_repr(x)
for x in rng.randint(-10**6, 10**6, 40):
    add_repr(float(x))

# ---- arrays
tutorial = [[-2.4, 3.2], [-3.42539446e-05, 4.56719262e-05], [6.0, 8.0], [0.10065471, 0.42053884],
            [-2.4001, 3.1999], [-0.26483881, 0.3508877], [-0.25769804, 0.34359738],
            [-3.6779893e-06, 4.90398573e-06], [0.0, 4.0], [6.0, 0.0]]
for a in tutorial:
    add_array(np.array(a))
# the tutorials' own iterates, as their code computes them
w = np.array([-3.0, 4.0])
for i in range(100):
    w = w - 0.1 * 2 * w
    add_array(w.copy())
specials = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 1e8, 99999999.0, 1e-4, 9.9e-5, 1000.0, 0.5, 1e300, 1e-300]
for _ in range(250):
    n = rng.randint(1, 13)
    kind = rng.randint(6)
    if kind == 0:
        v = rng.standard_normal(n)
    elif kind == 1:
        v = rng.standard_normal(n) * 10.0 ** rng.randint(-9, 12, n)
    elif kind == 2:
        v = rng.randint(-1000, 1000, n).astype(float)
    elif kind == 3:
        v = rng.choice(specials, n)
    elif kind == 4:
        v = np.round(rng.standard_normal(n), rng.randint(0, 6))
    else:
        v = rng.uniform(-1, 1, n) * 10.0 ** rng.randint(-5, 9)
    if rng.randint(4) == 0:
        v[rng.randint(n)] = rng.choice(specials)
    add_array(v)
    with np.errstate(over="ignore"):  # 1e300 becomes inf in float32, as intended
        add_array(v.astype(np.float32))
for shape in [(2, 2), (3, 2), (2, 5), (4, 3), (1, 1), (3, 1), (1, 4), (3, 12), (2, 3, 2)]:
    for scale in (1.0, 1e-6, 1e9):
        v = rng.standard_normal(shape) * scale
        add_array(v)
        with np.errstate(over="ignore"):
            add_array(v.astype(np.float32))
for n in (10, 20, 40, 75):  # long rows wrap at 75 characters
    add_array(rng.standard_normal(n))
    add_array(rng.standard_normal((3, n)) * 1e-7)
add_array(np.array([np.nan, np.inf]))
add_array(np.array([np.nan, -np.inf, 1.5]))
add_array(np.array([-np.inf, 1e-9]))
add_array(np.zeros(3))
add_array(np.zeros((2, 2)))

path = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "pyformat_reference.txt")
with open(path, "w") as f:
    f.write("# written by tools/gen_pyformat_reference.py with numpy %s\n" % np.__version__)
    f.write("\n".join(lines) + "\n")
print("wrote %d cases to %s" % (len(lines), os.path.normpath(path)))
