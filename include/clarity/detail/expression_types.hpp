// Compile-time rules of fused expressions: which host values are scalars, and the element type
// an operation computes in (type promotion). clarity/expression.hpp documents the rules.
#pragma once

#include <complex>
#include <concepts>
#include <cstdint>
#include <type_traits>

namespace clarity::detail {

template <class T>
inline constexpr bool is_complex = false;
template <class R>
inline constexpr bool is_complex<std::complex<R>> = true;

// The element types expressions compute with.
template <class T>
concept numeric = (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) ||
                  std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>;

template <class T>
struct real_part_of {
    using type = T;
};
template <class R>
struct real_part_of<std::complex<R>> {
    using type = R;
};
template <class T>
using real_of = typename real_part_of<T>::type;

// 0 integers, 1 floating point, 2 complex: a host scalar of a rank no higher than the
// expression's takes the expression's type ("weak" scalars, as NumPy's Python scalars).
template <class T>
inline constexpr int kind_rank = is_complex<T> ? 2 : std::is_floating_point_v<T> ? 1 : 0;

// Two element types meeting in one operation: C++'s usual arithmetic conversions
// (std::common_type), lifted to std::complex when either side is complex. void: no type yet.
template <class A, class B>
struct common_element {
    using type = std::conditional_t<is_complex<A> || is_complex<B>,
                                    std::complex<std::common_type_t<real_of<A>, real_of<B>>>,
                                    std::common_type_t<A, B>>;
};
template <class A>
struct common_element<A, void> {
    using type = A;
};
template <class B>
struct common_element<void, B> {
    using type = B;
};
template <>
struct common_element<void, void> {
    using type = void;
};

template <class C, class S>
using weak_scalar_type = std::conditional_t<(kind_rank<S> <= kind_rank<C>), C, typename common_element<C, S>::type>;

// Floating-point functions of integers compute in double (as C++'s std::sin(int) and NumPy).
template <class T>
using floating_for = std::conditional_t<std::is_integral_v<T>, double, T>;

}  // namespace clarity::detail
