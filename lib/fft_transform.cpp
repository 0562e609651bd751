#include "fft_transform.hpp"

#include <algorithm>

#include "fft_bluestein.hpp"
#include "fft_buffer.hpp"
#include "fft_clfft.hpp"
#include "fft_stockham.hpp"
#include "kernel_support.hpp"

namespace clarity::detail {

namespace {

bool is_double(const array_view& data) { return data.type->scalar_name == "double"; }

bool own_kernels_for(fft_engine engine, std::size_t n) { return engine == fft_engine::automatic && stockham_supports(n); }

// Every row along the last axis of `data`, transformed in place by clFFT or Bluestein's algorithm.
event transform_rows(const queue& q, const array_view& data, bool inverse, const wait_list& wait_for) {
    const auto n = data.shape->shape.back();
    const auto rows = data.shape->size() / n;
    if (clfft_supports(n)) return clfft_in_place(q, data.memory->buffer, {n}, rows, is_double(data), inverse, wait_for);
    return bluestein_in_place(q, data, rows, n, inverse, wait_for);
}

// One axis: on the own kernels where they apply, else as rows, an axis other than the last
// moved last in a scratch copy, transformed, and moved back.
event transform_axis(const queue& q, const array_view& data, std::size_t axis, bool inverse, fft_engine engine,
                     const wait_list& wait_for) {
    const auto last = data.shape->ndim() - 1;
    if (own_kernels_for(engine, data.shape->shape[axis])) return stockham_in_place(q, data, {axis}, inverse, wait_for);
    if (axis == last) return transform_rows(q, data, inverse, wait_for);
    const layout swapped = data.shape->transposed(axis, last);
    fft_buffer scratch(q, swapped.shape, *data.type);
    auto done = assign_view(q, scratch.view(), {data.memory, &swapped, data.type}, wait_for);
    done = transform_rows(q, scratch.view(), inverse, {done});
    return assign_view(q, {data.memory, &swapped, data.type}, scratch.view(), {done});
}

}  // namespace

event transform_in_place(const queue& q, const array_view& data, std::size_t axes, bool inverse, fft_engine engine) {
    const auto& shape = data.shape->shape;
    const std::size_t first = shape.size() - axes;
    // Axes of length 1 are the identity; leaving them out keeps clFFT away from them.
    shape_t lengths;
    for (std::size_t d = first; d < shape.size(); ++d)
        if (shape[d] > 1) lengths.push_back(shape[d]);
    if (lengths.empty() || data.shape->size() == 0) return nothing_to_do(q, {});
    if (std::all_of(lengths.begin(), lengths.end(), [&](std::size_t n) { return own_kernels_for(engine, n); })) {
        std::vector<std::size_t> dims;
        for (std::size_t d = first; d < shape.size(); ++d) dims.push_back(d);
        return stockham_in_place(q, data, dims, inverse, {});
    }
    if (engine == fft_engine::clfft && std::all_of(lengths.begin(), lengths.end(), clfft_supports)) {
        std::size_t points = 1;
        for (auto n : lengths) points *= n;
        return clfft_in_place(q, data.memory->buffer, lengths, data.shape->size() / points, is_double(data), inverse);
    }
    event done;
    for (std::size_t d = first; d < shape.size(); ++d)
        if (shape[d] > 1)
            done = transform_axis(q, data, d, inverse, engine, done.empty() ? wait_list{} : wait_list{done});
    return done;
}

}  // namespace clarity::detail
