#!/usr/bin/env python3
"""PyTorch (CUDA) peer of the clarity benchmarks: the same operations at the same sizes.

Each case is timed with CUDA events around every repetition, after warm-up runs, and reported
as the median over the repetitions, in ms and GB/s (10^9 bytes read + written per second).
Names follow the C++ benchmarks with "torch" as the implementation: copy/torch/1048576.

    python3 bench/peers/torch_peer.py [--cases copy,saxpy] [--reps 50] [--json out.json]

--json writes the results in Google Benchmark's JSON layout, which bench/summarize.py reads.

A new peer is one function registered with @case("name"): given a size n, it makes its inputs
and returns (run, bytes): a callable that enqueues the operation once, and the bytes one run
reads plus writes. @case("name", sizes=[...]) runs it at its own sizes instead of SIZES.
"""
import argparse
import json
import statistics
import sys

import torch

SIZES = [1 << p for p in range(20, 29, 2)]  # 2^20 .. 2^28 elements, as the C++ benchmarks
FLOAT_BYTES = 4

CASES = {}
CASE_SIZES = {}


def case(name, sizes=None):
    def register(make):
        CASES[name] = make
        CASE_SIZES[name] = sizes or SIZES
        return make

    return register


@case("copy")
def copy(n):
    src = torch.full((n,), 1.5, dtype=torch.float32, device="cuda")
    dst = torch.empty_like(src)
    return (lambda: dst.copy_(src)), 2 * n * FLOAT_BYTES


@case("saxpy")
def saxpy(n):
    x = torch.full((n,), 1.0, dtype=torch.float32, device="cuda")
    y = torch.full((n,), 0.5, dtype=torch.float32, device="cuda")
    return (lambda: y.add_(x, alpha=2.0)), 3 * n * FLOAT_BYTES


@case("sum")
def float_sum(n):
    x = torch.rand((n,), dtype=torch.float32, device="cuda")
    return (lambda: torch.sum(x)), n * FLOAT_BYTES


@case("dot")
def float_dot(n):
    x = torch.rand((n,), dtype=torch.float32, device="cuda")
    y = torch.rand((n,), dtype=torch.float32, device="cuda")
    return (lambda: torch.dot(x, y)), 2 * n * FLOAT_BYTES


@case("scan_inclusive_int32")
def inclusive_scan(n):  # torch.cumsum runs CUB's decoupled look-back scan
    x = torch.randint(0, 100, (n,), dtype=torch.int32, device="cuda")
    out = torch.empty_like(x)
    return (lambda: torch.cumsum(x, 0, out=out)), 2 * n * 4


@case("copy_if_float")
def copy_if(n):  # boolean-mask selection, x > 0.5 keeps about half
    x = torch.rand((n,), dtype=torch.float32, device="cuda")
    return (lambda: x[x > 0.5]), n * FLOAT_BYTES + (n // 2) * FLOAT_BYTES


def fft_round_trip(shape, dim):
    """One forward and one inverse complex float FFT over `dim`, as bench/bench_fft.cpp times them.
    Bytes: one read and one write of the data per transform."""
    x = torch.randn(shape, dtype=torch.complex64, device="cuda")
    return (lambda: torch.fft.ifftn(torch.fft.fftn(x, dim=dim), dim=dim)), 2 * 2 * x.numel() * 8


@case("fft_1d", sizes=[1 << 20, 1 << 24])
def fft_1d(n):
    return fft_round_trip((n,), (-1,))


@case("fft_2d", sizes=[4096])
def fft_2d(n):  # n x n
    return fft_round_trip((n, n), (-2, -1))


@case("fft_batched", sizes=[4096])
def fft_batched(n):  # n rows of n points
    return fft_round_trip((n, n), (-1,))


def random_keys(n, dtype):
    if dtype == torch.float32:
        return torch.rand((n,), dtype=dtype, device="cuda") - 0.5
    return torch.randint(0, 1 << 31, (n,), dtype=dtype, device="cuda")


def cupy_sort(n, dtype):  # keys only: CuPy's sort is CUB's radix sort (torch.sort always makes indices)
    import cupy

    x = cupy.asarray(random_keys(n, dtype))
    return (lambda: cupy.sort(x)), 2 * n * 4


@case("sort_uint")
def sort_uint(n):  # int32 keys below 2^31 stand in for uint32 (torch has no uint32 sort)
    return cupy_sort(n, torch.int32)


@case("sort_float")
def sort_float(n):
    return cupy_sort(n, torch.float32)


def sort_by_key(n, dtype):  # stable sort of the keys, then the values gathered by the permutation
    keys = random_keys(n, dtype)
    values = torch.arange(n, dtype=torch.int32, device="cuda")

    def run():
        sorted_keys, order = torch.sort(keys, stable=True)
        return sorted_keys, values[order]

    return run, 2 * n * 8


@case("sort_by_key_uint")
def sort_by_key_uint(n):
    return sort_by_key(n, torch.int32)


@case("sort_by_key_float")
def sort_by_key_float(n):
    return sort_by_key(n, torch.float32)


def median_ms(run, reps, warmup):
    for _ in range(warmup):
        run()
    events = [(torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)) for _ in range(reps)]
    for start, end in events:
        start.record()
        run()
        end.record()
    torch.cuda.synchronize()
    return statistics.median(start.elapsed_time(end) for start, end in events)


def measure(make, n, reps, warmup):
    """(median ms, bytes per run) of case `make` at size n; its tensors are freed on return."""
    run, n_bytes = make(n)
    return median_ms(run, reps, warmup), n_bytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated, from: " + ", ".join(CASES))
    parser.add_argument("--reps", type=int, default=50, help="timed repetitions per size, at least 20")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--json", help="write Google Benchmark-style JSON here")
    args = parser.parse_args()
    if args.reps < 20:
        parser.error("--reps: a median needs at least 20 repetitions")
    if not torch.cuda.is_available():
        sys.exit("torch_peer: PyTorch sees no CUDA device")
    unknown = [name for name in args.cases.split(",") if name not in CASES]
    if unknown:
        sys.exit(f"torch_peer: unknown case(s) {', '.join(unknown)}; known: {', '.join(CASES)}")

    device = torch.cuda.get_device_name()
    print(f"torch {torch.__version__} on {device}")
    print(f"{'benchmark':<40} {'time ms':>10} {'GB/s':>10}")
    results = []
    for name in args.cases.split(","):
        for n in CASE_SIZES[name]:
            row = {"name": f"{name}/torch/{n}", "run_type": "iteration", "time_unit": "ms", "iterations": args.reps}
            try:
                ms, n_bytes = measure(CASES[name], n, args.reps, args.warmup)
                row.update(real_time=ms, bytes_per_second=n_bytes / (ms * 1e-3))
                row["GB/s"] = row["bytes_per_second"] * 1e-9
                print(f"{row['name']:<40} {ms:>10.4f} {row['GB/s']:>10.1f}")
            except RuntimeError as e:  # torch.cuda.OutOfMemoryError among others: go on with the next size
                row.update(error_occurred=True, error_message=str(e).splitlines()[0])
                print(f"{row['name']:<40} error: {row['error_message']}")
            results.append(row)

    if args.json:
        context = {"executable": "torch_peer.py", "torch": torch.__version__, "cuda_device": device}
        with open(args.json, "w") as out:
            json.dump({"context": context, "benchmarks": results}, out, indent=2)


if __name__ == "__main__":
    main()
