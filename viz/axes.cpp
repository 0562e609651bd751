#include <algorithm>
#include <cmath>

#include "axes_impl.hpp"
#include "visual_impl.hpp"

namespace clarity::viz {

axes::axes(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
axes::~axes() = default;

namespace {
template <class Plot>
Plot& add(axes::impl& a, std::unique_ptr<visual::impl> v) {
    a.visuals.push_back(std::make_unique<Plot>(std::move(v)));
    if (!a.view_touched) a.view = a.home_box();
    return static_cast<Plot&>(*a.visuals.back());
}
}  // namespace

line_plot& axes::add_line(const data_ref* x, const data_ref& y, const line_options& options) {
    return add<line_plot>(*impl_, detail::make_line(x, y, options));
}
scatter_plot& axes::add_scatter(const data_ref& x, const data_ref& y, const scatter_options& options) {
    return add<scatter_plot>(*impl_, detail::make_scatter(x, y, options));
}
image_plot& axes::add_image(const data_ref& m2d, const image_options& options) {
    return add<image_plot>(*impl_, detail::make_image(m2d, options));
}

void axes::set_title(std::string title) { impl_->title = std::move(title); }
void axes::set_view(view_box box) {
    impl_->home = box;
    impl_->view = box;
    impl_->view_touched = true;
}
const view_box& axes::view() const { return impl_->view; }
void axes::reset_view() { impl_->view = impl_->home_box(); }

view_box axes::impl::home_box() const {
    if (home) return *home;
    if (visuals.empty()) return {};
    view_box box = visuals.front()->get_impl().bounds();
    for (const auto& v : visuals) {
        const view_box b = v->get_impl().bounds();
        box = {std::min(box.x0, b.x0), std::max(box.x1, b.x1), std::min(box.y0, b.y0), std::max(box.y1, b.y1)};
    }
    return box;
}

void axes::impl::sync(detail::transfer& transfer, const detail::pixel_rect& cell, double pixel_ratio) {
    const detail::draw_context context{view, pixel_ratio, plot_rect(cell, pixel_ratio).width};
    for (auto& v : visuals) v->get_impl().sync(transfer, context);
}

void axes::impl::draw(const detail::pixel_rect& cell, double pixel_ratio, detail::painter& painter) const {
    const detail::pixel_rect area = plot_rect(cell, pixel_ratio);
    glViewport(area.x, area.y, area.width, area.height);
    glScissor(area.x, area.y, area.width, area.height);
    glEnable(GL_SCISSOR_TEST);
    for (const auto& v : visuals) v->get_impl().draw({view, pixel_ratio, area.width});
    glDisable(GL_SCISSOR_TEST);

    // Frame just outside the plot area, so that it never covers data.
    const float l = area.x - 1.0f, b = area.y - 1.0f, r = static_cast<float>(area.x + area.width),
                t = static_cast<float>(area.y + area.height);
    painter.line(l, b, r, b);
    painter.line(r, b, r, t);
    painter.line(r, t, l, t);
    painter.line(l, t, l, b);
    const float tick = static_cast<float>(std::round(5 * pixel_ratio)), scale = static_cast<float>(std::max(1.0, std::round(pixel_ratio)));
    const int max_x_ticks = std::max(2, area.width / static_cast<int>(70 * pixel_ratio));
    const int max_y_ticks = std::max(2, area.height / static_cast<int>(35 * pixel_ratio));
    for (const auto& t_x : detail::nice_ticks(view.x0, view.x1, max_x_ticks)) {
        const float px = static_cast<float>(std::round(area.x + (t_x.value - view.x0) / (view.x1 - view.x0) * area.width));
        painter.line(px, b, px, b - tick);
        painter.text(t_x.label, px, b - tick - 8 * scale, detail::align::center, scale);
    }
    for (const auto& t_y : detail::nice_ticks(view.y0, view.y1, max_y_ticks)) {
        const float py = static_cast<float>(std::round(area.y + (t_y.value - view.y0) / (view.y1 - view.y0) * area.height));
        painter.line(l, py, l - tick, py);
        painter.text(t_y.label, l - tick - 3 * scale, py, detail::align::right, scale);
    }
    if (!title.empty()) painter.text(title, area.x + area.width / 2.0f, t + 12 * scale, detail::align::center, scale);
}

}  // namespace clarity::viz
