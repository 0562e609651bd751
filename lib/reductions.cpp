// The built-in whole-array reductions: one launch of a cached engine (two for var and std).
#include <stdexcept>

#include "reduction_builtins.hpp"

namespace clarity::detail {

void reduce_all(builtin_reduction op, const queue& q, const array_view& in, const array_view* second,
                const array_view& out) {
    require_elements(op, in.shape->size());
    if (second && second->shape->size() != in.shape->size())
        throw std::invalid_argument("dot: the arrays have " + std::to_string(in.shape->size()) + " and " +
                                    std::to_string(second->shape->size()) + " elements");
    contiguous_view first_copy, second_copy;
    make_contiguous(q, in, first_copy);
    std::vector<call_argument> args{view_argument(first_copy.view, q)};
    if (second) {
        make_contiguous(q, *second, second_copy);
        args.push_back(view_argument(second_copy.view, q));
    }
    // An explicit range: the mean argument of var and std is not an array of the input's size.
    const reduction_call call{out, &q, range{0, std::int64_t(in.shape->size()), 1}, nullptr, &q};

    // var and std reduce squared deviations from the mean, which stays on the device.
    std::shared_ptr<storage> mean_memory;
    const layout scalar = layout::contiguous({});
    if (op == builtin_reduction::variance || op == builtin_reduction::standard_deviation) {
        mean_memory = allocate(q, out.type->size);
        const array_view mean{mean_memory.get(), &scalar, out.type};
        builtin_engine(q, builtin_reduction::mean, *in.type, *out.type).enqueue({mean, &q, call.range, nullptr, &q}, args);
        args.push_back(view_argument(mean, q));
    }
    builtin_engine(q, op, *in.type, *out.type).enqueue(call, args);
}

}  // namespace clarity::detail
