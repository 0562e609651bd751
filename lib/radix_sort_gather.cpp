// Carrying arrays along a sorting permutation: what RadixSort does for its named arrays and
// sort_by_key for values too large to move through local memory.
#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "radix_sort_engine.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

// The elements as a built-in type of their size where there is one, else as bytes.
std::string element_typedef(std::size_t size) {
    switch (size) {
        case 1: return "typedef uchar element_t;";
        case 2: return "typedef ushort element_t;";
        case 4: return "typedef uint element_t;";
        case 8: return "typedef ulong element_t;";
        case 16: return "typedef uint4 element_t;";
        default: return "typedef struct { uchar bytes[" + std::to_string(size) + "]; } element_t;";
    }
}

}  // namespace

event gather_in_place(const queue& q, const buffer_slice& array, std::size_t element_size,
                      const cl::Buffer& permutation, const type_info& permutation_type, std::uint64_t n,
                      const event& after, scratch_lease& scratch) {
    const bool wide = n >= (1ull << 31);
    const std::string index_t = wide ? "long" : "int";
    const auto key = "radix_gather/" + std::to_string(element_size) + "/" + permutation_type.name + "/" + index_t;
    auto& pool = library_kernel(q, key, "clarity_radix_gather", [&] {
        return fill_template(embedded_source("radix_gather.cl"), {{"element_typedef", element_typedef(element_size)},
                                                                  {"index_t", index_t},
                                                                  {"permutation_t", permutation_type.name}});
    });
    const cl::Buffer gathered = scratch.buffer(scratch_slot::gathered, n * element_size);
    auto kernel = pool.acquire();
    argument_writer write(kernel, wide);
    write.buffer(array.buffer);
    write.index(std::int64_t(array.offset));
    write.buffer(gathered);
    write.buffer(permutation);
    write.index(std::int64_t(n));
    const event done = kernel.run(q, n, {after});
    const auto events = cl_events({done});
    cl::Event copied;
    check(q.get().enqueueCopyBuffer(gathered, array.buffer, 0, array.offset * element_size, n * element_size, &events,
                                    &copied),
          "clEnqueueCopyBuffer");
    return event(copied);
}

}  // namespace clarity::detail
