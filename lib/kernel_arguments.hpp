// Checking host values against a kernel's declared C arguments, and turning them into the
// bytes clSetKernelArg takes. Shared by every kernel built from a user argument list.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <clarity/detail/call_argument.hpp>
#include <clarity/elementwise.hpp>

#include "arg_list.hpp"
#include "kernel_support.hpp"

namespace clarity::detail {

// The element type a declaration names, or std::invalid_argument for an unknown type.
const type_info& declared_type(const std::string& kernel, const declared_argument& arg);

// Count, array-or-scalar, element type, contiguity and context of every argument; throws
// std::invalid_argument naming the first mismatch. Nothing is launched before this passes.
void check_arguments(const std::string& kernel, const std::vector<declared_argument>& declared,
                     std::span<const call_argument> given, const context& ctx);

// The value of a scalar argument converted to its declared C type.
std::vector<unsigned char> scalar_bytes(const std::string& kernel, const declared_argument& declared,
                                        const call_argument& given);

// The queue a launch runs on: the one given, else the first array argument's.
const queue& launch_queue(const std::string& kernel, const queue* given, std::span<const call_argument> args);

// How a generated kernel declares the user's arguments: arrays as a base pointer and an element
// offset (`pointer_setup` turns them back into the declared name), scalars as declared. Each
// type is checked against the device.
struct user_parameters {
    std::string parameters;     // one "\n    <declaration>," per kernel parameter
    std::string pointer_setup;  // one "    <declaration> = base + offset;\n" per array
    std::vector<const type_info*> types;
};
// With restrict_pointers, array parameters are declared restrict: only for distinct buffers.
user_parameters declare_user_arguments(const std::string& kernel, const device& dev,
                                       const std::vector<declared_argument>& declared, const std::string& index_t,
                                       bool restrict_pointers = false);

// Whether no buffer is passed twice among the array arguments (so restrict pointers are valid).
bool distinct_buffers(std::span<const call_argument> args);

// The highest element index any array argument reaches (to choose 32- or 64-bit indices).
std::uint64_t largest_array_element(std::span<const call_argument> args);

// 0 .. n where n is the size of the first array argument; every array argument must have
// that size (kernels given an explicit range skip this check).
range whole_arrays(const std::string& kernel, const std::vector<declared_argument>& declared,
                   std::span<const call_argument> given);

// Sets a kernel's arguments one after another; index-sized values take the kernel's index
// width (int or long), as the generated source declares them.
class argument_writer {
public:
    argument_writer(kernel_pool::lease& kernel, bool wide_indices) : kernel_(kernel), wide_(wide_indices) {}

    void index(std::int64_t value);
    void buffer(const storage& memory);  // an empty array is passed as a null pointer
    void buffer(const cl::Buffer& memory);
    void view(const array_view& view);   // its buffer, then its element offset
    void bytes(const void* data, std::size_t size);
    template <class T>
    void value(const T& v) {
        bytes(&v, sizeof(T));
    }
    // The user's arguments: arrays as (buffer, offset), scalars converted to their declared type.
    void user_arguments(const std::string& kernel, const std::vector<declared_argument>& declared,
                        std::span<const call_argument> given);
    unsigned next() const { return next_; }  // the index the next argument goes to

private:
    kernel_pool::lease& kernel_;
    bool wide_;
    unsigned next_ = 0;
};

}  // namespace clarity::detail
