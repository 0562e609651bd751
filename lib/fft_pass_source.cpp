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

// exp(sign 2 pi i q / radix) as an OpenCL C expression (sign is the kernel's argument), with
// literals of the element type's precision.
std::string root_literal(std::size_t q, std::size_t radix, const template_values& values) {
    const double angle = 2 * std::numbers::pi * double(q) / double(radix);
    const bool single = values.at("real") == "float";
    char text[128];
    std::snprintf(text, sizeof text, single ? "(%s)(%.9gf, sign * %.9gf)" : "(%s)(%.17g, sign * %.17g)",
                  values.at("complex").c_str(), std::cos(angle), std::sin(angle));
    return text;
}

// The in-register DFT of `radix` points as straight-line code (no loops or indexed arrays left
// for the compiler to resolve): radix-2 decimation in frequency and a bit-reversal permutation
// for powers of two, the definition for the small odd primes.
std::string dft_source(std::size_t radix, const template_values& values) {
    const auto R = std::to_string(radix);
    const auto& complex_type = values.at("complex");
    const auto mul = values.at("prefix") + "_mul";
    std::string text = "// The DFT of " + R + " points in registers, natural order in and out.\n";
    text += "inline void clarity_dft_" + R + "(" + complex_type + " *v, " + values.at("real") + " sign)\n{\n";
    const auto at = [](std::size_t i) { return "v[" + std::to_string(i) + "]"; };
    if (std::has_single_bit(radix)) {
        text += "    // Radix-2 butterflies, then point r moved back from the bit reversal of r.\n";
        text += "    " + complex_type + " a, d;\n";
        for (std::size_t distance = radix / 2; distance >= 1; distance /= 2)
            for (std::size_t start = 0; start < radix; start += 2 * distance)
                for (std::size_t t = 0; t < distance; ++t) {
                    const std::size_t q = t * (radix / (2 * distance));
                    const auto lo = at(start + t), hi = at(start + t + distance);
                    text += "    a = " + lo + "; d = " + lo + " - " + hi + "; " + lo + " = a + " + hi + "; ";
                    if (q == 0)
                        text += hi + " = d;\n";
                    else if (4 * q == radix)  // times sign * i
                        text += hi + " = (" + complex_type + ")(-sign * d.y, sign * d.x);\n";
                    else
                        text += hi + " = " + mul + "(d, " + root_literal(q, radix, values) + ");\n";
                }
        const int bits = std::countr_zero(radix);
        for (std::size_t r = 0; r < radix; ++r) {
            std::size_t reversed = 0;
            for (int b = 0; b < bits; ++b) reversed |= ((r >> b) & 1) << (bits - 1 - b);
            if (r < reversed) text += "    a = " + at(r) + "; " + at(r) + " = " + at(reversed) + "; " + at(reversed) + " = a;\n";
        }
    } else {
        text += "    " + complex_type + " x[" + R + "];\n";
        for (std::size_t r = 0; r < radix; ++r) text += "    x[" + std::to_string(r) + "] = " + at(r) + ";\n";
        for (std::size_t q = 0; q < radix; ++q) {
            text += "    " + at(q) + " = x[0]";
            for (std::size_t r = 1; r < radix; ++r) {
                const std::size_t e = q * r % radix;
                text += e == 0 ? " + x[" + std::to_string(r) + "]"
                               : "\n        + " + mul + "(x[" + std::to_string(r) + "], " +
                                     root_literal(e, radix, values) + ")";
            }
            text += ";\n";
        }
    }
    return text + "}\n\n";
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
                           {"points_per_item", std::to_string((pass.columns * pass.length + pass.work_items - 1) /
                                                              pass.work_items)},
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
