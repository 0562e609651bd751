// The tour's shared pieces: each capability is a section (one file each) made of steps, and a
// step runs device code, checks it against the host, and prints how long it took.
#pragma once

#include <clarity/clarity.hpp>

#include <functional>
#include <random>
#include <string>
#include <vector>

namespace tour {

// Runs one step; `check` returns whether the device result matched the host's.
void step(const std::string& title, const std::function<bool()>& check);

// Prints a section heading.
void section(const std::string& title);

// Uniform floats in [-1, 1), reproducible.
inline std::vector<float> random_floats(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    std::vector<float> v(n);
    for (auto& x : v) x = uniform(gen);
    return v;
}

// The sections, in the order the tour runs them (one file each).
void arrays(clarity::queue& q);
void elementwise(clarity::queue& q);
void reductions(clarity::queue& q);
void expressions(clarity::queue& q);
void random_numbers(clarity::queue& q);
void scans(clarity::queue& q);
void sorting(clarity::queue& q);
void fft(clarity::queue& q);

}  // namespace tour
