#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "visual_impl.hpp"

namespace clarity::viz {

visual::visual(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
visual::~visual() = default;

std::size_t data_ref::size() const {
    std::size_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

}  // namespace clarity::viz

namespace clarity::viz::detail {

void require_drawable(const data_ref& data, const char* what, std::initializer_list<std::size_t> ranks) {
    if (data.type_name != "float")
        throw std::invalid_argument(std::string("viz: ") + what + " must hold float, not " + data.type_name +
                                    " (convert with astype<float>())");
    if (std::find(ranks.begin(), ranks.end(), data.shape.size()) == ranks.end()) {
        std::string allowed;
        for (auto r : ranks) allowed += (allowed.empty() ? "" : " or ") + std::to_string(r);
        throw std::invalid_argument(std::string("viz: ") + what + " must be " + allowed + "-d, not shape " +
                                    clarity::to_string(data.shape));
    }
    if (!data.contiguous) throw std::invalid_argument(std::string("viz: ") + what + " must be contiguous (use copy())");
    if (data.size() == 0) throw std::invalid_argument(std::string("viz: ") + what + " is empty");
}

void require_same_shape(const data_ref& before, const data_ref& after, const char* what) {
    if (before.shape != after.shape || after.type_name != "float" || !after.contiguous)
        throw std::invalid_argument(std::string("viz: ") + what + " update needs a contiguous float array of shape " +
                                    clarity::to_string(before.shape) + ", not " + after.type_name + " " +
                                    clarity::to_string(after.shape));
}

std::vector<float> read_to_host(const data_ref& data) {
    std::vector<float> host(data.size());
    clarity::detail::check(
        data.q.get().enqueueReadBuffer(data.buffer, CL_TRUE, data.offset_bytes, host.size() * sizeof(float), host.data()),
        "reading plot data to the host");
    return host;
}

void value_range(const std::vector<float>& values, float& lo, float& hi) {
    lo = std::numeric_limits<float>::infinity();
    hi = -lo;
    for (float v : values)
        if (!std::isnan(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
}

void value_range(const data_ref& data, float& lo, float& hi) { value_range(read_to_host(data), lo, hi); }

gl_data make_gl_data(const transfer& transfer, const data_ref& data, GLenum format) {
    gl_data out;
    static_cast<copy_target&>(out) = transfer.make_buffer(data.size() * sizeof(float));
    out.texture = make_buffer_texture(out.buffer.get(), format);
    return out;
}

void bind_data(const gl_data& data, int unit) {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_BUFFER, data.texture.get());
}

void set_view(GLint location, const view_box& view) {
    glUniform4f(location, static_cast<float>(view.x0), static_cast<float>(view.y0), static_cast<float>(view.x1),
                static_cast<float>(view.y1));
}

}  // namespace clarity::viz::detail
