#include "reduction_builtins.hpp"

#include <map>
#include <mutex>
#include <tuple>
#include <stdexcept>

#include "strided_kernel.hpp"

namespace clarity::detail {

namespace {

// The largest and smallest value of a real type, spelled as OpenCL C constants.
std::string largest(const type_info& t) {
    if (t.kind == type_kind::floating) return "INFINITY";
    static const std::map<std::string, std::string> limits{
        {"char", "CHAR_MAX"}, {"uchar", "UCHAR_MAX"}, {"short", "SHRT_MAX"}, {"ushort", "USHRT_MAX"},
        {"int", "INT_MAX"},   {"uint", "UINT_MAX"},   {"long", "LONG_MAX"},  {"ulong", "ULONG_MAX"}};
    return limits.at(t.name);
}

std::string smallest(const type_info& t) {
    if (t.kind == type_kind::floating) return "-INFINITY";
    if (t.kind == type_kind::unsigned_integer) return "0";
    static const std::map<std::string, std::string> limits{
        {"char", "CHAR_MIN"}, {"short", "SHRT_MIN"}, {"int", "INT_MIN"}, {"long", "LONG_MIN"}};
    return limits.at(t.name);
}

bool is_real(const type_info& t) { return t.kind == type_kind::floating || t.is_integer(); }

// min and max as NumPy's: a NaN wins over any number, so NaNs propagate.
std::string extreme(const type_info& t, bool minimum) {
    if (t.kind != type_kind::floating) return minimum ? "min(a, b)" : "max(a, b)";
    return minimum ? "(isnan(a) || a < b) ? a : b" : "(isnan(a) || a > b) ? a : b";
}

// Keeps whichever of a and b is smaller (larger with `<` turned round); ties go to the lower
// index, so the result is the first extreme element and the choice does not depend on order.
// For floats a NaN beats every number (NumPy reports the first NaN).
std::string arg_extreme_preamble(const type_info& in, const std::string& pair, bool minimum) {
    const std::string beats = minimum ? "b.value < a.value" : "b.value > a.value";
    const std::string first_nan = in.kind != type_kind::floating ? ""
        : "    if (isnan(a.value) || isnan(b.value))\n"
          "        return (isnan(b.value) && (!isnan(a.value) || b.index < a.index)) ? b : a;\n";
    return "typedef struct { " + in.name + " value; long index; } " + pair + ";\n" +
           "inline " + pair + " " + pair + "_of(" + in.name + " value, long index) { " + pair +
           " r = {value, index}; return r; }\n" +
           "inline " + pair + " " + pair + "_pick(" + pair + " a, " + pair + " b) {\n" + first_nan +
           "    return (" + beats + " || (b.value == a.value && b.index < a.index)) ? b : a;\n}\n";
}

}  // namespace

const char* builtin_name(builtin_reduction op) {
    switch (op) {
        case builtin_reduction::sum: return "sum";
        case builtin_reduction::min: return "min";
        case builtin_reduction::max: return "max";
        case builtin_reduction::dot: return "dot";
        case builtin_reduction::mean: return "mean";
        case builtin_reduction::variance: return "var";
        case builtin_reduction::standard_deviation: return "std";
        case builtin_reduction::argmin: return "argmin";
        case builtin_reduction::argmax: return "argmax";
    }
    return "reduction";
}

reduction_spec builtin_spec(builtin_reduction op, const type_info& in, const type_info& result,
                            const std::string& position) {
    const std::string what = std::string(builtin_name(op));
    const bool numeric = is_real(in) || in.kind == type_kind::complex;
    const bool needs_real = op == builtin_reduction::min || op == builtin_reduction::max ||
                            op == builtin_reduction::argmin || op == builtin_reduction::argmax ||
                            op == builtin_reduction::variance || op == builtin_reduction::standard_deviation;
    if (!numeric || (needs_real && !is_real(in)))
        throw std::invalid_argument(what + ": not defined for arrays of " + in.name);

    reduction_spec s;
    s.name = "clarity_" + what;
    s.result = &result;
    s.accumulator = result.name;
    s.accumulator_size = result.size;
    const std::string in_arg = "__global const " + in.name + " *in";
    s.arguments = parse_argument_list(in_arg);
    s.neutral = "(" + result.name + ")(0)";
    s.reduce = "a + b";
    s.map = "in[i]";
    const std::string count_as_scalar = "(" + result.scalar_name + ")clarity_count";
    switch (op) {
        case builtin_reduction::sum: break;
        case builtin_reduction::dot:
            s.arguments = parse_argument_list(in_arg + ", __global const " + in.name + " *second");
            s.map = in.kind == type_kind::complex ? in.name.substr(0, in.name.size() - 2) + "_mul(in[i], second[i])"
                                                  : "in[i] * second[i]";
            break;
        case builtin_reduction::min:
        case builtin_reduction::max: {
            const bool minimum = op == builtin_reduction::min;
            s.neutral = minimum ? largest(in) : smallest(in);
            s.reduce = extreme(in, minimum);
            break;
        }
        case builtin_reduction::mean:
            s.map = convert_expression(in, result, "in[i]");
            s.finish = "v / " + count_as_scalar;
            break;
        case builtin_reduction::variance:
        case builtin_reduction::standard_deviation:
            s.arguments = parse_argument_list(in_arg + ", __global const " + result.name + " *mean");
            s.preamble = "inline " + result.name + " clarity_squared_deviation(" + result.name + " x, " +
                         result.name + " mean) { const " + result.name + " d = x - mean; return d * d; }";
            s.map = "clarity_squared_deviation(" + convert_expression(in, result, "in[i]") + ", *mean)";
            s.finish = op == builtin_reduction::variance ? "v / " + count_as_scalar : "sqrt(v / " + count_as_scalar + ")";
            break;
        case builtin_reduction::argmin:
        case builtin_reduction::argmax: {
            const bool minimum = op == builtin_reduction::argmin;
            s.accumulator = "clarity_" + what + "_" + in.name;
            s.accumulator_size = 16;  // { value of at most 8 bytes, long index }, 8-byte aligned
            s.preamble = arg_extreme_preamble(in, s.accumulator, minimum);
            s.neutral = s.accumulator + "_of(" + (minimum ? largest(in) : smallest(in)) + ", LONG_MAX)";
            s.reduce = s.accumulator + "_pick(a, b)";
            s.map = s.accumulator + "_of(in[i], " + position + ")";
            s.finish = "v.index";
            break;
        }
    }
    return s;
}

void require_elements(builtin_reduction op, std::size_t count) {
    if (count == 0 && op != builtin_reduction::sum && op != builtin_reduction::dot)
        throw std::invalid_argument(std::string(builtin_name(op)) + ": the array is empty");
}

void make_contiguous(const queue& q, const array_view& view, contiguous_view& copy) {
    if (view.shape->is_contiguous()) {
        copy.view = view;
        return;
    }
    copy.memory = allocate(q, view.shape->size() * view.type->size);
    copy.shape = layout::contiguous(view.shape->shape);
    copy.view = {copy.memory.get(), &copy.shape, view.type};
    assign_view(q, copy.view, view, {});
}

reduction_engine& builtin_engine(const queue& q, builtin_reduction op, const type_info& in, const type_info& result) {
    using key = std::tuple<cl_context, builtin_reduction, std::string, std::string>;
    static std::mutex mutex;
    static std::map<key, std::unique_ptr<reduction_engine>> engines;
    std::lock_guard lock(mutex);
    auto& engine = engines[key{q.context().get()(), op, in.name, result.name}];
    if (!engine) engine = std::make_unique<reduction_engine>(q.context(), builtin_spec(op, in, result));
    return *engine;
}

}  // namespace clarity::detail
