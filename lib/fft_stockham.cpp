#include "fft_stockham.hpp"

#include <bit>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "embedded.hpp"
#include "fft_buffer.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

// Radices of one axis's passes: its log2 n bits shared as evenly as possible among `passes`.
std::vector<std::size_t> radices_for(std::size_t n, std::size_t passes) {
    const auto bits = std::size_t(std::countr_zero(n));
    std::vector<std::size_t> radices;
    for (std::size_t p = 0; p < passes; ++p) radices.push_back(std::size_t(1) << (bits / passes + (p < bits % passes)));
    return radices;
}

// Passes of radix up to 16 per axis; where that makes an odd total, which would end in an extra
// copy back, one axis that radix 32 lets do with a pass less takes it.
std::vector<std::vector<std::size_t>> pass_plan(const std::vector<std::size_t>& lengths) {
    std::vector<std::size_t> passes;
    std::size_t total = 0;
    for (auto n : lengths) total += passes.emplace_back((std::size_t(std::countr_zero(n)) + 3) / 4);
    for (std::size_t a = 0; a < lengths.size() && total % 2 == 1; ++a)
        if (passes[a] > 1 && std::size_t(std::countr_zero(lengths[a])) <= 5 * (passes[a] - 1)) {
            --passes[a];
            --total;
        }
    std::vector<std::vector<std::size_t>> plan;
    for (std::size_t a = 0; a < lengths.size(); ++a) plan.push_back(radices_for(lengths[a], passes[a]));
    return plan;
}

// "{(c0, s0), ...}": exp(-2 pi i q / radix) for q < radix / 2, as OpenCL C literals.
std::string roots_literal(std::size_t radix, const std::string& complex_type) {
    std::string text;
    for (std::size_t q = 0; q < radix / 2; ++q) {
        const double angle = -2 * std::numbers::pi * double(q) / double(radix);
        char item[96];
        std::snprintf(item, sizeof item, "%s(%s)(%.17g, %.17g)", q ? ", " : "", complex_type.c_str(), std::cos(angle),
                      std::sin(angle));
        text += item;
    }
    return text;
}

kernel_pool::lease pass_kernel(const queue& q, const type_info& type, std::size_t radix, const char* index_t) {
    const auto r = std::to_string(radix);
    const std::string name = "clarity_fft_stockham_" + r;
    auto& pool = library_kernel(q, "fft_stockham:" + r + ":" + type.name + ":" + index_t, name, [&] {
        return fill_template(embedded_source("fft_stockham.cl"),
                             {{"prelude", kernel_prelude(q.device(), {&type})},
                              {"radix", r},
                              {"half_radix", std::to_string(radix / 2)},
                              {"radix_bits", std::to_string(int(std::log2(double(radix))))},
                              {"roots", roots_literal(radix, type.name)},
                              {"index_t", index_t},
                              {"real", type.scalar_name},
                              {"complex", type.name},
                              {"prefix", type.name.substr(0, type.name.size() - 2)}});
    });
    return pool.acquire();
}

template <class Real>
void set_reals(kernel_pool::lease& kernel, unsigned first, double sign, double scale) {
    kernel.set<Real>(first, static_cast<Real>(sign));
    kernel.set<Real>(first + 1, static_cast<Real>(scale));
}

}  // namespace

bool stockham_supports(std::size_t length) { return length >= 2 && (length & (length - 1)) == 0; }

event stockham_in_place(const queue& q, const array_view& data, std::size_t axes, bool inverse,
                        const wait_list& wait_for) {
    const type_info& type = *data.type;
    const auto& shape = data.shape->shape;
    const auto total = data.shape->size();
    const char* index_t = index_type_for(total);
    const bool wide = index_t[0] == 'l';
    // Passes alternate between the data and a scratch copy; `from` holds the latest result.
    fft_buffer scratch(q, shape, type);
    const cl::Buffer* from = &data.memory->buffer;
    const cl::Buffer* to = &scratch.buffer();
    event done = wait_for.empty() ? event() : q.enqueue_marker(wait_for);
    std::vector<std::size_t> lengths;  // the transformed axes, last first
    for (std::size_t d = shape.size(); d-- > shape.size() - axes;) lengths.push_back(shape[d]);
    const auto plan = pass_plan(lengths);
    std::size_t stride = 1;
    for (std::size_t a = 0; a < lengths.size(); stride *= lengths[a], ++a) {
        const auto n = lengths[a];
        std::size_t span = 1;
        for (std::size_t p = 0; p < plan[a].size(); ++p) {
            const auto radix = plan[a][p];
            const auto count = total / radix;
            auto kernel = pass_kernel(q, type, radix, index_t);
            kernel.set_buffer(0, *from);
            kernel.set_buffer(1, *to);
            const auto set_index = [&](unsigned i, std::size_t v) {
                if (wide)
                    kernel.set<cl_long>(i, cl_long(v));
                else
                    kernel.set<cl_int>(i, cl_int(v));
            };
            set_index(2, n);
            set_index(3, stride);
            set_index(4, span);
            set_index(5, count);
            const double scale = inverse && p + 1 == plan[a].size() ? 1.0 / double(n) : 1.0;
            if (type.scalar_name == "double")
                set_reals<cl_double>(kernel, 6, inverse ? 1 : -1, scale);
            else
                set_reals<cl_float>(kernel, 6, inverse ? 1 : -1, scale);
            done = kernel.run(q, count, done.empty() ? wait_list{} : wait_list{done});
            std::swap(from, to);
            span *= radix;
        }
    }
    if (from == &data.memory->buffer) return done;
    cl::Event copied;
    const auto waits = cl_events(done.empty() ? wait_list{} : wait_list{done});
    check(q.get().enqueueCopyBuffer(*from, *to, 0, 0, total * type.size, waits.empty() ? nullptr : &waits, &copied),
          "clEnqueueCopyBuffer");
    return event(copied);
}

}  // namespace clarity::detail
