#!/usr/bin/env bash
# Installs the built library into a temporary prefix, then builds and runs a
# separate project that finds it with find_package(xgrad).
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir/tests/install/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer"
"$work/consumer/torch_consumer"
echo "find_package(xgrad) from an install prefix, xgrad::xgrad and xgrad::torch: OK"
