#!/usr/bin/env python3
"""Checks that LibTorch programs print the same numbers under xgrad as under LibTorch.

The programs are tests/compat/*.cpp. Each is compared by one of two rules:

  token by token  the output split at whitespace; tokens that are floating-point numbers
                  (with '.', an exponent, inf or nan) must agree to a relative 1e-5, every
                  other token (words, integers, shapes) must be identical;
  node names      for the programs listed in tests/compat/unseeded.txt, which draw random
                  numbers without torch::manual_seed (PyTorch's own examples, kept
                  unchanged): the program must exit 0 and print the same backward node
                  names (SumBackward0 ...), in the same order; its numbers are random;
  structure       for the programs listed in unseeded.txt as "NAME structure" (mnist: its
                  LibTorch run needs 60,000 examples, its test runs on 2,000): the program must
                  exit 0 and print the same lines once every number is replaced by "#" and
                  runs of equal lines are counted once ("\r" ends a line too).

A program that reads files runs in the working folder it is given (ctest's WORKING_DIRECTORY,
or check's --cwd). A header tests/compat/NAME.libtorch.h, if there is one, is force-included
in NAME's LibTorch build (names an older LibTorch had that 1.13 spells otherwise).

Usage:
  tools/compat_check.py check [--build DIR] [--cwd DIR] [NAME ...]
      Builds each program against LibTorch 1.13 (find_package(Torch)) in a temporary
      project, and against xgrad::torch (target compat_programs of the xgrad build DIR,
      default build/), runs both, writes LibTorch's output to tests/compat/expected/NAME.txt
      and compares the two. Needs libtorch-dev.
  tools/compat_check.py compare NAME BINARY
      Runs BINARY (NAME built against xgrad::torch) and compares its output with the
      committed tests/compat/expected/NAME.txt: the ctest test, which needs no LibTorch.
"""
import argparse
import glob
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMPAT = os.path.join(ROOT, "tests", "compat")
EXPECTED = os.path.join(COMPAT, "expected")
RELATIVE_TOLERANCE = 1e-5
FLOAT = re.compile(r"^[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+|\d+\.\d*[eE][-+]?\d+|inf|nan)$", re.IGNORECASE)
NODE = re.compile(r"\b\w+Backward\d*\b")
NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")  # with the spaces that pad it


def programs():
    return sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(COMPAT, "*.cpp")))


def unseeded():
    """The unseeded programs and their rule: "nodes" or "structure"."""
    rules = {}
    with open(os.path.join(COMPAT, "unseeded.txt")) as f:
        for line in f:
            words = line.split("#")[0].split()
            if words:
                rules[words[0]] = words[1] if len(words) > 1 else "nodes"
    return rules


def structure(output):
    """The output's lines with numbers (and the spaces before them) as " #", each run of equal lines once."""
    lines = [NUMBER.sub(" #", line).strip() for line in re.split(r"[\r\n]+", output)]
    return [line for i, line in enumerate(lines) if line and (i == 0 or line != lines[i - 1])]


def same_float(a, b):
    x, y = float(a), float(b)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y or abs(x - y) <= RELATIVE_TOLERANCE * max(abs(x), abs(y))


def differences(name, expected, actual):
    """The differences between two outputs under NAME's rule, as readable lines."""
    rule = unseeded().get(name)
    if rule == "structure":
        want, got = structure(expected), structure(actual)
        return [] if want == got else [f"the lines differ:\n  expected {want}\n  got      {got}"]
    if rule == "nodes":
        want, got = NODE.findall(expected), NODE.findall(actual)
        return [] if want == got else [f"backward node names differ:\n  expected {want}\n  got      {got}"]
    want, got = expected.split(), actual.split()
    found = []
    for i, (a, b) in enumerate(zip(want, got)):
        same = same_float(a, b) if FLOAT.match(a) and FLOAT.match(b) else a == b
        if not same:
            found.append(f"token {i}: expected {a!r}, got {b!r}")
    if len(want) != len(got):
        found.append(f"expected {len(want)} tokens, got {len(got)}")
    return found


def run(binary, cwd=None):
    """The program's standard output; raises when it fails."""
    result = subprocess.run([binary], capture_output=True, text=True, timeout=1800, cwd=cwd)
    if result.returncode != 0:
        raise RuntimeError(f"{binary} exited with {result.returncode}:\n{result.stderr}")
    return result.stdout


def report(name, found):
    if not found:
        print(f"{name}: same output")
        return True
    print(f"{name}: {len(found)} difference(s)")
    for line in found[:20]:
        print("  " + line)
    return False


def compare(args):
    path = os.path.join(EXPECTED, args.name + ".txt")
    if not os.path.exists(path):
        print(f"{args.name}: {os.path.relpath(path, ROOT)} is missing; write it from LibTorch with "
              f"tools/compat_check.py check {args.name}")
        return 1
    with open(path) as f:
        expected = f.read()
    return 0 if report(args.name, differences(args.name, expected, run(args.binary))) else 1


def build_libtorch(names, work):
    """Builds NAMES against LibTorch in a project under WORK; returns the binaries' folder."""
    configs = [path for pattern in ("/usr/lib/cmake", "/usr/lib/*/cmake", "/usr/share/cmake", "/usr/share/*/cmake")
               for path in glob.glob(pattern + "/Torch/TorchConfig.cmake")]
    if not configs:
        sys.exit("LibTorch's TorchConfig.cmake not found under /usr/lib or /usr/share (apt-get install libtorch-dev)")
    lines = ["cmake_minimum_required(VERSION 3.18)", "project(compat_libtorch CXX)", "find_package(Torch REQUIRED)"]
    for name in names:
        lines.append(f'add_executable({name} "{os.path.join(COMPAT, name)}.cpp")')
        lines.append(f"target_link_libraries({name} PRIVATE ${{TORCH_LIBRARIES}})")
        lines.append(f"set_property(TARGET {name} PROPERTY CXX_STANDARD 17)")
        prelude = os.path.join(COMPAT, name + ".libtorch.h")
        if os.path.exists(prelude):
            lines.append(f'target_compile_options({name} PRIVATE -include "{prelude}")')
    with open(os.path.join(work, "CMakeLists.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    subprocess.run(["cmake", "-S", work, "-B", os.path.join(work, "build"), "-DCMAKE_BUILD_TYPE=Release",
                    "-DTorch_DIR=" + os.path.dirname(configs[0])], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", os.path.join(work, "build"), "-j2"], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(work, "build")


def check(args):
    names = args.names or programs()
    build = os.path.abspath(args.build)
    subprocess.run(["cmake", "--build", build, "-j2", "--target", "compat_programs"], check=True,
                   stdout=subprocess.DEVNULL)
    os.makedirs(EXPECTED, exist_ok=True)
    ok = True
    with tempfile.TemporaryDirectory() as work:
        libtorch_bin = build_libtorch(names, work)
        for name in names:
            expected = run(os.path.join(libtorch_bin, name), args.cwd)
            with open(os.path.join(EXPECTED, name + ".txt"), "w") as f:
                f.write(expected)
            try:
                actual = run(os.path.join(build, "tests", "compat", "compat_" + name), args.cwd)
            except RuntimeError as error:
                print(f"{name}: {error}")
                ok = False
                continue
            ok = report(name, differences(name, expected, actual)) and ok
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="build against LibTorch and xgrad, write expected/, compare")
    check_parser.add_argument("--build", default=os.path.join(ROOT, "build"), help="the xgrad build folder")
    check_parser.add_argument("--cwd", help="the working folder the programs run in (default: this one)")
    check_parser.add_argument("names", nargs="*", help="programs (default: every tests/compat/*.cpp)")
    compare_parser = commands.add_parser("compare", help="compare one xgrad build's output with expected/")
    compare_parser.add_argument("name")
    compare_parser.add_argument("binary")
    args = parser.parse_args()
    return check(args) if args.command == "check" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
