// How a host value passed to a generated kernel (ElementwiseKernel and friends) reaches the
// library: arrays as views, scalars as numbers that are converted to the declared C type.
#pragma once

#include <complex>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include <clarity/array.hpp>

namespace clarity::detail {

struct call_argument {
    enum class kind { array, signed_integer, unsigned_integer, floating, complex, raw };
    kind what = kind::raw;
    const type_info* type = nullptr;     // the host value's element type
    array_view view{};                   // kind::array
    const queue* array_queue = nullptr;  // kind::array
    std::int64_t integer = 0;            // kind::signed_integer
    std::uint64_t unsigned_integer = 0;  // kind::unsigned_integer
    double real = 0, imag = 0;           // kind::floating, kind::complex
    std::vector<unsigned char> bytes;    // kind::raw: vectors and registered structs, as they are
};

// An array argument from the library's view of an array and the queue it lives on.
inline call_argument view_argument(const array_view& view, const queue& q) {
    call_argument c;
    c.what = call_argument::kind::array;
    c.type = view.type;
    c.view = view;
    c.array_queue = &q;
    return c;
}

template <element T>
call_argument make_call_argument(const array<T>& a) {
    return view_argument(a.core(), a.get_queue());
}

template <element T>
call_argument make_call_argument(const T& value) {
    static_assert(!std::is_same_v<T, bool>, "pass bool arguments as int");
    call_argument c;
    c.type = &type_info_of<T>();
    if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
        c.what = call_argument::kind::signed_integer;
        c.integer = value;
    } else if constexpr (std::is_integral_v<T>) {
        c.what = call_argument::kind::unsigned_integer;
        c.unsigned_integer = value;
    } else if constexpr (std::is_floating_point_v<T>) {
        c.what = call_argument::kind::floating;
        c.real = static_cast<double>(value);
    } else if constexpr (std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>) {
        c.what = call_argument::kind::complex;
        c.real = static_cast<double>(value.real());
        c.imag = static_cast<double>(value.imag());
    } else {
        c.what = call_argument::kind::raw;
        c.bytes.resize(sizeof(T));
        std::memcpy(c.bytes.data(), &value, sizeof(T));
    }
    return c;
}

}  // namespace clarity::detail
