// The public FFT entry points: checking shapes, then one complex transform in place on a
// contiguous buffer (the output's own where it can be, else scratch).
#include <clarity/fft.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "embedded.hpp"
#include "fft_buffer.hpp"
#include "fft_transform.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

bool same_view(const array_view& a, const array_view& b) {
    return a.memory == b.memory && a.shape->shape == b.shape->shape && a.shape->strides == b.shape->strides &&
           a.shape->offset == b.shape->offset;
}

// How many trailing axes a transform of `shape` covers; throws for shapes it cannot take.
std::size_t transform_axes(const char* what, const shape_t& shape, const fft_options& options) {
    const auto ndim = shape.size();
    const auto axes = options.axes == 0 ? ndim : options.axes;
    if (ndim == 0) throw std::invalid_argument(std::string(what) + ": a 0-d array has no axis to transform");
    if (options.axes == 0 && ndim > 3)
        throw std::invalid_argument(std::string(what) + ": a " + std::to_string(ndim) +
                                    "-d array needs .axes (1 to 3 trailing axes)");
    if (axes > 3 || axes > ndim)
        throw std::invalid_argument(std::string(what) + ": cannot transform " + std::to_string(axes) +
                                    " axes of shape " + to_string(shape) + " (1 to 3, at most ndim)");
    for (std::size_t d = ndim - axes; d < ndim; ++d)
        if (shape[d] == 0)
            throw std::invalid_argument(std::string(what) + ": transform axis " + std::to_string(d) + " of shape " +
                                        to_string(shape) + " is empty");
    return axes;
}

void require_shape(const char* what, const shape_t& got, const shape_t& expected) {
    if (got != expected)
        throw std::invalid_argument(std::string(what) + ": out has shape " + to_string(got) + ", expected " +
                                    to_string(expected));
}

// Where the real parts of a contiguous complex array lie, counted in real elements.
layout real_parts(const layout& complex_layout) {
    layout l = complex_layout;
    for (auto& s : l.strides) s *= 2;
    return l;
}

event hermitian_extend(const queue& q, const fft_buffer& full, const array_view& half, std::size_t axes) {
    const type_info& type = *half.type;
    const auto& shape = full.get_layout().shape;
    const auto ndim = shape.size();
    const auto length = [&](std::size_t from_end) { return from_end < axes ? shape[ndim - 1 - from_end] : 1; };
    auto& pool = library_kernel(q, "fft_hermitian:" + type.name, "clarity_fft_hermitian_extend", [&] {
        return fill_template(embedded_source("fft_hermitian.cl"),
                             {{"prelude", kernel_prelude(q.device(), {&type})},
                              {"complex", type.name},
                              {"prefix", type.name.substr(0, type.name.size() - 2)}});
    });
    auto kernel = pool.acquire();
    kernel.set_buffer(0, full.buffer());
    kernel.set_buffer(1, half.memory->buffer);
    kernel.set<cl_ulong>(2, half.shape->offset);
    kernel.set<cl_ulong>(3, full.get_layout().size());
    kernel.set<cl_ulong>(4, length(2));
    kernel.set<cl_ulong>(5, length(1));
    kernel.set<cl_ulong>(6, length(0));
    kernel.set<cl_ulong>(7, half.shape->shape.back());
    return kernel.run(q, full.get_layout().size(), {});
}

}  // namespace

event complex_fft(const array_view& in, const array_view& out, const queue& q, const fft_options& options,
                  bool inverse) {
    const char* what = inverse ? "ifft" : "fft";
    const auto axes = transform_axes(what, in.shape->shape, options);
    require_shape(what, out.shape->shape, in.shape->shape);
    if (in.shape->size() == 0) return nothing_to_do(q, {});
    // Work in out's buffer where clFFT can take it whole, else in scratch copied out at the end.
    std::optional<fft_buffer> scratch;
    if (!whole_buffer_view(out)) scratch.emplace(q, out.shape->shape, *out.type);
    const array_view work = scratch ? scratch->view() : out;
    if (!same_view(in, work)) assign_view(q, work, in, {});
    auto done = transform_in_place(q, work, axes, inverse, options.engine);
    return scratch ? assign_view(q, out, work, {done}) : done;
}

event real_fft(const array_view& in, const array_view& out, const queue& q, const fft_options& options) {
    const auto axes = transform_axes("rfft", in.shape->shape, options);
    require_shape("rfft", out.shape->shape, rfft_shape(in.shape->shape));
    if (in.shape->size() == 0) return nothing_to_do(q, {});
    fft_buffer full(q, in.shape->shape, *out.type);
    assign_view(q, full.view(), in, {});  // widened to complex
    auto done = transform_in_place(q, full.view(), axes, false, options.engine);
    const layout half = full.get_layout().sliced(in.shape->ndim() - 1, 0, std::ptrdiff_t(out.shape->shape.back()));
    return assign_view(q, out, {full.view().memory, &half, out.type}, {done});
}

event real_ifft(const array_view& in, const array_view& out, const queue& q, const fft_options& options) {
    const auto axes = transform_axes("irfft", out.shape->shape, options);
    require_shape("irfft", out.shape->shape, irfft_shape(in.shape->shape, out.shape->shape.back()));
    if (out.shape->size() == 0) return nothing_to_do(q, {});
    std::optional<fft_buffer> dense_in;
    if (!in.shape->is_contiguous()) {
        dense_in.emplace(q, in.shape->shape, *in.type);
        assign_view(q, dense_in->view(), in, {});
    }
    fft_buffer full(q, out.shape->shape, *in.type);
    hermitian_extend(q, full, dense_in ? dense_in->view() : in, axes);
    auto done = transform_in_place(q, full.view(), axes, true, options.engine);
    const layout real = real_parts(full.get_layout());
    return assign_view(q, out, {full.view().memory, &real, out.type}, {done});
}

shape_t rfft_shape(shape_t real_shape) {
    if (real_shape.empty()) throw std::invalid_argument("rfft: a 0-d array has no axis to transform");
    real_shape.back() = real_shape.back() / 2 + 1;
    return real_shape;
}

shape_t irfft_shape(shape_t half_shape, std::size_t n) {
    if (half_shape.empty()) throw std::invalid_argument("irfft: a 0-d array has no axis to transform");
    if (n == 0 || half_shape.back() != n / 2 + 1)
        throw std::invalid_argument("irfft: an output of length " + std::to_string(n) + " needs " +
                                    std::to_string(n / 2 + 1) + " values along the last axis, not " +
                                    std::to_string(half_shape.back()));
    half_shape.back() = n;
    return half_shape;
}

void require_trailing_shape(const shape_t& shape, const shape_t& lengths) {
    const bool fits = shape.size() >= lengths.size() && std::equal(lengths.rbegin(), lengths.rend(), shape.rbegin());
    if (!fits)
        throw std::invalid_argument("fft_plan for " + to_string(lengths) + ": an array of shape " + to_string(shape) +
                                    " does not end in those lengths");
}

void prepare_fft(const queue& q, const shape_t& lengths, const type_info& complex_type, fft_engine engine) {
    transform_axes("fft_plan", lengths, {});
    require_type_support(q.device(), complex_type, "fft_plan");
    fft_buffer sample(q, lengths, complex_type);  // contents irrelevant: this only compiles the kernels
    transform_in_place(q, sample.view(), lengths.size(), false, engine);
    transform_in_place(q, sample.view(), lengths.size(), true, engine).wait();
}

}  // namespace clarity::detail
