#!/usr/bin/env python3
"""Writes small MNIST-style IDX files for the tests of xg::data::datasets::MNIST (stdlib only).

  tools/gen_idx_fixture.py                 the committed fixture, tests/data/mnist_fixture/:
                                           plain/ and gz/ hold the same 100 training and 20
                                           test examples, uncompressed and gzip-compressed
  tools/gen_idx_fixture.py --full DIR      2000 training and 1000 test examples (plain) in DIR,
                                           for tests/compat/mnist.cpp (written at build time)
      [--train N --test M]                 other counts: LibTorch's reader takes only
                                           60000 and 10000 (tools/compat_check.py check mnist)

The images are 28x28 bytes: a bright stroke whose place and direction depend on the label
(so a small network can learn them), over faint noise. Every byte comes from Python's
random.Random(seed), so the files are the same on every run.
"""
import argparse
import gzip
import os
import random
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIDE = 28


def image(label, rng):
    """One 28x28 image of `label` as bytes: a stroke of the label's shape, shifted a little."""
    pixels = [rng.randrange(0, 40) for _ in range(SIDE * SIDE)]
    dx, dy = rng.randrange(-2, 3), rng.randrange(-2, 3)
    for t in range(16):
        if label % 2 == 0:  # even labels: a horizontal stroke at a height set by the label
            x, y = 6 + t, 4 + 2 * label
        else:  # odd labels: a vertical stroke at a column set by the label
            x, y = 2 + 2 * label, 6 + t
        x, y = min(max(x + dx, 0), SIDE - 1), min(max(y + dy, 0), SIDE - 1)
        pixels[y * SIDE + x] = rng.randrange(200, 256)
    return bytes(pixels)


def idx_files(count, seed):
    """The bytes of an images file and a labels file with `count` examples."""
    rng = random.Random(seed)
    labels = [rng.randrange(10) for _ in range(count)]
    images = struct.pack(">IIII", 2051, count, SIDE, SIDE) + b"".join(image(l, rng) for l in labels)
    return images, struct.pack(">II", 2049, count) + bytes(labels)


def write(folder, name, data, compress):
    os.makedirs(folder, exist_ok=True)
    if compress:
        # mtime=0: the same bytes on every run
        with open(os.path.join(folder, name + ".gz"), "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as z:
            z.write(data)
    else:
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


def write_set(folder, train_count, test_count, compress):
    for prefix, count, seed in (("train", train_count, 1), ("t10k", test_count, 2)):
        images, labels = idx_files(count, seed)
        write(folder, prefix + "-images-idx3-ubyte", images, compress)
        write(folder, prefix + "-labels-idx1-ubyte", labels, compress)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", metavar="DIR", help="write the 2000/1000 set to DIR instead")
    parser.add_argument("--train", type=int, default=2000, help="training examples with --full")
    parser.add_argument("--test", type=int, default=1000, help="test examples with --full")
    args = parser.parse_args()
    if args.full:
        write_set(args.full, args.train, args.test, compress=False)
        return
    fixture = os.path.join(ROOT, "tests", "data", "mnist_fixture")
    write_set(os.path.join(fixture, "plain"), 100, 20, compress=False)
    write_set(os.path.join(fixture, "gz"), 100, 20, compress=True)


if __name__ == "__main__":
    main()
