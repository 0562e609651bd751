#!/usr/bin/env bash
# The one script to run on a GPU machine, from the repository root, with a build directory made
# elsewhere (x86-64) carried along:
#
#   bash bench/run_gpu.sh [BUILD_DIR]        # BUILD_DIR defaults to build
#
# Shows the device, runs every BUILD_DIR/bench/bench_* executable, then the PyTorch peer where
# torch imports, then one combined table (bench/summarize.py). A step that fails is reported
# and the rest still run; the exit status is 1 if any step failed.
#
# Environment:
#   CLARITY_DEVICE   which OpenCL device the benchmarks use (default: nvidia)
#   OUT              if set, receives bench_results.json (every run, combined) and run_gpu.log
#   BENCH_MIN_TIME   seconds each benchmark runs for at least (default 0.2; libbenchmark 1.7 syntax)
#   BENCH_FILTER     regular expression of the benchmarks to run (default: all), e.g. '/(1048576|4194304)/'
#   BENCH_TIMEOUT    seconds after which one executable is stopped (default 240)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
export CLARITY_DEVICE=${CLARITY_DEVICE:-nvidia}
min_time=${BENCH_MIN_TIME:-0.2}
filter=${BENCH_FILTER:-.}
timeout_s=${BENCH_TIMEOUT:-240}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
if [ -n "${OUT:-}" ]; then
    mkdir -p "$OUT"
    exec > >(tee "$OUT/run_gpu.log") 2>&1
fi
failed=()

section() { printf '\n===== %s =====\n' "$*"; }

section device
# GPU machines may lack the OpenCL ICD loader; shared/device/prepare.sh puts one in .device-kit/.
if ! ldconfig -p | grep -q 'libOpenCL\.so\.1' && [ -f "$root/.device-kit/prelude.sh" ]; then
    bash "$root/.device-kit/prelude.sh" || failed+=("OpenCL prelude")
fi
if command -v clinfo >/dev/null; then clinfo -l; else echo "clinfo: not installed"; fi
if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
else
    echo "nvidia-smi: not installed"
fi
echo "CLARITY_DEVICE=$CLARITY_DEVICE"

shopt -s nullglob
executables=("$build"/bench/bench_*)
if [ ${#executables[@]} -eq 0 ]; then
    echo "no benchmarks in $build/bench: build with -DCLARITY_BUILD_BENCHMARKS=ON"
    failed+=("build")
fi
for exe in "${executables[@]}"; do
    [ -x "$exe" ] || continue
    name=$(basename "$exe")
    section "$name"
    timeout "$timeout_s" "$exe" --benchmark_format=console --benchmark_min_time="$min_time" --benchmark_filter="$filter" \
        --benchmark_out="$results/$name.json" --benchmark_out_format=json
    status=$?
    [ $status -eq 0 ] || { echo "$name: FAILED (exit status $status)"; failed+=("$name"); }
done

section "PyTorch peer"
if python3 -c 'import torch' 2>/dev/null; then
    python3 "$root/bench/peers/torch_peer.py" --json "$results/torch_peer.json" || failed+=("torch_peer.py")
else
    echo "torch is not importable here: PyTorch peer skipped"
fi

section summary
json=("$results"/*.json)
if [ ${#json[@]} -gt 0 ]; then
    combined=()
    [ -z "${OUT:-}" ] || combined=(--out "$OUT/bench_results.json")
    python3 "$root/bench/summarize.py" "${json[@]}" "${combined[@]}" || failed+=("summarize.py")
else
    echo "no results to summarize"
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}"
    exit 1
fi
echo "all steps ran"
