// Shared helpers for the doctest suite: one queue for every test, host reference data.
#pragma once

#include <cstdint>
#include <random>
#include <type_traits>
#include <vector>

#include <clarity/clarity.hpp>

namespace test {

// The queue all tests use: clarity's default queue (CLARITY_DEVICE picks the device).
inline clarity::queue& q() { return clarity::default_queue(); }

// The awkward sizes every feature is checked at: empty, one, primes, work-group edges +-1,
// and more than one work-group's worth. Large sizes are tested separately, sharing kernels.
inline const std::vector<std::size_t>& awkward_sizes() {
    static const std::vector<std::size_t> sizes{0, 1, 2, 3, 7, 31, 255, 256, 257, 1000, 1021, 4099, 65537};
    return sizes;
}

// Reproducible pseudo-random host data of any numeric type, spread over a useful range.
template <class T>
std::vector<T> random_vector(std::size_t n, std::uint32_t seed = 1) {
    std::mt19937_64 gen(seed);
    std::vector<T> out(n);
    for (auto& v : out) {
        if constexpr (std::is_floating_point_v<T>) {
            v = static_cast<T>(std::uniform_real_distribution<double>(-100.0, 100.0)(gen));
        } else if constexpr (std::is_integral_v<T>) {
            v = static_cast<T>(gen());
        } else {  // std::complex
            using R = typename T::value_type;
            std::uniform_real_distribution<double> d(-100.0, 100.0);
            v = T(static_cast<R>(d(gen)), static_cast<R>(d(gen)));
        }
    }
    return out;
}

}  // namespace test
