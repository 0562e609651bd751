// Fused expressions (API.md, "Arrays"): arithmetic on arrays builds a lazy expression tree, and
// evaluating it runs the whole tree as ONE generated kernel, with no temporaries:
//
//   clarity::array<float> res = 2.0f * a + 3.0f * b;      // allocates res, one kernel
//   res += clarity::sin(a) * clarity::exp(-b);             // one kernel, in place
//   c.slice(0, 0, 10) = a.slice(0, 5, 15) * 2.0f;          // writes through the view
//   auto centered = clarity::eval(a - clarity::mean(a));   // the 0-d mean stays on the device
//
// Operators: + - * / % (% of floating point is fmod), unary - ~ !, == != < <= > >= (results are
// int32_t 0 or 1), && ||, & | ^ << >> (integers only). Functions: sin cos tan exp log log2 log10
// sqrt abs pow floor ceil round (halves away from zero, as C's round) tanh fmin fmax clamp
// where(condition, a, b). Element-wise minimum and maximum are fmin/fmax: min(a) and max(a)
// are reductions. Complex operands support + - * / unary -, abs (a real result), exp, log, sqrt
// and pow; anything else on complex numbers does not compile.
//
// Type promotion: two operands compute in their C++ common type (int + float -> float,
// float + double -> double, int8 + int8 -> int8, int + int64 -> int64), made complex when either is.
// A host scalar is "weak", as NumPy's Python scalars: it takes the expression's type unless it
// is of a higher kind (integer < floating < complex): 2.0 * float_array is float,
// 2.5 * int_array is double. Floating-point functions (sin, exp, pow, floor, ...) of integers
// compute in double. Integer division and % by zero are undefined, as in OpenCL C.
//
// Broadcasting follows NumPy: shapes are aligned at their last dimension and a dimension of
// length 1 (or a missing one) repeats, so (n, m) meets (m,), (n, 1) and 0-d arrays. Shapes that
// do not broadcast throw std::invalid_argument before anything runs. The target of an
// assignment must have the broadcast shape (its own shape may broadcast the operands).
//
// Assignment: an array variable that has storage is written into by `a = expr` (shapes must
// match, every handle sharing the buffer sees the result), as `a += expr` and `view = expr` do;
// a default-constructed array is given new storage. Assigning another array variable still
// rebinds the handle (array.hpp). An operand that shares the target's buffer with a different
// layout (a = a.transpose()) is evaluated into a temporary first, so the result is as if every
// operand were read before anything was written.
//
// Kernels depend only on the expression's structure (operators, element types, which operands
// are scalars, the merged dimension count, 32- or 64-bit indices): scalar values, shapes and
// strides are kernel arguments, so 2.0f * a and 3.0f * b share one compiled kernel.
#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <clarity/array.hpp>
#include <clarity/detail/expression_types.hpp>

namespace clarity {

namespace detail {

enum class expr_op : std::uint8_t {
    array, scalar,
    negate, bit_not, logical_not, sin, cos, tan, exp, log, log2, log10, sqrt, abs, floor, ceil, round, tanh,
    add, subtract, multiply, divide, modulo, equal, not_equal, less, less_equal, greater, greater_equal,
    logical_and, logical_or, bit_and, bit_or, bit_xor, shift_left, shift_right, pow, fmin, fmax,
    clamp, where,
};

// An expression tree as the library sees it: nodes in postfix order, each with its value type
// and the type its operands are converted to; leaves refer to `arrays` and `scalars` in order.
struct flat_expression {
    struct node {
        expr_op op;
        const type_info* type;
        const type_info* operand_type;  // null for leaves
    };
    struct operand_array {
        array_view view;
        const queue* array_queue;
    };
    std::vector<node> nodes;
    std::vector<operand_array> arrays;
    std::vector<std::vector<unsigned char>> scalars;  // each already of its leaf's type
};

// The broadcast shape of every array in `e`; throws std::invalid_argument if there is none.
shape_t broadcast_shape(const flat_expression& e);
// The queue the expression runs on (its first array's); throws for default-constructed arrays.
const queue& expression_queue(const flat_expression& e);
// dst = e in one kernel; e's arrays must broadcast to dst's shape. No event: every caller would
// discard it, and NVIDIA's driver spends 1.3 to 7 us of host time per launch making one.
void run_expression(const queue& q, const array_view& dst, const flat_expression& e, const wait_list& wait_for);

template <class T>
void flatten_into(flat_expression& f, const array<T>& a) {
    f.arrays.push_back({a.core(), &a.get_queue()});
    f.nodes.push_back({expr_op::array, &type_info_of<T>(), nullptr});
}

template <class X>
    requires std::derived_from<X, expression_tag>
void flatten_into(flat_expression& f, const X& x) {
    x.flatten(f);
}

template <class E>
flat_expression flatten(const E& e) {
    flat_expression f;
    f.nodes.reserve(16);
    f.arrays.reserve(8);
    flatten_into(f, e);
    return f;
}

template <class T>
inline constexpr bool is_array = false;
template <class T>
inline constexpr bool is_array<array<T>> = true;
}  // namespace detail

// A host number inside an expression, converted to the type it computes in.
template <class T>
struct scalar_operand : expression_tag {
    using value_type = T;
    T value;
    void flatten(detail::flat_expression& f) const {
        const auto* bytes = reinterpret_cast<const unsigned char*>(&value);
        f.scalars.emplace_back(bytes, bytes + sizeof(T));
        f.nodes.push_back({detail::expr_op::scalar, &type_info_of<T>(), nullptr});
    }
};

// One operation over its operands (arrays, scalar_operands or expressions): R is its value
// type, C the type its operands are converted to first.
template <detail::expr_op Op, class R, class C, class... Operands>
struct expression : expression_tag {
    using value_type = R;
    std::tuple<Operands...> operands;
    void flatten(detail::flat_expression& f) const {
        std::apply([&](const auto&... o) { (detail::flatten_into(f, o), ...); }, operands);
        f.nodes.push_back({Op, &type_info_of<R>(), &type_info_of<C>()});
    }
};

// What an expression may combine: arrays and expressions of numbers, and host numbers.
template <class X>
concept expression_operand =
    (detail::is_array<X> || std::derived_from<X, expression_tag>) && detail::numeric<typename X::value_type>;
template <class X>
concept host_scalar = detail::numeric<X>;

namespace detail {
template <class X>
struct value_of_t {
    using type = X;
};
template <expression_operand X>
struct value_of_t<X> {
    using type = typename X::value_type;
};
template <class X>
using value_of = typename value_of_t<X>::type;

template <class... X>
struct strong_common {
    using type = void;
};
template <class X, class... Rest>
struct strong_common<X, Rest...> {
    using type = typename common_element<std::conditional_t<host_scalar<X>, void, value_of<X>>,
                                         typename strong_common<Rest...>::type>::type;
};

template <class C, class... X>
struct with_weak_scalars {
    using type = C;
};
template <class C, class X, class... Rest>
struct with_weak_scalars<C, X, Rest...> {
    using type = typename with_weak_scalars<std::conditional_t<host_scalar<X>, weak_scalar_type<C, value_of<X>>, C>, Rest...>::type;
};

template <class... X>
struct all_common {
    using type = void;
};
template <class X, class... Rest>
struct all_common<X, Rest...> {
    using type = typename common_element<value_of<X>, typename all_common<Rest...>::type>::type;
};

// The type operands X... compute in (the promotion rules at the top of this file).
template <class... X>
using promoted = std::conditional_t<std::is_void_v<typename strong_common<X...>::type>, typename all_common<X...>::type,
                                    typename with_weak_scalars<typename strong_common<X...>::type, X...>::type>;

template <class X>
using bare = std::remove_cvref_t<X>;

// An operand as a node stores it: host numbers become scalar_operand<C>; arrays are copied and
// subexpressions moved when they are temporaries, so building a tree copies each array once.
template <class C, class X>
auto operand_node(X&& x) {
    if constexpr (host_scalar<bare<X>>)
        return scalar_operand<C>{{}, static_cast<C>(x)};
    else
        return bare<X>(std::forward<X>(x));
}

template <expr_op Op, class R, class C, class... X>
auto make_expression(X&&... x) {
    return expression<Op, R, C, decltype(operand_node<C>(std::forward<X>(x)))...>{
        {}, {operand_node<C>(std::forward<X>(x))...}};
}

// Operands of a binary operator: at least one array or expression.
template <class A, class B>
concept binary_operands = (expression_operand<A> && (expression_operand<B> || host_scalar<B>)) ||
                          (host_scalar<A> && expression_operand<B>);
template <class... X>
concept any_operands = true;
template <class... X>
concept real_operands = (!is_complex<value_of<X>> && ...);
template <class... X>
concept integer_operands = (std::is_integral_v<value_of<X>> && ...);

template <expr_op Op, class... X>
auto arithmetic(X&&... x) {
    using C = promoted<bare<X>...>;
    return make_expression<Op, C, C>(std::forward<X>(x)...);
}
template <expr_op Op, class... X>
auto predicate(X&&... x) {
    using C = promoted<bare<X>...>;
    return make_expression<Op, std::int32_t, C>(std::forward<X>(x)...);
}
template <expr_op Op, class... X>
auto floating(X&&... x) {
    using C = floating_for<promoted<bare<X>...>>;
    return make_expression<Op, C, C>(std::forward<X>(x)...);
}
}  // namespace detail

// ---- operators ----
#define CLARITY_EXPRESSION_BINARY(symbol, op, builder, requirement)                               \
    template <class A, class B>                                                                   \
        requires detail::binary_operands<detail::bare<A>, detail::bare<B>> &&                     \
                 requirement<detail::bare<A>, detail::bare<B>>                                    \
    auto operator symbol(A&& a, B&& b) {                                                          \
        return detail::builder<detail::expr_op::op>(std::forward<A>(a), std::forward<B>(b));      \
    }
CLARITY_EXPRESSION_BINARY(+, add, arithmetic, detail::any_operands)
CLARITY_EXPRESSION_BINARY(-, subtract, arithmetic, detail::any_operands)
CLARITY_EXPRESSION_BINARY(*, multiply, arithmetic, detail::any_operands)
CLARITY_EXPRESSION_BINARY(/, divide, arithmetic, detail::any_operands)
CLARITY_EXPRESSION_BINARY(%, modulo, arithmetic, detail::real_operands)
CLARITY_EXPRESSION_BINARY(==, equal, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(!=, not_equal, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(<, less, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(<=, less_equal, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(>, greater, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(>=, greater_equal, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(&&, logical_and, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(||, logical_or, predicate, detail::real_operands)
CLARITY_EXPRESSION_BINARY(&, bit_and, arithmetic, detail::integer_operands)
CLARITY_EXPRESSION_BINARY(|, bit_or, arithmetic, detail::integer_operands)
CLARITY_EXPRESSION_BINARY(^, bit_xor, arithmetic, detail::integer_operands)
CLARITY_EXPRESSION_BINARY(<<, shift_left, arithmetic, detail::integer_operands)
CLARITY_EXPRESSION_BINARY(>>, shift_right, arithmetic, detail::integer_operands)
#undef CLARITY_EXPRESSION_BINARY

template <class A>
    requires expression_operand<detail::bare<A>>
auto operator-(A&& a) {
    return detail::arithmetic<detail::expr_op::negate>(std::forward<A>(a));
}
template <class A>
    requires expression_operand<detail::bare<A>> && detail::integer_operands<detail::bare<A>>
auto operator~(A&& a) {
    return detail::arithmetic<detail::expr_op::bit_not>(std::forward<A>(a));
}
template <class A>
    requires expression_operand<detail::bare<A>> && detail::real_operands<detail::bare<A>>
auto operator!(A&& a) {
    return detail::predicate<detail::expr_op::logical_not>(std::forward<A>(a));
}

// ---- functions ----
#define CLARITY_EXPRESSION_FUNCTION(name, requirement)                       \
    template <class A>                                                       \
        requires expression_operand<detail::bare<A>> && requirement          \
    auto name(A&& a) {                                                       \
        return detail::floating<detail::expr_op::name>(std::forward<A>(a));  \
    }
CLARITY_EXPRESSION_FUNCTION(exp, true)
CLARITY_EXPRESSION_FUNCTION(log, true)
CLARITY_EXPRESSION_FUNCTION(sqrt, true)
CLARITY_EXPRESSION_FUNCTION(sin, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(cos, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(tan, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(log2, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(log10, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(floor, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(ceil, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(round, detail::real_operands<detail::bare<A>>)
CLARITY_EXPRESSION_FUNCTION(tanh, detail::real_operands<detail::bare<A>>)
#undef CLARITY_EXPRESSION_FUNCTION

// |a| in a's type; the modulus (a real number) of complex numbers.
template <class A>
    requires expression_operand<detail::bare<A>>
auto abs(A&& a) {
    using T = typename detail::bare<A>::value_type;
    return detail::make_expression<detail::expr_op::abs, detail::real_of<T>, T>(std::forward<A>(a));
}

template <class A, class B>
    requires detail::binary_operands<detail::bare<A>, detail::bare<B>>
auto pow(A&& a, B&& b) {
    return detail::floating<detail::expr_op::pow>(std::forward<A>(a), std::forward<B>(b));
}
template <class A, class B>
    requires detail::binary_operands<detail::bare<A>, detail::bare<B>> &&
             detail::real_operands<detail::bare<A>, detail::bare<B>>
auto fmin(A&& a, B&& b) {
    return detail::arithmetic<detail::expr_op::fmin>(std::forward<A>(a), std::forward<B>(b));
}
template <class A, class B>
    requires detail::binary_operands<detail::bare<A>, detail::bare<B>> &&
             detail::real_operands<detail::bare<A>, detail::bare<B>>
auto fmax(A&& a, B&& b) {
    return detail::arithmetic<detail::expr_op::fmax>(std::forward<A>(a), std::forward<B>(b));
}
// min(max(x, lo), hi) element-wise (lo <= hi).
template <class X, class Lo, class Hi>
    requires expression_operand<detail::bare<X>> &&
             (expression_operand<detail::bare<Lo>> || host_scalar<detail::bare<Lo>>) &&
             (expression_operand<detail::bare<Hi>> || host_scalar<detail::bare<Hi>>) &&
             detail::real_operands<detail::bare<X>, detail::bare<Lo>, detail::bare<Hi>>
auto clamp(X&& x, Lo&& lo, Hi&& hi) {
    return detail::arithmetic<detail::expr_op::clamp>(std::forward<X>(x), std::forward<Lo>(lo), std::forward<Hi>(hi));
}
// a where condition is non-zero, else b. The condition is an array or expression of real numbers.
template <class Condition, class A, class B>
    requires expression_operand<detail::bare<Condition>> &&
             (expression_operand<detail::bare<A>> || host_scalar<detail::bare<A>>) &&
             (expression_operand<detail::bare<B>> || host_scalar<detail::bare<B>>) &&
             detail::real_operands<detail::bare<Condition>>
auto where(Condition&& condition, A&& a, B&& b) {
    using C = detail::promoted<detail::bare<A>, detail::bare<B>>;
    return expression<detail::expr_op::where, C, C, detail::bare<Condition>,
                      decltype(detail::operand_node<C>(std::forward<A>(a))),
                      decltype(detail::operand_node<C>(std::forward<B>(b)))>{
        {},
        {detail::bare<Condition>(std::forward<Condition>(condition)), detail::operand_node<C>(std::forward<A>(a)),
         detail::operand_node<C>(std::forward<B>(b))}};
}

// ---- evaluation ----

template <element T, class E>
array<T> detail::evaluate_as(const E& e) {
    const auto flat = flatten(e);
    array<T> out(expression_queue(flat), broadcast_shape(flat));
    run_expression(out.get_queue(), out.core(), flat, {});
    return out;
}

template <element T, class E>
void detail::assign_expression(const array<T>& target, const E& e) {
    const auto flat = flatten(e);
    run_expression(target.get_queue(), target.core(), flat, {});
}

// A new array holding the expression's value (its broadcast shape and value type).
template <class E>
    requires std::derived_from<E, expression_tag>
array<typename E::value_type> eval(const E& e) {
    return detail::evaluate_as<typename E::value_type>(e);
}

// Compound assignment: target = target op value, in one kernel, converting the result to the
// target's type as C does. Temporary views write through: a.slice(0, 0, 4) *= 2.
#define CLARITY_EXPRESSION_COMPOUND(symbol)                                                     \
    template <class A, class E>                                                                 \
        requires detail::is_array<std::remove_cvref_t<A>> && requires(const std::remove_cvref_t<A>& a, const E& e) { \
            a symbol e;                                                                         \
        }                                                                                       \
    A&& operator symbol##=(A&& target, const E& value) {                                        \
        detail::assign_expression(target, target symbol value);                                 \
        return std::forward<A>(target);                                                         \
    }
CLARITY_EXPRESSION_COMPOUND(+)
CLARITY_EXPRESSION_COMPOUND(-)
CLARITY_EXPRESSION_COMPOUND(*)
CLARITY_EXPRESSION_COMPOUND(/)
CLARITY_EXPRESSION_COMPOUND(%)
CLARITY_EXPRESSION_COMPOUND(&)
CLARITY_EXPRESSION_COMPOUND(|)
CLARITY_EXPRESSION_COMPOUND(^)
CLARITY_EXPRESSION_COMPOUND(<<)
CLARITY_EXPRESSION_COMPOUND(>>)
#undef CLARITY_EXPRESSION_COMPOUND

}  // namespace clarity
