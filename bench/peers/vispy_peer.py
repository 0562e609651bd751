#!/usr/bin/python3
"""The clarity::viz sample scenes in VisPy 0.6 (Debian python3-vispy, Qt5 backend), for
bench/viz/run_viz_bench.sh:

  scrolling_lines  10,000 lines x 2,000 points in a 100 x 100 grid (ScrollingLinesVisual, as in
                   VisPy's scrolling_plots demo); each frame rolls in 10 new samples per line.
  spectrogram      the STFT (dB) of a 10^6-sample log chirp (1-500 Hz at 1 kHz) as an image
                   above, the signal as a line below; both views pan and zoom every frame.

Each frame is canvas.render(): VisPy's headless path, an offscreen framebuffer read back to
the host; the clarity samples read each headless frame back too (figure::capture). Drawing
into a pushed framebuffer without
the read-back drew only the first frame under VisPy 0.6 with a hidden Qt canvas, and the
hidden canvas has no window surface of its own (swap_buffers fails). Prints
"<fps> frames per second (<n> frames)" like the samples; --png saves the last frame.

  vispy_peer.py scrolling_lines|spectrogram --frames N [--png FILE]
"""
import argparse
import math
import sys
import time

import numpy as np
from vispy import app, io, scene

WIDTH, HEIGHT = 1000, 800


def scrolling_lines(canvas):
    rows = cols = 100
    points, per_frame = 2000, 10
    view = canvas.central_widget.add_view(camera="panzoom")
    view.camera.rect = (0, 0, cols, rows)
    colors = np.tile(np.array([[0.12, 0.47, 0.71, 1.0]], np.float32), (rows * cols, 1))
    # Cells of 1 x 2 hold y in [-1, 1]; scaled by 1/2 and lifted by 1/2 they become the unit cells
    # of clarity's grid_cols layout.
    lines = scene.ScrollingLines(n_lines=rows * cols, line_size=points, columns=cols, dx=1.0 / points,
                                 cell_size=(1, 2), color=colors, parent=view.scene)
    lines.transform = scene.STTransform(scale=(1, 0.5), translate=(0, 0.5))
    rng = np.random.default_rng(1)

    def step(frame):
        data = rng.uniform(-0.25, 0.25, size=(rows * cols, per_frame)).astype(np.float32)
        spikes = rng.random(size=data.shape) < 1 / 256  # the clarity sample's rare spikes
        data[spikes] = np.where(rng.random(size=int(spikes.sum())) < 0.5, -0.9, 0.9)
        lines.roll_data(data)

    return step


def log_chirp(samples=1_000_000, rate=1000.0, f0=1.0, f1=500.0):
    growth = math.log(f1 / f0) / (samples / rate)
    cycles = f0 / growth * np.expm1(growth * np.arange(samples) / rate)
    return np.sin(2 * np.pi * (cycles - np.floor(cycles))).astype(np.float32)


def stft_db(signal, window_length=1024, hop=256):
    frames = np.lib.stride_tricks.sliding_window_view(signal, window_length)[::hop]
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(window_length) / window_length)
    magnitude = np.abs(np.fft.rfft(frames * window, axis=1))
    return (20 * np.log10(np.maximum(magnitude, 1e-10))).astype(np.float32)  # (frames, bins)


def camera_rect(frame, width, y0, y1):
    """The clarity sample's camera: a slow pan while zooming between 1 and 1/20 of the width."""
    phase = frame * 0.02
    shown = width * (0.05 + 0.95 * (0.5 + 0.5 * math.cos(phase)))
    centre = width / 2 + (width - shown) / 2 * math.sin(phase * 0.37)
    return (centre - shown / 2, y0, shown, y1 - y0)


def spectrogram(canvas):
    window_length, hop = 1024, 256
    signal = log_chirp()
    image = np.ascontiguousarray(stft_db(signal, window_length, hop).T)  # (bins, frames)
    bins, frames = image.shape
    peak = float(image.max())
    grid = canvas.central_widget.add_grid()
    top = grid.add_view(row=0, col=0, camera="panzoom")
    bottom = grid.add_view(row=1, col=0, camera="panzoom")
    scene.Image(image, cmap="viridis", clim=(peak - 80, peak), parent=top.scene)
    x = (np.arange(signal.size) - (window_length / 2 - hop / 2)) / hop  # in STFT frames
    scene.Line(np.column_stack([x, signal]).astype(np.float32), color=(0.12, 0.47, 0.71, 1), parent=bottom.scene)

    def step(frame):
        top.camera.rect = camera_rect(frame, frames, 0, bins)
        bottom.camera.rect = camera_rect(frame, frames, -1.2, 1.2)

    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scene", choices=["scrolling_lines", "spectrogram"])
    parser.add_argument("--frames", type=int, default=10)
    parser.add_argument("--png")
    args = parser.parse_args()

    app.use_app("pyqt5")
    canvas = scene.SceneCanvas(size=(WIDTH, HEIGHT), show=False, bgcolor="white")
    step = {"scrolling_lines": scrolling_lines, "spectrogram": spectrogram}[args.scene](canvas)
    start = time.perf_counter()
    for frame in range(args.frames):
        step(frame)
        picture = canvas.render()
        if frame == 0:
            start = time.perf_counter()  # the first frame uploads everything, as in the samples
    seconds = time.perf_counter() - start
    if args.frames > 1:
        print(f"{(args.frames - 1) / seconds:.2f} frames per second ({args.frames - 1} frames)")
    if args.png:
        io.write_png(args.png, picture)
    return 0


if __name__ == "__main__":
    sys.exit(main())
