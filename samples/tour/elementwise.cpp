// ElementwiseKernel: PyOpenCL's lin_comb, cached kernels, checked calls.
#include "tour.hpp"

void tour::elementwise(clarity::queue& q) {
    section("ElementwiseKernel");
    const std::size_t n = std::size_t(1) << 22;
    const auto host_a = random_floats(n, 1), host_b = random_floats(n, 2);
    const auto a = clarity::to_device(q, host_a), b = clarity::to_device(q, host_b);
    auto res = clarity::empty<float>(q, {n});
    clarity::ElementwiseKernel lin_comb(q.context(), "float k1, float *a, float k2, float *b, float *res",
                                        "res[i] = k1 * a[i] + k2 * b[i]", "lin_comb");
    step("lin_comb: res = 2a + 3b on 2^22 floats (first call builds)", [&] {
        lin_comb(2.0f, a, 3.0f, b, res);
        const auto r = res.get();
        for (std::size_t k = 0; k < n; ++k)
            if (r[k] != 2.0f * host_a[k] + 3.0f * host_b[k]) return false;
        return true;
    });
    step("lin_comb again, 10 times (kernel cached)", [&] {
        for (int k = 0; k < 10; ++k) lin_comb(2.0f, a, 3.0f, b, res);
        q.finish();
        return res[n - 1].item() == 2.0f * host_a[n - 1] + 3.0f * host_b[n - 1];
    });
    step("a bad call throws before launching", [&] {
        try {
            lin_comb(2.0f, a, 3.0f, b);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what()).find("expected 5 arguments") != std::string::npos;
        }
        return false;
    });
}
