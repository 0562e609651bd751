#!/usr/bin/env python3
"""One compact table from benchmark JSON files (Google Benchmark's, and the peers' in its layout).

    python3 bench/summarize.py results/*.json [--out combined.json]

First every run: name, time in ms, GB/s (10^9 bytes read + written per second). Then, for each
operation, GB/s side by side: one row per size, one column per implementation. Names are
<operation>/<implementation>/<size>, e.g. saxpy/boost_compute/1048576; the operation may hold
slashes itself (scan/inclusive/clarity/1048576).
--out writes all the runs and each file's context into one JSON file.
"""
import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

MS_PER_UNIT = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
TIME_SUFFIXES = ("/real_time", "/manual_time")


def load(paths):
    """(runs, contexts): the per-iteration runs of every readable file, and each file's context."""
    runs, contexts = [], {}
    for path in map(Path, paths):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as e:  # an executable that crashed leaves a partial file
            print(f"{path.name}: unreadable ({e})", file=sys.stderr)
            continue
        contexts[path.stem] = data.get("context", {})
        for run in data.get("benchmarks", []):
            if run.get("run_type", "iteration") == "iteration":  # aggregates repeat what the runs say
                runs.append(dict(run, name=short_name(run["name"])))
    return runs, contexts


def short_name(name):
    for suffix in TIME_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def print_runs(runs):
    width = max([len(r["name"]) for r in runs] + [len("benchmark")])
    print(f"{'benchmark':<{width}} {'time ms':>10} {'GB/s':>9}")
    for r in runs:
        if r.get("error_occurred"):
            print(f"{r['name']:<{width}} error: {r.get('error_message', '')}")
            continue
        ms = r["real_time"] * MS_PER_UNIT[r["time_unit"]]
        gbs = f"{r['bytes_per_second'] * 1e-9:9.1f}" if "bytes_per_second" in r else f"{'-':>9}"
        print(f"{r['name']:<{width}} {ms:10.4f} {gbs}")


def print_side_by_side(runs):
    # operation -> size -> implementation -> GB/s
    table = defaultdict(lambda: defaultdict(dict))
    for r in runs:
        operation, implementation, size = (r["name"].rsplit("/", 2) + ["", ""])[:3]
        if not size.isdigit() or r.get("error_occurred") or "bytes_per_second" not in r:
            continue
        table[operation][int(size)][implementation] = r["bytes_per_second"] * 1e-9
    for operation, sizes in table.items():
        implementations = list(dict.fromkeys(i for by_impl in sizes.values() for i in by_impl))
        label = operation + " GB/s"
        first = max(len(label), 12)
        widths = [max(len(i), 9) for i in implementations]
        print(f"\n{label:<{first}}" + "".join(f" {i:>{w}}" for i, w in zip(implementations, widths)))
        for size in sorted(sizes):
            cells = (f"{sizes[size][i]:.1f}" if i in sizes[size] else "-" for i in implementations)
            print(f"{size:<{first}}" + "".join(f" {c:>{w}}" for c, w in zip(cells, widths)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="JSON files")
    parser.add_argument("--out", help="write every run and context here, as one JSON file")
    args = parser.parse_args()
    runs, contexts = load(args.files)
    if not runs:
        sys.exit("summarize: no benchmark runs found")
    for name, context in contexts.items():
        device = context.get("opencl_device") or context.get("cuda_device")
        if device:
            print(f"{name}: {device}")
    print_runs(runs)
    print_side_by_side(runs)
    if args.out:
        Path(args.out).write_text(json.dumps({"context": contexts, "benchmarks": runs}, indent=2))


if __name__ == "__main__":
    main()
