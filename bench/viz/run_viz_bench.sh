#!/usr/bin/env bash
# Frames per second of the clarity::viz samples scrolling_lines and spectrogram beside the same
# scenes in VisPy (bench/peers/vispy_peer.py), all headless under one Xvfb and the same GL, in
# one run. Prints one table (clarity as shipped, clarity drawing every point of its dense lines
# with --decimate off, VisPy, and the ratio clarity / VisPy), and the interop path clarity took.
#   bench/viz/run_viz_bench.sh BUILD_DIR [FRAMES]     (FRAMES per scene, default 20)
# Needs xvfb-run (Debian xvfb) and, for the peer, Debian's VisPy 0.6 with its Qt5 backend.
set -euo pipefail
build=${1:?usage: run_viz_bench.sh BUILD_DIR [FRAMES]}
frames=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
peer=$here/../peers/vispy_peer.py
python=/usr/bin/python3  # the system Python that Debian's python3-vispy installs into

if ! "$python" -c 'import vispy, PyQt5, OpenGL' 2>/dev/null; then
    echo "run_viz_bench.sh: VisPy is missing; install it with" >&2
    echo "  apt-get install python3-vispy python3-pyqt5 python3-opengl" >&2
    exit 1
fi
for sample in scrolling_lines spectrogram; do
    [[ -x $build/samples/$sample ]] || { echo "run_viz_bench.sh: build $build/samples/$sample first" >&2; exit 1; }
done

# Inside the one X server: each program's "<fps> frames per second" line, tagged.
inside() {
    local sample fps
    for sample in scrolling_lines spectrogram; do
        fps=$("$build/samples/$sample" --frames "$frames" 2>"$out/$sample.err" | awk '/frames per second/ {print $1}')
        echo "clarity $sample ${fps:-failed}"
        fps=$("$build/samples/$sample" --frames "$frames" --decimate off 2>"$out/$sample-all-points.err" |
              awk '/frames per second/ {print $1}')
        echo "every-point $sample ${fps:-failed}"
        fps=$("$python" "$peer" "$sample" --frames "$frames" 2>"$out/vispy-$sample.err" | awk '/frames per second/ {print $1}')
        echo "vispy $sample ${fps:-failed}"
    done
    sed -n 's/^interop: //p' "$out/scrolling_lines.err" | head -1 | sed 's/^/interop /'
    "$python" -c 'from vispy import gloo, app; app.use_app("pyqt5"); c = app.Canvas(show=False); c.set_current();
print("renderer", gloo.gl.glGetParameter(gloo.gl.GL_RENDERER))' 2>/dev/null || true
}
if [[ -n ${VIZ_BENCH_OUT:-} ]]; then  # this script again, inside the X server (below)
    out=$VIZ_BENCH_OUT inside
    exit
fi
out=$(mktemp -d)
# xvfb-run's /bin/sh drops exported shell functions, so the script runs itself inside.
results=$(VIZ_BENCH_OUT=$out xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" "$build" "$frames")

value() { awk -v k="$1 $2" '$1 " " $2 == k {print $3}' <<<"$results"; }
printf '%-16s %12s %18s %12s %8s\n' scene "clarity fps" "no decimation fps" "vispy fps" ratio
for scene in scrolling_lines spectrogram; do
    c=$(value clarity "$scene") a=$(value every-point "$scene") v=$(value vispy "$scene")
    ratio=$(awk -v c="$c" -v v="$v" 'BEGIN { if (c + 0 > 0 && v + 0 > 0) printf "%.2fx", c / v; else print "-" }')
    printf '%-16s %12s %18s %12s %8s\n' "$scene" "$c" "$a" "$v" "$ratio"
done
echo "frames per scene: $frames (the first, which sets up, not timed); window 1000 x 800"
grep -E '^(interop|renderer) ' <<<"$results" || true
echo "stderr of each program: $out"
