// Window and batch layouts: pure stride arithmetic over the input's layout.
#include <clarity/windows.hpp>

#include <stdexcept>

namespace clarity::detail {

namespace {
std::size_t product(const shape_t& shape) {
    std::size_t n = 1;
    for (auto extent : shape) n *= extent;
    return n;
}
}  // namespace

layout window_layout(const layout& l, const shape_t& window_shape, const shape_t& step) {
    const std::size_t n = window_shape.size(), first = l.ndim() - std::min(n, l.ndim());
    if (n > l.ndim() || (!step.empty() && step.size() != n))
        throw std::invalid_argument("sliding_window_view: a window of " + std::to_string(n) + " dimensions (steps " +
                                    std::to_string(step.size()) + ") over an array of " + std::to_string(l.ndim()));
    layout out = l;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t d = first + k, w = window_shape[k], s = step.empty() ? 1 : step[k];
        if (w == 0 || w > l.shape[d] || s == 0)
            throw std::invalid_argument("sliding_window_view: window " + to_string(window_shape) + " does not fit shape " +
                                        to_string(l.shape) + (s == 0 ? " (a step is 0)" : ""));
        out.shape[d] = (l.shape[d] - w) / s + 1;
        out.strides[d] = l.strides[d] * std::ptrdiff_t(s);
        out.shape.push_back(w);
        out.strides.push_back(l.strides[d]);
    }
    return out;
}

batch_plan plan_batches(const layout& l, const batch_options& options) {
    const std::size_t n = l.ndim();
    const auto per_dimension = [&](const shape_t& values, const char* name) {
        if (!values.empty() && values.size() != n)
            throw std::invalid_argument(std::string("batches: ") + name + " has " + std::to_string(values.size()) +
                                        " entries for an array of " + std::to_string(n) + " dimensions");
    };
    per_dimension(options.input_sizes, "input_sizes");
    per_dimension(options.overlaps, "overlaps");
    per_dimension(options.batch_sizes, "batch_sizes");
    shape_t window(n), step(n);
    batch_plan plan;
    plan.batch_sizes = options.batch_sizes.empty() ? shape_t(n, 1) : options.batch_sizes;
    for (std::size_t d = 0; d < n; ++d) {
        window[d] = options.input_sizes.empty() || options.input_sizes[d] == 0 ? l.shape[d] : options.input_sizes[d];
        const std::size_t overlap = options.overlaps.empty() ? 0 : options.overlaps[d];
        if (overlap >= window[d] || plan.batch_sizes[d] == 0)
            throw std::invalid_argument("batches: dimension " + std::to_string(d) + " has overlap " +
                                        std::to_string(overlap) + " for windows of " + std::to_string(window[d]) +
                                        " and batches of " + std::to_string(plan.batch_sizes[d]));
        step[d] = window[d] - overlap;
    }
    plan.windows = window_layout(l, window, step);
    plan.batches = 1;
    for (std::size_t d = 0; d < n; ++d) {
        plan.batches_per_dim.push_back((plan.windows.shape[d] + plan.batch_sizes[d] - 1) / plan.batch_sizes[d]);
        plan.batches *= plan.batches_per_dim.back();
    }
    return plan;
}

batch_layout batch_at(const batch_plan& plan, std::size_t index) {
    const std::size_t n = plan.batch_sizes.size();
    batch_layout out;
    out.view = plan.windows;
    std::size_t spread_dimensions = 0, along = 0;  // grid dimensions with more than one window
    for (std::size_t d = n; d-- > 0;) {
        const std::size_t start = index % plan.batches_per_dim[d] * plan.batch_sizes[d];
        index /= plan.batches_per_dim[d];
        out.view.offset += std::ptrdiff_t(start) * plan.windows.strides[d];
        out.view.shape[d] = std::min(plan.batch_sizes[d], plan.windows.shape[d] - start);
        if (out.view.shape[d] > 1) ++spread_dimensions, along = d;
    }
    const shape_t grid(out.view.shape.begin(), out.view.shape.begin() + std::ptrdiff_t(n));
    out.shape = {product(grid)};
    out.shape.insert(out.shape.end(), plan.windows.shape.begin() + std::ptrdiff_t(n), plan.windows.shape.end());
    out.gather = spread_dimensions > 1;
    if (!out.gather) {  // the windows lie along one dimension: one stride walks them
        strides_t strides{plan.windows.strides[along]};
        strides.insert(strides.end(), plan.windows.strides.begin() + std::ptrdiff_t(n), plan.windows.strides.end());
        out.view = {out.shape, strides, out.view.offset};
    }
    return out;
}

}  // namespace clarity::detail
