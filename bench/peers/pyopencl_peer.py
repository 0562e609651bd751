#!/usr/bin/python3
"""PyOpenCL peer of clarity's scan, compaction and sort benchmarks (bench_scan, bench_sort).

Runs on the OpenCL device clarity would pick: PYOPENCL_CTX if set, else CLARITY_DEVICE
("<platform substring>[:<device index>]"), else the first GPU, else the first device (PoCL on a
machine without a GPU). Needs Debian's python3-pyopencl and python3-numpy, hence the system
Python rather than a pyenv one:

    /usr/bin/python3 bench/peers/pyopencl_peer.py [--sizes 20,22,24] [--reps 10]

Each case runs once for warm-up (kernel builds) and is checked, then is timed --reps times on the
host: the call plus queue.finish(), with time.perf_counter(). The median is printed in ms. So,
unlike clarity's benches (device profiling markers around 10 back-to-back runs), these times
include the host's launch overhead and one synchronisation per run.

Names follow the C++ benchmarks with "pyopencl" as the implementation: scan/inclusive/pyopencl/4194304.
"""
import argparse
import os
import statistics
import time

import numpy as np
import pyopencl as cl
import pyopencl.array as cla
from pyopencl.algorithm import RadixSort, copy_if, unique
from pyopencl.scan import ExclusiveScanKernel, InclusiveScanKernel


def make_context():
    if "PYOPENCL_CTX" in os.environ:
        return cl.create_some_context(interactive=False)
    platform_part, _, index = os.environ.get("CLARITY_DEVICE", "").partition(":")
    for platform in cl.get_platforms():
        if platform_part.lower() not in platform.name.lower():
            continue
        devices = platform.get_devices()
        if index:
            return cl.Context([devices[int(index)]])
        gpus = [d for d in devices if d.type & cl.device_type.GPU]
        return cl.Context([(gpus or devices)[0]])
    raise SystemExit("no OpenCL device matches CLARITY_DEVICE")


def cases(ctx, queue):
    """Yields (name, make): make(n) returns (run, check) for one size."""
    inclusive = InclusiveScanKernel(ctx, np.int32, "a + b", "0")
    exclusive = ExclusiveScanKernel(ctx, np.int32, "a + b", "0")
    radix = RadixSort(ctx, "uint *ary", key_expr="ary[i]", sort_arg_names=["ary"], key_dtype=np.uint32)

    def scan(knl, last):
        def make(n):
            x, out = cla.empty(queue, n, np.int32), cla.empty(queue, n, np.int32)
            x.fill(1)
            return (lambda: knl(x, out, queue=queue)), (lambda: int(out[-1].get()) == last(n))
        return make

    def make_copy_if(n):  # 0.25, 0.75, 0.25, ...: half above 0.5
        x = cla.to_device(queue, np.where(np.arange(n) % 2 == 1, 0.75, 0.25).astype(np.float32))
        result = {}
        def run():
            result["count"] = copy_if(x, "ary[i] > 0.5f", queue=queue)[1]
        return run, lambda: int(result["count"].get()) == n // 2

    def make_unique(n):  # every value twice in a row
        x = cla.to_device(queue, (np.arange(n) // 2).astype(np.int32))
        result = {}
        def run():
            result["count"] = unique(x, queue=queue)[1]
        return run, lambda: int(result["count"].get()) == (n + 1) // 2

    def make_sort(n):  # random uint32 keys, all 32 bits; RadixSort sorts out of place
        keys = cla.to_device(queue, np.random.default_rng(0).integers(0, 2**32, n, dtype=np.uint32))
        result = {}
        def run():
            result["sorted"] = radix(keys, key_bits=32, queue=queue)[0][0]
        return run, lambda: bool(np.all(np.diff(result["sorted"].get().astype(np.int64)) >= 0))

    yield "scan/inclusive/pyopencl", scan(inclusive, lambda n: n)
    yield "scan/exclusive/pyopencl", scan(exclusive, lambda n: n - 1)
    yield "copy_if/pyopencl", make_copy_if
    yield "unique/pyopencl", make_unique
    yield "sort/uint/pyopencl", make_sort


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,22", help="powers of two, comma-separated")
    parser.add_argument("--reps", type=int, default=10)
    args = parser.parse_args()
    ctx = make_context()
    queue = cl.CommandQueue(ctx)
    device = ctx.devices[0]
    print(f"# {device.platform.name} {device.platform.version} / {device.name}, pyopencl {cl.VERSION_TEXT}")
    print(f"# median of {args.reps} runs after one warm-up, host-timed with queue.finish(), ms")
    for name, make in cases(ctx, queue):
        for n in (1 << int(p) for p in args.sizes.split(",")):
            run, check = make(n)
            run()
            queue.finish()
            if not check():
                raise SystemExit(f"{name}/{n}: wrong result")
            times = []
            for _ in range(args.reps):
                start = time.perf_counter()
                run()
                queue.finish()
                times.append(time.perf_counter() - start)
            print(f"{f'{name}/{n}':<36} {statistics.median(times) * 1e3:10.3f} ms", flush=True)


if __name__ == "__main__":
    main()
