// Random numbers from the counter-based Philox4x32-10 generator (API.md, "Random numbers").
//
//   auto u = clarity::rand<float>(q, {10, 3}, 42);          // uniform [0, 1)
//   auto g = clarity::randn<double>(q, {n}, 42);            // standard normal (Box-Muller)
//   auto k = clarity::randint<int>(q, {n}, -5, 5, 42);      // uniform integers in [low, high)
//
// Element e depends only on the seed and e (counter = e / values per block, key = seed), so the
// same seed gives the same numbers on every device and launch geometry. Floats take the top 24
// bits of a word, doubles 53 bits of two words. randint maps a 32-bit word (64-bit for 64-bit
// types) onto [low, high) by multiply-shift; the bias is below (high - low) / 2^32 (2^64).
#pragma once

#include <concepts>
#include <cstdint>
#include <stdexcept>

#include <clarity/array.hpp>

namespace clarity {

namespace detail {
enum class distribution { uniform, normal, integers };
// Fills the contiguous `out`; for integers with low + [0, span) (low as two's-complement bits).
void fill_random(const queue& q, const array_view& out, distribution kind, std::uint64_t seed,
                 std::uint64_t low = 0, std::uint64_t span = 0);
}  // namespace detail

template <std::floating_point T>
array<T> rand(const queue& q, shape_t shape, std::uint64_t seed) {
    array<T> out(q, std::move(shape));
    detail::fill_random(q, out.core(), detail::distribution::uniform, seed);
    return out;
}

template <std::floating_point T>
array<T> randn(const queue& q, shape_t shape, std::uint64_t seed) {
    array<T> out(q, std::move(shape));
    detail::fill_random(q, out.core(), detail::distribution::normal, seed);
    return out;
}

template <std::integral T>
array<T> randint(const queue& q, shape_t shape, T low, T high, std::uint64_t seed) {
    if (!(low < high)) throw std::invalid_argument("randint: low must be below high");
    array<T> out(q, std::move(shape));
    const auto bits = [](T v) { return static_cast<std::uint64_t>(static_cast<std::int64_t>(v)); };
    detail::fill_random(q, out.core(), detail::distribution::integers, seed, bits(low), bits(high) - bits(low));
    return out;
}

}  // namespace clarity
