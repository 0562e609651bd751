// A contiguous device array that the FFT code allocates for itself, and views of it under
// another layout or element type (the real parts of a complex buffer, a transposed walk).
#pragma once

#include <memory>

#include <clarity/detail/array_core.hpp>

namespace clarity::detail {

class fft_buffer {
public:
    fft_buffer(const queue& q, const shape_t& shape, const type_info& type)
        : memory_(allocate(q, layout::contiguous(shape).size() * type.size)),
          layout_(layout::contiguous(shape)),
          type_(&type) {}

    array_view view() const { return {memory_.get(), &layout_, type_}; }
    const cl::Buffer& buffer() const { return memory_->buffer; }
    const layout& get_layout() const { return layout_; }

private:
    std::shared_ptr<storage> memory_;
    layout layout_;
    const type_info* type_;
};

// Whether an FFT can work on `view` in place: contiguous and starting at its buffer's first byte
// (clFFT takes buffers, not offsets).
inline bool whole_buffer_view(const array_view& view) {
    return view.shape->is_contiguous() && view.shape->offset == 0;
}

}  // namespace clarity::detail
