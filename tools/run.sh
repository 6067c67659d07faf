#!/usr/bin/env bash
# The README's commands:
#   bash tools/run.sh example   installs what is missing, builds, runs the flagship example (optimizer_race)
#   bash tools/run.sh test      installs what is missing, builds, runs every test (ctest)
#   bash tools/run.sh bench     installs what is missing, builds, runs W1-W5 beside the references (tools/bench.py)
# and the hardening legs (README, "Hardening"), each in its own build folder:
#   bash tools/run.sh sanitize  every test again under AddressSanitizer + UBSan + LeakSanitizer,
#                               with -Wall -Wextra -Werror (CI runs it after `test`)
#   bash tools/run.sh tsan      the threading test under ThreadSanitizer
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  example | test | bench | sanitize | tsan) ;;
  *)
    echo "usage: bash tools/run.sh example|test|bench|sanitize|tsan" >&2
    exit 2
    ;;
esac

bash tools/install_deps.sh
if [ "$1" = sanitize ] || [ "$1" = tsan ]; then
  exec bash tools/run_sanitized.sh "$1"
fi
build=${XGRAD_BUILD_DIR:-build}
jobs=$(nproc)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release

if [ "$1" = example ]; then
  cmake --build "$build" -j"$jobs" --target optimizer_race
  mkdir -p "$build/pictures"
  "$build/examples/optimizer_race" "$build/pictures"
  echo "(the pictures are in $build/pictures)"
elif [ "$1" = bench ]; then
  cmake --build "$build" -j"$jobs" --target w1_overhead w2_linreg w3_adam w4_mlp w5_gemm
  python3 tools/bench.py "$build"
else
  cmake --build "$build" -j"$jobs"
  ctest --test-dir "$build" --output-on-failure -j"$jobs"
fi
