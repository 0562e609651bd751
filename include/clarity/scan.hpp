// Scans: GenericScanKernel, its sequential reference GenericDebugScanKernel, and the
// InclusiveScanKernel / ExclusiveScanKernel conveniences (API.md, "Scans"; PyOpenCL's pyopencl.scan).
//
//   clarity::GenericScanKernel<int> knl(ctx, {
//       .arguments = "__global int *ary, __global int *out",
//       .input_expr = "(ary[i] > 300) ? 1 : 0", .scan_expr = "a+b", .neutral = "0",
//       .output_statement = "if (prev_item != item) out[item-1] = ary[i];"});
//   knl(ary, out);
//
// The snippets see the same names as in PyOpenCL:
//   input_expr            the value scanned at index i; may use the input_fetch_exprs names
//   scan_expr             combines a (the prefix) with b (the element being added);
//                         across_seg_boundary is true when b starts a segment, and the expression
//                         should then drop a (e.g. "across_seg_boundary ? b : a+b")
//   is_segment_start_expr true where a segment starts (empty: one segment)
//   output_statement      runs once per i with item (inclusive value), prev_item (exclusive value,
//                         the neutral at index 0 and at segment starts) and last_item (the total)
//   i, N                  the index and the number of elements scanned
//   input_fetch_exprs     {"name", "arg", offset}: `name` = arg[i + offset] (offset 0 or -1; at
//                         i == 0 an offset of -1 reads arg[0]) for input_expr and is_segment_start_expr
//
// Strategy: GPUs scan tiles of 128 work-items x 128 bytes with decoupled look-back; CPU devices
// give each tile to one work-item. CLARITY_SCAN_TILES=work_group|sequential overrides that, and
// CLARITY_SCAN_GEOMETRY=<work-group size>x<items per work-item> the GPU tile shape.
// Cost: one pass over the data (decoupled look-back), except that an output_statement using
// last_item adds a first pass that only computes the total (the input is read twice).
// An output_statement must not write elements that input_expr of another index reads,
// except that in-place scans (out[i] = item with input ary[i], ary == out) are safe.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <clarity/array.hpp>
#include <clarity/detail/call_argument.hpp>
#include <clarity/device.hpp>

namespace clarity {

// `name` = `argument`[i + offset] inside input_expr and is_segment_start_expr.
struct input_fetch {
    std::string name;
    std::string argument;
    int offset = 0;  // 0 or -1
};

struct scan_options {
    std::string arguments;              // C argument list; __global is implied for pointers
    std::string input_expr;
    std::string scan_expr;              // over a, b and across_seg_boundary
    std::string neutral;                // needed when output_statement uses prev_item
    std::string output_statement;
    std::string is_segment_start_expr;  // empty: an unsegmented scan
    std::vector<input_fetch> input_fetch_exprs;
    std::string preamble;               // OpenCL C placed before the kernels
    std::string options;                // compiler options
    std::string index_type;             // "int" or "long"; empty: "int" when every index fits 31 bits
    std::string name = "scan";          // prefix of the generated kernels' names
};

struct scan_launch_options {
    std::optional<std::size_t> size;        // default: the size of the first array argument
    wait_list wait_for;
    const clarity::queue* queue = nullptr;  // default: the first array argument's queue
};

namespace detail {

// A compaction (algorithm.hpp) as a scan: on GPUs, a kernel of its own (cl/compaction.cl)
// replaces the output statement, gathering each tile's kept entries of type `item` before
// writing them (and, for a partition, the rejected ones).
struct compaction_body {
    const type_info* item = nullptr;  // null: a plain scan
    bool partition = false;
};

// The type-erased engine behind both scan kernels; `sequential` picks the single-work-item reference.
class scan_engine {
public:
    scan_engine(const context& ctx, const type_info& scan_type, const scan_options& options, bool sequential,
                compaction_body compaction = {});

    event launch(const scan_launch_options& options, std::span<const call_argument> args) const;
    std::string source(const device& dev, bool wide_indices) const;

    struct state;

private:
    std::shared_ptr<state> state_;
};

template <element T, bool Sequential>
class scan_kernel {
public:
    scan_kernel(const context& ctx, const scan_options& options)
        : engine_(ctx, type_info_of<T>(), options, Sequential) {}

    template <class... Args>
    event operator()(const Args&... args) const {
        return launch({}, args...);
    }

    template <class... Args>
    event launch(const scan_launch_options& options, const Args&... args) const {
        const std::array<call_argument, sizeof...(Args)> erased{make_call_argument(args)...};
        return engine_.launch(options, erased);
    }

    // The OpenCL C source built for `dev` (for reading and debugging).
    std::string source(const device& dev, bool wide_indices = false) const { return engine_.source(dev, wide_indices); }

private:
    scan_engine engine_;
};

// in -> out (or in place) with item (inclusive) or prev_item (exclusive) as the output.
template <element T>
class simple_scan_kernel {
public:
    simple_scan_kernel(const context& ctx, const std::string& scan_expr, const std::string& neutral, bool inclusive,
                       const std::string& preamble)
        : kernel_(ctx, options(scan_expr, neutral, inclusive, preamble)) {}

    event operator()(const array<T>& input, const array<T>& output, const wait_list& wait_for = {}) const {
        if (input.size() != output.size())
            throw std::invalid_argument("scan: input has " + std::to_string(input.size()) + " elements, output " +
                                        std::to_string(output.size()));
        scan_launch_options launch_options;
        launch_options.wait_for = wait_for;
        return kernel_.launch(launch_options, input, output);
    }
    event operator()(const array<T>& in_out, const wait_list& wait_for = {}) const {
        return (*this)(in_out, in_out, wait_for);
    }

private:
    static scan_options options(const std::string& scan_expr, const std::string& neutral, bool inclusive,
                                const std::string& preamble) {
        scan_options o;
        o.arguments = "__global const " + type_name<T>() + " *input, __global " + type_name<T>() + " *output";
        o.input_expr = "input[i]";
        o.scan_expr = scan_expr;
        o.neutral = neutral;
        o.output_statement = inclusive ? "output[i] = item" : "output[i] = prev_item";
        o.preamble = preamble;
        o.name = inclusive ? "inclusive_scan" : "exclusive_scan";
        return o;
    }

    scan_kernel<T, false> kernel_;
};

}  // namespace detail

// A parallel scan in one pass over the data (see the top of this file).
template <element T>
using GenericScanKernel = detail::scan_kernel<T, false>;

// The same options run by one work-item, element after element: a reference for tests.
template <element T>
using GenericDebugScanKernel = detail::scan_kernel<T, true>;

// output[i] = input[0] op ... op input[i];  incl(in, out) or incl(in_out).
template <element T>
class InclusiveScanKernel : public detail::simple_scan_kernel<T> {
public:
    InclusiveScanKernel(const context& ctx, const std::string& scan_expr, const std::string& neutral = "",
                        const std::string& preamble = "")
        : detail::simple_scan_kernel<T>(ctx, scan_expr, neutral, true, preamble) {}
};

// output[i] = neutral op input[0] op ... op input[i-1];  excl(in, out) or excl(in_out).
template <element T>
class ExclusiveScanKernel : public detail::simple_scan_kernel<T> {
public:
    ExclusiveScanKernel(const context& ctx, const std::string& scan_expr, const std::string& neutral,
                        const std::string& preamble = "")
        : detail::simple_scan_kernel<T>(ctx, scan_expr, neutral, false, preamble) {}
};

}  // namespace clarity
