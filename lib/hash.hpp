// A 64-bit FNV-1a hash: names disk-cache entries and checks their integrity. Entries also store
// their full key, so a collision can only cost a rebuild, never a wrong program.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace clarity::detail {

inline std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ull) {
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

inline std::string hex64(std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, value >>= 4) out[i] = digits[value & 15];
    return out;
}

}  // namespace clarity::detail
