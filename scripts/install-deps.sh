#!/usr/bin/env bash
# Installs the Debian packages clarity builds with. Idempotent: when every package is already
# installed it only says so (no apt-get update, no network).
set -euo pipefail

packages=(
  cmake g++ make                                 # toolchain
  ocl-icd-opencl-dev opencl-clhpp-headers        # OpenCL ICD loader and C++ bindings
  pocl-opencl-icd clinfo                         # OpenCL on the CPU, and a device lister
  libclfft-dev                                   # FFT
  libglfw3-dev python3-glad xvfb xauth           # plotting layer: windows, GL loader generator, headless X (xvfb-run needs xauth)
  doctest-dev libbenchmark-dev libboost-dev      # tests, benchmarks, Boost.Compute as a benchmark peer
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
