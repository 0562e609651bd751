#include <clarity/layout.hpp>

#include <stdexcept>

namespace clarity {

std::size_t layout::size() const {
    std::size_t n = 1;
    for (auto extent : shape) n *= extent;
    return n;
}

bool layout::is_contiguous() const {
    if (size() <= 1) return true;
    std::ptrdiff_t expected = 1;
    for (std::size_t d = shape.size(); d-- > 0;) {
        if (shape[d] == 1) continue;  // the stride of a length-1 dimension never matters
        if (strides[d] != expected) return false;
        expected *= static_cast<std::ptrdiff_t>(shape[d]);
    }
    return true;
}

std::ptrdiff_t layout::first_element() const {
    if (size() == 0) return 0;
    std::ptrdiff_t lowest = offset;
    for (std::size_t d = 0; d < shape.size(); ++d)
        if (strides[d] < 0) lowest += strides[d] * static_cast<std::ptrdiff_t>(shape[d] - 1);
    return lowest;
}

std::ptrdiff_t layout::end_element() const {
    if (size() == 0) return 0;
    std::ptrdiff_t highest = offset;
    for (std::size_t d = 0; d < shape.size(); ++d)
        if (strides[d] > 0) highest += strides[d] * static_cast<std::ptrdiff_t>(shape[d] - 1);
    return highest + 1;
}

layout layout::contiguous(shape_t shape, std::ptrdiff_t offset) {
    strides_t strides(shape.size());
    std::ptrdiff_t stride = 1;
    for (std::size_t d = shape.size(); d-- > 0;) {
        strides[d] = stride;
        stride *= static_cast<std::ptrdiff_t>(shape[d]);
    }
    return {std::move(shape), std::move(strides), offset};
}

std::string to_string(const shape_t& shape) {
    std::string out = "(";
    for (std::size_t d = 0; d < shape.size(); ++d) out += (d ? ", " : "") + std::to_string(shape[d]);
    return out + (shape.size() == 1 ? ",)" : ")");
}

layout layout::reshaped(const shape_t& new_shape) const {
    layout target = contiguous(new_shape, offset);
    if (target.size() != size())
        throw std::invalid_argument("reshape: cannot view " + std::to_string(size()) + " elements of shape " +
                                    to_string(shape) + " as shape " + to_string(new_shape));
    if (is_contiguous()) return target;
    // A strided view can be reshaped without a copy when each group of old dimensions that
    // forms one run of new dimensions is itself contiguous (numpy's rule). Walk both shapes.
    const layout old = collapsed();
    std::size_t o = 0;
    std::ptrdiff_t inner_stride = 0;
    std::size_t old_remaining = 0;
    for (std::size_t d = 0; d < new_shape.size(); ++d) {
        if (new_shape[d] == 1) {
            target.strides[d] = 1;
            continue;
        }
        if (old_remaining == 0) {
            if (o == old.shape.size()) break;
            old_remaining = old.shape[o];
            inner_stride = old.strides[o] * static_cast<std::ptrdiff_t>(old.shape[o]);
            ++o;
        }
        if (old_remaining % new_shape[d] != 0)
            throw std::invalid_argument("reshape: the strided view of shape " + to_string(shape) +
                                        " cannot be viewed as " + to_string(new_shape) + " without a copy; call copy() first");
        old_remaining /= new_shape[d];
        inner_stride /= static_cast<std::ptrdiff_t>(new_shape[d]);
        target.strides[d] = inner_stride;
        if (old_remaining == 1) old_remaining = 0;
    }
    return target;
}

layout layout::transposed() const {
    layout out = *this;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        out.shape[d] = shape[shape.size() - 1 - d];
        out.strides[d] = strides[shape.size() - 1 - d];
    }
    return out;
}

layout layout::transposed(std::size_t dim0, std::size_t dim1) const {
    if (dim0 >= shape.size() || dim1 >= shape.size())
        throw std::invalid_argument("transpose: dimension " + std::to_string(std::max(dim0, dim1)) +
                                    " is out of range for an array of " + std::to_string(shape.size()) + " dimensions");
    layout out = *this;
    std::swap(out.shape[dim0], out.shape[dim1]);
    std::swap(out.strides[dim0], out.strides[dim1]);
    return out;
}

layout layout::sliced(std::size_t dim, std::ptrdiff_t start, std::ptrdiff_t stop, std::ptrdiff_t step) const {
    if (dim >= shape.size())
        throw std::invalid_argument("slice: dimension " + std::to_string(dim) + " is out of range for an array of " +
                                    std::to_string(shape.size()) + " dimensions");
    if (step == 0) throw std::invalid_argument("slice: step must not be zero");
    const auto extent = static_cast<std::ptrdiff_t>(shape[dim]);
    if (start < 0) start += extent;
    if (stop < 0) stop += extent;
    // A negative step runs down to stop (exclusive); to include element 0, pass
    // stop = -extent - 1, which wraps to -1 (Python would write None).
    const bool start_ok = step > 0 ? (start >= 0 && start <= extent) : (start >= 0 && start < extent) || extent == 0;
    const bool stop_ok = step > 0 ? (stop >= 0 && stop <= extent) : (stop >= -1 && stop < extent);
    if (!start_ok || !stop_ok)
        throw std::invalid_argument("slice(" + std::to_string(dim) + ", " + std::to_string(start) + ", " +
                                    std::to_string(stop) + ", " + std::to_string(step) +
                                    "): out of range for dimension of length " + std::to_string(extent));
    std::ptrdiff_t count = 0;
    if (step > 0 && stop > start) count = (stop - start + step - 1) / step;
    if (step < 0 && start > stop) count = (start - stop + (-step) - 1) / (-step);
    layout out = *this;
    out.shape[dim] = static_cast<std::size_t>(count);
    if (count > 0) out.offset += start * strides[dim];
    out.strides[dim] = strides[dim] * step;
    return out;
}

layout layout::indexed(std::ptrdiff_t index) const {
    if (shape.empty()) throw std::invalid_argument("index: a 0-d array cannot be indexed");
    const auto extent = static_cast<std::ptrdiff_t>(shape[0]);
    if (index < -extent || index >= extent)
        throw std::invalid_argument("index " + std::to_string(index) + " is out of range for dimension 0 of length " +
                                    std::to_string(extent));
    if (index < 0) index += extent;
    layout out;
    out.shape.assign(shape.begin() + 1, shape.end());
    out.strides.assign(strides.begin() + 1, strides.end());
    out.offset = offset + index * strides[0];
    return out;
}

layout layout::collapsed() const {
    layout out;
    out.offset = offset;
    if (size() == 0) {
        out.shape = {0};
        out.strides = {1};
        return out;
    }
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 1) continue;
        if (!out.shape.empty() &&
            out.strides.back() == strides[d] * static_cast<std::ptrdiff_t>(shape[d])) {
            out.shape.back() *= shape[d];
            out.strides.back() = strides[d];
        } else {
            out.shape.push_back(shape[d]);
            out.strides.push_back(strides[d]);
        }
    }
    if (out.shape.empty()) {
        out.shape = {1};
        out.strides = {1};
    }
    return out;
}

}  // namespace clarity
