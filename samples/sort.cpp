// Sorting 10^6 particles by the grid cell they are in, as a particle-in-cell or neighbour search
// code does before each step: a RadixSort whose key (the cell, computed from x and y on the fly)
// moves x, y and a payload together. Checks the result on the host and prints timings.
#include <clarity/clarity.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

constexpr std::size_t particles = 1'000'000;
constexpr int grid = 256;         // cells per side of the unit square
constexpr unsigned cell_bits = 16;  // grid * grid cells

unsigned cell_of(float x, float y) {
    return unsigned(std::floor(y * grid) * grid + std::floor(x * grid));
}

// Whether the sorted particles are the originals, ordered by cell, and in their original
// order within a cell (the radix sort is stable; the payload is each particle's first index).
bool check(const std::vector<float>& x0, const std::vector<float>& y0, const std::vector<float>& x,
           const std::vector<float>& y, const std::vector<int>& payload) {
    for (std::size_t i = 0; i < particles; ++i) {
        const auto from = std::size_t(payload[i]);
        if (x[i] != x0[from] || y[i] != y0[from]) return false;
        if (i == 0) continue;
        const unsigned previous = cell_of(x[i - 1], y[i - 1]), cell = cell_of(x[i], y[i]);
        if (previous > cell || (previous == cell && payload[i - 1] > payload[i])) return false;
    }
    return true;
}

}  // namespace

int main() {
    auto& q = clarity::default_queue();
    const auto x0 = clarity::rand<float>(q, {particles}, 1).get();
    const auto y0 = clarity::rand<float>(q, {particles}, 2).get();

    const clarity::RadixSort by_cell(q.context(), "__global float *x, __global float *y, __global int *payload",
                                     "floor(y[i] * GRID) * GRID + floor(x[i] * GRID)", {"x", "y", "payload"},
                                     {.preamble = "#define GRID " + std::to_string(grid) + ".0f"});
    auto x = clarity::to_device(q, x0);
    auto y = clarity::to_device(q, y0);
    auto payload = clarity::arange<int>(q, 0, int(particles));
    by_cell.launch({.key_bits = cell_bits}, x, y, payload).wait();  // builds the kernels
    if (!check(x0, y0, x.get(), y.get(), payload.get())) {
        std::printf("FAILED: the particles are not sorted by cell\n");
        return 1;
    }
    std::printf("%zu particles sorted by cell (%d x %d grid), x, y and payload carried along: ok\n", particles,
                grid, grid);

    // Timing: each run restores the unsorted particles first (not timed).
    const int runs = 10;
    double total = 0;
    for (int r = 0; r < runs; ++r) {
        x.set(x0);
        y.set(y0);
        payload = clarity::arange<int>(q, 0, int(particles));
        q.finish();
        const auto start = std::chrono::steady_clock::now();
        by_cell.launch({.key_bits = cell_bits}, x, y, payload).wait();
        total += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    const double seconds = total / runs;
    std::printf("sort by cell: %.3f ms per sort (mean of %d), %.1f Mparticles/s\n", seconds * 1e3, runs,
                particles / seconds * 1e-6);
    return 0;
}
