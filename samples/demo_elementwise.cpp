// PyOpenCL's first example, in C++: res = 2*a + 3*b with an ElementwiseKernel, checked on the host.
#include <clarity/clarity.hpp>

#include <cstdio>
#include <random>
#include <vector>

int main() {
    auto& q = clarity::default_queue();
    const std::size_t n = 50000;
    std::mt19937 gen(0);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    std::vector<float> a_host(n), b_host(n);
    for (std::size_t i = 0; i < n; ++i) {
        a_host[i] = uniform(gen);
        b_host[i] = uniform(gen);
    }
    auto a = clarity::to_device(q, a_host);
    auto b = clarity::to_device(q, b_host);
    auto res = clarity::empty<float>(q, {n});

    clarity::ElementwiseKernel lin_comb(q.context(), "float k1, float *a, float k2, float *b, float *res",
                                        "res[i] = k1 * a[i] + k2 * b[i]", "lin_comb");
    lin_comb(2.0f, a, 3.0f, b, res);

    const auto got = res.get();
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < n; ++i) wrong += got[i] != 2.0f * a_host[i] + 3.0f * b_host[i];
    std::printf("lin_comb on %s: %zu of %zu results differ from the host\n", q.device().name().c_str(), wrong, n);
    return wrong == 0 ? 0 : 1;
}
