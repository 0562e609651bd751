// rand, randn and randint: one generated kernel per (distribution, element type), cl/random.cl.
#include <clarity/random.hpp>

#include "embedded.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

struct generator_code {
    int per_block = 4;          // values made from one 128-bit Philox block
    std::string parameters;     // extra kernel parameters
    std::string generate;       // fills v[0 .. per_block) from the words w[0..3]
};

const char* distribution_name(distribution kind) {
    switch (kind) {
        case distribution::uniform: return "uniform";
        case distribution::normal: return "normal";
        case distribution::integers: return "integers";
    }
    return "random";
}

// u in [0, 1) from the top bits of one word (float) or two words (double).
std::string unit_interval(const std::string& t, int word) {
    if (t == "float") return "(float)(w[" + std::to_string(word) + "] >> 8) * 0x1p-24f";
    return "(double)((((ulong)w[" + std::to_string(word) + "] << 32) | w[" + std::to_string(word + 1) +
           "]) >> 11) * 0x1p-53";
}

generator_code code_for(distribution kind, const type_info& t) {
    const bool single = t.size <= 4;
    const int words = single ? 1 : 2;  // words per value
    generator_code c;
    c.per_block = 4 / words;
    const std::string indent = "        ";
    switch (kind) {
        case distribution::uniform:
            for (int j = 0; j < c.per_block; ++j)
                c.generate += indent + "v[" + std::to_string(j) + "] = " + unit_interval(t.name, j * words) + ";\n";
            break;
        case distribution::normal:
            // Box-Muller on pairs (u1, u2) with u1 = 1 - u in (0, 1], so the logarithm is finite.
            for (int pair = 0; pair < c.per_block / 2; ++pair) {
                const auto a = std::to_string(2 * pair), b = std::to_string(2 * pair + 1);
                c.generate += indent + "{\n" + indent + "    const " + t.name + " r = sqrt(-2 * log(1 - " +
                              unit_interval(t.name, 2 * pair * words) + "));\n" + indent + "    const " + t.name +
                              " theta = 2 * M_PI" + (single ? "_F" : "") + " * " +
                              unit_interval(t.name, (2 * pair + 1) * words) + ";\n" + indent + "    v[" + a +
                              "] = r * cos(theta);\n" + indent + "    v[" + b + "] = r * sin(theta);\n" + indent +
                              "}\n";
            }
            break;
        case distribution::integers:
            c.parameters = ", ulong low, ulong span";
            for (int j = 0; j < c.per_block; ++j) {
                const auto word = std::to_string(j * words);
                const std::string offset = single ? "(((ulong)w[" + word + "] * span) >> 32)"
                                                  : "mul_hi(((ulong)w[" + word + "] << 32) | w[" +
                                                        std::to_string(j * words + 1) + "], span)";
                c.generate += indent + "v[" + std::to_string(j) + "] = (" + t.name + ")(low + " + offset + ");\n";
            }
            break;
    }
    if (!c.generate.empty()) c.generate.pop_back();
    return c;
}

std::string random_source(const device& dev, distribution kind, const type_info& t, const std::string& name) {
    const auto code = code_for(kind, t);
    return fill_template(embedded_source("random.cl"),
                         {{"prelude", kernel_prelude(dev, {&t})},
                          {"philox", std::string(embedded_source("philox.cl"))},
                          {"per_block", std::to_string(code.per_block)},
                          {"name", name},
                          {"value_t", t.name},
                          {"parameters", code.parameters},
                          {"generate", code.generate}});
}

}  // namespace

void fill_random(const queue& q, const array_view& out, distribution kind, std::uint64_t seed, std::uint64_t low,
                 std::uint64_t span) {
    const type_info& t = *out.type;
    const bool floating = t.kind == type_kind::floating;
    if ((kind == distribution::integers) == floating || !(floating || t.is_integer()))
        throw std::invalid_argument(std::string("random ") + distribution_name(kind) + " numbers of " + t.name +
                                    " are not supported");
    const auto count = out.shape->size();
    if (count == 0) return;
    const std::string name = std::string("clarity_random_") + distribution_name(kind);
    auto& pool = library_kernel(q, "random:" + std::string(distribution_name(kind)) + ":" + t.name, name,
                                [&] { return random_source(q.device(), kind, t, name); });
    const auto per_block = std::uint64_t(code_for(kind, t).per_block);
    auto kernel = pool.acquire();
    unsigned index = 0;
    kernel.set_buffer(index++, out.memory->buffer);  // fresh contiguous arrays: offset 0
    kernel.set<cl_ulong>(index++, count);
    kernel.set<cl_uint2>(index++, cl_uint2{{cl_uint(seed), cl_uint(seed >> 32)}});
    if (kind == distribution::integers) {
        kernel.set<cl_ulong>(index++, low);
        kernel.set<cl_ulong>(index++, span);
    }
    kernel.enqueue(q, (count + per_block - 1) / per_block, {});
}

}  // namespace clarity::detail
