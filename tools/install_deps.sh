#!/usr/bin/env bash
# Installs the Debian packages xgrad needs, if any is missing (Debian 12; run as root or with sudo).
set -euo pipefail

packages=(g++ cmake make libxtensor-dev libxtensor-blas-dev libopenblas-dev libboost-test-dev libzip-dev zlib1g-dev pkg-config gnuplot-nox
  libopenmpi-dev openmpi-bin)  # MPI: xg::distributed and its tests (optional for the library)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
