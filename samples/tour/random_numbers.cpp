// Random numbers: counter-based Philox, the same on every device for the same seed.
#include "tour.hpp"

#include <cmath>

void tour::random_numbers(clarity::queue& q) {
    section("Random numbers");
    const std::size_t n = 1000000;
    step("rand<float>: 10^6 uniform draws have mean 1/2 and variance 1/12", [&] {
        const auto u = clarity::rand<float>(q, {n}, 42).get();
        double mean = 0, square = 0;
        for (float x : u) {
            mean += x;
            square += double(x) * x;
        }
        mean /= double(n);
        const double variance = square / double(n) - mean * mean;
        return std::abs(mean - 0.5) < 0.002 && std::abs(variance - 1.0 / 12) < 0.001;
    });
    step("randn<float>: the same seed gives the same numbers", [&] {
        return clarity::randn<float>(q, {1000}, 7).get() == clarity::randn<float>(q, {1000}, 7).get();
    });
    step("randint<int> in [0, 6) covers every face", [&] {
        const auto dice = clarity::randint<int>(q, {6000}, 0, 6, 1).get();
        std::vector<int> seen(6, 0);
        for (int d : dice) {
            if (d < 0 || d >= 6) return false;
            ++seen[d];
        }
        for (int s : seen)
            if (s < 800) return false;
        return true;
    });
}
