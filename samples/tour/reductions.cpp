// Reductions: built-in sum/dot/min/max/mean/argmax and a ReductionKernel, results on the device.
#include "tour.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

void tour::reductions(clarity::queue& q) {
    section("Reductions");
    const std::size_t n = std::size_t(1) << 22;
    const auto host = random_floats(n, 3);
    const auto a = clarity::to_device(q, host);
    step("sum and dot of 2^22 floats against a double host sum", [&] {
        double sum = 0, dot = 0, magnitude = 0;
        for (float x : host) {
            sum += x;
            dot += double(x) * x;
            magnitude += std::abs(x);
        }
        const double tolerance = 40 * std::ldexp(1.0, -24) * magnitude;  // the bound reduction.hpp states
        return std::abs(clarity::sum(a).item() - sum) <= tolerance && std::abs(clarity::dot(a, a).item() - dot) <= tolerance;
    });
    step("min, max, argmax, mean (0-d results chain on the device)", [&] {
        const auto [lo, hi] = std::minmax_element(host.begin(), host.end());
        const auto mean = std::accumulate(host.begin(), host.end(), 0.0) / double(n);
        return clarity::min(a).item() == *lo && clarity::max(a).item() == *hi &&
               clarity::argmax(a).item() == std::distance(host.begin(), hi) &&
               std::abs(clarity::mean<float>(a).item() - mean) < 1e-4;
    });
    step("sum along axis 1 of a (2048, 2048) view", [&] {
        const auto rows = clarity::sum(a.reshape({2048, 2048}), 1).get();
        double expected = 0;
        for (std::size_t c = 0; c < 2048; ++c) expected += host[5 * 2048 + c];
        return rows.size() == 2048 && std::abs(rows[5] - expected) < 1e-3;
    });
    step("ReductionKernel: a sum of squares written by hand", [&] {
        clarity::ReductionKernel<float> squares(q.context(), "0", "a+b", "x[i]*x[i]", "__global const float *x",
                                                {.name = "sum_of_squares"});
        return std::abs(squares(a).item() - clarity::dot(a, a).item()) < 1e-2;
    });
}
