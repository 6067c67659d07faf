#!/usr/bin/env python3
"""W6: benchmarks/w6_mnist.cpp trained on Fashion-MNIST, built against xgrad and against LibTorch,
run alternately (xgrad, LibTorch, xgrad, ...) so both see the same machine load.

    python3 tools/bench_w6.py BUILD_DIR [--repeats 3] [--epochs 1] [--configs t1,t2]

The data come from Debian's package dataset-fashion-mnist (gzipped IDX files); LibTorch's
reader takes only uncompressed files, so they are unpacked once into BUILD_DIR/w6-data.
The LibTorch build needs libtorch-dev; without it only xgrad runs. Prints one line per run,
then per configuration the median seconds per epoch (training pass + test pass), the
ratio xgrad/LibTorch of each pair, peak resident memory and test accuracy per epoch.
Standard library only.
"""
import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE_DIR = "/usr/share/datasets/fashion-mnist"
FILES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
LIBTORCH_INCLUDE = "/usr/include/torch/csrc/api/include"


def unpack_data(build):
    """BUILD/w6-data with the four uncompressed IDX files (unpacked from the Debian package once)."""
    target = os.path.join(build, "w6-data")
    os.makedirs(target, exist_ok=True)
    for name in FILES:
        out = os.path.join(target, name)
        if os.path.exists(out):
            continue
        source = os.path.join(PACKAGE_DIR, name + ".gz")
        if not os.path.exists(source):
            sys.exit(f"{source} is missing: install Fashion-MNIST with `apt-get install dataset-fashion-mnist`")
        with gzip.open(source, "rb") as f_in, open(out + ".part", "wb") as f_out:
            shutil.copyfileobj(f_in, f_out)
        os.replace(out + ".part", out)
    return target


def build_libtorch(build):
    """The same source compiled against LibTorch, or None when LibTorch is not installed."""
    if not os.path.isdir(LIBTORCH_INCLUDE):
        print("libtorch-dev is not installed: running xgrad only", file=sys.stderr)
        return None
    source = os.path.join(ROOT, "benchmarks", "w6_mnist.cpp")
    binary = os.path.join(build, "benchmarks", "w6_mnist_libtorch")
    if not os.path.exists(binary) or os.path.getmtime(binary) < os.path.getmtime(source):
        subprocess.run(["g++", "-std=c++17", "-O2", source, "-I" + LIBTORCH_INCLUDE, "-ltorch", "-ltorch_cpu",
                        "-lc10", "-o", binary], check=True)
    return binary


def run(binary, data, config, epochs):
    """One run: its parsed JSON result, with the epoch times summed."""
    threads = "1" if config == "t1" else "2"
    env = dict(os.environ, EPOCHS=str(epochs), OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads)
    done = subprocess.run([binary, data, config], env=env, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{binary} {config} failed (exit {done.returncode}):\n{done.stdout}")
    result = json.loads(done.stdout.strip().splitlines()[-1])["W6"]
    result["epoch_s"] = [a + b for a, b in zip(result["train_s"], result["test_s"])]
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--configs", default="t1,t2")
    args = parser.parse_args()
    data = unpack_data(args.build)
    programs = {"xgrad": os.path.join(args.build, "benchmarks", "w6_mnist")}
    libtorch = build_libtorch(args.build)
    if libtorch:
        programs["LibTorch"] = libtorch

    for config in args.configs.split(","):
        runs = {name: [] for name in programs}
        for repeat in range(args.repeats):
            for name, binary in programs.items():
                r = run(binary, data, config, args.epochs)
                runs[name].append(r)
                epochs = ", ".join(f"{s:.2f}" for s in r["epoch_s"])
                accuracy = ", ".join(f"{a:.4f}" for a in r["accuracy"])
                print(f"{config} {name:8s} run {repeat + 1}: s/epoch [{epochs}]  accuracy [{accuracy}]  "
                      f"peak RSS {r['peak_rss_mib']:.0f} MiB", flush=True)
        print(f"\n{config}: median over {args.repeats} runs of the mean seconds per epoch (train + test pass)")
        for name, results in runs.items():
            per_epoch = statistics.median(statistics.mean(r["epoch_s"]) for r in results)
            train = statistics.median(statistics.mean(r["train_s"]) for r in results)
            test = statistics.median(statistics.mean(r["test_s"]) for r in results)
            rss = statistics.median(r["peak_rss_mib"] for r in results)
            print(f"  {name:8s} {per_epoch:6.2f} s/epoch (train {train:.2f} + test {test:.2f})  "
                  f"peak RSS {rss:.0f} MiB  accuracy {results[0]['accuracy']}")
        if "LibTorch" in runs:
            ratios = [statistics.mean(x["epoch_s"]) / statistics.mean(t["epoch_s"])
                      for x, t in zip(runs["xgrad"], runs["LibTorch"])]
            rss = statistics.median(r["peak_rss_mib"] for r in runs["xgrad"]) / statistics.median(
                r["peak_rss_mib"] for r in runs["LibTorch"])
            print(f"  xgrad/LibTorch time, pair by pair: {', '.join(f'{q:.3f}' for q in ratios)}  "
                  f"(median {statistics.median(ratios):.3f}); peak RSS ratio {rss:.3f}\n")


if __name__ == "__main__":
    main()
