#!/usr/bin/env python3
"""Runs the W1-W5 benchmarks and prints them beside PyTorch, LibTorch and raw OpenBLAS.

    python3 tools/bench.py BUILD_DIR [--repeats 7] [--references DIR] [--table-only]

Each (workload, thread configuration) runs in a fresh process: `t1` (one thread) and
`t2` (two threads for OpenBLAS; xgrad has no other threads). The results are written to
BUILD_DIR/benchmarks/results_xgrad.json in the anchors' layout
({"meta": ..., "results": {"t1": {"W1": {...}, ...}, "t2": ...}}), and the table compares
them with benchmarks/reference/*.json (or the results_*.json of DIR, e.g. the anchors'
run_all.sh output from the same session). The programs run under the OPENBLAS_CORETYPE
the references were measured with, so both sides use the same BLAS kernels.
Standard library only: CI and users need no Python packages.
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.join(ROOT, "benchmarks", "reference")
PROGRAMS = [("W1", "w1_overhead"), ("W2", "w2_linreg"), ("W3", "w3_adam"), ("W4", "w4_mlp"), ("W5", "w5_gemm")]
REFERENCE_DIR = REFERENCE  # --references replaces it
CONFIGS = ["t1", "t2"]
REFERENCE_TWO_THREADS = ["t2", "t2_passive", "t1_blas2"]  # "2T best": the best of these

# label, workload, key, decimals, higher is better, raw OpenBLAS (op, n) or None
ROWS = [
    ("W1 per-op us/iter", "W1", "us_per_iter", 2, False, None),
    ("W1 per-op us/fwd-op", "W1", "us_per_fwd_op", 2, False, None),
    ("W2 linreg f64 us/step", "W2", "us_per_step", 2, False, None),
    ("W3 Adam 10kx100 us/step", "W3", "us_per_step", 1, False, None),
    ("W4 MLP b64 ms/step", "W4", "ms_per_step", 3, False, None),
    ("W4 MLP b64 samples/s", "W4", "samples_per_s", 0, True, None),
    ("W5 f32 fwd GFLOP/s", "W5", "float32_fwd_gflops", 1, True, ("sgemm", 1024)),
    ("W5 f32 fwd+bwd GFLOP/s", "W5", "float32_fwd_bwd_gflops", 1, True, ("sgemm", 1024)),
    ("W5 f64 fwd GFLOP/s", "W5", "float64_fwd_gflops", 1, True, ("dgemm", 1024)),
    ("W5 f64 fwd+bwd GFLOP/s", "W5", "float64_fwd_bwd_gflops", 1, True, ("dgemm", 1024)),
]


def load(name):
    """A reference file's contents, or {} when the folder has no such file."""
    path = os.path.join(REFERENCE_DIR, name)
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def run_all(build, repeats, coretype):
    """Runs every program in every configuration; returns {config: {workload: result}}."""
    env = dict(os.environ, REPEATS=str(repeats), OPENBLAS_CORETYPE=coretype)
    results = {config: {} for config in CONFIGS}
    for workload, program in PROGRAMS:
        for config in CONFIGS:
            path = os.path.join(build, "benchmarks", program)
            start = time.time()
            done = subprocess.run([path, config], env=env, stdout=subprocess.PIPE, text=True)
            if done.returncode != 0:
                sys.exit(f"{program} {config} failed (exit {done.returncode}):\n{done.stdout}")
            lines = done.stdout.strip().splitlines()
            print(f"  {lines[0]}  ({time.time() - start:.0f} s)", file=sys.stderr)
            results[config].update(json.loads(lines[-1]))
    return results


def median(results, config, workload, key):
    try:
        return results[config][workload][key]["median"]
    except (KeyError, TypeError):
        return None


def best_two_threads(results, workload, key, higher_is_better):
    values = [v for c in REFERENCE_TWO_THREADS if (v := median(results, c, workload, key)) is not None]
    return (max if higher_is_better else min)(values) if values else None


def fmt(value, decimals):
    return "-" if value is None else f"{value:.{decimals}f}"


def ratio(ours, theirs):
    return "-" if ours is None or not theirs else f"{ours / theirs:.2f}x"


def this_cpu():
    """(model name, cpu family, has AVX-512) of this machine, from /proc/cpuinfo."""
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                info.setdefault(key.strip(), value.strip())
    except OSError:
        return None
    return info.get("model name"), int(info.get("cpu family", -1)), "avx512f" in info.get("flags", "").split()


def warn_if_other_cpu(blas):
    """Ratios against figures from another CPU mean little: say so above the table."""
    here = this_cpu()
    if not here or "cpu_family" not in blas:
        return
    there = (blas.get("cpu_model"), blas["cpu_family"], bool(blas.get("avx512f")))
    if here != there:
        describe = lambda c: f"{c[0]}, family {c[1]}, {'with' if c[2] else 'without'} AVX-512"
        print(f"WARNING: the references were measured on another CPU ({describe(there)}); this one is "
              f"{describe(here)}.\nThe ratios compare two machines: measure the references here "
              f"(benchmarks/reference/README.md) and pass --references DIR.\n")


def print_table(ours, coretype):
    torch = load("results_torch.json").get("results", {})
    libtorch = load("results_libtorch.json").get("results", {})
    blas = load("results_blas.json")
    warn_if_other_cpu(blas)
    gemm = {(g["op"], g["n"], g["threads"]): g["median"] for g in blas.get("gemm_gflops", [])}
    print(f"xgrad beside PyTorch 1.13, LibTorch 1.13 and raw OpenBLAS; "
          f"all with OPENBLAS_CORETYPE={coretype}; medians.")
    print(f"References: {os.path.relpath(REFERENCE_DIR)}")
    print("1T: one thread (xgrad and OpenBLAS). 2T: xgrad with OpenBLAS on 2 threads; references: best of their")
    print("2-thread configurations (t2, t2 + OMP_WAIT_POLICY=PASSIVE, torch 1 thread + OpenBLAS 2).")
    print("ratio = xgrad / reference: below 1 is faster for times, above 1 is faster for GFLOP/s and samples/s.")
    print("W5 also times the same BLAS calls in xgrad's process, alternating with it (last column): that ratio")
    print("holds on a machine whose speed drifts between the reference run and xgrad's.\n")
    head = ["metric", "xgrad", "LibTorch", "PyTorch", "OpenBLAS", "vs LibTorch", "vs OpenBLAS", "vs BLAS alongside"]
    widths = [24, 9, 9, 9, 9, 12, 12, 18]
    for threads, config in ((1, "t1"), (2, "t2")):
        print(f"-- {threads} thread{'s' if threads > 1 else ''} " + "-" * 88)
        print("".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(head, widths))))
        for label, workload, key, decimals, higher, blas_op in ROWS:
            x = median(ours, config, workload, key)
            if threads == 1:
                lt, pt = median(libtorch, "t1", workload, key), median(torch, "t1", workload, key)
            else:
                lt = best_two_threads(libtorch, workload, key, higher)
                pt = best_two_threads(torch, workload, key, higher)
            ob = gemm.get((blas_op[0], blas_op[1], threads)) if blas_op else None
            alongside = median(ours, config, workload, key.replace("_gflops", "_raw_gflops")) if blas_op else None
            cells = [label, fmt(x, decimals), fmt(lt, decimals), fmt(pt, decimals), fmt(ob, decimals),
                     ratio(x, lt), ratio(x, ob) if ob else "", ratio(x, alongside) if alongside else ""]
            print("".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))))
        print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", help="the Release build directory")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--references", default=REFERENCE, help="folder of the reference results_*.json")
    parser.add_argument("--table-only", action="store_true", help="print the table of the last run's results")
    args = parser.parse_args()
    global REFERENCE_DIR
    REFERENCE_DIR = args.references
    coretype = load("results_libtorch.json")["meta"]["OPENBLAS_CORETYPE"]
    out = os.path.join(args.build, "benchmarks", "results_xgrad.json")
    if args.table_only:
        with open(out) as f:
            print_table(json.load(f)["results"], coretype)
        return
    ours = run_all(args.build, args.repeats, coretype)
    meta = {"repeats": args.repeats, "OPENBLAS_CORETYPE": coretype, "time": time.strftime("%Y-%m-%d %H:%M:%S")}
    with open(out, "w") as f:
        json.dump({"meta": meta, "results": ours}, f, indent=1)
    print(f"wrote {out}\n", file=sys.stderr)
    print_table(ours, coretype)


if __name__ == "__main__":
    main()
