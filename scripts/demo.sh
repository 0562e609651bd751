#!/usr/bin/env bash
# Builds clarity and runs the main demo (samples/tour) on the default device: the first GPU,
# else PoCL on the CPU; CLARITY_DEVICE=<platform>[:<index>] picks another.
# Usage: bash scripts/demo.sh [build-dir]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bash scripts/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "$(nproc)" --target tour
"$build/samples/tour"
