#!/usr/bin/env bash
# check_abort.sh MODE MPIRUN... : runs the job (abort_on_error), which must end on its own, with a
# non-zero exit code and an error naming the failing rank, rather than hang.
set -uo pipefail
mode=$1
shift
output=$(timeout 30 "$@" 2>&1)
code=$?
echo "$output"
if [ "$code" -eq 124 ]; then
  echo "FAIL: the job hung (killed after 30 s)"
  exit 1
fi
if [ "$code" -eq 0 ]; then
  echo "FAIL: the job exited with code 0"
  exit 1
fi
case "$mode" in
  terminate) expected="rank 1 of 2: uncaught exception: [train_step] rank 1 failed on purpose; aborting the job" ;;
  guard) expected="rank 1 of 2: an exception is leaving the scope of xg::distributed::InitGuard" ;;
esac
if ! grep -qF "$expected" <<<"$output"; then
  echo "FAIL: the output does not contain: $expected"
  exit 1
fi
echo "OK: the job ended with exit code $code and rank 1's error"
