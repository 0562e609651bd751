#include "fft_bluestein.hpp"

#include <map>
#include <mutex>
#include <tuple>

#include "embedded.hpp"
#include "fft_buffer.hpp"
#include "fft_stockham.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

std::size_t convolution_length(std::size_t n) {
    std::size_t m = 1;
    while (m < 2 * n - 1) m *= 2;
    return m;
}

bool is_double(const type_info& complex_type) { return complex_type.scalar_name == "double"; }

kernel_pool::lease bluestein_kernel(const queue& q, const type_info& complex_type, const std::string& step) {
    const std::string name = "clarity_bluestein_" + step;
    const std::string prefix = is_double(complex_type) ? "cdouble" : "cfloat";
    auto& pool = library_kernel(q, "fft_bluestein:" + step + ":" + complex_type.name, name, [&] {
        return fill_template(embedded_source("fft_bluestein.cl"),
                             {{"prelude", kernel_prelude(q.device(), {&complex_type})},
                              {"real", complex_type.scalar_name},
                              {"complex", complex_type.name},
                              {"prefix", prefix}});
    });
    return pool.acquire();
}

// Sets a real-valued kernel argument in the element type's precision.
void set_real(kernel_pool::lease& kernel, unsigned index, const type_info& complex_type, double value) {
    if (is_double(complex_type))
        kernel.set<cl_double>(index, value);
    else
        kernel.set<cl_float>(index, static_cast<cl_float>(value));
}

// The transformed filter, made once per (context, device, type, n, direction).
const fft_buffer& transformed_filter(const queue& q, const type_info& complex_type, std::size_t n, bool inverse) {
    using key = std::tuple<cl_context, cl_device_id, std::string, std::size_t, bool>;
    static std::mutex mutex;
    static std::map<key, fft_buffer> filters;
    std::lock_guard lock(mutex);
    const key k{q.context().get()(), q.device().get()(), complex_type.name, n, inverse};
    if (auto it = filters.find(k); it != filters.end()) return it->second;
    const auto m = convolution_length(n);
    fft_buffer filter(q, {m}, complex_type);
    auto kernel = bluestein_kernel(q, complex_type, "filter");
    kernel.set_buffer(0, filter.buffer());
    kernel.set<cl_ulong>(1, n);
    kernel.set<cl_ulong>(2, m);
    set_real(kernel, 3, complex_type, inverse ? 1.0 : -1.0);
    const auto made = kernel.run(q, m, {});
    stockham_in_place(q, filter.view(), {0}, false, {made}).wait();
    return filters.emplace(k, std::move(filter)).first->second;
}

}  // namespace

event bluestein_in_place(const queue& q, const array_view& data, std::size_t rows, std::size_t n, bool inverse,
                         const wait_list& wait_for) {
    const type_info& type = *data.type;
    const auto m = convolution_length(n);
    const double sign = inverse ? 1.0 : -1.0;
    const fft_buffer& filter = transformed_filter(q, type, n, inverse);
    fft_buffer padded(q, {rows, m}, type);

    auto premultiply = bluestein_kernel(q, type, "premultiply");
    premultiply.set_buffer(0, data.memory->buffer);
    premultiply.set_buffer(1, padded.buffer());
    premultiply.set<cl_ulong>(2, n);
    premultiply.set<cl_ulong>(3, m);
    premultiply.set<cl_ulong>(4, rows * m);
    set_real(premultiply, 5, type, sign);
    auto done = premultiply.run(q, rows * m, wait_for);

    done = stockham_in_place(q, padded.view(), {1}, false, {done});
    auto convolve = bluestein_kernel(q, type, "convolve");
    convolve.set_buffer(0, padded.buffer());
    convolve.set_buffer(1, filter.buffer());
    convolve.set<cl_ulong>(2, m);
    convolve.set<cl_ulong>(3, rows * m);
    done = convolve.run(q, rows * m, {done});
    done = stockham_in_place(q, padded.view(), {1}, true, {done});

    auto postmultiply = bluestein_kernel(q, type, "postmultiply");
    postmultiply.set_buffer(0, padded.buffer());
    postmultiply.set_buffer(1, data.memory->buffer);
    postmultiply.set<cl_ulong>(2, n);
    postmultiply.set<cl_ulong>(3, m);
    postmultiply.set<cl_ulong>(4, rows * n);
    set_real(postmultiply, 5, type, sign);
    set_real(postmultiply, 6, type, inverse ? 1.0 / double(n) : 1.0);
    return postmultiply.run(q, rows * n, {done});
}

}  // namespace clarity::detail
