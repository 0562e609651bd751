#include <clarity/clarity.hpp>

#include <cstdio>

int main() {
    auto& q = clarity::default_queue();
    auto a = clarity::arange<int>(q, 0, 100);
    clarity::ElementwiseKernel square(q.context(), "int *a", "a[i] = a[i] * a[i]", "square");
    square(a);
    const auto h = a.get();
    for (int i = 0; i < 100; ++i)
        if (h[i] != i * i) return 1;
    std::printf("consumer: ok on %s\n", q.device().name().c_str());
    return 0;
}
