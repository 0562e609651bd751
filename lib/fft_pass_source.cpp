#include "fft_pass_source.hpp"

#include <bit>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <set>
#include <utility>

#include "embedded.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

// "(c)(re, im), ...": exp(-2 pi i q / radix) for q < count, as OpenCL C literals.
std::string roots_literal(std::size_t radix, std::size_t count, const std::string& complex_type) {
    std::string text;
    for (std::size_t q = 0; q < count; ++q) {
        const double angle = -2 * std::numbers::pi * double(q) / double(radix);
        char item[96];
        std::snprintf(item, sizeof item, "%s(%s)(%.17g, %.17g)", q ? ", " : "", complex_type.c_str(), std::cos(angle),
                      std::sin(angle));
        text += item;
    }
    return text;
}

std::string dft_source(std::size_t radix, const template_values& common) {
    const bool power_of_two = std::has_single_bit(radix);
    auto values = common;
    values["radix"] = std::to_string(radix);
    values["radix_bits"] = std::to_string(std::countr_zero(radix));
    values["root_count"] = std::to_string(power_of_two ? radix / 2 : radix);
    values["roots"] = roots_literal(radix, power_of_two ? radix / 2 : radix, common.at("complex"));
    return fill_template(embedded_source(power_of_two ? "fft_dft_pow2.cl" : "fft_dft_odd.cl"), values);
}

}  // namespace

std::string fft_pass_source(const device& dev, const type_info& complex_type, const char* index_t,
                            const fft_pass_kernel& pass) {
    const auto C = std::to_string(pass.columns), L = std::to_string(pass.length);
    template_values values{{"prelude", kernel_prelude(dev, {&complex_type})},
                           {"real", complex_type.scalar_name},
                           {"complex", complex_type.name},
                           {"prefix", complex_type.name.substr(0, complex_type.name.size() - 2)},
                           {"index_t", index_t},
                           {"length", L},
                           {"columns", C},
                           {"row", std::to_string(fft_local_row(pass.length))},
                           {"work_items", std::to_string(pass.work_items)},
                           {"stage_count", std::to_string(pass.radices.size())}};
    // A sub-transform's points in order where they are adjacent in memory, else sub-transforms side by side.
    const auto order = [&](bool contiguous) {
        return contiguous ? std::pair{"i / " + L, "i % " + L} : std::pair{"i % " + C, "i / " + C};
    };
    std::tie(values["load_column"], values["load_point"]) = order(pass.contiguous_in);
    std::tie(values["store_column"], values["store_point"]) = order(pass.contiguous_out);

    std::string dfts, stages, calls;
    std::set<std::size_t> radices_done;
    std::set<std::pair<std::size_t, std::size_t>> stages_done;
    std::size_t span = 1;
    for (auto radix : pass.radices) {
        const std::size_t butterflies = pass.columns * pass.length / radix;
        const std::size_t per_item = (butterflies + pass.work_items - 1) / pass.work_items;
        if (radices_done.insert(radix).second) dfts += dft_source(radix, values);
        if (stages_done.insert({radix, per_item}).second) {
            auto stage_values = values;
            stage_values["radix"] = std::to_string(radix);
            stage_values["per_item"] = std::to_string(per_item);
            stages += fill_template(embedded_source("fft_stage.cl"), stage_values);
        }
        calls += "    clarity_fft_stage_" + std::to_string(radix) + "x" + std::to_string(per_item) + "(data, roots, " +
                 std::to_string(span) + ", sign);\n";
        span *= radix;
    }
    values["dfts"] = dfts;
    values["stages"] = stages;
    values["stage_calls"] = calls;
    return fill_template(embedded_source("fft_pass.cl"), values);
}

std::string fft_pass_key(const type_info& complex_type, const char* index_t, const fft_pass_kernel& pass) {
    std::string key = "fft_pass:" + complex_type.name + ":" + index_t;
    for (auto part : {pass.length, pass.columns, pass.work_items, std::size_t(pass.contiguous_in),
                      std::size_t(pass.contiguous_out)})
        key.append(":").append(std::to_string(part));
    key.append(":radices");
    for (auto r : pass.radices) key.append(",").append(std::to_string(r));
    return key;
}

}  // namespace clarity::detail
