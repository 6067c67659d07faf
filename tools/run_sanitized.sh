#!/usr/bin/env bash
# The hardening legs of tools/run.sh (see the README, "Hardening"). Each has its own build folder,
# so it never disturbs the Release build in build/.
#   sanitize  every test under AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer,
#             with -Wall -Wextra -Werror, and with the live-object counters on (test_live_objects).
#             -O1 keeps it fast; examples and benchmarks are left
#             out (test_examples compares their printed text, which the Release run checks).
#             install_find_package is skipped: a consumer built without the sanitizers cannot
#             link a sanitized library.
#   tsan      test_threads (two threads training separate models) under ThreadSanitizer.
#             OpenBLAS runs single-threaded: its own thread pool is not instrumented.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
common=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" -DXGRAD_BUILD_EXAMPLES=OFF
        -DXGRAD_BUILD_BENCHMARKS=OFF -DXGRAD_WERROR=ON)

case "$1" in
  sanitize)
    build=${XGRAD_SANITIZE_BUILD_DIR:-build-sanitize}
    cmake -S . -B "$build" "${common[@]}" -DXGRAD_SANITIZE=address,undefined -DXGRAD_LIVE_COUNTS=ON
    cmake --build "$build" -j"$jobs"
    # allocator_may_return_null: an allocation larger than any memory returns null, as without
    # ASan, so the test of xgrad's out-of-memory error runs here too.
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:allocator_may_return_null=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ctest --test-dir "$build" --output-on-failure -j"$jobs" -E '^install_find_package$' -LE '^mpi$'
    # OpenMPI never frees part of what MPI_Init allocates (and unloads its plug-ins before
    # LeakSanitizer looks), so the MPI jobs run under ASan and UBSan without leak checking.
    ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 ctest --test-dir "$build" --output-on-failure -j"$jobs" -L '^mpi$'
    ;;
  tsan)
    build=${XGRAD_TSAN_BUILD_DIR:-build-tsan}
    cmake -S . -B "$build" "${common[@]}" -DXGRAD_SANITIZE=thread
    cmake --build "$build" -j"$jobs" --target test_threads
    export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 OPENBLAS_NUM_THREADS=1
    ctest --test-dir "$build" --output-on-failure -R '^test_threads$'
    ;;
  *)
    echo "usage: bash tools/run_sanitized.sh sanitize|tsan" >&2
    exit 2
    ;;
esac
