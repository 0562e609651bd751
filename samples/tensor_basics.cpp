// The first hour of a PyTorch course, on the device with clarity: creating arrays, shapes and
// strides, views that share storage, statistics, and a linear regression y = w*x + b fitted by
// gradient descent written with fused expressions and reductions.
#include <clarity/clarity.hpp>

#include <cstdio>

namespace {
template <class T>
void show(const char* name, const clarity::array<T>& a) {
    std::printf("%-22s shape %-10s strides (", name, clarity::to_string(a.shape()).c_str());
    for (auto s : a.strides()) std::printf("%td,", s);
    std::printf(")  [");
    const auto values = a.get();
    for (std::size_t k = 0; k < values.size() && k < 6; ++k) std::printf("%s%.3g", k ? ", " : "", double(values[k]));
    std::printf("%s]\n", values.size() > 6 ? ", ..." : "");
}
}  // namespace

int main() {
    auto& q = clarity::default_queue();
    std::printf("device: %s\n\n", q.device().name().c_str());

    // Creating arrays.
    show("rand (2, 3)", clarity::rand<float>(q, {2, 3}, 1));
    show("randn (2, 3)", clarity::randn<float>(q, {2, 3}, 2));
    show("zeros (2, 2)", clarity::zeros<float>(q, {2, 2}));
    show("ones (3,)", clarity::ones<float>(q, {3}));

    // Views: reshape and transpose share the buffer, only shape and strides change.
    const auto x = clarity::arange<float>(q, 0, 12);
    const auto m = x.reshape({3, 4});
    const auto t = m.transpose();
    show("arange(12).reshape", m);
    show("transpose", t);
    m[0].fill(-1.0f);  // writes into x too
    show("x after m[0] = -1", x);
    std::printf("shared storage: %s, transpose contiguous: %s\n\n", t.buffer()() == x.buffer()() ? "yes" : "no",
                t.is_contiguous() ? "yes" : "no");

    // Statistics are 0-d arrays on the device; item() reads one.
    const auto data = clarity::randn<float>(q, {100000}, 3);
    std::printf("randn(100000): min %.3f max %.3f mean %.4f std %.4f\n\n", clarity::min(data).item(),
                clarity::max(data).item(), clarity::mean(data).item(), clarity::std(data).item());

    // Linear regression: y = 3x + 0.5 plus noise, fitted by gradient descent. Each step is a few
    // fused kernels; w and b stay on the device as 0-d arrays.
    const std::size_t n = 4096;
    const auto xs = clarity::rand<float>(q, {n}, 4);
    const clarity::array<float> ys = 3.0f * xs + 0.5f + 0.05f * clarity::randn<float>(q, {n}, 5);
    auto w = clarity::zeros<float>(q, {}), b = clarity::zeros<float>(q, {});
    auto error = clarity::empty<float>(q, {n});
    const float learning_rate = 0.5f;
    for (int step = 0; step <= 500; ++step) {
        error = w * xs + b - ys;
        if (step % 50 == 0) std::printf("step %3d  loss %.6f  w %.4f  b %.4f\n", step, clarity::dot(error, error).item() / float(n), w.item(), b.item());
        w -= learning_rate * 2.0f * clarity::mean(clarity::eval(error * xs));
        b -= learning_rate * 2.0f * clarity::mean(error);
    }
    std::printf("fitted y = %.3f x + %.3f (true: 3x + 0.5)\n", w.item(), b.item());
    return 0;
}
